#include "cli/parquet_describe.h"

#include <fmt/format.h>

#include <cstring>

#include "cli/commands.h"
#include "cli/table_input.h"
#include "columnar/utf8.h"
#include "io/local_file_system.h"
#include "parquet/predicate.h"

namespace strata::cli {
namespace {

using parquet::LogicalType;
using parquet::LogicalTypeKind;

std::string_view UnitName(parquet::TimeUnit unit) {
  switch (unit) {
    case parquet::TimeUnit::kMillis: return "MILLIS";
    case parquet::TimeUnit::kMicros: return "MICROS";
    case parquet::TimeUnit::kNanos: return "NANOS";
  }
  return "?";
}

std::string DescribeLogical(const LogicalType& t) {
  switch (t.kind) {
    case LogicalTypeKind::kString: return "STRING";
    case LogicalTypeKind::kEnum: return "ENUM";
    case LogicalTypeKind::kJson: return "JSON";
    case LogicalTypeKind::kBson: return "BSON";
    case LogicalTypeKind::kUuid: return "UUID";
    case LogicalTypeKind::kDate: return "DATE";
    case LogicalTypeKind::kFloat16: return "FLOAT16";
    case LogicalTypeKind::kDecimal: return fmt::format("DECIMAL({},{})", t.precision, t.scale);
    case LogicalTypeKind::kInteger:
      return fmt::format("INTEGER({},{})", t.bit_width, t.is_signed ? "signed" : "unsigned");
    case LogicalTypeKind::kTime:
    case LogicalTypeKind::kTimestamp:
      return fmt::format("{}({}, {})", t.kind == LogicalTypeKind::kTime ? "TIME" : "TIMESTAMP",
                         UnitName(t.unit), t.is_adjusted_to_utc ? "UTC" : "local");
    case LogicalTypeKind::kList: return "LIST";
    case LogicalTypeKind::kMap: return "MAP";
    default: return "";
  }
}

std::string_view RepetitionName(parquet::Repetition r) {
  switch (r) {
    case parquet::Repetition::kRequired: return "REQUIRED";
    case parquet::Repetition::kOptional: return "OPTIONAL";
    case parquet::Repetition::kRepeated: return "REPEATED";
  }
  return "?";
}

}  // namespace

void AddParquetInfoCommand(CLI::App* app, CliContext* ctx, Status* result, const std::string& name,
                           const std::string& description,
                           void (*print)(const parquet::ParquetReader& reader,
                                         const CliContext& ctx)) {
  auto path = std::make_shared<std::string>();
  auto travel = std::make_shared<TimeTravel>();
  CLI::App* cmd = app->add_subcommand(name, description);
  cmd->add_option("file", *path, "Parquet file, or Delta table directory")->required();
  AddTimeTravelOptions(cmd, travel.get());
  cmd->callback([ctx, result, path, travel, print] {
    if (!result->ok()) return;
    auto fs = NewLocalFileSystem();
    Result<bool> is_table = delta::IsDeltaTable(fs.get(), *path);
    if (is_table.ok() && *is_table) {
      Result<std::shared_ptr<const delta::Snapshot>> snapshot =
          OpenSnapshot(fs.get(), *path, *travel);
      if (snapshot.ok()) PrintTableInfo(**snapshot, *ctx);
      *result = snapshot.status();
      return;
    }
    *result = is_table.ok() ? RequireTableForTimeTravel(*travel, *path) : is_table.status();
    if (!result->ok()) return;
    Result<std::unique_ptr<parquet::ParquetReader>> reader =
        parquet::ParquetReader::Open(fs.get(), *path);
    if (reader.ok()) print(**reader, *ctx);
    *result = reader.status();
  });
}

std::string DescribeLeaf(const parquet::ParquetReader& reader, int leaf_index) {
  const parquet::ParquetSchema& schema = reader.parquet_schema();
  const parquet::LeafColumn& leaf = schema.leaves[static_cast<size_t>(leaf_index)];
  const parquet::SchemaElement& e = schema.elements[static_cast<size_t>(leaf.schema_index)];
  std::string out(parquet::PhysicalTypeName(leaf.physical_type));
  if (e.type_length) out += fmt::format("({})", *e.type_length);
  if (e.repetition_type) out += fmt::format(" {}", RepetitionName(*e.repetition_type));
  if (e.logical_type && !DescribeLogical(*e.logical_type).empty()) {
    out += ", " + DescribeLogical(*e.logical_type);
  }
  if (e.converted_type) out += fmt::format(" / {}", parquet::ConvertedTypeName(*e.converted_type));
  if (leaf.path.size() > 1) {
    out += fmt::format(" (levels: definition {}, repetition {})", leaf.max_definition_level,
                       leaf.max_repetition_level);
  }
  return out;
}

std::vector<int> LeavesOf(const parquet::ParquetReader& reader, int field) {
  std::vector<int> leaves;
  const std::vector<parquet::LeafColumn>& all = reader.parquet_schema().leaves;
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].field_index == field) leaves.push_back(static_cast<int>(i));
  }
  return leaves;
}

std::string DescribeStorage(const parquet::ParquetReader& reader, int field) {
  const std::vector<int> leaves = LeavesOf(reader, field);
  if (leaves.empty()) return "group";
  const parquet::LeafColumn& first = reader.parquet_schema().leaves[static_cast<size_t>(leaves[0])];
  if (leaves.size() == 1 && first.path.size() == 1) return DescribeLeaf(reader, leaves[0]);
  return fmt::format("group of {} leaf column{}", leaves.size(), leaves.size() == 1 ? "" : "s");
}

std::string DescribeBound(const parquet::LeafColumn& leaf, const std::string& bytes) {
  std::optional<parquet::Value> value = parquet::DecodeStatisticsValue(leaf, bytes);
  if (value && !std::holds_alternative<std::string>(*value)) return parquet::ValueToString(*value);
  if (leaf.type->id() == TypeId::kString && utf8::IsValid(bytes)) return bytes;
  std::string hex = "0x";
  for (unsigned char c : bytes) hex += fmt::format("{:02x}", c);
  return hex;
}

}  // namespace strata::cli
