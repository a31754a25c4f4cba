// Page pruning: the page index selects rows, only the pages holding them are
// read (proved by recording every ReadAt), and the rows returned are exactly
// those a full read and filter returns.
#include "parquet/page_filter.h"

#include <gtest/gtest.h>

#include <random>

#include "columnar/builder.h"
#include "columnar/compute.h"
#include "io/local_file_system.h"
#include "parquet/file_reader.h"
#include "parquet/file_writer.h"
#include "reader_test_util.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::parquet {
namespace {

using testing::RecordingFileSystem;

OffsetIndex Pages(const std::vector<std::pair<int64_t, int64_t>>& offset_and_first_row,
                  int32_t size) {
  OffsetIndex index;
  for (auto [offset, row] : offset_and_first_row) {
    index.page_locations.push_back(
        {.offset = offset, .compressed_page_size = size, .first_row_index = row});
  }
  return index;
}

TEST(OffsetIndexUsableTest, AcceptsOnlyOrderedPagesInsideTheChunk) {
  const OffsetIndex good = Pages({{100, 0}, {150, 10}, {200, 20}}, 50);
  EXPECT_TRUE(OffsetIndexUsable(good, 100, 250, 30));
  EXPECT_TRUE(OffsetIndexUsable(good, 40, 250, 30));    // A dictionary page before.
  EXPECT_FALSE(OffsetIndexUsable(good, 100, 249, 30));  // Last page past the end.
  EXPECT_FALSE(OffsetIndexUsable(good, 120, 250, 30));  // First page before the chunk.
  EXPECT_FALSE(OffsetIndexUsable(good, 100, 250, 20));  // A page starts past the rows.
  EXPECT_FALSE(OffsetIndexUsable(Pages({{100, 0}, {140, 10}}, 50), 100, 250, 30));  // Overlap.
  EXPECT_FALSE(OffsetIndexUsable(Pages({{100, 1}, {150, 10}}, 50), 100, 250, 30));
  EXPECT_FALSE(OffsetIndexUsable(Pages({{100, 0}, {150, 0}}, 50), 100, 250, 30));
  EXPECT_FALSE(OffsetIndexUsable(Pages({{100, 0}}, 0), 100, 250, 30));
  EXPECT_FALSE(OffsetIndexUsable(OffsetIndex{}, 100, 250, 30));
}

TEST(PagesForRowsTest, KeepsEveryPageARangeTouches) {
  const OffsetIndex index = Pages({{0, 0}, {10, 100}, {20, 200}, {30, 300}}, 10);
  EXPECT_EQ(PagesForRows(index, 400, {{150, 160}}), (std::vector<int>{1}));
  EXPECT_EQ(PagesForRows(index, 400, {{90, 110}}), (std::vector<int>{0, 1}));
  EXPECT_EQ(PagesForRows(index, 400, {{0, 400}}), (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(PagesForRows(index, 400, {{199, 201}, {350, 351}}), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(PagesForRows(index, 400, {{100, 200}}), (std::vector<int>{1}));
  EXPECT_EQ(PagesForRows(index, 400, {}), (std::vector<int>{}));
}

constexpr int64_t kRows = 60000;
constexpr int64_t kRowsPerGroup = 30000;

SchemaPtr TestSchema() {
  return MakeSchema({{"id", Int64(), false},
                     {"site", String(), false},
                     {"note", String(), true},
                     {"reading", Float64(), true}});
}

// id = row (sorted); site has 5 values (dictionary encoded); note is long
// and unique, so its pages end at other rows than id's; reading is null in
// rows 20000..20999.
RecordBatchPtr Rows() {
  Int64Builder ids;
  BinaryBuilder sites(String());
  BinaryBuilder notes(String());
  Float64Builder readings;
  for (int64_t r = 0; r < kRows; ++r) {
    CHECK_OK(ids.Append(r));
    CHECK_OK(sites.Append("site-" + std::to_string(r % 5)));
    if (r % 13 == 0) {
      CHECK_OK(notes.AppendNull());
    } else {
      CHECK_OK(notes.Append(std::string(40 + r % 17, 'a' + static_cast<char>(r % 26)) +
                            std::to_string(r)));
    }
    if (r >= 20000 && r < 21000) {
      CHECK_OK(readings.AppendNull());
    } else {
      CHECK_OK(readings.Append(static_cast<double>(r % 1000) / 8));
    }
  }
  return RecordBatch::Make(TestSchema(),
                           {ids.Finish().ValueOrDie(), sites.Finish().ValueOrDie(),
                            notes.Finish().ValueOrDie(), readings.Finish().ValueOrDie()},
                           kRows)
      .ValueOrDie();
}

class PagePruningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rows_ = Rows();
    WriterOptions options;
    options.row_group_rows = kRowsPerGroup;
    options.column.page_rows = 1000;
    options.column.page_bytes = 16 << 10;  // note's pages fill by bytes first.
    options.column_encodings["site"] = Encoding::kRleDictionary;
    Write(path_, options);
    options.column.write_page_index = false;
    Write(no_index_path_, options);
  }

  void Write(const std::string& path, const WriterOptions& options) {
    auto writer = ParquetWriter::Open(local_.get(), path, TestSchema(), options).ValueOrDie();
    ASSERT_OK(writer->Write(*rows_));
    ASSERT_OK(writer->Close());
  }

  // The rows of `columns` matching `where`, through a scan of `path`.
  RecordBatchPtr Scan(const std::string& path, const std::string& where,
                      const std::vector<int>& columns) {
    auto reader = ParquetReader::Open(&fs_, path).ValueOrDie();
    fs_.Clear();  // The footer read covers the file's last 64 KiB.
    auto predicate = std::make_shared<const BoundPredicate>(
        Bind(ParsePredicate(where).ValueOrDie(), *reader->schema()).ValueOrDie());
    auto scan = reader->Scan({.columns = columns, .predicate = predicate}).ValueOrDie();
    std::vector<RecordBatchPtr> batches;
    for (;;) {
      RecordBatchPtr batch = scan->Next().ValueOrDie();
      if (batch == nullptr) break;
      batches.push_back(batch);
    }
    if (batches.empty()) return nullptr;
    return ConcatenateBatches(batches).ValueOrDie();
  }

  // The same rows computed without any pruning.
  RecordBatchPtr Expected(const std::string& where, const std::vector<int>& columns) {
    const BoundPredicate predicate =
        Bind(ParsePredicate(where).ValueOrDie(), *rows_->schema()).ValueOrDie();
    const std::vector<uint8_t> keep = Evaluate(predicate, *rows_).ValueOrDie();
    RecordBatchPtr all = FilterBatch(rows_, keep).ValueOrDie();
    if (all->num_rows() == 0) return nullptr;
    std::vector<Field> fields;
    std::vector<VectorPtr> vectors;
    for (int c : columns) {
      fields.push_back(rows_->schema()->field(c));
      vectors.push_back(all->column(c));
    }
    return RecordBatch::Make(MakeSchema(std::move(fields)), std::move(vectors), all->num_rows())
        .ValueOrDie();
  }

  void ExpectSameRows(const RecordBatchPtr& actual, const RecordBatchPtr& expected,
                      const std::string& where) {
    ASSERT_EQ(actual == nullptr, expected == nullptr) << where;
    if (actual == nullptr) return;
    ASSERT_EQ(actual->num_rows(), expected->num_rows()) << where;
    for (int c = 0; c < expected->num_columns(); ++c) {
      EXPECT_TRUE(actual->column(c)->Equals(*expected->column(c))) << where << " column " << c;
    }
  }

  // The byte ranges of the data pages of `column` (a leaf index) in every
  // row group, and the rows each holds.
  struct PageSpan {
    int row_group;
    int64_t offset, end, first_row, last_row;
  };
  std::vector<PageSpan> PageSpans(int column) {
    auto file = local_->OpenForRead(path_).ValueOrDie();
    auto reader = ParquetReader::Open(local_.get(), path_).ValueOrDie();
    std::vector<PageSpan> spans;
    for (int g = 0; g < reader->num_row_groups(); ++g) {
      const RowGroup& group = reader->metadata().row_groups[static_cast<size_t>(g)];
      const OffsetIndex index =
          *ReadOffsetIndexOf(file.get(), group.columns[static_cast<size_t>(column)]).ValueOrDie();
      const auto& pages = index.page_locations;
      for (size_t i = 0; i < pages.size(); ++i) {
        const int64_t next = i + 1 < pages.size() ? pages[i + 1].first_row_index : group.num_rows;
        const int64_t base = g * kRowsPerGroup;
        spans.push_back({g, pages[i].offset, pages[i].offset + pages[i].compressed_page_size,
                         base + pages[i].first_row_index, base + next - 1});
      }
    }
    return spans;
  }

  ScopedTempDir dir_;
  std::string path_ = dir_.Join("pages.parquet");
  std::string no_index_path_ = dir_.Join("no_index.parquet");
  std::unique_ptr<FileSystem> local_ = NewLocalFileSystem();
  RecordingFileSystem fs_{local_.get()};
  RecordBatchPtr rows_;
};

TEST_F(PagePruningTest, PagesTheIndexRulesOutAreNeverRead) {
  const std::string where = "id >= 12345 AND id < 12400";
  const std::vector<int> all = {0, 1, 2, 3};
  RecordBatchPtr actual = Scan(path_, where, all);
  ExpectSameRows(actual, Expected(where, all), where);
  ASSERT_NE(actual, nullptr);
  EXPECT_EQ(actual->num_rows(), 55);
  const std::vector<RecordingFileSystem::Read> reads = fs_.reads();
  for (int column = 0; column < 4; ++column) {
    int pages_read = 0;
    for (const PageSpan& page : PageSpans(column)) {
      const bool needed = page.last_row >= 12345 && page.first_row < 12400;
      bool read = false;
      for (const auto& r : reads) read |= r.offset < page.end && page.offset < r.offset + r.length;
      EXPECT_EQ(read, needed) << "column " << column << " rows " << page.first_row << ".."
                              << page.last_row;
      pages_read += read ? 1 : 0;
    }
    EXPECT_GE(pages_read, 1) << column;
  }
}

TEST_F(PagePruningTest, MatchesAFullReadForManyPredicates) {
  std::mt19937_64 random(7);
  std::vector<std::string> predicates = {
      "reading IS NULL",
      "reading IS NULL AND id > 20500",
      "reading IS NOT NULL AND id >= 19990 AND id <= 21010",
      "note IS NULL AND id < 3000",
      "site = 'site-3' AND id >= 29990 AND id < 30010",
      "id IN (5, 999, 1000, 29999, 30000, 59999)",
      "id > 59999",
      "id < 0",
      "note >= 'zzzz'",
  };
  for (int i = 0; i < 20; ++i) {
    const int64_t a = static_cast<int64_t>(random() % kRows);
    const int64_t b = a + static_cast<int64_t>(random() % 3000);
    predicates.push_back(fmt::format("id >= {} AND id <= {}", a, b));
  }
  for (const std::string& where : predicates) {
    for (const std::vector<int>& columns : {std::vector<int>{0, 1, 2, 3}, std::vector<int>{2},
                                            std::vector<int>{3, 1}, std::vector<int>{}}) {
      if (columns.empty()) continue;
      const RecordBatchPtr expected = Expected(where, columns);
      ExpectSameRows(Scan(path_, where, columns), expected, where);
      ExpectSameRows(Scan(no_index_path_, where, columns), expected, where + " (no index)");
    }
  }
}

TEST_F(PagePruningTest, SelectRowsIntersectsTheConjuncts) {
  auto reader = ParquetReader::Open(local_.get(), path_).ValueOrDie();
  auto file = local_->OpenForRead(path_).ValueOrDie();
  const auto bind = [&](const std::string& where) {
    return Bind(ParsePredicate(where).ValueOrDie(), *reader->schema()).ValueOrDie();
  };
  const RowGroup& first = reader->metadata().row_groups[0];
  const auto& leaves = reader->parquet_schema().leaves;
  EXPECT_EQ(SelectRows(file.get(), leaves, first, bind("id >= 2500 AND id < 4200"), nullptr),
            (std::vector<RowRange>{{2000, 5000}}));
  EXPECT_EQ(SelectRows(file.get(), leaves, first, bind("reading IS NULL"), nullptr),
            (std::vector<RowRange>{{20000, 21000}}));
  EXPECT_EQ(SelectRows(file.get(), leaves, first, bind("reading IS NULL AND id < 100"), nullptr),
            (std::vector<RowRange>{}));
  // Without a page index every row may match.
  auto no_index = ParquetReader::Open(local_.get(), no_index_path_).ValueOrDie();
  auto no_index_file = local_->OpenForRead(no_index_path_).ValueOrDie();
  EXPECT_EQ(SelectRows(no_index_file.get(), leaves, no_index->metadata().row_groups[0],
                       bind("id < 100"), nullptr),
            (std::vector<RowRange>{{0, kRowsPerGroup}}));
}

}  // namespace
}  // namespace strata::parquet
