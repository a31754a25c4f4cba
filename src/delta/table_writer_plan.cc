// TableWriter's checks, schema evolution and commit.

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "columnar/json_writer.h"
#include "delta/delta_schema.h"
#include "delta/table_writer.h"
#include "delta/table_writer_internal.h"

namespace strata::delta {

namespace internal {

namespace {

// Writer features whose obligations strata meets (the content checks in
// CheckWritable cover the ones that only matter when used).
constexpr std::string_view kWriterFeatures[] = {
    "appendOnly",       "invariants",      "checkConstraints",   "changeDataFeed",
    "generatedColumns", "identityColumns", "columnMapping",      "timestampNtz",
    "deletionVectors",  "domainMetadata",  "vacuumProtocolCheck"};

bool HasFieldMetadata(const Field& field, std::string_view prefix) {
  for (const auto& [key, value] : field.metadata) {
    if (key.starts_with(prefix)) return true;
  }
  for (const Field& child : field.type->fields()) {
    if (HasFieldMetadata(child, prefix)) return true;
  }
  return false;
}

// A legacy protocol (before table features) implies features by its
// versions; an upgrade to writer version 7 must list them, since there only
// listed features apply (PROTOCOL.md, "Table Features"): otherwise, say,
// delta.appendOnly would stop binding other writers.
void AddLegacyFeatures(const Protocol& old, std::vector<std::string>* reader,
                       std::vector<std::string>* writer) {
  static constexpr std::pair<int, std::string_view> kImplied[] = {
      {2, "appendOnly"},       {2, "invariants"},    {3, "checkConstraints"}, {4, "changeDataFeed"},
      {4, "generatedColumns"}, {5, "columnMapping"}, {6, "identityColumns"}};
  if (old.min_writer_version < 7) {
    for (const auto& [version, feature] : kImplied) {
      if (old.min_writer_version >= version) writer->emplace_back(feature);
    }
  }
  if (old.min_reader_version == 2) reader->emplace_back("columnMapping");
}

Status CheckColumns(const Snapshot& snapshot) {
  for (const Field& field : snapshot.schema()->fields()) {
    for (std::string_view key :
         {"delta.invariants", "delta.generationExpression", "delta.identity."}) {
      if (HasFieldMetadata(field, key)) {
        return Status::NotImplemented(
            "{}: column '{}' has {} metadata, which strata cannot enforce", snapshot.table_root(),
            field.name, key);
      }
    }
  }
  return Status::OK();
}

Status CheckConfiguration(const Snapshot& snapshot, const TableWriteOptions& options) {
  const StringMap& configuration = snapshot.metadata().configuration;
  for (const auto& [key, value] : configuration) {
    if (key.starts_with("delta.constraints.")) {
      return Status::NotImplemented("{}: CHECK constraint {} cannot be enforced by strata",
                                    snapshot.table_root(), key.substr(18));
    }
  }
  auto is_true = [&](const std::string& key) {
    auto it = configuration.find(key);
    return it != configuration.end() && it->second == "true";
  };
  if (is_true("delta.enableChangeDataFeed")) {
    return Status::NotImplemented("{}: strata cannot write the change data feed this table records",
                                  snapshot.table_root());
  }
  if (snapshot.column_mapping() != ColumnMappingMode::kNone) {
    return Status::NotImplemented("{}: writing tables with column mapping is not supported yet",
                                  snapshot.table_root());
  }
  if (is_true("delta.appendOnly") && options.mode == TableWriteMode::kOverwrite) {
    return Status::Invalid("{} is append-only (delta.appendOnly): it cannot be overwritten",
                           snapshot.table_root());
  }
  return Status::OK();
}

}  // namespace

Status CheckWritable(const Snapshot& snapshot, const TableWriteOptions& options) {
  const Protocol& protocol = snapshot.protocol();
  if (protocol.min_writer_version > 7) {
    return Status::NotImplemented("{} needs Delta writer version {}; strata writes up to 7",
                                  snapshot.table_root(), protocol.min_writer_version);
  }
  if (protocol.writer_features) {
    for (const std::string& feature : *protocol.writer_features) {
      if (std::find(std::begin(kWriterFeatures), std::end(kWriterFeatures), feature) ==
          std::end(kWriterFeatures)) {
        return Status::NotImplemented(
            "{} uses the Delta writer feature \"{}\", which strata does not support",
            snapshot.table_root(), feature);
      }
    }
  }
  RETURN_NOT_OK(CheckColumns(snapshot));
  return CheckConfiguration(snapshot, options);
}

Result<SchemaPtr> DeltaSchemaOf(const Schema& schema) {
  std::vector<Field> fields;
  for (const Field& field : schema.fields()) {
    Result<TypePtr> type = ToDeltaType(field.type);
    if (!type.ok()) return type.status().WithContext(fmt::format("column '{}'", field.name));
    fields.emplace_back(field.name, *type, field.nullable);
  }
  return MakeSchema(std::move(fields));
}

Result<Metadata> NewMetadata(const Schema& schema,
                             const std::vector<std::string>& partition_columns,
                             const Snapshot* prior, Clock* clock) {
  Metadata metadata;
  if (prior != nullptr) metadata = prior->metadata();
  ASSIGN_OR_RETURN(metadata.schema_string, ToDeltaSchemaString(schema));
  metadata.partition_columns = partition_columns;
  if (prior == nullptr) metadata.created_time = clock->NowUnixMicros() / 1000;
  return metadata;
}

std::optional<Protocol> ProtocolFor(const Schema& schema, const Snapshot* prior) {
  bool needs_ntz = false;
  for (const Field& field : schema.fields()) {
    needs_ntz = needs_ntz || (field.type->id() == TypeId::kTimestamp && !field.type->utc());
  }
  if (prior != nullptr && (!needs_ntz || prior->protocol().HasReaderFeature("timestampNtz"))) {
    return std::nullopt;
  }
  Protocol protocol;
  if (!needs_ntz) return protocol;
  protocol.min_reader_version = 3;
  protocol.min_writer_version = 7;
  protocol.reader_features = std::vector<std::string>{"timestampNtz"};
  protocol.writer_features = std::vector<std::string>{"timestampNtz"};
  if (prior != nullptr) {
    // Keep the features the table has; add timestampNtz.
    const Protocol& old = prior->protocol();
    AddLegacyFeatures(old, &*protocol.reader_features, &*protocol.writer_features);
    for (const auto& feature : old.reader_features.value_or(std::vector<std::string>{})) {
      if (feature != "timestampNtz") protocol.reader_features->push_back(feature);
    }
    for (const auto& feature : old.writer_features.value_or(std::vector<std::string>{})) {
      if (feature != "timestampNtz") protocol.writer_features->push_back(feature);
    }
  }
  return protocol;
}

void DeleteDataFiles(FileSystem* fs, const std::vector<dataset::WrittenFile>& files) {
  for (const dataset::WrittenFile& file : files) (void)fs->DeleteFile(file.path);
}

}  // namespace internal

Status TableWriter::MergeNewColumns(const Schema& input_schema) {
  std::vector<Field> fields = table_schema_->fields();
  bool added = false;
  for (const Field& given : input_schema.fields()) {
    if (table_schema_->FieldIndex(given.name) >= 0) continue;
    Result<TypePtr> type = ToDeltaType(given.type);
    if (!type.ok()) return type.status().WithContext(fmt::format("column '{}'", given.name));
    fields.emplace_back(given.name, *type, /*nullable=*/true);  // Old rows have no value.
    added = true;
  }
  if (!added) return Status::OK();
  table_schema_ = MakeSchema(std::move(fields));
  Metadata metadata = txn_->read_snapshot()->metadata();
  ASSIGN_OR_RETURN(metadata.schema_string, ToDeltaSchemaString(*table_schema_));
  new_metadata_ = std::move(metadata);
  new_protocol_ = internal::ProtocolFor(*table_schema_, txn_->read_snapshot().get());
  return Status::OK();
}

Result<int64_t> TableWriter::CommitWrite(std::vector<AddFile> adds, TableWriteResult* result) {
  const bool overwrite = options_.mode == TableWriteMode::kOverwrite;
  const int64_t now_ms = options_.transaction.clock->NowUnixMicros() / 1000;
  if (new_protocol_) txn_->SetProtocol(*new_protocol_);
  if (new_metadata_) txn_->SetMetadata(*new_metadata_);
  const std::shared_ptr<const Snapshot>& snapshot = txn_->read_snapshot();
  if (overwrite && snapshot != nullptr) {
    txn_->ReadWholeTable();
    for (const AddFile& live : snapshot->files()) {
      RemoveFile remove;
      remove.path = live.path;
      remove.deletion_timestamp = now_ms;
      remove.data_change = true;
      remove.extended_file_metadata = true;
      remove.partition_values = live.partition_values;
      remove.size = live.size;
      remove.deletion_vector = live.deletion_vector;
      txn_->RemoveFile(std::move(remove));
    }
  }
  for (AddFile& add : adds) {
    result->bytes_added += add.size;
    ++result->files_added;
    txn_->AddFile(std::move(add));
  }
  CommitDescription description;
  description.operation = snapshot == nullptr && options_.operation == "WRITE"
                              ? "CREATE TABLE AS SELECT"
                              : options_.operation;
  description.parameters = options_.extra_parameters;
  if (options_.operation == "WRITE")
    description.parameters["mode"] = overwrite ? "Overwrite" : "Append";
  std::string partition_by = "[";
  for (size_t i = 0; i < partition_columns_.size(); ++i) {
    if (i > 0) partition_by.push_back(',');
    AppendJsonString(partition_columns_[i], &partition_by);
  }
  if (options_.operation == "WRITE") description.parameters["partitionBy"] = partition_by + "]";
  description.metrics["numFiles"] = std::to_string(result->files_added);
  description.metrics["numOutputRows"] = std::to_string(rows_);
  description.metrics["numOutputBytes"] = std::to_string(result->bytes_added);
  // Overwrite's removes, and those an operation (optimize) added itself.
  result->files_removed = txn_->num_removes();
  if (result->files_removed > 0) {
    description.metrics["numRemovedFiles"] = std::to_string(result->files_removed);
  }
  return txn_->Commit(description);
}

}  // namespace strata::delta
