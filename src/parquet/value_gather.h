// Conversion of columnar values to the Parquet physical values of a leaf
// (int8 -> INT32, decimal128 -> INT64 or big-endian FLBA, time(ms) -> INT32,
// ...). Only non-null rows produce values; nulls live in the levels.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/vector.h"
#include "common/status.h"
#include "parquet/schema.h"

namespace strata::parquet {

// Scratch storage for values that need converting; views handed out point
// into it and stay valid until the next Gather call with the same scratch.
struct GatherScratch {
  std::string bytes;
};

// Replaces `*out` with the non-null values of rows [begin, end) of `vector`
// as physical values of `leaf`. T is uint8_t (BOOLEAN, 0 or 1), int32_t, int64_t, float, double
// or std::string_view (views into `vector` or `scratch`).
// REQUIRES: `vector` has the leaf's columnar type.
template <typename T>
Status GatherValues(const LeafColumn& leaf, const ColumnVector& vector, int64_t begin, int64_t end,
                    std::vector<T>* out, GatherScratch* scratch);

}  // namespace strata::parquet
