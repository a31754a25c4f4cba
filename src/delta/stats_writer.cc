// The `stats` of an add action, from the footer strata's Parquet writer
// produced: per-file bounds aggregated over row groups, in the form the
// protocol gives ("Per-file Statistics").

#include <fmt/format.h>

#include <map>

#include "columnar/decimal.h"
#include "columnar/json_writer.h"
#include "columnar/temporal.h"
#include "columnar/utf8.h"
#include "delta/stats.h"
#include "parquet/predicate.h"
#include "parquet/schema.h"

namespace strata::delta {

namespace {

constexpr size_t kStringPrefixChars = 32;

// minValues/maxValues/nullCount mirror the schema's nesting.
struct StatsNode {
  std::map<std::string, StatsNode> children;
  std::string json;  // A leaf's value.
};

void Put(StatsNode* root, const std::vector<std::string>& path, std::string json) {
  StatsNode* node = root;
  for (const std::string& name : path) node = &node->children[name];
  node->json = std::move(json);
}

void AppendNode(const StatsNode& node, std::string* out) {
  out->push_back('{');
  bool first = true;
  for (const auto& [name, child] : node.children) {
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(name, out);
    out->push_back(':');
    if (child.children.empty()) {
      out->append(child.json);
    } else {
      AppendNode(child, out);
    }
  }
  out->push_back('}');
}

// "2022-01-01T00:00:00.000Z": milliseconds, as Spark writes stats.
// Floors, also for a max: readers add 1 ms to a max before comparing.
std::string FormatStatsTimestamp(int64_t value, const DataType& type) {
  const int64_t per_ms = UnitsPerSecond(type.unit()) / 1000;
  int64_t ms = value / per_ms;
  if (value % per_ms < 0) --ms;  // Floor for negative values.
  constexpr int64_t kMsPerDay = 86400000;
  const int64_t days = ms >= 0 ? ms / kMsPerDay : (ms - kMsPerDay + 1) / kMsPerDay;
  const CivilDate date = CivilFromDays(days);
  const int64_t in_day = ms - days * kMsPerDay;
  return fmt::format("\"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}{}\"", date.year, date.month,
                     date.day, in_day / 3600000, in_day / 60000 % 60, in_day / 1000 % 60,
                     in_day % 1000, type.utc() ? "Z" : "");
}

// A string bound cut to 32 characters; a cut max gets a character above
// any that could follow, so it still bounds the values.
std::string FormatStatsString(const std::string& value, bool is_max) {
  // The prefix is below every value that starts with it, so a cut min
  // stays a lower bound as it is.
  std::string text(utf8::TruncateCodePoints(value, kStringPrefixChars));
  const size_t end = text.size();
  if (is_max && end < value.size()) {
    text += static_cast<unsigned char>(value[end]) < 0x7F ? "\x7F" : "\xF4\x8F\xBF\xBF";
  }
  std::string out;
  AppendJsonString(text, &out);
  return out;
}

// The JSON of a bound, or empty when Delta keeps no bound for the type.
std::string FormatBound(const parquet::Value& value, const DataType& type, bool is_max) {
  switch (type.id()) {
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64: return fmt::format("{}", std::get<int64_t>(value));
    case TypeId::kFloat32:
    case TypeId::kFloat64: {
      const double number = std::get<double>(value);
      if (!std::isfinite(number)) return "";
      return fmt::format("{}", number);
    }
    case TypeId::kDecimal: return Decimal128(std::get<Int128>(value)).ToString(type.scale());
    case TypeId::kDate: return "\"" + FormatDate(std::get<int64_t>(value)) + "\"";
    case TypeId::kTimestamp: return FormatStatsTimestamp(std::get<int64_t>(value), type);
    case TypeId::kString: return FormatStatsString(std::get<std::string>(value), is_max);
    default: return "";
  }
}

struct LeafStats {
  std::optional<parquet::Value> min;
  std::optional<parquet::Value> max;
  bool bounds_known = true;
  std::optional<int64_t> null_count = 0;
};

LeafStats Aggregate(const parquet::FileMetaData& footer, size_t leaf_index,
                    const parquet::LeafColumn& leaf) {
  LeafStats out;
  for (const parquet::RowGroup& group : footer.row_groups) {
    const auto& chunk = group.columns[leaf_index].meta_data;
    const std::optional<parquet::Statistics>& stats =
        chunk ? chunk->statistics : std::optional<parquet::Statistics>();
    if (!stats) {
      out.bounds_known = false;
      out.null_count.reset();
      continue;
    }
    if (out.null_count && stats->null_count) {
      *out.null_count += *stats->null_count;
    } else {
      out.null_count.reset();
    }
    const int64_t values = chunk->num_values - stats->null_count.value_or(0);
    if (values == 0) continue;  // All null: no bounds to merge.
    std::optional<parquet::Value> min =
        stats->min_value ? parquet::DecodeStatisticsValue(leaf, *stats->min_value) : std::nullopt;
    std::optional<parquet::Value> max =
        stats->max_value ? parquet::DecodeStatisticsValue(leaf, *stats->max_value) : std::nullopt;
    if (!min || !max) {
      out.bounds_known = false;
      continue;
    }
    if (!out.min || parquet::CompareValues(*min, *out.min) < 0) out.min = std::move(min);
    if (!out.max || parquet::CompareValues(*max, *out.max) > 0) out.max = std::move(max);
  }
  return out;
}

}  // namespace

Result<std::string> StatsFromFooter(const parquet::FileMetaData& footer, int num_indexed_cols) {
  ASSIGN_OR_RETURN(parquet::ParquetSchema schema, parquet::FromParquetSchema(footer.schema));
  StatsNode mins;
  StatsNode maxes;
  StatsNode nulls;
  for (size_t i = 0; i < schema.leaves.size(); ++i) {
    if (num_indexed_cols >= 0 && static_cast<int>(i) >= num_indexed_cols) break;
    const parquet::LeafColumn& leaf = schema.leaves[i];
    if (leaf.max_repetition_level > 0) continue;  // Lists and maps have no file-level stats.
    const LeafStats stats = Aggregate(footer, i, leaf);
    if (stats.null_count) Put(&nulls, leaf.path, fmt::format("{}", *stats.null_count));
    if (!stats.bounds_known || !stats.min || !stats.max) continue;
    std::string min = FormatBound(*stats.min, *leaf.type, false);
    std::string max = FormatBound(*stats.max, *leaf.type, true);
    if (min.empty() || max.empty()) continue;
    Put(&mins, leaf.path, std::move(min));
    Put(&maxes, leaf.path, std::move(max));
  }
  std::string out = fmt::format("{{\"numRecords\":{},\"minValues\":", footer.num_rows);
  AppendNode(mins, &out);
  out += ",\"maxValues\":";
  AppendNode(maxes, &out);
  out += ",\"nullCount\":";
  AppendNode(nulls, &out);
  out += "}";
  return out;
}

}  // namespace strata::delta
