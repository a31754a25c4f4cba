#include "delta/table_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <random>

#include "columnar/builder.h"
#include "columnar/value_format.h"
#include "dataset/partitioning.h"
#include "delta/delta_schema.h"
#include "delta/partition_value.h"
#include "delta/stats.h"
#include "delta/table_writer_internal.h"
#include "delta/type_adapt.h"

namespace strata::delta {

namespace {

constexpr int kDefaultStatsIndexedColumns = 32;

// delta.dataSkippingNumIndexedCols: how many leaf columns get stats (-1: all).
int StatsIndexedColumns(const Metadata& metadata) {
  auto it = metadata.configuration.find("delta.dataSkippingNumIndexedCols");
  if (it == metadata.configuration.end()) return kDefaultStatsIndexedColumns;
  int value = 0;
  auto [end, error] =
      std::from_chars(it->second.data(), it->second.data() + it->second.size(), value);
  if (error != std::errc() || value < -1) return kDefaultStatsIndexedColumns;
  return value;
}

std::string RandomUuid() {
  std::random_device device;
  std::mt19937_64 engine((static_cast<uint64_t>(device()) << 32) ^ device());
  std::string bytes(16, '\0');
  for (char& byte : bytes) byte = static_cast<char>(engine());
  bytes[6] = static_cast<char>((bytes[6] & 0x0F) | 0x40);  // Version 4.
  bytes[8] = static_cast<char>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant.
  return FormatUuid(bytes);
}

}  // namespace

std::vector<std::string> SchemaDifferences(const Schema& input, const Schema& table,
                                           bool allow_new_columns) {
  std::vector<std::string> differences;
  for (const Field& column : table.fields()) {
    const int index = input.FieldIndex(column.name);
    if (index < 0) {
      if (!column.nullable)
        differences.push_back(fmt::format("missing column '{}' (not nullable)", column.name));
      continue;
    }
    const Field& given = input.field(index);
    Result<TypePtr> delta_type = ToDeltaType(given.type);
    // Merging widens the table's column instead (see MergeNewColumns).
    if (allow_new_columns && delta_type.ok() && IsTypeWidening(*column.type, **delta_type))
      continue;
    if (!delta_type.ok() || !CanReadAs(given.type, column.type)) {
      differences.push_back(fmt::format("column '{}': the input has {}, the table {}", column.name,
                                        given.type->ToString(), column.type->ToString()));
    }
  }
  if (!allow_new_columns) {
    for (const Field& given : input.fields()) {
      if (table.FieldIndex(given.name) < 0) {
        differences.push_back(
            fmt::format("unexpected column '{}' ({})", given.name, given.type->ToString()));
      }
    }
  }
  return differences;
}

TableWriter::~TableWriter() {
  if (!done_) Abort();
}

Result<std::unique_ptr<TableWriter>> TableWriter::Open(FileSystem* fs, std::string table_root,
                                                       const SchemaPtr& input_schema,
                                                       TableWriteOptions options) {
  std::unique_ptr<TableWriter> writer(new TableWriter());
  writer->fs_ = fs;
  writer->options_ = std::move(options);
  if (writer->options_.transaction.clock == nullptr) {
    writer->options_.transaction.clock = Clock::System();
  }
  ASSIGN_OR_RETURN(writer->txn_,
                   Transaction::Begin(fs, std::move(table_root), writer->options_.transaction));
  writer->table_root_ = writer->txn_->table_root();
  const std::shared_ptr<const Snapshot>& snapshot = writer->txn_->read_snapshot();
  if (snapshot != nullptr) RETURN_NOT_OK(internal::CheckWritable(*snapshot, writer->options_));
  RETURN_NOT_OK(writer->PlanSchema(input_schema));
  if (writer->options_.app_id && snapshot != nullptr) {
    const std::optional<int64_t> done = snapshot->TxnVersion(*writer->options_.app_id);
    writer->skip_ = done && *done >= writer->options_.app_version;
  }
  if (writer->skip_) return writer;
  if (writer->options_.app_id) {
    writer->txn_->SetTxn(Txn{*writer->options_.app_id, writer->options_.app_version,
                             writer->options_.transaction.clock->NowUnixMicros() / 1000});
  }
  RETURN_NOT_OK(writer->OpenData());
  return writer;
}

Status TableWriter::PlanSchema(const SchemaPtr& input_schema) {
  input_schema_ = input_schema;
  const std::shared_ptr<const Snapshot>& snapshot = txn_->read_snapshot();
  const bool replace = snapshot == nullptr ||
                       (options_.mode == TableWriteMode::kOverwrite && options_.overwrite_schema);
  if (replace) {
    ASSIGN_OR_RETURN(table_schema_, internal::DeltaSchemaOf(*input_schema));
    partition_columns_ = options_.partition_columns;
    ASSIGN_OR_RETURN(Metadata metadata,
                     internal::NewMetadata(*table_schema_, partition_columns_, snapshot.get(),
                                           options_.transaction.clock));
    if (snapshot == nullptr) metadata.id = RandomUuid();
    new_metadata_ = std::move(metadata);
    new_protocol_ = internal::ProtocolFor(*table_schema_, snapshot.get());
  } else {
    table_schema_ = snapshot->schema();
    partition_columns_ = snapshot->partition_columns();
    const std::vector<std::string> differences =
        SchemaDifferences(*input_schema, *table_schema_, options_.merge_schema);
    if (!differences.empty()) {
      return Status::Invalid("the input does not match the schema of {}: {}", table_root_,
                             fmt::join(differences, "; "));
    }
    if (options_.merge_schema) RETURN_NOT_OK(MergeNewColumns(*input_schema));
  }
  for (const std::string& column : partition_columns_) {
    if (table_schema_->FieldIndex(column) < 0) {
      return Status::Invalid("partition column '{}' is not a column of the input", column);
    }
  }
  return Status::OK();
}

Status TableWriter::OpenData() {
  dataset::DatasetWriterOptions data;
  data.file = options_.file;
  data.target_file_bytes = options_.target_file_bytes;
  data.clock = options_.transaction.clock;
  if (!partition_columns_.empty()) {
    Result<std::vector<dataset::PartitionField>> fields = dataset::ParsePartitioning(
        fmt::format("{}", fmt::join(partition_columns_, ",")), *table_schema_);
    if (!fields.ok())
      return fields.status().WithContext(fmt::format("partitioning {}", table_root_));
    data.partitions = std::move(*fields);
  }
  ASSIGN_OR_RETURN(data_,
                   dataset::DatasetWriter::Open(fs_, table_root_, table_schema_, std::move(data)));
  return Status::OK();
}

Result<RecordBatchPtr> TableWriter::Conform(const RecordBatchPtr& batch) const {
  std::vector<VectorPtr> columns;
  const Schema& given = *batch->schema();
  for (const Field& column : table_schema_->fields()) {
    const int index = given.FieldIndex(column.name);
    if (index < 0) {
      ASSIGN_OR_RETURN(VectorPtr nulls, MakeNullVector(column.type, batch->num_rows()));
      columns.push_back(std::move(nulls));
      continue;
    }
    Result<VectorPtr> vector = AdaptToTableType(batch->column(index), column.type, column.type);
    if (!vector.ok()) return vector.status().WithContext(fmt::format("column '{}'", column.name));
    if (!column.nullable && (*vector)->null_count() > 0) {
      return Status::Invalid("column '{}' is not nullable in {}, but the input has nulls in it",
                             column.name, table_root_);
    }
    columns.push_back(std::move(*vector));
  }
  return RecordBatch::Make(table_schema_, std::move(columns), batch->num_rows());
}

Status TableWriter::Write(const RecordBatchPtr& batch) {
  if (skip_ || batch->num_rows() == 0) return Status::OK();
  if (done_) return Status::Invalid("write to a committed or aborted table writer");
  ASSIGN_OR_RETURN(RecordBatchPtr conformed, Conform(batch));
  RETURN_NOT_OK(data_->Write(conformed));
  rows_ += batch->num_rows();
  return Status::OK();
}

Result<std::vector<AddFile>> TableWriter::FinishData() {
  RETURN_NOT_OK(data_->Finish());
  std::vector<AddFile> adds;
  const int64_t now_ms = options_.transaction.clock->NowUnixMicros() / 1000;
  const Metadata& metadata = new_metadata_ ? *new_metadata_ : txn_->read_snapshot()->metadata();
  const int stats_columns = StatsIndexedColumns(metadata);
  for (const dataset::WrittenFile& file : data_->files()) {
    AddFile add;
    add.path = EncodeActionPath(file.path.substr(table_root_.size() + 1));
    for (const std::string& column : partition_columns_) {
      const VectorPtr value = file.first_row->GetColumnByName(column);
      if (value == nullptr) return Status::Internal("no partition value for {}", column);
      ASSIGN_OR_RETURN(add.partition_values[column], FormatPartitionValue(*value, 0));
    }
    add.size = file.bytes;
    add.modification_time = now_ms;
    add.data_change = options_.data_change;
    ASSIGN_OR_RETURN(add.stats, StatsFromFooter(*file.footer, stats_columns));
    adds.push_back(std::move(add));
  }
  RETURN_NOT_OK(data_->Publish());
  return adds;
}

Result<TableWriteResult> TableWriter::Commit() {
  if (done_) return Status::Invalid("table writer already committed or aborted");
  TableWriteResult result;
  if (skip_) {
    done_ = true;
    result.skipped = true;
    return result;
  }
  Result<std::vector<AddFile>> adds = FinishData();
  if (!adds.ok()) {
    Abort();
    return adds.status();
  }
  Result<int64_t> version = CommitWrite(std::move(*adds), &result);
  done_ = true;
  if (!version.ok()) {
    internal::DeleteDataFiles(fs_, data_->files());
    return version.status();
  }
  result.version = *version;
  result.rows = rows_;
  result.attempts = txn_->attempts();
  return result;
}

void TableWriter::Abort() {
  if (data_ != nullptr) data_->Abort();
  done_ = true;
}

}  // namespace strata::delta
