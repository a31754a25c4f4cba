#include "formats/text_reader.h"

#include <fmt/format.h>

namespace strata::formats {

std::string RowErrorMessage(const RejectedRow& row) {
  if (row.column.empty()) return fmt::format("{}:{}: {}", row.file, row.line, row.reason);
  return fmt::format("{}:{}: column '{}': {}", row.file, row.line, row.column, row.reason);
}

TextReader::TextReader(SchemaPtr schema, TextReadPolicy policy)
    : schema_(std::move(schema)), policy_([&] {
        if (policy.pool == nullptr) policy.pool = ThreadPool::Default();
        if (policy.read_ahead < 1) policy.read_ahead = 1;
        return policy;
      }()) {}

TextReader::~TextReader() = default;

Result<RecordBatchPtr> TextReader::Next() {
  RETURN_NOT_OK(error_);
  for (;;) {
    Submit();
    if (in_flight_.empty()) {
      error_ = pending_error_;
      RETURN_NOT_OK(error_);
      return RecordBatchPtr();
    }
    // Waiting through the TaskGroup lets a consumer on a pool worker help
    // run tasks instead of deadlocking.
    Status status = in_flight_.front().group->Wait();
    std::shared_ptr<ParsedTextChunk> chunk = std::move(in_flight_.front().chunk);
    in_flight_.pop_front();
    if (status.ok()) status = Accept(chunk.get());
    if (!status.ok()) {
      error_ = status;
      return status;
    }
    if (chunk->batch != nullptr && chunk->batch->num_rows() > 0) {
      rows_read_ += chunk->batch->num_rows();
      return chunk->batch;
    }
  }
}

void TextReader::Submit() {
  while (pending_error_.ok() && !exhausted_ &&
         static_cast<int>(in_flight_.size()) < policy_.read_ahead) {
    Result<std::optional<ParseTask>> next = NextTask();
    if (!next.ok()) {
      pending_error_ = next.status();
      return;
    }
    if (!next->has_value()) {
      exhausted_ = true;
      return;
    }
    InFlight task{std::make_unique<TaskGroup>(policy_.pool), std::make_shared<ParsedTextChunk>()};
    task.group->Spawn([parse = std::move(**next), out = task.chunk]() -> Status {
      ASSIGN_OR_RETURN(*out, parse());
      return Status::OK();
    });
    in_flight_.push_back(std::move(task));
  }
}

Status TextReader::Accept(ParsedTextChunk* chunk) {
  const bool fail = policy_.on_error == OnError::kFail;
  const bool row_error_first =
      !chunk->rejected.empty() &&
      (!chunk->widens() || chunk->rejected.front().line < chunk->widening_line);
  if (fail && row_error_first) return Status::Invalid("{}", RowErrorMessage(chunk->rejected[0]));
  if (chunk->widens()) return Widen(*chunk);
  rows_rejected_ += static_cast<int64_t>(chunk->rejected.size());
  if (policy_.max_errors >= 0 && rows_rejected_ > policy_.max_errors) {
    return Status::Invalid("more than {} bad rows (--max-errors); the last: {}", policy_.max_errors,
                           RowErrorMessage(chunk->rejected.back()));
  }
  for (RejectedRow& row : chunk->rejected) rejected_.push_back(std::move(row));
  return Status::OK();
}

Status TextReader::Widen(const ParsedTextChunk& chunk) {
  std::vector<Field> fields = schema_->fields();
  for (const auto& [col, type] : chunk.widenings) fields[static_cast<size_t>(col)].type = type;
  for (const Field& field : chunk.new_fields) fields.push_back(field);
  widened_schema_ = std::make_shared<Schema>(std::move(fields), schema_->metadata());
  return Status::Invalid("{}", chunk.widening_message);
}

}  // namespace strata::formats
