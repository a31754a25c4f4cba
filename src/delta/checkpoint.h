// Reading checkpoints: classic and multi-part Parquet checkpoints, and V2
// checkpoints (JSON or Parquet) with their sidecar files.

#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "delta/actions.h"
#include "delta/log_segment.h"
#include "delta/snapshot.h"
#include "io/file_system.h"

namespace strata::delta {

// Every action of `checkpoint`, sidecars resolved (their adds and removes
// take the place of the sidecar actions). Columns of a Parquet checkpoint are
// looked up by name, so Spark's and delta-rs' layouts both read; an add with
// only `stats_parsed` gets it as its stats JSON. Errors name the checkpoint
// file (and the row for a malformed action).
[[nodiscard]] Result<std::vector<Action>> ReadCheckpoint(FileSystem* fs,
                                                         const std::string& table_root,
                                                         const Checkpoint& checkpoint);

// The actions of one Parquet file of checkpoint actions (a checkpoint, a
// part or a sidecar): each row's non-null top-level column is one action.
[[nodiscard]] Result<std::vector<Action>> ReadParquetActions(FileSystem* fs,
                                                             const std::string& path);

// Writes the classic checkpoint of `snapshot` (`<version>.checkpoint.parquet`,
// in Spark's layout: protocol, metadata, txns, domains, live files and the
// tombstones younger than a week) and then `_last_checkpoint`. Both appear
// atomically; a crash leaves the previous checkpoint in force.
[[nodiscard]] Status WriteCheckpoint(FileSystem* fs, const Snapshot& snapshot, Clock* clock);

}  // namespace strata::delta
