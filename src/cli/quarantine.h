// The side file of `--on-error quarantine`: every rejected row as CSV
// (file, line, column, reason, raw), so a bad row is never lost silently.
// Like the data it accompanies, the file appears only when the conversion
// commits; a conversion with no bad rows writes none.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "formats/csv_reader.h"
#include "io/file_system.h"

namespace strata::cli {

// Thread safety: none.
class QuarantineFile {
 public:
  // REQUIRES: fs outlives this object. Nothing is created until Add().
  QuarantineFile(FileSystem* fs, std::string path);
  // Deletes the unpublished rows unless Commit() succeeded.
  ~QuarantineFile();
  QuarantineFile(const QuarantineFile&) = delete;
  QuarantineFile& operator=(const QuarantineFile&) = delete;

  const std::string& path() const { return path_; }
  int64_t rows() const { return rows_; }

  Status Add(const std::vector<formats::RejectedRow>& rows);
  // Publishes the file at path() (replacing an older one) when it has rows.
  Status Commit();

 private:
  FileSystem* fs_;
  std::string path_;
  std::string temp_path_;
  std::unique_ptr<WritableFile> file_;
  int64_t rows_ = 0;
  bool committed_ = false;
};

}  // namespace strata::cli
