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

// Whether the Delta type widening feature allows changing a column from
// `from` to `to`: byte < short < int < long; float, byte, short and int to
// double; decimal(p,s) to decimal(p+k1,s+k2) with k1 >= k2; date to
// timestamp_ntz. Readers of such a table convert older files on the fly.
bool IsTypeWidening(const DataType& from, const DataType& to);

}  // namespace strata::delta
