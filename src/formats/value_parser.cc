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
  using Value = bool;
  std::vector<std::string> true_values;
  std::vector<std::string> false_values;

  Status Convert(std::string_view text, const DataType& type, Value* out) const {
    const std::string_view trimmed = TrimSpaces(text);
    *out = internal::MatchesAny(trimmed, true_values, true);
    if (*out || internal::MatchesAny(trimmed, false_values, true)) return Status::OK();
    return NotValid(text, type);
  }
};

template <typename T>
struct IntegerConverter {
  using Builder = NumericBuilder<T>;
  using Value = T;

  Status Convert(std::string_view text, const DataType& type, Value* out) const {
    bool negative;
    uint64_t magnitude;
    bool overflow;
    if (!ScanInteger(TrimSpaces(text), &negative, &magnitude, &overflow)) {
      return NotValid(text, type);
    }
    if (overflow || !ToInteger(negative, magnitude, out)) return OutOfRange(text, type);
    return Status::OK();
  }
};

template <typename T>
struct FloatConverter {
  using Builder = NumericBuilder<T>;
  using Value = T;

  Status Convert(std::string_view text, const DataType& type, Value* out) const {
    std::string_view trimmed = TrimSpaces(text);
    // Most values in exports are short decimals ("12.931"): exact without
    // the general path.
    if (internal::ParseShortDecimal(trimmed, out)) return Status::OK();
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
    *out = value;
    return Status::OK();
  }
};

struct DecimalConverter {
  using Builder = DecimalBuilder;
  using Value = Decimal128;

  Status Convert(std::string_view text, const DataType& type, Value* out) const {
    Int128 value;
    switch (internal::ParseDecimalText(TrimSpaces(text), type.precision(), type.scale(), &value)) {
      case internal::DecimalError::kOk: break;
      case internal::DecimalError::kMalformed: return NotValid(text, type);
      case internal::DecimalError::kOutOfRange: return OutOfRange(text, type);
      case internal::DecimalError::kTooManyDecimals:
        return Status::Invalid("'{}' has more decimal places than {}", Shown(text),
                               type.ToString());
    }
    *out = Decimal128(value);
    return Status::OK();
  }
};

struct TextConverter {
  using Builder = BinaryBuilder;
  using Value = std::string_view;  // Points at the text converted.
  bool validate_utf8;              // string and json; binary takes any bytes

  Status Convert(std::string_view text, const DataType& /*type*/, Value* out) const {
    if (validate_utf8) {
      // Parquet strings must be UTF-8; the value itself is not shown, as
      // its bytes would corrupt the message.
      const size_t bad = FindInvalidUtf8(text);
      if (bad != std::string_view::npos) return Status::Invalid("invalid UTF-8 at byte {}", bad);
    }
    *out = text;
    return Status::OK();
  }
};

struct DateConverter {
  using Builder = NumericBuilder<int32_t>;
  using Value = int32_t;
  std::string format;  // empty: ISO

  Status Convert(std::string_view text, const DataType& type, Value* out) const {
    const std::string_view trimmed = TrimSpaces(text);
    CivilTime civil;
    const bool ok = format.empty() ? internal::ParseIsoDate(trimmed, &civil)
                                   : internal::ParseWithFormat(format, trimmed, &civil);
    if (!ok) return NotValid(text, type);
    const int64_t days = internal::CivilDays(civil);
    if (days < INT32_MIN || days > INT32_MAX) return OutOfRange(text, type);
    *out = static_cast<int32_t>(days);
    return Status::OK();
  }
};

struct TimeConverter {
  using Builder = NumericBuilder<int64_t>;
  using Value = int64_t;

  Status Convert(std::string_view text, const DataType& type, Value* out) const {
    CivilTime civil;
    if (!internal::ParseIsoTime(TrimSpaces(text), /*require_seconds=*/false, &civil)) {
      return NotValid(text, type);
    }
    if (internal::CivilToUnits(civil, type.unit(), /*with_date=*/false, out) !=
        internal::TimeError::kOk) {
      return TooPrecise(text, type);  // a time of day cannot overflow
    }
    return Status::OK();
  }
};

struct TimestampConverter {
  using Builder = NumericBuilder<int64_t>;
  using Value = int64_t;
  std::string format;  // empty: ISO

  Status Convert(std::string_view text, const DataType& type, Value* out) const {
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
    switch (internal::CivilToUnits(civil, type.unit(), /*with_date=*/true, out)) {
      case internal::TimeError::kOk: break;
      case internal::TimeError::kOutOfRange: return OutOfRange(text, type);
      case internal::TimeError::kTooPrecise: return TooPrecise(text, type);
    }
    return Status::OK();
  }
};

struct UuidConverter {
  using Builder = FixedSizeBinaryBuilder;
  using Value = UuidBytes;

  Status Convert(std::string_view text, const DataType& type, Value* out) const {
    if (!internal::ParseUuid(TrimSpaces(text), out->data())) return NotValid(text, type);
    return Status::OK();
  }
};

template <typename Converter>
class TypedParser final : public ColumnParser {
 public:
  using Builder = typename Converter::Builder;

  TypedParser(const TypePtr& type, const ValueOptions& options, Converter converter)
      : ColumnParser(type),
        null_values_(options.null_values),
        only_empty_is_null_(null_values_.size() == 1 && null_values_[0].empty()),
        converter_(std::move(converter)),
        builder_(MakeTypedBuilder(type)) {}

