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
