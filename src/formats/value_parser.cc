#include "formats/value_parser.h"

#include <charconv>
#include <cstring>
#include <limits>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "columnar/builder.h"
#include "columnar/utf8.h"
#include "formats/value_text.h"

namespace strata::formats {
namespace {

using internal::CivilTime;
using internal::TrimSpaces;

// Values are quoted in messages; a megabyte of garbage is cut short.
std::string Shown(std::string_view text) {
  constexpr int64_t kMaxShownCodePoints = 80;
  const std::string_view head = utf8::TruncateCodePoints(text, kMaxShownCodePoints);
  if (head.size() == text.size()) return std::string(text);
  return std::string(head) + "...";
}

Status NotValid(std::string_view text, const DataType& type) {
  return Status::Invalid("'{}' is not a valid {}", Shown(text), type.ToString());
}

Status OutOfRange(std::string_view text, const DataType& type) {
  return Status::Invalid("'{}' is out of range for {}", Shown(text), type.ToString());
}

Status TooPrecise(std::string_view text, const DataType& type) {
  return Status::Invalid("'{}' has more fractional second digits than {}", Shown(text),
                         type.ToString());
}

// The byte offset of the first malformed UTF-8 sequence, or npos.
size_t FindInvalidUtf8(std::string_view text) {
  size_t pos = 0;
  // ASCII, the common case, is checked eight bytes at a time.
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  while (pos + 8 <= text.size()) {
    uint64_t word;
    std::memcpy(&word, text.data() + pos, sizeof(word));
    if ((word & kHighBits) != 0) break;
    pos += 8;
  }
  while (pos < text.size()) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const size_t start = pos;
    if (utf8::Decode(text, &pos) == utf8::kInvalid) return start;
  }
  return std::string_view::npos;
}

// "[+-]digits"; *overflow when the magnitude exceeds uint64.
bool ScanInteger(std::string_view text, bool* negative, uint64_t* magnitude, bool* overflow) {
  size_t i = 0;
  *negative = false;
  *magnitude = 0;
  *overflow = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) *negative = text[i++] == '-';
  if (i == text.size()) return false;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    const auto digit = static_cast<uint64_t>(text[i] - '0');
    if (*magnitude > (UINT64_MAX - digit) / 10) *overflow = true;
    *magnitude = *magnitude * 10 + digit;
  }
  return true;
}

template <typename T>
bool ToInteger(bool negative, uint64_t magnitude, T* out) {
  if constexpr (std::is_signed_v<T>) {
    const auto max = static_cast<uint64_t>(std::numeric_limits<T>::max());
    if (magnitude > (negative ? max + 1 : max)) return false;
    // Two's complement negation in unsigned arithmetic handles the minimum.
    *out = static_cast<T>(static_cast<int64_t>(negative ? ~magnitude + 1 : magnitude));
  } else {
    if ((negative && magnitude != 0) || magnitude > std::numeric_limits<T>::max()) return false;
    *out = static_cast<T>(magnitude);
  }
  return true;
}

// Each converter turns the text of one non-null value into an append to
// its builder, or fails with the reason.
struct BoolConverter {
  using Builder = BoolBuilder;
  std::vector<std::string> true_values;
  std::vector<std::string> false_values;

  Status Append(std::string_view text, const DataType& type, Builder* builder) const {
    const std::string_view trimmed = TrimSpaces(text);
    if (internal::MatchesAny(trimmed, true_values, true)) return builder->Append(true);
    if (internal::MatchesAny(trimmed, false_values, true)) return builder->Append(false);
    return NotValid(text, type);
  }
};

template <typename T>
struct IntegerConverter {
  using Builder = NumericBuilder<T>;

  Status Append(std::string_view text, const DataType& type, Builder* builder) const {
    bool negative;
    uint64_t magnitude;
    bool overflow;
    if (!ScanInteger(TrimSpaces(text), &negative, &magnitude, &overflow)) {
      return NotValid(text, type);
    }
    T value;
    if (overflow || !ToInteger(negative, magnitude, &value)) return OutOfRange(text, type);
    return builder->Append(value);
  }
};

template <typename T>
struct FloatConverter {
  using Builder = NumericBuilder<T>;

