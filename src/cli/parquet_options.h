// The Parquet writer options shared by every command that writes Parquet
// (generate, convert): codec and level, row group and page sizes, page
// version, encodings per column, bloom filters.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "common/result.h"
#include "parquet/file_writer.h"

namespace strata::cli {

struct ParquetCliOptions {
  // "CODEC[:LEVEL]" for every column (zstd when none is given) or
  // "COLUMN=CODEC[:LEVEL]"; codecs: zstd, snappy, gzip, lz4, brotli,
  // uncompressed.
  std::vector<std::string> compression;
  int level = 0;  // Of the default codec; 0: the codec's default.
  int64_t row_group_rows = 1 << 20;
  std::string row_group_size = "128MB";
  std::string page_size = "1MB";
  std::string dictionary_page_size = "1MB";
  int data_page_version = 1;
  // "ENCODING" for every column or "COLUMN=ENCODING"; encodings: auto,
  // plain, dictionary, delta_binary_packed, delta_length_byte_array,
  // delta_byte_array, byte_stream_split.
  std::vector<std::string> encodings;
  std::vector<std::string> bloom_filter_columns;
  bool page_index = true;
  bool checksums = true;
};

// Adds --compression, --level, --row-group-rows, --row-group-size,
// --page-size, --dictionary-page-size, --data-page-version, --encoding, --bloom-filter,
// --no-page-index and --no-checksums to `cmd`.
void AddParquetWriteOptions(CLI::App* cmd, ParquetCliOptions* options);

// Validates and converts; errors name the option, the column and the bad
// value. A COLUMN=CODEC entry goes to column_codecs (the last one for a
// column wins); a codec's level is checked here, not when writing.
Result<parquet::WriterOptions> ToWriterOptions(const ParquetCliOptions& options);

// "zstd" or "zstd:9" -> a codec and its level (nullopt without one).
// Errors: Invalid naming the unknown codec or the bad level (not an integer,
// out of the codec's range, or given to a codec without levels).
Result<parquet::WriterOptions::ColumnCodec> ParseCodecSpec(std::string_view text);

// "128MB", "64k", "1048576", "1GiB" -> bytes. Decimal (kB, MB, GB) and
// binary (KiB, MiB, GiB) units; a bare k/m/g means binary.
Result<int64_t> ParseByteSize(std::string_view text);

}  // namespace strata::cli
