// The logical types of strata's in-memory data and their physical storage.
//
// Physical storage (the Arrow memory layout):
//   bool                       bit-packed, LSB first
//   int*/uint*/float*          native little-endian values
//   decimal(p,s)               16-byte two's complement little-endian int128
//                              (Arrow decimal128), for every precision
//   date                       int32 days since 1970-01-01
//   time(unit)                 int64 units since midnight
//   timestamp(unit[, UTC])     int64 units since 1970-01-01 00:00:00
//   uuid                       16 bytes, big-endian as in the canonical text
//   fixed_size_binary(w)       w bytes per value
//   string/binary/json         int32 offsets + data bytes
//   struct                     one child per field, aligned with the parent
//   list                       int32 offsets into one child
//   map                        list of struct<key not null, value> entries
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace strata {

enum class TypeId : uint8_t {
  kBool,
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kUInt8,
  kUInt16,
  kUInt32,
  kUInt64,
  kFloat32,
  kFloat64,
  kDecimal,
  kString,
  kBinary,
  kFixedSizeBinary,
  kDate,
  kTime,
  kTimestamp,
  kUuid,
  kJson,
  kStruct,
  kList,
  kMap,
};

// The type's keyword: "int32", "decimal", "list", ... For types without
// parameters it is the whole spelling.
std::string_view TypeIdName(TypeId id);

enum class TimeUnit : uint8_t { kMilli, kMicro, kNano };

// "ms", "us" or "ns".
std::string_view TimeUnitName(TimeUnit unit);
// Units per second: 1000, 1000000 or 1000000000.
int64_t UnitsPerSecond(TimeUnit unit);

// Ordered key/value pairs, as Parquet and Arrow store them. Keys need not be
// unique; lookups take the first match.
using KeyValueMetadata = std::vector<std::pair<std::string, std::string>>;

class DataType;
// Types are immutable and shared.
using TypePtr = std::shared_ptr<const DataType>;

struct Field {
  Field() = default;
  Field(std::string name_in, TypePtr type_in, bool nullable_in = true,
        KeyValueMetadata metadata_in = {})
      : name(std::move(name_in)),
        type(std::move(type_in)),
        nullable(nullable_in),
        metadata(std::move(metadata_in)) {}

  std::string name;
  TypePtr type;
  bool nullable = true;
  KeyValueMetadata metadata;

  // Compares name, type and nullability; metadata only when asked.
  bool Equals(const Field& other, bool check_metadata = false) const;
  // "name: type", plus " not null" when not nullable. Names that are not
  // plain identifiers are double-quoted so ParseType can read them back.
  std::string ToString() const;
};

// A logical type. Built only through the factory functions below, which
// validate parameters; every accessor is cheap.
// Thread safety: immutable, safe to share across threads.
class DataType {
 public:
  // Lets only the factories construct a DataType while still allowing
  // std::make_shared.
  class Key {
    friend class TypeFactory;
    Key() = default;
  };
  DataType(Key, TypeId id) : id_(id) {}

  TypeId id() const { return id_; }
  // REQUIRES: id() == kDecimal.
  int32_t precision() const { return precision_; }
  int32_t scale() const { return scale_; }
  // Bytes per value of fixed_size_binary; 16 for uuid and decimal.
  int32_t byte_width() const { return byte_width_; }
  // REQUIRES: id() is kTime or kTimestamp.
  TimeUnit unit() const { return unit_; }
  // True for timestamps normalised to UTC ("timestamp with time zone").
  bool utc() const { return utc_; }
  // Struct: one per member. List: the element. Map: the entries struct.
  const std::vector<Field>& fields() const { return fields_; }
  int num_fields() const { return static_cast<int>(fields_.size()); }
  const Field& field(int i) const { return fields_[static_cast<size_t>(i)]; }

  // Structural equality. List element and map entry names are layout
  // details (writers disagree on them), so they are ignored; nullability
  // is compared. Struct field names are compared.
  bool Equals(const DataType& other) const;
  // The schema-file spelling, e.g. "decimal(10,2)" or
  // "struct<a: int32, b: string not null>". ParseType inverts it.
  std::string ToString() const;

  // Bits per value of a fixed-width type (1 for bool), 0 otherwise.
  int32_t bit_width() const;
  bool is_fixed_width() const { return bit_width() > 0; }
  // string, binary and json: int32 offsets plus data.
  bool is_binary_like() const;
  bool is_nested() const;
  bool is_integer() const;
  bool is_floating() const { return id_ == TypeId::kFloat32 || id_ == TypeId::kFloat64; }
  // How many buffers a ColumnVector of this type has (validity included).
  int num_buffers() const;

 private:
  friend class TypeFactory;

  TypeId id_;
  int32_t precision_ = 0;
  int32_t scale_ = 0;
  int32_t byte_width_ = 0;
  TimeUnit unit_ = TimeUnit::kMicro;
  bool utc_ = false;
  std::vector<Field> fields_;
};

TypePtr Bool();
TypePtr Int8();
TypePtr Int16();
TypePtr Int32();
TypePtr Int64();
TypePtr UInt8();
TypePtr UInt16();
TypePtr UInt32();
TypePtr UInt64();
TypePtr Float32();
TypePtr Float64();
inline constexpr int32_t kMaxDecimalPrecision = 38;
// REQUIRES (checked): 1 <= precision <= 38 and 0 <= scale <= precision.
Result<TypePtr> Decimal(int32_t precision, int32_t scale);
TypePtr String();
TypePtr Binary();
// Keeps bit_width() within int32.
inline constexpr int32_t kMaxFixedSizeBinaryWidth = INT32_MAX / 8;
// REQUIRES (checked): 1 <= byte_width <= kMaxFixedSizeBinaryWidth.
Result<TypePtr> FixedSizeBinary(int32_t byte_width);
TypePtr Date();
TypePtr Time(TimeUnit unit);
TypePtr Timestamp(TimeUnit unit, bool utc = false);
TypePtr Uuid();
TypePtr Json();
// REQUIRES: every field has a type. Duplicate names are allowed, as in
// Parquet; name lookups take the first match.
TypePtr Struct(std::vector<Field> fields);
// REQUIRES: value_field.type is set.
TypePtr List(Field value_field);
// A list of nullable elements named "element" (the Parquet convention).
TypePtr List(TypePtr value_type);
// Keys are never null, so key.nullable is forced to false. The entries are
// a non-nullable struct named "key_value" (Parquet's name for it).
// REQUIRES: both fields have types.
TypePtr Map(Field key, Field value);
// Map with fields "key" and a nullable "value".
TypePtr Map(TypePtr key_type, TypePtr value_type);

// Parses the spelling DataType::ToString produces. Keywords are
// case-insensitive and whitespace is free between tokens.
Result<TypePtr> ParseType(std::string_view text);
// Parses "name: type [not null]" as Field::ToString produces it.
Result<Field> ParseField(std::string_view text);

// Maps the C types that back fixed-width columns to their default type.
template <typename T>
struct CTypeTraits;
#define STRATA_CTYPE_TRAITS(CTYPE, FACTORY)     \
  template <>                                   \
  struct CTypeTraits<CTYPE> {                   \
    static TypePtr type() { return FACTORY(); } \
  }
STRATA_CTYPE_TRAITS(int8_t, Int8);
STRATA_CTYPE_TRAITS(int16_t, Int16);
STRATA_CTYPE_TRAITS(int32_t, Int32);
STRATA_CTYPE_TRAITS(int64_t, Int64);
STRATA_CTYPE_TRAITS(uint8_t, UInt8);
STRATA_CTYPE_TRAITS(uint16_t, UInt16);
STRATA_CTYPE_TRAITS(uint32_t, UInt32);
STRATA_CTYPE_TRAITS(uint64_t, UInt64);
STRATA_CTYPE_TRAITS(float, Float32);
STRATA_CTYPE_TRAITS(double, Float64);
#undef STRATA_CTYPE_TRAITS

}  // namespace strata
