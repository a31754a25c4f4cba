#include "parquet/codec/bloom_filter.h"

#include <xxhash.h>

#include <array>
#include <bit>
#include <cmath>
#include <utility>

namespace strata::parquet {
namespace {

// Both the PLAIN bytes that are hashed and the bitset's words are
// little-endian on disk; reading them natively keeps the hot loops simple.
static_assert(std::endian::native == std::endian::little, "strata assumes a little-endian host");

constexpr int kWordsPerBlock = 8;
// The spec's salts: one odd multiplier per word, giving eight independent
// 5-bit bit positions from the hash's lower 32 bits.
constexpr std::array<uint32_t, kWordsPerBlock> kSalt = {0x47b6137bU, 0x44974d91U, 0x8824ad5bU,
                                                        0xa2b7289dU, 0x705495c7U, 0x2df1424bU,
                                                        0x9efc4947U, 0x5c6bfb31U};

uint32_t WordMask(uint32_t key, int word) { return uint32_t{1} << ((key * kSalt[word]) >> 27); }

int64_t ClampToPowerOfTwo(int64_t num_bytes) {
  if (num_bytes <= BloomFilter::kMinBytes) return BloomFilter::kMinBytes;
  if (num_bytes >= BloomFilter::kMaxBytes) return BloomFilter::kMaxBytes;
  return static_cast<int64_t>(std::bit_ceil(static_cast<uint64_t>(num_bytes)));
}

uint64_t HashRaw(const void* bytes, size_t length) { return XXH64(bytes, length, 0); }

}  // namespace

BloomFilter::BloomFilter(PrivateTag /*tag*/, Buffer bitset)
    : bitset_(std::move(bitset)),
      num_blocks_(bitset_.size() / static_cast<size_t>(kBytesPerBlock)) {}

Result<std::unique_ptr<BloomFilter>> BloomFilter::Make(int64_t num_bytes) {
  Buffer bitset;
  RETURN_NOT_OK(bitset.Resize(static_cast<size_t>(ClampToPowerOfTwo(num_bytes))));
  return std::make_unique<BloomFilter>(PrivateTag{}, std::move(bitset));
}

Result<std::unique_ptr<BloomFilter>> BloomFilter::FromBitset(std::span<const uint8_t> bitset) {
  const size_t size = bitset.size();
  if (size < static_cast<size_t>(kMinBytes) || size > static_cast<size_t>(kMaxBytes) ||
      !std::has_single_bit(size)) {
    return Status::Corruption(
        "bloom filter bitset of {} bytes: the size must be a power of two from {} to {}", size,
        kMinBytes, kMaxBytes);
  }
  Buffer copy;
  RETURN_NOT_OK(copy.Append(bitset));
  return std::make_unique<BloomFilter>(PrivateTag{}, std::move(copy));
}

int64_t BloomFilter::OptimalNumBytes(int64_t ndv, double fpp) {
  if (!(fpp > 0.0)) return kMaxBytes;
  if (fpp >= 1.0 || ndv <= 0) return kMinBytes;
  // log1p keeps the denominator non-zero when fpp^(1/8) is tiny.
  const double bits = -8.0 * static_cast<double>(ndv) / std::log1p(-std::pow(fpp, 1.0 / 8));
  const double bytes = std::ceil(bits / 8);
  if (!(bytes < static_cast<double>(kMaxBytes))) return kMaxBytes;
  return ClampToPowerOfTwo(static_cast<int64_t>(bytes));
}

uint64_t BloomFilter::HashInt32(int32_t value) { return HashRaw(&value, sizeof(value)); }
uint64_t BloomFilter::HashInt64(int64_t value) { return HashRaw(&value, sizeof(value)); }
uint64_t BloomFilter::HashFloat(float value) { return HashRaw(&value, sizeof(value)); }
uint64_t BloomFilter::HashDouble(double value) { return HashRaw(&value, sizeof(value)); }
uint64_t BloomFilter::HashBytes(std::string_view value) {
  return HashRaw(value.data(), value.size());
}
uint64_t BloomFilter::HashFixed(std::span<const uint8_t> value) {
  return HashRaw(value.data(), value.size());
}

// The upper 32 bits scaled to [0, num_blocks): a multiply instead of a
// modulo, and independent of the lower bits that pick the bits.
size_t BloomFilter::FirstWordOf(uint64_t hash) const {
  return static_cast<size_t>(((hash >> 32) * num_blocks_) >> 32) * kWordsPerBlock;
}

void BloomFilter::InsertHash(uint64_t hash) {
  uint32_t* block = bitset_.mutable_data_as<uint32_t>() + FirstWordOf(hash);
  const auto key = static_cast<uint32_t>(hash);
  for (int word = 0; word < kWordsPerBlock; ++word) block[word] |= WordMask(key, word);
}

bool BloomFilter::FindHash(uint64_t hash) const {
  const uint32_t* block = bitset_.data_as<uint32_t>() + FirstWordOf(hash);
  const auto key = static_cast<uint32_t>(hash);
  for (int word = 0; word < kWordsPerBlock; ++word) {
    if ((block[word] & WordMask(key, word)) == 0) return false;
  }
  return true;
}

}  // namespace strata::parquet
