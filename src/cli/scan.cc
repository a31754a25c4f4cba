#include "cli/scan.h"

#include <fmt/format.h>

#include <algorithm>

#include "columnar/builder.h"
#include "columnar/compute.h"
#include "delta/table_scan.h"
#include "io/local_file_system.h"
#include "parquet/predicate.h"

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

// Parquet columns to read: `columns` by top-level index, with the dotted
// parts of nested ones in `subfields` (see parquet::ScanOptions). A name
// that is not a top-level column is split at its last dot that leaves a
// nested top-level column before it: "a.b.c" reads only c of struct b of a.
Status ResolveParquetColumns(const Schema& schema, const std::vector<std::string>& names,
                             parquet::ScanOptions* options) {
  std::vector<bool> whole;
  for (const std::string& name : names) {
    int index = schema.FieldIndex(name);
    std::string path;
    for (size_t dot = name.rfind('.'); index < 0 && dot != std::string::npos && dot > 0;
         dot = name.rfind('.', dot - 1)) {
      const int prefix = schema.FieldIndex(name.substr(0, dot));
      if (prefix >= 0 && schema.field(prefix).type->is_nested()) {
        index = prefix;
        path = name.substr(dot + 1);
      }
    }
    if (index < 0) return ResolveColumns(schema, {name}).status();  // Lists the columns.
    auto it = std::find(options->columns.begin(), options->columns.end(), index);
    const auto slot = static_cast<size_t>(it - options->columns.begin());
    if (it == options->columns.end()) {
      options->columns.push_back(index);
      options->subfields.emplace_back();
      whole.push_back(false);
    }
    if (path.empty()) whole[slot] = true;
    if (!path.empty()) options->subfields[slot].push_back(std::move(path));
  }
  for (size_t slot = 0; slot < whole.size(); ++slot) {
    if (whole[slot]) options->subfields[slot].clear();
  }
  return Status::OK();
}

// Stops after `limit` rows, and keeps the file system and the reader alive
// as long as the stream.
class LimitedScan final : public RecordBatchReader {
 public:
  struct Parts {
    std::unique_ptr<FileSystem> fs;
    std::unique_ptr<parquet::ParquetReader> reader;
    std::unique_ptr<RecordBatchReader> inner;
    int64_t limit = -1;
  };
  explicit LimitedScan(Parts parts) : parts_(std::move(parts)), left_(parts_.limit) {}

  const SchemaPtr& schema() const override { return parts_.inner->schema(); }

  Result<RecordBatchPtr> Next() override {
    if (left_ == 0) return RecordBatchPtr();
    ASSIGN_OR_RETURN(RecordBatchPtr batch, parts_.inner->Next());
    if (batch == nullptr || left_ < 0) return batch;
    if (batch->num_rows() > left_) batch = batch->Slice(0, left_);
    left_ -= batch->num_rows();
    return batch;
  }

 private:
  Parts parts_;
  int64_t left_;
};

// Evaluates the predicate on every batch, then projects.
class FilteredStream final : public RecordBatchReader {
 public:
  FilteredStream(std::unique_ptr<RecordBatchReader> input, std::vector<int> columns,
                 std::unique_ptr<parquet::BoundPredicate> predicate)
      : input_(std::move(input)), columns_(std::move(columns)), predicate_(std::move(predicate)) {
    std::vector<Field> fields;
    for (int i : columns_) fields.push_back(input_->schema()->field(i));
    schema_ = std::make_shared<Schema>(std::move(fields), input_->schema()->metadata());
  }

  const SchemaPtr& schema() const override { return schema_; }

  Result<RecordBatchPtr> Next() override {
    for (;;) {
      ASSIGN_OR_RETURN(RecordBatchPtr batch, input_->Next());
      if (batch == nullptr) return batch;
      if (predicate_ != nullptr) {
        ASSIGN_OR_RETURN(std::vector<uint8_t> selection, parquet::Evaluate(*predicate_, *batch));
        ASSIGN_OR_RETURN(batch, FilterBatch(batch, selection));
      }
      if (batch->num_rows() == 0) continue;
      std::vector<VectorPtr> columns;
      for (int i : columns_) columns.push_back(batch->column(i));
      return RecordBatch::Make(schema_, std::move(columns), batch->num_rows());
    }
  }

