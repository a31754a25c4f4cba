#include "parquet/value_conversion.h"

#include <bit>
#include <cmath>
#include <span>
#include <type_traits>

#include "columnar/decimal.h"
#include "parquet/encoding/bit_util.h"

namespace strata::parquet {
namespace {

// Julian day number of 1970-01-01, the INT96 epoch.
constexpr int64_t kJulianEpochDay = 2440588;

template <typename Out>
Status NarrowIntegers(const LeafColumn& leaf, const int32_t* in, int64_t n, Out* out) {
  // Out is at most 16 bits wide, so its range fits int32 exactly.
  constexpr int kBits = 8 * static_cast<int>(sizeof(Out));
  constexpr int32_t kMin = std::is_signed_v<Out> ? -(int32_t{1} << (kBits - 1)) : 0;
  constexpr int32_t kMax =
      std::is_signed_v<Out> ? (int32_t{1} << (kBits - 1)) - 1 : (int32_t{1} << kBits) - 1;
  bool in_range = true;
  for (int64_t i = 0; i < n; ++i) {
    in_range &= in[i] >= kMin && in[i] <= kMax;
    out[i] = static_cast<Out>(in[i]);
  }
  if (in_range) return Status::OK();
  for (int64_t i = 0; i < n; ++i) {
    if (in[i] < kMin || in[i] > kMax) {
      return Status::Corruption("value {} does not fit {}", in[i], leaf.type->ToString());
    }
  }
  return Status::OK();
}

Status NarrowIntegers(const LeafColumn& leaf, const uint8_t* in, int64_t n, uint8_t* out) {
  const auto* values = reinterpret_cast<const int32_t*>(in);
  switch (leaf.type->id()) {
    case TypeId::kInt8: return NarrowIntegers(leaf, values, n, reinterpret_cast<int8_t*>(out));
    case TypeId::kInt16: return NarrowIntegers(leaf, values, n, reinterpret_cast<int16_t*>(out));
    case TypeId::kUInt8: return NarrowIntegers(leaf, values, n, out);
    case TypeId::kUInt16: return NarrowIntegers(leaf, values, n, reinterpret_cast<uint16_t*>(out));
    default: return Status::Internal("narrow integer conversion to {}", leaf.type->ToString());
  }
}

Status StoreDecimal(const LeafColumn& leaf, Decimal128 value, uint8_t* out) {
  if (!value.FitsInPrecision(leaf.type->precision())) [[unlikely]] {
    return Status::Corruption("value {} does not fit {}", value.ToString(leaf.type->scale()),
                              leaf.type->ToString());
  }
  value.ToLittleEndian(out);
  return Status::OK();
}

template <typename In>
Status IntegerDecimals(const LeafColumn& leaf, const uint8_t* in, int64_t n, uint8_t* out) {
  const auto* values = reinterpret_cast<const In*>(in);
  for (int64_t i = 0; i < n; ++i) {
    RETURN_NOT_OK(StoreDecimal(leaf, Decimal128(values[i]), out + 16 * i));
  }
  return Status::OK();
}

Status BigEndianDecimal(const LeafColumn& leaf, std::span<const uint8_t> bytes, uint8_t* out) {
  Result<Decimal128> value = Decimal128::FromBigEndian(bytes);
  if (!value.ok()) return Status::Corruption("{}", value.status().message());
  return StoreDecimal(leaf, *value, out);
}

Status FixedDecimals(const LeafColumn& leaf, const uint8_t* in, int64_t n, uint8_t* out) {
  const auto width = static_cast<size_t>(leaf.type_length);
  for (int64_t i = 0; i < n; ++i) {
    RETURN_NOT_OK(BigEndianDecimal(leaf, {in + i * width, width}, out + 16 * i));
  }
  return Status::OK();
}

// Bytes 0..7: nanoseconds of the day; bytes 8..11: Julian day. Read as
// microseconds, as Spark (which writes INT96) and DuckDB read them, so dates
// past 2262 keep their value. The arithmetic is Spark's, signed nanoseconds
// and all, wrapping as Java's longs do: Spark writes far dates with
// wrapped fields, and only the same arithmetic reads them back.
void Int96Timestamps(const uint8_t* in, int64_t n, int64_t* out) {
  constexpr uint64_t kMicrosPerDay = uint64_t{86400} * 1000 * 1000;
  for (int64_t i = 0; i < n; ++i) {
    const uint8_t* value = in + 12 * i;
    const auto nanos = static_cast<int64_t>(LoadLittleEndian<uint64_t>(value));
    const int64_t days = int64_t{LoadLittleEndian<int32_t>(value + 8)} - kJulianEpochDay;
    const auto micros_of_day = static_cast<uint64_t>(nanos / 1000);
    out[i] = static_cast<int64_t>(static_cast<uint64_t>(days) * kMicrosPerDay + micros_of_day);
  }
}

// IEEE 754 binary16 to binary32; exact for every value, NaN payloads kept.
void Float16s(const uint8_t* in, int64_t n, float* out) {
  for (int64_t i = 0; i < n; ++i) out[i] = HalfToFloat(LoadLittleEndian<uint16_t>(in + 2 * i));
}

void TimeMillis(const uint8_t* in, int64_t n, int64_t* out) {
  const auto* values = reinterpret_cast<const int32_t*>(in);
  for (int64_t i = 0; i < n; ++i) out[i] = values[i];
}

}  // namespace

float HalfToFloat(uint16_t half) {
  const uint32_t sign = uint32_t{half & 0x8000u} << 16;
  const uint32_t exponent = (half >> 10) & 0x1F;
  const uint32_t mantissa = half & 0x3FF;
  if (exponent == 0) {
    const float magnitude = std::ldexp(static_cast<float>(mantissa), -24);
    return sign != 0 ? -magnitude : magnitude;
  }
  const uint32_t bits = exponent == 0x1F ? sign | 0x7F800000u | (mantissa << 13)
                                         : sign | ((exponent + 112) << 23) | (mantissa << 13);
  return std::bit_cast<float>(bits);
}

Status ConvertFixedWidthValues(const LeafColumn& leaf, const uint8_t* in, int64_t n, uint8_t* out) {
  switch (leaf.conversion) {
    case ValueConversion::kNarrowInt: return NarrowIntegers(leaf, in, n, out);
    case ValueConversion::kDecimalInt32: return IntegerDecimals<int32_t>(leaf, in, n, out);
    case ValueConversion::kDecimalInt64: return IntegerDecimals<int64_t>(leaf, in, n, out);
    case ValueConversion::kDecimalFixed: return FixedDecimals(leaf, in, n, out);
    case ValueConversion::kInt96Timestamp:
      Int96Timestamps(in, n, reinterpret_cast<int64_t*>(out));
      return Status::OK();
    case ValueConversion::kFloat16:
      Float16s(in, n, reinterpret_cast<float*>(out));
      return Status::OK();
    case ValueConversion::kTimeMillis:
      TimeMillis(in, n, reinterpret_cast<int64_t*>(out));
      return Status::OK();
    case ValueConversion::kNone:
    case ValueConversion::kUInt32: break;
  }
  return Status::Internal("no conversion for this column");
}

Status ConvertByteArrayDecimals(const LeafColumn& leaf, const int32_t* offsets, const uint8_t* data,
                                int64_t n, uint8_t* out) {
  for (int64_t i = 0; i < n; ++i) {
    const auto length = static_cast<size_t>(offsets[i + 1] - offsets[i]);
    RETURN_NOT_OK(BigEndianDecimal(leaf, {data + offsets[i], length}, out + 16 * i));
  }
  return Status::OK();
}

}  // namespace strata::parquet
