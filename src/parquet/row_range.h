// Row ranges within a row group: what page pruning selects and what
// partial column chunk reads return.
#pragma once

#include <cstdint>

namespace strata::parquet {

// A half-open range [begin, end) of rows within a row group.
struct RowRange {
  int64_t begin = 0;
  int64_t end = 0;

  bool operator==(const RowRange&) const = default;
};

}  // namespace strata::parquet
