// Text rendering of single values, the way DuckDB's CLI shows them. Used by
// the pretty printer and the CSV writer.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "columnar/vector.h"
#include "common/result.h"

namespace strata {

// Renders row `row` of `vector` ("NULL" for a null row):
//   bool          true / false
//   float         shortest round-trip digits, "1.0" for integral values,
//                 nan / inf / -inf
//   decimal       exactly `scale` fractional digits: 12.30
//   date          2025-10-03
//   time          12:34:56.5
//   timestamp     2025-10-03 12:34:56.123456, with "+00" when UTC
//   string, json  the text itself
//   binary        printable ASCII as is, other bytes (and '\') as \xHH
//   uuid          canonical 8-4-4-4-12 lowercase hex
//   struct        {'a': 1, 'b': x}
//   list          [1, 2, NULL]
//   map           {k=v, k2=v2}
// REQUIRES: 0 <= row < vector.length().
std::string FormatValue(const ColumnVector& vector, int64_t row);
void AppendValue(const ColumnVector& vector, int64_t row, std::string* out);

// Shortest round-trip text of a float; the float overload keeps float
// precision ("0.1", not "0.10000000149011612").
void AppendFloat(double value, std::string* out);
void AppendFloat(float value, std::string* out);

// The \xHH escaping of binary values described above.
void AppendEscapedBinary(std::string_view bytes, std::string* out);

using UuidBytes = std::array<uint8_t, 16>;
// REQUIRES: bytes.size() == 16.
std::string FormatUuid(std::string_view bytes);
// Accepts the canonical form in either case, with or without dashes and
// braces.
Result<UuidBytes> ParseUuid(std::string_view text);

}  // namespace strata
