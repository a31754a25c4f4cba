#include "parquet/value_decoder.h"

#include <cstring>
#include <type_traits>

#include "parquet/encoding/byte_stream_split.h"
#include "parquet/encoding/delta_binary_packed.h"
#include "parquet/encoding/delta_byte_array.h"
#include "parquet/encoding/dictionary.h"
#include "parquet/encoding/plain.h"
#include "parquet/encoding/rle_bit_packed.h"

namespace strata::parquet {
namespace {

Status Unsupported(Encoding encoding, PhysicalType type) {
  return Status::NotImplemented("encoding {} is not supported for {} values",
                                EncodingName(encoding), PhysicalTypeName(type));
}

Status NoDictionary() {
  return Status::Corruption("dictionary-encoded data page without a dictionary page");
}

// Stands in for the delta decoder of types DELTA_BINARY_PACKED cannot encode.
struct NoDeltaDecoder {};

bool IsDictionary(Encoding encoding) {
  return encoding == Encoding::kPlainDictionary || encoding == Encoding::kRleDictionary;
}

// INT32, INT64, INT96, FLOAT and DOUBLE.
template <typename T, PhysicalType kType>
class NumericValueDecoder final : public ValueDecoder {
 public:
  static constexpr bool kIsInteger = std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>;

  Status SetDictionary(std::span<const uint8_t> page, int32_t num_values) override {
    RETURN_NOT_OK(dictionary_.SetDictionary(page, num_values));
    has_dictionary_ = true;
    return Status::OK();
  }

  Status StartPage(Encoding encoding, std::span<const uint8_t> values) override {
    encoding_ = encoding;
    if (encoding == Encoding::kPlain) return plain_.Init(values);
    if (IsDictionary(encoding)) return has_dictionary_ ? dictionary_.Init(values) : NoDictionary();
    if constexpr (kIsInteger) {
      if (encoding == Encoding::kDeltaBinaryPacked) return delta_.Init(values);
    }
    if constexpr (!std::is_same_v<T, Int96>) {
      if (encoding == Encoding::kByteStreamSplit) return split_.Init(values, sizeof(T));
    }
    return Unsupported(encoding, kType);
  }

  Status Decode(int64_t n, uint8_t* out) override {
    T* typed = reinterpret_cast<T*>(out);
    if (encoding_ == Encoding::kPlain) return plain_.Decode(typed, n);
    if (IsDictionary(encoding_)) return dictionary_.Decode(typed, n);
    if constexpr (kIsInteger) {
      if (encoding_ == Encoding::kDeltaBinaryPacked) return delta_.Decode(typed, n);
    }
    return split_.Decode(out, n);
  }

  Status DecodeByteArrays(int64_t /*n*/, ByteArrayOutput /*out*/) override {
    return Status::Internal("{} values are not byte arrays", PhysicalTypeName(kType));
  }

 private:
  // Not a variant: each decoder is small next to a page, and StartPage can
  // Init the one it needs without constructing anything.
  Encoding encoding_ = Encoding::kPlain;
  bool has_dictionary_ = false;
  PlainDecoder<T> plain_;
  DictionaryDecoder<T> dictionary_;
  std::conditional_t<kIsInteger,
                     DeltaBinaryPackedDecoder<std::conditional_t<kIsInteger, T, int32_t>>,
                     NoDeltaDecoder>
      delta_;
  ByteStreamSplitDecoder split_;
};

class BooleanValueDecoder final : public ValueDecoder {
 public:
  Status SetDictionary(std::span<const uint8_t> /*page*/, int32_t /*num_values*/) override {
    return Status::NotImplemented("dictionary-encoded BOOLEAN columns are not supported");
  }

  Status StartPage(Encoding encoding, std::span<const uint8_t> values) override {
    encoding_ = encoding;
    if (encoding == Encoding::kPlain) return plain_.Init(values);
    if (encoding == Encoding::kRle) {
      // RLE booleans carry a u32 length prefix in v1 and v2 pages alike.
      ASSIGN_OR_RETURN(std::span<const uint8_t> runs, ReadRleLengthPrefix(values));
      return rle_.Init(runs, 1);
    }
    return Unsupported(encoding, PhysicalType::kBoolean);
  }

  Status Decode(int64_t n, uint8_t* out) override {
    if (encoding_ == Encoding::kPlain) return plain_.Decode(out, n);
    return rle_.GetBatch(out, n);
  }

  Status DecodeByteArrays(int64_t /*n*/, ByteArrayOutput /*out*/) override {
    return Status::Internal("BOOLEAN values are not byte arrays");
  }

 private:
  Encoding encoding_ = Encoding::kPlain;
  PlainBooleanDecoder plain_;
  RleBitPackedDecoder rle_;
};

class ByteArrayValueDecoder final : public ValueDecoder {
 public:
  Status SetDictionary(std::span<const uint8_t> page, int32_t num_values) override {
    RETURN_NOT_OK(dictionary_.SetDictionary(page, num_values));
    has_dictionary_ = true;
    return Status::OK();
  }

  Status StartPage(Encoding encoding, std::span<const uint8_t> values) override {
    encoding_ = encoding;
    switch (encoding) {
      case Encoding::kPlain: return plain_.Init(values);
      case Encoding::kPlainDictionary:
      case Encoding::kRleDictionary:
        return has_dictionary_ ? dictionary_.Init(values) : NoDictionary();
      case Encoding::kDeltaLengthByteArray: return delta_length_.Init(values);
      case Encoding::kDeltaByteArray: return delta_.Init(values);
      default: return Unsupported(encoding, PhysicalType::kByteArray);
    }
  }

