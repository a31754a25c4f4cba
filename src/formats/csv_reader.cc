#include "formats/csv_reader.h"

#include <fmt/format.h>

#include <deque>

#include "formats/csv_block_parser.h"
#include "formats/csv_chunker.h"
#include "formats/input_stream.h"

namespace strata::formats {
namespace {

// Chunks are parsed by tasks on the pool, at most read_ahead ahead of the
// consumer, and handed out in input order. Waiting goes through each
// chunk's TaskGroup so a consumer on a pool worker helps instead of
// deadlocking.
struct InFlight {
  std::unique_ptr<TaskGroup> group;
  std::shared_ptr<ParsedChunk> chunk;
};

std::string RowErrorMessage(const RejectedRow& row) {
  if (row.column.empty()) return fmt::format("{}:{}: {}", row.file, row.line, row.reason);
  return fmt::format("{}:{}: column '{}': {}", row.file, row.line, row.column, row.reason);
}

}  // namespace

class CsvReader::Impl {
 public:
  Impl(std::unique_ptr<CsvChunker> chunker, ChunkContext context, CsvReadOptions options)
      : chunker_(std::move(chunker)), context_(std::move(context)), options_(std::move(options)) {
    context_.options = &options_;
    if (options_.pool == nullptr) options_.pool = ThreadPool::Default();
    if (options_.read_ahead < 1) options_.read_ahead = 1;
  }

  const SchemaPtr& schema() const { return context_.schema; }

  Result<RecordBatchPtr> Next() {
    RETURN_NOT_OK(error_);
    for (;;) {
      Submit();
      if (in_flight_.empty()) {
        error_ = pending_error_;
        RETURN_NOT_OK(error_);
        return RecordBatchPtr();
      }
      Status status = in_flight_.front().group->Wait();
      std::shared_ptr<ParsedChunk> chunk = std::move(in_flight_.front().chunk);
      in_flight_.pop_front();
      if (status.ok()) status = Accept(chunk.get());
      if (!status.ok()) {
        error_ = status;
        return status;
      }
      if (chunk->batch->num_rows() > 0) {
        rows_read_ += chunk->batch->num_rows();
        return chunk->batch;
      }
    }
  }

  int64_t rows_read() const { return rows_read_; }
  int64_t rows_rejected() const { return rows_rejected_; }
  int64_t compressed_bytes_read() const { return chunker_->input().compressed_bytes_read(); }
  int64_t file_size() const { return chunker_->input().file_size(); }
  std::vector<RejectedRow> TakeRejected() { return std::exchange(rejected_, {}); }
  SchemaPtr widened_schema() const { return widened_schema_; }

 private:
  void Submit() {
    while (pending_error_.ok() && !exhausted_ &&
           static_cast<int>(in_flight_.size()) < options_.read_ahead) {
      Result<std::optional<CsvChunk>> next = chunker_->Next();
      if (!next.ok()) {
        pending_error_ = next.status();
        return;
      }
      if (!next->has_value()) {
        exhausted_ = true;
        return;
      }
      InFlight task{std::make_unique<TaskGroup>(options_.pool), std::make_shared<ParsedChunk>()};
      task.group->Spawn([text = std::make_shared<CsvChunk>(std::move(**next)), context = &context_,
                         out = task.chunk]() -> Status {
        ASSIGN_OR_RETURN(*out, ParseCsvChunk(std::move(*text), *context));
        return Status::OK();
      });
      in_flight_.push_back(std::move(task));
    }
  }

  // Applies the error policy to a parsed chunk.
  Status Accept(ParsedChunk* chunk) {
    const bool fail = options_.on_error == OnError::kFail;
    const bool row_error_first =
        !chunk->rejected.empty() &&
        (chunk->widenings.empty() || chunk->rejected.front().line < chunk->widening_line);
    if (fail && row_error_first) return Status::Invalid("{}", RowErrorMessage(chunk->rejected[0]));
    if (!chunk->widenings.empty()) return Widen(*chunk);
    rows_rejected_ += static_cast<int64_t>(chunk->rejected.size());
    if (options_.max_errors >= 0 && rows_rejected_ > options_.max_errors) {
      return Status::Invalid("more than {} bad rows (--max-errors); the last: {}",
                             options_.max_errors, RowErrorMessage(chunk->rejected.back()));
    }
    for (RejectedRow& row : chunk->rejected) rejected_.push_back(std::move(row));
    return Status::OK();
  }

  Status Widen(const ParsedChunk& chunk) {
    std::vector<Field> fields = context_.schema->fields();
    for (const auto& [col, type] : chunk.widenings) fields[static_cast<size_t>(col)].type = type;
    widened_schema_ = std::make_shared<Schema>(std::move(fields), context_.schema->metadata());
    return Status::Invalid("{}", chunk.widening_message);
  }

  std::unique_ptr<CsvChunker> chunker_;
  ChunkContext context_;
  CsvReadOptions options_;
  std::deque<InFlight> in_flight_;
  bool exhausted_ = false;
  Status pending_error_;  // From the chunker; reported after the chunks before it.
  Status error_;
  int64_t rows_read_ = 0;
  int64_t rows_rejected_ = 0;
  std::vector<RejectedRow> rejected_;
  SchemaPtr widened_schema_;
};

Result<std::unique_ptr<CsvReader>> CsvReader::Open(FileSystem* fs, const std::string& path,
                                                   SchemaPtr schema, CsvReadOptions options) {
  ASSIGN_OR_RETURN(auto input, InputStream::Open(fs, path));
  ASSIGN_OR_RETURN(auto chunker,
                   CsvChunker::Open(std::move(input), options.dialect, options.limits));
  if (options.dialect.header &&
      static_cast<int>(chunker->header().size()) != schema->num_fields() &&
      !chunker->header().empty()) {
    return Status::Invalid("{}: the header has {} columns but the schema has {}", path,
                           chunker->header().size(), schema->num_fields());
  }
  ChunkContext context{.path = path, .schema = std::move(schema)};
  auto impl = std::make_unique<Impl>(std::move(chunker), std::move(context), std::move(options));
  return std::unique_ptr<CsvReader>(new CsvReader(std::move(impl)));
}

CsvReader::CsvReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CsvReader::~CsvReader() = default;
const SchemaPtr& CsvReader::schema() const { return impl_->schema(); }
Result<RecordBatchPtr> CsvReader::Next() { return impl_->Next(); }
int64_t CsvReader::rows_read() const { return impl_->rows_read(); }
int64_t CsvReader::rows_rejected() const { return impl_->rows_rejected(); }
int64_t CsvReader::compressed_bytes_read() const { return impl_->compressed_bytes_read(); }
int64_t CsvReader::file_size() const { return impl_->file_size(); }
std::vector<RejectedRow> CsvReader::TakeRejected() { return impl_->TakeRejected(); }
SchemaPtr CsvReader::widened_schema() const { return impl_->widened_schema(); }

}  // namespace strata::formats
