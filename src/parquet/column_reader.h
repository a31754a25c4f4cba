// Reading one column chunk of one row group into a ColumnVector: one ranged
// read of the chunk's bytes, then its pages are decoded straight into the
// Arrow buffers (validity bitmap from the definition levels, values, or
// offsets and data for strings).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "columnar/vector.h"
#include "common/result.h"
#include "io/file_system.h"
#include "parquet/row_range.h"
#include "parquet/schema.h"
#include "parquet/thrift/metadata.h"

namespace strata::parquet {

// One column chunk and where it comes from.
struct ColumnChunkSpec {
  const LeafColumn* leaf = nullptr;
  const ColumnMetaData* metadata = nullptr;
  int64_t num_rows = 0;  // Of the row group.
  // The rows the given pages hold when only some of the chunk's pages are
  // given (page pruning); -1 when the bytes hold the whole chunk.
  int64_t page_rows = -1;
  bool verify_checksums = true;
  // For messages, which read "file F, row group R, column 'C', page P: ...".
  std::string_view file_path;
  int row_group = 0;
};

struct ByteRange {
  int64_t offset = 0;
  int64_t length = 0;
};

// The bytes a chunk occupies: from its dictionary page when
// dictionary_page_offset is > 0 and before data_page_offset (writers
// disagree on where the dictionary offset points otherwise), else from
// data_page_offset; total_compressed_size bytes, plus up to `slack` more
// when the file has them (old parquet-mr declared too small a size).
// Corruption when the declared range lies outside a file of `file_size`.
Result<ByteRange> ColumnChunkRange(const ColumnMetaData& metadata, int64_t file_size,
                                   int64_t slack);

// Decodes a chunk held in memory. `bytes` starts at the chunk's first page;
// bytes past metadata.total_compressed_size are slack a last page may use.
// REQUIRES: spec.leaf and spec.metadata are set.
// Errors, prefixed with the location: Invalid for the leaf of a nested
// column (see ReadLeveledChunk); NotImplemented for unsupported codecs and
// encodings; Corruption for any
// inconsistency between the metadata, the page headers, the levels and the
// values (never a crash), including page CRC mismatches when
// spec.verify_checksums is set.
Result<VectorPtr> DecodeColumnChunk(std::span<const uint8_t> bytes, const ColumnChunkSpec& spec);

// Reads `range` of `file` with one ReadAt (none when the row group has no
// rows) and decodes it. Thread-safe for distinct specs: `file` allows
// concurrent reads.
Result<VectorPtr> ReadColumnChunk(RandomAccessFile* file, const ByteRange& range,
                                  const ColumnChunkSpec& spec);

// A chunk of a nested column's leaf with its levels, for assembly: one slot
// per level, valid where the definition level is the leaf's maximum.
struct LeveledChunk {
  VectorPtr slots;
  std::shared_ptr<Buffer> def_levels;  // int16 per slot.
  std::shared_ptr<Buffer> rep_levels;  // int16 per slot; null without repetition.
};

// Reads and decodes the chunk of any leaf (flat ones included) keeping its
// levels; spec.num_rows is the row group's, spec.page_rows must be -1. The
// errors of ReadColumnChunk, and Corruption when the chunk holds fewer
// levels than rows.
Result<LeveledChunk> ReadLeveledChunk(RandomAccessFile* file, const ByteRange& range,
                                      const ColumnChunkSpec& spec);

// Reads only the pages of the chunk holding `rows` (sorted, disjoint ranges
// within the row group), as `offsets` locates them: the bytes before the
// first data page (a dictionary page), then one ReadAt per run of adjacent
// pages; the other pages are never read. Returns exactly the rows in
// `rows`, in order. Reads the whole chunk and selects the rows when
// `offsets` is null or does not fit the chunk (see OffsetIndexUsable).
Result<VectorPtr> ReadColumnChunkRows(RandomAccessFile* file, const ByteRange& range,
                                      const ColumnChunkSpec& spec, const OffsetIndex* offsets,
                                      const std::vector<RowRange>& rows);

// The rows of `column` (all rows of a row group) that are in `rows`
// (sorted, disjoint ranges within it).
Result<VectorPtr> KeepRows(VectorPtr column, const std::vector<RowRange>& rows);

}  // namespace strata::parquet
