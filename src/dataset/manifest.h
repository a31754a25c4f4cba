// The inputs a dataset directory was converted from, so that converting
// the same input again writes nothing. Each converted input is one small
// JSON file, `DIR/_strata/inputs/<checksum>.json`, created atomically
// (create-if-absent) after the input's data files are finished and before
// they are renamed into place: an entry whose files are not all present is
// an interrupted conversion, whose leftovers the next run removes before
// converting the input again. Readers skip `_strata` (a leading underscore,
// and no .parquet files in it).
//
// Thread safety: none. One writer per directory at a time: two processes
// converting into one directory at once are not coordinated (Delta tables
// are, see the delta layer).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "io/file_system.h"

namespace strata::dataset {

struct ManifestEntry {
  std::string input;     // The input's path as given.
  std::string checksum;  // FileContentChecksum() of the input (io/content_hash.h).
  int64_t input_bytes = 0;
  int64_t rows = 0;
  int64_t rejected = 0;
  std::vector<std::string> files;  // Data files, relative to the directory.
  std::string committed_at;        // UTC, ISO 8601.
};

class Manifest {
 public:
  // Reads every entry under `dir` (none when the directory or the
  // manifest is missing). A malformed entry is Corruption naming its file.
  static Result<Manifest> Load(FileSystem* fs, const std::string& dir);

  // The complete entry for `checksum`, or null.
  const ManifestEntry* Find(const std::string& checksum) const;
  // Whether a complete entry's input had this size: only then can an input
  // of that size be one converted before.
  bool HasInputOfSize(int64_t bytes) const;
  // Entries with missing data files: interrupted conversions.
  const std::vector<ManifestEntry>& incomplete() const { return incomplete_; }
  const std::vector<ManifestEntry>& entries() const { return entries_; }

  // Creates the entry file; AlreadyExists when the checksum has one.
  static Status Record(FileSystem* fs, const std::string& dir, const ManifestEntry& entry);
  // Where the entry for `checksum` lives.
  static std::string EntryPath(const std::string& dir, const std::string& checksum);
  // Deletes the entry's data files that exist, then the entry.
  static Status Remove(FileSystem* fs, const std::string& dir, const ManifestEntry& entry);

 private:
  std::vector<ManifestEntry> entries_;
  std::vector<ManifestEntry> incomplete_;
};

}  // namespace strata::dataset
