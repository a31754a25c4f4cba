// Helpers shared by the sample dataset implementations (sample_data*.cc).
// Not part of the cli's interface.
#pragma once

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <numbers>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/builder.h"
#include "columnar/record_batch.h"
#include "common/result.h"

namespace strata::cli::sample_internal {

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

// SplitMix64: a tiny, high-quality mixer; hashing (seed, row, column) gives
// each value independently of generation order.
inline uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A uniform double in [0, 1) for (seed, row, column). `row` may be any
// integer key (a row, a unit, a time window) as long as `column` tells the
// uses apart.
inline double Unit(uint64_t seed, int64_t row, uint64_t column) {
  uint64_t h = Mix(seed ^ Mix(static_cast<uint64_t>(row) * 0x100000001b3ULL + column));
  return static_cast<double>(h >> 11) * 0x1.0p-53;
}

// A standard normal deviate from two of the uniforms above (Box-Muller), so
// noise is bell-shaped rather than flat.
inline double Normal(uint64_t seed, int64_t row, uint64_t column) {
  double u1 = 1.0 - Unit(seed, row, column);  // (0, 1]: log() stays finite.
  double u2 = Unit(seed, row, column + 0x5bd1e995ULL);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
}

// Rounds to `digits` decimals; dividing by an exact power of ten gives the
// double nearest the decimal, so values print short ("12.931").
inline double RoundTo(double value, int digits) {
  double scale = std::pow(10.0, digits);
  return std::round(value * scale) / scale;
}

// FNV-1a: a stable hash of text, so identifiers derived from it (query
// fingerprints) never change between runs, platforms or seeds.
inline uint64_t HashText(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : text) {
    h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  }
  return h;
}

// Finishes every builder, in order, into the columns of a batch.
inline Result<std::vector<VectorPtr>> FinishAll(std::initializer_list<VectorBuilder*> builders) {
  std::vector<VectorPtr> columns;
  columns.reserve(builders.size());
  for (VectorBuilder* b : builders) {
    ASSIGN_OR_RETURN(auto column, b->Finish());
    columns.push_back(std::move(column));
  }
  return columns;
}

// One normalized statement shape of the application whose performance the
// query-perf dataset logs and whose indexes index-advisor reviews.
struct QueryTemplate {
  std::string_view type;   // SELECT, INSERT, UPDATE or DELETE.
  std::string_view table;  // The table the planner reads most.
  std::string_view text;   // Literals replaced by '?', as pg_stat_statements shows it.
  std::string_view index;  // The index the plan uses; empty for a sequential scan.
  double median_ms;        // Typical execution time when the data is cached.
  int64_t rows_examined;   // Typical rows the plan reads.
  int64_t rows_returned;   // Typical rows in the result.
  double cache_hit_rate;   // Fraction of executions served from the buffer cache.
  // Columns of the index the advisor recommends, comma-separated; empty when
  // the plan is already good.
  std::string_view advice;
};

// The catalog, hottest statement first: query-perf draws statement k with a
// Zipf weight, so a few statements dominate and the rest form a long tail.
const std::vector<QueryTemplate>& QueryTemplates();

// The 8-hex-digit fingerprint of a statement, the `query_hash` column.
std::string QueryHash(const QueryTemplate& query);

// Rows [first_row, first_row + num_rows) as one batch. `Builders` has
// AppendRow(row, seed) and Finish() returning the columns in schema order.
template <typename Builders>
Result<RecordBatchPtr> BuildBatch(const SchemaPtr& schema, int64_t first_row, int64_t num_rows,
                                  uint64_t seed) {
  Builders builders;
  for (int64_t r = first_row; r < first_row + num_rows; ++r) {
    RETURN_NOT_OK(builders.AppendRow(r, seed));
  }
  ASSIGN_OR_RETURN(auto columns, builders.Finish());
  return RecordBatch::Make(schema, std::move(columns), num_rows);
}

}  // namespace strata::cli::sample_internal
