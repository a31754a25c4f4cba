#include "io/content_hash.h"

#include <fmt/format.h>

#define XXH_STATIC_LINKING_ONLY  // XXH3_state_t by value: no separate allocation.
#include <xxhash.h>

#include <vector>

namespace strata {

struct ContentHasher::State {
  XXH3_state_t xxh3;
};

ContentHasher::ContentHasher() : state_(std::make_unique<State>()) {
  XXH3_128bits_reset(&state_->xxh3);
}

ContentHasher::~ContentHasher() = default;

void ContentHasher::Update(const void* data, size_t size) {
  XXH3_128bits_update(&state_->xxh3, data, size);
  bytes_ += static_cast<int64_t>(size);
}

std::string ContentHasher::Digest() const {
  const XXH128_hash_t hash = XXH3_128bits_digest(&state_->xxh3);
  return fmt::format("xxh3-128:{:016x}{:016x}", hash.high64, hash.low64);
}

Result<std::string> FileContentChecksum(FileSystem* fs, const std::string& path) {
  // Small enough to stay in cache between the read and the hash.
  constexpr int64_t kReadBytes = 1 << 20;
  ASSIGN_OR_RETURN(auto file, fs->OpenSequential(path));
  ContentHasher hasher;
  std::vector<uint8_t> buffer(static_cast<size_t>(kReadBytes));
  for (;;) {
    ASSIGN_OR_RETURN(const int64_t n, file->Read(kReadBytes, buffer.data()));
    if (n == 0) break;
    hasher.Update(buffer.data(), static_cast<size_t>(n));
  }
  return hasher.Digest();
}

}  // namespace strata
