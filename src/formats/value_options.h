// How text values map to typed values: null tokens, booleans, date and
// timestamp formats, decimals. Shared by inference and parsing, and by the
// CSV and JSON readers.
#pragma once

#include <string>
#include <vector>

namespace strata::formats {

struct ValueOptions {
  // An unquoted field equal to one of these is null. A quoted field is
  // never null ("" is the empty string), as DuckDB and Polars read it.
  std::vector<std::string> null_values = {""};
  // Case-insensitive spellings of booleans.
  std::vector<std::string> true_values = {"true"};
  std::vector<std::string> false_values = {"false"};
  // strptime-style formats (%Y %m %d %H %M %S %f %z %b %% and literals).
  // When set, only values matching the format are dates (timestamps); when
  // empty, only ISO 8601 forms are. Inference also recognises a/b/YYYY
  // dates and proves their day/month order; ColumnInference::date_format()
  // returns the resulting format, which the caller puts here for that
  // column's parser.
  std::string date_format;
  std::string timestamp_format;
  // Numbers with a fixed number of fractional digits infer as
  // decimal(p, s) instead of float64 (`--decimals exact`).
  bool exact_decimals = false;
};

}  // namespace strata::formats
