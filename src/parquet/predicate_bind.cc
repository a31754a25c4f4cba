// Bind: resolves columns and coerces literals to the column's type. Numbers
// are handled exactly (as decimal digits, never through double) so that
// `x < 3.5` on an integer column means what it says, and comparisons a
// type cannot represent are rewritten to equivalents (see predicate.h).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include "columnar/temporal.h"
#include "columnar/value_format.h"
#include "parquet/predicate.h"

namespace strata::parquet {
namespace {

// A finite decimal number: (-1)^negative * digits * 10^exponent, with no
// leading or trailing zeros in `digits` ("" is zero).
struct ExactNumber {
  bool negative = false;
  std::string digits;
  int64_t exponent = 0;
};

std::optional<ExactNumber> ParseExact(std::string_view text) {
  ExactNumber n;
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) n.negative = text[i++] == '-';
  bool any_digit = false;
  for (bool fraction = false; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && !fraction) {
      fraction = true;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      any_digit = true;
      if (!n.digits.empty() || c != '0') n.digits.push_back(c);
      if (fraction) --n.exponent;
    } else {
      break;
    }
  }
  if (!any_digit) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    int64_t e = 0;
    const char* begin = text.data() + i + 1;
    if (begin < text.data() + text.size() && *begin == '+') ++begin;
    auto [ptr, ec] = std::from_chars(begin, text.data() + text.size(), e);
    if (ec != std::errc() || ptr == begin || e > 100000 || e < -100000) return std::nullopt;
    n.exponent += e;
    i = static_cast<size_t>(ptr - text.data());
  }
  if (i != text.size()) return std::nullopt;
  while (!n.digits.empty() && n.digits.back() == '0') {
    n.digits.pop_back();
    ++n.exponent;
  }
  if (n.digits.empty()) n.exponent = 0;
  return n;
}

constexpr int kMaxDigits = 38;

// floor(n) and whether n is an integer. Magnitudes of 10^38 and more
// saturate to +-10^38, beyond every integer and decimal domain.
struct Floor {
  Int128 value = 0;
  bool exact = true;
};

Floor FloorOf(const ExactNumber& n) {
  const auto integer_digits = static_cast<int64_t>(n.digits.size()) + n.exponent;
  if (integer_digits > kMaxDigits) {
    const Int128 big = Decimal128::PowerOfTen(kMaxDigits);
    return {n.negative ? -big : big, false};
  }
  Int128 magnitude = 0;
  for (int64_t k = 0; k < integer_digits; ++k) {
    const char d = k < static_cast<int64_t>(n.digits.size()) ? n.digits[k] : '0';
    magnitude = magnitude * 10 + (d - '0');
  }
  const bool exact = n.exponent >= 0;
  if (!n.negative) return {magnitude, exact};
  return {exact ? -magnitude : -magnitude - 1, exact};
}

// The values an integer-valued column can hold.
struct Domain {
  Int128 lo;
  Int128 hi;
};

Domain IntegerDomain(const DataType& type) {
  switch (type.id()) {
    case TypeId::kInt8: return {INT8_MIN, INT8_MAX};
    case TypeId::kInt16: return {INT16_MIN, INT16_MAX};
    case TypeId::kInt32:
    case TypeId::kDate: return {INT32_MIN, INT32_MAX};
    case TypeId::kUInt8: return {0, UINT8_MAX};
    case TypeId::kUInt16: return {0, UINT16_MAX};
    case TypeId::kUInt32: return {0, UINT32_MAX};
    case TypeId::kUInt64: return {0, UINT64_MAX};
    case TypeId::kDecimal: {
      const Int128 limit = Decimal128::PowerOfTen(type.precision()) - 1;
      return {-limit, limit};
    }
    default: return {INT64_MIN, INT64_MAX};
  }
}

bool IsUnsigned(TypeId id) {
  return id == TypeId::kUInt8 || id == TypeId::kUInt16 || id == TypeId::kUInt32 ||
         id == TypeId::kUInt64;
}

Value IntegerValue(const DataType& type, Int128 v) {
  if (type.id() == TypeId::kDecimal) return v;
  if (IsUnsigned(type.id())) return static_cast<uint64_t>(v);
  return static_cast<int64_t>(v);
}

