// Converting one input: opening it (CSV with inference and widening
// restarts, or Parquet), streaming it into one file or a dataset directory,
// and checking the written footers against the rows read.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "cli/convert.h"
#include "cli/quarantine.h"
#include "cli/scan.h"
#include "common/logging.h"
#include "common/progress.h"
#include "dataset/manifest.h"
#include "dataset/sorter.h"
#include "formats/csv_reader.h"
#include "formats/json_reader.h"
#include "parquet/file_reader.h"

namespace strata::cli {
namespace {

// Called with every batch before it is written: progress, quarantine.
using BatchHook = std::function<Status(const RecordBatch&)>;

// The sorting_columns that files of `file_schema` declare when written from
// the stream of `schema` sorted by --sort-by; none without it.
Result<std::vector<parquet::SortingColumn>> DeclaredOrder(const ConvertOptions& opts,
                                                          const Schema& schema,
                                                          const SchemaPtr& file_schema) {
  if (opts.sort_by.empty()) return std::vector<parquet::SortingColumn>();
  Result<std::vector<SortKey>> keys = dataset::ParseSortKeys(opts.sort_by, schema);
  if (!keys.ok()) return keys.status().WithContext("--sort-by");
  return dataset::SortingColumnsFor(schema, *keys, file_schema);
}

// Hands each batch of a stream to a hook on its way through, so progress
// and quarantine follow the reading even when a sort holds the rows back.
class HookedReader final : public RecordBatchReader {
 public:
  // REQUIRES: `input` and `hook` outlive the reader.
  HookedReader(RecordBatchReader* input, const BatchHook& hook) : input_(input), hook_(hook) {}

  const SchemaPtr& schema() const override { return input_->schema(); }
  Result<RecordBatchPtr> Next() override {
    ASSIGN_OR_RETURN(RecordBatchPtr batch, input_->Next());
    if (batch != nullptr) {
      RETURN_NOT_OK(hook_(*batch));
    }
    return batch;
  }

