#include "delta/checkpoint.h"

#include <fmt/format.h>

#include "columnar/json_writer.h"
#include "delta/history.h"
#include "delta/json_reader.h"
#include "parquet/file_reader.h"

namespace strata::delta {

namespace {

constexpr std::string_view kActionColumns[] = {"txn",      "add",
                                               "remove",   "metaData",
                                               "protocol", "domainMetadata",
                                               "sidecar",  "checkpointMetadata"};

bool IsActionColumn(std::string_view name) {
  for (std::string_view column : kActionColumns) {
    if (name == column) return true;
  }
  return false;
}

// Direct access to the members of a checkpoint's `add` struct column: the
// bulk of any checkpoint, read without the JSON round trip the rarer
// actions take.
class AddColumn {
 public:
  explicit AddColumn(const ColumnVector& add) : add_(add) {
    const DataType& type = *add.type();
    for (int k = 0; k < type.num_fields(); ++k) members_.emplace_back(type.field(k).name, k);
  }

  // nullopt when the row cannot be read directly (an unexpected member
  // type): the caller falls back to JSON.
  std::optional<AddFile> Read(int64_t row) const {
    AddFile add;
    const ColumnVector* path = Member("path", TypeId::kString);
    const ColumnVector* size = Member("size", TypeId::kInt64);
    if (path == nullptr || size == nullptr || path->IsNull(row) || size->IsNull(row))
      return std::nullopt;
    add.path = path->GetView(row);
    add.size = size->Value<int64_t>(row);
    if (const ColumnVector* v = Member("modificationTime", TypeId::kInt64); v && v->IsValid(row)) {
      add.modification_time = v->Value<int64_t>(row);
    }
    if (const ColumnVector* v = Member("dataChange", TypeId::kBool); v && v->IsValid(row)) {
      add.data_change = v->GetBool(row);
    }
    if (const ColumnVector* v = Member("stats", TypeId::kString); v && v->IsValid(row)) {
      add.stats = std::string(v->GetView(row));
    }
    if (!ReadPartitionValues(row, &add.partition_values)) return std::nullopt;
    // Rarer members (tags, deletion vectors, row tracking, stats_parsed)
    // take the JSON path.
    for (const char* name : {"tags", "deletionVector", "baseRowId", "defaultRowCommitVersion"}) {
      const ColumnVector* v = Member(name, std::nullopt);
      if (v != nullptr && v->IsValid(row)) return std::nullopt;
    }
    if (!add.stats) {
      const ColumnVector* v = Member("stats_parsed", std::nullopt);
      if (v != nullptr && v->IsValid(row)) return std::nullopt;
    }
    return add;
  }

 private:
  // The member `name`, when present with type `id` (nullopt: any type).
  const ColumnVector* Member(std::string_view name, std::optional<TypeId> id) const {
    for (const auto& [member, index] : members_) {
      if (member != name) continue;
      const ColumnVector* v = add_.child(index).get();
      return !id || v->type()->id() == *id ? v : nullptr;
    }
    return nullptr;
  }

  bool ReadPartitionValues(int64_t row, PartitionValues* out) const {
    const ColumnVector* map = Member("partitionValues", TypeId::kMap);
    if (map == nullptr) return Member("partitionValues", std::nullopt) == nullptr;
    if (map->IsNull(row)) return true;
    const ColumnVector& keys = *map->child(0)->child(0);
    const ColumnVector& values = *map->child(0)->child(1);
    if (keys.type()->id() != TypeId::kString || values.type()->id() != TypeId::kString)
      return false;
    const ValueRange range = map->ListRange(row);
    for (int64_t i = range.begin; i < range.end; ++i) {
      std::optional<std::string> value;
      if (values.IsValid(i)) value = std::string(values.GetView(i));
      out->emplace(std::string(keys.GetView(i)), std::move(value));
    }
    return true;
  }

