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
  std::string compression = "zstd";
  int level = 0;  // 0: the codec's default.
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

// Validates and converts; errors name the option and the bad value.
Result<parquet::WriterOptions> ToWriterOptions(const ParquetCliOptions& options);

// "128MB", "64k", "1048576", "1GiB" -> bytes. Decimal (kB, MB, GB) and
// binary (KiB, MiB, GiB) units; a bare k/m/g means binary.
Result<int64_t> ParseByteSize(std::string_view text);

}  // namespace strata::cli
