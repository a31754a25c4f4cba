// Record shredding (Dremel, as Parquet stores nested data): a struct, list
// or map column vector becomes, for each Parquet leaf under it, definition
// levels, repetition levels and the leaf's non-null values.
//
// For a leaf, the definition level of an entry counts the optional and
// repeated nodes on its path that are present (so max_definition_level
// means a non-null value); the repetition level says at which repeated node
// the entry starts a new element (0: a new row). An entry stops at the
// first null or empty node: a null list, an empty list and a list holding
// one null element give different levels.
//
// Example, column `a: list<int32>` (optional list of optional elements):
//   [1, null], [], null  ->  def 3 2 1 0, rep 0 1 0 0, values {1}
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "columnar/types.h"
#include "columnar/vector.h"
#include "common/result.h"

namespace strata::parquet {

// One node on the way from a top-level column down to a leaf.
struct ShredStep {
  // Maps are lists of their entries struct, so they walk as kList followed
  // by a required kStruct step.
  enum class Kind : uint8_t { kStruct, kList, kLeaf };
  Kind kind = Kind::kLeaf;
  bool nullable = false;  // The node's nulls take a definition level.
  int child = 0;          // kStruct: the child that leads to the leaf.
  std::string name;       // The node's Parquet path, dotted, for messages.
};

// How one leaf's entries are reached from its top-level column.
struct LeafShredPath {
  std::vector<ShredStep> steps;  // Top-level column first, the leaf last.
  int16_t max_definition_level = 0;
  int16_t max_repetition_level = 0;

  // Whether the leaf is a top-level primitive or sits under required
  // structs only: then its vector (the structs' child) carries everything
  // the levels would say, and the flat column writer path applies.
  bool flat() const;
};

// The paths of every leaf of top-level field `field`, in the order
// ToParquetSchema lists its leaves (depth first; map keys before values),
// with the same levels.
// Errors: Invalid for a struct without fields, naming it.
Result<std::vector<LeafShredPath>> ShredPaths(const Field& field);

// The leaf vector of a flat path: `column` itself, or the child reached
// through its required structs (aligned with `column`'s rows), valid while
// `column` lives.
// REQUIRES: path.flat() and `column` has the path's top-level type.
// Errors: Invalid when one of those structs holds a null, naming it.
Result<const ColumnVector*> FlatLeafVector(const LeafShredPath& path, const VectorPtr& column);

// One leaf's share of a run of rows.
struct ShreddedLeaf {
  std::vector<int16_t> def_levels;  // One per entry.
  std::vector<int16_t> rep_levels;  // One per entry; empty when max rep is 0.
  VectorPtr values;                 // The non-null leaf values in order; no nulls.
};

// Shreds rows of top-level columns into one leaf's levels and values in
// time linear in the entries. Keeps scratch space between calls, so reuse
// one per leaf. Not thread-safe; one per thread.
class LeafShredder {
 public:
  // Replaces `*out` with the levels and values of every row of `column`.
  // `column` may be a slice (any offset). Values are a zero-copy slice of the
  // leaf vector when they are adjacent there, else a compacted copy.
  // REQUIRES: `column` has the top-level type `path` was made from.
  // Errors: Invalid when a node declared not nullable holds a null where a
  // value is needed (naming the node); ResourceExhausted when allocation
  // fails.
  Status Shred(const LeafShredPath& path, const VectorPtr& column, ShreddedLeaf* out);

 private:
  void ApplyValidity(const ColumnVector& vector, int16_t present_level, ShreddedLeaf* out);
  Status CheckRequired(const ColumnVector& vector, const ShredStep& step) const;
  void Expand(const ColumnVector& list, int16_t def_level, int16_t rep_level, ShreddedLeaf* out);
  Result<VectorPtr> CollectValues(const VectorPtr& leaf, int16_t max_def, ShreddedLeaf* out);

  // Per entry: the row of the current node's vector, or -1 once the entry
  // ended above it (its definition level is then final).
  std::vector<int64_t> index_;
  std::vector<int64_t> next_index_;
  std::vector<int16_t> next_def_;
  std::vector<int16_t> next_rep_;
  std::vector<int64_t> value_rows_;
};

}  // namespace strata::parquet
