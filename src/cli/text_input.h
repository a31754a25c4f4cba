// Reading text inputs from the command line: the CSV dialect, JSON
// record-selection, null, type and error options shared by every command
// that reads CSV or JSON (convert today, ingest later), and recognising
// what kind of file an input is.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "common/result.h"
#include "formats/csv_reader.h"
#include "formats/json_reader.h"
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

struct JsonCliOptions {
  std::string records;
  std::vector<std::string> carry;
  bool flatten = false;
  std::string on_conflict = "fail";
};

// Adds --delimiter, --quote, --escape, --no-header, --skip-rows, --comment,
// --null, --sample, --date-format, --timestamp-format, --decimals,
// --on-error and --max-errors.
void AddCsvReadOptions(CLI::App* cmd, CsvCliOptions* options);

// Validates and converts; errors name the option and the bad value.
// --on-error quarantine reads like skip; the caller keeps the rows.
Result<formats::CsvReadOptions> ToCsvReadOptions(const CsvCliOptions& options);
Result<formats::InferOptions> ToInferOptions(const CsvCliOptions& options);

// Adds --records, --carry, --flatten and --on-conflict.
void AddJsonReadOptions(CLI::App* cmd, JsonCliOptions* options);
// The JSON reader's options: record selection from `json`, and the value,
// sample and bad-row options from `shared` (the CSV-only ones are ignored).
Result<formats::JsonReadOptions> ToJsonReadOptions(const JsonCliOptions& json,
                                                   const CsvCliOptions& shared);

enum class InputKind { kParquet, kCsv, kJson, kDeltaTable };

// A directory with a _delta_log is a Delta table; otherwise by name (.parquet; .csv, .tsv, .txt;
// .json, .jsonl, .ndjson; also ending .gz or .zst), else by content: Parquet's magic, then '{' or
// '[' as the first non-blank byte of an uncompressed file for JSON, else CSV. `format` ("parquet",
// "csv", "json" or empty) overrides.
Result<InputKind> DetectInputKind(FileSystem* fs, const std::string& path,
                                  const std::string& format);

}  // namespace strata::cli
