#include "columnar/sort.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <utility>

#include "columnar/bit_util.h"
#include "columnar/compute.h"

namespace strata {
namespace {

using sort_internal::KeyColumn;
using sort_internal::KeyKind;

constexpr uint64_t kSignBit = uint64_t{1} << 63;
// Below this many rows a comparison sort beats the radix passes' set-up.
constexpr size_t kRadixMinRows = 256;

Result<KeyKind> KindOf(const Field& field) {
  switch (field.type->id()) {
    case TypeId::kBool: return KeyKind::kBool;
    case TypeId::kInt8: return KeyKind::kInt8;
    case TypeId::kInt16: return KeyKind::kInt16;
    case TypeId::kInt32:
    case TypeId::kDate: return KeyKind::kInt32;
    case TypeId::kInt64:
    case TypeId::kTime:
    case TypeId::kTimestamp: return KeyKind::kInt64;
    case TypeId::kUInt8: return KeyKind::kUInt8;
    case TypeId::kUInt16: return KeyKind::kUInt16;
    case TypeId::kUInt32: return KeyKind::kUInt32;
    case TypeId::kUInt64: return KeyKind::kUInt64;
    case TypeId::kFloat32: return KeyKind::kFloat32;
    case TypeId::kFloat64: return KeyKind::kFloat64;
    case TypeId::kDecimal: return KeyKind::kDecimal;
    case TypeId::kFixedSizeBinary:
    case TypeId::kUuid: return KeyKind::kFixedBytes;
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kJson: return KeyKind::kBinary;
    case TypeId::kStruct:
    case TypeId::kList:
    case TypeId::kMap: break;
  }
  return Status::Invalid("cannot sort by column '{}' of type {}: nested types have no order",
                         field.name, field.type->ToString());
}

template <typename T>
T Load(const uint8_t* values, int64_t i) {
  T value;
  std::memcpy(&value, values + i * static_cast<int64_t>(sizeof(T)), sizeof(T));
  return value;
}

template <typename T>
int Cmp(T a, T b) {
  return static_cast<int>(a > b) - static_cast<int>(a < b);
}

// NaN after every number, all NaNs equal; -0.0 equals 0.0.
template <typename F>
int CmpFloat(F a, F b) {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a == b) return 0;
  return static_cast<int>(std::isnan(a)) - static_cast<int>(std::isnan(b));
}

int CmpBytes(const uint8_t* a, size_t a_size, const uint8_t* b, size_t b_size) {
  const size_t common = std::min(a_size, b_size);
  const int c = common == 0 ? 0 : std::memcmp(a, b, common);
  return c != 0 ? (c < 0 ? -1 : 1) : Cmp(a_size, b_size);
}

int CmpValues(const KeyColumn& a, int64_t i, const KeyColumn& b, int64_t j) {
  switch (a.kind) {
    case KeyKind::kBool:
      return Cmp(bit_util::GetBit(a.values, a.offset + i),
                 bit_util::GetBit(b.values, b.offset + j));
    case KeyKind::kInt8: return Cmp(Load<int8_t>(a.values, i), Load<int8_t>(b.values, j));
    case KeyKind::kInt16: return Cmp(Load<int16_t>(a.values, i), Load<int16_t>(b.values, j));
    case KeyKind::kInt32: return Cmp(Load<int32_t>(a.values, i), Load<int32_t>(b.values, j));
    case KeyKind::kInt64: return Cmp(Load<int64_t>(a.values, i), Load<int64_t>(b.values, j));
    case KeyKind::kUInt8: return Cmp(Load<uint8_t>(a.values, i), Load<uint8_t>(b.values, j));
    case KeyKind::kUInt16: return Cmp(Load<uint16_t>(a.values, i), Load<uint16_t>(b.values, j));
    case KeyKind::kUInt32: return Cmp(Load<uint32_t>(a.values, i), Load<uint32_t>(b.values, j));
    case KeyKind::kUInt64: return Cmp(Load<uint64_t>(a.values, i), Load<uint64_t>(b.values, j));
    case KeyKind::kFloat32: return CmpFloat(Load<float>(a.values, i), Load<float>(b.values, j));
    case KeyKind::kFloat64: return CmpFloat(Load<double>(a.values, i), Load<double>(b.values, j));
    case KeyKind::kDecimal: {
      const int high = Cmp(Load<int64_t>(a.values, 2 * i + 1), Load<int64_t>(b.values, 2 * j + 1));
      if (high != 0) return high;
      return Cmp(Load<uint64_t>(a.values, 2 * i), Load<uint64_t>(b.values, 2 * j));
    }
    case KeyKind::kFixedBytes: {
      const auto width = static_cast<size_t>(a.width);
      return CmpBytes(a.values + i * a.width, width, b.values + j * b.width, width);
    }
    case KeyKind::kBinary: {
      const int32_t a_begin = a.offsets[i];
      const int32_t b_begin = b.offsets[j];
      return CmpBytes(a.data + a_begin, static_cast<size_t>(a.offsets[i + 1] - a_begin),
                      b.data + b_begin, static_cast<size_t>(b.offsets[j + 1] - b_begin));
    }
  }
  return 0;
}

bool IsNull(const KeyColumn& c, int64_t i) {
  return c.validity != nullptr && !bit_util::GetBit(c.validity, c.offset + i);
}

int CompareKey(const KeyColumn& a, int64_t i, const KeyColumn& b, int64_t j) {
  const bool a_null = IsNull(a, i);
  const bool b_null = IsNull(b, j);
  if (a_null || b_null) {
    if (a_null && b_null) return 0;
    return a_null == a.nulls_first ? -1 : 1;
  }
  const int c = CmpValues(a, i, b, j);
  return a.descending ? -c : c;
}

Result<KeyColumn> MakeKeyColumn(const RecordBatch& batch, const SortKey& key) {
  ASSIGN_OR_RETURN(const KeyKind kind, KindOf(batch.schema()->field(key.column)));
  const ColumnVector& vector = *batch.column(key.column);
  KeyColumn c;
  c.kind = kind;
  c.descending = key.descending;
  c.nulls_first = key.nulls_first;
  c.offset = vector.offset();
  c.validity = vector.validity();
  const Buffer* values = vector.buffer(1);
  if (values == nullptr) return c;  // No rows to compare.
  if (kind == KeyKind::kBool) {
    c.values = values->data();
  } else if (kind == KeyKind::kBinary) {
    c.offsets = vector.Offsets();
    const Buffer* data = vector.buffer(2);
    c.data = data == nullptr ? nullptr : data->data();
  } else {
    c.width = vector.type()->bit_width() / 8;
    c.values = values->data() + vector.offset() * c.width;
  }
  return c;
}

// Up to the first 8 bytes of `bytes`, big-endian, zero-padded: ordered as
// the bytes are, up to ties.
uint64_t BytesPrefix(const uint8_t* bytes, size_t size) {
  uint64_t prefix = 0;
  const size_t n = std::min<size_t>(size, 8);
  for (size_t k = 0; k < n; ++k) prefix |= uint64_t{bytes[k]} << (56 - 8 * k);
  return prefix;
}

uint64_t NormalizeDouble(double d) {
  if (std::isnan(d)) return UINT64_MAX;  // Above +inf.
  const auto bits = std::bit_cast<uint64_t>(d == 0 ? 0.0 : d);
  return (bits & kSignBit) != 0 ? ~bits : bits | kSignBit;
}

uint64_t NormalizeFloat(float f) {
  if (std::isnan(f)) return UINT32_MAX;
  const auto bits = std::bit_cast<uint32_t>(f == 0 ? 0.0F : f);
  return (bits & 0x80000000U) != 0 ? uint32_t{~bits} : bits | 0x80000000U;
}

// Keys are sorted as a sequence of 64-bit chunks that compare as unsigned
// integers in the key's order: one for fixed widths up to 8 bytes (the
// value made order-preserving), two for decimals, and 8-byte big-endian
// slices of fixed-size binary and of strings (zero-padded past the end).

// The chunk of row i's (non-null) key at byte `offset`, ascending.
uint64_t Chunk(const KeyColumn& c, int64_t i, int64_t offset) {
  switch (c.kind) {
    case KeyKind::kBool: return bit_util::GetBit(c.values, c.offset + i) ? 1 : 0;
    case KeyKind::kInt8:
      return static_cast<uint64_t>(int64_t{Load<int8_t>(c.values, i)}) ^ kSignBit;
    case KeyKind::kInt16:
      return static_cast<uint64_t>(int64_t{Load<int16_t>(c.values, i)}) ^ kSignBit;
    case KeyKind::kInt32:
      return static_cast<uint64_t>(int64_t{Load<int32_t>(c.values, i)}) ^ kSignBit;
    case KeyKind::kInt64: return static_cast<uint64_t>(Load<int64_t>(c.values, i)) ^ kSignBit;
    case KeyKind::kUInt8: return Load<uint8_t>(c.values, i);
    case KeyKind::kUInt16: return Load<uint16_t>(c.values, i);
    case KeyKind::kUInt32: return Load<uint32_t>(c.values, i);
    case KeyKind::kUInt64: return Load<uint64_t>(c.values, i);
    case KeyKind::kFloat32: return NormalizeFloat(Load<float>(c.values, i));
    case KeyKind::kFloat64: return NormalizeDouble(Load<double>(c.values, i));
    case KeyKind::kDecimal:
      // The high half is signed, the low half unsigned.
      return offset == 0 ? static_cast<uint64_t>(Load<int64_t>(c.values, 2 * i + 1)) ^ kSignBit
                         : Load<uint64_t>(c.values, 2 * i);
    case KeyKind::kFixedBytes:
      return BytesPrefix(c.values + i * c.width + offset, static_cast<size_t>(c.width - offset));
    case KeyKind::kBinary: {
      const int64_t size = c.offsets[i + 1] - c.offsets[i];
      if (size <= offset) return 0;
      return BytesPrefix(c.data + c.offsets[i] + offset, static_cast<size_t>(size - offset));
    }
  }
  return 0;
}

// The bytes a fixed key's chunks cover; 0 for strings (their length).
int64_t FixedKeyBytes(const KeyColumn& c) {
  switch (c.kind) {
    case KeyKind::kDecimal: return 16;
    case KeyKind::kFixedBytes: return c.width;
    case KeyKind::kBinary: return 0;
    default: return 8;
  }
}

int64_t BinarySize(const KeyColumn& c, int64_t i) { return c.offsets[i + 1] - c.offsets[i]; }

struct KeyIndex {
  uint64_t key;
  int64_t index;
};

bool ByKeyThenIndex(const KeyIndex& a, const KeyIndex& b) {
  return a.key != b.key ? a.key < b.key : a.index < b.index;
}

// LSD radix sort of `items` (which are in index order) on their keys,
// stable, so equal keys stay in index order; byte positions where every key
// agrees (the high bytes of small numbers, of timestamps, a common string
// prefix) are skipped. `scratch` has room for items.size() entries.
void RadixSort(std::span<KeyIndex> items, std::vector<KeyIndex>* scratch) {
  const size_t n = items.size();
  if (n < kRadixMinRows) {
    std::sort(items.begin(), items.end(), ByKeyThenIndex);
    return;
  }
  std::vector<std::array<size_t, 256>> counts(8);
  for (const KeyIndex& item : items) {
    for (size_t b = 0; b < 8; ++b) ++counts[b][(item.key >> (8 * b)) & 0xFF];
  }
  std::span<KeyIndex> src = items;
  std::span<KeyIndex> dst(scratch->data(), n);
  for (size_t b = 0; b < 8; ++b) {
    std::array<size_t, 256>& count = counts[b];
    if (std::find(count.begin(), count.end(), n) != count.end()) continue;
    size_t sum = 0;
    for (size_t& c : count) sum += std::exchange(c, sum);
    for (const KeyIndex& item : src) dst[count[(item.key >> (8 * b)) & 0xFF]++] = item;
    std::swap(src, dst);
  }
  if (src.data() != items.data()) std::copy(src.begin(), src.end(), items.begin());
}

// Rows [begin, end) of the items, equal on every key before `key` and on
// the key's bytes before `offset`, and in index order.
struct Group {
  size_t begin;
  size_t end;
  size_t key;
  int64_t offset;
};

// Below this many rows a group is finished with whole-key comparisons.
constexpr size_t kSmallGroup = 24;

// Sorts the items by keys, most significant chunk first: each group of rows
// that tie so far is sorted on its next chunk and split into new groups,
// until keys run out. No comparison touches more than one chunk, except in
// small groups. Stable: every step keeps ties in index order.
class ChunkSorter {
 public:
  ChunkSorter(const RowKeys& keys, std::vector<KeyIndex>* items)
      : keys_(keys), items_(*items), scratch_(items->size()) {}