  Status Append(std::string_view text, const DataType& type, Builder* builder) const {
    std::string_view trimmed = TrimSpaces(text);
    // ScanNumber is the syntax inference uses; from_chars only converts.
    const internal::NumberText number = internal::ScanNumber(trimmed);
    if (number.kind == internal::NumberKind::kNone) return NotValid(text, type);
    if (trimmed[0] == '+') trimmed.remove_prefix(1);
    T value;
    const auto result = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
    if (result.ec == std::errc::result_out_of_range) {
      // Underflow becomes zero, as in every float parser; overflow is an error.
      if (number.int_digits + number.exponent > 0) return OutOfRange(text, type);
      value = number.negative ? -T{0} : T{0};
    } else if (result.ec != std::errc() || result.ptr != trimmed.data() + trimmed.size()) {
      return NotValid(text, type);
    }
    return builder->Append(value);
  }
};

struct DecimalConverter {
  using Builder = DecimalBuilder;

  Status Append(std::string_view text, const DataType& type, Builder* builder) const {
    Int128 value;
    switch (internal::ParseDecimalText(TrimSpaces(text), type.precision(), type.scale(), &value)) {
      case internal::DecimalError::kOk: break;
      case internal::DecimalError::kMalformed: return NotValid(text, type);
      case internal::DecimalError::kOutOfRange: return OutOfRange(text, type);
      case internal::DecimalError::kTooManyDecimals:
        return Status::Invalid("'{}' has more decimal places than {}", Shown(text),
                               type.ToString());
    }
    return builder->Append(Decimal128(value));
  }
};

struct TextConverter {
  using Builder = BinaryBuilder;
  bool validate_utf8;  // string and json; binary takes any bytes

  Status Append(std::string_view text, const DataType& /*type*/, Builder* builder) const {
    if (validate_utf8) {
      // Parquet strings must be UTF-8; the value itself is not shown, as
      // its bytes would corrupt the message.
      const size_t bad = FindInvalidUtf8(text);
      if (bad != std::string_view::npos) return Status::Invalid("invalid UTF-8 at byte {}", bad);
    }
    return builder->Append(text);
  }
};

struct DateConverter {
  using Builder = NumericBuilder<int32_t>;
  std::string format;  // empty: ISO

  Status Append(std::string_view text, const DataType& type, Builder* builder) const {
    const std::string_view trimmed = TrimSpaces(text);
    CivilTime civil;
    const bool ok = format.empty() ? internal::ParseIsoDate(trimmed, &civil)
                                   : internal::ParseWithFormat(format, trimmed, &civil);
    if (!ok) return NotValid(text, type);
    const int64_t days = internal::CivilDays(civil);
    if (days < INT32_MIN || days > INT32_MAX) return OutOfRange(text, type);
    return builder->Append(static_cast<int32_t>(days));
  }
};

struct TimeConverter {
  using Builder = NumericBuilder<int64_t>;

  Status Append(std::string_view text, const DataType& type, Builder* builder) const {
    CivilTime civil;
    if (!internal::ParseIsoTime(TrimSpaces(text), /*require_seconds=*/false, &civil)) {
      return NotValid(text, type);
    }
    int64_t units;
    if (internal::CivilToUnits(civil, type.unit(), /*with_date=*/false, &units) !=
        internal::TimeError::kOk) {
      return TooPrecise(text, type);  // a time of day cannot overflow
    }
    return builder->Append(units);
  }
};

struct TimestampConverter {
  using Builder = NumericBuilder<int64_t>;
  std::string format;  // empty: ISO

  Status Append(std::string_view text, const DataType& type, Builder* builder) const {
    const std::string_view trimmed = TrimSpaces(text);
    CivilTime civil;
    const bool ok = format.empty()
                        ? internal::ParseIsoTimestamp(trimmed, /*allow_date_only=*/true, &civil)
                        : internal::ParseWithFormat(format, trimmed, &civil);
    if (!ok) return NotValid(text, type);
    // We never guess zones, in either direction.
    if (civil.has_offset && !type.utc()) {
      return Status::Invalid(
          "'{}' has a UTC offset but the column is a timestamp without time zone", Shown(text));
    }
    if (!civil.has_offset && type.utc()) {
      return Status::Invalid("'{}' has no UTC offset but the column is a timestamp in UTC",
                             Shown(text));
    }
    int64_t units;
    switch (internal::CivilToUnits(civil, type.unit(), /*with_date=*/true, &units)) {
      case internal::TimeError::kOk: break;
      case internal::TimeError::kOutOfRange: return OutOfRange(text, type);
      case internal::TimeError::kTooPrecise: return TooPrecise(text, type);
    }
    return builder->Append(units);
  }
};

