// The `sensors` sample dataset: compressor readings every 10 minutes, with
// the defects a bronze layer must cope with (seed 003): failing units whose
// values drift, missing values, sensor glitches and duplicated readings.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <string>

#include "cli/sample_data.h"
#include "cli/sample_data_internal.h"

namespace strata::cli {
namespace {

using sample_internal::FinishAll;
using sample_internal::Normal;
using sample_internal::RoundTo;
using sample_internal::Unit;

constexpr int64_t kStartMicros = 1'759'276'800'000'000;  // 2025-10-01T00:00:00Z
constexpr int64_t kIntervalMicros = 600'000'000;         // 10 minutes.
constexpr int64_t kReadingsPerDay = 144;
constexpr int64_t kStopWindowReadings = 18;  // Stops last 3 hours.
constexpr double kStopRate = 0.03;           // Fraction of 3-hour windows a unit is stopped.
constexpr std::array<std::string_view, 4> kSites = {"PERMIAN-01", "PERMIAN-02", "EAGLEFORD-01",
                                                    "MARCELLUS-01"};

// Which measurement a column of the batch holds; also the hash column of its
// noise, null and glitch draws.
enum Measure : uint64_t {
  kDischargePressure = 0,
  kSuctionPressure,
  kDischargeTemp,
  kVibration,
  kPower,
  kNumMeasures
};

// Maps row r to its reading slot. Each block of kSensorDuplicateEvery rows
// holds kSensorDuplicateEvery - 1 slots, one of them (at a seeded position)
// twice in a row: the duplicated delivery a flaky uplink produces. Because a
// slot's values depend only on (seed, slot), the two rows are identical.
int64_t SlotOfRow(int64_t r, uint64_t seed) {
  constexpr int64_t kBlock = kSensorDuplicateEvery;
  const int64_t block = r / kBlock;
  const int64_t i = r % kBlock;
  // Position of the repeat within the block, 1..kBlock-1: it repeats i - 1.
  const auto repeat = 1 + static_cast<int64_t>(Unit(seed, block, 100) * (kBlock - 1));
  return block * (kBlock - 1) + (i < repeat ? i : i - 1);
}

// The healthy value of a running unit's measurement, with a daily cycle
// (ambient temperature drives suction pressure and cooling).
double HealthyValue(Measure m, double day_phase, double noise) {
  const double cycle = std::sin(2 * std::numbers::pi * day_phase);
  switch (m) {
    case kDischargePressure: return 1000 + 15 * cycle + 20 * noise;
    case kSuctionPressure: return 60 - 4 * cycle + 2 * noise;
    case kDischargeTemp: return 200 + 10 * cycle + 3 * noise;
    case kVibration: return 2.5 + 0.3 * noise;
    case kPower: return 900 + 25 * cycle + 15 * noise;
    case kNumMeasures: break;
  }
  return 0;
}

// How a failing unit departs from healthy at drift `f` in [0, 1]: bearing
// wear raises vibration (faster as it progresses) and temperature, a leaking
// valve lowers discharge pressure, the motor works harder.
double Drift(Measure m, double f) {
  switch (m) {
    case kDischargePressure: return -150 * f;
    case kSuctionPressure: return 3 * f;
    case kDischargeTemp: return 60 * f;
    case kVibration: return 8 * f * f;
    case kPower: return 60 * f;
    case kNumMeasures: break;
  }
  return 0;
}

// A stopped unit: pressures settle towards each other, it cools to ambient,
// no vibration and no power draw.
double StoppedValue(Measure m, double noise) {
  switch (m) {
    case kDischargePressure: return 180 + 10 * noise;
    case kSuctionPressure: return 150 + 5 * noise;
    case kDischargeTemp: return 85 + 5 * noise;
    case kVibration: return std::abs(0.05 * noise);
    case kPower: return 0;
    case kNumMeasures: break;
  }
  return 0;
}

// A glitched sensor reports a physically implausible value.
double GlitchValue(Measure m, double u) { return m == kVibration ? 45 + 15 * u : 450 + 100 * u; }

constexpr std::array<int, kNumMeasures> kDigits = {1, 2, 1, 3, 1};

struct SensorBuilders {
  BinaryBuilder unit_id{String()};
  BinaryBuilder site{String()};
  NumericBuilder<int64_t> ts{Timestamp(TimeUnit::kMicro, /*utc=*/true)};
  std::array<Float64Builder, kNumMeasures> measures;
  BoolBuilder running;