// Rewrites `column op literal` for a single-valued op on an integer domain,
// where the literal lies in [floor.value, floor.value + 1).
void RewriteInteger(const DataType& type, Floor f, BoundComparison* out) {
  const Domain d = IntegerDomain(type);
  const bool in_range = f.exact && f.value >= d.lo && f.value <= d.hi;
  switch (out->op) {
    case CompareOp::kEq: out->op = in_range ? CompareOp::kEq : CompareOp::kFalse; break;
    case CompareOp::kNe: out->op = in_range ? CompareOp::kNe : CompareOp::kIsNotNull; break;
    case CompareOp::kLt:
    case CompareOp::kLe: {
      // x < L is x <= L - 1 for an integer L, x <= floor(L) otherwise.
      const Int128 c = out->op == CompareOp::kLt && f.exact ? f.value - 1 : f.value;
      out->op = c >= d.hi ? CompareOp::kIsNotNull : c < d.lo ? CompareOp::kFalse : CompareOp::kLe;
      if (out->op == CompareOp::kLe) out->values = {IntegerValue(type, c)};
      return;
    }
    default: {
      // x > L is x >= L + 1 for an integer L, x >= floor(L) + 1 otherwise.
      const Int128 c = out->op == CompareOp::kGe && f.exact ? f.value : f.value + 1;
      out->op = c <= d.lo ? CompareOp::kIsNotNull : c > d.hi ? CompareOp::kFalse : CompareOp::kGe;
      if (out->op == CompareOp::kGe) out->values = {IntegerValue(type, c)};
      return;
    }
  }
  if (out->op == CompareOp::kEq || out->op == CompareOp::kNe) {
    out->values = {IntegerValue(type, f.value)};
  }
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

// Bind errors name the column, its type and the literal.
Status BadLiteral(const BoundComparison& c, const Literal& literal, std::string_view why) {
  const std::string shown =
      literal.kind == LiteralKind::kString ? fmt::format("'{}'", literal.text) : literal.text;
  return Status::Invalid("column '{}' ({}): {} at column {} {}", c.column, c.type->ToString(),
                         shown, literal.position, why);
}

Result<Floor> NumberFloor(const BoundComparison& c, const Literal& literal) {
  if (literal.kind == LiteralKind::kBool) {
    return BadLiteral(c, literal, "is a boolean, not a number");
  }
  const std::optional<ExactNumber> n = ParseExact(Trim(literal.text));
  if (!n) return BadLiteral(c, literal, "is not a number");
  if (c.type->id() != TypeId::kDecimal) return FloorOf(*n);
  ExactNumber scaled = *n;
  if (!scaled.digits.empty()) scaled.exponent += c.type->scale();
  if (scaled.exponent < 0) {
    return BadLiteral(c, literal,
                      fmt::format("has more fractional digits than the scale {}", c.type->scale()));
  }
  return FloorOf(scaled);
}

// Timestamps and times: the literal in the column's unit, and whether it
// is exact there (parsed again in nanoseconds when that fits, since the
// unit's parser truncates finer digits).
Result<Floor> TemporalFloor(const BoundComparison& c, const Literal& literal) {
  if (literal.kind != LiteralKind::kString) {
    return BadLiteral(c, literal, "is not a quoted time or timestamp");
  }
  const strata::TimeUnit unit = c.type->unit();
  const bool is_time = c.type->id() == TypeId::kTime;
  const std::string_view text = Trim(literal.text);
  Result<int64_t> value = is_time ? ParseTime(text, unit) : ParseTimestamp(text, unit);
  if (!value.ok()) return BadLiteral(c, literal, fmt::format("({})", value.status().message()));
  Result<int64_t> nanos = is_time ? ParseTime(text, strata::TimeUnit::kNano)
                                  : ParseTimestamp(text, strata::TimeUnit::kNano);
  if (!nanos.ok() || unit == strata::TimeUnit::kNano) return Floor{*value, true};
  const int64_t per_unit = UnitsPerSecond(strata::TimeUnit::kNano) / UnitsPerSecond(unit);
  int64_t q = *nanos / per_unit;
  const int64_t r = *nanos % per_unit;
  if (r < 0) --q;
  return Floor{q, r == 0};
}

Result<Floor> DateFloor(const BoundComparison& c, const Literal& literal) {
  if (literal.kind != LiteralKind::kString) {
    return BadLiteral(c, literal, "is not a quoted date such as '2025-10-01'");
  }
  Result<int32_t> days = ParseDate(Trim(literal.text));
  if (!days.ok()) return BadLiteral(c, literal, fmt::format("({})", days.status().message()));
  return Floor{*days, true};
}

Result<Floor> IntegerLikeFloor(const BoundComparison& c, const Literal& literal) {
  switch (c.type->id()) {
    case TypeId::kDate: return DateFloor(c, literal);
    case TypeId::kTime:
    case TypeId::kTimestamp: return TemporalFloor(c, literal);
    default: return NumberFloor(c, literal);
  }
}

Result<Value> FloatValue(const BoundComparison& c, const Literal& literal) {
  if (literal.kind == LiteralKind::kBool) {
    return BadLiteral(c, literal, "is a boolean, not a number");
  }
  std::string text = Lower(Trim(literal.text));
  if (!text.empty() && text[0] == '+') text.erase(0, 1);
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  // Out-of-range literals round to +-inf or +-0 as a cast would.
  if ((ec != std::errc() && ec != std::errc::result_out_of_range) ||
      ptr != text.data() + text.size() || text.empty()) {
    return BadLiteral(c, literal, "is not a number");
  }
  if (ec == std::errc::result_out_of_range) value = std::strtod(text.c_str(), nullptr);
  if (c.type->id() == TypeId::kFloat32) value = static_cast<float>(value);
  return value;
}

Result<Value> BoolValue(const BoundComparison& c, const Literal& literal) {
  const std::string text = Lower(Trim(literal.text));
  if (text == "true" || text == "t" || text == "1") return true;
  if (text == "false" || text == "f" || text == "0") return false;
  return BadLiteral(c, literal, "is not a boolean (TRUE or FALSE)");
}

// \xHH escapes, as binary values are printed; anything else as is.
std::string DecodeBinaryEscapes(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned value = 0;
    if (text[i] == '\\' && i + 3 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X')) {
      auto [ptr, ec] = std::from_chars(text.data() + i + 2, text.data() + i + 4, value, 16);
      if (ec == std::errc() && ptr == text.data() + i + 4) {
        out.push_back(static_cast<char>(value));
        i += 3;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

Result<Value> BytesValue(const BoundComparison& c, const Literal& literal) {
  if (literal.kind != LiteralKind::kString) {
    return BadLiteral(c, literal, "must be quoted ('...') to compare with text");
  }
  switch (c.type->id()) {
    case TypeId::kUuid: {
      Result<UuidBytes> uuid = ParseUuid(Trim(literal.text));
      if (!uuid.ok()) return BadLiteral(c, literal, "is not a UUID");
      return std::string(uuid->begin(), uuid->end());
    }
    case TypeId::kBinary:
    case TypeId::kFixedSizeBinary: return DecodeBinaryEscapes(literal.text);
    default: return literal.text;
  }
}

// Any type whose values are not integers of some unit.
Result<Value> NonIntegerValue(const BoundComparison& c, const Literal& literal) {
  switch (c.type->id()) {
    case TypeId::kBool: return BoolValue(c, literal);
    case TypeId::kFloat32:
    case TypeId::kFloat64: return FloatValue(c, literal);
    default: return BytesValue(c, literal);
  }
}

bool IsIntegerValued(TypeId id) {
  switch (id) {
    case TypeId::kBool:
    case TypeId::kFloat32:
    case TypeId::kFloat64:
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kJson:
    case TypeId::kFixedSizeBinary:
    case TypeId::kUuid: return false;
    default: return true;
  }
}

void SortUnique(std::vector<Value>* values) {
  std::sort(values->begin(), values->end(),
            [](const Value& a, const Value& b) { return CompareValues(a, b) < 0; });
  values->erase(
      std::unique(values->begin(), values->end(),
                  [](const Value& a, const Value& b) { return CompareValues(a, b) == 0; }),
      values->end());
}

// IN and NOT IN: values the column cannot hold are dropped.
Status BindList(const Comparison& in, BoundComparison* out) {
  const bool integers = IsIntegerValued(out->type->id());
  const Domain d = integers ? IntegerDomain(*out->type) : Domain{0, 0};
  for (const Literal& literal : in.values) {
    if (!integers) {
      ASSIGN_OR_RETURN(Value v, NonIntegerValue(*out, literal));
      out->values.push_back(std::move(v));
      continue;
    }
    ASSIGN_OR_RETURN(Floor f, IntegerLikeFloor(*out, literal));
    if (f.exact && f.value >= d.lo && f.value <= d.hi) {
      out->values.push_back(IntegerValue(*out->type, f.value));
    }
  }
  SortUnique(&out->values);
  if (out->values.empty()) {
    out->op = out->op == CompareOp::kIn ? CompareOp::kFalse : CompareOp::kIsNotNull;
  }
  return Status::OK();
}

Status BindValues(const Comparison& in, BoundComparison* out) {
  switch (in.op) {
    case CompareOp::kIsNull:
    case CompareOp::kIsNotNull:
    case CompareOp::kFalse: return Status::OK();
    case CompareOp::kIn:
    case CompareOp::kNotIn: return BindList(in, out);
    default: break;
  }
  if (in.values.size() != 1) return Status::Internal("comparison without exactly one value");
  if (IsIntegerValued(out->type->id())) {
    ASSIGN_OR_RETURN(Floor f, IntegerLikeFloor(*out, in.values[0]));
    RewriteInteger(*out->type, f, out);
    return Status::OK();
  }
  ASSIGN_OR_RETURN(Value v, NonIntegerValue(*out, in.values[0]));
  out->values.push_back(std::move(v));
  return Status::OK();
}

Status ColumnNotFound(const std::string& name, const Schema& schema) {
  std::vector<std::string> names;
  for (const Field& f : schema.fields()) names.push_back(f.name);
  return Status::NotFound("column '{}' not found; available columns: {}", name,
                          fmt::join(names, ", "));
}

int MemberIndex(const DataType& type, const std::string& name) {
  for (int k = 0; k < type.num_fields(); ++k) {
    if (type.field(k).name == name) return k;
  }
  return -1;
}

// Resolves "s.a.b" to field s and members {a, b} when s is a struct column
// and no top-level column is named "s.a.b".
Status BindMembers(const std::string& name, const Schema& schema, BoundComparison* out) {
  for (size_t dot = name.rfind('.'); dot != std::string::npos && dot > 0;
       dot = name.rfind('.', dot - 1)) {
    const int index = schema.FieldIndex(name.substr(0, dot));
    if (index < 0) continue;
    out->field_index = index;
    TypePtr type = schema.field(index).type;
    std::string_view rest = name;
    rest.remove_prefix(dot + 1);
    while (!rest.empty()) {
      if (!type->is_nested()) {
        return Status::NotFound("column '{}': {} values have no members", name, type->ToString());
      }
      if (type->id() != TypeId::kStruct) {
        return Status::NotImplemented(
            "column '{}': filtering on members inside {} values is not supported", name,
            type->ToString());
      }
      const size_t next = rest.find('.');
      const std::string member(rest.substr(0, next));
      rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 1);
      const int k = MemberIndex(*type, member);
      if (k < 0) {
        return Status::NotFound("column '{}': {} has no member '{}'", name, type->ToString(),
                                member);
      }
      out->members.push_back(member);
      type = type->field(k).type;
    }
    out->type = std::move(type);
    return Status::OK();
  }
  return ColumnNotFound(name, schema);
}

Result<BoundComparison> BindComparison(const Comparison& in, const Schema& schema) {
  const int index = schema.FieldIndex(in.column);
  BoundComparison out{.field_index = index, .column = in.column, .op = in.op};
  if (index >= 0) {
    out.type = schema.field(index).type;
  } else {
    RETURN_NOT_OK(BindMembers(in.column, schema, &out));
  }
  if (out.type->is_nested()) {
    return Status::NotImplemented(
        "column '{}' is {}: filtering on struct, list or map values is not supported "
        "(name a member, as in s.a)",
        in.column, out.type->ToString());
  }
  RETURN_NOT_OK(BindValues(in, &out));
  return out;
}

}  // namespace

Result<BoundPredicate> Bind(const Predicate& predicate, const Schema& schema) {
  BoundPredicate bound;
  for (const Comparison& comparison : predicate.conjuncts) {
    ASSIGN_OR_RETURN(BoundComparison c, BindComparison(comparison, schema));
    bound.conjuncts.push_back(std::move(c));
  }
  return bound;
}

}  // namespace strata::parquet