  void Run() {
    groups_.push_back({0, items_.size(), 0, 0});
    while (!groups_.empty()) {
      const Group group = groups_.back();
      groups_.pop_back();
      if (group.end - group.begin < 2 || group.key == keys_.num_keys()) continue;
      if (group.end - group.begin <= kSmallGroup) {
        SortSmall(group);
      } else {
        Refine(group);
      }
    }
  }

 private:
  std::span<KeyIndex> Items(size_t begin, size_t end) {
    return std::span<KeyIndex>(items_).subspan(begin, end - begin);
  }

  void SortSmall(const Group& group) {
    std::span<KeyIndex> items = Items(group.begin, group.end);
    std::sort(items.begin(), items.end(), [&](const KeyIndex& a, const KeyIndex& b) {
      const int c = keys_.CompareFrom(group.key, a.index, keys_, b.index);
      return c != 0 ? c < 0 : a.index < b.index;
    });
  }

  // Moves the rows whose key is null to the group's front or back (as the
  // key says) and queues them for the next key; returns the others.
  Group SplitNulls(Group group) {
    const KeyColumn& c = keys_.column(group.key);
    if (c.validity == nullptr) return group;
    std::span<KeyIndex> items = Items(group.begin, group.end);
    auto is_null = [&](const KeyIndex& item) { return IsNull(c, item.index) == c.nulls_first; };
    const auto split = std::stable_partition(items.begin(), items.end(), is_null);
    const size_t middle = group.begin + static_cast<size_t>(split - items.begin());
    if (c.nulls_first) {
      groups_.push_back({group.begin, middle, group.key + 1, 0});
      return {middle, group.end, group.key, 0};
    }
    groups_.push_back({middle, group.end, group.key + 1, 0});
    return {group.begin, middle, group.key, 0};
  }

