#include "columnar/utf8.h"

namespace strata::utf8 {
namespace {

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the sequence announced by a lead byte, 0 when it cannot lead.
int SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

}  // namespace

int32_t Decode(std::string_view text, size_t* pos) {
  const auto lead = static_cast<unsigned char>(text[*pos]);
  const int length = SequenceLength(lead);
  if (length == 1) {
    ++*pos;
    return lead;
  }
  if (length == 0 || *pos + static_cast<size_t>(length) > text.size()) {
    ++*pos;
    return kInvalid;
  }
  int32_t code_point = lead & (0xFF >> (length + 1));
  for (int k = 1; k < length; ++k) {
    const auto c = static_cast<unsigned char>(text[*pos + static_cast<size_t>(k)]);
    if (!IsContinuation(c)) {
      ++*pos;
      return kInvalid;
    }
    code_point = (code_point << 6) | (c & 0x3F);
  }
  static constexpr int32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  const bool overlong = code_point < kMinForLength[length];
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (overlong || surrogate || code_point > 0x10FFFF) {
    ++*pos;
    return kInvalid;
  }
  *pos += static_cast<size_t>(length);
  return code_point;
}

bool IsValid(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    // ASCII fast path: most text is plain ASCII.
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    if (Decode(text, &pos) == kInvalid) return false;
  }
  return true;
}

int64_t CountCodePoints(std::string_view text) {
  int64_t count = 0;
  for (size_t pos = 0; pos < text.size(); ++count) Decode(text, &pos);
  return count;
}

std::string_view TruncateCodePoints(std::string_view text, int64_t max_code_points) {
  size_t pos = 0;
  for (int64_t n = 0; n < max_code_points && pos < text.size(); ++n) Decode(text, &pos);
  return text.substr(0, pos);
}

namespace {

struct Range {
  int32_t first;
  int32_t last;
};

// Unicode East Asian Width W/F blocks and the emoji blocks terminals draw
// two columns wide.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x18CFF},
    {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E},
    {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF},
    {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x3FFFD},
};

// Combining marks and zero-width characters.
constexpr Range kZero[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
    {0x064B, 0x065F}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E},
    {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x20D0, 0x20FF},
    {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

template <size_t N>
bool InRanges(const Range (&ranges)[N], int32_t cp) {
  for (const Range& r : ranges) {
    if (cp < r.first) return false;  // Sorted: no later range can match.
    if (cp <= r.last) return true;
  }
  return false;
}

}  // namespace

int CodePointWidth(int32_t code_point) {
  if (code_point < 0x300) return 1;
  if (InRanges(kZero, code_point)) return 0;
  return InRanges(kWide, code_point) ? 2 : 1;
}

int64_t DisplayWidth(std::string_view text) {
  int64_t width = 0;
  for (size_t pos = 0; pos < text.size();) width += CodePointWidth(Decode(text, &pos));
  return width;
}

std::string_view TruncateDisplayWidth(std::string_view text, int64_t max_width) {
  size_t pos = 0;
  for (int64_t width = 0; pos < text.size();) {
    size_t next = pos;
    width += CodePointWidth(Decode(text, &next));
    if (width > max_width) break;
    pos = next;
  }
  return text.substr(0, pos);
}

void Encode(int32_t code_point, std::string* out) {
  const auto cp = static_cast<uint32_t>(code_point);
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace strata::utf8
