// Value ordering and row evaluation. Each conjunct runs one tight loop per
// column type over the vector's raw values (no per-row virtual calls or
// variant visits) and ANDs its result into the selection.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/bit_util.h"
#include "columnar/temporal.h"
#include "columnar/value_format.h"
#include "parquet/predicate.h"

namespace strata::parquet {
namespace {

template <typename T>
int Compare3(const T& a, const T& b) {
  return (a > b) - (a < b);
}

// DuckDB's float order: NaN above everything, NaN = NaN; -0.0 = 0.0.
template <>
int Compare3(const double& a, const double& b) {
  const bool a_nan = std::isnan(a);
  const bool b_nan = std::isnan(b);
  if (a_nan || b_nan) return a_nan == b_nan ? 0 : (a_nan ? 1 : -1);
  return (a > b) - (a < b);
}

// std::string_view compares through char_traits<char>, i.e. memcmp:
// unsigned bytes, the order of Parquet byte-array statistics.
template <>
int Compare3(const std::string_view& a, const std::string_view& b) {
  const int c = a.compare(b);
  return (c > 0) - (c < 0);
}

// Which three-way results an op accepts: bit (result + 1).
uint8_t AcceptMask(CompareOp op) {
  switch (op) {
    case CompareOp::kEq: return 0b010;
    case CompareOp::kNe: return 0b101;
    case CompareOp::kLt: return 0b001;
    case CompareOp::kLe: return 0b011;
    case CompareOp::kGt: return 0b100;
    case CompareOp::kGe: return 0b110;
    default: return 0;
  }
}

// The bound values as the C type the loops compare with.
template <typename L>
std::vector<L> LiteralsAs(const std::vector<Value>& values) {
  std::vector<L> out;
  for (const Value& v : values) {
    if constexpr (std::is_same_v<L, std::string_view>) {
      out.emplace_back(std::get<std::string>(v));
    } else {
      out.push_back(std::get<L>(v));
    }
  }
  return out;
}

template <typename L>
bool Contains(const std::vector<L>& sorted, const L& x) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), x,
                             [](const L& a, const L& b) { return Compare3(a, b) < 0; });
  return it != sorted.end() && Compare3(*it, x) == 0;
}

// ANDs `match(get(i))` into out[i] for valid rows and clears null rows.
template <typename Get, typename Match>
void Scan(const ColumnVector& v, Get get, Match match, uint8_t* out) {
  const int64_t n = v.length();
  if (v.null_count() == 0) {
    for (int64_t i = 0; i < n; ++i) out[i] &= static_cast<uint8_t>(match(get(i)));
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    out[i] &= static_cast<uint8_t>(v.IsValid(i) && match(get(i)));
  }
}

template <typename L, typename Get>
void ScanOp(const ColumnVector& v, const BoundComparison& c, Get get, uint8_t* out) {
  const std::vector<L> literals = LiteralsAs<L>(c.values);
  if (c.op == CompareOp::kIn || c.op == CompareOp::kNotIn) {
    const bool in = c.op == CompareOp::kIn;
    Scan(
        v, get, [&](const L& x) { return Contains(literals, x) == in; }, out);
    return;
  }
  const uint8_t mask = AcceptMask(c.op);
  const L literal = literals[0];
  Scan(
      v, get, [&](const L& x) { return (mask >> (Compare3(x, literal) + 1)) & 1; }, out);
}

// Values stored as C type T, compared as literal type L.
template <typename T, typename L>
void ScanFixed(const ColumnVector& v, const BoundComparison& c, uint8_t* out) {
  const T* values = v.Values<T>();
  ScanOp<L>(
      v, c, [values](int64_t i) { return static_cast<L>(values[i]); }, out);
}

