// CsvReader: a CSV (or gzip/zstd-compressed CSV) file as a stream of record
// batches of a given schema, parsed in parallel with bounded memory, every
// value checked against the schema. InferCsvSchema proposes that schema.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/record_batch_reader.h"
#include "columnar/schema.h"
#include "common/result.h"
#include "common/thread_pool.h"
#include "formats/csv_chunker.h"
#include "formats/csv_dialect.h"
#include "formats/read_options.h"
#include "formats/text_reader.h"
#include "formats/value_options.h"
#include "io/file_system.h"

namespace strata::formats {

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
  // Hash the file while reading it, for content_checksum().
  bool hash_content = false;
};

// Infers column names (from the header, else column_1, column_2, ...; empty
// names become column_N and repeated ones get a _2, _3 suffix) and types
// from a sample. Every column is nullable. Records whose field count differs
// from the header's are left out of the sample (the reader rejects them).
// Fails with Invalid naming file and column for an ambiguous date.
Result<SchemaPtr> InferCsvSchema(FileSystem* fs, const std::string& path,
                                 const CsvReadOptions& options, const InferOptions& infer);

// Thread safety: none; one consumer. Parse tasks run on options.pool.
class CsvReader final : public TextReader {
 public:
  // REQUIRES: fs outlives the reader; `schema` has one field per CSV column
  // in file order (names need not match the header: a schema file may rename).
  // Fails when the header's width differs from the schema's.
  static Result<std::unique_ptr<CsvReader>> Open(FileSystem* fs, const std::string& path,
                                                 SchemaPtr schema, CsvReadOptions options);
  ~CsvReader() override;

  // The header's names as written (empty without a header).
  const std::vector<std::string>& header() const;

 protected:
  Result<std::optional<ParseTask>> NextTask() override;
  const InputStream& input() const override;

 private:
  struct Shared;
  CsvReader(std::unique_ptr<CsvChunker> chunker, std::shared_ptr<const Shared> shared,
            TextReadPolicy policy);

  std::unique_ptr<CsvChunker> chunker_;
  std::shared_ptr<const Shared> shared_;  // Read by the parse tasks.
};

}  // namespace strata::formats