struct UuidConverter {
  using Builder = FixedSizeBinaryBuilder;

  Status Append(std::string_view text, const DataType& type, Builder* builder) const {
    uint8_t bytes[16];
    if (!internal::ParseUuid(TrimSpaces(text), bytes)) return NotValid(text, type);
    return builder->Append(std::span<const uint8_t>(bytes, sizeof(bytes)));
  }
};

template <typename Converter>
class TypedParser final : public ColumnParser {
 public:
  using Builder = typename Converter::Builder;

  TypedParser(const TypePtr& type, const ValueOptions& options, Converter converter)
      : ColumnParser(type),
        null_values_(options.null_values),
        converter_(std::move(converter)),
        builder_(MakeTypedBuilder(type)) {}

  Status Append(std::string_view text, bool quoted) override {
    if (!quoted && internal::MatchesAny(text, null_values_, false)) return builder_.AppendNull();
    return converter_.Append(text, *type(), &builder_);
  }
  Status AppendNull() override { return builder_.AppendNull(); }
  Status Reserve(int64_t rows) override { return builder_.Reserve(rows); }
  int64_t length() const override { return builder_.length(); }
  Result<VectorPtr> Finish() override { return builder_.Finish(); }

 private:
  static Builder MakeTypedBuilder(const TypePtr& type) {
    if constexpr (std::is_same_v<Builder, BoolBuilder>) {
      return BoolBuilder();
    } else {
      return Builder(type);
    }
  }

  std::vector<std::string> null_values_;
  Converter converter_;
  Builder builder_;
};

template <typename Converter>
Result<std::unique_ptr<ColumnParser>> MakeTyped(const TypePtr& type, const ValueOptions& options,
                                                Converter converter) {
  return std::unique_ptr<ColumnParser>(
      std::make_unique<TypedParser<Converter>>(type, options, std::move(converter)));
}

}  // namespace

Result<std::unique_ptr<ColumnParser>> ColumnParser::Make(const TypePtr& type,
                                                         const ValueOptions& options) {
  switch (type->id()) {
    case TypeId::kBool:
      return MakeTyped(type, options, BoolConverter{options.true_values, options.false_values});
    case TypeId::kInt8: return MakeTyped(type, options, IntegerConverter<int8_t>{});
    case TypeId::kInt16: return MakeTyped(type, options, IntegerConverter<int16_t>{});
    case TypeId::kInt32: return MakeTyped(type, options, IntegerConverter<int32_t>{});
    case TypeId::kInt64: return MakeTyped(type, options, IntegerConverter<int64_t>{});
    case TypeId::kUInt8: return MakeTyped(type, options, IntegerConverter<uint8_t>{});
    case TypeId::kUInt16: return MakeTyped(type, options, IntegerConverter<uint16_t>{});
    case TypeId::kUInt32: return MakeTyped(type, options, IntegerConverter<uint32_t>{});
    case TypeId::kUInt64: return MakeTyped(type, options, IntegerConverter<uint64_t>{});
    case TypeId::kFloat32: return MakeTyped(type, options, FloatConverter<float>{});
    case TypeId::kFloat64: return MakeTyped(type, options, FloatConverter<double>{});
    case TypeId::kDecimal: return MakeTyped(type, options, DecimalConverter{});
    case TypeId::kString:
    case TypeId::kJson: return MakeTyped(type, options, TextConverter{true});
    case TypeId::kBinary: return MakeTyped(type, options, TextConverter{false});
    case TypeId::kDate:
      RETURN_NOT_OK(internal::ValidateFormat(options.date_format, /*for_date=*/true));
      return MakeTyped(type, options, DateConverter{options.date_format});
    case TypeId::kTime: return MakeTyped(type, options, TimeConverter{});
    case TypeId::kTimestamp:
      RETURN_NOT_OK(internal::ValidateFormat(options.timestamp_format, /*for_date=*/false));
      return MakeTyped(type, options, TimestampConverter{options.timestamp_format});
    case TypeId::kUuid: return MakeTyped(type, options, UuidConverter{});
    default: break;
  }
  return Status::NotImplemented("reading text as {} is not supported", type->ToString());
}

}  // namespace strata::formats
