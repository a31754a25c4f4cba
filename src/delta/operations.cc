#include "delta/operations.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <map>
#include <set>

#include "delta/data_skipping.h"
#include "delta/table_scan.h"
#include "delta/table_writer_internal.h"

namespace strata::delta {

namespace {

constexpr int64_t kMsPerHour = int64_t{3600} * 1000;
constexpr int64_t kDefaultRetentionMs = 7 * 24 * kMsPerHour;

// The partition predicate of optimize, bound to the table's schema.
Result<std::shared_ptr<const parquet::BoundPredicate>> PartitionPredicate(
    const Snapshot& snapshot, const std::string& where) {
  if (where.empty()) return std::shared_ptr<const parquet::BoundPredicate>();
  Result<parquet::Predicate> parsed = parquet::ParsePredicate(where);
  if (!parsed.ok()) return parsed.status().WithContext("--where");
  for (const parquet::Comparison& c : parsed->conjuncts) {
    const auto& columns = snapshot.partition_columns();
    if (std::find(columns.begin(), columns.end(), c.column) == columns.end()) {
      return Status::Invalid(
          "--where: optimize selects partitions; '{}' is not a partition column of {}", c.column,
          snapshot.table_root());
    }
  }
  Result<parquet::BoundPredicate> bound = parquet::Bind(*parsed, *snapshot.schema());
  if (!bound.ok()) return bound.status().WithContext("--where");
  return std::make_shared<const parquet::BoundPredicate>(std::move(*bound));
}

std::string PartitionKey(const AddFile& file) {
  std::string key;
  for (const auto& [column, value] : file.partition_values) {
    key += column + (value ? "=" + *value : "\x01") + '\0';
  }
  return key;
}

// The small files of each selected partition, where there are at least two.
Result<std::vector<std::vector<AddFile>>> CompactionGroups(const Snapshot& snapshot,
                                                           const OptimizeOptions& options) {
  ASSIGN_OR_RETURN(std::shared_ptr<const parquet::BoundPredicate> where,
                   PartitionPredicate(snapshot, options.where));
  std::map<std::string, std::vector<AddFile>> groups;
  for (const AddFile& file : snapshot.files()) {
    if (file.size >= options.target_file_bytes && !file.deletion_vector) continue;
    if (where != nullptr && SkipFile(*where, snapshot, file) != SkipReason::kNone) continue;
    groups[PartitionKey(file)].push_back(file);
  }
  std::vector<std::vector<AddFile>> out;
  for (auto& [key, files] : groups) {
    // One small file is already compact, unless a deletion vector is to be applied.
    if (files.size() >= 2 || (files.size() == 1 && files[0].deletion_vector)) {
      out.push_back(std::move(files));
    }
  }
  return out;
}

Status CopyRows(const std::shared_ptr<const Snapshot>& snapshot, std::vector<AddFile> files,
                TableWriter* writer) {
  TableScanOptions scan_options;
  scan_options.files = std::move(files);
  ASSIGN_OR_RETURN(std::unique_ptr<RecordBatchReader> scan, ScanTable(snapshot, scan_options));
  for (;;) {
    ASSIGN_OR_RETURN(RecordBatchPtr batch, scan->Next());
    if (batch == nullptr) return Status::OK();
    RETURN_NOT_OK(writer->Write(batch));
  }
}

}  // namespace

Result<OptimizeResult> Optimize(FileSystem* fs, const std::string& table_root,
                                const OptimizeOptions& options) {
  TableWriteOptions write;
  write.operation = "OPTIMIZE";
  write.data_change = false;
  write.target_file_bytes = options.target_file_bytes;
  write.file = options.file;
  write.transaction = options.transaction;
  if (write.transaction.clock == nullptr) write.transaction.clock = Clock::System();
  ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> current, Snapshot::Load(fs, table_root, {}));
  ASSIGN_OR_RETURN(auto writer, TableWriter::Open(fs, table_root, current->schema(), write));
  const std::shared_ptr<const Snapshot>& snapshot = writer->read_snapshot();
  ASSIGN_OR_RETURN(std::vector<std::vector<AddFile>> groups, CompactionGroups(*snapshot, options));
  OptimizeResult result;
  if (groups.empty()) {
    writer->Abort();
    return result;
  }
  const int64_t now_ms = write.transaction.clock->NowUnixMicros() / 1000;
  Transaction* txn = writer->transaction();
  for (std::vector<AddFile>& files : groups) {
    for (const AddFile& file : files) {
      txn->ReadFile(file.path);
      txn->RemoveFile(RemoveFileFor(file, now_ms, /*data_change=*/false));
    }
    RETURN_NOT_OK(CopyRows(snapshot, std::move(files), writer.get()));
    ++result.partitions_optimized;
  }
  ASSIGN_OR_RETURN(TableWriteResult written, writer->Commit());
  result.version = written.version;
  result.files_added = written.files_added;
  result.files_removed = written.files_removed;
  result.rows = written.rows;
  return result;
}

