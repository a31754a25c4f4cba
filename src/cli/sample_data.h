// Deterministic sample datasets for the demo, the interop tests and the
// benchmarks. Row r of a dataset depends only on (seed, r), so batches can be
// generated in parallel and in any order and still be identical run to run.
#pragma once

#include <cstdint>
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

// REQUIRES: nothing. Returns NotFound listing the known names.
Result<const SampleDataset*> FindSampleDataset(std::string_view name);
std::vector<std::string_view> SampleDatasetNames();

}  // namespace strata::cli
