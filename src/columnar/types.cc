#include "columnar/types.h"

#include <fmt/format.h>

namespace strata {

// The only code that constructs DataTypes; see DataType::Key.
class TypeFactory {
 public:
  static std::shared_ptr<DataType> Make(TypeId id) {
    return std::make_shared<DataType>(DataType::Key(), id);
  }
  static TypePtr Decimal(int32_t precision, int32_t scale) {
    auto type = Make(TypeId::kDecimal);
    type->precision_ = precision;
    type->scale_ = scale;
    type->byte_width_ = 16;
    return type;
  }
  static TypePtr Fixed(TypeId id, int32_t byte_width) {
    auto type = Make(id);
    type->byte_width_ = byte_width;
    return type;
  }
  static TypePtr Temporal(TypeId id, TimeUnit unit, bool utc) {
    auto type = Make(id);
    type->unit_ = unit;
    type->utc_ = utc;
    return type;
  }
  static TypePtr Nested(TypeId id, std::vector<Field> fields) {
    auto type = Make(id);
    type->fields_ = std::move(fields);
    return type;
  }
};

namespace {

bool IsIdentifier(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!alpha && !(digit && i > 0)) return false;
  }
  return true;
}

std::string QuoteName(std::string_view name) {
  if (IsIdentifier(name)) return std::string(name);
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

// Element types inside list<> and map<> carry their nullability but no name.
std::string ElementToString(const Field& field) {
  return field.nullable ? field.type->ToString() : field.type->ToString() + " not null";
}

bool FieldTypesEqual(const Field& a, const Field& b) {
  return a.nullable == b.nullable && a.type->Equals(*b.type);
}

}  // namespace

// Parameterless types are shared singletons, so Int32() costs no allocation.
#define STRATA_SINGLETON_TYPE(NAME, ID)                 \
  TypePtr NAME() {                                      \
    static const TypePtr kType = TypeFactory::Make(ID); \
    return kType;                                       \
  }

std::string_view TypeIdName(TypeId id) {
  static constexpr std::string_view kNames[] = {
      "bool",    "int8",    "int16",     "int32",  "int64",
      "uint8",   "uint16",  "uint32",    "uint64", "float32",
      "float64", "decimal", "string",    "binary", "fixed_size_binary",
      "date",    "time",    "timestamp", "uuid",   "json",
      "struct",  "list",    "map",
  };
  static_assert(std::size(kNames) == static_cast<size_t>(TypeId::kMap) + 1);
  return kNames[static_cast<size_t>(id)];
}

std::string_view TimeUnitName(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kMilli: return "ms";
    case TimeUnit::kMicro: return "us";
    case TimeUnit::kNano: return "ns";
  }
  return "?";
}

int64_t UnitsPerSecond(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kMilli: return 1000;
    case TimeUnit::kMicro: return 1000000;
    case TimeUnit::kNano: return 1000000000;
  }
  return 1;
}

bool Field::Equals(const Field& other, bool check_metadata) const {
  if (name != other.name || !FieldTypesEqual(*this, other)) return false;
  return !check_metadata || metadata == other.metadata;
}

std::string Field::ToString() const {
  return fmt::format("{}: {}{}", QuoteName(name), type->ToString(), nullable ? "" : " not null");
}

bool DataType::Equals(const DataType& other) const {
  if (this == &other) return true;
  if (id_ != other.id_ || precision_ != other.precision_ || scale_ != other.scale_ ||
      byte_width_ != other.byte_width_ || unit_ != other.unit_ || utc_ != other.utc_ ||
      fields_.size() != other.fields_.size()) {
    return false;
  }
  if (id_ == TypeId::kMap) {
    // The entries struct's member names are as much a layout detail as the
    // list element's name, so only the key and value types are compared.
    const DataType& mine = *fields_[0].type;
    const DataType& theirs = *other.fields_[0].type;
    return FieldTypesEqual(mine.fields_[0], theirs.fields_[0]) &&
           FieldTypesEqual(mine.fields_[1], theirs.fields_[1]);
  }
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (id_ == TypeId::kStruct && fields_[i].name != other.fields_[i].name) return false;
    if (!FieldTypesEqual(fields_[i], other.fields_[i])) return false;
  }
  return true;
}

std::string DataType::ToString() const {
  switch (id_) {
    case TypeId::kDecimal: return fmt::format("decimal({},{})", precision_, scale_);
    case TypeId::kFixedSizeBinary: return fmt::format("fixed_size_binary({})", byte_width_);
    case TypeId::kTime: return fmt::format("time({})", TimeUnitName(unit_));
    case TypeId::kTimestamp:
      return fmt::format("timestamp({}{})", TimeUnitName(unit_), utc_ ? ", UTC" : "");
    case TypeId::kStruct: {
      std::vector<std::string> members;
      for (const Field& f : fields_) members.push_back(f.ToString());
      return fmt::format("struct<{}>", fmt::join(members, ", "));
    }
    case TypeId::kList: return fmt::format("list<{}>", ElementToString(fields_[0]));
    case TypeId::kMap: {
      const DataType& entries = *fields_[0].type;
      return fmt::format("map<{}, {}>", entries.fields_[0].type->ToString(),
                         ElementToString(entries.fields_[1]));
    }
    default: return std::string(TypeIdName(id_));
  }
}

