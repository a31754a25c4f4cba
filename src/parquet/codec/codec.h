// Codec: the compression of Parquet page bodies, one implementation per
// CompressionCodec over the system libraries (snappy, zlib, zstd, lz4,
// brotli). Page headers carry both the compressed and the uncompressed size,
// so decompression always targets a caller-sized buffer: a corrupt or hostile
// page can never make a codec allocate more than the caller chose.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "common/buffer.h"
#include "common/result.h"
#include "common/status.h"
#include "parquet/format_enums.h"

namespace strata::parquet {

// Thread safety: a Codec caches library contexts between calls, so one object
// must be used by one thread at a time. Make one per thread (they are cheap).
class Codec {
 public:
  // Page sizes are i32 in the page header, so no page body can be larger.
  static constexpr int64_t kMaxPageBytes = INT32_MAX;

  // A codec for `codec`. `level` is the compression level for GZIP (0..9,
  // default 6), ZSTD (ZSTD_minCLevel()..22, default 3; 0 means zstd's
  // default) and BROTLI (0..11, default 5); other codecs take no level.
  // Errors: Invalid for a level out of range or given to a codec without
  // levels or for an unknown enum value; NotImplemented for LZO.
  static Result<std::unique_ptr<Codec>> Make(CompressionCodec codec,
                                             std::optional<int> level = std::nullopt);

  // Whether Make accepts a level for `codec`.
  static bool SupportsCompressionLevel(CompressionCodec codec);

  Codec() = default;
  Codec(const Codec&) = delete;
  Codec& operator=(const Codec&) = delete;
  virtual ~Codec() = default;

  virtual CompressionCodec codec() const = 0;
  // "SNAPPY", "LZ4_RAW", ...: the spec's spelling, which prefixes every error.
  std::string_view name() const { return CompressionCodecName(codec()); }

  // Appends the compressed form of `input` to `output` (whose existing bytes
  // are kept). Empty input gives the codec's own encoding of nothing (which
  // may be empty, as for UNCOMPRESSED). On error `output` is unchanged.
  // REQUIRES: output != nullptr.
  // Errors: Invalid when input is larger than kMaxPageBytes; NotImplemented
  // for LZ4 (deprecated: write LZ4_RAW instead); ResourceExhausted when
  // memory runs out.
  Status Compress(std::span<const uint8_t> input, Buffer* output);

  // Decompresses `input` into exactly `output.size()` bytes, the page
  // header's uncompressed size. Never writes past `output` and allocates
  // nothing proportional to what the data claims. Empty input with empty
  // output is accepted without calling the library (empty v2 value sections).
  // Errors: Corruption (prefixed with name()) when the data is malformed,
  // truncated, followed by stray bytes, or decompresses to any size other
  // than output.size(); the message states both sizes when they are known.
  Status Decompress(std::span<const uint8_t> input, std::span<uint8_t> output);

  // An upper bound on the compressed size of `input_size` bytes.
  // REQUIRES: 0 <= input_size <= kMaxPageBytes.
  virtual int64_t MaxCompressedLength(int64_t input_size) const = 0;

 protected:
  // Compress and Decompress have checked the sizes against kMaxPageBytes and
  // handled empty input before these run; `output` of DoCompress holds
  // MaxCompressedLength(input.size()) bytes. Returns the bytes written.
  virtual Result<size_t> DoCompress(std::span<const uint8_t> input, std::span<uint8_t> output) = 0;
  // REQUIRES: !input.empty().
  virtual Status DoDecompress(std::span<const uint8_t> input, std::span<uint8_t> output) = 0;
};

}  // namespace strata::parquet
