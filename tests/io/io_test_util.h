// Helpers shared by the io tests: a scratch directory per test and short
// ways to write and read whole files.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "io/file_system.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata {

inline void WriteString(FileSystem* fs, const std::string& path, std::string_view text) {
  ASSERT_TRUE(WriteWholeFile(fs, path, AsBytes(text)).ok()) << path;
}

// The file's contents, or "<error: ...>".
inline std::string ReadString(FileSystem* fs, const std::string& path) {
  Result<std::unique_ptr<Buffer>> buffer = ReadWholeFile(fs, path);
  if (!buffer.ok()) return "<error: " + buffer.status().ToString() + ">";
  return std::string((*buffer)->view());
}

// The names in `dir` (no path), sorted.
inline std::vector<std::string> Names(FileSystem* fs, const std::string& dir) {
  std::vector<std::string> names;
  Result<std::vector<FileInfo>> entries = fs->ListDir(dir, false);
  if (!entries.ok()) return {"<error: " + entries.status().ToString() + ">"};
  for (const FileInfo& info : *entries) {
    names.push_back(info.path.substr(info.path.rfind('/') + 1));
  }
  return names;
}

}  // namespace strata