  const ColumnVector& add_;
  std::vector<std::pair<std::string, int>> members_;
};

// The checkpoint's rows as `{"add":{...}}` text, the way a commit writes
// them, so that one parser reads both (adds directly, see AddColumn).
Status AppendBatchActions(const RecordBatch& batch, const std::string& path, int64_t first_row,
                          std::vector<Action>* actions) {
  std::string json;
  internal::JsonDocument document;
  const int add_index = batch.schema()->FieldIndex("add");
  std::optional<AddColumn> adds;
  if (add_index >= 0 && batch.column(add_index)->type()->id() == TypeId::kStruct) {
    adds.emplace(*batch.column(add_index));
  }
  for (int64_t row = 0; row < batch.num_rows(); ++row) {
    for (int c = 0; c < batch.num_columns(); ++c) {
      const ColumnVector& column = *batch.column(c);
      if (column.IsNull(row)) continue;
      if (c == add_index && adds) {
        if (std::optional<AddFile> add = adds->Read(row)) {
          actions->push_back(std::move(*add));
          continue;
        }
      }
      json.clear();
      json.push_back('{');
      AppendJsonString(batch.schema()->field(c).name, &json);
      json.push_back(':');
      AppendJsonValue(column, row, &json);
      json.push_back('}');
      Result<std::optional<Action>> action = ParseAction(json, &document);
      if (!action.ok()) {
        return action.status().WithContext(fmt::format("{}: row {}", path, first_row + row));
      }
      if (*action) actions->push_back(std::move(**action));
    }
  }
  return Status::OK();
}

Status ReadSidecars(FileSystem* fs, const std::string& table_root, std::vector<Action>* actions) {
  std::vector<Action> resolved;
  for (Action& action : *actions) {
    const auto* sidecar = std::get_if<Sidecar>(&action);
    if (sidecar == nullptr) {
      resolved.push_back(std::move(action));
      continue;
    }
    ASSIGN_OR_RETURN(std::string name, DecodeActionPath(sidecar->path));
    const std::string path =
        name.starts_with('/') ? name : table_root + "/_delta_log/_sidecars/" + name;
    ASSIGN_OR_RETURN(std::vector<Action> file_actions, ReadParquetActions(fs, path));
    for (Action& file_action : file_actions) resolved.push_back(std::move(file_action));
  }
  *actions = std::move(resolved);
  return Status::OK();
}

}  // namespace

Result<std::vector<Action>> ReadParquetActions(FileSystem* fs, const std::string& path) {
  ASSIGN_OR_RETURN(std::unique_ptr<parquet::ParquetReader> reader,
                   parquet::ParquetReader::Open(fs, path));
  std::vector<int> columns;
  const Schema& schema = *reader->schema();
  for (int i = 0; i < schema.num_fields(); ++i) {
    if (IsActionColumn(schema.field(i).name)) columns.push_back(i);
  }
  std::vector<Action> actions;
  int64_t first_row = 0;
  for (int group = 0; group < reader->num_row_groups(); ++group) {
    ASSIGN_OR_RETURN(RecordBatchPtr batch, reader->ReadRowGroup(group, columns));
    RETURN_NOT_OK(AppendBatchActions(*batch, path, first_row, &actions));
    first_row += batch->num_rows();
  }
  return actions;
}

Result<std::vector<Action>> ReadCheckpoint(FileSystem* fs, const std::string& table_root,
                                           const Checkpoint& checkpoint) {
  std::vector<Action> actions;
  for (const LogFile& part : checkpoint.parts) {
    std::vector<Action> part_actions;
    if (checkpoint.kind == Checkpoint::Kind::kV2Json) {
      ASSIGN_OR_RETURN(part_actions, ReadCommitFile(fs, part.path));
    } else {
      ASSIGN_OR_RETURN(part_actions, ReadParquetActions(fs, part.path));
    }
    for (Action& action : part_actions) actions.push_back(std::move(action));
  }
  if (checkpoint.kind == Checkpoint::Kind::kV2Json ||
      checkpoint.kind == Checkpoint::Kind::kV2Parquet) {
    RETURN_NOT_OK(ReadSidecars(fs, table_root, &actions));
  }
  return actions;
}

}  // namespace strata::delta
