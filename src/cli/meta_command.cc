// `strata meta FILE`: the physical layout of a Parquet file: row groups,
// column chunks with their encodings, codec, sizes, statistics, and whether
// they have a page index and a bloom filter.
#include <fmt/format.h>

#include <optional>

#include "cli/commands.h"
#include "cli/parquet_describe.h"
#include "parquet/file_reader.h"

namespace strata::cli {
namespace {

std::string Encodings(const parquet::ColumnMetaData& meta) {
  std::vector<std::string> names;
  for (int32_t e : meta.encodings) {
    names.emplace_back(parquet::IsValidEncoding(e)
                           ? parquet::EncodingName(static_cast<parquet::Encoding>(e))
                           : fmt::format("UNKNOWN({})", e));
  }
  return fmt::format("{}", fmt::join(names, ","));
}

struct ChunkFacts {
  std::string encodings;
  std::string codec;
  std::optional<std::string> min;
  std::optional<std::string> max;
  std::optional<int64_t> null_count;
  bool page_index = false;
  bool bloom_filter = false;
};

ChunkFacts Facts(const parquet::ColumnChunk& chunk, const parquet::LeafColumn& leaf) {
  const parquet::ColumnMetaData& meta = *chunk.meta_data;
  ChunkFacts facts{
      .encodings = Encodings(meta),
      .codec = std::string(parquet::CompressionCodecName(meta.codec)),
      .page_index = chunk.column_index_offset.has_value() || chunk.offset_index_offset.has_value(),
      .bloom_filter = meta.bloom_filter_offset.has_value()};
  if (meta.statistics) {
    const parquet::Statistics& s = *meta.statistics;
    if (s.min_value) facts.min = DescribeBound(leaf, *s.min_value);
    if (s.max_value) facts.max = DescribeBound(leaf, *s.max_value);
    facts.null_count = s.null_count;
  }
  return facts;
}

void PrintText(const parquet::ParquetReader& reader, const CliContext& ctx) {
  const parquet::FileMetaData& meta = reader.metadata();
  const auto& leaves = reader.parquet_schema().leaves;
  ctx.Print("{}: {} rows, {} row groups, {} columns, created by {}\n", reader.path(),
            reader.num_rows(), reader.num_row_groups(), leaves.size(),
            meta.created_by.value_or("(unknown)"));
  for (size_t g = 0; g < meta.row_groups.size(); ++g) {
    const parquet::RowGroup& rg = meta.row_groups[g];
    ctx.Print("row group {}: {} rows, {} bytes uncompressed\n", g, rg.num_rows, rg.total_byte_size);
    for (size_t c = 0; c < rg.columns.size() && c < leaves.size(); ++c) {
      const parquet::ColumnMetaData& cm = *rg.columns[c].meta_data;
      ChunkFacts f = Facts(rg.columns[c], leaves[c]);
      ctx.Print("  {}: {} {} {}, {} -> {} bytes, values {}, min {} max {} nulls {}{}{}\n",
                fmt::join(leaves[c].path, "."), parquet::PhysicalTypeName(cm.type), f.codec,
                f.encodings, cm.total_uncompressed_size, cm.total_compressed_size, cm.num_values,
                f.min.value_or("-"), f.max.value_or("-"),
                f.null_count ? std::to_string(*f.null_count) : "-",
                f.page_index ? ", page index" : "", f.bloom_filter ? ", bloom filter" : "");
    }
  }
}

void PrintJson(const parquet::ParquetReader& reader, const CliContext& ctx) {
  const parquet::FileMetaData& meta = reader.metadata();
  const auto& leaves = reader.parquet_schema().leaves;
  ctx.Print("{{\"path\": {}, \"num_rows\": {}, \"created_by\": {}, \"row_groups\": [",
            JsonString(reader.path()), reader.num_rows(), JsonString(meta.created_by.value_or("")));
  for (size_t g = 0; g < meta.row_groups.size(); ++g) {
    const parquet::RowGroup& rg = meta.row_groups[g];
    ctx.Print("{}{{\"num_rows\": {}, \"total_byte_size\": {}, \"columns\": [", g ? ", " : "",
              rg.num_rows, rg.total_byte_size);
    for (size_t c = 0; c < rg.columns.size() && c < leaves.size(); ++c) {
      const parquet::ColumnMetaData& cm = *rg.columns[c].meta_data;
      ChunkFacts f = Facts(rg.columns[c], leaves[c]);
      ctx.Print(
          "{}{{\"path\": {}, \"physical_type\": \"{}\", \"codec\": \"{}\", \"encodings\": {}, "
          "\"num_values\": {}, \"compressed_bytes\": {}, \"uncompressed_bytes\": {}, "
          "\"min\": {}, \"max\": {}, \"null_count\": {}, \"page_index\": {}, "
          "\"bloom_filter\": {}}}",
          c ? ", " : "", JsonString(fmt::format("{}", fmt::join(leaves[c].path, "."))),
          parquet::PhysicalTypeName(cm.type), f.codec, JsonString(f.encodings), cm.num_values,
          cm.total_compressed_size, cm.total_uncompressed_size, f.min ? JsonString(*f.min) : "null",
          f.max ? JsonString(*f.max) : "null",
          f.null_count ? std::to_string(*f.null_count) : "null", f.page_index, f.bloom_filter);
    }
    ctx.Print("]}}");
  }
  ctx.Print("]}}\n");
}

void Print(const parquet::ParquetReader& reader, const CliContext& ctx) {
  ctx.json ? PrintJson(reader, ctx) : PrintText(reader, ctx);
}

}  // namespace

void AddMetaCommand(CLI::App* app, CliContext* ctx, Status* result) {
  AddParquetInfoCommand(app, ctx, result, "meta",
                        "Print row groups, column chunks and statistics (or a Delta table's info)",
                        Print);
}

}  // namespace strata::cli
