// Internal to the convert command: converting one input into the
// destination, shared by convert_command.cc (options, the manifest of
// converted inputs, reporting) and convert_input.cc (reading and writing).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cli/context.h"
#include "cli/parquet_options.h"
#include "cli/schema_file.h"
#include "cli/table_input.h"
#include "cli/text_input.h"
#include "columnar/schema.h"
#include "common/result.h"
#include "dataset/dataset_writer.h"
#include "io/file_system.h"

namespace strata::cli {

struct ConvertOptions {
  std::vector<std::string> inputs;
  std::string to;
  std::vector<std::string> columns;
  std::string where;
  std::string partition_by;
  std::string target_file_size = "512MB";
  // --sort-by: DuckDB ORDER BY keys ("a, b DESC NULLS FIRST"); empty: no sort.
  std::string sort_by;
  std::string sort_memory = "256MB";  // The sort's budget before it spills.
  std::string format;
  std::string quarantine;
  bool print_schema = false;
  std::string schema;  // --schema FILE.
  // The parsed --schema file, loaded once for every input; null without.
  std::shared_ptr<const SchemaFile> schema_file;
  bool overwrite = false;
  bool dry_run = false;
  ParquetCliOptions parquet;
  CsvCliOptions csv;  // Also the value, sample and bad-row options of JSON.
  JsonCliOptions json;
  TimeTravel travel;  // For Delta table inputs.
};

struct Summary {
  std::string input;
  std::string output;  // The file, or the directory.
  int64_t rows = 0;
  int64_t rejected = 0;
  std::string quarantine;  // Where rejected rows went, if anywhere.
  int64_t files = 0;
  int64_t input_bytes = 0;
  int64_t output_bytes = 0;
  double seconds = 0;
  bool skipped = false;     // Already converted: nothing written.
  std::string checksum;     // Of the input's bytes.
  std::string skip_reason;  // With skipped: when it was converted.
};

// Called after a directory's files are finished and before they become
// visible, with their final paths: records them in the manifest.
using BeforePublish = std::function<Status(const std::vector<dataset::WrittenFile>&)>;

// The key-value metadata key under which a single output file records the
// checksum of the input it was converted from.
inline constexpr std::string_view kSourceChecksumKey = "strata.source.checksum";

// A single file is written when DEST ends in .parquet and nothing asks for
// a directory.
bool WritesSingleFile(const ConvertOptions& opts);

// The schema inferred for a CSV input with the command's options.
Result<SchemaPtr> InferSchema(FileSystem* fs, const std::string& input, const ConvertOptions& opts);

// The schema a CSV input is read with: opts.schema_file's, checked against
// the input's header, else the inferred one.
Result<SchemaPtr> CsvInputSchema(FileSystem* fs, const std::string& input,
                                 const ConvertOptions& opts);

// The schema a JSON input is read with: opts.schema_file's, checked against
// a sample of the input (JsonSchemaFromFile, which also sets the
// `read_options` a declared schema needs), else the inferred one.
Result<SchemaPtr> JsonInputSchema(FileSystem* fs, const std::string& input,
                                  const ConvertOptions& opts,
                                  formats::JsonReadOptions* read_options);

// Converts `input` into opts.to (a file, or new files in the directory).
// `summary` comes in with input, output, input_bytes and checksum set; a
// CSV or JSON input may come without the checksum, which is then taken as
// the input is read (one pass over the file instead of two).
Status ConvertOne(FileSystem* fs, const std::string& input, const ConvertOptions& opts,
                  const CliContext& ctx, const BeforePublish& before_publish, Summary* summary);

}  // namespace strata::cli
