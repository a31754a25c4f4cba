// The `query-perf` sample dataset: one row per executed statement, shaped
// like the query_perf_daily CSV the users' optimizer exports (seed 002).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "cli/sample_data.h"
#include "cli/sample_data_internal.h"

namespace strata::cli {

namespace sample_internal {

const std::vector<QueryTemplate>& QueryTemplates() {
  // Latencies, row counts and hit rates are those of a mid-sized OLTP
  // application: point lookups under a millisecond, a handful of sequential
  // scans that an index would fix (the ones with advice).
  static const std::vector<QueryTemplate> templates = {
      {"SELECT", "embeddings",
       "SELECT id, content FROM embeddings WHERE namespace = ? ORDER BY created_at DESC LIMIT ?",
       "idx_namespace", 4.5, 1200, 10, 0.92, ""},
      {"INSERT", "query_log",
       "INSERT INTO query_log (query, latency_ms, created_at) VALUES (?, ?, ?)", "PRIMARY", 1.2, 1,
       1, 0.99, ""},
      {"SELECT", "sessions", "SELECT user_id, expires_at FROM sessions WHERE token = ?",
       "idx_sessions_token", 0.4, 1, 1, 0.98, ""},
      {"SELECT", "users", "SELECT * FROM users WHERE id = ?", "PRIMARY", 0.3, 1, 1, 0.99, ""},
      {"UPDATE", "sessions", "UPDATE sessions SET last_seen = ? WHERE id = ?", "PRIMARY", 0.9, 1, 1,
       0.97, ""},
      {"SELECT", "documents",
       "SELECT id, title FROM documents WHERE owner_id = ? AND deleted_at IS NULL",
       "idx_documents_owner", 3.1, 240, 40, 0.9, ""},
      {"SELECT", "embeddings", "SELECT id FROM embeddings WHERE namespace = ? AND vector LIKE ?",
       "idx_namespace", 45.0, 5000, 10, 0.6, "namespace,vector"},
      {"INSERT", "embeddings",
       "INSERT INTO embeddings (document_id, namespace, vector) VALUES (?, ?, ?)", "PRIMARY", 2.8,
       1, 1, 0.95, ""},
      {"SELECT", "orders",
       "SELECT * FROM orders WHERE customer_id = ? ORDER BY created_at DESC LIMIT ?", "", 38.0,
       180000, 25, 0.7, "customer_id,created_at"},
      {"SELECT", "events", "SELECT * FROM events WHERE user_id = ? AND ts > ?", "idx_events_ts",
       22.0, 45000, 120, 0.6, "user_id,ts"},
      {"SELECT", "query_log", "SELECT count(*) FROM query_log WHERE created_at >= ?", "", 120.0,
       2000000, 1, 0.4, "created_at"},
      {"UPDATE", "documents", "UPDATE documents SET title = ?, updated_at = ? WHERE id = ?",
       "PRIMARY", 1.4, 1, 1, 0.96, ""},
      {"SELECT", "audit_log", "SELECT * FROM audit_log WHERE entity_type = ? AND entity_id = ?", "",
       95.0, 800000, 6, 0.5, "entity_type,entity_id"},
      {"DELETE", "sessions", "DELETE FROM sessions WHERE expires_at < ?", "", 210.0, 350000, 1200,
       0.3, "expires_at"},
      {"SELECT", "products", "SELECT * FROM products WHERE sku = ?", "idx_products_sku", 0.5, 1, 1,
       0.99, ""},
      {"SELECT", "invoices", "SELECT id, total FROM invoices WHERE status = ? AND due_date < ?", "",
       64.0, 120000, 300, 0.55, "status,due_date"},
      {"SELECT", "embeddings",
       "SELECT e.id FROM embeddings e JOIN documents d ON d.id = e.document_id WHERE d.owner_id = "
       "?",
       "idx_documents_owner", 15.0, 3000, 200, 0.8, "document_id"},
      {"SELECT", "notifications", "SELECT * FROM notifications WHERE user_id = ? AND read = false",
       "", 18.0, 60000, 5, 0.75, "user_id,read"},
      {"INSERT", "events", "INSERT INTO events (user_id, kind, ts) VALUES (?, ?, ?)", "PRIMARY",
       0.8, 1, 1, 0.98, ""},
      {"SELECT", "tags", "SELECT id FROM tags WHERE name ILIKE ?", "", 9.0, 20000, 15, 0.9, ""},
      {"UPDATE", "orders", "UPDATE orders SET status = ? WHERE id = ?", "PRIMARY", 1.1, 1, 1, 0.97,
       ""},
      {"SELECT", "order_items",
       "SELECT * FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.id = ?",
       "idx_order_items_order", 2.2, 12, 6, 0.93, ""},
      {"SELECT", "users", "SELECT id FROM users WHERE lower(email) = ?", "", 28.0, 90000, 1, 0.7,
       "lower(email)"},
      {"SELECT", "payments",
       "SELECT * FROM payments WHERE merchant_id = ? AND created_at BETWEEN ? AND ?",
       "idx_payments_created", 33.0, 25000, 400, 0.65, "merchant_id,created_at"},
  };
  return templates;
}

std::string QueryHash(const QueryTemplate& query) {
  return fmt::format("{:08x}", Mix(HashText(query.text)) & 0xffffffffULL);
}

}  // namespace sample_internal

namespace {

using sample_internal::FinishAll;
using sample_internal::kMicrosPerDay;
using sample_internal::Normal;
using sample_internal::QueryTemplate;
using sample_internal::QueryTemplates;
using sample_internal::RoundTo;
using sample_internal::Unit;

constexpr int64_t kStartMicros = 1'761'609'600'000'000;  // 2025-10-28T00:00:00Z
// Statements start on average every 500 ms; each row's start is jittered
// within its own 500 ms slot, so timestamps still strictly increase.
constexpr int64_t kSlotMicros = 500'000;
constexpr double kZipfExponent = 1.1;
// Executions that hit a lock wait or a cold plan: this fraction of rows takes
// 10-50 times its usual time.
constexpr double kSlowFraction = 0.005;

// Cumulative Zipf weights over the catalog, normalised to end at 1.
const std::vector<double>& CumulativeWeights() {
  static const std::vector<double> cumulative = [] {
    const size_t n = QueryTemplates().size();
    std::vector<double> c(n);
    double sum = 0;
    for (size_t k = 0; k < n; ++k) {
      sum += 1.0 / std::pow(static_cast<double>(k + 1), kZipfExponent);
      c[k] = sum;
    }
    for (double& v : c) v /= sum;
    return c;
  }();
  return cumulative;
}

const QueryTemplate& PickTemplate(double u) {
  const auto& c = CumulativeWeights();
  auto it = std::upper_bound(c.begin(), c.end(), u);
  size_t k = std::min(static_cast<size_t>(it - c.begin()), c.size() - 1);
  return QueryTemplates()[k];
}

struct QueryPerfBuilders {
  NumericBuilder<int64_t> timestamp{Timestamp(TimeUnit::kMicro, /*utc=*/true)};
  BinaryBuilder query_hash{String()};
  BinaryBuilder query_type{String()};
  BinaryBuilder query_text{String()};
  Float64Builder execution_time_ms;
  Int64Builder rows_examined;
  Int64Builder rows_returned;
  BoolBuilder cache_hit;
  BinaryBuilder table_name{String()};
  BinaryBuilder index_used{String()};
  Float64Builder cpu_time_ms;
  Float64Builder io_wait_ms;
  NumericBuilder<int32_t> date_partition{Date()};

