// The history of a Delta table: one record per commit still in the log.

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "delta/actions.h"
#include "io/file_system.h"

namespace strata::delta {

struct CommitRecord {
  int64_t version = 0;
  int64_t timestamp_ms = 0;  // The commit timestamp (see CommitTimestamps).
  std::optional<CommitInfo> info;
  int64_t files_added = 0;
  int64_t files_removed = 0;
};

// The newest `limit` commits (all when nullopt), newest first. Commits
// removed by log cleanup are not listed. Errors: as ListLog; kCorruption
// naming the commit file and line for a malformed commit.
[[nodiscard]] Result<std::vector<CommitRecord>> ReadHistory(FileSystem* fs,
                                                            const std::string& table_root,
                                                            std::optional<int64_t> limit);

// Reads and parses one commit file.
[[nodiscard]] Result<std::vector<Action>> ReadCommitFile(FileSystem* fs, const std::string& path);

}  // namespace strata::delta
