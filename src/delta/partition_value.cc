#include "delta/partition_value.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <vector>

#include "columnar/builder.h"
#include "columnar/compute.h"
#include "columnar/decimal.h"
#include "columnar/temporal.h"
#include "columnar/value_format.h"

namespace strata::delta {

namespace {

Status Unparsable(std::string_view text, const DataType& type) {
  return Status::Invalid("partition value \"{}\" is not a valid {}", text, type.ToString());
}

template <typename T>
Status AppendInteger(std::string_view text, const DataType& type, VectorBuilder* builder) {
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() ||
      value < std::numeric_limits<T>::min() || value > std::numeric_limits<T>::max()) {
    return Unparsable(text, type);
  }
  return static_cast<NumericBuilder<T>*>(builder)->Append(static_cast<T>(value));
}

template <typename T>
Status AppendFloat(std::string_view text, const DataType& type, VectorBuilder* builder) {
  double value = 0;
  if (text == "NaN") {
    value = std::nan("");
  } else if (text == "Infinity" || text == "-Infinity") {
    value = text[0] == '-' ? -HUGE_VAL : HUGE_VAL;
  } else {
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return Unparsable(text, type);
  }
  return static_cast<NumericBuilder<T>*>(builder)->Append(static_cast<T>(value));
}

Result<int64_t> ParsePartitionTimestamp(std::string_view text, const DataType& type) {
  Result<int64_t> micros = ParseTimestamp(text, TimeUnit::kMicro);
  if (!micros.ok()) return Unparsable(text, type);
  return *micros;
}

Status AppendValue(std::string_view text, const DataType& type, VectorBuilder* builder) {
  switch (type.id()) {
    case TypeId::kString:
    case TypeId::kBinary: return static_cast<BinaryBuilder*>(builder)->Append(text);
    case TypeId::kBool:
      if (text != "true" && text != "false") return Unparsable(text, type);
      return static_cast<BoolBuilder*>(builder)->Append(text == "true");
    case TypeId::kInt8: return AppendInteger<int8_t>(text, type, builder);
    case TypeId::kInt16: return AppendInteger<int16_t>(text, type, builder);
    case TypeId::kInt32: return AppendInteger<int32_t>(text, type, builder);
    case TypeId::kInt64: return AppendInteger<int64_t>(text, type, builder);
    case TypeId::kFloat32: return AppendFloat<float>(text, type, builder);
    case TypeId::kFloat64: return AppendFloat<double>(text, type, builder);
    case TypeId::kDecimal: {
      Result<Decimal128> value = Decimal128::FromString(text, type.scale(), type.precision());
      if (!value.ok()) return Unparsable(text, type);
      return static_cast<DecimalBuilder*>(builder)->Append(*value);
    }
    case TypeId::kDate: {
      Result<int32_t> days = ParseDate(text);
      if (!days.ok()) return Unparsable(text, type);
      return static_cast<NumericBuilder<int32_t>*>(builder)->Append(*days);
    }
    case TypeId::kTimestamp: {
      ASSIGN_OR_RETURN(int64_t micros, ParsePartitionTimestamp(text, type));
      return static_cast<NumericBuilder<int64_t>*>(builder)->Append(micros);
    }
    default:
      return Status::NotImplemented("a {} column cannot be a partition column", type.ToString());
  }
}

}  // namespace

Result<VectorPtr> MakePartitionColumn(const TypePtr& type, const std::optional<std::string>& text,
                                      int64_t rows) {
  ASSIGN_OR_RETURN(std::unique_ptr<VectorBuilder> builder, MakeBuilder(type));
  // PROTOCOL.md: an empty string is a null partition value, for every type.
  const bool is_null = !text || text->empty();
  if (is_null) {
    RETURN_NOT_OK(builder->AppendNulls(rows));
    return builder->Finish();
  }
  RETURN_NOT_OK(AppendValue(*text, *type, builder.get()));
  ASSIGN_OR_RETURN(VectorPtr one, builder->Finish());
  const std::vector<int64_t> zeros(static_cast<size_t>(rows), 0);
  return Take(one, zeros);
}

namespace {

// "2024-01-01T10:00:00.000000Z": always six fraction digits, as Spark writes.
std::string IsoMicros(int64_t micros) {
  int64_t seconds = micros / 1000000;
  int64_t fraction = micros % 1000000;
  if (fraction < 0) {
    fraction += 1000000;
    --seconds;
  }
  std::string text =
      FormatTimestamp(seconds * 1000, TimeUnit::kMilli, /*utc=*/false, TimestampStyle::kIso);
  fmt::format_to(std::back_inserter(text), ".{:06}Z", fraction);
  return text;
}

// Java's Double.toString spellings of the special values, which Java
// readers (Double.parseDouble) accept where "inf" and "nan" fail.
std::optional<std::string> SpecialFloat(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-Infinity" : "Infinity";
  return std::nullopt;
}

}  // namespace

Result<std::optional<std::string>> FormatPartitionValue(const ColumnVector& vector, int64_t row) {
  if (vector.IsNull(row)) return std::nullopt;
  const DataType& type = *vector.type();
  switch (type.id()) {
    case TypeId::kString:
    case TypeId::kBinary: {
      // "" would read back as null (see MakePartitionColumn): say so, as Spark does.
      const std::string_view text = vector.GetView(row);
      if (text.empty()) return std::nullopt;
      return std::optional<std::string>(text);
    }
    case TypeId::kTimestamp: {
      const int64_t value = vector.Value<int64_t>(row);
      const int64_t micros = type.unit() == TimeUnit::kNano    ? value / 1000
                             : type.unit() == TimeUnit::kMilli ? value * 1000
                                                               : value;
      if (type.utc()) return std::optional<std::string>(IsoMicros(micros));
      return std::optional<std::string>(
          FormatTimestamp(micros, TimeUnit::kMicro, /*utc=*/false, TimestampStyle::kSql));
    }
    case TypeId::kFloat32:
    case TypeId::kFloat64: {
      const double value =
          type.id() == TypeId::kFloat32 ? vector.Value<float>(row) : vector.Value<double>(row);
      if (std::optional<std::string> special = SpecialFloat(value)) return special;
      return std::optional<std::string>(FormatValue(vector, row));
    }
    default:
      if (type.is_nested()) {
        return Status::NotImplemented("a {} column cannot be a partition column", type.ToString());
      }
      return std::optional<std::string>(FormatValue(vector, row));
  }
}

}  // namespace strata::delta
