// `strata schema FILE`: the columns of a Parquet file with their strata
// types and how they are stored (physical, logical and converted types).
#include "cli/commands.h"
#include "cli/parquet_describe.h"
#include "parquet/file_reader.h"
#include "parquet/schema_read.h"

namespace strata::cli {
namespace {

void PrintText(const parquet::ParquetReader& reader, const CliContext& ctx) {
  const parquet::FileMetaData& meta = reader.metadata();
  ctx.Print("{}: {} rows in {} row groups, created by {}\n", reader.path(), reader.num_rows(),
            reader.num_row_groups(), meta.created_by.value_or("(unknown)"));
  const Schema& schema = *reader.schema();
  size_t name_width = 4;
  for (const Field& f : schema.fields()) name_width = std::max(name_width, f.name.size());
  for (int i = 0; i < schema.num_fields(); ++i) {
    const Field& f = schema.field(i);
    std::string type = f.type->ToString() + (f.nullable ? "" : " not null");
    ctx.Print("  {:<{}}  {:<28}  {}\n", f.name, name_width, type, DescribeStorage(reader, i));
    if (!f.type->is_nested()) continue;
    // Each leaf of a nested field: where its values are stored.
    for (int leaf : LeavesOf(reader, i)) {
      const parquet::LeafColumn& column = reader.parquet_schema().leaves[static_cast<size_t>(leaf)];
      ctx.Print("    {}  {}  {}\n", parquet::LeafName(column), column.type->ToString(),
                DescribeLeaf(reader, leaf));
    }
  }
}

void PrintJsonLeaves(const parquet::ParquetReader& reader, int field, const CliContext& ctx) {
  ctx.Print(", \"leaves\": [");
  const std::vector<int> leaves = LeavesOf(reader, field);
  for (size_t k = 0; k < leaves.size(); ++k) {
    const parquet::LeafColumn& leaf =
        reader.parquet_schema().leaves[static_cast<size_t>(leaves[k])];
    ctx.Print(
        "{}{{\"path\": {}, \"type\": {}, \"storage\": {}, \"max_definition_level\": {}, "
        "\"max_repetition_level\": {}}}",
        k == 0 ? "" : ", ", JsonString(parquet::LeafName(leaf)), JsonString(leaf.type->ToString()),
        JsonString(DescribeLeaf(reader, leaves[k])), leaf.max_definition_level,
        leaf.max_repetition_level);
  }
  ctx.Print("]");
}

void PrintJson(const parquet::ParquetReader& reader, const CliContext& ctx) {
  const Schema& schema = *reader.schema();
  ctx.Print("{{\"path\": {}, \"num_rows\": {}, \"num_row_groups\": {}, \"columns\": [",
            JsonString(reader.path()), reader.num_rows(), reader.num_row_groups());
  for (int i = 0; i < schema.num_fields(); ++i) {
    const Field& f = schema.field(i);
    ctx.Print("{}{{\"name\": {}, \"type\": {}, \"nullable\": {}, \"storage\": {}",
              i == 0 ? "" : ", ", JsonString(f.name), JsonString(f.type->ToString()),
              f.nullable ? "true" : "false", JsonString(DescribeStorage(reader, i)));
    if (f.type->is_nested()) PrintJsonLeaves(reader, i, ctx);
    ctx.Print("}}");
  }
  ctx.Print("]}}\n");
}

void Print(const parquet::ParquetReader& reader, const CliContext& ctx) {
  ctx.json ? PrintJson(reader, ctx) : PrintText(reader, ctx);
}

}  // namespace

void AddSchemaCommand(CLI::App* app, CliContext* ctx, Status* result) {
  AddParquetInfoCommand(app, ctx, result, "schema",
                        "Print the schema of a Parquet file (or a Delta table's info)", Print);
}

}  // namespace strata::cli
