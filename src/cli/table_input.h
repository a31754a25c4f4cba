// Delta tables as command inputs: recognising a table path, and the time
// travel options every command that reads a table takes.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

#include "common/result.h"
#include "delta/snapshot.h"
#include "io/file_system.h"

namespace strata::cli {

struct TimeTravel {
  std::optional<int64_t> version;
  std::string as_of;  // A timestamp; empty when not given.

  bool given() const { return version.has_value() || !as_of.empty(); }
};

// Adds --version N and --as-of TIMESTAMP to `cmd`.
void AddTimeTravelOptions(CLI::App* cmd, TimeTravel* travel);

// Loads the snapshot of the table at `path` that `travel` selects. --as-of
// takes an ISO 8601 date or timestamp, UTC unless it has an offset.
// Errors: Invalid for a malformed timestamp or both options; the
// snapshot's errors otherwise.
[[nodiscard]] Result<std::shared_ptr<const delta::Snapshot>> OpenSnapshot(FileSystem* fs,
                                                                          const std::string& path,
                                                                          const TimeTravel& travel);

// Invalid when time travel options were given for an input that is not a table.
[[nodiscard]] Status RequireTableForTimeTravel(const TimeTravel& travel, const std::string& path);

}  // namespace strata::cli
