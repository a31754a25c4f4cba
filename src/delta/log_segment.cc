#include "delta/log_segment.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "columnar/temporal.h"

namespace strata::delta {

namespace {

constexpr size_t kVersionDigits = 20;

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<int64_t> ParseNumber(std::string_view digits) {
  int64_t value = 0;
  if (!AllDigits(digits)) return std::nullopt;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

bool LooksLikeUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    const char c = text[i];
    if (dash ? c != '-' : !std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// A multi-part checkpoint part being collected: parts by number.
struct PartSet {
  int64_t parts = 0;
  std::map<int64_t, LogFile> files;
};

struct Collector {
  std::vector<LogFile> commits;
  std::vector<Checkpoint> checkpoints;
  std::map<std::pair<int64_t, int64_t>, PartSet> multi_part;  // (version, parts)

  // Classifies `name` (after the 20-digit version and '.') as a commit or a
  // checkpoint; anything else is ignored.
  void Add(std::string_view rest, LogFile file) {
    if (rest == "json") {
      commits.push_back(std::move(file));
      return;
    }
    if (!rest.starts_with("checkpoint.")) return;
    rest.remove_prefix(11);
    if (rest == "parquet") return Single(Checkpoint::Kind::kClassic, std::move(file));
    if (rest.size() == 36 + 5 && LooksLikeUuid(rest.substr(0, 36)) && rest.ends_with(".json")) {
      return Single(Checkpoint::Kind::kV2Json, std::move(file));
    }
    if (rest.size() == 36 + 8 && LooksLikeUuid(rest.substr(0, 36)) && rest.ends_with(".parquet")) {
      return Single(Checkpoint::Kind::kV2Parquet, std::move(file));
    }
    // %010d.%010d.parquet: part o of p.
    if (rest.size() == 10 + 1 + 10 + 8 && rest[10] == '.' && rest.ends_with(".parquet")) {
      std::optional<int64_t> part = ParseNumber(rest.substr(0, 10));
      std::optional<int64_t> parts = ParseNumber(rest.substr(11, 10));
      if (!part || !parts || *part < 1 || *part > *parts) return;
      PartSet& set = multi_part[{file.version, *parts}];
      set.parts = *parts;
      set.files.emplace(*part, std::move(file));
    }
  }

  void Single(Checkpoint::Kind kind, LogFile file) {
    Checkpoint checkpoint;
    checkpoint.version = file.version;
    checkpoint.kind = kind;
    checkpoint.parts.push_back(std::move(file));
    checkpoints.push_back(std::move(checkpoint));
  }

  // Multi-part checkpoints count only with all their parts.
  void FinishMultiPart() {
    for (auto& [key, set] : multi_part) {
      if (static_cast<int64_t>(set.files.size()) != set.parts) continue;
      Checkpoint checkpoint;
      checkpoint.version = key.first;
      checkpoint.kind = Checkpoint::Kind::kMultiPart;
      for (auto& [part, file] : set.files) checkpoint.parts.push_back(std::move(file));
      checkpoints.push_back(std::move(checkpoint));
    }
    std::stable_sort(
        checkpoints.begin(), checkpoints.end(),
        [](const Checkpoint& a, const Checkpoint& b) { return a.version < b.version; });
  }
};

}  // namespace

Result<LogListing> ListLog(FileSystem* fs, const std::string& table_root) {
  const std::string log_dir = table_root + "/_delta_log";
  Result<std::vector<FileInfo>> entries = fs->ListDir(log_dir, /*recursive=*/false);
  if (!entries.ok()) {
    if (entries.status().IsNotFound()) {
      return Status::NotFound("{} is not a Delta table: it has no _delta_log directory",
                              table_root);
    }
    return entries.status();
  }
  Collector collector;
  for (FileInfo& entry : *entries) {
    if (entry.type != FileType::kFile) continue;
    const std::string name = entry.path.substr(entry.path.find_last_of('/') + 1);
    const std::string_view view = name;
    if (name.size() < kVersionDigits + 2 || name[kVersionDigits] != '.') continue;
    std::optional<int64_t> version = ParseNumber(view.substr(0, kVersionDigits));
    if (!version) continue;
    LogFile file{log_dir + "/" + name, *version, entry.size, entry.mtime_micros / 1000};
    collector.Add(view.substr(kVersionDigits + 1), std::move(file));
  }
  collector.FinishMultiPart();
  std::sort(collector.commits.begin(), collector.commits.end(),
            [](const LogFile& a, const LogFile& b) { return a.version < b.version; });
  if (collector.commits.empty() && collector.checkpoints.empty()) {
    return Status::NotFound("{} is not a Delta table: {} holds no commits", table_root, log_dir);
  }
  return LogListing{table_root, std::move(collector.commits), std::move(collector.checkpoints)};
}

namespace {

int64_t LatestVersion(const LogListing& listing) {
  int64_t latest = -1;
  if (!listing.commits.empty()) latest = listing.commits.back().version;
  if (!listing.checkpoints.empty()) latest = std::max(latest, listing.checkpoints.back().version);
  return latest;
}

// Versions from 0 are readable while commit 0 exists; otherwise from the
// oldest checkpoint on. Without either, nothing is (-1).
int64_t OldestReadable(const LogListing& listing) {
  if (!listing.commits.empty() && listing.commits.front().version == 0) return 0;
  if (!listing.checkpoints.empty()) return listing.checkpoints.front().version;
  return -1;
}

}  // namespace

Result<LogSegment> SelectSegment(const LogListing& listing, std::optional<int64_t> version) {
  const int64_t latest = LatestVersion(listing);
  const int64_t target = version.value_or(latest);
  const int64_t oldest = OldestReadable(listing);
  if (oldest < 0) {
    return Status::Corruption("{}: the log has neither commit 0 nor a checkpoint",
                              listing.table_root);
  }
  if (target > latest || target < oldest) {
    return Status::NotFound("{}: version {} cannot be read: the log holds versions {} to {}",
                            listing.table_root, target, oldest, latest);
  }
  LogSegment segment;
  segment.version = target;
  for (const Checkpoint& checkpoint : listing.checkpoints) {
    if (checkpoint.version <= target) segment.checkpoint = checkpoint;
  }
  int64_t expected = segment.checkpoint ? segment.checkpoint->version + 1 : 0;
  for (const LogFile& commit : listing.commits) {
    if (commit.version < expected || commit.version > target) continue;
    if (commit.version != expected) {
      return Status::Corruption("{}: the log has no commit for version {} (next is {})",
                                listing.table_root, expected, commit.version);
    }
    segment.commits.push_back(commit);
    ++expected;
  }
  if (expected != target + 1) {
    return Status::Corruption("{}: the log has no commit for version {}", listing.table_root,
                              expected);
  }
  return segment;
}

std::vector<int64_t> CommitTimestamps(const LogListing& listing) {
  std::vector<int64_t> timestamps;
  timestamps.reserve(listing.commits.size());
  for (const LogFile& commit : listing.commits) {
    int64_t ts = commit.modification_ms;
    if (!timestamps.empty() && ts <= timestamps.back()) ts = timestamps.back() + 1;
    timestamps.push_back(ts);
  }
  return timestamps;
}

Result<int64_t> VersionAsOf(const LogListing& listing, int64_t timestamp_ms) {
  const std::vector<int64_t> timestamps = CommitTimestamps(listing);
  const auto it = std::upper_bound(timestamps.begin(), timestamps.end(), timestamp_ms);
  if (it == timestamps.begin()) {
    return Status::NotFound(
        "{}: no version is as old as {}: the oldest commit (version {}) is from {}",
        listing.table_root,
        FormatTimestamp(timestamp_ms, TimeUnit::kMilli, true, TimestampStyle::kIso),
        listing.commits.empty() ? 0 : listing.commits.front().version,
        timestamps.empty()
            ? std::string("-")
            : FormatTimestamp(timestamps.front(), TimeUnit::kMilli, true, TimestampStyle::kIso));
  }
  return listing.commits[static_cast<size_t>(it - timestamps.begin() - 1)].version;
}

}  // namespace strata::delta
