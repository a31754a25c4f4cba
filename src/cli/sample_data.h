// Deterministic sample datasets for the demo, the interop tests and the
// benchmarks. Row r of a dataset depends only on (seed, r), so batches can be
// generated in parallel and in any order and still be identical run to run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/record_batch.h"
#include "columnar/schema.h"
#include "common/result.h"

namespace strata::cli {

class SampleDataset {
 public:
  virtual ~SampleDataset() = default;
  virtual std::string_view name() const = 0;
  virtual std::string_view description() const = 0;
  virtual SchemaPtr schema() const = 0;
  // Rows generated when the user gives no --rows.
  virtual int64_t default_rows() const = 0;
  // Rows [first_row, first_row + num_rows). Thread-safe.
  virtual Result<RecordBatchPtr> MakeBatch(int64_t first_row, int64_t num_rows,
                                           uint64_t seed) const = 0;

  // How a dataset whose natural form is one JSON document (a report) rather
  // than a table nests its rows: they become the elements of the array
  // `array_key`, and `envelope_columns`, constant across rows, sit beside
  // that array (valued from row 0) instead of in every element.
  struct JsonDocumentShape {
    std::string_view array_key;
    std::vector<std::string_view> envelope_columns;
  };
  // nullopt for plain tables, which as one JSON document are a top-level
  // array of row objects.
  virtual std::optional<JsonDocumentShape> json_document() const { return std::nullopt; }
};

// Battery telemetry as the users' monitoring systems export it: one reading
// per battery every 10 seconds from 2025-10-01T00:00:00Z, 96 batteries at 8
// sites; temperature is missing for about 1% of readings.
//   reading_id int64, ts timestamp(us, UTC), site string, battery_id string,
//   voltage float64, current float64, temperature float64 (nullable),
//   soc int32, status string ("ok", "warn", "alarm").
const SampleDataset& TelemetryDataset();

// A fixed set of awkward values for every scalar type: quotes, delimiters,
// newlines, unicode, empty vs null strings, integer limits, NaN/inf/-0.0,
// far dates, negative timestamps, decimals, UUIDs.
const SampleDataset& EdgeCasesDataset();

// Database statements as the users' optimizer logs them (seed 002's
// query_perf CSV): one execution per row, about every 0.5 s from
// 2025-10-28T00:00:00Z with strictly increasing timestamps. 24 statement
// shapes drawn with Zipf weights (the top three are about half the rows);
// execution times log-normal around each shape's median, a cache miss costs
// 2.5x and 0.5% of executions are 10-50x slow; index_used is null for
// sequential scans.
//   timestamp timestamp(us, UTC), query_hash string (8 hex digits, stable
//   across seeds), query_type string, query_text string,
//   execution_time_ms float64, rows_examined int64, rows_returned int64
//   (<= rows_examined), cache_hit bool, table_name string, index_used string
//   (nullable), cpu_time_ms float64, io_wait_ms float64 (cpu + io <=
//   execution), date_partition date (the UTC date of timestamp).
const SampleDataset& QueryPerfDataset();

// Compressor sensor readings (seed 003): kSensorUnits units at 4 sites, one
// reading per unit every 10 minutes from 2025-10-01T00:00:00Z, units
// interleaved in time order. Promised defects:
//  - failing units (SensorUnitIsFailing: CMP-0003, CMP-0007, CMP-0023,
//    CMP-0027) drift linearly over kSensorDriftReadings readings (7 days):
//    vibration +8 mm/s (quadratic), discharge temperature +60 F, discharge
//    pressure -150 psi, power +60 kW;
//  - each measurement is null with probability kSensorNullRate;
//  - vibration_mms and discharge_temp_f each glitch with probability
//    kSensorOutlierRate to an implausible value (vibration >= 45 mm/s,
//    temperature >= 450 F; real readings stay below 20 mm/s and 300 F);
//  - exactly one row in each block of kSensorDuplicateEvery rows repeats the
//    row before it (same unit and ts, identical values);
//  - units stop for 3-hour windows (running false, power 0) about 3% of the
//    time.
//   unit_id string ("CMP-0001"), site string, ts timestamp(us, UTC),
//   discharge_pressure_psi, suction_pressure_psi, discharge_temp_f,
//   vibration_mms, power_kw float64 (nullable), running bool.
const SampleDataset& SensorsDataset();
inline constexpr int64_t kSensorUnits = 40;
inline constexpr int64_t kSensorDriftReadings = 1008;
inline constexpr int64_t kSensorDuplicateEvery = 500;
inline constexpr double kSensorNullRate = 0.005;
inline constexpr double kSensorOutlierRate = 0.001;
// `unit` is 0-based; its id is 1-based ("CMP-0001" for unit 0).
bool SensorUnitIsFailing(int64_t unit);
std::string SensorUnitId(int64_t unit);

// The optimizer's index recommendations (seed 002's
// index_advisor_report.json), one row per recommendation for the catalog
// statements of QueryPerfDataset that an index would speed up (11 by
// default; further rows repeat them under new index names). As a JSON
// document it is {"timestamp": ..., "database": ..., "recommendations":
// [{"table": ..., "index": ..., "columns": [...], ...}, ...]}.
//   timestamp timestamp(us, UTC) and database string (the same in every row:
//   the report's), table string, index string, columns json (array of
//   column names or expressions), query_pattern string, reason string,
//   estimated_speedup float64 (>= 1), estimated_improvement_pct float64,
//   estimated_size_mb float64, priority string ("high", "medium", "low"),
//   status string ("pending", "applied", "dismissed"), queries json (array
//   of query-perf query_hash values).
const SampleDataset& IndexAdvisorDataset();
inline constexpr std::string_view kIndexAdvisorDatabase = "app_production";

// REQUIRES: nothing. Returns NotFound listing the known names.
Result<const SampleDataset*> FindSampleDataset(std::string_view name);
std::vector<std::string_view> SampleDatasetNames();

}  // namespace strata::cli
