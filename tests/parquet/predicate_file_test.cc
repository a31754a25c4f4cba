// Pruning against the metadata of real files: strata's writer (statistics
// with truncation, page index, bloom filters, several row groups) and
// parquet-mr's data_index_bloom_encoding_stats.parquet fixture. The
// property checked everywhere: nothing pruned holds a matching row, and
// selective predicates do prune.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "columnar/builder.h"
#include "columnar/compute.h"
#include "io/local_file_system.h"
#include "parquet/file_writer.h"
#include "parquet/predicate.h"
#include "parquet/schema_read.h"
#include "parquet/thrift/fixture_files.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::parquet {
namespace {

constexpr int64_t kRows = 1000;

RecordBatchPtr MakeRows() {
  Int64Builder id;
  Int8Builder i8;
  UInt32Builder u32;
  DecimalBuilder d20(Decimal(20, 2).ValueOrDie());
  BinaryBuilder s(String());
  Float64Builder f64;
  for (int64_t i = 0; i < kRows; ++i) {
    CHECK_OK(id.Append(i));
    CHECK_OK(i % 17 == 0 ? i8.AppendNull() : i8.Append(static_cast<int8_t>(i % 200 - 100)));
    CHECK_OK(u32.Append(static_cast<uint32_t>(i * 4294000)));
    CHECK_OK(d20.Append(Decimal128((i - 500) * 12345)));
    // Every third value is longer than the 64-byte statistics limit.
    CHECK_OK(s.Append(std::string(i % 3 == 0 ? 80 : 1, static_cast<char>('a' + i / 100)) +
                      std::to_string(i)));
    CHECK_OK(f64.Append(i % 50 == 7 ? NAN : static_cast<double>(i - 500) / 4));
  }
  SchemaPtr schema = MakeSchema({{"id", Int64()},
                                 {"i8", Int8()},
                                 {"u32", UInt32()},
                                 {"d20", Decimal(20, 2).ValueOrDie()},
                                 {"s", String()},
                                 {"f64", Float64()}});
  std::vector<VectorPtr> columns;
  for (VectorBuilder* b : std::initializer_list<VectorBuilder*>{&id, &i8, &u32, &d20, &s, &f64}) {
    columns.push_back(b->Finish().ValueOrDie());
  }
  return RecordBatch::Make(schema, std::move(columns), kRows).ValueOrDie();
}

// Reads the thrift struct at [offset, offset + length) of `file`.
std::span<const uint8_t> At(const std::vector<uint8_t>& file, int64_t offset, int64_t length) {
  if (offset < 0 || length < 0 || offset + length > static_cast<int64_t>(file.size())) return {};
  return std::span<const uint8_t>(file).subspan(static_cast<size_t>(offset),
                                                static_cast<size_t>(length));
}

Result<std::unique_ptr<BloomFilter>> LoadBloomFilter(const std::vector<uint8_t>& file,
                                                     const ColumnMetaData& meta) {
  if (!meta.bloom_filter_offset) return Status::NotFound("no bloom filter");
  const auto rest = static_cast<int64_t>(file.size()) - *meta.bloom_filter_offset;
  std::span<const uint8_t> bytes = At(file, *meta.bloom_filter_offset, rest);
  int64_t header_size = 0;
  ASSIGN_OR_RETURN(BloomFilterHeader header, ReadBloomFilterHeader(bytes, &header_size));
  return BloomFilter::FromBitset(
      At(file, *meta.bloom_filter_offset + header_size, header.num_bytes));
}

// What the pruning layers decided for one row group.
struct Decision {
  bool row_group = true;
  bool bloom = true;
  std::vector<RowRange> ranges;
};

Decision Decide(const BoundPredicate& bound, const std::vector<LeafColumn>& leaves,
                const FileMetaData& metadata, const RowGroup& rg,
                const std::vector<uint8_t>& file) {
  Decision d;
  d.row_group = RowGroupMightMatch(bound, leaves, rg,
                                   metadata.column_orders ? &*metadata.column_orders : nullptr);
  d.ranges = {{0, rg.num_rows}};
  for (const BoundComparison& c : bound.conjuncts) {
    const LeafColumn* leaf = FindLeaf(c, leaves);
    if (leaf == nullptr) continue;
    const ColumnChunk& chunk = rg.columns[static_cast<size_t>(leaf - leaves.data())];
    Result<std::unique_ptr<BloomFilter>> filter = LoadBloomFilter(file, *chunk.meta_data);
    if (filter.ok()) d.bloom = d.bloom && BloomMightContain(c, *leaf, **filter);
    if (!chunk.column_index_offset || !chunk.offset_index_offset) continue;
    Result<ColumnIndex> index =
        ReadColumnIndex(At(file, *chunk.column_index_offset, *chunk.column_index_length));
    Result<OffsetIndex> offsets =
        ReadOffsetIndex(At(file, *chunk.offset_index_offset, *chunk.offset_index_length));
    EXPECT_OK(index.status());
    EXPECT_OK(offsets.status());
    if (!index.ok() || !offsets.ok()) continue;
    d.ranges = IntersectRowRanges(
        d.ranges, PagesToRowRanges(PagesMightMatch(c, *leaf, *index), *offsets, rg.num_rows));
  }
  return d;
}

bool InRanges(const std::vector<RowRange>& ranges, int64_t row) {
  for (const RowRange& r : ranges) {
    if (row >= r.begin && row < r.end) return true;
  }
  return false;
}

class WrittenFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    batch_ = MakeRows();
    WriterOptions options;
    options.row_group_rows = 250;
    options.column.page_rows = 50;
    options.bloom_filter_columns = {"id", "i8", "u32", "d20", "s", "f64"};
    auto fs = NewLocalFileSystem();
    const std::string path = dir_.Join("pruning.parquet");
    ASSERT_OK_AND_ASSIGN(auto writer,
                         ParquetWriter::Open(fs.get(), path, batch_->schema(), options));
    ASSERT_OK(writer->Write(*batch_));
    ASSERT_OK(writer->Close());
    file_ = testing::ReadFileBytes(path);
    ASSERT_OK_AND_ASSIGN(metadata_, ReadFileMetaData(testing::FooterBytes(file_)));
    ASSERT_OK_AND_ASSIGN(ParquetSchema schema, FromParquetSchema(metadata_.schema));
    leaves_ = schema.leaves;
    ASSERT_EQ(metadata_.row_groups.size(), 4u);
  }

  // Checks that no pruning layer skips a matching row; returns the row
  // groups pruned by statistics or bloom filters and the rows outside the
  // page ranges.
  std::pair<int, int64_t> Check(std::string_view text) {
    Predicate p = ParsePredicate(text).ValueOrDie();
    BoundPredicate bound = Bind(p, *batch_->schema()).ValueOrDie();
    int pruned_groups = 0;
    int64_t skipped_rows = 0;
    int64_t start = 0;
    for (const RowGroup& rg : metadata_.row_groups) {
      RecordBatchPtr rows = batch_->Slice(start, rg.num_rows);
      std::vector<uint8_t> selection = Evaluate(bound, *rows).ValueOrDie();
      const Decision d = Decide(bound, leaves_, metadata_, rg, file_);
      const bool any = CountSelected(selection) > 0;
      EXPECT_TRUE(!any || d.row_group) << text << ": row group at " << start;
      EXPECT_TRUE(!any || d.bloom) << text << ": bloom filter at " << start;
      for (int64_t i = 0; i < rg.num_rows; ++i) {
        EXPECT_TRUE(selection[i] == 0 || InRanges(d.ranges, i)) << text << ": row " << start + i;
      }
      pruned_groups += d.row_group && d.bloom ? 0 : 1;
      skipped_rows += rg.num_rows - CountRows(d.ranges);
      start += rg.num_rows;
    }
    return {pruned_groups, skipped_rows};
  }

  ScopedTempDir dir_;
  RecordBatchPtr batch_;
  std::vector<uint8_t> file_;
  FileMetaData metadata_;
  std::vector<LeafColumn> leaves_;
};

