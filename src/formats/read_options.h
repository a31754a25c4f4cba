// Options and results shared by the text readers (CSV and JSON): the bad-row
// policy, the inference sample, and the description of a rejected row.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace strata::formats {

enum class OnError {
  kFail,  // The first bad row fails the read.
  kSkip,  // Bad rows are dropped (and kept for TakeRejected), up to max_errors.
};

struct InferOptions {
  // Data rows (records) to sample from the start of the file; -1 reads them all.
  int64_t sample_rows = 20480;
};

// Field metadata: the strptime format of a date column's values when it
// is not the reader's (inference proved a day/month order, or a schema file
// says so).
inline constexpr std::string_view kDateFormatKey = "strata.date_format";
// The same for a timestamp column (a schema file's per-column format).
inline constexpr std::string_view kTimestampFormatKey = "strata.timestamp_format";

// A row that could not be read: malformed, or a value that does not fit.
struct RejectedRow {
  std::string file;
  int64_t line = 0;    // 1-based physical line where the record starts.
  std::string column;  // Empty when the whole record is malformed.
  std::string raw;     // The record's text.
  std::string reason;  // Why, with the value.
};

}  // namespace strata::formats
