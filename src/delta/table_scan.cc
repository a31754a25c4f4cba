#include "delta/table_scan.h"

#include <fmt/format.h>

#include <algorithm>

#include "columnar/builder.h"
#include "columnar/compute.h"
#include "delta/data_skipping.h"
#include "delta/deletion_vector.h"
#include "delta/partition_value.h"
#include "delta/type_adapt.h"
#include "parquet/file_reader.h"

namespace strata::delta {

namespace {

// One output column: where its values come from.
struct OutputColumn {
  Field field;     // Logical.
  Field physical;  // Its name and field id in data files.
  bool partition = false;
  std::string partition_key;  // The key in partitionValues (physical name).
};

// The index in a data file's schema of `physical`: by field id under column
// mapping mode id, else by name; -1 when the file lacks the column.
int FindFileColumn(const Schema& file_schema, const Field& physical, ColumnMappingMode mode) {
  if (mode == ColumnMappingMode::kId) {
    for (int i = 0; i < file_schema.num_fields(); ++i) {
      for (const auto& [key, value] : file_schema.field(i).metadata) {
        if (key == "PARQUET:field_id" && physical.metadata.size() == 1 &&
            physical.metadata[0].second == value) {
          return i;
        }
      }
    }
  }
  return file_schema.FieldIndex(physical.name);
}

class TableScanReader final : public RecordBatchReader {
 public:
  TableScanReader(std::shared_ptr<const Snapshot> snapshot, std::vector<OutputColumn> columns,
                  const TableScanOptions& options, TableScanMetrics* metrics)
      : snapshot_(std::move(snapshot)),
        columns_(std::move(columns)),
        batch_rows_(options.batch_rows),
        skip_files_by_(options.skip_files_by),
        files_(options.files ? *options.files : snapshot_->files()),
        metrics_(metrics != nullptr ? metrics : &own_metrics_) {
    std::vector<Field> fields;
    for (const OutputColumn& column : columns_) fields.push_back(column.field);
    schema_ = MakeSchema(std::move(fields));
    metrics_->files_total = static_cast<int64_t>(files_.size());
  }

  const SchemaPtr& schema() const override { return schema_; }

  Result<RecordBatchPtr> Next() override {
    if (!status_.ok()) return status_;
    Result<RecordBatchPtr> batch = NextBatch();
    if (!batch.ok()) status_ = batch.status();
    return batch;
  }

 private:
  Result<RecordBatchPtr> NextBatch() {
    for (;;) {
      if (file_scan_ == nullptr) {
        if (next_file_ >= files_.size()) return RecordBatchPtr();
        const AddFile& file = files_[next_file_++];
        if (Skipped(file)) continue;
        RETURN_NOT_OK(OpenFile(file));
      }
      Result<RecordBatchPtr> batch = file_scan_->Next();
      if (!batch.ok()) return batch.status().WithContext(file_path_);
      if (*batch == nullptr) {
        file_scan_.reset();
        continue;
      }
      const int64_t first_row = file_row_;
      file_row_ += (*batch)->num_rows();
      Result<RecordBatchPtr> out = MakeOutput(**batch, first_row);
      if (!out.ok()) return out.status().WithContext(file_path_);
      if ((*out)->num_rows() > 0) return out;
    }
  }

  bool Skipped(const AddFile& file) {
    if (skip_files_by_ == nullptr) return false;
    switch (SkipFile(*skip_files_by_, *snapshot_, file)) {
      case SkipReason::kPartition: ++metrics_->files_skipped_by_partition; return true;
      case SkipReason::kStats: ++metrics_->files_skipped_by_stats; return true;
      case SkipReason::kNone: return false;
    }
    return false;
  }

  Status OpenFile(const AddFile& add) {
    ASSIGN_OR_RETURN(file_path_, snapshot_->DataFilePath(add.path));
    file_ = &add;
    file_row_ = 0;
    deleted_ = DeletedRows();
    if (add.deletion_vector) {
      Result<DeletedRows> deleted =
          LoadDeletionVector(snapshot_->fs(), snapshot_->table_root(), *add.deletion_vector);
      if (!deleted.ok()) return deleted.status().WithContext(file_path_);
      deleted_ = std::move(*deleted);
    }
    ASSIGN_OR_RETURN(reader_, parquet::ParquetReader::Open(snapshot_->fs(), file_path_));
    file_columns_.assign(columns_.size(), -1);
    std::vector<int> read;
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (columns_[i].partition) continue;
      const int index =
          FindFileColumn(*reader_->schema(), columns_[i].physical, snapshot_->column_mapping());
      if (index < 0) continue;  // Added to the table after this file was written.
      file_columns_[i] = static_cast<int>(read.size());
      read.push_back(index);
    }
    parquet::ScanOptions options;
    options.columns = std::move(read);
    options.batch_rows = batch_rows_;
    ASSIGN_OR_RETURN(file_scan_, reader_->Scan(std::move(options)));
    ++metrics_->files_read;
    return Status::OK();
  }

