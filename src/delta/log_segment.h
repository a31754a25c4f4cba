// The files of a Delta log (`_delta_log/`) and the segment of them that
// reconstructs one version: the newest complete checkpoint at or below it,
// then every commit after the checkpoint up to the version.

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "io/file_system.h"

namespace strata::delta {

struct LogFile {
  std::string path;  // Full path, table root + "/_delta_log/" + name.
  int64_t version = 0;
  int64_t size = 0;
  int64_t modification_ms = 0;
};

struct Checkpoint {
  enum class Kind : uint8_t { kClassic, kMultiPart, kV2Json, kV2Parquet };
  int64_t version = 0;
  Kind kind = Kind::kClassic;
  std::vector<LogFile> parts;  // One file, or every part in order.
};

// What one listing of `_delta_log` found. Files that are not commits or
// checkpoints (.crc, .tmp, compacted logs, subdirectories) are ignored.
struct LogListing {
  std::string table_root;
  std::vector<LogFile> commits;         // Ascending by version.
  std::vector<Checkpoint> checkpoints;  // Complete ones only, ascending by version.
};

// Lists the log of the table at `table_root`. kNotFound, naming the path,
// when there is no `_delta_log` directory or it holds no commit and no
// checkpoint. kCorruption when a version appears twice.
[[nodiscard]] Result<LogListing> ListLog(FileSystem* fs, const std::string& table_root);

struct LogSegment {
  int64_t version = 0;
  std::optional<Checkpoint> checkpoint;
  // The commits after the checkpoint (or from 0), up to `version`: contiguous.
  std::vector<LogFile> commits;
};

// The segment for `version` (the latest when nullopt). kNotFound when the
// version is newer than the log or older than what the log still holds
// (naming the range that can be read); kCorruption when commits have a gap.
[[nodiscard]] Result<LogSegment> SelectSegment(const LogListing& listing,
                                               std::optional<int64_t> version);

// The commit timestamp (ms since the epoch) of every commit file still in
// the log, as the protocol defines it without in-commit timestamps: the
// file's modification time, made strictly increasing. Same order as
// listing.commits.
std::vector<int64_t> CommitTimestamps(const LogListing& listing);

// The version to read for `--as-of` `timestamp_ms`: the newest commit whose
// timestamp is <= it. kNotFound when it is before the oldest readable commit
// (naming that commit's time).
[[nodiscard]] Result<int64_t> VersionAsOf(const LogListing& listing, int64_t timestamp_ms);

}  // namespace strata::delta
