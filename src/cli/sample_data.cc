#include "cli/sample_data.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>
#include <string>

#include "cli/sample_data_internal.h"
#include "columnar/builder.h"
#include "columnar/decimal.h"

namespace strata::cli {
namespace {

using sample_internal::RoundTo;
using sample_internal::Unit;

constexpr int64_t kBatteries = 96;
constexpr int64_t kBatteriesPerSite = 12;
constexpr int64_t kReadingIntervalMicros = 10'000'000;
constexpr int64_t kStartMicros = 1'759'276'800'000'000;  // 2025-10-01T00:00:00Z
constexpr std::array<std::string_view, 8> kSites = {"DC-CNX-01", "DC-CNX-02", "DC-BKK-01",
                                                    "DC-BKK-02", "DC-HKT-01", "DC-SIN-01",
                                                    "DC-SIN-02", "DC-KUL-01"};

std::string BatteryId(int64_t battery) {
  return fmt::format("{}-UPS-01-STR-{:02}-JAR-{:03}", kSites[battery / kBatteriesPerSite],
                     battery % kBatteriesPerSite / 4 + 1, battery % kBatteriesPerSite + 1);
}

struct TelemetryBuilders {
  Int64Builder reading_id;
  NumericBuilder<int64_t> ts{Timestamp(TimeUnit::kMicro, /*utc=*/true)};
  BinaryBuilder site{String()};
  BinaryBuilder battery_id{String()};
  Float64Builder voltage;
  Float64Builder current;
  Float64Builder temperature;
  Int32Builder soc;
  BinaryBuilder status{String()};

  Status AppendRow(int64_t r, uint64_t seed);
  Result<std::vector<VectorPtr>> Finish();
};

Status TelemetryBuilders::AppendRow(int64_t r, uint64_t seed) {
  const int64_t battery = r % kBatteries;
  const int64_t reading = r / kBatteries;
  // A slow daily temperature cycle per battery plus noise, so data has
  // realistic runs for encoders to find.
  double cycle = std::sin(static_cast<double>(reading % 8640) * (2 * std::numbers::pi / 8640));
  double temp = RoundTo(30 + 8 * cycle + 6 * Unit(seed, r, 3), 1);
  RETURN_NOT_OK(reading_id.Append(r));
  RETURN_NOT_OK(ts.Append(kStartMicros + reading * kReadingIntervalMicros));
  RETURN_NOT_OK(site.Append(kSites[battery / kBatteriesPerSite]));
  RETURN_NOT_OK(battery_id.Append(BatteryId(battery)));
  RETURN_NOT_OK(voltage.Append(RoundTo(12.6 + 0.8 * (Unit(seed, r, 1) - 0.5), 3)));
  RETURN_NOT_OK(current.Append(RoundTo(40 * (Unit(seed, r, 2) - 0.5), 2)));
  RETURN_NOT_OK(Unit(seed, r, 4) < 0.01 ? temperature.AppendNull() : temperature.Append(temp));
  RETURN_NOT_OK(soc.Append(static_cast<int32_t>(100 - (reading + battery * 7) % 101)));
  return status.Append(temp > 43 ? "alarm" : temp > 40 ? "warn" : "ok");
}

Result<std::vector<VectorPtr>> TelemetryBuilders::Finish() {
  std::vector<VectorPtr> columns;
  for (VectorBuilder* b : std::initializer_list<VectorBuilder*>{
           &reading_id, &ts, &site, &battery_id, &voltage, &current, &temperature, &soc, &status}) {
    ASSIGN_OR_RETURN(auto column, b->Finish());
    columns.push_back(std::move(column));
  }
  return columns;
}

class Telemetry final : public SampleDataset {
 public:
  Telemetry()
      : schema_(MakeSchema({{"reading_id", Int64(), false},
                            {"ts", Timestamp(TimeUnit::kMicro, true), false},
                            {"site", String(), false},
                            {"battery_id", String(), false},
                            {"voltage", Float64(), false},
                            {"current", Float64(), false},
                            {"temperature", Float64(), true},
                            {"soc", Int32(), false},
                            {"status", String(), false}})) {}
  std::string_view name() const override { return "telemetry"; }
  std::string_view description() const override {
    return "battery telemetry: 96 batteries, one reading each per 10 s";
  }
  SchemaPtr schema() const override { return schema_; }
  int64_t default_rows() const override { return 1'000'000; }

