#include "cli/table_input.h"

#include "columnar/temporal.h"

namespace strata::cli {

void AddTimeTravelOptions(CLI::App* cmd, TimeTravel* travel) {
  cmd->add_option("--version", travel->version, "Read this version of a Delta table")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--as-of", travel->as_of,
                  "Read a Delta table as it was at this time (ISO 8601, UTC unless an offset is "
                  "given)");
}

Result<std::shared_ptr<const delta::Snapshot>> OpenSnapshot(FileSystem* fs, const std::string& path,
                                                            const TimeTravel& travel) {
  delta::SnapshotOptions options;
  options.version = travel.version;
  if (!travel.as_of.empty()) {
    Result<int64_t> ms = ParseTimestamp(travel.as_of, TimeUnit::kMilli);
    if (!ms.ok()) {
      return Status::Invalid("--as-of: \"{}\" is not a timestamp (e.g. 2025-10-03T12:00:00Z)",
                             travel.as_of);
    }
    options.as_of_ms = *ms;
  }
  return delta::Snapshot::Load(fs, path, options);
}

Status RequireTableForTimeTravel(const TimeTravel& travel, const std::string& path) {
  if (!travel.given()) return Status::OK();
  return Status::Invalid("--version and --as-of need a Delta table; {} is not one", path);
}

}  // namespace strata::cli