  void Refine(Group group) {
    if (group.offset == 0) group = SplitNulls(group);
    if (group.end - group.begin < 2) return;
    const KeyColumn& c = keys_.column(group.key);
    std::span<KeyIndex> items = Items(group.begin, group.end);
    for (KeyIndex& item : items) {
      const uint64_t chunk = Chunk(c, item.index, group.offset);
      item.key = c.descending ? ~chunk : chunk;
    }
    RadixSort(items, &scratch_);
    const int64_t next = group.offset + 8;
    for (size_t run = group.begin; run < group.end;) {
      size_t run_end = run + 1;
      while (run_end < group.end && items_[run_end].key == items_[run].key) ++run_end;
      if (run_end - run > 1) Split({run, run_end, group.key, next});
      run = run_end;
    }
  }

  // Queues rows whose chunks tied up to `group.offset`: the same key further
  // on, or (once the key is exhausted) the next key.
  void Split(const Group& group) {
    const KeyColumn& c = keys_.column(group.key);
    const int64_t fixed = FixedKeyBytes(c);
    if (fixed > 0) {
      groups_.push_back(group.offset < fixed ? group
                                             : Group{group.begin, group.end, group.key + 1, 0});
      return;
    }
    std::span<KeyIndex> items = Items(group.begin, group.end);
    const bool longer = std::any_of(items.begin(), items.end(), [&](const KeyIndex& item) {
      return BinarySize(c, item.index) > group.offset;
    });
    if (longer) {
      groups_.push_back(group);
      return;
    }
    // Every string ended with equal bytes: the shorter ones come first
    // (zero padding made "ab" and "ab\0" tie).
    for (KeyIndex& item : items) {
      const auto size = static_cast<uint64_t>(BinarySize(c, item.index));
      item.key = c.descending ? ~size : size;
    }
    std::sort(items.begin(), items.end(), ByKeyThenIndex);
    for (size_t run = group.begin; run < group.end;) {
      size_t run_end = run + 1;
      while (run_end < group.end && items_[run_end].key == items_[run].key) ++run_end;
      if (run_end - run > 1) groups_.push_back({run, run_end, group.key + 1, 0});
      run = run_end;
    }
  }