Result<int64_t> ParseRetention(std::string_view text) {
  // Spark reads intervals case-insensitively ("INTERVAL 7 DAYS").
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string_view rest = lower;
  if (rest.starts_with("interval ")) rest.remove_prefix(9);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  int64_t amount = 0;
  auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), amount);
  std::string_view unit(end, static_cast<size_t>(rest.data() + rest.size() - end));
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  static const std::map<std::string_view, int64_t> kUnits = {{"ms", 1},
                                                             {"millisecond", 1},
                                                             {"s", 1000},
                                                             {"second", 1000},
                                                             {"m", 60000},
                                                             {"minute", 60000},
                                                             {"h", kMsPerHour},
                                                             {"hour", kMsPerHour},
                                                             {"d", 24 * kMsPerHour},
                                                             {"day", 24 * kMsPerHour},
                                                             {"week", 7 * 24 * kMsPerHour}};
  auto it = kUnits.find(unit);
  // Plurals ("weeks", "hours") only after the exact match, so "ms" stays milliseconds.
  if (it == kUnits.end() && unit.size() > 1 && unit.ends_with('s')) {
    it = kUnits.find(unit.substr(0, unit.size() - 1));
  }
  if (error != std::errc() || amount < 0 || it == kUnits.end() ||
      amount > std::numeric_limits<int64_t>::max() / it->second) {
    return Status::Invalid("'{}' is not a retention (e.g. 168h, 7d, interval 1 week)", text);
  }
  return amount * it->second;
}

