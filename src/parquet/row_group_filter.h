// Choosing the row groups of a file that may hold rows matching a
// predicate, from column chunk statistics and bloom filters, so the rest
// are never read.
#pragma once

#include <vector>

#include "common/result.h"
#include "io/file_system.h"
#include "parquet/file_reader.h"
#include "parquet/predicate.h"

namespace strata::parquet {

// The row groups of `reader`'s file that may hold a row matching
// `predicate`, in file order. Reads only the bloom filters of equality and
// IN columns of row groups the statistics keep (a filter that cannot be
// read or parsed keeps its row group: pruning is an optimisation).
// REQUIRES: `predicate` was bound to reader.schema(); `fs` is the file
// system the reader reads from.
Result<std::vector<int>> SelectRowGroups(FileSystem* fs, const ParquetReader& reader,
                                         const BoundPredicate& predicate);

// As above, for the row groups `candidates` (kept in their order) of the
// file `metadata` and `schema` describe, read through `file`.
Result<std::vector<int>> SelectRowGroups(RandomAccessFile* file, const FileMetaData& metadata,
                                         const ParquetSchema& schema,
                                         const BoundPredicate& predicate,
                                         const std::vector<int>& candidates);

// Reads the bloom filter of `column` (header + bitset at
// bloom_filter_offset); NotFound when the chunk has none. Tolerates writers
// that omit bloom_filter_length.
Result<std::unique_ptr<BloomFilter>> ReadBloomFilter(RandomAccessFile* file,
                                                     const ColumnMetaData& column);

}  // namespace strata::parquet
