// Hive-style partitioning: which directory (`key=value/...`) each row of a
// batch belongs to, with the keys either a column's value (identity) or a
// calendar field derived from a date or timestamp column.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/record_batch.h"
#include "columnar/schema.h"
#include "common/result.h"

namespace strata::dataset {

enum class PartitionTransform : uint8_t { kIdentity, kYear, kMonth, kDay, kDate, kHour };

struct PartitionField {
  std::string name;  // The directory key.
  int column = 0;    // The source column in the data schema.
  PartitionTransform transform = PartitionTransform::kIdentity;
};

// Parses a `--partition-by` list: comma-separated `col`, `fn(col)` or
// `key=fn(col)` with fn one of year, month, day, date, hour (the key
// defaults to fn). Derived keys come from a date or timestamp column
// (hour: timestamps only), computed in UTC for UTC-adjusted timestamps and
// on the wall clock otherwise.
// Errors: NotFound naming an unknown column and the available ones; Invalid
// for a malformed item, an unknown function, a type the function cannot
// take, a nested or floating-point identity column, or a repeated key.
Result<std::vector<PartitionField>> ParsePartitioning(std::string_view text, const Schema& schema);

// Percent-encodes a key or value for a path segment as DuckDB does for
// ASCII (every byte but letters, digits and `-_.~`), leaving UTF-8 bytes
// >= 0x80 as they are, as Hive and Spark do (Spark decodes %XX bytewise).
std::string EscapePartitionText(std::string_view text);

// The null value's directory name.
inline constexpr std::string_view kHiveNullValue = "__HIVE_DEFAULT_PARTITION__";

// For each row of `batch`, its partition directory "k1=v1/k2=v2" (escaped;
// nulls as kHiveNullValue; an empty string stays empty, "k=", as DuckDB
// writes it). REQUIRES: `fields` were parsed against batch's schema.
Result<std::vector<std::string>> PartitionPaths(const RecordBatch& batch,
                                                const std::vector<PartitionField>& fields);

// The schema of the data files: the data schema without the columns that
// identity partitions store in directory names (readers add them back).
SchemaPtr FileSchema(const Schema& schema, const std::vector<PartitionField>& fields);
// The columns of `batch` that FileSchema keeps.
Result<RecordBatchPtr> FileColumns(const RecordBatchPtr& batch, const SchemaPtr& file_schema);

}  // namespace strata::dataset