void ScanValues(const ColumnVector& v, const BoundComparison& c, uint8_t* out) {
  switch (v.type()->id()) {
    case TypeId::kBool:
      return ScanOp<bool>(
          v, c, [&v](int64_t i) { return v.GetBool(i); }, out);
    case TypeId::kInt8: return ScanFixed<int8_t, int64_t>(v, c, out);
    case TypeId::kInt16: return ScanFixed<int16_t, int64_t>(v, c, out);
    case TypeId::kInt32:
    case TypeId::kDate: return ScanFixed<int32_t, int64_t>(v, c, out);
    case TypeId::kInt64:
    case TypeId::kTime:
    case TypeId::kTimestamp: return ScanFixed<int64_t, int64_t>(v, c, out);
    case TypeId::kUInt8: return ScanFixed<uint8_t, uint64_t>(v, c, out);
    case TypeId::kUInt16: return ScanFixed<uint16_t, uint64_t>(v, c, out);
    case TypeId::kUInt32: return ScanFixed<uint32_t, uint64_t>(v, c, out);
    case TypeId::kUInt64: return ScanFixed<uint64_t, uint64_t>(v, c, out);
    case TypeId::kFloat32: return ScanFixed<float, double>(v, c, out);
    case TypeId::kFloat64: return ScanFixed<double, double>(v, c, out);
    case TypeId::kDecimal:
      return ScanOp<Int128>(
          v, c, [&v](int64_t i) { return v.GetDecimal(i).value(); }, out);
    default:
      return ScanOp<std::string_view>(
          v, c, [&v](int64_t i) { return v.GetView(i); }, out);
  }
}

void ScanNulls(const ColumnVector& v, bool want_null, uint8_t* out) {
  if (v.null_count() == 0) {
    if (want_null) std::fill(out, out + v.length(), 0);
    return;
  }
  for (int64_t i = 0; i < v.length(); ++i) out[i] &= static_cast<uint8_t>(v.IsNull(i) == want_null);
}

// The member `c.members` names inside struct column `column`, null where
// the column or any struct on the way is null.
Result<VectorPtr> MemberOf(const BoundComparison& c, VectorPtr column) {
  const int64_t n = column->length();
  std::vector<uint8_t> present(static_cast<size_t>(n), 1);
  for (const std::string& member : c.members) {
    for (int64_t i = 0; i < n; ++i) present[static_cast<size_t>(i)] &= column->IsValid(i) ? 1 : 0;
    int k = 0;
    while (k < column->num_children() && column->type()->field(k).name != member) ++k;
    if (column->type()->id() != TypeId::kStruct || k == column->num_children()) {
      return Status::NotFound("column '{}' is not in the batch", c.column);
    }
    column = column->child(k);
  }
  const int64_t offset = column->offset();
  ASSIGN_OR_RETURN(auto bits,
                   Buffer::Allocate(static_cast<size_t>(bit_util::BytesForBits(offset + n))));
  int64_t nulls = 0;
  for (int64_t i = 0; i < n; ++i) {
    const bool valid = present[static_cast<size_t>(i)] != 0 && column->IsValid(i);
    if (valid) bit_util::SetBit(bits->mutable_data(), offset + i);
    nulls += valid ? 0 : 1;
  }
  std::vector<BufferPtr> buffers = column->buffers();
  buffers[0] = nulls == 0 ? nullptr : BufferPtr(std::move(bits));
  return ColumnVector::Make(column->type(), n, std::move(buffers), column->children(), nulls,
                            offset);
}

