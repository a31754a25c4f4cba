// ContentHasher: the checksum strata records of an input's bytes, so a
// re-run recognises content it converted before: "xxh3-128:" and 32 hex
// digits. Fed in order, in pieces of any size, it gives the same digest as
// hashing the whole file at once.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "common/result.h"
#include "io/file_system.h"

namespace strata {

// Thread safety: none.
class ContentHasher {
 public:
  ContentHasher();
  ~ContentHasher();
  ContentHasher(const ContentHasher&) = delete;
  ContentHasher& operator=(const ContentHasher&) = delete;

  void Update(const void* data, size_t size);
  // The digest of everything fed so far; feeding may continue after it.
  std::string Digest() const;
  // Bytes fed so far.
  int64_t bytes() const { return bytes_; }

 private:
  struct State;
  std::unique_ptr<State> state_;
  int64_t bytes_ = 0;
};

// The digest of the whole file at `path`, as stored (a compressed file is
// hashed compressed). Reads the file once, front to back.
Result<std::string> FileContentChecksum(FileSystem* fs, const std::string& path);

}  // namespace strata