  Status Decode(int64_t /*n*/, uint8_t* /*out*/) override {
    return Status::Internal("BYTE_ARRAY values have no fixed width");
  }

  Status DecodeByteArrays(int64_t n, ByteArrayOutput out) override {
    switch (encoding_) {
      case Encoding::kPlain: return plain_.DecodeArrow(n, out);
      case Encoding::kDeltaLengthByteArray: return delta_length_.DecodeArrow(n, out);
      case Encoding::kDeltaByteArray: return delta_.DecodeArrow(n, out);
      default: return dictionary_.DecodeArrow(n, out);
    }
  }

 private:
  Encoding encoding_ = Encoding::kPlain;
  bool has_dictionary_ = false;
  PlainByteArrayDecoder plain_;
  ByteArrayDictionaryDecoder dictionary_;
  DeltaLengthByteArrayDecoder delta_length_;
  DeltaByteArrayDecoder delta_;
};

class FixedLenValueDecoder final : public ValueDecoder {
 public:
  explicit FixedLenValueDecoder(int32_t width) : width_(width) {}

  Status SetDictionary(std::span<const uint8_t> page, int32_t num_values) override {
    RETURN_NOT_OK(dictionary_.SetDictionary(page, num_values, width_));
    has_dictionary_ = true;
    return Status::OK();
  }

  Status StartPage(Encoding encoding, std::span<const uint8_t> values) override {
    encoding_ = encoding;
    switch (encoding) {
      case Encoding::kPlain: return plain_.Init(values, width_);
      case Encoding::kPlainDictionary:
      case Encoding::kRleDictionary:
        return has_dictionary_ ? dictionary_.Init(values) : NoDictionary();
      case Encoding::kDeltaByteArray: return delta_.Init(values);
      case Encoding::kByteStreamSplit: return split_.Init(values, width_);
      default: return Unsupported(encoding, PhysicalType::kFixedLenByteArray);
    }
  }

  Status Decode(int64_t n, uint8_t* out) override {
    switch (encoding_) {
      case Encoding::kPlain: return plain_.Decode(out, n);
      case Encoding::kByteStreamSplit: return split_.Decode(out, n);
      default: return DecodeViaByteArrays(n, out);
    }
  }

  Status DecodeByteArrays(int64_t /*n*/, ByteArrayOutput /*out*/) override {
    return Status::Internal("FIXED_LEN_BYTE_ARRAY values have a fixed width");
  }

 private:
  // The dictionary and DELTA_BYTE_ARRAY decoders produce the Arrow binary
  // layout; the lengths are checked because DELTA_BYTE_ARRAY data carries
  // its own and a corrupt page could disagree with the width.
  Status DecodeViaByteArrays(int64_t n, uint8_t* out) {
    offsets_.Clear();
    data_.Clear();
    const ByteArrayOutput scratch{&offsets_, &data_};
    RETURN_NOT_OK(encoding_ == Encoding::kDeltaByteArray ? delta_.DecodeArrow(n, scratch)
                                                         : dictionary_.DecodeArrow(n, scratch));
    const int32_t* offsets = offsets_.data_as<int32_t>();
    for (int64_t i = 0; i < n; ++i) {
      if (offsets[i + 1] - offsets[i] != width_) {
        return Status::Corruption("a FIXED_LEN_BYTE_ARRAY({}) value holds {} bytes", width_,
                                  offsets[i + 1] - offsets[i]);
      }
    }
    if (n > 0) std::memcpy(out, data_.data(), static_cast<size_t>(n) * width_);
    return Status::OK();
  }

  int32_t width_;
  Encoding encoding_ = Encoding::kPlain;
  bool has_dictionary_ = false;
  PlainFixedLenByteArrayDecoder plain_;
  ByteArrayDictionaryDecoder dictionary_;
  DeltaByteArrayDecoder delta_;
  ByteStreamSplitDecoder split_;
  Buffer offsets_;
  Buffer data_;
};

}  // namespace

int PhysicalValueWidth(PhysicalType type, int32_t type_length) {
  switch (type) {
    case PhysicalType::kBoolean: return 1;
    case PhysicalType::kInt32:
    case PhysicalType::kFloat: return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble: return 8;
    case PhysicalType::kInt96: return 12;
    case PhysicalType::kFixedLenByteArray: return type_length;
    case PhysicalType::kByteArray: return 0;
  }
  return 0;
}

Result<std::unique_ptr<ValueDecoder>> ValueDecoder::Make(PhysicalType type, int32_t type_length) {
  switch (type) {
    case PhysicalType::kBoolean: return std::make_unique<BooleanValueDecoder>();
    case PhysicalType::kInt32:
      return std::make_unique<NumericValueDecoder<int32_t, PhysicalType::kInt32>>();
    case PhysicalType::kInt64:
      return std::make_unique<NumericValueDecoder<int64_t, PhysicalType::kInt64>>();
    case PhysicalType::kInt96:
      return std::make_unique<NumericValueDecoder<Int96, PhysicalType::kInt96>>();
    case PhysicalType::kFloat:
      return std::make_unique<NumericValueDecoder<float, PhysicalType::kFloat>>();
    case PhysicalType::kDouble:
      return std::make_unique<NumericValueDecoder<double, PhysicalType::kDouble>>();
    case PhysicalType::kByteArray: return std::make_unique<ByteArrayValueDecoder>();
    case PhysicalType::kFixedLenByteArray:
      if (type_length <= 0) {
        return Status::Corruption("FIXED_LEN_BYTE_ARRAY of width {}", type_length);
      }
      return std::make_unique<FixedLenValueDecoder>(type_length);
  }
  return Status::Corruption("unknown physical type {}", static_cast<int>(type));
}

}  // namespace strata::parquet
