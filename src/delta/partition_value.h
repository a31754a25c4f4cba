// Partition values as the Delta log stores them: strings in `partitionValues`
// (PROTOCOL.md, "Partition Value Serialization"), typed per the column.

#pragma once

#include <optional>
#include <string>

#include "columnar/vector.h"
#include "common/result.h"

namespace strata::delta {

// A column of `rows` copies of the partition value `text` (nullopt or "" is
// null, for every type as the protocol says), typed `type`.
// Accepts what Spark and delta-rs write: Java-style numbers ("10.0",
// "1.0E10"), plain decimals, true/false, yyyy-MM-dd dates, timestamps as
// "yyyy-MM-dd HH:mm:ss[.ffffff]" (UTC for `timestamp`) or ISO 8601 with Z.
// kInvalid naming the value and type when it does not parse; kNotImplemented
// for nested types, which cannot be partition columns.
[[nodiscard]] Result<VectorPtr> MakePartitionColumn(const TypePtr& type,
                                                    const std::optional<std::string>& text,
                                                    int64_t rows);

// The value of `row` as a partition value string, as Spark writes it
// (timestamps ISO 8601 with microseconds and Z; timestamp_ntz with a space);
// nullopt for null and for the empty string, which Delta cannot tell from
// null (Spark also writes an empty partition string as null). REQUIRES: a primitive type (see
// MakePartitionColumn).
[[nodiscard]] Result<std::optional<std::string>> FormatPartitionValue(const ColumnVector& vector,
                                                                      int64_t row);

}  // namespace strata::delta
