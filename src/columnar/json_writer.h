// JSON Lines output of record batches, and the JSON rendering of single
// values that the CSV writer reuses for nested columns.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "columnar/record_batch.h"
#include "columnar/vector.h"

namespace strata {

// Appends one JSON object per row, each ending in '\n', keys in schema
// order. Appending lets callers stream a table batch by batch. Values:
//   integers, decimals  JSON numbers with every digit (int64, uint64 and
//                       decimal(38) included; readers that parse numbers as
//                       doubles may round them)
//   floats              shortest round-trip number; NaN and infinities as null
//   bool                true / false
//   date, time          "2025-10-03", "12:34:56.5"
//   timestamp           ISO 8601 "2025-10-03T12:34:56.123456", "Z" when UTC
//   string              a string; invalid UTF-8 bytes become U+FFFD
//   json                embedded as JSON (minified) when it parses, else as
//                       a string
//   binary, fixed_size  base64 (RFC 4648, padded) strings
//   uuid                canonical lowercase string
//   struct              object
//   list                array
//   map                 object when keys are strings, else an array of
//                       {"key": ..., "value": ...} objects
void WriteJsonLines(const RecordBatch& batch, std::string* out);

// Appends row `row` of `vector` as a JSON value as above ("null" if null).
void AppendJsonValue(const ColumnVector& vector, int64_t row, std::string* out);

// Appends `text` as a quoted JSON string: '"' and '\' escaped, control
// characters as \b \f \n \r \t or \u00XX, invalid UTF-8 as \ufffd.
void AppendJsonString(std::string_view text, std::string* out);

// Appends `bytes` as standard padded base64.
void AppendBase64(std::string_view bytes, std::string* out);

// If `text` is one valid JSON value (RFC 8259, UTF-8), appends it without
// insignificant whitespace and returns true; otherwise appends nothing and
// returns false. Nesting deeper than 512 levels counts as invalid.
bool AppendMinifiedJson(std::string_view text, std::string* out);

}  // namespace strata
