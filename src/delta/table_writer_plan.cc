// TableWriter's checks, schema evolution and commit.

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "columnar/json_writer.h"
#include "delta/delta_schema.h"
#include "delta/table_writer.h"
#include "delta/table_writer_internal.h"
#include "delta/type_adapt.h"

namespace strata::delta {

namespace internal {

namespace {

// Writer features whose obligations strata meets (the content checks in
// CheckWritable cover the ones that only matter when used).
constexpr std::string_view kWriterFeatures[] = {
    "appendOnly",          "invariants",      "checkConstraints",    "changeDataFeed",
    "generatedColumns",    "identityColumns", "columnMapping",       "timestampNtz",
    "deletionVectors",     "domainMetadata",  "vacuumProtocolCheck", "typeWidening",
    "typeWidening-preview"};

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

Status CheckWriterProtocol(const Snapshot& snapshot) {
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
  return Status::OK();
}

Status CheckWritable(const Snapshot& snapshot, const TableWriteOptions& options) {
  RETURN_NOT_OK(CheckWriterProtocol(snapshot));
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

std::optional<Protocol> ProtocolFor(const Schema& schema, const Snapshot* prior,
                                    bool type_widened) {
  std::vector<std::string> features;  // Reader-writer features the table needs.
  for (const Field& field : schema.fields()) {
    if (field.type->id() == TypeId::kTimestamp && !field.type->utc()) {
      features.emplace_back("timestampNtz");
      break;
    }
  }
  if (type_widened) features.emplace_back("typeWidening");
  const bool all_present =
      std::all_of(features.begin(), features.end(), [&](const std::string& feature) {
        return prior != nullptr && prior->protocol().HasReaderFeature(feature);
      });
  if (prior != nullptr && all_present) return std::nullopt;
  Protocol protocol;
  if (features.empty()) return protocol;
  protocol.min_reader_version = 3;
  protocol.min_writer_version = 7;
  protocol.reader_features = features;
  protocol.writer_features = features;
  if (prior != nullptr) {
    // Keep the features the table has (also those its versions implied).
    const Protocol& old = prior->protocol();
    AddLegacyFeatures(old, &*protocol.reader_features, &*protocol.writer_features);
    auto keep = [](const std::optional<std::vector<std::string>>& from,
                   std::vector<std::string>* to) {
      for (const auto& feature : from.value_or(std::vector<std::string>{})) {
        if (std::find(to->begin(), to->end(), feature) == to->end()) to->push_back(feature);
      }
    };
    keep(old.reader_features, &*protocol.reader_features);
    keep(old.writer_features, &*protocol.writer_features);
  }
  return protocol;
}

void DeleteDataFiles(FileSystem* fs, const std::vector<dataset::WrittenFile>& files) {
  for (const dataset::WrittenFile& file : files) (void)fs->DeleteFile(file.path);
}

}  // namespace internal

namespace {

// Records a widening in the field's `delta.typeChanges` (a JSON array kept
// as JSON text, see delta_schema.h).
void RecordTypeChange(const DataType& from, Field* field) {
  std::string entry = "{\"fromType\":";
  AppendJsonString(DeltaTypeName(from), &entry);
  entry += ",\"toType\":";
  AppendJsonString(DeltaTypeName(*field->type), &entry);
  entry += "}";
  for (auto& [key, value] : field->metadata) {
    if (key == "delta.typeChanges" && value.size() >= 2 && value.back() == ']') {
      value.insert(value.size() - 1, (value.size() > 2 ? "," : "") + entry);
      return;
    }
  }
  field->metadata.emplace_back("delta.typeChanges", "[" + entry + "]");
}

}  // namespace

// Adds the input's new columns (nullable: old rows have no value) and widens
// the columns whose input type is a type widening (not partition columns).
Status TableWriter::MergeNewColumns(const Schema& input_schema) {
  std::vector<Field> fields = table_schema_->fields();
  bool changed = false;
  bool widened = false;
  for (const Field& given : input_schema.fields()) {
    Result<TypePtr> type = ToDeltaType(given.type);
    if (!type.ok()) return type.status().WithContext(fmt::format("column '{}'", given.name));
    const int index = table_schema_->FieldIndex(given.name);
    if (index < 0) {
      fields.emplace_back(given.name, *type, /*nullable=*/true);
      changed = true;
      continue;
    }
    Field& field = fields[static_cast<size_t>(index)];
    const bool partition = std::find(partition_columns_.begin(), partition_columns_.end(),
                                     field.name) != partition_columns_.end();
    if (partition || !IsTypeWidening(*field.type, **type)) continue;
    const TypePtr old_type = field.type;
    field.type = *type;
    RecordTypeChange(*old_type, &field);
    changed = widened = true;
  }
  if (!changed) return Status::OK();
  table_schema_ = MakeSchema(std::move(fields));
  Metadata metadata = txn_->read_snapshot()->metadata();
  ASSIGN_OR_RETURN(metadata.schema_string, ToDeltaSchemaString(*table_schema_));
  if (widened) metadata.configuration["delta.enableTypeWidening"] = "true";
  new_metadata_ = std::move(metadata);
  new_protocol_ = internal::ProtocolFor(*table_schema_, txn_->read_snapshot().get(), widened);
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
      txn_->RemoveFile(RemoveFileFor(live, now_ms, /*data_change=*/true));
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