  Result<RecordBatchPtr> MakeBatch(int64_t first_row, int64_t num_rows,
                                   uint64_t seed) const override {
    return sample_internal::BuildBatch<TelemetryBuilders>(schema_, first_row, num_rows, seed);
  }

 private:
  SchemaPtr schema_;
};

// One edge-case row: every optional is a value, nullopt is SQL NULL.
struct EdgeRow {
  std::optional<std::string_view> text;
  std::optional<int64_t> i64;
  std::optional<double> f64;
  std::optional<bool> flag;
  std::optional<int32_t> day;              // Days since 1970-01-01.
  std::optional<int64_t> ts;               // Microseconds since the epoch, UTC.
  std::optional<std::string_view> amount;  // decimal(18,4) as text.
  std::optional<std::string_view> id;      // UUID as 16 raw bytes.
};

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int64_t kMinI64 = std::numeric_limits<int64_t>::min();
constexpr int64_t kMaxI64 = std::numeric_limits<int64_t>::max();
constexpr std::string_view kUuid0("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
constexpr std::string_view kUuid1(
    "\x12\x3e\x45\x67\xe8\x9b\x12\xd3\xa4\x56\x42\x66\x14\x17\x40\x00", 16);
constexpr std::string_view kUuid2(
    "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 16);

const std::vector<EdgeRow>& EdgeRows() {
  static const std::vector<EdgeRow> rows = {
      {"plain", 0, 0.0, true, 0, 0, "0.0000", kUuid1},
      {"", -1, -0.0, false, -1, -1, "-1.2345", kUuid0},
      {std::nullopt, kMinI64, 1.5, std::nullopt, 2932896, 253402300799999999, "99999999999999.9999",
       kUuid2},
      {"comma, inside", kMaxI64, -2.25, true, -719162, -62135596800000000, "-99999999999999.9999",
       std::nullopt},
      {"quote \" inside \"\"", std::nullopt, 1e308, false, 19782, 1709164800123456, "0.0001",
       kUuid1},
      {"line\nbreak", 42, 5e-324, true, std::nullopt, std::nullopt, std::nullopt, kUuid1},
      {"crlf\r\nbreak", 7, std::nullopt, false, 11016, 951782400000000, "12.5000", kUuid2},
      {"  padded  ", -42, kInf, true, 1, 1, "-0.0001", kUuid1},
      {"unicode: h\u00e9llo w\u00f6rld \u6f22\u5b57 \U0001F680", 1000000, -kInf, false, 2, 2,
       "1.0000", kUuid2},
      {"tab\tinside", 9007199254740993, 3.141592653589793, true, 3, 3, "3.1416", kUuid1},
      {"NULL", -9007199254740993, std::numeric_limits<double>::quiet_NaN(), false, 4, 4, "2.7183",
       kUuid2},
      {"\\N", 123456789012345678, 2.5e-10, true, 5, 5, "-5.5000", kUuid1},
  };
  return rows;
}

template <typename Builder, typename T>
Status AppendOptional(Builder* builder, const std::optional<T>& value) {
  return value ? builder->Append(*value) : builder->AppendNull();
}

class EdgeCases final : public SampleDataset {
 public:
  EdgeCases()
      : schema_(MakeSchema({{"id", Int64(), false},
                            {"text", String(), true},
                            {"i64", Int64(), true},
                            {"f64", Float64(), true},
                            {"flag", Bool(), true},
                            {"day", Date(), true},
                            {"ts", Timestamp(TimeUnit::kMicro, true), true},
                            {"amount", Decimal(18, 4).ValueOrDie(), true},
                            {"uid", Uuid(), true}})) {}
  std::string_view name() const override { return "edge-cases"; }
  std::string_view description() const override {
    return "12 rows of awkward values for every scalar type";
  }
  SchemaPtr schema() const override { return schema_; }
  int64_t default_rows() const override { return static_cast<int64_t>(EdgeRows().size()); }

  // Rows past the fixed set repeat it, so any --rows works.
  Result<RecordBatchPtr> MakeBatch(int64_t first_row, int64_t num_rows,
                                   uint64_t /*seed*/) const override {
    Builders b{.amount = DecimalBuilder(schema_->field(7).type)};
    const auto& rows = EdgeRows();
    for (int64_t r = first_row; r < first_row + num_rows; ++r) {
      RETURN_NOT_OK(b.Append(r, rows[static_cast<size_t>(r) % rows.size()]));
    }
    ASSIGN_OR_RETURN(auto columns, b.Finish());
    return RecordBatch::Make(schema_, std::move(columns), num_rows);
  }

 private:
  struct Builders {
    Int64Builder id;
    BinaryBuilder text{String()};
    Int64Builder i64;
    Float64Builder f64;
    BoolBuilder flag;
    NumericBuilder<int32_t> day{Date()};
    NumericBuilder<int64_t> ts{Timestamp(TimeUnit::kMicro, true)};
    DecimalBuilder amount;
    FixedSizeBinaryBuilder uid{Uuid()};

    Status Append(int64_t r, const EdgeRow& row);
    Result<std::vector<VectorPtr>> Finish();
  };

  SchemaPtr schema_;
};

Status EdgeCases::Builders::Append(int64_t r, const EdgeRow& row) {
  RETURN_NOT_OK(id.Append(r + 1));
  RETURN_NOT_OK(AppendOptional(&text, row.text));
  RETURN_NOT_OK(AppendOptional(&i64, row.i64));
  RETURN_NOT_OK(AppendOptional(&f64, row.f64));
  RETURN_NOT_OK(AppendOptional(&flag, row.flag));
  RETURN_NOT_OK(AppendOptional(&day, row.day));
  RETURN_NOT_OK(AppendOptional(&ts, row.ts));
  if (row.amount) {
    ASSIGN_OR_RETURN(Decimal128 value, Decimal128::FromString(*row.amount, 4));
    RETURN_NOT_OK(amount.Append(value));
  } else {
    RETURN_NOT_OK(amount.AppendNull());
  }
  return AppendOptional(&uid, row.id);
}

Result<std::vector<VectorPtr>> EdgeCases::Builders::Finish() {
  std::vector<VectorPtr> columns;
  for (VectorBuilder* b : std::initializer_list<VectorBuilder*>{&id, &text, &i64, &f64, &flag, &day,
                                                                &ts, &amount, &uid}) {
    ASSIGN_OR_RETURN(auto column, b->Finish());
    columns.push_back(std::move(column));
  }
  return columns;
}

}  // namespace

const SampleDataset& TelemetryDataset() {
  static const Telemetry dataset;
  return dataset;
}

const SampleDataset& EdgeCasesDataset() {
  static const EdgeCases dataset;
  return dataset;
}

namespace {

std::vector<const SampleDataset*> AllDatasets() {
  return {&TelemetryDataset(), &EdgeCasesDataset(), &QueryPerfDataset(), &SensorsDataset(),
          &IndexAdvisorDataset()};
}

}  // namespace

std::vector<std::string_view> SampleDatasetNames() {
  std::vector<std::string_view> names;
  for (const SampleDataset* d : AllDatasets()) names.push_back(d->name());
  return names;
}

Result<const SampleDataset*> FindSampleDataset(std::string_view name) {
  for (const SampleDataset* d : AllDatasets()) {
    if (d->name() == name) {
      return d;
    }
  }
  return Status::NotFound("no sample dataset '{}' (known: {})", name,
                          fmt::join(SampleDatasetNames(), ", "));
}

}  // namespace strata::cli
