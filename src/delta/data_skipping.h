// Data skipping: which files of a snapshot cannot hold a row matching a
// predicate, decided from their partition values (exactly) and from their
// `stats` (min/max/null counts), as Spark's Delta reader does.

#pragma once

#include <cstdint>

#include "delta/actions.h"
#include "delta/snapshot.h"
#include "parquet/predicate.h"

namespace strata::delta {

enum class SkipReason : uint8_t { kNone, kPartition, kStats };

// Why `file` holds no row matching `predicate`, or kNone when it may.
// `predicate` is bound to snapshot.schema(). Comparisons on partition
// columns are evaluated on the file's partition value; the others use its
// stats, when present and readable (timestamps widened by the 1 ms their
// truncation may have cut off; strings compared as the prefixes they are).
// Never skips a file that could match: missing or malformed stats keep it.
SkipReason SkipFile(const parquet::BoundPredicate& predicate, const Snapshot& snapshot,
                    const AddFile& file);

}  // namespace strata::delta
