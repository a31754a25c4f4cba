// Min/max/null-count statistics of Parquet values in a column's sort order,
// as written to page headers, column chunks and the page index.
//
// The rules (parquet-format's statistics and page-index specs):
//   - strings, binary, FLBA and unsigned integers compare as unsigned bytes
//     or unsigned numbers; decimals in FLBA compare as signed big-endian;
//   - NaN never becomes a min or max; zero is stored as -0.0 (min) and +0.0
//     (max) so readers never prune a row that compares equal to zero;
//   - binary min/max longer than the truncation length are cut; the max is
//     rounded up so it still bounds every value, or kept whole if it cannot.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "parquet/format_enums.h"
#include "parquet/thrift/metadata.h"

namespace strata::parquet {

// How values of one leaf are ordered.
enum class SortOrder : uint8_t { kSigned, kUnsigned, kSignedFixedDecimal };

// The encoded min/max of a set of values (PLAIN bytes without a length
// prefix), before truncation.
struct MinMax {
  std::string min;
  std::string max;
};

// Accumulates min, max and null count for one physical type.
// T is uint8_t (BOOLEAN), int32_t, int64_t, float, double or std::string_view.
template <typename T>
class TypedStatistics {
 public:
  explicit TypedStatistics(SortOrder order) : order_(order) {}

  void Update(const T* values, int64_t n);
  void AddNulls(int64_t n) { null_count_ += n; }
  // Folds in another accumulator of the same order (a page into its chunk).
  void Merge(const TypedStatistics& other);
  void Reset();

  int64_t null_count() const { return null_count_; }
  bool has_min_max() const { return has_min_max_; }
  // REQUIRES: has_min_max().
  MinMax Encode() const;

 private:
  bool Less(const T& a, const T& b) const;

  SortOrder order_;
  bool has_min_max_ = false;
  T min_{};
  T max_{};
  // Byte-array bounds must outlive the page buffers they point into.
  std::string min_storage_;
  std::string max_storage_;
  int64_t null_count_ = 0;
};

// Truncates `bounds` to at most `max_length` bytes per side and builds the
// Thrift Statistics (min_value/max_value, exactness flags, null_count).
// Deprecated min/max are written too for signed orders, as other writers do.
Statistics MakeStatistics(std::optional<MinMax> bounds, int64_t null_count, SortOrder order,
                          int64_t max_length);

// The shortest string >= every string with prefix `prefix`: `value` cut to
// `max_length` bytes with the last byte incremented (carrying), or nullopt
// when no such prefix exists (all bytes 0xff).
std::optional<std::string> TruncateMax(std::string_view value, int64_t max_length);

}  // namespace strata::parquet