  Status AppendSlot(int64_t slot, uint64_t seed);
  Result<std::vector<VectorPtr>> Finish() {
    return FinishAll({&unit_id, &site, &ts, &measures[0], &measures[1], &measures[2], &measures[3],
                      &measures[4], &running});
  }
};

Status SensorBuilders::AppendSlot(int64_t slot, uint64_t seed) {
  const int64_t unit = slot % kSensorUnits;
  const int64_t reading = slot / kSensorUnits;
  const bool is_running =
      Unit(seed, unit * 1'000'003 + reading / kStopWindowReadings, 200) >= kStopRate;
  const double day_phase = static_cast<double>(reading % kReadingsPerDay) / kReadingsPerDay;
  const double drift = SensorUnitIsFailing(unit)
                           ? std::min(1.0, static_cast<double>(reading) / kSensorDriftReadings)
                           : 0.0;
  RETURN_NOT_OK(unit_id.Append(SensorUnitId(unit)));
  RETURN_NOT_OK(site.Append(kSites[static_cast<size_t>(unit * kSites.size() / kSensorUnits)]));
  RETURN_NOT_OK(ts.Append(kStartMicros + reading * kIntervalMicros));
  for (uint64_t m = 0; m < kNumMeasures; ++m) {
    Float64Builder& b = measures[m];
    const auto measure = static_cast<Measure>(m);
    if (Unit(seed, slot, 10 + m) < kSensorNullRate) {
      RETURN_NOT_OK(b.AppendNull());
      continue;
    }
    const double noise = Normal(seed, slot, 20 + m);
    double value = is_running ? HealthyValue(measure, day_phase, noise) + Drift(measure, drift)
                              : StoppedValue(measure, noise);
    const bool can_glitch = measure == kVibration || measure == kDischargeTemp;
    if (can_glitch && Unit(seed, slot, 30 + m) < kSensorOutlierRate) {
      value = GlitchValue(measure, Unit(seed, slot, 40 + m));
    }
    RETURN_NOT_OK(b.Append(RoundTo(value, kDigits[m])));
  }
  return running.Append(is_running);
}

class Sensors final : public SampleDataset {
 public:
  Sensors()
      : schema_(MakeSchema({{"unit_id", String(), false},
                            {"site", String(), false},
                            {"ts", Timestamp(TimeUnit::kMicro, true), false},
                            {"discharge_pressure_psi", Float64(), true},
                            {"suction_pressure_psi", Float64(), true},
                            {"discharge_temp_f", Float64(), true},
                            {"vibration_mms", Float64(), true},
                            {"power_kw", Float64(), true},
                            {"running", Bool(), false}})) {}
  std::string_view name() const override { return "sensors"; }
  std::string_view description() const override {
    return "compressor readings: 40 units every 10 min, 4 failing, with nulls, glitches, "
           "duplicates";
  }
  SchemaPtr schema() const override { return schema_; }
  // About 8.7 days: the failing units reach full drift.
  int64_t default_rows() const override { return 50'000; }

  Result<RecordBatchPtr> MakeBatch(int64_t first_row, int64_t num_rows,
                                   uint64_t seed) const override {
    SensorBuilders builders;
    for (int64_t r = first_row; r < first_row + num_rows; ++r) {
      RETURN_NOT_OK(builders.AppendSlot(SlotOfRow(r, seed), seed));
    }
    ASSIGN_OR_RETURN(auto columns, builders.Finish());
    return RecordBatch::Make(schema_, std::move(columns), num_rows);
  }

 private:
  SchemaPtr schema_;
};

}  // namespace

bool SensorUnitIsFailing(int64_t unit) {
  const int64_t number = unit + 1;
  return number % 20 == 3 || number % 20 == 7;
}

std::string SensorUnitId(int64_t unit) { return fmt::format("CMP-{:04}", unit + 1); }

const SampleDataset& SensorsDataset() {
  static const Sensors dataset;
  return dataset;
}

}  // namespace strata::cli