TEST_F(WrittenFileTest, NothingMatchingIsEverSkipped) {
  for (const char* text :
       {"id >= 900",
        "id < 10",
        "id = 500",
        "id IN (1, 999)",
        "id != 3",
        "id > 249.5",
        "i8 = -100",
        "i8 > 98",
        "i8 IS NULL",
        "i8 IS NOT NULL",
        "i8 IN (0, 1, 2)",
        "u32 > 3000000000",
        "u32 <= 4294000",
        "u32 = 429400000",
        "d20 >= 1000.00",
        "d20 = -6172.50",
        "d20 < -6000",
        "d20 != 0",
        "s = 'f500'",
        "s > 'j'",
        "s < 'b'",
        "s >= 'caaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'",
        "s = 'x'",
        "f64 > 100",
        "f64 = 'nan'",
        "f64 < -100",
        "f64 = 0",
        "f64 <= -124.5",
        "id >= 100 AND id < 120 AND i8 IS NOT NULL",
        "id < 600 AND s > 'e'"}) {
    Check(text);
  }
}

TEST_F(WrittenFileTest, SelectivePredicatesPrune) {
  EXPECT_EQ(Check("id >= 900").first, 3);
  EXPECT_EQ(Check("id >= 900").second, 900);  // Pages of 50 rows.
  EXPECT_EQ(Check("id = 500").second, 1000 - 50);
  EXPECT_EQ(Check("u32 > 3000000000").first, 2);  // Unsigned order: rows > 698.
  EXPECT_EQ(Check("d20 < -6000").first, 2);       // FLBA decimal, signed: rows < 452.
  EXPECT_EQ(Check("d20 > 31000").first, 3);       // Rows > 751.
  EXPECT_EQ(Check("s = 'x'").first, 4);           // Statistics and bloom filter.
  EXPECT_EQ(Check("s = 'f500'").first, 3);        // Bloom filter within the range.
  EXPECT_EQ(Check("s < 'b'").first, 3);           // Truncated bounds still bound.
  EXPECT_EQ(Check("i8 IN (1000, 2000)").first, 4);
  EXPECT_EQ(Check("id IS NULL").first, 4);
  EXPECT_EQ(Check("id = 5 AND s = 'f500'").first, 4);
}