namespace {

// Paths (relative to the root) that a version within the retention may read.
Result<std::set<std::string>> ReferencedFiles(const Snapshot& snapshot, int64_t cutoff_ms) {
  std::set<std::string> referenced;
  auto add_dv = [&](const std::optional<DeletionVectorDescriptor>& dv) -> Status {
    if (!dv || dv->storage_type == "i") return Status::OK();
    ASSIGN_OR_RETURN(std::string path, dv->AbsolutePath(snapshot.table_root()));
    referenced.insert(path);
    return Status::OK();
  };
  for (const AddFile& file : snapshot.files()) {
    ASSIGN_OR_RETURN(std::string path, snapshot.DataFilePath(file.path));
    // The listing names files under the root as given: an absolute path
    // under a relative root would never match, and its file would go.
    if (path.starts_with('/') && !snapshot.table_root().starts_with('/')) {
      return Status::Invalid(
          "{}: the table references {} by its absolute path; run vacuum with the table's "
          "absolute path",
          snapshot.table_root(), path);
    }
    referenced.insert(path);
    RETURN_NOT_OK(add_dv(file.deletion_vector));
  }
  for (const RemoveFile& file : snapshot.tombstones()) {
    if (file.deletion_timestamp.value_or(0) < cutoff_ms) continue;
    ASSIGN_OR_RETURN(std::string path, snapshot.DataFilePath(file.path));
    referenced.insert(path);
    RETURN_NOT_OK(add_dv(file.deletion_vector));
  }
  return referenced;
}

bool IsPartitionDirectory(std::string_view name, const std::vector<std::string>& columns) {
  return std::any_of(columns.begin(), columns.end(), [&](const std::string& column) {
    return name.size() > column.size() && name.starts_with(column) && name[column.size()] == '=';
  });
}

// Whether a path (relative to the root) has a name starting with '.' or '_'.
// Partition directories are not hidden, whatever their column's name (a
// column "_p" has directories "_p=1"): their removed files must go too.
bool IsHidden(std::string_view relative, const std::vector<std::string>& partition_columns) {
  size_t start = 0;
  while (start < relative.size()) {
    const size_t end = std::min(relative.find('/', start), relative.size());
    const std::string_view name = relative.substr(start, end - start);
    const bool directory = end < relative.size();
    if ((name.starts_with('.') || name.starts_with('_')) &&
        !(directory && IsPartitionDirectory(name, partition_columns))) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

Result<int64_t> TableRetention(const Snapshot& snapshot) {
  auto it = snapshot.metadata().configuration.find("delta.deletedFileRetentionDuration");
  if (it == snapshot.metadata().configuration.end()) return kDefaultRetentionMs;
  return ParseRetention(it->second);
}

}  // namespace

Result<VacuumResult> Vacuum(FileSystem* fs, const std::string& table_root,
                            const VacuumOptions& options) {
  Clock* clock = options.clock != nullptr ? options.clock : Clock::System();
  ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot, Snapshot::Load(fs, table_root, {}));
  // A writer feature strata does not know may keep files alive in ways it cannot see.
  RETURN_NOT_OK(internal::CheckWriterProtocol(*snapshot));
  ASSIGN_OR_RETURN(const int64_t table_retention, TableRetention(*snapshot));
  const int64_t retain = options.retain_ms.value_or(table_retention);
  if (retain < 0) return Status::Invalid("a retention cannot be negative");
  if (retain < table_retention && !options.force) {
    return Status::Invalid(
        "{}: a retention of {:g} h is below the table's {:g} h "
        "(delta.deletedFileRetentionDuration): older versions could no longer be read; pass "
        "--force to vacuum anyway",
        table_root, static_cast<double>(retain) / kMsPerHour,
        static_cast<double>(table_retention) / kMsPerHour);
  }
  const int64_t cutoff = clock->NowUnixMicros() / 1000 - retain;
  ASSIGN_OR_RETURN(std::set<std::string> referenced, ReferencedFiles(*snapshot, cutoff));
  ASSIGN_OR_RETURN(std::vector<FileInfo> entries,
                   fs->ListDir(snapshot->table_root(), /*recursive=*/true));
  VacuumResult result;
  for (const FileInfo& entry : entries) {
    if (entry.type != FileType::kFile) continue;
    const std::string_view path = entry.path;
    const std::string_view relative = path.substr(snapshot->table_root().size() + 1);
    if (IsHidden(relative, snapshot->partition_columns()) || referenced.contains(entry.path)) {
      continue;
    }
    if (entry.mtime_micros / 1000 >= cutoff) continue;
    result.deleted.push_back(entry.path);
    result.bytes += entry.size;
  }
  if (options.dry_run) return result;
  for (const std::string& path : result.deleted) {
    Status deleted = fs->DeleteFile(path);
    if (!deleted.ok() && !deleted.IsNotFound()) return deleted;
  }
  return result;
}

namespace {

// A file's identity when reconciling actions (PROTOCOL.md, "Action
// Reconciliation"): its path and its deletion vector, since the same data
// file under another DV holds other rows.
Result<std::string> FileIdentity(const Snapshot& snapshot, const AddFile& file) {
  ASSIGN_OR_RETURN(std::string key, snapshot.DataFilePath(file.path));
  key.push_back('\0');
  if (file.deletion_vector) key += file.deletion_vector->UniqueId();
  return key;
}

Result<std::set<std::string>> FileIdentities(const Snapshot& snapshot) {
  std::set<std::string> identities;
  for (const AddFile& file : snapshot.files()) {
    ASSIGN_OR_RETURN(std::string identity, FileIdentity(snapshot, file));
    identities.insert(std::move(identity));
  }
  return identities;
}

// kNotFound naming the data file or deletion vector file of `file` that is
// gone (vacuumed), since re-adding it would commit a version nobody can read.
Status CheckRestorable(FileSystem* fs, const Snapshot& target, const AddFile& file) {
  std::vector<std::pair<std::string_view, std::string>> needed;
  ASSIGN_OR_RETURN(std::string data, target.DataFilePath(file.path));
  needed.emplace_back("data file", std::move(data));
  if (file.deletion_vector && file.deletion_vector->storage_type != "i") {
    ASSIGN_OR_RETURN(std::string dv, file.deletion_vector->AbsolutePath(target.table_root()));
    needed.emplace_back("deletion vector file", std::move(dv));
  }
  for (const auto& [what, path] : needed) {
    Result<FileInfo> info = fs->GetFileInfo(path);
    if (info.status().IsNotFound()) {
      return Status::NotFound("{}: cannot restore version {}: its {} {} is gone (vacuumed?)",
                              target.table_root(), target.version(), what, path);
    }
    RETURN_NOT_OK(info.status());
  }
  return Status::OK();
}

bool IsAppendOnly(const Metadata& metadata) {
  auto it = metadata.configuration.find("delta.appendOnly");
  return it != metadata.configuration.end() && it->second == "true";
}

// Stages the removes and adds that make `current` hold `target`'s files.
Status StageRestore(FileSystem* fs, const Snapshot& current, const Snapshot& target, int64_t now_ms,
                    Transaction* txn, RestoreResult* result) {
  ASSIGN_OR_RETURN(const std::set<std::string> in_target, FileIdentities(target));
  ASSIGN_OR_RETURN(const std::set<std::string> in_current, FileIdentities(current));
  for (const AddFile& file : current.files()) {
    ASSIGN_OR_RETURN(const std::string identity, FileIdentity(current, file));
    if (in_target.contains(identity)) continue;
    txn->RemoveFile(RemoveFileFor(file, now_ms, /*data_change=*/true));
    ++result->files_removed;
  }
  if (result->files_removed > 0 && IsAppendOnly(current.metadata())) {
    return Status::Invalid(
        "{} is append-only (delta.appendOnly): restoring version {} would remove {} of its files",
        current.table_root(), target.version(), result->files_removed);
  }
  for (const AddFile& file : target.files()) {
    ASSIGN_OR_RETURN(const std::string identity, FileIdentity(target, file));
    if (in_current.contains(identity)) continue;
    RETURN_NOT_OK(CheckRestorable(fs, target, file));
    AddFile add = file;
    add.data_change = true;
    add.modification_time = now_ms;
    txn->AddFile(std::move(add));
    ++result->files_added;
  }
  return Status::OK();
}

}  // namespace

Result<RestoreResult> Restore(FileSystem* fs, const std::string& table_root, int64_t version,
                              TransactionOptions options) {
  if (options.clock == nullptr) options.clock = Clock::System();
  ASSIGN_OR_RETURN(std::unique_ptr<Transaction> txn, Transaction::Begin(fs, table_root, options));
  const std::shared_ptr<const Snapshot>& current = txn->read_snapshot();
  if (current == nullptr) return Status::NotFound("{} is not a Delta table", table_root);
  // Restore writes the table like any writer: the same protocol and feature checks.
  RETURN_NOT_OK(internal::CheckWritable(*current, TableWriteOptions{}));
  ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> target,
                   Snapshot::Load(fs, table_root, SnapshotOptions{.version = version}));
  RestoreResult result;
  txn->ReadWholeTable();
  RETURN_NOT_OK(StageRestore(fs, *current, *target, options.clock->NowUnixMicros() / 1000,
                             txn.get(), &result));
  if (target->metadata().schema_string != current->metadata().schema_string ||
      target->metadata().partition_columns != current->metadata().partition_columns) {
    txn->SetMetadata(target->metadata());
  }
  CommitDescription description{
      .operation = "RESTORE",
      .parameters = {{"version", std::to_string(version)}},
      .metrics = {{"numRestoredFiles", std::to_string(result.files_added)},
                  {"numRemovedFiles", std::to_string(result.files_removed)}}};
  ASSIGN_OR_RETURN(result.version, txn->Commit(description));
  return result;
}

}  // namespace strata::delta
