#include "delta/snapshot.h"

#include <fmt/format.h>

#include <unordered_map>

#include "delta/checkpoint.h"
#include "delta/history.h"

namespace strata::delta {

namespace {

// Reader features whose data strata reads correctly.
// typeWidening: older files are converted by type_adapt.h.
constexpr std::string_view kReaderFeatures[] = {
    "columnMapping",        "deletionVectors", "timestampNtz",       "typeWidening",
    "typeWidening-preview", "v2Checkpoint",    "vacuumProtocolCheck"};

std::string TrimTrailingSlashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

}  // namespace

Result<bool> IsDeltaTable(FileSystem* fs, const std::string& path) {
  Result<FileInfo> info = fs->GetFileInfo(TrimTrailingSlashes(path) + "/_delta_log");
  if (info.status().IsNotFound()) return false;
  RETURN_NOT_OK(info.status());
  return info->type == FileType::kDirectory;
}

Status CheckReadable(const Protocol& protocol) {
  if (protocol.min_reader_version > 3) {
    return Status::NotImplemented(
        "the table needs Delta reader version {}; strata reads versions up to 3",
        protocol.min_reader_version);
  }
  if (protocol.min_reader_version < 3 || !protocol.reader_features) return Status::OK();
  for (const std::string& feature : *protocol.reader_features) {
    bool known = false;
    for (std::string_view supported : kReaderFeatures) known = known || feature == supported;
    if (!known) {
      return Status::NotImplemented(
          "the table uses the Delta reader feature \"{}\", which strata does not support", feature);
    }
  }
  return Status::OK();
}

// Replay state. Files are keyed by (decoded path, deletion vector id); the
// newest action per key wins, and live files keep the order they were added.
struct Snapshot::Replay {
  struct Entry {
    std::optional<AddFile> add;
    std::optional<RemoveFile> remove;
  };
  std::vector<Entry> entries;
  std::unordered_map<std::string, size_t> index;
  std::optional<Protocol> protocol;
  std::optional<Metadata> metadata;
  std::optional<int64_t> in_commit_timestamp;  // Of the newest commit applied.
};

namespace {

// Paths are compared decoded and qualified: a remove may name by its absolute
// URI a file that its add named relative to the table root.
Result<std::string> FileKey(const std::string& table_root, const std::string& path,
                            const std::optional<DeletionVectorDescriptor>& dv) {
  ASSIGN_OR_RETURN(std::string key, DecodeActionPath(path));
  if (!key.starts_with('/') && key.find("://") == std::string::npos) {
    key = table_root + "/" + key;
  }
  key.push_back('\0');
  if (dv) key += dv->UniqueId();
  return key;
}

}  // namespace

Status Snapshot::Apply(Replay* replay, Action action) {
  if (auto* add = std::get_if<AddFile>(&action)) {
    ASSIGN_OR_RETURN(std::string key, FileKey(table_root_, add->path, add->deletion_vector));
    auto [it, inserted] = replay->index.emplace(std::move(key), replay->entries.size());
    if (inserted) replay->entries.emplace_back();
    Replay::Entry& entry = replay->entries[it->second];
    entry.add = std::move(*add);
    entry.remove.reset();
  } else if (auto* remove = std::get_if<RemoveFile>(&action)) {
    ASSIGN_OR_RETURN(std::string key, FileKey(table_root_, remove->path, remove->deletion_vector));
    auto [it, inserted] = replay->index.emplace(std::move(key), replay->entries.size());
    if (inserted) replay->entries.emplace_back();
    Replay::Entry& entry = replay->entries[it->second];
    entry.add.reset();
    entry.remove = std::move(*remove);
  } else if (auto* protocol = std::get_if<Protocol>(&action)) {
    replay->protocol = std::move(*protocol);
  } else if (auto* metadata = std::get_if<Metadata>(&action)) {
    replay->metadata = std::move(*metadata);
  } else if (auto* txn = std::get_if<Txn>(&action)) {
    txns_[txn->app_id] = std::move(*txn);
  } else if (auto* domain = std::get_if<DomainMetadata>(&action)) {
    domains_[domain->domain] = std::move(*domain);
  } else if (auto* info = std::get_if<CommitInfo>(&action)) {
    replay->in_commit_timestamp = info->in_commit_timestamp;
  }
  return Status::OK();
}

Status Snapshot::Finish(Replay* replay) {
  if (!replay->protocol) {
    return Status::Corruption("{}: no protocol action up to version {}", table_root_, version_);
  }
  if (!replay->metadata) {
    return Status::Corruption("{}: no metaData action up to version {}", table_root_, version_);
  }
  protocol_ = std::move(*replay->protocol);
  metadata_ = std::move(*replay->metadata);
  RETURN_NOT_OK(CheckReadable(protocol_).WithContext(table_root_));
  auto mode = metadata_.configuration.find("delta.columnMapping.mode");
  ASSIGN_OR_RETURN(column_mapping_, ParseColumnMappingMode(
                                        mode == metadata_.configuration.end() ? "" : mode->second));
  Result<SchemaPtr> schema = ParseDeltaSchema(metadata_.schema_string);
  if (!schema.ok()) return schema.status().WithContext(table_root_);
  schema_ = std::move(*schema);
  for (const std::string& column : metadata_.partition_columns) {
    if (schema_->FieldIndex(column) < 0) {
      return Status::Corruption("{}: partition column \"{}\" is not in the schema", table_root_,
                                column);
    }
  }
  for (Replay::Entry& entry : replay->entries) {
    if (entry.add) files_.push_back(std::move(*entry.add));
    if (entry.remove) tombstones_.push_back(std::move(*entry.remove));
  }
  return Status::OK();
}

Result<std::shared_ptr<const Snapshot>> Snapshot::Load(FileSystem* fs, std::string table_root,
                                                       const SnapshotOptions& options) {
  if (options.version && options.as_of_ms) {
    return Status::Invalid("give a version or a timestamp to read, not both");
  }
  std::shared_ptr<Snapshot> snapshot(new Snapshot());  // NOLINT: private constructor.
  snapshot->fs_ = fs;
  snapshot->table_root_ = TrimTrailingSlashes(std::move(table_root));
  ASSIGN_OR_RETURN(snapshot->listing_, ListLog(fs, snapshot->table_root_));
  std::optional<int64_t> version = options.version;
  if (options.as_of_ms) {
    ASSIGN_OR_RETURN(version, VersionAsOf(snapshot->listing_, *options.as_of_ms));
  }
  ASSIGN_OR_RETURN(LogSegment segment, SelectSegment(snapshot->listing_, version));
  snapshot->version_ = segment.version;
  Replay replay;
  if (segment.checkpoint) {
    ASSIGN_OR_RETURN(std::vector<Action> actions,
                     ReadCheckpoint(fs, snapshot->table_root_, *segment.checkpoint));
    for (Action& action : actions) RETURN_NOT_OK(snapshot->Apply(&replay, std::move(action)));
  }
  for (const LogFile& commit : segment.commits) {
    ASSIGN_OR_RETURN(std::vector<Action> actions, ReadCommitFile(fs, commit.path));
    replay.in_commit_timestamp.reset();
    for (Action& action : actions) RETURN_NOT_OK(snapshot->Apply(&replay, std::move(action)));
  }
  RETURN_NOT_OK(snapshot->Finish(&replay));
  snapshot->timestamp_ms_ = snapshot->CommitTimestamp(segment, replay.in_commit_timestamp);
  return std::shared_ptr<const Snapshot>(std::move(snapshot));
}

int64_t Snapshot::CommitTimestamp(const LogSegment& segment,
                                  std::optional<int64_t> in_commit_ms) const {
  auto enabled = metadata_.configuration.find("delta.enableInCommitTimestamps");
  if (in_commit_ms && enabled != metadata_.configuration.end() && enabled->second == "true") {
    return *in_commit_ms;
  }
  const std::vector<int64_t> timestamps = CommitTimestamps(listing_);
  for (size_t i = 0; i < listing_.commits.size(); ++i) {
    if (listing_.commits[i].version == version_) return timestamps[i];
  }
  // The commit file is gone (log cleanup): the checkpoint is what is left.
  return segment.checkpoint ? segment.checkpoint->parts.front().modification_ms : 0;
}

std::optional<int64_t> Snapshot::TxnVersion(const std::string& app_id) const {
  auto it = txns_.find(app_id);
  if (it == txns_.end()) return std::nullopt;
  return it->second.version;
}

Result<std::string> Snapshot::DataFilePath(const std::string& action_path) const {
  ASSIGN_OR_RETURN(std::string path, DecodeActionPath(action_path));
  if (path.starts_with('/')) return path;
  if (path.find("://") != std::string::npos) {
    return Status::NotImplemented("{}: data file {} is not on the local file system", table_root_,
                                  action_path);
  }
  return table_root_ + "/" + path;
}

}  // namespace strata::delta