// parquet-mr's fixture: one string column with statistics, page index and a
// bloom filter.
TEST(FixtureFileTest, ParquetMrStatisticsAndBloomFilter) {
  const auto dir = testing::FindParquetFixturesDir();
  ASSERT_TRUE(dir.has_value()) << "shared fixtures not found";
  const std::vector<uint8_t> file =
      testing::ReadFileBytes(*dir / "data" / "data_index_bloom_encoding_stats.parquet");
  ASSERT_OK_AND_ASSIGN(FileMetaData metadata, ReadFileMetaData(testing::FooterBytes(file)));
  ASSERT_OK_AND_ASSIGN(ParquetSchema schema, FromParquetSchema(metadata.schema));
  const RowGroup& rg = metadata.row_groups.at(0);
  const ColumnMetaData& meta = *rg.columns.at(0).meta_data;
  ASSERT_TRUE(meta.statistics.has_value());
  EXPECT_EQ(meta.statistics->min_value, "Hello");
  EXPECT_EQ(meta.statistics->max_value, "today");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<BloomFilter> filter, LoadBloomFilter(file, meta));
  const LeafColumn& leaf = schema.leaves.at(0);
  auto bound = [&](std::string_view text) {
    return Bind(ParsePredicate(text).ValueOrDie(), *schema.schema).ValueOrDie();
  };
  auto stats_might = [&](std::string_view text) {
    return RowGroupMightMatch(bound(text), schema.leaves, rg, nullptr);
  };
  auto bloom_might = [&](std::string_view text) {
    return BloomMightContain(bound(text).conjuncts[0], leaf, *filter);
  };
  EXPECT_TRUE(stats_might("String = 'Hello'"));
  EXPECT_TRUE(stats_might("String >= 'today'"));
  EXPECT_FALSE(stats_might("String > 'today'"));
  EXPECT_FALSE(stats_might("String < 'Hello'"));
  EXPECT_FALSE(stats_might("String IS NULL"));
  // parquet-mr hashes the raw bytes as we do: the extremes are in the
  // filter, neighbouring strings are not.
  EXPECT_TRUE(bloom_might("String = 'Hello'"));
  EXPECT_TRUE(bloom_might("String IN ('nope', 'today')"));
  EXPECT_FALSE(bloom_might("String = 'Hellp'"));
  EXPECT_FALSE(bloom_might("String = 'hello'"));
  EXPECT_FALSE(bloom_might("String IN ('todax', 'Today')"));
  // Its page index agrees with the chunk statistics.
  const ColumnChunk& chunk = rg.columns[0];
  ASSERT_TRUE(chunk.column_index_offset.has_value());
  ASSERT_OK_AND_ASSIGN(ColumnIndex index, ReadColumnIndex(At(file, *chunk.column_index_offset,
                                                             *chunk.column_index_length)));
  EXPECT_EQ(PagesMightMatch(bound("String > 'today'").conjuncts[0], leaf, index),
            std::vector<bool>(index.null_pages.size(), false));
  EXPECT_EQ(PagesMightMatch(bound("String = 'today'").conjuncts[0], leaf, index),
            std::vector<bool>(index.null_pages.size(), true));
}

