// Snapshot: the state of a Delta table at one version, reconstructed from
// the newest checkpoint at or below it and the commits after it.
//
//   ASSIGN_OR_RETURN(auto snapshot, Snapshot::Load(fs, "/data/events", {}));
//   for (const AddFile& file : snapshot->files()) ...

#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "columnar/schema.h"
#include "common/result.h"
#include "delta/actions.h"
#include "delta/delta_schema.h"
#include "delta/log_segment.h"
#include "io/file_system.h"

namespace strata::delta {

struct SnapshotOptions {
  // The version to read; the latest when neither is set. At most one may be.
  std::optional<int64_t> version;
  // Time travel: the newest version committed at or before this time (ms since the epoch).
  std::optional<int64_t> as_of_ms;
};

// Thread safety: immutable once loaded; share freely.
class Snapshot {
 public:
  // Lists the log, replays it and checks that strata can read the table:
  // reader version <= 3 and only reader features strata implements, else
  // kNotImplemented naming the version or feature. kNotFound for a path that
  // is not a Delta table or a version outside the log; kCorruption for a
  // malformed log (messages name the log file and line).
  // REQUIRES: `fs` outlives the snapshot.
  [[nodiscard]] static Result<std::shared_ptr<const Snapshot>> Load(FileSystem* fs,
                                                                    std::string table_root,
                                                                    const SnapshotOptions& options);

  FileSystem* fs() const { return fs_; }
  const std::string& table_root() const { return table_root_; }
  int64_t version() const { return version_; }
  // When `version` was committed (ms since the epoch): its commit file's
  // modification time, or its in-commit timestamp when the table records them.
  int64_t timestamp_ms() const { return timestamp_ms_; }
  const Protocol& protocol() const { return protocol_; }
  const Metadata& metadata() const { return metadata_; }
  // The logical schema, partition columns included, in table order.
  const SchemaPtr& schema() const { return schema_; }
  ColumnMappingMode column_mapping() const { return column_mapping_; }
  // Logical names of the partition columns.
  const std::vector<std::string>& partition_columns() const { return metadata_.partition_columns; }
  // Live data files in the order they were added.
  const std::vector<AddFile>& files() const { return files_; }
  // Removes still in the log (tombstones), for vacuum.
  const std::vector<RemoveFile>& tombstones() const { return tombstones_; }
  // The latest transaction version recorded for `app_id`, if any.
  std::optional<int64_t> TxnVersion(const std::string& app_id) const;
  const std::map<std::string, Txn>& txns() const { return txns_; }
  const std::map<std::string, DomainMetadata>& domains() const { return domains_; }
  // The listing the snapshot was loaded from (for history and time travel).
  const LogListing& listing() const { return listing_; }

  // The full path of a data file named by an add or remove action.
  [[nodiscard]] Result<std::string> DataFilePath(const std::string& action_path) const;

 private:
  Snapshot() = default;
  struct Replay;
  [[nodiscard]] Status Apply(Replay* replay, Action action);
  [[nodiscard]] Status Finish(Replay* replay);
  int64_t CommitTimestamp(const LogSegment& segment, std::optional<int64_t> in_commit_ms) const;

  FileSystem* fs_ = nullptr;
  std::string table_root_;
  int64_t version_ = 0;
  int64_t timestamp_ms_ = 0;
  Protocol protocol_;
  Metadata metadata_;
  SchemaPtr schema_;
  ColumnMappingMode column_mapping_ = ColumnMappingMode::kNone;
  std::vector<AddFile> files_;
  std::vector<RemoveFile> tombstones_;
  std::map<std::string, Txn> txns_;
  std::map<std::string, DomainMetadata> domains_;
  LogListing listing_;
};

// Whether `path` is the root of a Delta table (has a `_delta_log` directory).
[[nodiscard]] Result<bool> IsDeltaTable(FileSystem* fs, const std::string& path);

// Refuses tables strata cannot read correctly: kNotImplemented naming the
// reader version or the first unsupported reader feature.
[[nodiscard]] Status CheckReadable(const Protocol& protocol);

}  // namespace strata::delta
