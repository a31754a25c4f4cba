// JSON text primitives: string escaping, base64 and the validating minifier.
#include <cctype>

#include "columnar/json_writer.h"
#include "columnar/utf8.h"

namespace strata {
namespace {

constexpr int kMaxJsonDepth = 512;

// Validates one JSON value and copies it to out_ minus whitespace.
class JsonMinifier {
 public:
  JsonMinifier(std::string_view text, std::string* out) : text_(text), out_(out) {}

  bool Run() {
    if (!utf8::IsValid(text_)) return false;
    if (!Value(0)) return false;
    SkipSpace();
    return pos_ == text_.size();
  }

 private:
  void SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool Peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool Copy(char c) {
    if (!Peek(c)) return false;
    out_->push_back(c);
    ++pos_;
    return true;
  }
  bool IsDigitAt(size_t i) const { return i < text_.size() && text_[i] >= '0' && text_[i] <= '9'; }
  void CopyDigits() {
    while (IsDigitAt(pos_)) out_->push_back(text_[pos_++]);
  }

  bool Value(int depth) {
    if (depth > kMaxJsonDepth) return false;
    SkipSpace();
    if (pos_ >= text_.size()) return false;
    switch (text_[pos_]) {
      case '{': return Container(depth, '}', /*object=*/true);
      case '[': return Container(depth, ']', /*object=*/false);
      case '"': return String();
      case 't': return Literal("true");
      case 'f': return Literal("false");
      case 'n': return Literal("null");
      default: return Number();
    }
  }

  bool Container(int depth, char close, bool object) {
    out_->push_back(text_[pos_++]);
    SkipSpace();
    if (Copy(close)) return true;
    do {
      SkipSpace();
      if (object) {
        if (!String()) return false;
        SkipSpace();
        if (!Copy(':')) return false;
      }
      if (!Value(depth + 1)) return false;
      SkipSpace();
    } while (Copy(','));
    return Copy(close);
  }

  bool Literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    out_->append(word);
    pos_ += word.size();
    return true;
  }

  bool Number() {
    Copy('-');
    if (!IsDigitAt(pos_)) return false;
    if (!Copy('0')) CopyDigits();
    if (Copy('.')) {
      if (!IsDigitAt(pos_)) return false;
      CopyDigits();
    }
    if (Copy('e') || Copy('E')) {
      if (!Copy('+')) Copy('-');
      if (!IsDigitAt(pos_)) return false;
      CopyDigits();
    }
    return true;
  }

  bool String() {
    if (!Copy('"')) return false;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (static_cast<unsigned char>(c) < 0x20) return false;
      out_->push_back(c);
      ++pos_;
      if (c == '"') return true;
      if (c == '\\' && !Escape()) return false;
    }
    return false;
  }

  bool Escape() {
    if (pos_ >= text_.size()) return false;
    const char c = text_[pos_];
    if (c == 'u') {
      for (size_t i = 1; i <= 4; ++i) {
        if (pos_ + i >= text_.size() ||
            !std::isxdigit(static_cast<unsigned char>(text_[pos_ + i]))) {
          return false;
        }
      }
      out_->append(text_.substr(pos_, 5));
      pos_ += 5;
      return true;
    }
    if (std::string_view("\"\\/bfnrt").find(c) == std::string_view::npos) return false;
    out_->push_back(c);
    ++pos_;
    return true;
  }

  std::string_view text_;
  std::string* out_;
  size_t pos_ = 0;
};

}  // namespace

void AppendJsonString(std::string_view text, std::string* out) {
  static constexpr std::string_view kEscaped = "\"\\\b\f\n\r\t";
  static constexpr std::string_view kEscapes = "\"\\bfnrt";
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t pos = 0;
  while (pos < text.size()) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c >= 0x80) {
      const size_t start = pos;
      const bool valid = utf8::Decode(text, &pos) != utf8::kInvalid;
      out->append(valid ? text.substr(start, pos - start) : "\\ufffd");
      continue;
    }
    ++pos;
    const size_t escape = kEscaped.find(static_cast<char>(c));
    if (escape != std::string_view::npos) {
      out->push_back('\\');
      out->push_back(kEscapes[escape]);
    } else if (c < 0x20) {
      out->append("\\u00");
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 0xF]);
    } else {
      out->push_back(static_cast<char>(c));
    }
  }
  out->push_back('"');
}

void AppendBase64(std::string_view bytes, std::string* out) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t group = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    for (int shift = 18; shift >= 0; shift -= 6) out->push_back(kAlphabet[(group >> shift) & 63]);
  }
  const size_t rest = bytes.size() - i;
  if (rest == 0) return;
  const uint32_t group = byte(i) << 16 | (rest == 2 ? byte(i + 1) << 8 : 0);
  out->push_back(kAlphabet[group >> 18]);
  out->push_back(kAlphabet[(group >> 12) & 63]);
  out->push_back(rest == 2 ? kAlphabet[(group >> 6) & 63] : '=');
  out->push_back('=');
}

bool AppendMinifiedJson(std::string_view text, std::string* out) {
  const size_t start = out->size();
  if (JsonMinifier(text, out).Run()) return true;
  out->resize(start);
  return false;
}

}  // namespace strata
