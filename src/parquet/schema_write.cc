// Columnar schema -> Parquet footer schema. Every logical type is written
// with the legacy converted type that means the same thing, so older readers
// (Spark 2, Hive, Impala) see the right types too.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <optional>
#include <string>
#include <vector>

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

SchemaElement LeafElement(const std::string& name, Repetition repetition, const LeafSpec& spec) {
  SchemaElement element;
  element.name = name;
  element.type = spec.physical;
  element.repetition_type = repetition;
  if (spec.type_length > 0) element.type_length = spec.type_length;
  element.converted_type = spec.converted;
  element.logical_type = spec.logical;
  if (spec.logical && spec.logical->kind == LogicalTypeKind::kDecimal) {
    element.scale = spec.logical->scale;
    element.precision = spec.logical->precision;
  }
  return element;
}

// The reader refuses deeper trees (schema_read.cc); refusing them here keeps
// strata from writing files it cannot read back.
constexpr size_t kMaxDepth = 100;

Repetition RepetitionOf(bool nullable) {
  return nullable ? Repetition::kOptional : Repetition::kRequired;
}

// Appends the footer elements and leaves of one top-level field, depth
// first, tracking the levels and path of the node being added.
class FieldWalker {
 public:
  FieldWalker(int field_index, ParquetSchema* out) : field_index_(field_index), out_(out) {}

  // Adds `type` as an element named `name`, and everything below it.
  Status Add(const TypePtr& type, const std::string& name, Repetition repetition) {
    return Within(name, repetition, [&] { return AddNode(type, name, repetition); });
  }

 private:
  // Runs `add` with `name` on the path and the levels of an element of
  // `repetition` counted, as for everything below that element.
  template <typename Fn>
  Status Within(const std::string& name, Repetition repetition, Fn&& add) {
    if (path_.size() >= kMaxDepth) {
      return Status::Invalid("column '{}': nested deeper than {} levels", Path(), kMaxDepth);
    }
    const int16_t saved_def = def_;
    const int16_t saved_rep = rep_;
    if (repetition != Repetition::kRequired) ++def_;
    if (repetition == Repetition::kRepeated) ++rep_;
    path_.push_back(name);
    Status status = add();
    path_.pop_back();
    def_ = saved_def;
    rep_ = saved_rep;
    return status;
  }

  Status AddNode(const TypePtr& type, const std::string& name, Repetition repetition) {
    switch (type->id()) {
      case TypeId::kStruct: return AddStruct(*type, name, repetition);
      case TypeId::kList: {
        // LogicalTypes.md's three-level list: <rep> group name (LIST) {
        //   repeated group list { <rep> element } }.
        AddGroup(name, repetition, 1, LogicalTypeKind::kList, ConvertedType::kList);
        const Field& element = type->field(0);
        return Within("list", Repetition::kRepeated, [&] {
          AddGroup("list", Repetition::kRepeated, 1);
          return Add(element.type, "element", RepetitionOf(element.nullable));
        });
      }
      case TypeId::kMap: return AddMap(*type, name, repetition);
      default: return AddLeaf(type, name, repetition);
    }
  }

  Status AddStruct(const DataType& type, const std::string& name, Repetition repetition) {
    if (type.num_fields() == 0) {
      // A Parquet group needs at least one child (LogicalTypes.md), and
      // readers such as Arrow refuse an empty one.
      return Status::Invalid("column '{}': a struct with no fields cannot be written to Parquet",
                             Path());
    }
    AddGroup(name, repetition, type.num_fields());
    for (const Field& child : type.fields()) {
      RETURN_NOT_OK(Add(child.type, child.name, RepetitionOf(child.nullable)));
    }
    return Status::OK();
  }

  // <rep> group name (MAP) { repeated group key_value { required key;
  // <rep> value } }: the names LogicalTypes.md gives, whatever the columnar
  // type calls its members.
  Status AddMap(const DataType& type, const std::string& name, Repetition repetition) {
    AddGroup(name, repetition, 1, LogicalTypeKind::kMap, ConvertedType::kMap);
    const DataType& entries = *type.field(0).type;
    return Within("key_value", Repetition::kRepeated, [&] {
      AddGroup("key_value", Repetition::kRepeated, 2);
      RETURN_NOT_OK(Add(entries.field(0).type, "key", Repetition::kRequired));
      const Field& value = entries.field(1);
      return Add(value.type, "value", RepetitionOf(value.nullable));
    });
  }

  void AddGroup(const std::string& name, Repetition repetition, int num_children,
                std::optional<LogicalTypeKind> logical = std::nullopt,
                std::optional<ConvertedType> converted = std::nullopt) {
    SchemaElement element;
    element.name = name;
    element.repetition_type = repetition;
    element.num_children = num_children;
    element.converted_type = converted;
    if (logical) element.logical_type = MakeLogical(*logical);
    out_->elements.push_back(std::move(element));
  }

  Status AddLeaf(const TypePtr& type, const std::string& name, Repetition repetition) {
    Result<LeafSpec> spec = LeafSpecFor(*type);
    if (!spec.ok()) return spec.status().WithContext(fmt::format("column '{}'", Path()));
    out_->leaves.push_back(LeafColumn{.path = path_,
                                      .schema_index = static_cast<int>(out_->elements.size()),
                                      .physical_type = spec->physical,
                                      .type_length = spec->type_length,
                                      .max_definition_level = def_,
                                      .max_repetition_level = rep_,
                                      .type = type,
                                      .conversion = spec->conversion,
                                      .unsigned_order = spec->unsigned_order,
                                      .field_index = field_index_});
    out_->elements.push_back(LeafElement(name, repetition, *spec));
    return Status::OK();
  }

  std::string Path() const { return fmt::format("{}", fmt::join(path_, ".")); }

  const int field_index_;
  ParquetSchema* const out_;
  std::vector<std::string> path_;
  int16_t def_ = 0;
  int16_t rep_ = 0;
};

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
    FieldWalker walker(i, &out);
    RETURN_NOT_OK(walker.Add(field.type, field.name, RepetitionOf(field.nullable)));
  }
  return out;
}

}  // namespace strata::parquet
