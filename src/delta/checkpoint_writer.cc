// Writing classic checkpoints (one Parquet file) and `_last_checkpoint`.
//
// Each action is first serialised as the JSON a commit holds, then appended
// to the checkpoint's nested columns from that JSON, so the checkpoint says
// exactly what the log says, in the layout Spark writes (every field
// optional, maps of strings, lists of strings).

#include <fmt/format.h>

#include "columnar/builder.h"
#include "columnar/json_writer.h"
#include "delta/checkpoint.h"
#include "delta/json_reader.h"
#include "parquet/file_writer.h"

namespace strata::delta {

namespace {

using internal::JsonObject;
using internal::JsonValue;

constexpr int64_t kDefaultTombstoneRetentionMs = int64_t{7} * 24 * 3600 * 1000;

TypePtr StringMapType() { return Map(Field("key", String(), false), Field("value", String())); }

TypePtr DeletionVectorType() {
  return Struct({Field("storageType", String()), Field("pathOrInlineDv", String()),
                 Field("offset", Int32()), Field("sizeInBytes", Int32()),
                 Field("cardinality", Int64())});
}

SchemaPtr CheckpointSchema() {
  const TypePtr strings = List(Field("element", String()));
  return MakeSchema({
      Field("txn", Struct({Field("appId", String()), Field("version", Int64()),
                           Field("lastUpdated", Int64())})),
      Field("add",
            Struct({Field("path", String()), Field("partitionValues", StringMapType()),
                    Field("size", Int64()), Field("modificationTime", Int64()),
                    Field("dataChange", Bool()), Field("stats", String()),
                    Field("tags", StringMapType()), Field("deletionVector", DeletionVectorType()),
                    Field("baseRowId", Int64()), Field("defaultRowCommitVersion", Int64())})),
      Field("remove",
            Struct({Field("path", String()), Field("deletionTimestamp", Int64()),
                    Field("dataChange", Bool()), Field("extendedFileMetadata", Bool()),
                    Field("partitionValues", StringMapType()), Field("size", Int64()),
                    Field("deletionVector", DeletionVectorType()), Field("baseRowId", Int64()),
                    Field("defaultRowCommitVersion", Int64())})),
      Field("metaData",
            Struct({Field("id", String()), Field("name", String()), Field("description", String()),
                    Field("format",
                          Struct({Field("provider", String()), Field("options", StringMapType())})),
                    Field("schemaString", String()), Field("partitionColumns", strings),
                    Field("configuration", StringMapType()), Field("createdTime", Int64())})),
      Field("protocol",
            Struct({Field("minReaderVersion", Int32()), Field("minWriterVersion", Int32()),
                    Field("readerFeatures", strings), Field("writerFeatures", strings)})),
      Field("domainMetadata", Struct({Field("domain", String()), Field("configuration", String()),
                                      Field("removed", Bool())})),
  });
}

Status AppendJson(const JsonValue& value, const DataType& type, VectorBuilder* builder);

Status AppendJsonStruct(const JsonObject& object, const DataType& type, StructBuilder* builder) {
  RETURN_NOT_OK(builder->Append(true));
  for (int k = 0; k < type.num_fields(); ++k) {
    std::optional<JsonValue> member = object.Find(type.field(k).name);
    if (!member || member->IsNull()) {
      RETURN_NOT_OK(builder->child(k)->AppendNull());
    } else {
      RETURN_NOT_OK(AppendJson(*member, *type.field(k).type, builder->child(k)));
    }
  }
  return Status::OK();
}

Status AppendJsonMap(const JsonObject& object, MapBuilder* builder) {
  RETURN_NOT_OK(builder->Append(true));
  auto* keys = static_cast<BinaryBuilder*>(builder->key_builder());
  auto* items = static_cast<BinaryBuilder*>(builder->item_builder());
  for (const auto& [key, value] : object.Members()) {
    RETURN_NOT_OK(keys->Append(key));
    if (value.IsNull()) {
      RETURN_NOT_OK(items->AppendNull());
      continue;
    }
    ASSIGN_OR_RETURN(std::string text, internal::ScalarText(value, key));
    RETURN_NOT_OK(items->Append(text));
  }
  return Status::OK();
}

Status AppendJson(const JsonValue& value, const DataType& type, VectorBuilder* builder) {
  const simdjson::dom::element& element = value.element();
  switch (type.id()) {
    case TypeId::kStruct: {
      ASSIGN_OR_RETURN(JsonObject object, value.AsObject("struct"));
      return AppendJsonStruct(object, type, static_cast<StructBuilder*>(builder));
    }
    case TypeId::kMap: {
      ASSIGN_OR_RETURN(JsonObject object, value.AsObject("map"));
      return AppendJsonMap(object, static_cast<MapBuilder*>(builder));
    }
    case TypeId::kList: {
      auto* list = static_cast<ListBuilder*>(builder);
      RETURN_NOT_OK(list->Append(true));
      simdjson::dom::array array;
      if (element.get(array) != simdjson::SUCCESS) return Status::Internal("expected a JSON array");
      for (simdjson::dom::element item : array) {
        RETURN_NOT_OK(AppendJson(JsonValue(item), *type.field(0).type, list->value_builder()));
      }
      return Status::OK();
    }
    case TypeId::kString: {
      std::string_view text;
      if (element.get(text) != simdjson::SUCCESS) return Status::Internal("expected a JSON string");
      return static_cast<BinaryBuilder*>(builder)->Append(text);
    }
    case TypeId::kBool: {
      bool flag = false;
      if (element.get(flag) != simdjson::SUCCESS) return Status::Internal("expected a boolean");
      return static_cast<BoolBuilder*>(builder)->Append(flag);
    }
    case TypeId::kInt32: {
      int64_t number = 0;
      if (element.get(number) != simdjson::SUCCESS) return Status::Internal("expected an integer");
      return static_cast<NumericBuilder<int32_t>*>(builder)->Append(static_cast<int32_t>(number));
    }
    case TypeId::kInt64: {
      int64_t number = 0;
      if (element.get(number) != simdjson::SUCCESS) return Status::Internal("expected an integer");
      return static_cast<NumericBuilder<int64_t>*>(builder)->Append(number);
    }
    default: return Status::Internal("checkpoint column of type {}", type.ToString());
  }
}

// Appends one action as a row: its column set, every other column null.
Status AppendActionRow(const Action& action, const Schema& schema,
                       std::vector<std::unique_ptr<VectorBuilder>>* builders,
                       internal::JsonDocument* document) {
  ASSIGN_OR_RETURN(JsonObject root, document->Parse(ToJson(action)));
  for (int c = 0; c < schema.num_fields(); ++c) {
    VectorBuilder* builder = (*builders)[static_cast<size_t>(c)].get();
    std::optional<JsonValue> value = root.Find(schema.field(c).name);
    if (!value) {
      RETURN_NOT_OK(builder->AppendNull());
    } else {
      RETURN_NOT_OK(AppendJson(*value, *schema.field(c).type, builder));
    }
  }
  return Status::OK();
}

// The actions a checkpoint of `snapshot` holds: protocol, metadata, txns,
// domains, live files, and tombstones still within the retention.
std::vector<Action> CheckpointActions(const Snapshot& snapshot, int64_t now_ms) {
  std::vector<Action> actions;
  actions.emplace_back(snapshot.protocol());
  actions.emplace_back(snapshot.metadata());
  for (const auto& [app, txn] : snapshot.txns()) actions.emplace_back(txn);
  for (const auto& [name, domain] : snapshot.domains()) actions.emplace_back(domain);
  for (const AddFile& add : snapshot.files()) {
    AddFile copy = add;
    copy.data_change = false;  // Checkpoints restate files; they change no data.
    actions.emplace_back(std::move(copy));
  }
  for (const RemoveFile& remove : snapshot.tombstones()) {
    if (remove.deletion_timestamp.value_or(now_ms) + kDefaultTombstoneRetentionMs < now_ms)
      continue;
    RemoveFile copy = remove;
    copy.data_change = false;
    actions.emplace_back(std::move(copy));
  }
  return actions;
}

Result<RecordBatchPtr> BuildCheckpointBatch(const std::vector<Action>& actions) {
  const SchemaPtr schema = CheckpointSchema();
  std::vector<std::unique_ptr<VectorBuilder>> builders;
  for (const Field& field : schema->fields()) {
    ASSIGN_OR_RETURN(std::unique_ptr<VectorBuilder> builder, MakeBuilder(field.type));
    builders.push_back(std::move(builder));
  }
  internal::JsonDocument document;
  for (const Action& action : actions) {
    RETURN_NOT_OK(AppendActionRow(action, *schema, &builders, &document));
  }
  std::vector<VectorPtr> columns;
  for (auto& builder : builders) {
    ASSIGN_OR_RETURN(VectorPtr column, builder->Finish());
    columns.push_back(std::move(column));
  }
  return RecordBatch::Make(schema, std::move(columns), static_cast<int64_t>(actions.size()));
}

Status WriteLastCheckpoint(FileSystem* fs, const Snapshot& snapshot, int64_t size,
                           int64_t size_in_bytes, int64_t num_add_files) {
  const std::string log_dir = snapshot.table_root() + "/_delta_log";
  const std::string text =
      fmt::format("{{\"version\":{},\"size\":{},\"sizeInBytes\":{},\"numOfAddFiles\":{}}}\n",
                  snapshot.version(), size, size_in_bytes, num_add_files);
  // A unique temporary (two writers checkpointing at once must not share
  // one), named after the file it becomes.
  const std::string temp = TempPathBeside(log_dir + "/_last_checkpoint") + "._last_checkpoint";
  RETURN_NOT_OK(WriteWholeFile(fs, temp, AsBytes(text)));
  return fs->Rename(temp, log_dir + "/_last_checkpoint");
}

}  // namespace

Status WriteCheckpoint(FileSystem* fs, const Snapshot& snapshot, Clock* clock) {
  const std::vector<Action> actions = CheckpointActions(snapshot, clock->NowUnixMicros() / 1000);
  ASSIGN_OR_RETURN(RecordBatchPtr batch, BuildCheckpointBatch(actions));
  const std::string path = fmt::format("{}/_delta_log/{:020}.checkpoint.parquet",
                                       snapshot.table_root(), snapshot.version());
  parquet::WriterOptions options;
  ASSIGN_OR_RETURN(std::unique_ptr<parquet::ParquetWriter> writer,
                   parquet::ParquetWriter::Open(fs, path, batch->schema(), options));
  RETURN_NOT_OK(writer->Write(*batch));
  RETURN_NOT_OK(writer->Close());
  const auto num_adds = static_cast<int64_t>(snapshot.files().size());
  return WriteLastCheckpoint(fs, snapshot, batch->num_rows(), writer->FileBytes(), num_adds);
}

}  // namespace strata::delta
