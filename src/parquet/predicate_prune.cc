// Pruning: decoding statistics and page-index bounds into bound Values, the
// "might a row match" decision shared by both, bloom filter probes, and
// page row ranges. Every doubt answers "might match".
#include <algorithm>
#include <cmath>
#include <cstring>

#include "parquet/predicate.h"
#include "parquet/value_conversion.h"

namespace strata::parquet {
namespace {

// What is known about the values of a chunk or a page.
struct Bounds {
  std::optional<Value> min;
  std::optional<Value> max;
  bool exact = false;  // Both bounds are values that occur (not truncated).
  std::optional<int64_t> null_count;
  std::optional<int64_t> nan_count;
  bool all_null = false;
};

template <typename T>
std::optional<T> LoadLittleEndian(std::string_view bytes) {
  if (bytes.size() != sizeof(T)) return std::nullopt;
  T value;
  std::memcpy(&value, bytes.data(), sizeof(T));
  return value;
}

std::optional<Value> DecodeInt32(const LeafColumn& leaf, std::string_view bytes) {
  const std::optional<int32_t> v = LoadLittleEndian<int32_t>(bytes);
  if (!v) return std::nullopt;
  switch (leaf.type->id()) {
    case TypeId::kDecimal: return Value(Int128{*v});
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32: return Value(uint64_t{static_cast<uint32_t>(*v)});
    default: return Value(int64_t{*v});
  }
}

std::optional<Value> DecodeInt64(const LeafColumn& leaf, std::string_view bytes) {
  const std::optional<int64_t> v = LoadLittleEndian<int64_t>(bytes);
  if (!v) return std::nullopt;
  switch (leaf.type->id()) {
    case TypeId::kDecimal: return Value(Int128{*v});
    case TypeId::kUInt64: return Value(static_cast<uint64_t>(*v));
    default: return Value(*v);
  }
}

std::optional<Value> DecodeFloat(double v) {
  if (std::isnan(v)) return std::nullopt;  // Never a valid bound.
  return Value(v);
}

std::optional<Value> DecodeBytes(const LeafColumn& leaf, std::string_view bytes) {
  if (leaf.conversion == ValueConversion::kDecimalFixed) {
    if (bytes.empty() || bytes.size() > 16) return std::nullopt;
    Result<Decimal128> d =
        Decimal128::FromBigEndian({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()});
    if (!d.ok()) return std::nullopt;
    return Value(d->value());
  }
  if (leaf.conversion == ValueConversion::kFloat16) {
    const std::optional<uint16_t> h = LoadLittleEndian<uint16_t>(bytes);
    return h ? DecodeFloat(HalfToFloat(*h)) : std::nullopt;
  }
  // Byte arrays without an unsigned order (INTERVAL) have no usable order.
  if (!leaf.unsigned_order) return std::nullopt;
  return Value(std::string(bytes));
}

}  // namespace

std::optional<Value> DecodeStatisticsValue(const LeafColumn& leaf, std::string_view bytes) {
  switch (leaf.physical_type) {
    case PhysicalType::kBoolean:
      if (bytes.size() != 1) return std::nullopt;
      return Value(bytes[0] != 0);
    case PhysicalType::kInt32: return DecodeInt32(leaf, bytes);
    case PhysicalType::kInt64: return DecodeInt64(leaf, bytes);
    case PhysicalType::kFloat: {
      const std::optional<float> f = LoadLittleEndian<float>(bytes);
      return f ? DecodeFloat(*f) : std::nullopt;
    }
    case PhysicalType::kDouble: {
      const std::optional<double> d = LoadLittleEndian<double>(bytes);
      return d ? DecodeFloat(*d) : std::nullopt;
    }
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray: return DecodeBytes(leaf, bytes);
    case PhysicalType::kInt96: break;  // Its order is undefined.
  }
  return std::nullopt;
}

namespace {

bool IsByteArray(const LeafColumn& leaf) {
  return leaf.physical_type == PhysicalType::kByteArray ||
         leaf.physical_type == PhysicalType::kFixedLenByteArray;
}

// Truncation only ever applies to byte arrays; other bounds are values.
bool BoundsExact(const LeafColumn& leaf, const Statistics& stats) {
  if (!IsByteArray(leaf) || leaf.conversion == ValueConversion::kDecimalFixed) return true;
  return stats.is_min_value_exact.value_or(false) && stats.is_max_value_exact.value_or(false);
}

Bounds StatisticsBounds(const LeafColumn& leaf, const Statistics& stats, int64_t num_values) {
  Bounds b;
  b.null_count = stats.null_count;
  b.nan_count = stats.nan_count;
  b.all_null = stats.null_count && num_values >= 0 && *stats.null_count >= num_values;
  if (stats.min_value && stats.max_value) {
    b.min = DecodeStatisticsValue(leaf, *stats.min_value);
    b.max = DecodeStatisticsValue(leaf, *stats.max_value);
    b.exact = BoundsExact(leaf, stats);
  } else if (stats.min && stats.max && !leaf.unsigned_order && !IsByteArray(leaf)) {
    // Deprecated fields: signed numeric orders only, see predicate.h.
    b.min = DecodeStatisticsValue(leaf, *stats.min);
    b.max = DecodeStatisticsValue(leaf, *stats.max);
    b.exact = true;
  }
  return b;
}

bool IsFloat(const BoundComparison& c) { return c.type->is_floating(); }

bool IsNan(const Value& v) {
  const double* d = std::get_if<double>(&v);
  return d != nullptr && std::isnan(*d);
}

// Whether some row with bounds `b` may equal `v`.
bool MightEqual(const Bounds& b, const Value& v, bool nan_possible) {
  if (IsNan(v)) return nan_possible;
  return CompareValues(*b.min, v) <= 0 && CompareValues(*b.max, v) >= 0;
}

// Whether every non-null value is known to lie in `values`' set: exact,
// equal bounds inside the set and no NaN hiding outside them.
bool AllValuesIn(const Bounds& b, const std::vector<Value>& values, bool nan_possible) {
  if (!b.exact || nan_possible || CompareValues(*b.min, *b.max) != 0) return false;
  return std::any_of(values.begin(), values.end(),
                     [&b](const Value& v) { return CompareValues(*b.min, v) == 0; });
}

bool MightMatchValues(const BoundComparison& c, const Bounds& b) {
  // NaN sits above every bound and is excluded from min/max: only a zero
  // nan_count rules it out.
  const bool nan_possible = IsFloat(c) && !(b.nan_count && *b.nan_count == 0);
  switch (c.op) {
    case CompareOp::kEq: return MightEqual(b, c.values[0], nan_possible);
    case CompareOp::kIn:
      return std::any_of(c.values.begin(), c.values.end(),
                         [&](const Value& v) { return MightEqual(b, v, nan_possible); });
    case CompareOp::kNe:
    case CompareOp::kNotIn: return !AllValuesIn(b, c.values, nan_possible);
    case CompareOp::kLt: return CompareValues(*b.min, c.values[0]) < 0;
    case CompareOp::kLe: return CompareValues(*b.min, c.values[0]) <= 0;
    case CompareOp::kGt: return nan_possible || CompareValues(*b.max, c.values[0]) > 0;
    case CompareOp::kGe: return nan_possible || CompareValues(*b.max, c.values[0]) >= 0;
    default: return true;
  }
}

bool MightMatchBounds(const BoundComparison& c, const Bounds& b) {
  switch (c.op) {
    case CompareOp::kFalse: return false;
    case CompareOp::kIsNull: return !(b.null_count && *b.null_count == 0);
    case CompareOp::kIsNotNull: return !b.all_null;
    default: break;
  }
  if (b.all_null) return false;  // Comparisons are never true on nulls.
  if (!b.min || !b.max || b.min->index() != b.max->index()) return true;
  if (c.values.empty() || b.min->index() != c.values[0].index()) return true;
  return MightMatchValues(c, b);
}

// ---- Bloom filters ----

template <typename T>
T FromValue(const Value& v) {
  if (const auto* s = std::get_if<int64_t>(&v)) return static_cast<T>(*s);
  if (const auto* u = std::get_if<uint64_t>(&v)) return static_cast<T>(*u);
  if (const auto* d = std::get_if<Int128>(&v)) return static_cast<T>(*d);
  return T{};
}

// Big-endian two's complement in `width` bytes, as FLBA decimals are stored.
std::string BigEndian(Int128 value, int32_t width) {
  std::string out(static_cast<size_t>(width), '\0');
  for (int32_t i = width - 1; i >= 0; --i) {
    out[static_cast<size_t>(i)] = static_cast<char>(static_cast<uint8_t>(value & 0xff));
    value >>= 8;  // Arithmetic shift keeps the sign bytes.
  }
  return out;
}

// The hashes under which `v` may have been inserted; empty when unknown.
std::vector<uint64_t> BloomHashes(const LeafColumn& leaf, const Value& v) {
  switch (leaf.physical_type) {
    case PhysicalType::kInt32: return {BloomFilter::HashInt32(FromValue<int32_t>(v))};
    case PhysicalType::kInt64: return {BloomFilter::HashInt64(FromValue<int64_t>(v))};
    case PhysicalType::kFloat:
    case PhysicalType::kDouble: {
      const double d = std::get<double>(v);
      if (std::isnan(d)) return {};               // NaN payloads hash differently.
      const double other_zero = d == 0 ? -d : d;  // -0.0 = 0.0 but hashes differently.
      if (leaf.physical_type == PhysicalType::kFloat) {
        return {BloomFilter::HashFloat(static_cast<float>(d)),
                BloomFilter::HashFloat(static_cast<float>(other_zero))};
      }
      return {BloomFilter::HashDouble(d), BloomFilter::HashDouble(other_zero)};
    }
    case PhysicalType::kByteArray:
      if (leaf.conversion != ValueConversion::kNone) return {};  // Decimal width varies.
      return {BloomFilter::HashBytes(std::get<std::string>(v))};
    case PhysicalType::kFixedLenByteArray:
      if (leaf.conversion == ValueConversion::kDecimalFixed) {
        return {BloomFilter::HashBytes(BigEndian(std::get<Int128>(v), leaf.type_length))};
      }
      if (leaf.conversion != ValueConversion::kNone) return {};
      return {BloomFilter::HashBytes(std::get<std::string>(v))};
    default: return {};
  }
}

bool BloomMightContainValue(const LeafColumn& leaf, const BloomFilter& filter, const Value& v) {
  // A fixed-width literal of another width can never be stored.
  if (leaf.physical_type == PhysicalType::kFixedLenByteArray &&
      leaf.conversion == ValueConversion::kNone &&
      static_cast<int32_t>(std::get<std::string>(v).size()) != leaf.type_length) {
    return false;
  }
  const std::vector<uint64_t> hashes = BloomHashes(leaf, v);
  if (hashes.empty()) return true;
  return std::any_of(hashes.begin(), hashes.end(),
                     [&filter](uint64_t h) { return filter.FindHash(h); });
}

}  // namespace

bool MightMatchStatistics(const BoundComparison& comparison, const LeafColumn& leaf,
                          const Statistics& stats, int64_t num_values) {
  return MightMatchBounds(comparison, StatisticsBounds(leaf, stats, num_values));
}

std::vector<bool> PagesMightMatch(const BoundComparison& comparison, const LeafColumn& leaf,
                                  const ColumnIndex& index) {
  const size_t pages = index.null_pages.size();
  std::vector<bool> keep(pages, true);
  const bool consistent = index.min_values.size() == pages && index.max_values.size() == pages &&
                          (!index.null_counts || index.null_counts->size() == pages) &&
                          (!index.nan_counts || index.nan_counts->size() == pages);
  if (!consistent) return keep;
  for (size_t i = 0; i < pages; ++i) {
    Bounds b;
    b.all_null = index.null_pages[i];
    if (index.null_counts) b.null_count = (*index.null_counts)[i];
    if (index.nan_counts) b.nan_count = (*index.nan_counts)[i];
    if (!b.all_null) {
      b.min = DecodeStatisticsValue(leaf, index.min_values[i]);
      b.max = DecodeStatisticsValue(leaf, index.max_values[i]);
      // The page index has no exactness flags: byte arrays may be truncated.
      b.exact = !IsByteArray(leaf) || leaf.conversion == ValueConversion::kDecimalFixed;
    }
    keep[i] = MightMatchBounds(comparison, b);
  }
  return keep;
}

bool BloomMightContain(const BoundComparison& comparison, const LeafColumn& leaf,
                       const BloomFilter& filter) {
  if (comparison.op != CompareOp::kEq && comparison.op != CompareOp::kIn) {
    return comparison.op != CompareOp::kFalse;
  }
  return std::any_of(comparison.values.begin(), comparison.values.end(),
                     [&](const Value& v) { return BloomMightContainValue(leaf, filter, v); });
}

const LeafColumn* FindLeaf(const BoundComparison& comparison,
                           const std::vector<LeafColumn>& leaves) {
  // A struct member's leaf path is the field and the members, by name.
  const size_t depth = comparison.members.size() + 1;
  for (const LeafColumn& leaf : leaves) {
    if (leaf.field_index != comparison.field_index || leaf.path.size() != depth ||
        !std::equal(comparison.members.begin(), comparison.members.end(), leaf.path.begin() + 1)) {
      continue;
    }
    return leaf.max_repetition_level == 0 ? &leaf : nullptr;
  }
  return nullptr;
}

bool RowGroupMightMatch(const BoundPredicate& predicate, const std::vector<LeafColumn>& leaves,
                        const RowGroup& row_group, const std::vector<ColumnOrder>* column_orders) {
  for (const BoundComparison& c : predicate.conjuncts) {
    if (c.op == CompareOp::kFalse) return false;
    const LeafColumn* leaf = FindLeaf(c, leaves);
    if (leaf == nullptr) continue;
    const auto column = static_cast<size_t>(leaf - leaves.data());
    if (column >= row_group.columns.size()) continue;
    const std::optional<ColumnMetaData>& meta = row_group.columns[column].meta_data;
    if (!meta || !meta->statistics) continue;
    Statistics stats = *meta->statistics;
    if (column_orders != nullptr && column < column_orders->size() &&
        (*column_orders)[column] == ColumnOrder::kUnknown) {
      // Min/max in an order strata does not know; the counts still hold.
      stats.min_value = stats.max_value = stats.min = stats.max = std::nullopt;
    }
    if (!MightMatchStatistics(c, *leaf, stats, meta->num_values)) return false;
  }
  return true;
}

std::vector<RowRange> PagesToRowRanges(const std::vector<bool>& keep, const OffsetIndex& offsets,
                                       int64_t num_rows) {
  const std::vector<PageLocation>& pages = offsets.page_locations;
  const std::vector<RowRange> all = {{0, num_rows}};
  if (keep.size() != pages.size() || pages.empty() || pages[0].first_row_index != 0) return all;
  std::vector<RowRange> ranges;
  for (size_t i = 0; i < pages.size(); ++i) {
    const int64_t begin = pages[i].first_row_index;
    const int64_t end = i + 1 < pages.size() ? pages[i + 1].first_row_index : num_rows;
    if (end < begin || end > num_rows) return all;
    if (!keep[i] || end == begin) continue;
    if (!ranges.empty() && ranges.back().end == begin) {
      ranges.back().end = end;
    } else {
      ranges.push_back({begin, end});
    }
  }
  return ranges;
}

std::vector<RowRange> IntersectRowRanges(const std::vector<RowRange>& a,
                                         const std::vector<RowRange>& b) {
  std::vector<RowRange> out;
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    const int64_t begin = std::max(a[i].begin, b[j].begin);
    const int64_t end = std::min(a[i].end, b[j].end);
    if (begin < end) out.push_back({begin, end});
    if (a[i].end < b[j].end) {
      ++i;
    } else {
      ++j;
    }
  }
  return out;
}

int64_t CountRows(const std::vector<RowRange>& ranges) {
  int64_t rows = 0;
  for (const RowRange& r : ranges) rows += r.end - r.begin;
  return rows;
}

}  // namespace strata::parquet
