#include "parquet/statistics.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <type_traits>

#include "columnar/utf8.h"

namespace strata::parquet {
namespace {

template <typename T>
std::string PlainBytes(const T& value) {
  if constexpr (std::is_same_v<T, std::string_view>) {
    return std::string(value);
  } else {
    std::string out(sizeof(T), '\0');
    std::memcpy(out.data(), &value, sizeof(T));
    return out;
  }
}

// FLBA decimals are big-endian two's complement: flipping the sign bit makes
// unsigned byte order equal to numeric order.
int CompareSignedFixed(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return a.compare(b);
  auto a0 = static_cast<unsigned char>(a[0]) ^ 0x80;
  auto b0 = static_cast<unsigned char>(b[0]) ^ 0x80;
  if (a0 != b0) return a0 < b0 ? -1 : 1;
  return a.substr(1).compare(b.substr(1));
}

// Increments the last code point of valid UTF-8 `s`, dropping trailing code
// points that cannot grow; false if none can.
bool IncrementUtf8(std::string* s) {
  while (!s->empty()) {
    size_t start = s->size() - 1;
    while (start > 0 && (static_cast<unsigned char>((*s)[start]) & 0xC0) == 0x80) --start;
    size_t pos = start;
    int32_t cp = utf8::Decode(*s, &pos);
    s->resize(start);
    int32_t next = cp + 1 == 0xD800 ? 0xE000 : cp + 1;
    if (cp >= 0 && next <= 0x10FFFF) {
      utf8::Encode(next, s);
      return true;
    }
  }
  return false;
}

bool IncrementBytes(std::string* s) {
  while (!s->empty()) {
    auto last = static_cast<unsigned char>(s->back());
    s->pop_back();
    if (last < 0xFF) {
      s->push_back(static_cast<char>(last + 1));
      return true;
    }
  }
  return false;
}

// The longest prefix of at most `max_length` bytes that does not split a
// UTF-8 sequence (plain byte prefix for non-UTF-8 data).
std::string_view Prefix(std::string_view value, int64_t max_length, bool is_utf8) {
  size_t cut = static_cast<size_t>(max_length);
  if (is_utf8) {
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  }
  return value.substr(0, cut);
}

// a < b bytewise (unsigned). Most comparisons with the running min and max
// are decided by the first eight bytes, compared as one big-endian word
// without a call to memcmp (which showed up in profiles of string columns).
bool BytesLess(std::string_view a, std::string_view b) {
  if (a.size() >= 8 && b.size() >= 8) {
    uint64_t x;
    uint64_t y;
    std::memcpy(&x, a.data(), 8);
    std::memcpy(&y, b.data(), 8);
    if (x != y) {
      if constexpr (std::endian::native == std::endian::little) {
        x = __builtin_bswap64(x);
        y = __builtin_bswap64(y);
      }
      return x < y;
    }
  }
  return a < b;  // char_traits<char> compares as unsigned char.
}

}  // namespace

template <typename T>
bool TypedStatistics<T>::Less(const T& a, const T& b) const {
  if constexpr (std::is_same_v<T, std::string_view>) {
    if (order_ == SortOrder::kSignedFixedDecimal) return CompareSignedFixed(a, b) < 0;
    return BytesLess(a, b);
  } else if constexpr (std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>) {
    if (order_ == SortOrder::kUnsigned) {
      return static_cast<std::make_unsigned_t<T>>(a) < static_cast<std::make_unsigned_t<T>>(b);
    }
    return a < b;
  } else {
    return a < b;
  }
}

template <typename T>
void TypedStatistics<T>::Update(const T* values, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    const T& v = values[i];
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(v)) continue;
    }
    if (!has_min_max_) {
      min_ = max_ = v;
      has_min_max_ = true;
      continue;
    }
    if (Less(v, min_)) min_ = v;
    if (Less(max_, v)) max_ = v;
  }
  if constexpr (std::is_same_v<T, std::string_view>) {
    // Own the bounds: the values point into buffers that will be reused.
    if (has_min_max_ && min_.data() != min_storage_.data()) min_ = min_storage_.assign(min_);
    if (has_min_max_ && max_.data() != max_storage_.data()) max_ = max_storage_.assign(max_);
  }
}

template <typename T>
void TypedStatistics<T>::Merge(const TypedStatistics& other) {
  null_count_ += other.null_count_;
  if (!other.has_min_max_) return;
  Update(&other.min_, 1);
  Update(&other.max_, 1);
}

template <typename T>
void TypedStatistics<T>::Reset() {
  has_min_max_ = false;
  null_count_ = 0;
  min_ = max_ = T{};
}

template <typename T>
MinMax TypedStatistics<T>::Encode() const {
  T min = min_;
  T max = max_;
  if constexpr (std::is_floating_point_v<T>) {
    // A bound of zero must admit both zeros.
    if (min == 0) min = -T{0};
    if (max == 0) max = T{0};
  }
  return MinMax{PlainBytes(min), PlainBytes(max)};
}

template class TypedStatistics<uint8_t>;
template class TypedStatistics<int32_t>;
template class TypedStatistics<int64_t>;
template class TypedStatistics<float>;
template class TypedStatistics<double>;
template class TypedStatistics<std::string_view>;

std::optional<std::string> TruncateMax(std::string_view value, int64_t max_length) {
  if (static_cast<int64_t>(value.size()) <= max_length) return std::string(value);
  const bool is_utf8 = utf8::IsValid(value);
  std::string out(Prefix(value, max_length, is_utf8));
  if (is_utf8 ? IncrementUtf8(&out) : IncrementBytes(&out)) return out;
  return std::nullopt;
}

Statistics MakeStatistics(std::optional<MinMax> bounds, int64_t null_count, SortOrder order,
                          int64_t max_length) {
  Statistics stats;
  stats.null_count = null_count;
  if (!bounds) return stats;
  std::string_view min = bounds->min;
  if (static_cast<int64_t>(min.size()) > max_length) {
    stats.min_value = std::string(Prefix(min, max_length, utf8::IsValid(min)));
    stats.is_min_value_exact = false;
  } else {
    stats.min_value = bounds->min;
    stats.is_min_value_exact = true;
  }
  std::optional<std::string> max = TruncateMax(bounds->max, max_length);
  stats.max_value = max ? *max : bounds->max;
  stats.is_max_value_exact = stats.max_value == bounds->max;
  if (order == SortOrder::kSigned) {
    stats.min = stats.min_value;
    stats.max = stats.max_value;
  }
  return stats;
}

}  // namespace strata::parquet
