// The `index-advisor` sample dataset: the optimizer's index recommendations
// (seed 002's index_advisor_report.json), one row per recommendation. As a
// JSON document the rows become the report's "recommendations" array.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "cli/sample_data.h"
#include "cli/sample_data_internal.h"
#include "columnar/json_writer.h"

namespace strata::cli {
namespace {

using sample_internal::FinishAll;
using sample_internal::kMicrosPerDay;
using sample_internal::Mix;
using sample_internal::QueryTemplate;
using sample_internal::QueryTemplates;
using sample_internal::RoundTo;
using sample_internal::Unit;

// The optimizer runs at 04:00 UTC; the seed picks which day's report.
constexpr int64_t kFirstReportMicros = 1'761'624'000'000'000;  // 2025-10-28T04:00:00Z
constexpr int64_t kReportDays = 30;

// The catalog statements that have advice, in catalog order.
const std::vector<const QueryTemplate*>& Advised() {
  static const std::vector<const QueryTemplate*> advised = [] {
    std::vector<const QueryTemplate*> v;
    for (const QueryTemplate& q : QueryTemplates()) {
      if (!q.advice.empty()) v.push_back(&q);
    }
    return v;
  }();
  return advised;
}

std::vector<std::string_view> SplitColumns(std::string_view advice) {
  std::vector<std::string_view> columns;
  while (!advice.empty()) {
    size_t comma = advice.find(',');
    columns.push_back(advice.substr(0, comma));
    advice = comma == std::string_view::npos ? std::string_view() : advice.substr(comma + 1);
  }
  return columns;
}

// idx_<table>_<columns>, expressions reduced to identifier characters; rows
// past the catalog get a numeric suffix so names stay unique.
std::string IndexName(const QueryTemplate& q, int64_t round) {
  std::string name = fmt::format("idx_{}", q.table);
  for (std::string_view column : SplitColumns(q.advice)) {
    name += '_';
    for (char c : column) {
      if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_') name += c;
    }
  }
  if (round > 0) name += fmt::format("_{}", round + 1);
  return name;
}

std::string JsonArray(const std::vector<std::string_view>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    AppendJsonString(items[i], &out);
  }
  out += ']';
  return out;
}

std::string Reason(const QueryTemplate& q) {
  if (q.index.empty()) {
    return fmt::format("sequential scan on {}: {} rows examined for {} returned", q.table,
                       q.rows_examined, q.rows_returned);
  }
  return fmt::format("{} does not cover ({}): {} rows examined for {} returned", q.index, q.advice,
                     q.rows_examined, q.rows_returned);
}

struct AdvisorBuilders {
  NumericBuilder<int64_t> timestamp{Timestamp(TimeUnit::kMicro, /*utc=*/true)};
  BinaryBuilder database{String()};
  BinaryBuilder table{String()};
  BinaryBuilder index{String()};
  BinaryBuilder columns{Json()};
  BinaryBuilder query_pattern{String()};
  BinaryBuilder reason{String()};
  Float64Builder estimated_speedup;
  Float64Builder estimated_improvement_pct;
  Float64Builder estimated_size_mb;
  BinaryBuilder priority{String()};
  BinaryBuilder status{String()};
  BinaryBuilder queries{Json()};

  Status AppendRow(int64_t r, uint64_t seed);
  Result<std::vector<VectorPtr>> Finish() {
    return FinishAll({&timestamp, &database, &table, &index, &columns, &query_pattern, &reason,
                      &estimated_speedup, &estimated_improvement_pct, &estimated_size_mb, &priority,
                      &status, &queries});
  }
};

Status AdvisorBuilders::AppendRow(int64_t r, uint64_t seed) {
  const auto& advised = Advised();
  const auto n = static_cast<int64_t>(advised.size());
  const QueryTemplate& q = *advised[static_cast<size_t>(r % n)];
  // Slow scans over many rows gain most; the seed varies the estimate +-20%.
  const double gain =
      std::log10(static_cast<double>(q.rows_examined) / 100.0 + 1.0) * std::sqrt(q.median_ms) / 6.0;
  const double speedup = RoundTo(std::max(1.2, gain) * (0.8 + 0.4 * Unit(seed, r, 1)), 1);
  const double size_mb =
      RoundTo(static_cast<double>(q.rows_examined) * 48e-6 * (0.7 + 0.6 * Unit(seed, r, 2)), 1);
  const double u = Unit(seed, r, 3);
  const auto report_day = static_cast<int64_t>(Mix(seed) % kReportDays);
  RETURN_NOT_OK(timestamp.Append(kFirstReportMicros + report_day * kMicrosPerDay));
  RETURN_NOT_OK(database.Append(kIndexAdvisorDatabase));
  RETURN_NOT_OK(table.Append(q.table));
  RETURN_NOT_OK(index.Append(IndexName(q, r / n)));
  RETURN_NOT_OK(columns.Append(JsonArray(SplitColumns(q.advice))));
  RETURN_NOT_OK(query_pattern.Append(q.text));
  RETURN_NOT_OK(reason.Append(Reason(q)));
  RETURN_NOT_OK(estimated_speedup.Append(speedup));
  RETURN_NOT_OK(estimated_improvement_pct.Append(RoundTo(100 * (1 - 1 / speedup), 1)));
  RETURN_NOT_OK(estimated_size_mb.Append(std::max(0.1, size_mb)));
  RETURN_NOT_OK(priority.Append(speedup >= 3 ? "high" : speedup >= 1.8 ? "medium" : "low"));
  RETURN_NOT_OK(status.Append(u < 0.7 ? "pending" : u < 0.9 ? "applied" : "dismissed"));
  return queries.Append(JsonArray({sample_internal::QueryHash(q)}));
}

class IndexAdvisor final : public SampleDataset {
 public:
  IndexAdvisor()
      : schema_(MakeSchema({{"timestamp", Timestamp(TimeUnit::kMicro, true), false},
                            {"database", String(), false},
                            {"table", String(), false},
                            {"index", String(), false},
                            {"columns", Json(), false},
                            {"query_pattern", String(), false},
                            {"reason", String(), false},
                            {"estimated_speedup", Float64(), false},
                            {"estimated_improvement_pct", Float64(), false},
                            {"estimated_size_mb", Float64(), false},
                            {"priority", String(), false},
                            {"status", String(), false},
                            {"queries", Json(), false}})) {}
  std::string_view name() const override { return "index-advisor"; }
  std::string_view description() const override {
    return "index recommendations report (one JSON document; one row per recommendation)";
  }
  SchemaPtr schema() const override { return schema_; }
  int64_t default_rows() const override { return static_cast<int64_t>(Advised().size()); }
  std::optional<JsonDocumentShape> json_document() const override {
    return JsonDocumentShape{.array_key = "recommendations",
                             .envelope_columns = {"timestamp", "database"}};
  }

  // Rows past the catalog's advised statements repeat them with new index
  // names, so any --rows works.
  Result<RecordBatchPtr> MakeBatch(int64_t first_row, int64_t num_rows,
                                   uint64_t seed) const override {
    return sample_internal::BuildBatch<AdvisorBuilders>(schema_, first_row, num_rows, seed);
  }

 private:
  SchemaPtr schema_;
};

}  // namespace

const SampleDataset& IndexAdvisorDataset() {
  static const IndexAdvisor dataset;
  return dataset;
}

}  // namespace strata::cli
