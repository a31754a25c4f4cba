#include "columnar/record_batch.h"

#include <fmt/format.h>

#include <algorithm>

namespace strata {
namespace {

Status CheckColumn(const Field& field, const VectorPtr& column, int64_t num_rows) {
  if (column == nullptr) return Status::Invalid("column '{}' is missing", field.name);
  if (column->type() == nullptr || !column->type()->Equals(*field.type)) {
    return Status::Invalid("column '{}' has type {}, the schema says {}", field.name,
                           column->type() == nullptr ? "none" : column->type()->ToString(),
                           field.type->ToString());
  }
  if (column->length() != num_rows) {
    return Status::Invalid("column '{}' has {} rows, the batch {}", field.name, column->length(),
                           num_rows);
  }
  if (!field.nullable && column->null_count() != 0) {
    return Status::Invalid("column '{}' is not nullable but has {} nulls", field.name,
                           column->null_count());
  }
  return Status::OK();
}

}  // namespace

Result<RecordBatchPtr> RecordBatch::Make(SchemaPtr schema, std::vector<VectorPtr> columns,
                                         int64_t num_rows) {
  if (schema == nullptr) return Status::Invalid("record batch without a schema");
  if (num_rows < 0) return Status::Invalid("negative row count {}", num_rows);
  if (static_cast<int>(columns.size()) != schema->num_fields()) {
    return Status::Invalid("schema has {} fields but {} columns were given", schema->num_fields(),
                           columns.size());
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    RETURN_NOT_OK(CheckColumn(schema->field(static_cast<int>(i)), columns[i], num_rows));
  }
  return std::make_shared<const RecordBatch>(std::move(schema), std::move(columns), num_rows);
}

VectorPtr RecordBatch::GetColumnByName(std::string_view name) const {
  const int index = schema_->FieldIndex(name);
  return index < 0 ? nullptr : column(index);
}

RecordBatchPtr RecordBatch::Slice(int64_t offset, int64_t length) const {
  offset = std::clamp<int64_t>(offset, 0, num_rows_);
  length = std::clamp<int64_t>(length, 0, num_rows_ - offset);
  std::vector<VectorPtr> columns;
  columns.reserve(columns_.size());
  for (const VectorPtr& column : columns_) columns.push_back(column->Slice(offset, length));
  return std::make_shared<const RecordBatch>(schema_, std::move(columns), length);
}

Status RecordBatch::Validate() const {
  for (int i = 0; i < num_columns(); ++i) {
    RETURN_NOT_OK_CTX(column(i)->Validate(), fmt::format("column '{}'", schema_->field(i).name));
  }
  return Status::OK();
}

bool RecordBatch::Equals(const RecordBatch& other) const {
  if (num_rows_ != other.num_rows_ || !schema_->Equals(*other.schema_)) return false;
  for (int i = 0; i < num_columns(); ++i) {
    if (!column(i)->Equals(*other.column(i))) return false;
  }
  return true;
}

}  // namespace strata