  const RowKeys& keys_;
  std::vector<KeyIndex>& items_;
  std::vector<KeyIndex> scratch_;
  std::vector<Group> groups_;  // Work left, instead of recursion: strings can be long.
};

}  // namespace

Status CheckSortKeys(const Schema& schema, std::span<const SortKey> keys) {
  for (const SortKey& key : keys) {
    if (key.column < 0 || key.column >= schema.num_fields()) {
      return Status::Invalid("sort key column {} is out of range for {} columns", key.column,
                             schema.num_fields());
    }
    RETURN_NOT_OK(KindOf(schema.field(key.column)).status());
  }
  return Status::OK();
}

Result<RowKeys> RowKeys::Make(const RecordBatch& batch, std::span<const SortKey> keys) {
  RETURN_NOT_OK(CheckSortKeys(*batch.schema(), keys));
  RowKeys row_keys;
  row_keys.columns_.reserve(keys.size());
  for (const SortKey& key : keys) {
    ASSIGN_OR_RETURN(KeyColumn column, MakeKeyColumn(batch, key));
    row_keys.columns_.push_back(column);
  }
  return row_keys;
}

int RowKeys::Compare(int64_t i, const RowKeys& other, int64_t j) const {
  return CompareFrom(0, i, other, j);
}

int RowKeys::CompareFrom(size_t first, int64_t i, const RowKeys& other, int64_t j) const {
  for (size_t k = first; k < columns_.size(); ++k) {
    const int c = CompareKey(columns_[k], i, other.columns_[k], j);
    if (c != 0) return c;
  }
  return 0;
}

