// `strata ingest TABLE INPUT...`: CSV, JSON and Parquet inputs into a Delta
// table as one commit, with the table's schema enforced (and created from
// the inputs when the table does not exist yet).
//
// Text inputs are read with declared types: the table's type for every
// column the table has (so a value that does not fit is a row error under
// --on-error, never a silent conversion), the inferred type for the others
// (new tables, --merge-schema). Several inputs of a new table agree on the
// widest type of each column first.
#include <fmt/format.h>

#include <set>

#include "cli/commands.h"
#include "cli/convert.h"
#include "cli/quarantine.h"
#include "cli/scan.h"
#include "delta/delta_schema.h"
#include "delta/table_writer.h"
#include "delta/type_adapt.h"
#include "formats/csv_reader.h"
#include "formats/json_reader.h"
#include "formats/read_options.h"
#include "io/content_hash.h"
#include "io/local_file_system.h"

namespace strata::cli {
namespace {

struct IngestOptions {
  std::string table;
  std::vector<std::string> inputs;
  std::string mode = "append";
  bool merge_schema = false;
  bool overwrite_schema = false;
  std::vector<std::string> partition_by;
  std::string app_id;
  std::optional<int64_t> app_version;
  std::string target_file_size = "128MB";
  // Skip inputs whose content the table already holds (a txn action per
  // input content checksum records what was ingested).
  bool incremental = false;
  ConvertOptions read;  // Input format, CSV/JSON options, Parquet writer options.
};

struct Input {
  std::string path;
  InputKind kind = InputKind::kCsv;
  SchemaPtr inferred;  // As found in the input.
};

constexpr std::string_view kInputAppPrefix = "strata.input/";

bool IsDataFileName(std::string_view name) {
  for (std::string_view suffix : {".gz", ".zst"}) {
    if (name.ends_with(suffix)) name.remove_suffix(suffix.size());
  }
  for (std::string_view extension :
       {".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson", ".parquet"}) {
    if (name.ends_with(extension)) return true;
  }
  return false;
}

// The inputs with each directory (that is not a Delta table) replaced by
// the data files below it, in name order; hidden names are skipped.
Result<std::vector<std::string>> ExpandInputs(FileSystem* fs,
                                              const std::vector<std::string>& inputs) {
  std::vector<std::string> out;
  for (const std::string& input : inputs) {
    ASSIGN_OR_RETURN(FileInfo info, fs->GetFileInfo(input));
    ASSIGN_OR_RETURN(bool is_table, delta::IsDeltaTable(fs, input));
    if (info.type != FileType::kDirectory || is_table) {
      out.push_back(input);
      continue;
    }
    ASSIGN_OR_RETURN(std::vector<FileInfo> entries, fs->ListDir(input, /*recursive=*/true));
    for (const FileInfo& entry : entries) {
      const std::string_view path = entry.path;
      const std::string_view relative = path.substr(input.size());
      if (entry.type != FileType::kFile || relative.find("/.") != std::string_view::npos ||
          relative.find("/_") != std::string_view::npos || !IsDataFileName(path)) {
        continue;
      }
      out.push_back(entry.path);
    }
  }
  return out;
}

// The type a column is read with: the table's when it has the column,
// unless merging and the input's type widens it.
TypePtr TargetType(const Field& field, const Schema* table, bool merge) {
  if (table != nullptr) {
    const int index = table->FieldIndex(field.name);
    if (index < 0) return field.type;
    const TypePtr& table_type = table->field(index).type;
    Result<TypePtr> delta_type = delta::ToDeltaType(field.type);
    if (merge && delta_type.ok() && delta::IsTypeWidening(*table_type, **delta_type)) {
      return *delta_type;
    }
    return table_type;
  }
  return field.type;
}

// For a new table: each column's type across inputs, widened where one
// input's type reads losslessly as another's.
Result<SchemaPtr> UnionSchema(const std::vector<Input>& inputs) {
  std::vector<Field> fields;
  for (const Input& input : inputs) {
    for (const Field& field : input.inferred->fields()) {
      auto it = std::find_if(fields.begin(), fields.end(),
                             [&](const Field& f) { return f.name == field.name; });
      if (it == fields.end()) {
        fields.emplace_back(field.name, field.type, true);
      } else if (!it->type->Equals(*field.type)) {
        if (delta::CanReadAs(it->type, field.type)) {
          it->type = field.type;
        } else if (!delta::CanReadAs(field.type, it->type)) {
          return Status::Invalid("column '{}' is {} in {} but {} in an earlier input", field.name,
                                 field.type->ToString(), input.path, it->type->ToString());
        }
      }
    }
  }
  return MakeSchema(std::move(fields));
}

// The schema file that makes the text reader parse `input` into the
// target types (in the input's own column order).
std::shared_ptr<const SchemaFile> ReadSchemaFor(const Input& input, const Schema& target) {
  auto file = std::make_shared<SchemaFile>();
  file->path = input.path;
  for (const Field& field : input.inferred->fields()) {
    SchemaColumn column;
    column.name = field.name;
    column.from = field.name;
    column.type = target.field(target.FieldIndex(field.name)).type;
    for (const auto& [key, value] : field.metadata) {
      if (key == formats::kDateFormatKey || key == formats::kTimestampFormatKey)
        column.format = value;
    }
    file->columns.push_back(std::move(column));
  }
  return file;
}

Result<std::unique_ptr<RecordBatchReader>> OpenInput(FileSystem* fs, const Input& input,
                                                     const Schema& target,
                                                     const IngestOptions& opts) {
  if (input.kind == InputKind::kParquet || input.kind == InputKind::kDeltaTable) {
    return OpenScan(ScanRequest{.path = input.path});
  }
  ConvertOptions read = opts.read;
  read.schema_file = ReadSchemaFor(input, target);
  if (input.kind == InputKind::kJson) {
    ASSIGN_OR_RETURN(formats::JsonReadOptions options, ToJsonReadOptions(read.json, read.csv));
    ASSIGN_OR_RETURN(SchemaPtr schema, JsonInputSchema(fs, input.path, read, &options));
    options.allow_widening = false;
    ASSIGN_OR_RETURN(auto reader, formats::JsonReader::Open(fs, input.path, schema, options));
    return std::unique_ptr<RecordBatchReader>(std::move(reader));
  }
  ASSIGN_OR_RETURN(formats::CsvReadOptions options, ToCsvReadOptions(read.csv));
  ASSIGN_OR_RETURN(SchemaPtr schema, CsvInputSchema(fs, input.path, read));
  options.allow_widening = false;
  ASSIGN_OR_RETURN(auto reader, formats::CsvReader::Open(fs, input.path, schema, options));
  return std::unique_ptr<RecordBatchReader>(std::move(reader));
}

Result<delta::TableWriteOptions> WriteOptions(const IngestOptions& opts) {
  delta::TableWriteOptions options;
  options.mode =
      opts.mode == "overwrite" ? delta::TableWriteMode::kOverwrite : delta::TableWriteMode::kAppend;
  options.merge_schema = opts.merge_schema;
  options.overwrite_schema = opts.overwrite_schema;
  options.partition_columns = opts.partition_by;
  if (!opts.app_id.empty()) {
    if (!opts.app_version) return Status::Invalid("--app-id needs --app-version");
    options.app_id = opts.app_id;
    options.app_version = *opts.app_version;
  } else if (opts.app_version) {
    return Status::Invalid("--app-version needs --app-id");
  }
  ASSIGN_OR_RETURN(options.file, ToWriterOptions(opts.read.parquet));
  ASSIGN_OR_RETURN(options.target_file_bytes, ParseByteSize(opts.target_file_size));
  options.operation = "WRITE";
  options.extra_parameters["source"] = fmt::format("{}", fmt::join(opts.inputs, ","));
  return options;
}

// Drops (and reports) the inputs the table holds already, by checksum.
Result<std::vector<std::string>> NewInputs(FileSystem* fs, const IngestOptions& opts,
                                           const std::vector<std::string>& paths,
                                           std::vector<std::string>* checksums,
                                           const CliContext& ctx) {
  std::shared_ptr<const delta::Snapshot> snapshot;
  ASSIGN_OR_RETURN(bool exists, delta::IsDeltaTable(fs, opts.table));
  if (exists) {
    ASSIGN_OR_RETURN(snapshot, delta::Snapshot::Load(fs, opts.table, {}));
  }
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const std::string& path : paths) {
    ASSIGN_OR_RETURN(std::string checksum, FileContentChecksum(fs, path));
    const bool held = snapshot != nullptr &&
                      snapshot->TxnVersion(std::string(kInputAppPrefix) + checksum).has_value();
    if (held || !seen.insert(checksum).second) {
      if (!ctx.quiet) {
        ctx.Print("input={} skipped: its content was ingested before ({})\n", path, checksum);
      }
      continue;
    }
    out.push_back(path);
    checksums->push_back(std::move(checksum));
  }
  return out;
}

Result<std::vector<Input>> InspectInputs(FileSystem* fs, const IngestOptions& opts,
                                         const std::vector<std::string>& paths) {
  std::vector<Input> inputs;
  for (const std::string& path : paths) {
    Input input{path};
    ASSIGN_OR_RETURN(input.kind, DetectInputKind(fs, path, opts.read.format));
    if (input.kind == InputKind::kParquet || input.kind == InputKind::kDeltaTable) {
      ASSIGN_OR_RETURN(auto scan, OpenScan(ScanRequest{.path = path}));
      input.inferred = scan->schema();
    } else {
      Result<SchemaPtr> inferred = InferSchema(fs, path, opts.read);
      if (!inferred.ok()) return inferred.status().WithContext(path);
      input.inferred = *inferred;
    }
    inputs.push_back(std::move(input));
  }
  return inputs;
}

// The schema the inputs are read into: the table's types for its columns.
Result<SchemaPtr> TargetSchema(FileSystem* fs, const IngestOptions& opts,
                               const std::vector<Input>& inputs) {
  ASSIGN_OR_RETURN(SchemaPtr merged, UnionSchema(inputs));
  ASSIGN_OR_RETURN(bool exists, delta::IsDeltaTable(fs, opts.table));
  if (!exists || opts.overwrite_schema) return merged;
  Result<std::shared_ptr<const delta::Snapshot>> snapshot =
      delta::Snapshot::Load(fs, opts.table, {});
  if (!snapshot.ok())
    return snapshot.status().IsNotFound() ? Result<SchemaPtr>(merged) : snapshot.status();
  std::vector<Field> fields;
  for (const Field& field : merged->fields()) {
    fields.emplace_back(field.name,
                        TargetType(field, (*snapshot)->schema().get(), opts.merge_schema), true);
  }
  return MakeSchema(std::move(fields));
}

// Parquet inputs and tables keep their own types (text inputs are parsed
// into the table's): each must convert to the table's without loss.
Status CheckTypedInputs(const std::vector<Input>& inputs, const Schema& table,
                        const std::string& name) {
  for (const Input& input : inputs) {
    if (input.kind != InputKind::kParquet && input.kind != InputKind::kDeltaTable) continue;
    const std::vector<std::string> differences =
        delta::SchemaDifferences(*input.inferred, table, /*allow_new_columns=*/false);
    if (!differences.empty()) {
      return Status::Invalid("{} does not match the schema of {}: {}", input.path, name,
                             fmt::join(differences, "; "));
    }
  }
  return Status::OK();
}

// --on-error quarantine: the rejected rows of `input` go to
// TABLE/_rejected/<input name>.rejected.csv (a `_` directory, which Delta
// readers and vacuum leave alone), published only once the commit is made.
Result<std::unique_ptr<QuarantineFile>> QuarantineFor(FileSystem* fs, const IngestOptions& opts,
                                                      const Input& input) {
  if (opts.read.csv.on_error != "quarantine") return std::unique_ptr<QuarantineFile>();
  const std::string dir = opts.table + "/_rejected";
  RETURN_NOT_OK(fs->CreateDir(dir, /*recursive=*/true));
  const size_t slash = input.path.find_last_of('/');
  const std::string name = input.path.substr(slash == std::string::npos ? 0 : slash + 1);
  return std::make_unique<QuarantineFile>(fs, dir + "/" + name + ".rejected.csv");
}

// Reads every batch of `input` into the writer; rejected rows are counted
// and, with quarantine, kept.
Status IngestInput(FileSystem* fs, const Input& input, const Schema& target,
                   const IngestOptions& opts, delta::TableWriter* writer,
                   QuarantineFile* quarantine, int64_t* rejected) {
  ASSIGN_OR_RETURN(std::unique_ptr<RecordBatchReader> reader, OpenInput(fs, input, target, opts));
  auto* text = dynamic_cast<formats::TextReader*>(reader.get());
  for (;;) {
    ASSIGN_OR_RETURN(RecordBatchPtr batch, reader->Next());
    if (batch == nullptr) break;
    RETURN_NOT_OK((writer->Write(batch)).WithContext(input.path));
    if (quarantine != nullptr && text != nullptr)
      RETURN_NOT_OK(quarantine->Add(text->TakeRejected()));
  }
  if (text == nullptr) return Status::OK();
  if (quarantine != nullptr) RETURN_NOT_OK(quarantine->Add(text->TakeRejected()));
  *rejected += text->rows_rejected();
  return Status::OK();
}

Status PrintResult(const delta::TableWriteResult& result, const IngestOptions& opts,
                   int64_t rejected, const CliContext& ctx) {
  if (ctx.json) {
    ctx.Print(
        "{{\"table\": {}, \"version\": {}, \"skipped\": {}, \"rows\": {}, \"rejected\": {}, "
        "\"files_added\": {}, \"files_removed\": {}, \"bytes_added\": {}, \"attempts\": {}}}\n",
        JsonString(opts.table), result.version, result.skipped, result.rows, rejected,
        result.files_added, result.files_removed, result.bytes_added, result.attempts);
  } else if (result.skipped) {
    ctx.Print("ingest table={} skipped: application {} already committed version {}\n", opts.table,
              opts.app_id, *opts.app_version);
  } else {
    ctx.Print(
        "ingest table={} version={} rows={} rejected={} files_added={} files_removed={} bytes={}\n",
        opts.table, result.version, result.rows, rejected, result.files_added, result.files_removed,
        result.bytes_added);
  }
  return Status::OK();
}

Status RunIngest(const IngestOptions& opts, const CliContext& ctx) {
  auto fs = NewLocalFileSystem();
  ASSIGN_OR_RETURN(delta::TableWriteOptions options, WriteOptions(opts));
  ASSIGN_OR_RETURN(std::vector<std::string> paths, ExpandInputs(fs.get(), opts.inputs));
  std::vector<std::string> checksums;
  if (opts.incremental) {
    ASSIGN_OR_RETURN(paths, NewInputs(fs.get(), opts, paths, &checksums, ctx));
  }
  if (paths.empty()) {
    ctx.Print("ingest table={}: no new inputs\n", opts.table);
    return Status::OK();
  }
  ASSIGN_OR_RETURN(std::vector<Input> inputs, InspectInputs(fs.get(), opts, paths));
  ASSIGN_OR_RETURN(SchemaPtr target, TargetSchema(fs.get(), opts, inputs));
  ASSIGN_OR_RETURN(auto writer, delta::TableWriter::Open(fs.get(), opts.table, target, options));
  RETURN_NOT_OK(CheckTypedInputs(inputs, *writer->table_schema(), opts.table));
  if (delta::Transaction* txn = writer->transaction(); txn != nullptr) {
    for (const std::string& checksum : checksums) {
      txn->SetTxn(delta::Txn{std::string(kInputAppPrefix) + checksum, 1, std::nullopt});
    }
  }
  int64_t rejected = 0;
  std::vector<std::unique_ptr<QuarantineFile>> quarantines;
  for (const Input& input : inputs) {
    if (writer->already_committed()) break;
    ASSIGN_OR_RETURN(quarantines.emplace_back(), QuarantineFor(fs.get(), opts, input));
    RETURN_NOT_OK(IngestInput(fs.get(), input, *target, opts, writer.get(),
                              quarantines.back().get(), &rejected));
  }
  ASSIGN_OR_RETURN(delta::TableWriteResult result, writer->Commit());
  for (const auto& quarantine : quarantines) {
    if (quarantine != nullptr) RETURN_NOT_OK(quarantine->Commit());
  }
  return PrintResult(result, opts, rejected, ctx);
}

}  // namespace

