// Reading CSV inputs from the command line: the dialect, null, type and
// error options shared by every command that reads CSV (convert today,
// ingest later), and recognising what kind of file an input is.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "common/result.h"
#include "formats/csv_reader.h"
#include "io/file_system.h"

namespace strata::cli {

struct CsvCliOptions {
  std::string delimiter = ",";
  std::string quote = "\"";
  std::string escape;
  bool no_header = false;
  int64_t skip_rows = 0;
  std::string comment;
  std::vector<std::string> nulls;
  std::string sample = "20480";
  std::string date_format;
  std::string timestamp_format;
  std::string decimals = "float";
  std::string on_error = "fail";
  int64_t max_errors = -1;
};

// Adds --delimiter, --quote, --escape, --no-header, --skip-rows, --comment,
// --null, --sample, --date-format, --timestamp-format, --decimals,
// --on-error and --max-errors.
void AddCsvReadOptions(CLI::App* cmd, CsvCliOptions* options);

// Validates and converts; errors name the option and the bad value.
// --on-error quarantine reads like skip; the caller keeps the rows.
Result<formats::CsvReadOptions> ToCsvReadOptions(const CsvCliOptions& options);
Result<formats::InferOptions> ToInferOptions(const CsvCliOptions& options);

enum class InputKind { kParquet, kCsv };

// By name (.parquet; .csv, .tsv, .txt, also ending .gz or .zst), else by
// content (Parquet's magic). `format` ("parquet", "csv" or empty) overrides.
// JSON inputs are refused as not implemented yet.
Result<InputKind> DetectInputKind(FileSystem* fs, const std::string& path,
                                  const std::string& format);

}  // namespace strata::cli