Result<std::vector<int64_t>> SortIndices(const RecordBatch& batch, std::span<const SortKey> keys) {
  ASSIGN_OR_RETURN(RowKeys row_keys, RowKeys::Make(batch, keys));
  const auto n = static_cast<size_t>(batch.num_rows());
  std::vector<KeyIndex> items(n);
  for (size_t i = 0; i < n; ++i) items[i] = {0, static_cast<int64_t>(i)};
  ChunkSorter(row_keys, &items).Run();
  std::vector<int64_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = items[i].index;
  return order;
}

Result<RecordBatchPtr> TakeFromBatches(std::span<const RecordBatchPtr> batches,
                                       std::span<const BatchRow> rows) {
  if (batches.empty()) return Status::Invalid("TakeFromBatches needs at least one batch");
  const size_t m = batches.size();
  std::vector<std::vector<int64_t>> per_batch(m);
  for (const BatchRow& r : rows) {
    const auto b = static_cast<size_t>(r.batch);
    if (r.batch < 0 || b >= m || batches[b] == nullptr || r.row < 0 ||
        r.row >= batches[b]->num_rows()) {
      return Status::Invalid("row {} of batch {} is out of range", r.row, r.batch);
    }
    per_batch[b].push_back(r.row);
  }
  std::vector<RecordBatchPtr> parts;
  std::vector<int64_t> next(m, 0);  // Where each batch's rows start in the parts.
  int64_t start = 0;
  for (size_t b = 0; b < m; ++b) {
    const std::vector<int64_t>& taken = per_batch[b];
    if (taken.empty()) continue;
    next[b] = start;
    start += static_cast<int64_t>(taken.size());
    bool run = true;
    for (size_t k = 1; k < taken.size() && run; ++k)
      run = taken[k] == taken[0] + static_cast<int64_t>(k);
    if (run) {
      parts.push_back(batches[b]->Slice(taken[0], static_cast<int64_t>(taken.size())));
    } else {
      ASSIGN_OR_RETURN(RecordBatchPtr part, TakeBatch(batches[b], taken));
      parts.push_back(std::move(part));
    }
  }
  if (parts.empty()) return batches[0]->Slice(0, 0);
  ASSIGN_OR_RETURN(RecordBatchPtr gathered, parts.size() == 1 ? Result<RecordBatchPtr>(parts[0])
                                                              : ConcatenateBatches(parts));
  std::vector<int64_t> positions(rows.size());
  bool identity = true;
  for (size_t k = 0; k < rows.size(); ++k) {
    positions[k] = next[static_cast<size_t>(rows[k].batch)]++;
    identity = identity && positions[k] == static_cast<int64_t>(k);
  }
  if (identity) return gathered;
  return TakeBatch(gathered, positions);
}

}  // namespace strata