  Status Append(std::string_view text, bool quoted) override {
    if (!quoted && IsNullToken(text)) return builder_.AppendNull();
    typename Converter::Value value{};
    RETURN_NOT_OK(converter_.Convert(text, *type(), &value));
    return builder_.Append(value);
  }
  // The same loop as the base class's; in this final class the calls to
  // Append() inline.
  int64_t AppendMany(const std::string_view* texts, const uint8_t* quoted, int64_t n,
                     Status* error) override {
    for (int64_t i = 0; i < n; ++i) {
      Status status = Append(texts[i], quoted[i] != 0);
      if (!status.ok()) [[unlikely]] {
        *error = std::move(status);
        return i;
      }
    }
    return n;
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

  bool IsNullToken(std::string_view text) const {
    // The default (only the empty field is null) is the common case.
    if (only_empty_is_null_) return text.empty();
    return internal::MatchesAny(text, null_values_, false);
  }

  std::vector<std::string> null_values_;
  bool only_empty_is_null_;
  Converter converter_;
  Builder builder_;
};

// Converts text without appending it, for callers that check several
// values before appending any of them.
template <typename Converter>
class TypedValueConverter final : public ValueConverter {
 public:
  using Builder = typename Converter::Builder;
  using Value = typename Converter::Value;

  TypedValueConverter(const TypePtr& type, const ValueOptions& /*options*/, Converter converter)
      : ValueConverter(type), converter_(std::move(converter)) {}

  Status Convert(std::string_view text, ScalarValue* out) const override {
    Value value{};
    RETURN_NOT_OK(converter_.Convert(text, *type(), &value));
    *out = value;
    return Status::OK();
  }
  Status Append(const ScalarValue& value, VectorBuilder* builder) const override {
    DCHECK(std::holds_alternative<Value>(value));
    return static_cast<Builder*>(builder)->Append(std::get<Value>(value));
  }

 private:
  Converter converter_;
};

// Impl<Converter> (a parser or a converter) for `type`, sharing one list of
// the types text can be read as.
template <template <typename> class Impl, typename Base>
class Factory {
 public:
  static Result<std::unique_ptr<Base>> Make(const TypePtr& type, const ValueOptions& options) {
    switch (type->id()) {
      case TypeId::kBool:
        return Made(type, options, BoolConverter{options.true_values, options.false_values});
      case TypeId::kInt8: return Made(type, options, IntegerConverter<int8_t>{});
      case TypeId::kInt16: return Made(type, options, IntegerConverter<int16_t>{});
      case TypeId::kInt32: return Made(type, options, IntegerConverter<int32_t>{});
      case TypeId::kInt64: return Made(type, options, IntegerConverter<int64_t>{});
      case TypeId::kUInt8: return Made(type, options, IntegerConverter<uint8_t>{});
      case TypeId::kUInt16: return Made(type, options, IntegerConverter<uint16_t>{});
      case TypeId::kUInt32: return Made(type, options, IntegerConverter<uint32_t>{});
      case TypeId::kUInt64: return Made(type, options, IntegerConverter<uint64_t>{});
      case TypeId::kFloat32: return Made(type, options, FloatConverter<float>{});
      case TypeId::kFloat64: return Made(type, options, FloatConverter<double>{});
      case TypeId::kDecimal: return Made(type, options, DecimalConverter{});
      case TypeId::kString:
      case TypeId::kJson: return Made(type, options, TextConverter{true});
      case TypeId::kBinary: return Made(type, options, TextConverter{false});
      case TypeId::kDate:
        RETURN_NOT_OK(internal::ValidateFormat(options.date_format, /*for_date=*/true));
        return Made(type, options, DateConverter{options.date_format});
      case TypeId::kTime: return Made(type, options, TimeConverter{});
      case TypeId::kTimestamp:
        RETURN_NOT_OK(internal::ValidateFormat(options.timestamp_format, /*for_date=*/false));
        return Made(type, options, TimestampConverter{options.timestamp_format});
      case TypeId::kUuid: return Made(type, options, UuidConverter{});
      default: break;
    }
    return Status::NotImplemented("reading text as {} is not supported", type->ToString());
  }

 private:
  template <typename Converter>
  static Result<std::unique_ptr<Base>> Made(const TypePtr& type, const ValueOptions& options,
                                            Converter converter) {
    return std::unique_ptr<Base>(
        std::make_unique<Impl<Converter>>(type, options, std::move(converter)));
  }
};

}  // namespace

int64_t ColumnParser::AppendMany(const std::string_view* texts, const uint8_t* quoted, int64_t n,
                                 Status* error) {
  for (int64_t i = 0; i < n; ++i) {
    Status status = Append(texts[i], quoted[i] != 0);
    if (!status.ok()) {
      *error = std::move(status);
      return i;
    }
  }
  return n;
}

Result<std::unique_ptr<ColumnParser>> ColumnParser::Make(const TypePtr& type,
                                                         const ValueOptions& options) {
  return Factory<TypedParser, ColumnParser>::Make(type, options);
}

Result<std::unique_ptr<ValueConverter>> ValueConverter::Make(const TypePtr& type,
                                                             const ValueOptions& options) {
  return Factory<TypedValueConverter, ValueConverter>::Make(type, options);
}

}  // namespace strata::formats
