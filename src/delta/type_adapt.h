// Converting a data file's column to the table's type: what a Delta reader
// must do because files are written by many engines and outlive schema
// changes (INT96 and millisecond timestamps, integers and floats widened by
// type widening, struct members matched by physical name, members added
// after the file was written read as nulls).

#pragma once

#include "columnar/vector.h"
#include "common/result.h"

namespace strata::delta {

// `vector` (read from a file) as a vector of `target`, the table's logical
// type, whose physical spelling (column-mapped member names) is `physical`.
// Returns `vector` itself when nothing changes. kInvalid naming both types
// when the file's type cannot be read as the table's without loss.
[[nodiscard]] Result<VectorPtr> AdaptToTableType(const VectorPtr& vector, const TypePtr& target,
                                                 const TypePtr& physical);

// Whether AdaptToTableType converts vectors of `from` to `to` (with
// physical = `to`).
bool CanReadAs(const TypePtr& from, const TypePtr& to);

}  // namespace strata::delta
