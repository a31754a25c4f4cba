// The shape of a CSV file: what separates, quotes and escapes fields, and
// which leading lines are not data.
#pragma once

#include <cstdint>
#include <string>

namespace strata::formats {

struct CsvDialect {
  char delimiter = ',';
  char quote = '"';
  // Inside quotes, `escape` followed by any byte stands for that byte. The
  // default '\0' means none: RFC 4180's doubled quote ("") is the only escape.
  char escape = '\0';
  // The first record (after skip_rows) names the columns.
  bool header = true;
  // Physical lines dropped before anything else (before the header).
  int64_t skip_rows = 0;
  // Lines starting with this prefix (outside quotes) are ignored; empty: none.
  std::string comment_prefix;
};

// Bounds that keep a malformed file from exhausting memory.
struct CsvLimits {
  // Bytes handed to one parse task; also the read size.
  int64_t block_bytes = 8 << 20;
  // A record (for example an unterminated quote) longer than this is an error.
  int64_t max_record_bytes = 64 << 20;
  int32_t max_columns = 16384;
};

}  // namespace strata::formats
