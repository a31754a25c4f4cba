// A scratch directory for one test, shared by every test binary.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace strata {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it
// when the object dies.
class ScopedTempDir {
 public:
  ScopedTempDir() {
    const char* tmpdir = std::getenv("TMPDIR");
    std::string templ =
        std::string(tmpdir != nullptr && *tmpdir ? tmpdir : "/tmp") + "/strata-test-XXXXXX";
    if (::mkdtemp(templ.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed for " << templ;
    path_ = templ;
  }
  ~ScopedTempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;

  const std::string& path() const { return path_; }
  // `path()` + "/" + `relative`.
  std::string Join(std::string_view relative) const { return path_ + "/" + std::string(relative); }

 private:
  std::string path_;
};

}  // namespace strata
