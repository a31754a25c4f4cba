#include "delta/data_skipping.h"

#include <algorithm>

#include "columnar/decimal.h"
#include "columnar/record_batch.h"
#include "columnar/temporal.h"
#include "delta/json_reader.h"
#include "delta/partition_value.h"

namespace strata::delta {

namespace {

using internal::JsonObject;
using internal::JsonValue;

// The bounds of one column in a file's stats.
struct ColumnStats {
  std::optional<parquet::Value> min;
  std::optional<parquet::Value> max;
  std::optional<int64_t> null_count;
  std::optional<int64_t> num_records;
};

// The member of a nested stats object at `path` (column then struct members).
std::optional<JsonValue> FindPath(const JsonObject& root, std::string_view key,
                                  const std::vector<std::string>& path) {
  Result<std::optional<JsonObject>> object = root.OptionalObject(key);
  if (!object.ok() || !object->has_value()) return std::nullopt;
  JsonObject current = **object;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    Result<std::optional<JsonObject>> next = current.OptionalObject(path[i]);
    if (!next.ok() || !next->has_value()) return std::nullopt;
    current = **next;
  }
  return current.Find(path.back());
}

// A stats bound as the Value a bound literal of `type` holds.
std::optional<parquet::Value> BoundValue(const JsonValue& json, const DataType& type, bool is_max) {
  const simdjson::dom::element& e = json.element();
  std::string_view text;
  const bool is_text = e.get(text) == simdjson::SUCCESS;
  switch (type.id()) {
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64: {
      int64_t v = 0;
      if (e.get(v) != simdjson::SUCCESS) return std::nullopt;
      return parquet::Value(v);
    }
    case TypeId::kFloat32:
    case TypeId::kFloat64: {
      double v = 0;
      if (e.get(v) != simdjson::SUCCESS) return std::nullopt;
      return parquet::Value(v);
    }
    case TypeId::kDecimal: {
      const std::string number = is_text ? std::string(text) : simdjson::minify(e);
      Result<Decimal128> v = Decimal128::FromString(number, type.scale(), type.precision());
      if (!v.ok()) return std::nullopt;
      return parquet::Value(v->value());
    }
    case TypeId::kDate: {
      Result<int32_t> days = is_text ? ParseDate(text) : Result<int32_t>(Status::Invalid(""));
      if (!days.ok()) return std::nullopt;
      return parquet::Value(int64_t{*days});
    }
    case TypeId::kTimestamp: {
      if (!is_text) return std::nullopt;
      Result<int64_t> v = ParseTimestamp(text, type.unit());
      if (!v.ok()) return std::nullopt;
      // Stats are truncated to milliseconds: a max may be up to 1 ms short.
      return parquet::Value(is_max ? *v + UnitsPerSecond(type.unit()) / 1000 : *v);
    }
    case TypeId::kString:
      if (!is_text) return std::nullopt;
      return parquet::Value(std::string(text));
    default: return std::nullopt;
  }
}

ColumnStats ReadColumnStats(const JsonObject& stats, const std::vector<std::string>& path,
                            const DataType& type) {
  ColumnStats out;
  Result<std::optional<int64_t>> records = stats.OptionalInt64("numRecords");
  if (records.ok()) out.num_records = *records;
  if (std::optional<JsonValue> nulls = FindPath(stats, "nullCount", path)) {
    int64_t n = 0;
    if (nulls->element().get(n) == simdjson::SUCCESS) out.null_count = n;
  }
  if (std::optional<JsonValue> min = FindPath(stats, "minValues", path)) {
    out.min = BoundValue(*min, type, false);
  }
  if (std::optional<JsonValue> max = FindPath(stats, "maxValues", path)) {
    out.max = BoundValue(*max, type, true);
  }
  return out;
}

bool InRange(const parquet::Value& v, const ColumnStats& s) {
  return parquet::CompareValues(*s.min, v) <= 0 && parquet::CompareValues(v, *s.max) <= 0;
}

// Whether a file with these stats may hold a row satisfying `c`.
bool StatsMightMatch(const parquet::BoundComparison& c, const ColumnStats& s) {
  const bool all_null = s.null_count && s.num_records && *s.null_count == *s.num_records;
  switch (c.op) {
    case parquet::CompareOp::kFalse: return false;
    case parquet::CompareOp::kIsNull: return !s.null_count || *s.null_count > 0;
    case parquet::CompareOp::kIsNotNull: return !all_null;
    default: break;
  }
  if (all_null) return false;  // Every other comparison is false on null.
  if (!s.min || !s.max || c.values.empty()) return true;
  if (s.min->index() != c.values.front().index()) return true;
  switch (c.op) {
    case parquet::CompareOp::kEq: return InRange(c.values.front(), s);
    case parquet::CompareOp::kLt: return parquet::CompareValues(*s.min, c.values.front()) < 0;
    case parquet::CompareOp::kLe: return parquet::CompareValues(*s.min, c.values.front()) <= 0;
    case parquet::CompareOp::kGt: return parquet::CompareValues(*s.max, c.values.front()) > 0;
    case parquet::CompareOp::kGe: return parquet::CompareValues(*s.max, c.values.front()) >= 0;
    case parquet::CompareOp::kIn:
      return std::any_of(c.values.begin(), c.values.end(),
                         [&](const parquet::Value& v) { return InRange(v, s); });
    default: return true;  // != and NOT IN: bounds rarely rule them out.
  }
}

// Evaluates `c` on the file's partition value: exact.
bool PartitionMightMatch(const parquet::BoundComparison& c, const Snapshot& snapshot,
                         const AddFile& file) {
  const Field& field = snapshot.schema()->field(c.field_index);
  const std::string key = PhysicalName(field, snapshot.column_mapping());
  auto it = file.partition_values.find(key);
  const std::optional<std::string> text =
      it == file.partition_values.end() ? std::nullopt : it->second;
  Result<VectorPtr> value = MakePartitionColumn(field.type, text, 1);
  if (!value.ok()) return true;
  Result<RecordBatchPtr> row =
      RecordBatch::Make(MakeSchema({Field(field.name, field.type)}), {*value}, 1);
  if (!row.ok()) return true;
  Result<std::vector<uint8_t>> selected = parquet::Evaluate(parquet::BoundPredicate{{c}}, **row);
  return !selected.ok() || (*selected)[0] != 0;
}

bool IsPartitionColumn(const Snapshot& snapshot, const std::string& name) {
  const auto& columns = snapshot.partition_columns();
  return std::find(columns.begin(), columns.end(), name) != columns.end();
}

// The stats path of a comparison's column: physical names, struct members below.
std::vector<std::string> StatsPath(const parquet::BoundComparison& c, const Snapshot& snapshot) {
  const Field* field = &snapshot.schema()->field(c.field_index);
  std::vector<std::string> path{PhysicalName(*field, snapshot.column_mapping())};
  for (const std::string& member : c.members) {
    const Field* next = nullptr;
    for (const Field& child : field->type->fields()) {
      if (child.name == member) next = &child;
    }
    if (next == nullptr) return {};
    path.push_back(PhysicalName(*next, snapshot.column_mapping()));
    field = next;
  }
  return path;
}

}  // namespace

SkipReason SkipFile(const parquet::BoundPredicate& predicate, const Snapshot& snapshot,
                    const AddFile& file) {
  // One parser per thread: a scan asks this for every file of the table.
  thread_local internal::JsonDocument document;
  std::optional<JsonObject> stats;
  bool stats_read = false;
  for (const parquet::BoundComparison& c : predicate.conjuncts) {
    const Field& field = snapshot.schema()->field(c.field_index);
    if (c.members.empty() && IsPartitionColumn(snapshot, field.name)) {
      if (!PartitionMightMatch(c, snapshot, file)) return SkipReason::kPartition;
      continue;
    }
    if (!stats_read) {
      stats_read = true;
      if (file.stats) {
        Result<JsonObject> parsed = document.Parse(*file.stats);
        if (parsed.ok()) stats = *parsed;
      }
    }
    if (!stats) continue;
    const std::vector<std::string> path = StatsPath(c, snapshot);
    if (path.empty()) continue;
    if (!StatsMightMatch(c, ReadColumnStats(*stats, path, *c.type))) return SkipReason::kStats;
  }
  return SkipReason::kNone;
}

}  // namespace strata::delta
