#include "delta/type_adapt.h"

#include <fmt/format.h>

#include "columnar/builder.h"
#include "columnar/decimal.h"
#include "columnar/temporal.h"
#include "columnar/value_format.h"

namespace strata::delta {

namespace {

Status Mismatch(const DataType& file, const DataType& table) {
  return Status::Invalid("the data file has type {} where the table has {}", file.ToString(),
                         table.ToString());
}

// The same buffers and children under another type of identical layout.
VectorPtr Retype(const ColumnVector& vector, const TypePtr& type, std::vector<VectorPtr> children) {
  return ColumnVector::Make(type, vector.length(), vector.buffers(), std::move(children),
                            vector.null_count(), vector.offset());
}

int64_t RescaleTime(int64_t value, TimeUnit from, TimeUnit to) {
  const int64_t from_per_second = UnitsPerSecond(from);
  const int64_t to_per_second = UnitsPerSecond(to);
  if (from_per_second > to_per_second) return value / (from_per_second / to_per_second);
  return value * (to_per_second / from_per_second);
}

template <typename From, typename To, typename Convert>
Result<VectorPtr> MapValues(const ColumnVector& vector, const TypePtr& target, Convert convert) {
  NumericBuilder<To> builder(target);
  RETURN_NOT_OK(builder.Reserve(vector.length()));
  for (int64_t i = 0; i < vector.length(); ++i) {
    if (vector.IsNull(i)) {
      RETURN_NOT_OK(builder.AppendNull());
    } else {
      RETURN_NOT_OK(builder.Append(convert(vector.Value<From>(i))));
    }
  }
  return builder.Finish();
}

template <typename To>
Result<VectorPtr> WidenInteger(const ColumnVector& vector, const TypePtr& target) {
  auto same = [](auto value) { return static_cast<To>(value); };
  switch (vector.type()->id()) {
    case TypeId::kInt8: return MapValues<int8_t, To>(vector, target, same);
    case TypeId::kInt16: return MapValues<int16_t, To>(vector, target, same);
    case TypeId::kInt32: return MapValues<int32_t, To>(vector, target, same);
    case TypeId::kInt64: return MapValues<int64_t, To>(vector, target, same);
    case TypeId::kFloat32: return MapValues<float, To>(vector, target, same);
    case TypeId::kUInt8: return MapValues<uint8_t, To>(vector, target, same);
    case TypeId::kUInt16: return MapValues<uint16_t, To>(vector, target, same);
    case TypeId::kUInt32: return MapValues<uint32_t, To>(vector, target, same);
    default: return Mismatch(*vector.type(), *target);
  }
}

// Bytes of a signed integer type; for unsigned ones, the bytes of the
// smallest signed type holding every value (uint8 -> 2).
int IntegerRank(TypeId id) {
  switch (id) {
    case TypeId::kInt8: return 1;
    case TypeId::kInt16:
    case TypeId::kUInt8: return 2;
    case TypeId::kInt32:
    case TypeId::kUInt16: return 3;
    case TypeId::kInt64:
    case TypeId::kUInt32: return 4;
    default: return 0;
  }
}

bool IsSigned(TypeId id) {
  return id == TypeId::kInt8 || id == TypeId::kInt16 || id == TypeId::kInt32 ||
         id == TypeId::kInt64;
}

bool IsWidening(const DataType& from, const DataType& to) {
  auto rank = [](TypeId id) { return IntegerRank(id); };
  if (to.id() == TypeId::kFloat64) {
    return from.id() == TypeId::kFloat32 || (rank(from.id()) > 0 && rank(from.id()) < 4);
  }
  if (!IsSigned(to.id())) return false;
  const bool same_width_unsigned = !IsSigned(from.id()) && rank(from.id()) == rank(to.id());
  return rank(from.id()) > 0 && (rank(from.id()) < rank(to.id()) || same_width_unsigned);
}

Result<VectorPtr> UuidsToStrings(const ColumnVector& vector, const TypePtr& target) {
  BinaryBuilder builder(target);
  for (int64_t i = 0; i < vector.length(); ++i) {
    if (vector.IsNull(i)) {
      RETURN_NOT_OK(builder.AppendNull());
    } else {
      RETURN_NOT_OK(builder.Append(FormatUuid(vector.GetView(i))));
    }
  }
  return builder.Finish();
}

// decimal(p,s) values as decimal(p+k1,s+k2), k1 >= k2: scaled by 10^k2.
Result<VectorPtr> RescaleDecimals(const ColumnVector& vector, const TypePtr& target) {
  const Int128 factor = Decimal128::PowerOfTen(target->scale() - vector.type()->scale());
  DecimalBuilder builder(target);
  for (int64_t i = 0; i < vector.length(); ++i) {
    if (vector.IsNull(i)) {
      RETURN_NOT_OK(builder.AppendNull());
    } else {
      RETURN_NOT_OK(builder.Append(Decimal128(vector.GetDecimal(i).value() * factor)));
    }
  }
  return builder.Finish();
}

Result<VectorPtr> AdaptPrimitive(const VectorPtr& vector, const TypePtr& target) {
  const DataType& from = *vector->type();
  if (from.id() == TypeId::kDecimal && target->id() == TypeId::kDecimal &&
      target->scale() > from.scale() && IsTypeWidening(from, *target)) {
    return RescaleDecimals(*vector, target);
  }
  if (from.id() == TypeId::kDate && target->id() == TypeId::kTimestamp && !target->utc()) {
    const int64_t per_day = int64_t{86400} * UnitsPerSecond(target->unit());
    return MapValues<int32_t, int64_t>(*vector, target,
                                       [per_day](int32_t days) { return days * per_day; });
  }
  if (from.id() == TypeId::kTimestamp && target->id() == TypeId::kTimestamp) {
    const TimeUnit unit = from.unit();
    return MapValues<int64_t, int64_t>(
        *vector, target, [&](int64_t value) { return RescaleTime(value, unit, target->unit()); });
  }
  if (from.is_binary_like() && target->is_binary_like()) return Retype(*vector, target, {});
  if (from.id() == TypeId::kUuid && target->id() == TypeId::kString) {
    return UuidsToStrings(*vector, target);
  }
  if (from.id() == TypeId::kDecimal && target->id() == TypeId::kDecimal &&
      from.scale() == target->scale() && from.precision() <= target->precision()) {
    return Retype(*vector, target, {});
  }
  if (IsWidening(from, *target)) {
    switch (target->id()) {
      case TypeId::kInt16: return WidenInteger<int16_t>(*vector, target);
      case TypeId::kInt32: return WidenInteger<int32_t>(*vector, target);
      case TypeId::kInt64: return WidenInteger<int64_t>(*vector, target);
      case TypeId::kFloat64: return WidenInteger<double>(*vector, target);
      default: break;
    }
  }
  return Mismatch(from, *target);
}

Result<VectorPtr> NullVector(const TypePtr& type, int64_t length) {
  ASSIGN_OR_RETURN(std::unique_ptr<VectorBuilder> builder, MakeBuilder(type));
  RETURN_NOT_OK(builder->AppendNulls(length));
  return builder->Finish();
}

Result<VectorPtr> AdaptStruct(const VectorPtr& vector, const TypePtr& target,
                              const TypePtr& physical) {
  const DataType& file_type = *vector->type();
  std::vector<VectorPtr> children;
  for (int k = 0; k < target->num_fields(); ++k) {
    const Field& member = physical->field(k);
    int found = -1;
    for (int j = 0; j < file_type.num_fields() && found < 0; ++j) {
      if (file_type.field(j).name == member.name) found = j;
    }
    if (found < 0) {
      ASSIGN_OR_RETURN(VectorPtr nulls, NullVector(target->field(k).type, vector->length()));
      children.push_back(std::move(nulls));
      continue;
    }
    Result<VectorPtr> child =
        AdaptToTableType(vector->child(found), target->field(k).type, member.type);
    if (!child.ok())
      return child.status().WithContext(fmt::format("member {}", target->field(k).name));
    children.push_back(std::move(*child));
  }
  return Retype(*vector, target, std::move(children));
}

}  // namespace

Result<VectorPtr> AdaptToTableType(const VectorPtr& vector, const TypePtr& target,
                                   const TypePtr& physical) {
  const DataType& from = *vector->type();
  if (from.Equals(*target)) return vector;
  if (from.id() != target->id() && (from.is_nested() || target->is_nested())) {
    return Mismatch(from, *target);
  }
  switch (target->id()) {
    case TypeId::kStruct: return AdaptStruct(vector, target, physical);
    case TypeId::kList: {
      ASSIGN_OR_RETURN(VectorPtr element, AdaptToTableType(vector->child(0), target->field(0).type,
                                                           physical->field(0).type));
      return Retype(*vector, target, {std::move(element)});
    }
    case TypeId::kMap: {
      // The entries struct: key and value matched by position.
      const TypePtr& entries = target->field(0).type;
      const VectorPtr& file_entries = vector->child(0);
      std::vector<VectorPtr> members;
      for (int k = 0; k < 2; ++k) {
        ASSIGN_OR_RETURN(VectorPtr member,
                         AdaptToTableType(file_entries->child(k), entries->field(k).type,
                                          physical->field(0).type->field(k).type));
        members.push_back(std::move(member));
      }
      return Retype(*vector, target, {Retype(*file_entries, entries, std::move(members))});
    }
    default: return AdaptPrimitive(vector, target);
  }
}

bool IsTypeWidening(const DataType& from, const DataType& to) {
  if (from.Equals(to)) return false;
  if (from.id() == TypeId::kDecimal && to.id() == TypeId::kDecimal) {
    return to.scale() >= from.scale() &&
           to.precision() - to.scale() >= from.precision() - from.scale();
  }
  if (from.id() == TypeId::kDate) return to.id() == TypeId::kTimestamp && !to.utc();
  if (!IsSigned(from.id()) && from.id() != TypeId::kFloat32) return false;
  return IsWidening(from, to);
}

bool CanReadAs(const TypePtr& from, const TypePtr& to) {
  Result<VectorPtr> empty = MakeNullVector(from, 0);
  return empty.ok() && AdaptToTableType(*empty, to, to).ok();
}

}  // namespace strata::delta
