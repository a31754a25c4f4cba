// File statistics of add actions (`stats` JSON: numRecords, minValues,
// maxValues, nullCount, tightBounds), read lazily: most readers need only
// a few of them.

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "parquet/thrift/metadata.h"

namespace strata::delta {

// numRecords of a stats JSON text; nullopt when absent or unreadable (stats
// are optional, so a malformed one only disables what depends on it).
std::optional<int64_t> NumRecords(std::string_view stats_json);

// The stats JSON of a data file from its Parquet footer: numRecords, and
// per leaf column (keyed by the file's, i.e. physical, names; structs
// nested as in the schema) nullCount, and minValues/maxValues for numbers,
// decimals, dates, timestamps (milliseconds) and strings (cut to 32
// characters). Only the first `num_indexed_cols` leaves are covered (-1:
// all), as `delta.dataSkippingNumIndexedCols` asks. Errors: a footer whose
// schema cannot be interpreted.
[[nodiscard]] Result<std::string> StatsFromFooter(const parquet::FileMetaData& footer,
                                                  int num_indexed_cols);

}  // namespace strata::delta