  Result<VectorPtr> OutputVector(size_t i, const RecordBatch& batch) {
    const OutputColumn& column = columns_[i];
    if (column.partition) {
      auto it = file_->partition_values.find(column.partition_key);
      const std::optional<std::string> value =
          it == file_->partition_values.end() ? std::nullopt : it->second;
      Result<VectorPtr> vector = MakePartitionColumn(column.field.type, value, batch.num_rows());
      if (!vector.ok()) {
        return vector.status().WithContext(fmt::format("partition column {}", column.field.name));
      }
      return vector;
    }
    if (file_columns_[i] < 0) {
      ASSIGN_OR_RETURN(std::unique_ptr<VectorBuilder> builder, MakeBuilder(column.field.type));
      RETURN_NOT_OK(builder->AppendNulls(batch.num_rows()));
      return builder->Finish();
    }
    Result<VectorPtr> adapted =
        AdaptToTableType(batch.column(file_columns_[i]), column.field.type, column.physical.type);
    if (!adapted.ok())
      return adapted.status().WithContext(fmt::format("column {}", column.field.name));
    return adapted;
  }

  Result<RecordBatchPtr> MakeOutput(const RecordBatch& batch, int64_t first_row) {
    std::vector<VectorPtr> vectors;
    for (size_t i = 0; i < columns_.size(); ++i) {
      ASSIGN_OR_RETURN(VectorPtr vector, OutputVector(i, batch));
      vectors.push_back(std::move(vector));
    }
    ASSIGN_OR_RETURN(RecordBatchPtr out,
                     RecordBatch::Make(schema_, std::move(vectors), batch.num_rows()));
    return DropDeleted(std::move(out), first_row);
  }

  Result<RecordBatchPtr> DropDeleted(RecordBatchPtr batch, int64_t first_row) {
    const auto begin = static_cast<uint64_t>(first_row);
    const uint64_t end = begin + static_cast<uint64_t>(batch->num_rows());
    if (deleted_.empty() || deleted_.CountInRange(begin, end) == 0) return batch;
    std::vector<uint8_t> keep(static_cast<size_t>(batch->num_rows()), 1);
    deleted_rows_.clear();
    deleted_.AppendRangeDeleted(begin, end, &deleted_rows_);
    for (const uint64_t row : deleted_rows_) keep[row - begin] = 0;
    metrics_->rows_deleted += static_cast<int64_t>(deleted_rows_.size());
    return FilterBatch(batch, keep);
  }

  std::shared_ptr<const Snapshot> snapshot_;
  std::vector<OutputColumn> columns_;
  int64_t batch_rows_;
  std::shared_ptr<const parquet::BoundPredicate> skip_files_by_;
  std::vector<AddFile> files_;
  TableScanMetrics own_metrics_;
  TableScanMetrics* metrics_;
  SchemaPtr schema_;
  Status status_;

  size_t next_file_ = 0;
  const AddFile* file_ = nullptr;
  std::string file_path_;
  std::unique_ptr<parquet::ParquetReader> reader_;
  std::unique_ptr<RecordBatchReader> file_scan_;
  std::vector<int> file_columns_;  // Per output column: index in the file batch, or -1.
  int64_t file_row_ = 0;
  DeletedRows deleted_;
  std::vector<uint64_t> deleted_rows_;
};

Result<std::vector<OutputColumn>> PlanColumns(const Snapshot& snapshot,
                                              const std::vector<std::string>& names) {
  const Schema& schema = *snapshot.schema();
  ASSIGN_OR_RETURN(SchemaPtr physical,
                   PhysicalSchema(snapshot.schema(), snapshot.column_mapping()));
  std::vector<int> indices;
  for (const std::string& name : names) {
    const int index = schema.FieldIndex(name);
    if (index < 0) {
      std::vector<std::string> known;
      for (const Field& field : schema.fields()) known.push_back(field.name);
      return Status::NotFound("{}: no column \"{}\"; the table has {}", snapshot.table_root(), name,
                              fmt::join(known, ", "));
    }
    indices.push_back(index);
  }
  if (names.empty()) {
    for (int i = 0; i < schema.num_fields(); ++i) indices.push_back(i);
  }
  const std::vector<std::string>& partitions = snapshot.partition_columns();
  std::vector<OutputColumn> columns;
  for (const int i : indices) {
    OutputColumn column{schema.field(i), physical->field(i)};
    column.partition =
        std::find(partitions.begin(), partitions.end(), column.field.name) != partitions.end();
    column.partition_key = column.physical.name;
    columns.push_back(std::move(column));
  }
  return columns;
}

}  // namespace

Result<std::unique_ptr<RecordBatchReader>> ScanTable(std::shared_ptr<const Snapshot> snapshot,
                                                     const TableScanOptions& options,
                                                     TableScanMetrics* metrics) {
  if (options.batch_rows <= 0) return Status::Invalid("batch_rows must be positive");
  ASSIGN_OR_RETURN(std::vector<OutputColumn> columns, PlanColumns(*snapshot, options.columns));
  return std::make_unique<TableScanReader>(std::move(snapshot), std::move(columns), options,
                                           metrics);
}

}  // namespace strata::delta
