// Transaction: one atomic commit to a Delta table with optimistic
// concurrency (PROTOCOL.md, "Optimistic Concurrency").
//
//   ASSIGN_OR_RETURN(auto txn, Transaction::Begin(fs, root, {}));
//   txn->AddFile(add);                       // data files already written
//   ASSIGN_OR_RETURN(int64_t version, txn->Commit(info));
//
// Commit writes `_delta_log/<version>.json` with the file system's atomic
// create-if-absent, so a commit is all there or not there. When another
// writer took the version first, the winning commits are read and checked
// against what this transaction read; without a conflict it retries at the
// next version, otherwise it fails with kConflict naming the winner and why.

#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "delta/actions.h"
#include "delta/snapshot.h"
#include "io/file_system.h"

namespace strata::delta {

struct TransactionOptions {
  Clock* clock = nullptr;   // Timestamps; null means Clock::System().
  int max_attempts = 1000;  // Commit attempts before giving up.
  // Write a checkpoint after versions divisible by this; 0 takes the table's
  // `delta.checkpointInterval` (default 10).
  int64_t checkpoint_interval = 0;
};

// What `history` shows for a commit.
struct CommitDescription {
  std::string operation;  // WRITE, CREATE TABLE, OPTIMIZE, ...
  StringMap parameters;
  StringMap metrics;
};

// Thread safety: none; one transaction per thread. Many processes may
// commit to one table at once.
class Transaction {
 public:
  // Starts a transaction on the latest version of the table at `table_root`,
  // or on no table when it has no log yet (the first commit must then set
  // protocol and metadata). Errors: the snapshot's.
  // REQUIRES: `fs` outlives the transaction.
  [[nodiscard]] static Result<std::unique_ptr<Transaction>> Begin(FileSystem* fs,
                                                                  std::string table_root,
                                                                  TransactionOptions options);

  const std::string& table_root() const { return table_root_; }
  // The snapshot the transaction reads; null for a table being created.
  const std::shared_ptr<const Snapshot>& read_snapshot() const { return snapshot_; }
  int64_t read_version() const { return snapshot_ ? snapshot_->version() : -1; }

  void SetProtocol(Protocol protocol) { protocol_ = std::move(protocol); }
  void SetMetadata(Metadata metadata) { metadata_ = std::move(metadata); }
  void AddFile(AddFile add) { adds_.push_back(std::move(add)); }
  void RemoveFile(RemoveFile remove) { removes_.push_back(std::move(remove)); }
  // Records `txn` (idempotent writes) and that the transaction read its
  // app id's version, so a concurrent commit for the same app conflicts.
  // A commit may record several app ids, each once.
  void SetTxn(Txn txn);
  // Declares that the transaction's outcome depends on the whole table
  // (overwrite, optimize): any concurrent data change then conflicts.
  void ReadWholeTable() { read_whole_table_ = true; }
  // Declares that the outcome depends on these live files (by action path).
  void ReadFile(const std::string& path) { read_files_.insert(path); }

  // Commits the actions (commitInfo first) and returns the version written.
  // Writes a checkpoint afterwards when the version is due one; a checkpoint
  // that fails is logged, not returned, since the commit stands.
  // Errors: kConflict when a concurrent commit conflicts (the message names
  // its version and the reason); kInvalid for a commit that would break the
  // protocol (first commit without protocol and metadata, adds without
  // partition values for every partition column); the file system's errors.
  // REQUIRES: called once.
  [[nodiscard]] Result<int64_t> Commit(const CommitDescription& description);

  int64_t num_removes() const { return static_cast<int64_t>(removes_.size()); }
  // How many attempts the last Commit took (1 without contention).
  int attempts() const { return attempts_; }

 private:
  Transaction(FileSystem* fs, std::string table_root, TransactionOptions options)
      : fs_(fs), table_root_(std::move(table_root)), options_(options) {}

  [[nodiscard]] Status Validate() const;
  std::string CommitText(const CommitDescription& description, int64_t version) const;
  [[nodiscard]] Status CheckConflicts(int64_t version, const std::vector<Action>& winner) const;
  [[nodiscard]] Status MaybeCheckpoint(int64_t version) const;
  bool IsBlindAppend() const;

  FileSystem* fs_;
  std::string table_root_;
  TransactionOptions options_;
  std::shared_ptr<const Snapshot> snapshot_;
  std::optional<Protocol> protocol_;
  std::optional<Metadata> metadata_;
  std::vector<delta::AddFile> adds_;
  std::vector<delta::RemoveFile> removes_;
  std::vector<Txn> txns_;
  bool read_whole_table_ = false;
  std::set<std::string> read_files_;
  int attempts_ = 0;
};

// The commit file path of `version` under `table_root`.
std::string CommitPath(const std::string& table_root, int64_t version);

}  // namespace strata::delta
