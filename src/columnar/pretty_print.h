// Box-drawn tables for humans, in the style of DuckDB's CLI:
//
//   ┌───────┬─────────┐
//   │   id  │  name   │
//   │ int32 │ string  │
//   ├───────┼─────────┤
//   │     1 │ ada     │
//   │  NULL │ NULL    │
//   ├───────┴─────────┤
//   │ 2 rows          │
//   └─────────────────┘
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "columnar/record_batch.h"
#include "columnar/schema.h"

namespace strata {

struct PrettyPrintOptions {
  // At most this many rows are shown; of longer results the first and last
  // halves are shown around a row of '·'.
  int64_t max_rows = 40;
  // Cells, names and types wider than this many terminal columns are cut
  // and end in '…'. REQUIRES: >= 1.
  int32_t max_col_width = 40;
  // The second header row with each column's type.
  bool show_types = true;
  // The "N rows" footer ("N rows (M shown)" when rows were left out).
  bool show_row_count = true;
};

// Renders the batch as a table; every line ends in '\n'. Numbers are
// right-aligned and everything else left-aligned; values are rendered by
// FormatValue with control characters escaped (\n, \t, \xHH) so each row
// stays on one line. Widths are terminal columns (utf8::DisplayWidth), so
// CJK characters and emoji, two columns each, stay aligned.
std::string FormatTable(const RecordBatch& batch, const PrettyPrintOptions& options = {});
// One table over a stream of batches. REQUIRES: every batch has `schema`.
std::string FormatTable(const Schema& schema, std::span<const RecordBatchPtr> batches,
                        const PrettyPrintOptions& options = {});

}  // namespace strata