// A Delta checkpoint (parquet-mr 1.10.1): predicates on struct members use
// the member leaf's chunk statistics, whose nulls include the rows where
// the struct itself is null.
TEST(FixtureFileTest, StructMemberStatisticsPrune) {
  const auto dir = testing::FindParquetFixturesDir();
  ASSERT_TRUE(dir.has_value()) << "shared fixtures not found";
  const std::vector<uint8_t> file =
      testing::ReadFileBytes(*dir / ".." / "delta" / "delta-0.2.0" / "_delta_log" /
                             "00000000000000000003.checkpoint.parquet");
  ASSERT_OK_AND_ASSIGN(FileMetaData metadata, ReadFileMetaData(testing::FooterBytes(file)));
  ASSERT_OK_AND_ASSIGN(ParquetSchema schema, FromParquetSchema(metadata.schema));
  const RowGroup& rg = metadata.row_groups.at(0);
  auto bound = [&](std::string_view text) {
    return Bind(ParsePredicate(text).ValueOrDie(), *schema.schema).ValueOrDie();
  };
  auto might = [&](std::string_view text) {
    return RowGroupMightMatch(bound(text), schema.leaves, rg, nullptr);
  };
  const BoundPredicate size = bound("add.size >= 400");
  EXPECT_EQ(size.conjuncts[0].members, std::vector<std::string>{"size"});
  const LeafColumn* leaf = FindLeaf(size.conjuncts[0], schema.leaves);
  ASSERT_NE(leaf, nullptr);
  EXPECT_EQ(LeafName(*leaf), "add.size");
  // add.size: 396, 400 and 404 in three of ten rows.
  EXPECT_TRUE(might("add.size >= 404"));
  EXPECT_FALSE(might("add.size > 404"));
  EXPECT_FALSE(might("add.size < 396"));
  EXPECT_TRUE(might("add.size IS NULL"));
  EXPECT_TRUE(might("metaData.format.provider = 'parquet'"));
  EXPECT_FALSE(might("metaData.format.provider = 'orc'"));
  EXPECT_FALSE(might("txn.version = 1"));
  // Members inside maps or lists have no single leaf to prune with.
  const Status inside =
      Bind(ParsePredicate("metaData.partitionColumns.x = 1").ValueOrDie(), *schema.schema).status();
  EXPECT_TRUE(inside.IsNotImplemented()) << inside.ToString();
}

}  // namespace
}  // namespace strata::parquet
