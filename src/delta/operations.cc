#include "delta/operations.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "delta/data_skipping.h"
#include "delta/table_scan.h"

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

RemoveFile RemoveOf(const AddFile& add, int64_t now_ms, bool data_change) {
  RemoveFile remove;
  remove.path = add.path;
  remove.deletion_timestamp = now_ms;
  remove.data_change = data_change;
  remove.extended_file_metadata = true;
  remove.partition_values = add.partition_values;
  remove.size = add.size;
  remove.deletion_vector = add.deletion_vector;
  return remove;
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
      txn->RemoveFile(RemoveOf(file, now_ms, /*data_change=*/false));
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
  std::string_view rest = text;
  if (rest.starts_with("interval ")) rest.remove_prefix(9);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  int64_t amount = 0;
  auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), amount);
  std::string_view unit(end, static_cast<size_t>(rest.data() + rest.size() - end));
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  if (unit.ends_with('s') && unit.size() > 1) unit.remove_suffix(1);  // "weeks", "hours"
  const std::map<std::string_view, int64_t> units = {{"ms", 1},
                                                     {"millisecond", 1},
                                                     {"second", 1000},
                                                     {"m", 60000},
                                                     {"minute", 60000},
                                                     {"h", kMsPerHour},
                                                     {"hour", kMsPerHour},
                                                     {"d", 24 * kMsPerHour},
                                                     {"day", 24 * kMsPerHour},
                                                     {"week", 7 * 24 * kMsPerHour}};
  auto it = units.find(unit);
  if (error != std::errc() || amount < 0 || it == units.end()) {
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

bool IsHidden(std::string_view relative) {
  size_t start = 0;
  while (start < relative.size()) {
    const size_t end = std::min(relative.find('/', start), relative.size());
    const char first = relative[start];
    if (first == '.' || first == '_') return true;
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
  ASSIGN_OR_RETURN(const int64_t table_retention, TableRetention(*snapshot));
  const int64_t retain = options.retain_ms.value_or(table_retention);
  if (retain < table_retention && !options.force) {
    return Status::Invalid(
        "{}: a retention of {} h is below the table's {} h (delta.deletedFileRetentionDuration): "
        "older versions could no longer be read; pass --force to vacuum anyway",
        table_root, retain / kMsPerHour, table_retention / kMsPerHour);
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
    if (IsHidden(relative) || referenced.contains(entry.path)) continue;
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

Result<RestoreResult> Restore(FileSystem* fs, const std::string& table_root, int64_t version,
                              TransactionOptions options) {
  if (options.clock == nullptr) options.clock = Clock::System();
  ASSIGN_OR_RETURN(std::unique_ptr<Transaction> txn, Transaction::Begin(fs, table_root, options));
  const std::shared_ptr<const Snapshot>& current = txn->read_snapshot();
  if (current == nullptr) return Status::NotFound("{} is not a Delta table", table_root);
  ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> target,
                   Snapshot::Load(fs, table_root, SnapshotOptions{.version = version}));
  std::set<std::string> in_target;
  std::set<std::string> in_current;
  for (const AddFile& file : target->files()) in_target.insert(file.path);
  for (const AddFile& file : current->files()) in_current.insert(file.path);
  const int64_t now_ms = options.clock->NowUnixMicros() / 1000;
  RestoreResult result;
  txn->ReadWholeTable();
  for (const AddFile& file : current->files()) {
    if (in_target.contains(file.path)) continue;
    txn->RemoveFile(RemoveOf(file, now_ms, /*data_change=*/true));
    ++result.files_removed;
  }
  for (const AddFile& file : target->files()) {
    if (in_current.contains(file.path)) continue;
    ASSIGN_OR_RETURN(std::string path, target->DataFilePath(file.path));
    Result<FileInfo> info = fs->GetFileInfo(path);
    if (!info.ok()) {
      return Status::NotFound("{}: cannot restore version {}: its data file {} is gone (vacuumed?)",
                              table_root, version, path);
    }
    AddFile add = file;
    add.data_change = true;
    add.modification_time = now_ms;
    txn->AddFile(std::move(add));
    ++result.files_added;
  }
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