 private:
  std::unique_ptr<RecordBatchReader> input_;
  std::vector<int> columns_;
  std::unique_ptr<parquet::BoundPredicate> predicate_;
  SchemaPtr schema_;
};

}  // namespace

Result<std::unique_ptr<RecordBatchReader>> FilterAndProject(
    std::unique_ptr<RecordBatchReader> input, const std::vector<std::string>& columns,
    const std::string& where) {
  if (columns.empty() && where.empty()) return input;
  ASSIGN_OR_RETURN(std::vector<int> indices, ResolveColumns(*input->schema(), columns));
  std::unique_ptr<parquet::BoundPredicate> predicate;
  if (!where.empty()) {
    Result<parquet::Predicate> parsed = parquet::ParsePredicate(where);
    if (!parsed.ok()) return parsed.status().WithContext("--where");
    Result<parquet::BoundPredicate> bound = parquet::Bind(*parsed, *input->schema());
    if (!bound.ok()) return bound.status().WithContext("--where");
    predicate = std::make_unique<parquet::BoundPredicate>(std::move(*bound));
  }
  return std::unique_ptr<RecordBatchReader>(
      std::make_unique<FilteredStream>(std::move(input), std::move(indices), std::move(predicate)));
}

namespace {

Result<std::unique_ptr<RecordBatchReader>> OpenTableScan(const ScanRequest& request,
                                                         LimitedScan::Parts parts) {
  ASSIGN_OR_RETURN(std::shared_ptr<const delta::Snapshot> snapshot,
                   OpenSnapshot(parts.fs.get(), request.path, request.travel));
  delta::TableScanOptions options;
  if (!request.where.empty()) {
    // Files the predicate rules out are skipped; a predicate that does not
    // bind is reported by FilterAndProject below, with the rows' schema.
    Result<parquet::Predicate> parsed = parquet::ParsePredicate(request.where);
    Result<parquet::BoundPredicate> bound = parsed.ok()
                                                ? parquet::Bind(*parsed, *snapshot->schema())
                                                : Result<parquet::BoundPredicate>(parsed.status());
    if (bound.ok()) {
      options.skip_files_by = std::make_shared<const parquet::BoundPredicate>(std::move(*bound));
    }
  }
  ASSIGN_OR_RETURN(std::unique_ptr<RecordBatchReader> rows,
                   delta::ScanTable(std::move(snapshot), options, request.metrics));
  ASSIGN_OR_RETURN(parts.inner, FilterAndProject(std::move(rows), request.columns, request.where));
  return std::unique_ptr<RecordBatchReader>(std::make_unique<LimitedScan>(std::move(parts)));
}

}  // namespace

Result<std::unique_ptr<RecordBatchReader>> OpenScan(const ScanRequest& request) {
  LimitedScan::Parts parts{.fs = NewLocalFileSystem(), .limit = request.limit};
  ASSIGN_OR_RETURN(bool is_table, delta::IsDeltaTable(parts.fs.get(), request.path));
  if (is_table) return OpenTableScan(request, std::move(parts));
  RETURN_NOT_OK(RequireTableForTimeTravel(request.travel, request.path));
  ASSIGN_OR_RETURN(parts.reader, parquet::ParquetReader::Open(parts.fs.get(), request.path));
  const Schema& schema = *parts.reader->schema();
  parquet::ScanOptions options;
  if (request.columns.empty()) {
    ASSIGN_OR_RETURN(options.columns, ResolveColumns(schema, request.columns));
  } else {
    RETURN_NOT_OK(ResolveParquetColumns(schema, request.columns, &options));
  }
  if (!request.where.empty()) {
    Result<parquet::Predicate> parsed = parquet::ParsePredicate(request.where);
    if (!parsed.ok()) return parsed.status().WithContext("--where");
    Result<parquet::BoundPredicate> bound = parquet::Bind(*parsed, schema);
    if (!bound.ok()) return bound.status().WithContext("--where");
    options.predicate = std::make_shared<const parquet::BoundPredicate>(std::move(*bound));
  }
  ASSIGN_OR_RETURN(parts.inner, parts.reader->Scan(std::move(options)));
  return std::unique_ptr<RecordBatchReader>(std::make_unique<LimitedScan>(std::move(parts)));
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
