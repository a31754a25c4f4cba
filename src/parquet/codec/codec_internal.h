// Internal to parquet/codec: the per-library factories behind Codec::Make and
// the error helpers they share, so every codec reports size problems alike.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "common/result.h"
#include "common/status.h"
#include "parquet/codec/codec.h"

namespace strata::parquet::internal {

Result<std::unique_ptr<Codec>> MakeSnappyCodec();
Result<std::unique_ptr<Codec>> MakeGzipCodec(std::optional<int> level);
Result<std::unique_ptr<Codec>> MakeZstdCodec(std::optional<int> level);
Result<std::unique_ptr<Codec>> MakeBrotliCodec(std::optional<int> level);
Result<std::unique_ptr<Codec>> MakeLz4RawCodec();
Result<std::unique_ptr<Codec>> MakeLz4HadoopCodec();

// How far past the expected size a failed decompression is replayed to learn
// the real size for the error message. Bounded, so a bomb still cannot make
// us allocate more than the caller's size plus this.
inline constexpr size_t kDiagnosisSlack = size_t{1} << 20;

// Some libraries reject a null pointer even for zero bytes, and an empty span
// may hold one: this gives them an address they never dereference.
inline uint8_t* NonNullData(std::span<uint8_t> bytes) {
  static uint8_t placeholder = 0;
  return bytes.empty() ? &placeholder : bytes.data();
}
inline const uint8_t* NonNullData(std::span<const uint8_t> bytes) {
  static const uint8_t placeholder = 0;
  return bytes.empty() ? &placeholder : bytes.data();
}

struct FreeDeleter {
  void operator()(void* p) const { std::free(p); }
};

inline Status SizeMismatch(std::string_view codec, size_t expected, size_t actual) {
  return Status::Corruption("{}: decompressed size mismatch: expected {} bytes, got {}", codec,
                            expected, actual);
}

inline Status LargerThanExpected(std::string_view codec, size_t expected, size_t at_least) {
  return Status::Corruption("{}: decompressed size mismatch: expected {} bytes, got more than {}",
                            codec, expected, at_least);
}

// After a one-shot decompression into `expected` bytes failed in a way that
// may mean "output too small", replays it into a larger scratch buffer:
// `decode(scratch)` returns the decompressed size or nullopt on failure.
// Always returns a Corruption naming the sizes when they could be learnt.
template <typename Decode>
Status DiagnoseFailure(std::string_view codec, size_t expected, std::string_view failure,
                       Decode&& decode) {
  // malloc rather than Buffer: nothing needs zeroing, so the pages the replay
  // never reaches are never touched.
  const size_t capacity = expected + kDiagnosisSlack;
  std::unique_ptr<uint8_t, FreeDeleter> scratch(static_cast<uint8_t*>(std::malloc(capacity)));
  if (scratch == nullptr) return Status::Corruption("{}: {}", codec, failure);
  std::optional<size_t> actual = decode(std::span<uint8_t>(scratch.get(), capacity));
  // A replay that fits `expected` means the data broke a rule only checked
  // near the end of the output, not that the size was wrong.
  if (actual.has_value() && *actual != expected) return SizeMismatch(codec, expected, *actual);
  return Status::Corruption("{}: {} (expected {} decompressed bytes)", codec, failure, expected);
}

}  // namespace strata::parquet::internal
