#include "cli/scan.h"

#include <fmt/format.h>

#include <algorithm>

#include "columnar/builder.h"
#include "columnar/compute.h"
#include "io/local_file_system.h"
#include "parquet/predicate.h"
#include "parquet/row_group_filter.h"

namespace strata::cli {
namespace {

Result<std::vector<int>> ResolveColumns(const Schema& schema,
                                        const std::vector<std::string>& names) {
  if (names.empty()) {
    std::vector<int> all(static_cast<size_t>(schema.num_fields()));
    for (int i = 0; i < schema.num_fields(); ++i) all[static_cast<size_t>(i)] = i;
    return all;
  }
  std::vector<int> indices;
  for (const std::string& name : names) {
    int index = schema.FieldIndex(name);
    if (index < 0) {
      std::vector<std::string> available;
      for (const Field& f : schema.fields()) available.push_back(f.name);
      return Status::NotFound("no column '{}' (columns: {})", name, fmt::join(available, ", "));
    }
    indices.push_back(index);
  }
  return indices;
}

// Filters rows by the predicate, keeps the requested columns, stops after
// `limit` rows, and keeps the file system and the reader alive as long as
// the stream.
class FilteredScan final : public RecordBatchReader {
 public:
  struct Parts {
    std::unique_ptr<FileSystem> fs;
    std::unique_ptr<parquet::ParquetReader> reader;
    std::unique_ptr<RecordBatchReader> inner;
    std::optional<parquet::BoundPredicate> predicate;
    SchemaPtr output_schema;
    int64_t limit = -1;
  };
  explicit FilteredScan(Parts parts) : parts_(std::move(parts)), left_(parts_.limit) {}

  const SchemaPtr& schema() const override { return parts_.output_schema; }

  Result<RecordBatchPtr> Next() override {
    while (left_ != 0) {
      ASSIGN_OR_RETURN(RecordBatchPtr batch, parts_.inner->Next());
      if (batch == nullptr) return batch;
      ASSIGN_OR_RETURN(batch, Filter(std::move(batch)));
      if (batch->num_rows() == 0) continue;
      if (left_ > 0 && batch->num_rows() > left_) batch = batch->Slice(0, left_);
      if (left_ > 0) left_ -= batch->num_rows();
      return batch;
    }
    return RecordBatchPtr();
  }

 private:
  // Applies the predicate, then drops the columns read only to evaluate it.
  Result<RecordBatchPtr> Filter(RecordBatchPtr batch) const {
    if (parts_.predicate) {
      ASSIGN_OR_RETURN(std::vector<uint8_t> selection, Evaluate(*parts_.predicate, *batch));
      ASSIGN_OR_RETURN(batch, FilterBatch(batch, selection));
    }
    if (batch->num_columns() == parts_.output_schema->num_fields()) return batch;
    std::vector<VectorPtr> columns;
    for (const Field& f : parts_.output_schema->fields()) {
      columns.push_back(batch->GetColumnByName(f.name));
    }
    return RecordBatch::Make(parts_.output_schema, std::move(columns), batch->num_rows());
  }

  Parts parts_;
  int64_t left_;
};

SchemaPtr Project(const Schema& schema, const std::vector<int>& columns) {
  std::vector<Field> fields;
  for (int i : columns) fields.push_back(schema.field(i));
  return MakeSchema(std::move(fields));
}

}  // namespace

Result<std::unique_ptr<RecordBatchReader>> OpenScan(const ScanRequest& request) {
  FilteredScan::Parts parts{.fs = NewLocalFileSystem(), .limit = request.limit};
  ASSIGN_OR_RETURN(parts.reader, parquet::ParquetReader::Open(parts.fs.get(), request.path));
  const Schema& schema = *parts.reader->schema();
  ASSIGN_OR_RETURN(std::vector<int> columns, ResolveColumns(schema, request.columns));
  parts.output_schema = Project(schema, columns);
  parquet::ScanOptions options;
  if (!request.where.empty()) {
    Result<parquet::Predicate> parsed = parquet::ParsePredicate(request.where);
    if (!parsed.ok()) return parsed.status().WithContext("--where");
    Result<parquet::BoundPredicate> bound = parquet::Bind(*parsed, schema);
    if (!bound.ok()) return bound.status().WithContext("--where");
    // Columns the predicate needs are read too, and dropped after filtering.
    for (const parquet::BoundComparison& c : bound->conjuncts) {
      if (std::find(columns.begin(), columns.end(), c.field_index) == columns.end()) {
        columns.push_back(c.field_index);
      }
    }
    ASSIGN_OR_RETURN(options.row_groups,
                     parquet::SelectRowGroups(parts.fs.get(), *parts.reader, *bound));
    parts.predicate = std::move(*bound);
  }
  options.columns = std::move(columns);
  ASSIGN_OR_RETURN(parts.inner, parts.reader->Scan(std::move(options)));
  return std::unique_ptr<RecordBatchReader>(std::make_unique<FilteredScan>(std::move(parts)));
}

Result<RecordBatchPtr> EmptyBatch(const SchemaPtr& schema) {
  std::vector<VectorPtr> columns;
  for (const Field& f : schema->fields()) {
    ASSIGN_OR_RETURN(auto builder, MakeBuilder(f.type));
    ASSIGN_OR_RETURN(auto column, builder->Finish());
    columns.push_back(std::move(column));
  }
  return RecordBatch::Make(schema, std::move(columns), 0);
}

}  // namespace strata::cli
