// Minimal UTF-8 decoding for display width, validation and JSON escaping.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace strata::utf8 {

inline constexpr int32_t kInvalid = -1;

// Decodes the code point starting at text[*pos] and advances *pos past it.
// Returns kInvalid and advances by one byte for a malformed, overlong,
// surrogate or truncated sequence, so callers can substitute U+FFFD per bad
// byte. REQUIRES: *pos < text.size().
int32_t Decode(std::string_view text, size_t* pos);

bool IsValid(std::string_view text);

// Code points in `text`, each malformed byte counting as one.
int64_t CountCodePoints(std::string_view text);

// The longest prefix of `text` holding at most `max_code_points` code points.
std::string_view TruncateCodePoints(std::string_view text, int64_t max_code_points);

// Terminal columns `code_point` occupies: 0 for combining marks and
// zero-width characters, 2 for East Asian wide/fullwidth characters and
// emoji, 1 otherwise (malformed bytes, kInvalid, count 1: they print as
// U+FFFD).
int CodePointWidth(int32_t code_point);

// Terminal columns `text` occupies when printed (sum of CodePointWidth).
int64_t DisplayWidth(std::string_view text);

// The longest prefix of `text` that occupies at most `max_width` columns.
std::string_view TruncateDisplayWidth(std::string_view text, int64_t max_width);

// Appends the UTF-8 encoding of `code_point`. REQUIRES: a valid code point.
void Encode(int32_t code_point, std::string* out);

}  // namespace strata::utf8