int32_t DataType::bit_width() const {
  switch (id_) {
    case TypeId::kBool: return 1;
    case TypeId::kInt8:
    case TypeId::kUInt8: return 8;
    case TypeId::kInt16:
    case TypeId::kUInt16: return 16;
    case TypeId::kInt32:
    case TypeId::kUInt32:
    case TypeId::kFloat32:
    case TypeId::kDate: return 32;
    case TypeId::kInt64:
    case TypeId::kUInt64:
    case TypeId::kFloat64:
    case TypeId::kTime:
    case TypeId::kTimestamp: return 64;
    case TypeId::kDecimal:
    case TypeId::kFixedSizeBinary:
    case TypeId::kUuid: return byte_width_ * 8;
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kJson:
    case TypeId::kStruct:
    case TypeId::kList:
    case TypeId::kMap: return 0;
  }
  return 0;
}

bool DataType::is_binary_like() const {
  return id_ == TypeId::kString || id_ == TypeId::kBinary || id_ == TypeId::kJson;
}

bool DataType::is_nested() const {
  return id_ == TypeId::kStruct || id_ == TypeId::kList || id_ == TypeId::kMap;
}

bool DataType::is_integer() const { return id_ >= TypeId::kInt8 && id_ <= TypeId::kUInt64; }

int DataType::num_buffers() const {
  if (id_ == TypeId::kStruct) return 1;
  if (is_binary_like()) return 3;
  return 2;
}

STRATA_SINGLETON_TYPE(Bool, TypeId::kBool)
STRATA_SINGLETON_TYPE(Int8, TypeId::kInt8)
STRATA_SINGLETON_TYPE(Int16, TypeId::kInt16)
STRATA_SINGLETON_TYPE(Int32, TypeId::kInt32)
STRATA_SINGLETON_TYPE(Int64, TypeId::kInt64)
STRATA_SINGLETON_TYPE(UInt8, TypeId::kUInt8)
STRATA_SINGLETON_TYPE(UInt16, TypeId::kUInt16)
STRATA_SINGLETON_TYPE(UInt32, TypeId::kUInt32)
STRATA_SINGLETON_TYPE(UInt64, TypeId::kUInt64)
STRATA_SINGLETON_TYPE(Float32, TypeId::kFloat32)
STRATA_SINGLETON_TYPE(Float64, TypeId::kFloat64)
STRATA_SINGLETON_TYPE(String, TypeId::kString)
STRATA_SINGLETON_TYPE(Binary, TypeId::kBinary)
STRATA_SINGLETON_TYPE(Date, TypeId::kDate)
STRATA_SINGLETON_TYPE(Json, TypeId::kJson)
#undef STRATA_SINGLETON_TYPE

Result<TypePtr> Decimal(int32_t precision, int32_t scale) {
  if (precision < 1 || precision > kMaxDecimalPrecision) {
    return Status::Invalid("decimal precision must be between 1 and {}, got {}",
                           kMaxDecimalPrecision, precision);
  }
  if (scale < 0 || scale > precision) {
    return Status::Invalid("decimal scale must be between 0 and the precision {}, got {}",
                           precision, scale);
  }
  return TypeFactory::Decimal(precision, scale);
}

Result<TypePtr> FixedSizeBinary(int32_t byte_width) {
  if (byte_width < 1 || byte_width > kMaxFixedSizeBinaryWidth) {
    return Status::Invalid("fixed_size_binary width must be between 1 and {}, got {}",
                           kMaxFixedSizeBinaryWidth, byte_width);
  }
  return TypeFactory::Fixed(TypeId::kFixedSizeBinary, byte_width);
}

TypePtr Time(TimeUnit unit) { return TypeFactory::Temporal(TypeId::kTime, unit, false); }

TypePtr Timestamp(TimeUnit unit, bool utc) {
  return TypeFactory::Temporal(TypeId::kTimestamp, unit, utc);
}

TypePtr Uuid() {
  static const TypePtr kType = TypeFactory::Fixed(TypeId::kUuid, 16);
  return kType;
}

TypePtr Struct(std::vector<Field> fields) {
  return TypeFactory::Nested(TypeId::kStruct, std::move(fields));
}

TypePtr List(Field value_field) {
  std::vector<Field> fields;
  fields.push_back(std::move(value_field));
  return TypeFactory::Nested(TypeId::kList, std::move(fields));
}

TypePtr List(TypePtr value_type) { return List(Field{"element", std::move(value_type)}); }

TypePtr Map(Field key, Field value) {
  key.nullable = false;
  std::vector<Field> members;
  members.push_back(std::move(key));
  members.push_back(std::move(value));
  std::vector<Field> entries;
  entries.push_back(Field{"key_value", Struct(std::move(members)), /*nullable_in=*/false});
  return TypeFactory::Nested(TypeId::kMap, std::move(entries));
}

TypePtr Map(TypePtr key_type, TypePtr value_type) {
  return Map(Field{"key", std::move(key_type)}, Field{"value", std::move(value_type)});
}

}  // namespace strata
