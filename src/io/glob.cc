#include "io/glob.h"

#include <cstddef>
#include <vector>

namespace strata {
namespace {

constexpr size_t kNoStar = std::string_view::npos;

// Reads one possibly escaped character of a bracket expression.
unsigned char ReadClassChar(std::string_view pattern, size_t* i) {
  if (pattern[*i] == '\\' && *i + 1 < pattern.size()) ++*i;
  return static_cast<unsigned char>(pattern[(*i)++]);
}

// Matches `c` against the bracket expression at pattern[p] == '['. On a well
// formed class sets *next past the closing ']' and returns whether `c` is in
// it; returns false with *next == p when the class never closes.
bool MatchClass(std::string_view pattern, size_t p, char c, size_t* next) {
  auto uc = static_cast<unsigned char>(c);
  size_t i = p + 1;
  bool negated = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negated) ++i;
  bool found = false;
  for (bool first = true; i < pattern.size(); first = false) {
    if (pattern[i] == ']' && !first) {
      *next = i + 1;
      return found != negated;
    }
    unsigned char low = ReadClassChar(pattern, &i);
    unsigned char high = low;
    if (i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']') {
      ++i;
      high = ReadClassChar(pattern, &i);
    }
    found = found || (low <= uc && uc <= high);
  }
  *next = p;
  return false;
}

// Matches one pattern token (not '*') at pattern[p] against `c`; on success
// sets *next to the start of the following token.
bool MatchToken(std::string_view pattern, size_t p, char c, size_t* next) {
  switch (pattern[p]) {
    case '?': *next = p + 1; return true;
    case '[': {
      bool matched = MatchClass(pattern, p, c, next);
      if (*next != p) return matched;
      *next = p + 1;  // Unclosed: a literal '['.
      return c == '[';
    }
    case '\\':
      if (p + 1 < pattern.size()) {
        *next = p + 2;
        return pattern[p + 1] == c;
      }
      [[fallthrough]];
    default: *next = p + 1; return pattern[p] == c;
  }
}

bool StartsWithLiteralDot(std::string_view pattern) {
  return pattern.starts_with('.') || pattern.starts_with("\\.");
}

bool MatchSegment(std::string_view pattern, std::string_view name) {
  if (name.starts_with('.') && !StartsWithLiteralDot(pattern)) return false;
  size_t p = 0;
  size_t n = 0;
  size_t star_p = kNoStar;  // Where to resume the pattern after the last '*'.
  size_t star_n = 0;        // How much of `name` that '*' has swallowed.
  while (n < name.size()) {
    size_t next = 0;
    if (p < pattern.size() && pattern[p] == '*') {
      star_p = ++p;
      star_n = n;
    } else if (p < pattern.size() && MatchToken(pattern, p, name[n], &next)) {
      p = next;
      ++n;
    } else if (star_p != kNoStar) {
      p = star_p;
      n = ++star_n;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// Splits at '/', dropping empty segments; runs of "**" collapse into one
// since they match the same paths.
std::vector<std::string_view> SplitSegments(std::string_view path) {
  std::vector<std::string_view> segments;
  while (!path.empty()) {
    size_t slash = path.find('/');
    std::string_view segment = path.substr(0, slash);
    bool repeat = segment == "**" && !segments.empty() && segments.back() == "**";
    if (!segment.empty() && !repeat) segments.push_back(segment);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  }
  return segments;
}

bool MatchSegments(const std::vector<std::string_view>& pattern, size_t i,
                   const std::vector<std::string_view>& path, size_t j) {
  for (; i < pattern.size(); ++i, ++j) {
    if (pattern[i] == "**") {
      for (size_t k = j;; ++k) {
        if (MatchSegments(pattern, i + 1, path, k)) return true;
        if (k == path.size() || path[k].starts_with('.')) return false;
      }
    }
    if (j == path.size() || !MatchSegment(pattern[i], path[j])) return false;
  }
  return j == path.size();
}

std::string Unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) ++i;
    out.push_back(text[i]);
  }
  return out;
}

// The index of the first unescaped metacharacter, or npos.
size_t FindMetachar(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '*' || text[i] == '?' || text[i] == '[') {
      return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

bool HasGlobMetachars(std::string_view text) {
  return FindMetachar(text) != std::string_view::npos;
}

bool GlobMatch(std::string_view pattern, std::string_view path) {
  if (pattern.starts_with('/') != path.starts_with('/')) return false;
  return MatchSegments(SplitSegments(pattern), 0, SplitSegments(path), 0);
}

GlobBase SplitGlobBase(std::string_view pattern) {
  size_t meta = FindMetachar(pattern);
  if (meta == std::string_view::npos) return {Unescape(pattern), ""};
  size_t slash = pattern.rfind('/', meta);
  if (slash == std::string_view::npos) return {"", std::string(pattern)};
  // Keep the root of an absolute pattern ("/*.csv" lists "/").
  std::string_view base = pattern.substr(0, slash == 0 ? 1 : slash);
  return {Unescape(base), std::string(pattern.substr(slash + 1))};
}

}  // namespace strata