void AddIngestCommand(CLI::App* app, CliContext* ctx, Status* result) {
  auto opts = std::make_shared<IngestOptions>();
  CLI::App* cmd = app->add_subcommand(
      "ingest", "Write CSV, JSON or Parquet inputs into a Delta table as one commit");
  cmd->add_option("table", opts->table, "Delta table directory (created when missing)")->required();
  cmd->add_option("inputs", opts->inputs, "Input files")->required();
  cmd->add_option("--mode", opts->mode, "append (default) or overwrite")
      ->check(CLI::IsMember({"append", "overwrite"}));
  cmd->add_flag("--merge-schema", opts->merge_schema, "Add the inputs' new columns to the table");
  cmd->add_flag("--overwrite-schema", opts->overwrite_schema,
                "With --mode overwrite: replace the table's schema by the inputs'");
  cmd->add_option("--partition-by", opts->partition_by, "Partition columns of a new table")
      ->delimiter(',');
  cmd->add_option("--app-id", opts->app_id, "Idempotent writes: the writing application's id");
  cmd->add_option("--app-version", opts->app_version,
                  "Idempotent writes: this run's version; skipped when already committed")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--target-file-size", opts->target_file_size,
                  "Roll data files over at this size");
  cmd->add_flag("--incremental", opts->incremental,
                "Skip inputs (e.g. the files of a directory) whose content the table holds");
  cmd->add_option("--format", opts->read.format,
                  "Input format: csv, json or parquet (default: detect)");
  AddCsvReadOptions(cmd, &opts->read.csv);
  AddJsonReadOptions(cmd, &opts->read.json);
  AddParquetWriteOptions(cmd, &opts->read.parquet);
  cmd->callback([ctx, result, opts] {
    if (!result->ok()) return;
    if (opts->overwrite_schema && opts->mode != "overwrite") {
      *result = Status::Invalid("--overwrite-schema needs --mode overwrite");
      return;
    }
    *result = RunIngest(*opts, *ctx);
  });
}

}  // namespace strata::cli
