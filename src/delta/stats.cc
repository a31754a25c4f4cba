#include "delta/stats.h"

#include "delta/json_reader.h"

namespace strata::delta {

std::optional<int64_t> NumRecords(std::string_view stats_json) {
  // One parser per thread: table listings call this for every file.
  thread_local internal::JsonDocument document;
  Result<internal::JsonObject> stats = document.Parse(stats_json);
  if (!stats.ok()) return std::nullopt;
  Result<std::optional<int64_t>> rows = stats->OptionalInt64("numRecords");
  if (!rows.ok()) return std::nullopt;
  return *rows;
}

}  // namespace strata::delta
