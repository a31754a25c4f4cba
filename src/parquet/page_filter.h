// Page-level pruning: from the page index (ColumnIndex + OffsetIndex) of a
// row group's column chunks, the rows a predicate may match, and for each
// column chunk the pages holding those rows, so the other pages are never
// read.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "common/result.h"
#include "io/file_system.h"
#include "parquet/predicate.h"
#include "parquet/schema.h"
#include "parquet/thrift/metadata.h"

namespace strata::parquet {

// The chunk's OffsetIndex, read from column_index/offset_index_offset;
// nullopt when the chunk has none. Errors: the file system's, Corruption
// for an index outside the file or malformed.
Result<std::optional<OffsetIndex>> ReadOffsetIndexOf(RandomAccessFile* file,
                                                     const ColumnChunk& chunk);
// As ReadOffsetIndexOf, for the ColumnIndex.
Result<std::optional<ColumnIndex>> ReadColumnIndexOf(RandomAccessFile* file,
                                                     const ColumnChunk& chunk);

// The rows of `row_group` that may match `predicate`, as sorted disjoint
// ranges: the intersection over the conjuncts of the rows of the pages
// their column index keeps. The whole row group when no conjunct column has
// a usable page index (missing, unreadable, inconsistent or in an unknown
// column order): pruning only ever skips rows that cannot match.
// REQUIRES: `predicate` was bound to the schema `leaves` belong to.
std::vector<RowRange> SelectRows(RandomAccessFile* file, const std::vector<LeafColumn>& leaves,
                                 const RowGroup& row_group, const BoundPredicate& predicate,
                                 const std::vector<ColumnOrder>* column_orders);

// Whether `index` describes the pages of a chunk of `num_rows` rows lying in
// the bytes [chunk_begin, chunk_end): pages in increasing offset order that
// do not overlap and stay inside the chunk, first rows strictly increasing
// from 0 and below num_rows. Only then can pages be read alone.
bool OffsetIndexUsable(const OffsetIndex& index, int64_t chunk_begin, int64_t chunk_end,
                       int64_t num_rows);

// The indices of the pages of `index` holding at least one row of `rows`.
// REQUIRES: OffsetIndexUsable(index, ...) for a chunk of `num_rows` rows.
std::vector<int> PagesForRows(const OffsetIndex& index, int64_t num_rows,
                              const std::vector<RowRange>& rows);

}  // namespace strata::parquet
