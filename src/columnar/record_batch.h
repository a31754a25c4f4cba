// RecordBatch: equal-length columns under a schema; the unit that flows
// between readers, operators and writers.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "columnar/schema.h"
#include "columnar/vector.h"
#include "common/result.h"

namespace strata {

class RecordBatch;
using RecordBatchPtr = std::shared_ptr<const RecordBatch>;

// Thread safety: immutable, safe to share across threads.
class RecordBatch {
 public:
  // Checks the cheap invariants: one non-null column per field, each with
  // num_rows rows and the field's type, and no nulls in non-nullable
  // columns. Call Validate() to also check the columns' buffers.
  static Result<RecordBatchPtr> Make(SchemaPtr schema, std::vector<VectorPtr> columns,
                                     int64_t num_rows);

  const SchemaPtr& schema() const { return schema_; }
  int64_t num_rows() const { return num_rows_; }
  int num_columns() const { return static_cast<int>(columns_.size()); }
  // REQUIRES: 0 <= i < num_columns().
  const VectorPtr& column(int i) const { return columns_[static_cast<size_t>(i)]; }
  const std::vector<VectorPtr>& columns() const { return columns_; }
  // The first column named `name`, or null.
  VectorPtr GetColumnByName(std::string_view name) const;

  // A zero-copy view of rows [offset, offset + length), clamped to the
  // batch.
  RecordBatchPtr Slice(int64_t offset, int64_t length) const;
  // ColumnVector::Validate() on every column, prefixed with its name.
  Status Validate() const;
  // Same schema (ignoring metadata) and logically equal columns.
  bool Equals(const RecordBatch& other) const;

  // Use Make(); public only for std::make_shared.
  RecordBatch(SchemaPtr schema, std::vector<VectorPtr> columns, int64_t num_rows)
      : schema_(std::move(schema)), columns_(std::move(columns)), num_rows_(num_rows) {}

 private:
  SchemaPtr schema_;
  std::vector<VectorPtr> columns_;
  int64_t num_rows_;
};

}  // namespace strata
