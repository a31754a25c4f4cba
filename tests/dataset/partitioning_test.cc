#include "dataset/partitioning.h"

#include <gtest/gtest.h>

#include "columnar/builder.h"
#include "columnar/temporal.h"
#include "testing/status_matchers.h"

namespace strata::dataset {
namespace {

SchemaPtr TestSchema() {
  return MakeSchema({{"site", String(), true},
                     {"ts", Timestamp(TimeUnit::kMicro, /*utc=*/true), true},
                     {"day", Date(), true},
                     {"n", Int32(), true},
                     {"x", Float64(), true}});
}

TEST(ParsePartitioningTest, ColumnsFunctionsAndKeys) {
  ASSERT_OK_AND_ASSIGN(auto fields,
                       ParsePartitioning("site, year(ts), m=month(ts),date(day)", *TestSchema()));
  ASSERT_EQ(fields.size(), 4u);
  EXPECT_EQ(fields[0].name, "site");
  EXPECT_EQ(fields[0].transform, PartitionTransform::kIdentity);
  EXPECT_EQ(fields[1].name, "year");
  EXPECT_EQ(fields[1].column, 1);
  EXPECT_EQ(fields[1].transform, PartitionTransform::kYear);
  EXPECT_EQ(fields[2].name, "m");
  EXPECT_EQ(fields[3].transform, PartitionTransform::kDate);
  EXPECT_EQ(fields[3].column, 2);
}

TEST(ParsePartitioningTest, Errors) {
  const SchemaPtr schema = TestSchema();
  EXPECT_TRUE(ParsePartitioning("nope", *schema).status().IsNotFound());
  EXPECT_TRUE(ParsePartitioning("year(nope)", *schema).status().IsNotFound());
  EXPECT_TRUE(ParsePartitioning("week(ts)", *schema).status().IsInvalid());
  EXPECT_TRUE(ParsePartitioning("hour(day)", *schema).status().IsInvalid());
  EXPECT_TRUE(ParsePartitioning("year(site)", *schema).status().IsInvalid());
  EXPECT_TRUE(ParsePartitioning("x", *schema).status().IsInvalid());
  EXPECT_TRUE(ParsePartitioning("year(ts),year(day)", *schema).status().IsInvalid());
  EXPECT_TRUE(ParsePartitioning("site,,n", *schema).status().IsInvalid());
  EXPECT_TRUE(ParsePartitioning("k=site", *schema).status().IsInvalid());
  const Status status = ParsePartitioning("sight", *schema).status();
  EXPECT_NE(status.message().find("columns: site, ts, day, n, x"), std::string::npos)
      << status.ToString();
}

TEST(EscapePartitionTextTest, EncodesLikeDuckDbButKeepsUtf8) {
  EXPECT_EQ(EscapePartitionText("a/b%c+d=e:f g"), "a%2Fb%25c%2Bd%3De%3Af%20g");
  EXPECT_EQ(EscapePartitionText("05"), "05");
  EXPECT_EQ(EscapePartitionText("Az-_.~"), "Az-_.~");
  EXPECT_EQ(EscapePartitionText("ü#?"), "ü%23%3F");
  EXPECT_EQ(EscapePartitionText(std::string("\n\x7f", 2)), "%0A%7F");
  EXPECT_EQ(EscapePartitionText(""), "");
  EXPECT_EQ(EscapePartitionText(".."), "%2E%2E");
}

RecordBatchPtr Rows() {
  BinaryBuilder site(String());
  Int64Builder ts(Timestamp(TimeUnit::kMicro, true));
  Int32Builder day(Date());
  Int32Builder n;
  Float64Builder x;
  const int64_t micros = int64_t{1'000'000};
  // 2025-10-03 23:59:59 UTC, 1969-12-31 23:00:00 UTC (negative), null.
  CHECK_OK(site.Append("a/b"));
  CHECK_OK(ts.Append(DaysFromCivil(2025, 10, 3) * 86400 * micros + 86399 * micros));
  CHECK_OK(site.Append(""));
  CHECK_OK(ts.Append(-3600 * micros));
  CHECK_OK(site.AppendNull());
  CHECK_OK(ts.AppendNull());
  for (int i = 0; i < 3; ++i) {
    CHECK_OK(day.Append(static_cast<int32_t>(DaysFromCivil(2024, 2, 29)) + i));
    CHECK_OK(n.Append(i == 1 ? -5 : 7));
    CHECK_OK(x.Append(0.5));
  }
  return RecordBatch::Make(
             TestSchema(),
             {site.Finish().ValueOrDie(), ts.Finish().ValueOrDie(), day.Finish().ValueOrDie(),
              n.Finish().ValueOrDie(), x.Finish().ValueOrDie()},
             3)
      .ValueOrDie();
}

TEST(PartitionPathsTest, IdentityAndDerivedKeys) {
  const RecordBatchPtr batch = Rows();
  ASSERT_OK_AND_ASSIGN(
      auto fields, ParsePartitioning("site,year(ts),month(ts),day(ts),hour(ts)", *batch->schema()));
  ASSERT_OK_AND_ASSIGN(auto paths, PartitionPaths(*batch, fields));
  EXPECT_EQ(paths[0], "site=a%2Fb/year=2025/month=10/day=3/hour=23");
  EXPECT_EQ(paths[1], "site=/year=1969/month=12/day=31/hour=23");
  EXPECT_EQ(paths[2],
            "site=__HIVE_DEFAULT_PARTITION__/year=__HIVE_DEFAULT_PARTITION__/"
            "month=__HIVE_DEFAULT_PARTITION__/day=__HIVE_DEFAULT_PARTITION__/"
            "hour=__HIVE_DEFAULT_PARTITION__");
  ASSERT_OK_AND_ASSIGN(fields, ParsePartitioning("d=date(day),n,date(ts)", *batch->schema()));
  ASSERT_OK_AND_ASSIGN(paths, PartitionPaths(*batch, fields));
  EXPECT_EQ(paths[0], "d=2024-02-29/n=7/date=2025-10-03");
  EXPECT_EQ(paths[1], "d=2024-03-01/n=-5/date=1969-12-31");
}

TEST(FileSchemaTest, DropsIdentityColumnsOnly) {
  const SchemaPtr schema = TestSchema();
  ASSERT_OK_AND_ASSIGN(auto fields, ParsePartitioning("site,year(ts)", *schema));
  EXPECT_EQ(FileSchema(*schema, fields)->ToString(),
            "ts: timestamp(us, UTC)\nday: date\nn: int32\nx: float64");
}

}  // namespace
}  // namespace strata::dataset
