// ColumnChunkWriter: encodes the values of one leaf column for one row
// group into Parquet pages (dictionary page first, then data pages), with
// statistics, page index entries and an optional bloom filter. The chunk is
// kept in memory until the row group is flushed by the file writer.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include "columnar/vector.h"
#include "common/buffer.h"
#include "common/result.h"
#include "parquet/codec/bloom_filter.h"
#include "parquet/schema.h"
#include "parquet/thrift/metadata.h"

namespace strata::parquet {

struct ColumnWriterOptions {
  CompressionCodec codec = CompressionCodec::kZstd;
  std::optional<int> compression_level;
  // nullopt: the auto policy (tries the candidate encodings on the first
  // page and keeps the smallest after compression). kRleDictionary: a
  // dictionary, falling back to PLAIN when it outgrows its limit. Any other
  // value: that encoding for every page.
  std::optional<Encoding> encoding;
  int64_t page_bytes = 1 << 20;
  int64_t page_rows = 20000;  // Small enough for the page index to prune.
  int64_t dictionary_page_bytes = 1 << 20;
  int data_page_version = 1;  // 1 or 2.
  bool write_statistics = true;
  bool write_page_index = true;
  bool write_checksums = true;
  int64_t statistics_truncate_length = 64;
  bool bloom_filter = false;
  double bloom_filter_fpp = 0.01;
};

// One finished column chunk. Offsets in `metadata` and `offset_index` are
// relative to the start of `data`; the file writer adds the file position.
struct EncodedChunk {
  Buffer data;
  ColumnMetaData metadata;
  std::optional<ColumnIndex> column_index;
  std::optional<OffsetIndex> offset_index;
  std::unique_ptr<BloomFilter> bloom_filter;
};

// Thread safety: one thread at a time per writer; different writers run in
// parallel.
class ColumnChunkWriter {
 public:
  virtual ~ColumnChunkWriter() = default;

  // Checks that the options suit the leaf (e.g. an explicit encoding the
  // physical type cannot use is Invalid).
  static Result<std::unique_ptr<ColumnChunkWriter>> Make(const LeafColumn& leaf,
                                                         const ColumnWriterOptions& options);

  // Appends every row of `values`, one value or null per row: the form of
  // leaves whose levels are at most a validity bit (max repetition level 0,
  // max definition level 0 or 1). REQUIRES: values has the leaf's type; a
  // writer takes either Write or WriteLevels calls, never both.
  virtual Status Write(const ColumnVector& values) = 0;
  // Appends shredded entries of a nested leaf (see shred.h): one definition
  // level per entry, one repetition level per entry when the leaf repeats
  // (empty otherwise), and the values of the entries at the maximum
  // definition level, in order. Pages end only where a row starts
  // (repetition level 0), so page row counts and the page index stay exact.
  // REQUIRES: dense_values has the leaf's type and no nulls.
  // Errors: Invalid when the spans' sizes disagree, a level is out of range,
  // the first entry does not start a row, or the value count differs from
  // the entries at the maximum definition level.
  virtual Status WriteLevels(const ColumnVector& dense_values, std::span<const int16_t> def_levels,
                             std::span<const int16_t> rep_levels) = 0;
  // Encoded bytes buffered so far, for row-group size limits.
  virtual int64_t buffered_bytes() const = 0;
  // Ends the chunk and resets the writer for the next row group.
  virtual Result<EncodedChunk> Finish() = 0;
};

}  // namespace strata::parquet
