// Record assembly: rebuilds the struct, list and map values of a top-level
// field from the definition and repetition levels of its leaves (the read
// half of Dremel's shredding), following the field's LevelNode layout.
#pragma once

#include <cstdint>
#include <span>

#include "columnar/vector.h"
#include "common/result.h"
#include "parquet/column_reader.h"
#include "parquet/schema_read.h"

namespace strata::parquet {

// Assembles `num_rows` rows of the field laid out by `layout` from
// `chunks`, the leveled chunks of its leaves in order (chunks[i] belongs to
// leaf layout.first_leaf + i). Corruption when the levels contradict each
// other or the layout: a row count other than num_rows, a repetition that
// continues a null or empty list, leaves that disagree on shared parents,
// or values the vector checks reject (such as a null map key).
Result<VectorPtr> AssembleField(const LevelNode& layout, std::span<const LeveledChunk> chunks,
                                int64_t num_rows);

}  // namespace strata::parquet
