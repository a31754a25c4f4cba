#include "delta/history.h"

#include "delta/log_segment.h"

namespace strata::delta {

Result<std::vector<Action>> ReadCommitFile(FileSystem* fs, const std::string& path) {
  ASSIGN_OR_RETURN(std::unique_ptr<Buffer> bytes, ReadWholeFile(fs, path));
  const std::string_view text(reinterpret_cast<const char*>(bytes->data()), bytes->size());
  return ParseCommitFile(text, path);
}

Result<std::vector<CommitRecord>> ReadHistory(FileSystem* fs, const std::string& table_root,
                                              std::optional<int64_t> limit) {
  ASSIGN_OR_RETURN(LogListing listing, ListLog(fs, table_root));
  const std::vector<int64_t> timestamps = CommitTimestamps(listing);
  std::vector<CommitRecord> records;
  for (size_t i = listing.commits.size(); i-- > 0;) {
    if (limit && static_cast<int64_t>(records.size()) >= *limit) break;
    CommitRecord record;
    record.version = listing.commits[i].version;
    record.timestamp_ms = timestamps[i];
    ASSIGN_OR_RETURN(std::vector<Action> actions, ReadCommitFile(fs, listing.commits[i].path));
    for (Action& action : actions) {
      if (auto* info = std::get_if<CommitInfo>(&action)) {
        if (info->in_commit_timestamp) record.timestamp_ms = *info->in_commit_timestamp;
        record.info = std::move(*info);
      }
      record.files_added += std::holds_alternative<AddFile>(action) ? 1 : 0;
      record.files_removed += std::holds_alternative<RemoveFile>(action) ? 1 : 0;
    }
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace strata::delta
