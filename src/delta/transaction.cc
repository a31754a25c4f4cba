#include "delta/transaction.h"

#include <fmt/format.h>

#include "columnar/json_writer.h"
#include "common/logging.h"
#include "common/version.h"
#include "delta/checkpoint.h"
#include "delta/history.h"

namespace strata::delta {

namespace {

constexpr int64_t kDefaultCheckpointInterval = 10;

std::string JsonStringMap(const StringMap& map) {
  std::string out = "{";
  for (const auto& [key, value] : map) {
    if (out.size() > 1) out.push_back(',');
    AppendJsonString(key, &out);
    out.push_back(':');
    AppendJsonString(value, &out);
  }
  out.push_back('}');
  return out;
}

}  // namespace

std::string CommitPath(const std::string& table_root, int64_t version) {
  return fmt::format("{}/_delta_log/{:020}.json", table_root, version);
}

Result<std::unique_ptr<Transaction>> Transaction::Begin(FileSystem* fs, std::string table_root,
                                                        TransactionOptions options) {
  if (options.clock == nullptr) options.clock = Clock::System();
  while (table_root.size() > 1 && table_root.back() == '/') table_root.pop_back();
  std::unique_ptr<Transaction> txn(new Transaction(fs, std::move(table_root), options));
  ASSIGN_OR_RETURN(bool exists, IsDeltaTable(fs, txn->table_root_));
  if (exists) {
    Result<std::shared_ptr<const Snapshot>> snapshot = Snapshot::Load(fs, txn->table_root_, {});
    // A log directory without commits is a table whose creation never committed.
    if (!snapshot.ok() && !snapshot.status().IsNotFound()) return snapshot.status();
    if (snapshot.ok()) txn->snapshot_ = std::move(*snapshot);
  }
  return txn;
}

void Transaction::SetTxn(Txn txn) {
  for (Txn& existing : txns_) {
    if (existing.app_id == txn.app_id) {
      existing = std::move(txn);
      return;
    }
  }
  txns_.push_back(std::move(txn));
}

bool Transaction::IsBlindAppend() const {
  return removes_.empty() && !read_whole_table_ && read_files_.empty() && !metadata_ && !protocol_;
}

Status Transaction::Validate() const {
  if (snapshot_ == nullptr && (!protocol_ || !metadata_)) {
    return Status::Invalid("{} is not a Delta table yet: create it first", table_root_);
  }
  const Metadata& metadata = metadata_ ? *metadata_ : snapshot_->metadata();
  for (const delta::AddFile& add : adds_) {
    for (const std::string& column : metadata.partition_columns) {
      if (!add.partition_values.contains(column)) {
        return Status::Invalid("data file {} has no value for partition column {}", add.path,
                               column);
      }
    }
  }
  const Protocol& protocol = protocol_ ? *protocol_ : snapshot_->protocol();
  if (protocol.min_writer_version > 7) {
    return Status::NotImplemented("the table needs Delta writer version {}; strata writes up to 7",
                                  protocol.min_writer_version);
  }
  return Status::OK();
}

std::string Transaction::CommitText(const CommitDescription& description, int64_t version) const {
  CommitInfo info;
  std::string json = "{";
  json += fmt::format("\"timestamp\":{},", options_.clock->NowUnixMicros() / 1000);
  json += "\"operation\":";
  AppendJsonString(description.operation, &json);
  json += ",\"operationParameters\":" + JsonStringMap(description.parameters);
  if (version > 0) json += fmt::format(",\"readVersion\":{}", read_version());
  json += ",\"isolationLevel\":\"Serializable\"";
  json += fmt::format(",\"isBlindAppend\":{}", IsBlindAppend() ? "true" : "false");
  json += ",\"operationMetrics\":" + JsonStringMap(description.metrics);
  json += fmt::format(",\"engineInfo\":\"strata/{}\"", kVersion);
  json += "}";
  info.json = std::move(json);
  std::string text = ToJson(info) + "\n";
  if (protocol_) text += ToJson(*protocol_) + "\n";
  if (metadata_) text += ToJson(*metadata_) + "\n";
  for (const Txn& txn : txns_) text += ToJson(txn) + "\n";
  for (const delta::RemoveFile& remove : removes_) text += ToJson(remove) + "\n";
  for (const delta::AddFile& add : adds_) text += ToJson(add) + "\n";
  return text;
}

Status Transaction::CheckConflicts(int64_t version, const std::vector<Action>& winner) const {
  auto conflict = [&](std::string_view why) {
    return Status::Conflict("{}: concurrent commit {} {}; this transaction read version {}",
                            table_root_, version, why, read_version());
  };
  if (snapshot_ == nullptr) return conflict("created the table");
  for (const Action& action : winner) {
    if (std::holds_alternative<Protocol>(action)) return conflict("changed the protocol");
    if (std::holds_alternative<Metadata>(action)) return conflict("changed the table's metadata");
    if (const auto* add = std::get_if<delta::AddFile>(&action)) {
      if (add->data_change && read_whole_table_)
        return conflict("added data this transaction read");
    } else if (const auto* remove = std::get_if<delta::RemoveFile>(&action)) {
      if (read_whole_table_ || read_files_.contains(remove->path)) {
        return conflict(fmt::format("removed {}, which this transaction read", remove->path));
      }
      for (const delta::RemoveFile& ours : removes_) {
        if (ours.path == remove->path) return conflict(fmt::format("also removed {}", ours.path));
      }
    } else if (const auto* txn = std::get_if<Txn>(&action)) {
      for (const Txn& ours : txns_) {
        if (txn->app_id == ours.app_id) {
          return conflict(fmt::format("committed for application {} too", txn->app_id));
        }
      }
    }
  }
  return Status::OK();
}

Result<int64_t> Transaction::Commit(const CommitDescription& description) {
  RETURN_NOT_OK(Validate());
  if (snapshot_ == nullptr)
    RETURN_NOT_OK(fs_->CreateDir(table_root_ + "/_delta_log", /*recursive=*/true));
  int64_t version = read_version() + 1;
  for (attempts_ = 1; attempts_ <= options_.max_attempts; ++attempts_, ++version) {
    const std::string text = CommitText(description, version);
    const std::string path = CommitPath(table_root_, version);
    const Status created = fs_->CreateIfAbsent(path, AsBytes(text));
    if (created.ok()) {
      Status checkpoint = MaybeCheckpoint(version);
      if (!checkpoint.ok()) {
        LogWarn("checkpoint failed; the commit stands", {{"table", table_root_},
                                                         {"version", std::to_string(version)},
                                                         {"error", checkpoint.ToString()}});
      }
      return version;
    }
    if (created.code() != StatusCode::kAlreadyExists) return created;
    ASSIGN_OR_RETURN(std::vector<Action> winner, ReadCommitFile(fs_, path));
    RETURN_NOT_OK(CheckConflicts(version, winner));
  }
  return Status::Conflict("{}: gave up after {} attempts to commit against concurrent writers",
                          table_root_, options_.max_attempts);
}

Status Transaction::MaybeCheckpoint(int64_t version) const {
  int64_t interval = options_.checkpoint_interval;
  if (interval <= 0) {
    const Metadata& metadata = metadata_ ? *metadata_ : snapshot_->metadata();
    auto it = metadata.configuration.find("delta.checkpointInterval");
    interval = kDefaultCheckpointInterval;
    if (it != metadata.configuration.end()) {
      interval = std::max<int64_t>(1, std::atoll(it->second.c_str()));
    }
  }
  if (version == 0 || version % interval != 0) return Status::OK();
  ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot,
                   Snapshot::Load(fs_, table_root_, SnapshotOptions{.version = version}));
  return WriteCheckpoint(fs_, *snapshot, options_.clock);
}

}  // namespace strata::delta
