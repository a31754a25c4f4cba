#include "cli/sample_data.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "columnar/json_writer.h"

namespace strata::cli {
namespace {

TEST(SampleDataTest, FindsDatasetsByName) {
  EXPECT_EQ(FindSampleDataset("telemetry").ValueOrDie(), &TelemetryDataset());
  EXPECT_EQ(FindSampleDataset("edge-cases").ValueOrDie(), &EdgeCasesDataset());
  EXPECT_EQ(FindSampleDataset("query-perf").ValueOrDie(), &QueryPerfDataset());
  EXPECT_EQ(FindSampleDataset("sensors").ValueOrDie(), &SensorsDataset());
  EXPECT_EQ(FindSampleDataset("index-advisor").ValueOrDie(), &IndexAdvisorDataset());
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

// The new datasets keep the contract of the old ones: a batch is a slice of
// one sequence fixed by the seed, and another seed changes it.
class NewDatasetTest : public ::testing::TestWithParam<const SampleDataset*> {};

std::string DatasetTestName(const ::testing::TestParamInfo<const SampleDataset*>& param) {
  std::string name(param.param->name());
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

TEST_P(NewDatasetTest, BatchesAreSlicesOfOneSeededSequence) {
  const SampleDataset& d = *GetParam();
  auto whole = d.MakeBatch(0, 1200, 5).ValueOrDie();
  ASSERT_TRUE(whole->Validate().ok());
  EXPECT_TRUE(whole->schema()->Equals(*d.schema()));
  EXPECT_TRUE(d.MakeBatch(0, 1200, 5).ValueOrDie()->Equals(*whole));
  auto part = d.MakeBatch(700, 300, 5).ValueOrDie();
  EXPECT_TRUE(part->Equals(*whole->Slice(700, 300)));
  EXPECT_FALSE(part->Equals(*d.MakeBatch(700, 300, 6).ValueOrDie()));
  EXPECT_GT(d.default_rows(), 0);
}

INSTANTIATE_TEST_SUITE_P(SampleDataTest, NewDatasetTest,
                         ::testing::Values(&QueryPerfDataset(), &SensorsDataset(),
                                           &IndexAdvisorDataset()),
                         DatasetTestName);

TEST(SampleDataTest, QueryPerfHasAFewHotStatementsAndALongTail) {
  auto batch = QueryPerfDataset().MakeBatch(0, 20000, 1).ValueOrDie();
  const ColumnVector& hash = *batch->GetColumnByName("query_hash");
  std::map<std::string, int64_t> calls;
  for (int64_t i = 0; i < hash.length(); ++i) ++calls[std::string(hash.GetView(i))];
  EXPECT_EQ(calls.size(), 24u);
  std::vector<int64_t> counts;
  for (const auto& [h, n] : calls) {
    EXPECT_EQ(h.size(), 8u) << h;
    counts.push_back(n);
  }
  std::sort(counts.rbegin(), counts.rend());
  double top3 = static_cast<double>(counts[0] + counts[1] + counts[2]) / 20000;
  EXPECT_GT(top3, 0.40);
  EXPECT_LT(top3, 0.65);
  EXPECT_LT(counts.back(), counts.front() / 10);  // The tail is thin.
  // Sequential scans have no index.
  EXPECT_GT(batch->GetColumnByName("index_used")->null_count(), 0);
}

TEST(SampleDataTest, QueryPerfRowsAreConsistent) {
  auto batch = QueryPerfDataset().MakeBatch(0, 20000, 3).ValueOrDie();
  const ColumnVector& ts = *batch->GetColumnByName("timestamp");
  const ColumnVector& day = *batch->GetColumnByName("date_partition");
  const ColumnVector& exec = *batch->GetColumnByName("execution_time_ms");
  const ColumnVector& cpu = *batch->GetColumnByName("cpu_time_ms");
  const ColumnVector& io = *batch->GetColumnByName("io_wait_ms");
  const ColumnVector& examined = *batch->GetColumnByName("rows_examined");
  const ColumnVector& returned = *batch->GetColumnByName("rows_returned");
  const ColumnVector& hash = *batch->GetColumnByName("query_hash");
  std::map<std::string, std::vector<double>> times;
  for (int64_t i = 0; i < batch->num_rows(); ++i) {
    if (i > 0) {
      ASSERT_LT(ts.Value<int64_t>(i - 1), ts.Value<int64_t>(i)) << i;
    }
    ASSERT_EQ(day.Value<int32_t>(i), ts.Value<int64_t>(i) / 86'400'000'000) << i;
    ASSERT_GT(exec.Value<double>(i), 0) << i;
    ASSERT_LE(cpu.Value<double>(i) + io.Value<double>(i), exec.Value<double>(i) + 1e-9) << i;
    ASSERT_LE(returned.Value<int64_t>(i), examined.Value<int64_t>(i)) << i;
    times[std::string(hash.GetView(i))].push_back(exec.Value<double>(i));
  }
  // Noise and cache misses stay within 10x a statement's median; most of
  // the 0.5% slow executions (10-50x) land beyond it.
  int64_t slow = 0;
  for (auto& [h, t] : times) {
    std::nth_element(t.begin(), t.begin() + static_cast<int64_t>(t.size() / 2), t.end());
    double median = t[t.size() / 2];
    slow += std::count_if(t.begin(), t.end(), [&](double x) { return x > 10 * median; });
  }
  EXPECT_GT(slow, 20000 * 0.002);
  EXPECT_LT(slow, 20000 * 0.006);
}

// Per-unit means of one measurement over a window of readings, skipping
// nulls, glitches and stopped units.
std::map<std::string, double> UnitMeans(const RecordBatch& batch, const std::string& column,
                                        int64_t first_reading, int64_t end_reading,
                                        double glitch_threshold) {
  const ColumnVector& unit = *batch.GetColumnByName("unit_id");
  const ColumnVector& ts = *batch.GetColumnByName("ts");
  const ColumnVector& running = *batch.GetColumnByName("running");
  const ColumnVector& value = *batch.GetColumnByName(column);
  const int64_t start = ts.Value<int64_t>(0);
  std::map<std::string, std::pair<double, int64_t>> sums;
  for (int64_t i = 0; i < batch.num_rows(); ++i) {
    int64_t reading = (ts.Value<int64_t>(i) - start) / 600'000'000;
    if (reading < first_reading || reading >= end_reading || !running.GetBool(i)) continue;
    if (value.IsNull(i) || value.Value<double>(i) >= glitch_threshold) continue;
    auto& [sum, n] = sums[std::string(unit.GetView(i))];
    sum += value.Value<double>(i);
    ++n;
  }
  std::map<std::string, double> means;
  for (const auto& [u, sn] : sums) means[u] = sn.first / static_cast<double>(sn.second);
  return means;
}

TEST(SampleDataTest, SensorFailingUnitsDriftAndHealthyOnesDoNot) {
  auto batch = SensorsDataset().MakeBatch(0, 50000, 1).ValueOrDie();
  for (auto [column, glitch, min_drift] :
       {std::tuple<std::string, double, double>{"vibration_mms", 45, 5},
        {"discharge_temp_f", 450, 40}}) {
    auto first_day = UnitMeans(*batch, column, 0, 144, glitch);
    auto eighth_day = UnitMeans(*batch, column, 1008, 1152, glitch);
    ASSERT_EQ(first_day.size(), static_cast<size_t>(kSensorUnits));
    ASSERT_EQ(eighth_day.size(), static_cast<size_t>(kSensorUnits));
    int failing = 0;
    for (int64_t u = 0; u < kSensorUnits; ++u) {
      std::string id = SensorUnitId(u);
      double drift = eighth_day[id] - first_day[id];
      if (SensorUnitIsFailing(u)) {
        ++failing;
        EXPECT_GT(drift, min_drift) << column << " " << id;
      } else {
        EXPECT_LT(std::abs(drift), min_drift / 5) << column << " " << id;
      }
    }
    EXPECT_EQ(failing, 4);
  }
  EXPECT_EQ(SensorUnitId(0), "CMP-0001");
  EXPECT_TRUE(SensorUnitIsFailing(2));  // CMP-0003
  EXPECT_FALSE(SensorUnitIsFailing(0));
}

TEST(SampleDataTest, SensorDuplicatesRepeatTheRowBeforeAtThePromisedRate) {
  const int64_t rows = 20 * kSensorDuplicateEvery;
  auto batch = SensorsDataset().MakeBatch(0, rows, 9).ValueOrDie();
  const ColumnVector& unit = *batch->GetColumnByName("unit_id");
  const ColumnVector& ts = *batch->GetColumnByName("ts");
  std::set<std::pair<std::string, int64_t>> keys;
  int64_t duplicates = 0;
  for (int64_t i = 0; i < rows; ++i) {
    bool fresh = keys.emplace(std::string(unit.GetView(i)), ts.Value<int64_t>(i)).second;
    if (!fresh) {
      ++duplicates;
      // The repeat is the whole previous row, not just its key.
      ASSERT_GT(i, 0);
      EXPECT_TRUE(batch->Slice(i, 1)->Equals(*batch->Slice(i - 1, 1))) << i;
    }
    if (i > 0) {
      ASSERT_LE(ts.Value<int64_t>(i - 1), ts.Value<int64_t>(i)) << i;
    }
  }
  EXPECT_EQ(duplicates, 20);
}

TEST(SampleDataTest, SensorNullsOutliersAndStopsAtThePromisedRates) {
  const int64_t rows = 50000;
  auto batch = SensorsDataset().MakeBatch(0, rows, 4).ValueOrDie();
  for (const char* column : {"discharge_pressure_psi", "suction_pressure_psi", "discharge_temp_f",
                             "vibration_mms", "power_kw"}) {
    double fraction = static_cast<double>(batch->GetColumnByName(column)->null_count()) / rows;
    EXPECT_GT(fraction, kSensorNullRate * 0.6) << column;
    EXPECT_LT(fraction, kSensorNullRate * 1.4) << column;
  }
  for (auto [column, glitch, real_max] :
       {std::tuple<std::string, double, double>{"vibration_mms", 45, 20},
        {"discharge_temp_f", 450, 300}}) {
    const ColumnVector& v = *batch->GetColumnByName(column);
    int64_t outliers = 0;
    for (int64_t i = 0; i < rows; ++i) {
      if (v.IsNull(i)) continue;
      double x = v.Value<double>(i);
      if (x >= glitch) {
        ++outliers;
      } else {
        ASSERT_LT(x, real_max) << column << " row " << i;
      }
    }
    double fraction = static_cast<double>(outliers) / rows;
    EXPECT_GT(fraction, kSensorOutlierRate * 0.5) << column;
    EXPECT_LT(fraction, kSensorOutlierRate * 1.6) << column;
  }
  const ColumnVector& running = *batch->GetColumnByName("running");
  const ColumnVector& power = *batch->GetColumnByName("power_kw");
  int64_t stopped = 0;
  for (int64_t i = 0; i < rows; ++i) {
    if (running.GetBool(i)) continue;
    ++stopped;
    if (power.IsValid(i)) {
      EXPECT_EQ(power.Value<double>(i), 0) << i;
    }
  }
  EXPECT_GT(stopped, rows / 100);
  EXPECT_LT(stopped, rows * 6 / 100);
}

TEST(SampleDataTest, IndexAdvisorRecommendsIndexesForLoggedQueries) {
  const SampleDataset& d = IndexAdvisorDataset();
  ASSERT_TRUE(d.json_document().has_value());
  EXPECT_EQ(d.json_document()->array_key, "recommendations");
  auto batch = d.MakeBatch(0, 3 * d.default_rows(), 2).ValueOrDie();
  auto perf = QueryPerfDataset().MakeBatch(0, 20000, 2).ValueOrDie();
  std::set<std::string> logged;
  const ColumnVector& perf_hash = *perf->GetColumnByName("query_hash");
  for (int64_t i = 0; i < perf_hash.length(); ++i) logged.emplace(perf_hash.GetView(i));
  const ColumnVector& ts = *batch->GetColumnByName("timestamp");
  const ColumnVector& db = *batch->GetColumnByName("database");
  const ColumnVector& index = *batch->GetColumnByName("index");
  const ColumnVector& columns = *batch->GetColumnByName("columns");
  const ColumnVector& queries = *batch->GetColumnByName("queries");
  const ColumnVector& speedup = *batch->GetColumnByName("estimated_speedup");
  const ColumnVector& pct = *batch->GetColumnByName("estimated_improvement_pct");
  const ColumnVector& priority = *batch->GetColumnByName("priority");
  std::set<std::string> names;
  std::set<std::string> priorities;
  for (int64_t i = 0; i < batch->num_rows(); ++i) {
    EXPECT_EQ(ts.Value<int64_t>(i), ts.Value<int64_t>(0));
    EXPECT_EQ(db.GetView(i), kIndexAdvisorDatabase);
    EXPECT_TRUE(names.emplace(index.GetView(i)).second) << index.GetView(i);
    std::string json;
    ASSERT_TRUE(AppendMinifiedJson(columns.GetView(i), &json)) << columns.GetView(i);
    EXPECT_TRUE(json.starts_with("[\"") && json.ends_with("\"]")) << json;
    std::string_view q = queries.GetView(i);
    ASSERT_EQ(q.size(), 12u) << q;  // ["8 hex digits"]
    EXPECT_TRUE(logged.contains(std::string(q.substr(2, 8)))) << q;
    EXPECT_GE(speedup.Value<double>(i), 1.0);
    EXPECT_NEAR(pct.Value<double>(i), 100 * (1 - 1 / speedup.Value<double>(i)), 0.051);
    priorities.emplace(priority.GetView(i));
  }
  EXPECT_TRUE(priorities.contains("high"));
  EXPECT_TRUE(priorities.contains("medium"));
}

}  // namespace
}  // namespace strata::cli
