#include "columnar/pretty_print.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace strata {
namespace {

using testing::MakeStrings;
using testing::MakeVector;
using testing::Opt;

RecordBatchPtr Sample() {
  DecimalBuilder prices(Decimal(10, 2).ValueOrDie());
  CHECK_OK(prices.Append(Decimal128(1250)));
  CHECK_OK(prices.Append(Decimal128(-300)));
  CHECK_OK(prices.AppendNull());
  return testing::MakeBatch(
      {"id", "name", "price"},
      {MakeVector<int32_t>({1, Opt<int32_t>(), 100}),
       MakeStrings({"ada", Opt<std::string>(), "grace hopper"}), prices.Finish().ValueOrDie()});
}

TEST(PrettyPrintTest, GoldenTable) {
  EXPECT_EQ(FormatTable(*Sample()),
            "┌───────┬──────────────┬───────────────┐\n"
            "│  id   │     name     │     price     │\n"
            "│ int32 │    string    │ decimal(10,2) │\n"
            "├───────┼──────────────┼───────────────┤\n"
            "│     1 │ ada          │         12.50 │\n"
            "│  NULL │ NULL         │         -3.00 │\n"
            "│   100 │ grace hopper │          NULL │\n"
            "├───────┴──────────────┴───────────────┤\n"
            "│ 3 rows                               │\n"
            "└──────────────────────────────────────┘\n");
}

TEST(PrettyPrintTest, WideCharactersKeepColumnsAligned) {
  PrettyPrintOptions options;
  options.show_types = false;
  options.show_row_count = false;
  auto batch = testing::MakeBatch({"s"}, {MakeStrings({"漢字", "ab", "🚀x", "e\u0301"})});
  EXPECT_EQ(FormatTable(*batch, options),
            "┌──────┐\n"
            "│  s   │\n"
            "├──────┤\n"
            "│ 漢字 │\n"
            "│ ab   │\n"
            "│ 🚀x  │\n"
            "│ e\u0301    │\n"
            "└──────┘\n");
}

TEST(PrettyPrintTest, WithoutTypesOrFooter) {
  PrettyPrintOptions options;
  options.show_types = false;
  options.show_row_count = false;
  options.max_col_width = 5;
  EXPECT_EQ(FormatTable(*Sample(), options),
            "┌──────┬───────┬───────┐\n"
            "│  id  │ name  │ price │\n"
            "├──────┼───────┼───────┤\n"
            "│    1 │ ada   │ 12.50 │\n"
            "│ NULL │ NULL  │ -3.00 │\n"
            "│  100 │ grac… │  NULL │\n"
            "└──────┴───────┴───────┘\n");
}

TEST(PrettyPrintTest, LongResultsShowHeadAndTail) {
  std::vector<Opt<int64_t>> values;
  for (int64_t i = 1; i <= 5; ++i) values.push_back(i);
  auto batch = testing::MakeBatch({"n"}, {MakeVector<int64_t>(values)});
  PrettyPrintOptions options;
  options.max_rows = 2;
  EXPECT_EQ(FormatTable(*batch, options),
            "┌──────────────────┐\n"
            "│        n         │\n"
            "│      int64       │\n"
            "├──────────────────┤\n"
            "│                1 │\n"
            "│        ·         │\n"
            "│                5 │\n"
            "├──────────────────┤\n"
            "│ 5 rows (2 shown) │\n"
            "└──────────────────┘\n");
}

TEST(PrettyPrintTest, StreamsOfBatchesFormOneTable) {
  auto first = testing::MakeBatch({"s"}, {MakeStrings({"wörld", "a\tb\nc"})});
  auto second = testing::MakeBatch({"s"}, {MakeStrings({"\x01z"})});
  std::vector<RecordBatchPtr> batches = {first, second};
  PrettyPrintOptions options;
  options.max_rows = 2;
  EXPECT_EQ(FormatTable(*first->schema(), batches, options),
            "┌──────────────────┐\n"
            "│        s         │\n"
            "│      string      │\n"
            "├──────────────────┤\n"
            "│ wörld            │\n"
            "│        ·         │\n"
            "│ \\x01z            │\n"
            "├──────────────────┤\n"
            "│ 3 rows (2 shown) │\n"
            "└──────────────────┘\n");
  options.max_rows = 10;
  EXPECT_NE(FormatTable(*first->schema(), batches, options).find("│ a\\tb\\nc │"),
            std::string::npos);
}

TEST(PrettyPrintTest, EmptyResults) {
  auto batch = testing::MakeBatch({"x"}, {MakeVector<int8_t>({})});
  EXPECT_EQ(FormatTable(*batch),
            "┌────────┐\n"
            "│   x    │\n"
            "│  int8  │\n"
            "├────────┤\n"
            "├────────┤\n"
            "│ 0 rows │\n"
            "└────────┘\n");
  EXPECT_EQ(FormatTable(*RecordBatch::Make(MakeSchema({}), {}, 0).ValueOrDie()), "0 rows\n");
  EXPECT_EQ(FormatTable(Schema({{"x", Int8()}}), {}), FormatTable(*batch));
}

TEST(PrettyPrintTest, SingularRowCount) {
  auto batch = testing::MakeBatch({"a_long_column_name"}, {MakeVector<int8_t>({7})});
  EXPECT_NE(FormatTable(*batch).find("│ 1 row              │"), std::string::npos)
      << FormatTable(*batch);
}

}  // namespace
}  // namespace strata
