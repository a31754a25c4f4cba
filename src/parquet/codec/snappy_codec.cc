// SNAPPY: the raw snappy block format (a varint length, then the elements),
// never snappy's framing format.
#include <snappy.h>

#include "parquet/codec/codec_internal.h"

namespace strata::parquet::internal {
namespace {

const char* AsChars(const uint8_t* bytes) { return reinterpret_cast<const char*>(bytes); }

class SnappyCodec final : public Codec {
 public:
  CompressionCodec codec() const override { return CompressionCodec::kSnappy; }

  int64_t MaxCompressedLength(int64_t input_size) const override {
    return static_cast<int64_t>(snappy::MaxCompressedLength(static_cast<size_t>(input_size)));
  }

 protected:
  Result<size_t> DoCompress(std::span<const uint8_t> input, std::span<uint8_t> output) override {
    size_t written = 0;
    snappy::RawCompress(AsChars(NonNullData(input)), input.size(),
                        reinterpret_cast<char*>(output.data()), &written);
    return written;
  }

  // The block states its own length up front; checking it first means the
  // library writes into exactly the caller's buffer.
  Status DoDecompress(std::span<const uint8_t> input, std::span<uint8_t> output) override {
    size_t declared = 0;
    if (!snappy::GetUncompressedLength(AsChars(input.data()), input.size(), &declared)) {
      return Status::Corruption("SNAPPY: invalid block length header");
    }
    if (declared != output.size()) return SizeMismatch(name(), output.size(), declared);
    char* out = reinterpret_cast<char*>(NonNullData(output));
    if (!snappy::RawUncompress(AsChars(input.data()), input.size(), out)) {
      return Status::Corruption("SNAPPY: corrupt compressed block");
    }
    return Status::OK();
  }
};

}  // namespace

Result<std::unique_ptr<Codec>> MakeSnappyCodec() { return std::make_unique<SnappyCodec>(); }

}  // namespace strata::parquet::internal
