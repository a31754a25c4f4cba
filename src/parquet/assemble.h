// Record assembly: rebuilds the struct, list and map values of a top-level
// field from the definition and repetition levels of its leaves (the read
// half of Dremel's shredding), following the field's LevelNode layout.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "columnar/vector.h"
#include "common/result.h"
#include "parquet/column_reader.h"
#include "parquet/schema_read.h"

namespace strata::parquet {

// Assembles `num_rows` rows of the field laid out by `layout` from
// `chunks`, the leveled chunks of its leaves in order: chunks[i] belongs to
// leaf base_leaf + i; those of leaves the layout does not use (a pruned
// layout) may be empty. Corruption when the levels contradict each
// other or the layout: a row count other than num_rows, a repetition that
// continues a null or empty list, leaves that disagree on shared parents,
// or values the vector checks reject (such as a null map key).
Result<VectorPtr> AssembleField(const LevelNode& layout, std::span<const LeveledChunk> chunks,
                                int base_leaf, int64_t num_rows);
// The same with base_leaf = layout.first_leaf.
inline Result<VectorPtr> AssembleField(const LevelNode& layout,
                                       std::span<const LeveledChunk> chunks, int64_t num_rows) {
  return AssembleField(layout, chunks, layout.first_leaf, num_rows);
}

// `field` pruned to the sub-fields named by `paths`, each a dotted path
// below the field ("b.c" keeps struct member b and, within it, only c). A
// list or map is crossed without naming it: paths continue into the list's
// element; a map is kept whole. Types and first leaves are recomputed.
// NotFound naming the path when a name matches no member.
Result<LevelNode> PruneLayout(const LevelNode& field, const std::vector<std::string>& paths);

// The leaves a layout reads, in file order.
std::vector<int> LeavesOf(const LevelNode& layout);

}  // namespace strata::parquet
