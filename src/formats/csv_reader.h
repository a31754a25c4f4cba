// CsvReader: a CSV (or gzip/zstd-compressed CSV) file as a stream of record
// batches of a given schema, parsed in parallel with bounded memory, every
// value checked against the schema. InferCsvSchema proposes that schema.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "columnar/record_batch_reader.h"
#include "columnar/schema.h"
#include "common/result.h"
#include "common/thread_pool.h"
#include "formats/csv_dialect.h"
#include "formats/value_options.h"
#include "io/file_system.h"

namespace strata::formats {

enum class OnError {
  kFail,  // The first bad row fails the read.
  kSkip,  // Bad rows are dropped (and kept for TakeRejected), up to max_errors.
};

struct CsvReadOptions {
  CsvDialect dialect;
  CsvLimits limits;
  ValueOptions values;
  OnError on_error = OnError::kFail;
  // With kSkip: more bad rows than this fail the read. -1: no limit.
  int64_t max_errors = -1;
  // A value that does not fit its column's type but fits a safe widening
  // (value_parser.h) fails the read with a WidenError instead of a row
  // error, so the caller can restart with the wider schema.
  bool allow_widening = true;
  // Blocks parsed ahead of the consumer; bounds memory to about
  // (read_ahead + 1) * limits.block_bytes * 3.
  int read_ahead = 4;
  ThreadPool* pool = nullptr;  // Null: ThreadPool::Default().
};

struct InferOptions {
  // Data rows to sample from the start of the file; -1 reads them all.
  int64_t sample_rows = 20480;
};

// Field metadata: the strptime format of a date column's values when it
// is not the reader's (inference proved a day/month order, or a schema file
// says so).
inline constexpr std::string_view kDateFormatKey = "strata.date_format";

// A row that could not be read: malformed, or a value that does not fit.
struct RejectedRow {
  std::string file;
  int64_t line = 0;    // 1-based physical line where the record starts.
  std::string column;  // Empty when the whole record is malformed.
  std::string raw;     // The record's text.
  std::string reason;  // Why, with the value.
};

// Infers column names (from the header, else column_1, column_2, ...; empty
// names become column_N and repeated ones get a _2, _3 suffix) and types
// from a sample. Every column is nullable. Records whose field count differs
// from the header's are left out of the sample (the reader rejects them).
// Fails with Invalid naming file and column for an ambiguous date.
Result<SchemaPtr> InferCsvSchema(FileSystem* fs, const std::string& path,
                                 const CsvReadOptions& options, const InferOptions& infer);

// Thread safety: none; one consumer. Parse tasks run on options.pool.
class CsvReader final : public RecordBatchReader {
 public:
  // REQUIRES: fs outlives the reader; `schema` has one field per CSV column
  // in file order (names need not match the header: a schema file may rename).
  static Result<std::unique_ptr<CsvReader>> Open(FileSystem* fs, const std::string& path,
                                                 SchemaPtr schema, CsvReadOptions options);
  ~CsvReader() override;

  const SchemaPtr& schema() const override;
  // One batch per chunk of about limits.block_bytes of text. Errors name
  // the file, line, column and value. A widening value fails
  // with Invalid whose message says which column widens to which type;
  // widened_schema() then returns the schema to restart with.
  Result<RecordBatchPtr> Next() override;

  int64_t rows_read() const;      // Rows returned so far.
  int64_t rows_rejected() const;  // Bad rows skipped so far.
  int64_t compressed_bytes_read() const;
  int64_t file_size() const;
  // Rejected rows collected since the last call (kSkip only).
  std::vector<RejectedRow> TakeRejected();
  // Set after Next() failed because a value needs a wider column type.
  SchemaPtr widened_schema() const;

 private:
  class Impl;
  explicit CsvReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace strata::formats
