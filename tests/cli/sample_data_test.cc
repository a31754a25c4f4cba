#include "cli/sample_data.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

namespace strata::cli {
namespace {

TEST(SampleDataTest, FindsDatasetsByName) {
  EXPECT_EQ(FindSampleDataset("telemetry").ValueOrDie(), &TelemetryDataset());
  EXPECT_EQ(FindSampleDataset("edge-cases").ValueOrDie(), &EdgeCasesDataset());
  EXPECT_TRUE(FindSampleDataset("nope").status().IsNotFound());
}

TEST(SampleDataTest, TelemetryBatchesAreSlicesOfOneSequence) {
  const SampleDataset& d = TelemetryDataset();
  auto whole = d.MakeBatch(0, 300, 5).ValueOrDie();
  auto part = d.MakeBatch(100, 50, 5).ValueOrDie();
  ASSERT_TRUE(whole->Validate().ok());
  EXPECT_TRUE(part->Equals(*whole->Slice(100, 50)));
  EXPECT_FALSE(part->Equals(*d.MakeBatch(100, 50, 6).ValueOrDie()));
}

TEST(SampleDataTest, TelemetryHasRealisticShape) {
  const SampleDataset& d = TelemetryDataset();
  auto batch = d.MakeBatch(0, 20000, 1).ValueOrDie();
  ASSERT_TRUE(batch->Validate().ok());
  EXPECT_TRUE(batch->schema()->Equals(*d.schema()));
  const ColumnVector& battery = *batch->GetColumnByName("battery_id");
  std::set<std::string> batteries;
  for (int64_t i = 0; i < battery.length(); ++i) batteries.emplace(battery.GetView(i));
  EXPECT_EQ(batteries.size(), 96u);
  const ColumnVector& temperature = *batch->GetColumnByName("temperature");
  double null_fraction = static_cast<double>(temperature.null_count()) / 20000;
  EXPECT_GT(null_fraction, 0.005);
  EXPECT_LT(null_fraction, 0.02);
  // Timestamps never go backwards: readings are in time order.
  const ColumnVector& ts = *batch->GetColumnByName("ts");
  for (int64_t i = 1; i < ts.length(); ++i) {
    ASSERT_LE(ts.Value<int64_t>(i - 1), ts.Value<int64_t>(i));
  }
}

TEST(SampleDataTest, EdgeCasesCoverNullsAndSpecialFloats) {
  const SampleDataset& d = EdgeCasesDataset();
  auto batch = d.MakeBatch(0, d.default_rows(), 1).ValueOrDie();
  ASSERT_TRUE(batch->Validate().ok());
  EXPECT_EQ(batch->num_rows(), 12);
  for (int c = 1; c < batch->num_columns(); ++c) {
    EXPECT_GE(batch->column(c)->null_count(), 1) << batch->schema()->field(c).name;
  }
  const ColumnVector& f64 = *batch->GetColumnByName("f64");
  bool has_nan = false;
  bool has_neg_zero = false;
  for (int64_t i = 0; i < f64.length(); ++i) {
    if (f64.IsNull(i)) continue;
    has_nan |= std::isnan(f64.Value<double>(i));
    has_neg_zero |= f64.Value<double>(i) == 0 && std::signbit(f64.Value<double>(i));
  }
  EXPECT_TRUE(has_nan);
  EXPECT_TRUE(has_neg_zero);
}

}  // namespace
}  // namespace strata::cli
