// Columnar schema -> Parquet footer schema. Every logical type is written
// with the legacy converted type that means the same thing, so older readers
// (Spark 2, Hive, Impala) see the right types too.
#include <fmt/format.h>

#include "parquet/schema.h"

namespace strata::parquet {
namespace {

// Bytes of the smallest two's complement integer holding `precision` digits.
int32_t DecimalFixedWidth(int32_t precision) {
  int32_t bytes = 1;
  // 10^precision - 1 must fit in 8*bytes - 1 bits.
  while (static_cast<double>(8 * bytes - 1) * 0.30102999566398119521 < precision) ++bytes;
  return bytes;
}

LogicalType MakeLogical(LogicalTypeKind kind) {
  LogicalType t;
  t.kind = kind;
  return t;
}

LogicalType IntegerLogical(int bit_width, bool is_signed) {
  LogicalType t = MakeLogical(LogicalTypeKind::kInteger);
  t.bit_width = static_cast<int8_t>(bit_width);
  t.is_signed = is_signed;
  return t;
}

TimeUnit ToParquetUnit(strata::TimeUnit unit) {
  switch (unit) {
    case strata::TimeUnit::kMilli: return TimeUnit::kMillis;
    case strata::TimeUnit::kMicro: return TimeUnit::kMicros;
    case strata::TimeUnit::kNano: return TimeUnit::kNanos;
  }
  return TimeUnit::kMicros;
}

// The physical and logical description of one leaf of type `type`.
struct LeafSpec {
  PhysicalType physical = PhysicalType::kInt32;
  int32_t type_length = 0;
  std::optional<LogicalType> logical;
  std::optional<ConvertedType> converted;
  ValueConversion conversion = ValueConversion::kNone;
  bool unsigned_order = false;
};

LeafSpec Spec(PhysicalType physical, std::optional<LogicalType> logical = std::nullopt,
              std::optional<ConvertedType> converted = std::nullopt,
              ValueConversion conversion = ValueConversion::kNone) {
  return LeafSpec{.physical = physical,
                  .logical = std::move(logical),
                  .converted = converted,
                  .conversion = conversion};
}

LeafSpec IntegerSpec(const DataType& type) {
  static constexpr ConvertedType kSigned[] = {ConvertedType::kInt8, ConvertedType::kInt16,
                                              ConvertedType::kInt32, ConvertedType::kInt64};
  static constexpr ConvertedType kUnsigned[] = {ConvertedType::kUint8, ConvertedType::kUint16,
                                                ConvertedType::kUint32, ConvertedType::kUint64};
  const int bits = type.bit_width();
  const int slot = bits == 8 ? 0 : bits == 16 ? 1 : bits == 32 ? 2 : 3;
  const bool is_signed = type.id() == TypeId::kInt8 || type.id() == TypeId::kInt16 ||
                         type.id() == TypeId::kInt32 || type.id() == TypeId::kInt64;
  const PhysicalType physical = bits == 64 ? PhysicalType::kInt64 : PhysicalType::kInt32;
  // Plain int32/int64 carry no annotation: that is what every reader expects.
  if (is_signed && bits >= 32) return Spec(physical);
  ValueConversion conversion = bits < 32                  ? ValueConversion::kNarrowInt
                               : !is_signed && bits == 32 ? ValueConversion::kUInt32
                                                          : ValueConversion::kNone;
  LeafSpec spec = Spec(physical, IntegerLogical(bits, is_signed),
                       is_signed ? kSigned[slot] : kUnsigned[slot], conversion);
  spec.unsigned_order = !is_signed;
  return spec;
}

LeafSpec DecimalSpec(const DataType& type) {
  LogicalType logical = MakeLogical(LogicalTypeKind::kDecimal);
  logical.precision = type.precision();
  logical.scale = type.scale();
  if (type.precision() <= 9) {
    return Spec(PhysicalType::kInt32, logical, ConvertedType::kDecimal,
                ValueConversion::kDecimalInt32);
  }
  if (type.precision() <= 18) {
    return Spec(PhysicalType::kInt64, logical, ConvertedType::kDecimal,
                ValueConversion::kDecimalInt64);
  }
  LeafSpec spec = Spec(PhysicalType::kFixedLenByteArray, logical, ConvertedType::kDecimal,
                       ValueConversion::kDecimalFixed);
  spec.type_length = DecimalFixedWidth(type.precision());
  return spec;
}

LeafSpec TemporalSpec(const DataType& type) {
  LogicalType logical = MakeLogical(type.id() == TypeId::kTime ? LogicalTypeKind::kTime
                                                               : LogicalTypeKind::kTimestamp);
  logical.unit = ToParquetUnit(type.unit());
  if (type.id() == TypeId::kTime) {
    // Times of day have no zone. DuckDB reads an adjusted TIME as TIME WITH
    // TIME ZONE, so declare local time, with TIME_* alongside as DuckDB does.
    logical.is_adjusted_to_utc = false;
    if (type.unit() == strata::TimeUnit::kMilli) {
      return Spec(PhysicalType::kInt32, logical, ConvertedType::kTimeMillis,
                  ValueConversion::kTimeMillis);
    }
    return Spec(PhysicalType::kInt64, logical,
                type.unit() == strata::TimeUnit::kMicro
                    ? std::optional<ConvertedType>(ConvertedType::kTimeMicros)
                    : std::nullopt);
  }
  logical.is_adjusted_to_utc = type.utc();
  // TIMESTAMP_MILLIS/MICROS mean UTC-adjusted instants; local times and
  // nanoseconds have no legacy equivalent.
  std::optional<ConvertedType> converted;
  if (type.utc() && type.unit() == strata::TimeUnit::kMilli) {
    converted = ConvertedType::kTimestampMillis;
  }
  if (type.utc() && type.unit() == strata::TimeUnit::kMicro) {
    converted = ConvertedType::kTimestampMicros;
  }
  return Spec(PhysicalType::kInt64, logical, converted);
}

Result<LeafSpec> LeafSpecFor(const DataType& type) {
  switch (type.id()) {
    case TypeId::kBool: return Spec(PhysicalType::kBoolean);
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64: return IntegerSpec(type);
    case TypeId::kFloat32: return Spec(PhysicalType::kFloat);
    case TypeId::kFloat64: return Spec(PhysicalType::kDouble);
    case TypeId::kDecimal: return DecimalSpec(type);
    case TypeId::kDate:
      return Spec(PhysicalType::kInt32, MakeLogical(LogicalTypeKind::kDate), ConvertedType::kDate);
    case TypeId::kTime:
    case TypeId::kTimestamp: return TemporalSpec(type);
    default: break;
  }
  LeafSpec spec;
  switch (type.id()) {
    case TypeId::kString:
      spec = Spec(PhysicalType::kByteArray, MakeLogical(LogicalTypeKind::kString),
                  ConvertedType::kUtf8);
      break;
    case TypeId::kJson:
      spec =
          Spec(PhysicalType::kByteArray, MakeLogical(LogicalTypeKind::kJson), ConvertedType::kJson);
      break;
    case TypeId::kBinary: spec = Spec(PhysicalType::kByteArray); break;
    case TypeId::kFixedSizeBinary:
      spec = Spec(PhysicalType::kFixedLenByteArray);
      spec.type_length = type.byte_width();
      break;
    case TypeId::kUuid:
      spec = Spec(PhysicalType::kFixedLenByteArray, MakeLogical(LogicalTypeKind::kUuid));
      spec.type_length = 16;
      break;
    default:
      return Status::NotImplemented("writing {} columns to Parquet is not supported yet",
                                    type.ToString());
  }
  spec.unsigned_order = true;
  return spec;
}

SchemaElement LeafElement(const Field& field, const LeafSpec& spec) {
  SchemaElement element;
  element.name = field.name;
  element.type = spec.physical;
  element.repetition_type = field.nullable ? Repetition::kOptional : Repetition::kRequired;
  if (spec.type_length > 0) element.type_length = spec.type_length;
  element.converted_type = spec.converted;
  element.logical_type = spec.logical;
  if (spec.logical && spec.logical->kind == LogicalTypeKind::kDecimal) {
    element.scale = spec.logical->scale;
    element.precision = spec.logical->precision;
  }
  return element;
}

}  // namespace

Result<ParquetSchema> ToParquetSchema(const SchemaPtr& schema) {
  ParquetSchema out;
  out.schema = schema;
  SchemaElement root;
  root.name = "schema";
  root.num_children = schema->num_fields();
  out.elements.push_back(root);
  for (int i = 0; i < schema->num_fields(); ++i) {
    const Field& field = schema->field(i);
    Result<LeafSpec> spec = LeafSpecFor(*field.type);
    if (!spec.ok()) return spec.status().WithContext(fmt::format("column '{}'", field.name));
    LeafColumn leaf{.path = {field.name},
                    .schema_index = static_cast<int>(out.elements.size()),
                    .physical_type = spec->physical,
                    .type_length = spec->type_length,
                    .max_definition_level = static_cast<int16_t>(field.nullable ? 1 : 0),
                    .max_repetition_level = 0,
                    .type = field.type,
                    .conversion = spec->conversion,
                    .unsigned_order = spec->unsigned_order,
                    .field_index = i};
    out.elements.push_back(LeafElement(field, *spec));
    out.leaves.push_back(std::move(leaf));
  }
  return out;
}

}  // namespace strata::parquet