Status EvaluateConjunct(const BoundComparison& c, const RecordBatch& batch, uint8_t* out) {
  // "s.a.b" without ".a.b": the struct column's name.
  size_t suffix = 0;
  for (const std::string& member : c.members) suffix += member.size() + 1;
  const int index = batch.schema()->FieldIndex(c.column.substr(0, c.column.size() - suffix));
  if (index < 0) return Status::NotFound("column '{}' is not in the batch", c.column);
  VectorPtr column = batch.column(index);
  if (!c.members.empty()) {
    ASSIGN_OR_RETURN(column, MemberOf(c, std::move(column)));
  }
  const ColumnVector& v = *column;
  if (!v.type()->Equals(*c.type)) {
    return Status::Invalid("column '{}' is {} in the batch but was bound as {}", c.column,
                           v.type()->ToString(), c.type->ToString());
  }
  switch (c.op) {
    case CompareOp::kFalse: std::fill(out, out + v.length(), 0); break;
    case CompareOp::kIsNull: ScanNulls(v, true, out); break;
    case CompareOp::kIsNotNull: ScanNulls(v, false, out); break;
    default: ScanValues(v, c, out); break;
  }
  return Status::OK();
}

// A bound value as the user wrote it: decimals with their scale, temporal
// values as text, uuids canonical.
std::string FormatBound(const DataType& type, const Value& v) {
  const auto* i = std::get_if<int64_t>(&v);
  switch (type.id()) {
    case TypeId::kDecimal: return Decimal128(std::get<Int128>(v)).ToString(type.scale());
    case TypeId::kDate: return fmt::format("'{}'", FormatDate(*i));
    case TypeId::kTime: return fmt::format("'{}'", FormatTime(*i, type.unit()));
    case TypeId::kTimestamp:
      return fmt::format("'{}'", FormatTimestamp(*i, type.unit(), type.utc()));
    case TypeId::kUuid: return fmt::format("'{}'", FormatUuid(std::get<std::string>(v)));
    default: return ValueToString(v);
  }
}

}  // namespace

int CompareValues(const Value& a, const Value& b) {
  if (a.index() != b.index()) return Compare3(a.index(), b.index());
  return std::visit(
      [&b](const auto& x) -> int {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::string>) {
          const std::string_view left = x;
          const std::string_view right = std::get<T>(b);
          return Compare3(left, right);
        } else {
          return Compare3(x, std::get<T>(b));
        }
      },
      a);
}

std::string ValueToString(const Value& value) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return fmt::format("'{}'", x);
        } else if constexpr (std::is_same_v<T, Int128>) {
          return Decimal128(x).ToString(0);
        } else {
          return fmt::format("{}", x);
        }
      },
      value);
}

std::string_view CompareOpName(CompareOp op) {
  switch (op) {
    case CompareOp::kEq: return "=";
    case CompareOp::kNe: return "!=";
    case CompareOp::kLt: return "<";
    case CompareOp::kLe: return "<=";
    case CompareOp::kGt: return ">";
    case CompareOp::kGe: return ">=";
    case CompareOp::kIn: return "IN";
    case CompareOp::kNotIn: return "NOT IN";
    case CompareOp::kIsNull: return "IS NULL";
    case CompareOp::kIsNotNull: return "IS NOT NULL";
    case CompareOp::kFalse: return "FALSE";
  }
  return "?";
}

std::string BoundComparison::ToString() const {
  std::vector<std::string> shown;
  for (const Value& v : values) shown.push_back(FormatBound(*type, v));
  switch (op) {
    case CompareOp::kIsNull:
    case CompareOp::kIsNotNull: return fmt::format("{} {}", column, CompareOpName(op));
    case CompareOp::kFalse: return "FALSE";
    case CompareOp::kIn:
    case CompareOp::kNotIn:
      return fmt::format("{} {} ({})", column, CompareOpName(op), fmt::join(shown, ", "));
    default: return fmt::format("{} {} {}", column, CompareOpName(op), fmt::join(shown, ""));
  }
}

Result<std::vector<uint8_t>> Evaluate(const BoundPredicate& predicate, const RecordBatch& batch) {
  std::vector<uint8_t> selection(static_cast<size_t>(batch.num_rows()), 1);
  for (const BoundComparison& c : predicate.conjuncts) {
    RETURN_NOT_OK(EvaluateConjunct(c, batch, selection.data()));
  }
  return selection;
}

}  // namespace strata::parquet
