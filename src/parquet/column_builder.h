// LeafColumnBuilder: turns the data pages of one column chunk into one
// ColumnVector with a row per level: for a flat column that is its rows,
// for a leaf of a nested column the slots the levels describe, which the
// assembly (assemble.h) turns into nested values using the levels the
// builder keeps for it. Levels and values are decoded in batches so that
// scratch memory stays small and a page that lies about its value count
// fails before it can make the builder allocate for values it does not hold.
#pragma once

#include <cstdint>

#include "columnar/vector.h"
#include "common/buffer.h"
#include "common/result.h"
#include "parquet/encoding/rle_bit_packed.h"
#include "parquet/page_reader.h"
#include "parquet/schema.h"
#include "parquet/value_decoder.h"

namespace strata::parquet {

// Thread safety: none; one builder per column chunk and thread.
class LeafColumnBuilder {
 public:
  // Levels and values decoded per step.
  static constexpr int64_t kBatchValues = 4096;
  // Rows the output buffers are sized for up front, so typical row groups
  // never copy them to grow, while a footer's row count alone cannot make
  // the reader allocate much.
  static constexpr int64_t kReserveRows = int64_t{1} << 20;

  // `num_rows` is the levels the chunk holds (its rows when flat). With
  // `keep_levels`, every page's definition and repetition levels are kept
  // for levels(). REQUIRES: `decoder` decodes the leaf's physical type and
  // outlives the builder; keep_levels when the leaf has repetition levels.
  LeafColumnBuilder(const LeafColumn& leaf, ValueDecoder* decoder, int64_t num_rows,
                    bool keep_levels = false);

  // Sizes the buffers for the chunk's rows (at most kReserveRows).
  // REQUIRES: called once, before AddPage.
  Status Reserve();

  // Rows decoded so far.
  int64_t rows() const { return rows_; }

  // Decodes every value of `page`. Corruption when the page holds more
  // values than rows remain, a required column has nulls, the levels or
  // values are malformed or too few, or a value does not fit the column's
  // type. NotImplemented for an encoding the physical type cannot use.
  Status AddPage(const DataPage& page);

  // The column built from all pages. Corruption when fewer than num_rows
  // rows were decoded, or a string column holds invalid UTF-8.
  Result<VectorPtr> Finish();

  // The int16 definition and repetition levels of every row (empty
  // repetition levels when the leaf has none), moved out.
  // REQUIRES: keep_levels; Finish() succeeded.
  Buffer TakeDefinitionLevels() { return std::move(all_def_); }
  Buffer TakeRepetitionLevels() { return std::move(all_rep_); }

 private:
  enum class Output : uint8_t { kBool, kBinary, kFixedWidth };

  Result<int64_t> ReadLevels(int64_t n);
  Status ReadRepetitionLevels(const DataPage& page);
  Status KeepDefinitionLevels(int64_t n);
  Status DecodeBatch(int64_t n, int64_t valid);
  Status DecodeBooleans(int64_t n, int64_t valid);
  Status DecodeBinary(int64_t n, int64_t valid);
  Status DecodeFixedWidth(int64_t n, int64_t valid);
  Status ValidateUtf8() const;

  const LeafColumn& leaf_;
  ValueDecoder* decoder_;
  const int64_t num_rows_;
  const bool keep_levels_;
  Output output_;
  const int physical_width_;  // Bytes per dense value from the decoder.
  int value_width_ = 0;       // Bytes per value in values_ (fixed width).
  int64_t rows_ = 0;
  int64_t null_count_ = 0;

  // Definition levels of the current page.
  bool bit_packed_levels_ = false;
  RleBitPackedDecoder level_runs_;
  BitPackedLegacyDecoder legacy_levels_;

  Buffer validity_;  // Bitmap of rows_ bits (only when the column is optional).
  Buffer values_;    // Fixed-width values, or the bool bitmap.
  Buffer offsets_;   // Binary: rows_ + 1 int32 offsets.
  Buffer data_;      // Binary: value bytes.
  Buffer levels_;    // int16 levels of the current batch.
  Buffer scratch_;   // Dense physical values awaiting conversion.
  Buffer scratch_offsets_;
  Buffer scratch_data_;
  Buffer all_def_;  // keep_levels_: int16 definition levels of rows_ rows.
  Buffer all_rep_;  // keep_levels_: int16 repetition levels of rows_ rows.
};

}  // namespace strata::parquet