  Status AppendRow(int64_t r, uint64_t seed);
  Result<std::vector<VectorPtr>> Finish() {
    return FinishAll({&timestamp, &query_hash, &query_type, &query_text, &execution_time_ms,
                      &rows_examined, &rows_returned, &cache_hit, &table_name, &index_used,
                      &cpu_time_ms, &io_wait_ms, &date_partition});
  }
};

Status QueryPerfBuilders::AppendRow(int64_t r, uint64_t seed) {
  const QueryTemplate& q = PickTemplate(Unit(seed, r, 1));
  const int64_t ts = kStartMicros + r * kSlotMicros +
                     static_cast<int64_t>(Unit(seed, r, 2) * static_cast<double>(kSlotMicros));
  const bool hit = Unit(seed, r, 3) < q.cache_hit_rate;
  // Log-normal around the template's median: most runs near it, a long
  // right tail; a miss pays for reading pages from disk.
  double ms = q.median_ms * std::exp(0.35 * Normal(seed, r, 4)) * (hit ? 1.0 : 2.5);
  if (Unit(seed, r, 5) < kSlowFraction) ms *= 10 + 40 * Unit(seed, r, 6);
  const double io = hit ? ms * 0.02 * Unit(seed, r, 7) : ms * (0.3 + 0.4 * Unit(seed, r, 7));
  const double cpu = (ms - io) * (0.6 + 0.35 * Unit(seed, r, 8));
  const auto examined = std::max<int64_t>(
      1, std::llround(static_cast<double>(q.rows_examined) * std::exp(0.3 * Normal(seed, r, 9))));
  const auto returned = std::min<int64_t>(
      examined, std::llround(static_cast<double>(q.rows_returned) * (0.5 + Unit(seed, r, 10))));
  RETURN_NOT_OK(timestamp.Append(ts));
  RETURN_NOT_OK(query_hash.Append(sample_internal::QueryHash(q)));
  RETURN_NOT_OK(query_type.Append(q.type));
  RETURN_NOT_OK(query_text.Append(q.text));
  RETURN_NOT_OK(execution_time_ms.Append(RoundTo(ms, 3)));
  RETURN_NOT_OK(rows_examined.Append(examined));
  RETURN_NOT_OK(rows_returned.Append(returned));
  RETURN_NOT_OK(cache_hit.Append(hit));
  RETURN_NOT_OK(table_name.Append(q.table));
  RETURN_NOT_OK(q.index.empty() ? index_used.AppendNull() : index_used.Append(q.index));
  // Rounded down so cpu + io never exceeds the rounded execution time.
  RETURN_NOT_OK(cpu_time_ms.Append(std::floor(cpu * 1000) / 1000));
  RETURN_NOT_OK(io_wait_ms.Append(std::floor(io * 1000) / 1000));
  return date_partition.Append(static_cast<int32_t>(ts / kMicrosPerDay));
}

class QueryPerf final : public SampleDataset {
 public:
  QueryPerf()
      : schema_(MakeSchema({{"timestamp", Timestamp(TimeUnit::kMicro, true), false},
                            {"query_hash", String(), false},
                            {"query_type", String(), false},
                            {"query_text", String(), false},
                            {"execution_time_ms", Float64(), false},
                            {"rows_examined", Int64(), false},
                            {"rows_returned", Int64(), false},
                            {"cache_hit", Bool(), false},
                            {"table_name", String(), false},
                            {"index_used", String(), true},
                            {"cpu_time_ms", Float64(), false},
                            {"io_wait_ms", Float64(), false},
                            {"date_partition", Date(), false}})) {}
  std::string_view name() const override { return "query-perf"; }
  std::string_view description() const override {
    return "database statement log: 24 statements, Zipf-distributed, one every ~0.5 s";
  }
  SchemaPtr schema() const override { return schema_; }
  int64_t default_rows() const override { return 100'000; }

  Result<RecordBatchPtr> MakeBatch(int64_t first_row, int64_t num_rows,
                                   uint64_t seed) const override {
    return sample_internal::BuildBatch<QueryPerfBuilders>(schema_, first_row, num_rows, seed);
  }

 private:
  SchemaPtr schema_;
};

}  // namespace

const SampleDataset& QueryPerfDataset() {
  static const QueryPerf dataset;
  return dataset;
}

}  // namespace strata::cli
