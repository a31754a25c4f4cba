// TextReader: what the CSV and JSON readers share — chunks of a text file
// parsed by tasks on the pool, at most read_ahead ahead of the consumer,
// handed out in input order, with one bad-row policy and one way of asking
// for a wider schema. Subclasses only cut the input into parse tasks.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "columnar/record_batch_reader.h"
#include "common/thread_pool.h"
#include "formats/input_stream.h"
#include "formats/read_options.h"

namespace strata::formats {

// What one parse task yields.
struct ParsedTextChunk {
  RecordBatchPtr batch;  // The good rows.
  int64_t rows = 0;      // Records in the chunk, good and bad.
  // Bad rows in line order (under kFail only the first matters).
  std::vector<RejectedRow> rejected;
  // Columns that need a wider type, fields the schema lacks (appended to
  // it), and the first line that asked for either.
  std::vector<std::pair<int, TypePtr>> widenings;
  std::vector<Field> new_fields;
  int64_t widening_line = 0;
  std::string widening_message;
  bool widens() const { return !widenings.empty() || !new_fields.empty(); }
};

struct TextReadPolicy {
  OnError on_error = OnError::kFail;
  int64_t max_errors = -1;  // With kSkip: more bad rows than this fail. -1: no limit.
  int read_ahead = 4;
  ThreadPool* pool = nullptr;  // Null: ThreadPool::Default().
};

// Thread safety: none; one consumer.
class TextReader : public RecordBatchReader {
 public:
  ~TextReader() override;

  const SchemaPtr& schema() const override { return schema_; }
  // One batch per chunk. A bad row under kFail, or more than max_errors
  // under kSkip, fails with file:line, column and reason. A value that needs
  // a wider type (or a new field) fails with Invalid saying so, and
  // widened_schema() then returns the schema to restart with. After an
  // error every call returns it again.
  Result<RecordBatchPtr> Next() override;

  int64_t rows_read() const { return rows_read_; }          // Rows returned so far.
  int64_t rows_rejected() const { return rows_rejected_; }  // Bad rows skipped so far.
  int64_t compressed_bytes_read() const { return input().compressed_bytes_read(); }
  int64_t file_size() const { return input().file_size(); }
  // The input's FileContentChecksum(), after the last batch, when the
  // reader was opened with hash_content; else Internal.
  Result<std::string> content_checksum() const { return input().content_checksum(); }
  // Rejected rows collected since the last call (kSkip only).
  std::vector<RejectedRow> TakeRejected() { return std::exchange(rejected_, {}); }
  // Set after Next() failed because a value needs a wider column type.
  SchemaPtr widened_schema() const { return widened_schema_; }

 protected:
  using ParseTask = std::function<Result<ParsedTextChunk>()>;

  TextReader(SchemaPtr schema, TextReadPolicy policy);

  // The task that parses the next chunk, or nullopt at the end. Runs on the
  // consumer thread; the task runs on the pool and must own (or share) what
  // it reads, as it may still run while the subclass is destroyed.
  virtual Result<std::optional<ParseTask>> NextTask() = 0;
  virtual const InputStream& input() const = 0;

 private:
  struct InFlight {
    std::unique_ptr<TaskGroup> group;
    std::shared_ptr<ParsedTextChunk> chunk;
  };

  void Submit();
  Status Accept(ParsedTextChunk* chunk);
  Status Widen(const ParsedTextChunk& chunk);

  const SchemaPtr schema_;
  const TextReadPolicy policy_;
  std::deque<InFlight> in_flight_;  // Their TaskGroups wait for the tasks.
  bool exhausted_ = false;
  Status pending_error_;  // From NextTask(); reported after the chunks before it.
  Status error_;
  int64_t rows_read_ = 0;
  int64_t rows_rejected_ = 0;
  std::vector<RejectedRow> rejected_;
  SchemaPtr widened_schema_;
};

// "file:line: column 'c': reason", or without the column for a whole record.
std::string RowErrorMessage(const RejectedRow& row);

}  // namespace strata::formats
