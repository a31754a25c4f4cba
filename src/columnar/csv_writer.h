// CSV output of record batches (RFC 4180, with '\n' line endings).
#pragma once

#include <string>

#include "columnar/record_batch.h"
#include "common/status.h"

namespace strata {

struct CsvWriteOptions {
  char delimiter = ',';
  // Write the column names first. Callers streaming several batches into
  // one file set it for the first batch only.
  bool header = true;
  // The text of a null value. With the default "", empty strings are
  // written as "" (quoted) so the two stay distinguishable.
  std::string null_string;
};

// Appends the rows of `batch` to `out`. A field is quoted when it contains
// the delimiter, a quote, CR or LF, starts or ends with a space or tab, or
// would read back as null; quotes inside are doubled. Scalars are written
// as FormatValue renders them (timestamps "2025-10-03 12:34:56.5", binary
// with \xHH escapes), nested values as JSON text (see json_writer.h).
// Fails with Invalid when the delimiter is a quote, CR or LF, or the
// null_string contains the delimiter, a quote, CR or LF.
Status WriteCsv(const RecordBatch& batch, const CsvWriteOptions& options, std::string* out);

}  // namespace strata
