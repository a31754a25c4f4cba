#include "parquet/value_encoder.h"

#include <string>
#include <vector>

#include "parquet/encoding/byte_stream_split.h"
#include "parquet/encoding/delta_binary_packed.h"
#include "parquet/encoding/delta_byte_array.h"
#include "parquet/encoding/plain.h"

namespace strata::parquet {
namespace {

// Adapts an encoding class with Put/Flush/EstimatedSize to ValueEncoder.
template <typename T, typename Impl>
class Adapter final : public ValueEncoder<T> {
 public:
  template <typename... Args>
  explicit Adapter(Encoding encoding, Args&&... args)
      : encoding_(encoding), impl_(std::forward<Args>(args)...) {}
  Encoding encoding() const override { return encoding_; }
  Status Put(const T* values, int64_t n) override { return impl_.Put(values, n); }
  Status Flush(Buffer* out) override { return impl_.Flush(out); }
  int64_t EstimatedSize() const override { return impl_.EstimatedSize(); }

 private:
  Encoding encoding_;
  Impl impl_;
};

// Booleans arrive as bytes (0/1) and are bit-packed.
class BoolPlain final : public ValueEncoder<uint8_t> {
 public:
  Encoding encoding() const override { return Encoding::kPlain; }
  Status Put(const uint8_t* values, int64_t n) override { return impl_.Put(values, n); }
  Status Flush(Buffer* out) override { return impl_.Flush(out); }
  int64_t EstimatedSize() const override { return impl_.EstimatedSize(); }

 private:
  PlainBooleanEncoder impl_;
};

// FLBA values arrive as views; the fixed-width encoders want packed bytes.
template <typename Impl>
class FixedWidth final : public ValueEncoder<std::string_view> {
 public:
  FixedWidth(Encoding encoding, int32_t width) : encoding_(encoding), impl_(width) {}
  Encoding encoding() const override { return encoding_; }
  Status Put(const std::string_view* values, int64_t n) override {
    packed_.clear();
    for (int64_t i = 0; i < n; ++i) packed_.append(values[i]);
    return impl_.Put(reinterpret_cast<const uint8_t*>(packed_.data()), n);
  }
  Status Flush(Buffer* out) override { return impl_.Flush(out); }
  int64_t EstimatedSize() const override { return impl_.EstimatedSize(); }

 private:
  Encoding encoding_;
  Impl impl_;
  std::string packed_;
};

template <typename T>
using EncoderPtr = std::unique_ptr<ValueEncoder<T>>;

template <typename T>
Result<EncoderPtr<T>> MakeNumeric(Encoding encoding) {
  switch (encoding) {
    case Encoding::kPlain:
      return EncoderPtr<T>(std::make_unique<Adapter<T, PlainEncoder<T>>>(encoding));
    case Encoding::kByteStreamSplit:
      return EncoderPtr<T>(std::make_unique<Adapter<T, ByteStreamSplitEncoder>>(
          encoding, static_cast<int>(sizeof(T))));
    default: break;
  }
  if constexpr (std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>) {
    if (encoding == Encoding::kDeltaBinaryPacked) {
      return EncoderPtr<T>(std::make_unique<Adapter<T, DeltaBinaryPackedEncoder<T>>>(encoding));
    }
  }
  return Status::Invalid("encoding {} cannot store this type", EncodingName(encoding));
}

Result<EncoderPtr<std::string_view>> MakeBinary(Encoding encoding, PhysicalType physical,
                                                int32_t width) {
  using V = std::string_view;
  if (physical == PhysicalType::kFixedLenByteArray) {
    if (encoding == Encoding::kPlain) {
      return EncoderPtr<V>(
          std::make_unique<FixedWidth<PlainFixedLenByteArrayEncoder>>(encoding, width));
    }
    if (encoding == Encoding::kByteStreamSplit) {
      return EncoderPtr<V>(std::make_unique<FixedWidth<ByteStreamSplitEncoder>>(encoding, width));
    }
  }
  if (physical == PhysicalType::kByteArray) {
    switch (encoding) {
      case Encoding::kPlain:
        return EncoderPtr<V>(std::make_unique<Adapter<V, PlainByteArrayEncoder>>(encoding));
      case Encoding::kDeltaLengthByteArray:
        return EncoderPtr<V>(std::make_unique<Adapter<V, DeltaLengthByteArrayEncoder>>(encoding));
      case Encoding::kDeltaByteArray:
        return EncoderPtr<V>(std::make_unique<Adapter<V, DeltaByteArrayEncoder>>(encoding));
      default: break;
    }
  }
  return Status::Invalid("encoding {} cannot store {} values", EncodingName(encoding),
                         PhysicalTypeName(physical));
}

}  // namespace

bool EncodingSupports(Encoding encoding, PhysicalType physical) {
  switch (encoding) {
    case Encoding::kPlain: return true;
    case Encoding::kDeltaBinaryPacked:
      return physical == PhysicalType::kInt32 || physical == PhysicalType::kInt64;
    case Encoding::kDeltaLengthByteArray:
    case Encoding::kDeltaByteArray: return physical == PhysicalType::kByteArray;
    case Encoding::kByteStreamSplit:
      return physical == PhysicalType::kFloat || physical == PhysicalType::kDouble ||
             physical == PhysicalType::kInt32 || physical == PhysicalType::kInt64 ||
             physical == PhysicalType::kFixedLenByteArray;
    default: return false;
  }
}

template <typename T>
Result<std::unique_ptr<ValueEncoder<T>>> MakeValueEncoder(Encoding encoding, PhysicalType physical,
                                                          int32_t type_length) {
  if constexpr (std::is_same_v<T, uint8_t>) {
    if (encoding != Encoding::kPlain) {
      return Status::Invalid("encoding {} cannot store BOOLEAN values", EncodingName(encoding));
    }
    return EncoderPtr<uint8_t>(std::make_unique<BoolPlain>());
  } else if constexpr (std::is_same_v<T, std::string_view>) {
    return MakeBinary(encoding, physical, type_length);
  } else {
    return MakeNumeric<T>(encoding);
  }
}

template Result<EncoderPtr<uint8_t>> MakeValueEncoder<uint8_t>(Encoding, PhysicalType, int32_t);
template Result<EncoderPtr<int32_t>> MakeValueEncoder<int32_t>(Encoding, PhysicalType, int32_t);
template Result<EncoderPtr<int64_t>> MakeValueEncoder<int64_t>(Encoding, PhysicalType, int32_t);
template Result<EncoderPtr<float>> MakeValueEncoder<float>(Encoding, PhysicalType, int32_t);
template Result<EncoderPtr<double>> MakeValueEncoder<double>(Encoding, PhysicalType, int32_t);
template Result<EncoderPtr<std::string_view>> MakeValueEncoder<std::string_view>(Encoding,
                                                                                 PhysicalType,
                                                                                 int32_t);

}  // namespace strata::parquet