 private:
  RecordBatchReader* const input_;
  const BatchHook& hook_;
};

// Where one conversion writes, and what it reports to.
struct Target {
  FileSystem* fs;
  const ConvertOptions* opts;
  const BeforePublish* before_publish;
  ProgressReporter* progress;
  Summary* summary;
  // The input's checksum as its reader hashed it, for a summary that came
  // without one; null for inputs read otherwise.
  std::function<Result<std::string>()> content_checksum = nullptr;
};

// Fills in the summary's checksum once the input was read through, before
// anything records it (footer metadata, manifest).
Status SettleChecksum(const Target& t) {
  if (!t.summary->checksum.empty()) return Status::OK();
  if (!t.content_checksum) return Status::Internal("{}: no checksum", t.summary->input);
  ASSIGN_OR_RETURN(t.summary->checksum, t.content_checksum());
  return Status::OK();
}

// The rows the footers of `paths` declare.
Result<int64_t> FooterRows(FileSystem* fs, const std::vector<std::string>& paths) {
  int64_t rows = 0;
  for (const std::string& path : paths) {
    ASSIGN_OR_RETURN(auto reader, parquet::ParquetReader::Open(fs, path));
    rows += reader->num_rows();
  }
  return rows;
}

Status CheckIntegrity(FileSystem* fs, const std::vector<std::string>& paths, int64_t rows_read) {
  ASSIGN_OR_RETURN(const int64_t written, FooterRows(fs, paths));
  if (written != rows_read) {
    return Status::Internal("{} rows were read but the written footers hold {}", rows_read,
                            written);
  }
  return Status::OK();
}

// Streams `scan` into a single file at opts.to, which records the input's
// checksum in its key-value metadata (so a re-run can skip it).
Status WriteFile(const Target& t, RecordBatchReader* scan, parquet::WriterOptions options,
                 const BatchHook& hook) {
  const std::string& path = t.opts->to;
  ASSIGN_OR_RETURN(auto writer,
                   parquet::ParquetWriter::Open(t.fs, path, scan->schema(), std::move(options)));
  t.progress->SetFiles(1);
  for (;;) {
    ASSIGN_OR_RETURN(RecordBatchPtr batch, scan->Next());
    if (batch == nullptr) break;
    RETURN_NOT_OK(hook(*batch));
    RETURN_NOT_OK(writer->Write(*batch));
    t.summary->rows += batch->num_rows();
  }
  RETURN_NOT_OK(SettleChecksum(t));
  writer->AddKeyValueMetadata(std::string(kSourceChecksumKey), t.summary->checksum);
  RETURN_NOT_OK(writer->Close());
  Status intact = CheckIntegrity(t.fs, {path}, t.summary->rows);
  if (!intact.ok()) {
    (void)t.fs->DeleteFile(path);
    return intact;
  }
  ASSIGN_OR_RETURN(FileInfo out, t.fs->GetFileInfo(path));
  t.summary->files = 1;
  t.summary->output_bytes = out.size;
  return Status::OK();
}

Result<dataset::DatasetWriterOptions> DatasetOptions(const ConvertOptions& opts,
                                                     const Schema& schema,
                                                     parquet::WriterOptions file) {
  dataset::DatasetWriterOptions options{.file = std::move(file)};
  if (!opts.partition_by.empty()) {
    Result<std::vector<dataset::PartitionField>> fields =
        dataset::ParsePartitioning(opts.partition_by, schema);
    if (!fields.ok()) return fields.status().WithContext("--partition-by");
    options.partitions = std::move(fields).value();
  }
  Result<int64_t> target = ParseByteSize(opts.target_file_size);
  if (!target.ok()) return target.status().WithContext("--target-file-size");
  options.target_file_bytes = *target;
  // Identity partition columns are not in the files (constant in each).
  ASSIGN_OR_RETURN(options.file.sorting_columns,
                   DeclaredOrder(opts, schema, dataset::FileSchema(schema, options.partitions)));
  return options;
}

// Streams `scan` into the directory opts.to; files appear only when whole,
// after before_publish recorded them.
Status WriteDataset(const Target& t, RecordBatchReader* scan, parquet::WriterOptions file,
                    const BatchHook& hook) {
  ASSIGN_OR_RETURN(dataset::DatasetWriterOptions options,
                   DatasetOptions(*t.opts, *scan->schema(), std::move(file)));
  ASSIGN_OR_RETURN(auto writer, dataset::DatasetWriter::Open(t.fs, t.opts->to, scan->schema(),
                                                             std::move(options)));
  for (;;) {
    ASSIGN_OR_RETURN(RecordBatchPtr batch, scan->Next());
    if (batch == nullptr) break;
    RETURN_NOT_OK(hook(*batch));
    RETURN_NOT_OK(writer->Write(batch));
    t.summary->rows += batch->num_rows();
    t.progress->SetFiles(static_cast<int64_t>(writer->files().size()));
  }
  RETURN_NOT_OK(writer->Finish());
  RETURN_NOT_OK(SettleChecksum(t));
  RETURN_NOT_OK((*t.before_publish)(writer->files()));
  RETURN_NOT_OK(writer->Publish());
  std::vector<std::string> paths;
  for (const dataset::WrittenFile& written : writer->files()) {
    paths.push_back(written.path);
    t.summary->output_bytes += written.bytes;
  }
  t.summary->files = static_cast<int64_t>(paths.size());
  return CheckIntegrity(t.fs, paths, t.summary->rows);
}

Status WriteTo(const Target& t, RecordBatchReader* scan, parquet::WriterOptions options,
               const BatchHook& hook) {
  if (WritesSingleFile(*t.opts)) return WriteFile(t, scan, std::move(options), hook);
  return WriteDataset(t, scan, std::move(options), hook);
}

// --sort-by: the stream goes through an external sorter that spills sorted
// runs into a hidden directory beside the output file, or inside the
// output directory, and removes it however the write ends (the sorter is
// made per call, so a text input restarted with a wider schema starts a
// fresh sort). The sorter checks that it yields every row it read.
Status WriteSorted(const Target& t, RecordBatchReader* scan, parquet::WriterOptions options,
                   const BatchHook& hook) {
  Result<std::vector<SortKey>> keys = dataset::ParseSortKeys(t.opts->sort_by, *scan->schema());
  if (!keys.ok()) return keys.status().WithContext("--sort-by");
  Result<int64_t> memory = ParseByteSize(t.opts->sort_memory);
  if (!memory.ok()) return memory.status().WithContext("--sort-memory");
  const bool single = WritesSingleFile(*t.opts);
  if (single) {
    ASSIGN_OR_RETURN(options.sorting_columns,
                     DeclaredOrder(*t.opts, *scan->schema(), scan->schema()));
  }
  dataset::SorterOptions sort{
      .keys = std::move(keys).value(),
      .memory_budget_bytes = *memory,
      .temp_dir = TempPathBeside(single ? t.opts->to : t.opts->to + "/part") + ".sort"};
  ASSIGN_OR_RETURN(auto sorter, dataset::ExternalSorter::Make(
                                    t.fs, std::make_unique<HookedReader>(scan, hook), sort));
  const BatchHook none = [](const RecordBatch&) { return Status::OK(); };
  RETURN_NOT_OK(WriteTo(t, sorter.get(), std::move(options), none));
  const dataset::SorterStats& stats = sorter->stats();
  if (stats.runs > 0) {
    LogInfo("sorted with spilled runs", {{"rows", stats.rows},
                                         {"runs", stats.runs},
                                         {"merge_passes", stats.merge_passes},
                                         {"spilled_bytes", stats.spilled_bytes}});
  }
  return Status::OK();
}

Status WriteStream(const Target& t, RecordBatchReader* scan, const BatchHook& hook) {
  ASSIGN_OR_RETURN(parquet::WriterOptions options, ToWriterOptions(t.opts->parquet));
  if (t.opts->schema_file != nullptr) {
    ApplySchemaEncodings(*t.opts->schema_file, *scan->schema(), &options);
  }
  if (!t.opts->sort_by.empty()) return WriteSorted(t, scan, std::move(options), hook);
  return WriteTo(t, scan, std::move(options), hook);
}

// Rejected rows go beside the output: `<dest>/_rejected/<input>.rejected.csv`
// for a directory (readers skip `_` directories), `<dest>.rejected.csv` for
// a file.
Result<std::string> QuarantinePath(FileSystem* fs, const std::string& input,
                                   const ConvertOptions& opts) {
  if (!opts.quarantine.empty()) return opts.quarantine;
  if (WritesSingleFile(opts)) return opts.to + ".rejected.csv";
  const std::string dir = opts.to + "/_rejected";
  RETURN_NOT_OK(fs->CreateDir(dir, /*recursive=*/true));
  const size_t slash = input.find_last_of('/');
  return dir + "/" + input.substr(slash == std::string::npos ? 0 : slash + 1) + ".rejected.csv";
}

Status ConvertParquet(const Target& t, const std::string& input) {
  ScanRequest request{
      .path = input, .columns = t.opts->columns, .where = t.opts->where, .travel = t.opts->travel};
  ASSIGN_OR_RETURN(auto scan, OpenScan(request));
  return WriteStream(t, scan.get(), [progress = t.progress](const RecordBatch& batch) {
    progress->Add(0, batch.num_rows());
    return Status::OK();
  });
}

// Opens a CSV or JSON input with a schema.
using OpenText =
    std::function<Result<std::unique_ptr<formats::TextReader>>(const SchemaPtr& schema)>;

template <typename Reader>
Result<std::unique_ptr<formats::TextReader>> AsText(Result<std::unique_ptr<Reader>> reader) {
  if (!reader.ok()) return reader.status();
  return std::unique_ptr<formats::TextReader>(std::move(reader).value());
}

// One attempt at converting a text input with `schema`; `widened` is set
// when a value asked for a wider schema.
Status ConvertTextOnce(const Target& t, const std::string& input, const SchemaPtr& schema,
                       const OpenText& open, SchemaPtr* widened) {
  ASSIGN_OR_RETURN(std::unique_ptr<formats::TextReader> text, open(schema));
  formats::TextReader* reader = text.get();
  ASSIGN_OR_RETURN(auto stream, FilterAndProject(std::move(text), t.opts->columns, t.opts->where));
  std::unique_ptr<QuarantineFile> quarantine;
  if (t.opts->csv.on_error == "quarantine") {
    ASSIGN_OR_RETURN(std::string path, QuarantinePath(t.fs, input, *t.opts));
    quarantine = std::make_unique<QuarantineFile>(t.fs, std::move(path));
  }
  int64_t bytes_seen = 0;
  auto hook = [&](const RecordBatch& batch) -> Status {
    const int64_t bytes = reader->compressed_bytes_read();
    t.progress->Add(bytes - bytes_seen, batch.num_rows());
    bytes_seen = bytes;
    if (quarantine != nullptr) return quarantine->Add(reader->TakeRejected());
    return Status::OK();
  };
  // The manifest records the final count of rejected rows.
  const BeforePublish record = [&](const std::vector<dataset::WrittenFile>& files) {
    t.summary->rejected = reader->rows_rejected();
    return (*t.before_publish)(files);
  };
  Target attempt = t;
  attempt.before_publish = &record;
  attempt.content_checksum = [reader] { return reader->content_checksum(); };
  t.summary->rows = 0;
  Status written = WriteStream(attempt, stream.get(), hook);
  *widened = reader->widened_schema();
  RETURN_NOT_OK(written);
  t.summary->rejected = reader->rows_rejected();
  if (quarantine == nullptr) return Status::OK();
  RETURN_NOT_OK(quarantine->Add(reader->TakeRejected()));
  RETURN_NOT_OK(quarantine->Commit());
  if (quarantine->rows() > 0) t.summary->quarantine = quarantine->path();
  return Status::OK();
}

// Converts with `schema`; each widening restarts from the first row with
// every widening found so far, so restarts are bounded by the lattice's
// height times the columns (JSON: plus the fields first seen late).
Status ConvertText(const Target& t, const std::string& input, SchemaPtr schema,
                   const OpenText& open) {
  for (;;) {
    SchemaPtr widened;
    Status status = ConvertTextOnce(t, input, schema, open, &widened);
    if (status.ok() || widened == nullptr) return status;
    LogInfo("restarting with a wider schema", {{"input", input}, {"reason", status.message()}});
    schema = std::move(widened);
  }
}

// Infers (or takes the --schema file's schema), then converts.
Status ConvertCsv(const Target& t, const std::string& input) {
  ASSIGN_OR_RETURN(formats::CsvReadOptions read_options, ToCsvReadOptions(t.opts->csv));
  ASSIGN_OR_RETURN(SchemaPtr schema, CsvInputSchema(t.fs, input, *t.opts));
  // A declared type is not widened: a value that does not fit is a row error.
  read_options.allow_widening = t.opts->schema_file == nullptr;
  read_options.hash_content = t.summary->checksum.empty();
  return ConvertText(t, input, std::move(schema), [&](const SchemaPtr& s) {
    return AsText(formats::CsvReader::Open(t.fs, input, s, read_options));
  });
}

// Infers (or takes and checks the --schema file's schema), then converts.
Status ConvertJson(const Target& t, const std::string& input) {
  ASSIGN_OR_RETURN(formats::JsonReadOptions read_options,
                   ToJsonReadOptions(t.opts->json, t.opts->csv));
  ASSIGN_OR_RETURN(SchemaPtr schema, JsonInputSchema(t.fs, input, *t.opts, &read_options));
  read_options.hash_content = t.summary->checksum.empty();
  return ConvertText(t, input, std::move(schema), [&](const SchemaPtr& s) {
    return AsText(formats::JsonReader::Open(t.fs, input, s, read_options));
  });
}

// "convert [2/5] daily.csv": which input, of how many, the bar is for.
std::string ProgressLabel(const std::string& input, const ConvertOptions& opts) {
  const std::string name = input.substr(input.find_last_of('/') + 1);
  if (opts.inputs.size() <= 1) return "convert " + name;
  const auto at = std::find(opts.inputs.begin(), opts.inputs.end(), input);
  return fmt::format("convert [{}/{}] {}", at - opts.inputs.begin() + 1, opts.inputs.size(), name);
}

}  // namespace

bool WritesSingleFile(const ConvertOptions& opts) {
  return opts.to.ends_with(".parquet") && opts.partition_by.empty() && opts.inputs.size() == 1;
}

Result<SchemaPtr> InferSchema(FileSystem* fs, const std::string& input,
                              const ConvertOptions& opts) {
  ASSIGN_OR_RETURN(const InputKind kind, DetectInputKind(fs, input, opts.format));
  ASSIGN_OR_RETURN(formats::InferOptions infer, ToInferOptions(opts.csv));
  if (kind == InputKind::kJson) {
    ASSIGN_OR_RETURN(formats::JsonReadOptions options, ToJsonReadOptions(opts.json, opts.csv));
    return formats::InferJsonSchema(fs, input, options, infer);
  }
  ASSIGN_OR_RETURN(formats::CsvReadOptions read_options, ToCsvReadOptions(opts.csv));
  return formats::InferCsvSchema(fs, input, read_options, infer);
}

Result<SchemaPtr> CsvInputSchema(FileSystem* fs, const std::string& input,
                                 const ConvertOptions& opts) {
  if (opts.schema_file == nullptr) return InferSchema(fs, input, opts);
  ASSIGN_OR_RETURN(formats::CsvReadOptions read_options, ToCsvReadOptions(opts.csv));
  return CsvSchemaFromFile(fs, input, *opts.schema_file, read_options);
}

Result<SchemaPtr> JsonInputSchema(FileSystem* fs, const std::string& input,
                                  const ConvertOptions& opts,
                                  formats::JsonReadOptions* read_options) {
  if (opts.schema_file == nullptr) return InferSchema(fs, input, opts);
  ASSIGN_OR_RETURN(formats::InferOptions infer, ToInferOptions(opts.csv));
  return JsonSchemaFromFile(fs, input, *opts.schema_file, infer, read_options);
}

Status ConvertOne(FileSystem* fs, const std::string& input, const ConvertOptions& opts,
                  const CliContext& ctx, const BeforePublish& before_publish, Summary* summary) {
  const auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(const InputKind kind, DetectInputKind(fs, input, opts.format));
  ProgressReporter progress({.label = ProgressLabel(input, opts),
                             .total_bytes = kind == InputKind::kCsv || kind == InputKind::kJson
                                                ? summary->input_bytes
                                                : -1,
                             .quiet = ctx.quiet});
  const Target target{fs, &opts, &before_publish, &progress, summary};
  if (kind == InputKind::kCsv) {
    RETURN_NOT_OK(ConvertCsv(target, input));
  } else if (kind == InputKind::kJson) {
    RETURN_NOT_OK(ConvertJson(target, input));
  } else if (opts.schema_file != nullptr) {
    return Status::Invalid("{}: --schema applies to CSV inputs; a Parquet input keeps its schema",
                           input);
  } else {
    RETURN_NOT_OK(ConvertParquet(target, input));
  }
  progress.Finish();
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  summary->seconds = elapsed.count();
  return Status::OK();
}

}  // namespace strata::cli
