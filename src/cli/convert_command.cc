// `strata convert INPUT... --to DEST`: reads each input (CSV, gzip/zstd CSV
// or Parquet) and writes it with strata's writer, into one Parquet file or a
// directory of them (hive partitions, files rolled at a target size,
// immutable names). CSV types are inferred from a sample and checked on
// every row; a later value that needs a wider type restarts the input with
// the widened schema, and bad rows fail, are skipped or are quarantined.
// Each input is converted on its own: a failed one leaves nothing behind
// and does not stop the others; the exit code is 1 if any failed. After
// writing, the row counts in the written footers must equal the rows read.
// Re-runs are idempotent: an input whose content (checksum) was converted
// into DEST before is skipped.
#include <fmt/format.h>

#include <set>

#include "cli/commands.h"
#include "cli/convert.h"
#include "cli/schema_file.h"
#include "columnar/temporal.h"
#include "common/clock.h"
#include "common/logging.h"
#include "dataset/manifest.h"
#include "delta/snapshot.h"
#include "io/content_hash.h"
#include "io/local_file_system.h"
#include "parquet/file_reader.h"

namespace strata::cli {
namespace {

double Ratio(const Summary& s) {
  return s.input_bytes > 0 ? static_cast<double>(s.output_bytes) / s.input_bytes : 0;
}

void PrintSkipped(const Summary& s, const CliContext& ctx) {
  if (ctx.json) {
    ctx.Print(
        "{{\"input\": {}, \"output\": {}, \"skipped\": true, \"reason\": {}, "
        "\"checksum\": {}}}\n",
        JsonString(s.input), JsonString(s.output), JsonString(s.skip_reason),
        JsonString(s.checksum));
  } else if (!ctx.quiet) {
    ctx.Print("input={} skipped=true reason=\"{}\" checksum={}\n", s.input, s.skip_reason,
              s.checksum);
  }
}

void PrintSummary(const Summary& s, const CliContext& ctx) {
  if (s.skipped) return PrintSkipped(s, ctx);
  const double rows_per_s = s.seconds > 0 ? static_cast<double>(s.rows) / s.seconds : 0;
  if (ctx.json) {
    ctx.Print(
        "{{\"input\": {}, \"output\": {}, \"rows\": {}, \"rejected\": {}, \"quarantine\": {}, "
        "\"files\": {}, \"input_bytes\": {}, \"output_bytes\": {}, \"ratio\": {:.4f}, "
        "\"seconds\": {:.3f}}}\n",
        JsonString(s.input), JsonString(s.output), s.rows, s.rejected,
        s.quarantine.empty() ? "null" : JsonString(s.quarantine), s.files, s.input_bytes,
        s.output_bytes, Ratio(s), s.seconds);
  } else if (!ctx.quiet) {
    ctx.Print(
        "input={} rows={} rejected={} files={} in_bytes={} out_bytes={} ratio={:.1f}% "
        "rows_per_s={:.0f} seconds={:.2f}\n",
        s.input, s.rows, s.rejected, s.files, s.input_bytes, s.output_bytes, Ratio(s) * 100,
        rows_per_s, s.seconds);
    if (!s.quarantine.empty()) ctx.Print("quarantined {} rows in {}\n", s.rejected, s.quarantine);
  }
}

// --print-schema: the inferred schema of each input, in the schema-file
// format, and nothing written.
Status PrintSchemas(const ConvertOptions& opts, const CliContext& ctx) {
  auto fs = NewLocalFileSystem();
  for (const std::string& input : opts.inputs) {
    ASSIGN_OR_RETURN(const InputKind kind, DetectInputKind(fs.get(), input, opts.format));
    if (kind == InputKind::kParquet || kind == InputKind::kDeltaTable) {
      return Status::Invalid(
          "{}: --print-schema infers CSV and JSON schemas; use `strata schema` "
          "for Parquet files and Delta tables",
          input);
    }
    ASSIGN_OR_RETURN(SchemaPtr schema, InferSchema(fs.get(), input, opts));
    ctx.Print("{}", SchemaFileText(*schema));
  }
  return Status::OK();
}

std::string NowIso(Clock* clock) {
  return FormatTimestamp(clock->NowUnixMicros(), TimeUnit::kMicro, true, TimestampStyle::kIso);
}

// The checksum a single output file records of its input, or "".
Result<std::string> FileSourceChecksum(FileSystem* fs, const std::string& path) {
  ASSIGN_OR_RETURN(auto reader, parquet::ParquetReader::Open(fs, path));
  const auto& pairs = reader->metadata().key_value_metadata;
  if (!pairs.has_value()) return std::string();
  for (const parquet::KeyValue& pair : *pairs) {
    if (pair.key == kSourceChecksumKey) return pair.value.value_or("");
  }
  return std::string();
}

// One `convert` over all its inputs: decides per input whether it was
// converted already (by content checksum, from the directory's manifest or
// the output file's metadata), records new conversions, and makes
// --overwrite all-or-nothing: the old contents go only once every input
// converted, else the new ones go.
class ConvertRun {
 public:
  ConvertRun(const ConvertOptions& opts, const CliContext& ctx)
      : opts_(opts), ctx_(ctx), fs_(NewLocalFileSystem()) {}

  Status Prepare() {
    if (WritesSingleFile(opts_)) return PrepareFile();
    ASSIGN_OR_RETURN(manifest_, dataset::Manifest::Load(fs_.get(), opts_.to));
    if (opts_.dry_run) return Status::OK();
    for (const dataset::ManifestEntry& entry : manifest_.incomplete()) {
      LogWarn("removing the files of an interrupted conversion",
              {{"input", entry.input}, {"checksum", entry.checksum}});
      RETURN_NOT_OK(dataset::Manifest::Remove(fs_.get(), opts_.to, entry));
    }
    if (opts_.overwrite) return SnapshotOldFiles();
    return Status::OK();
  }

  Result<Summary> Convert(const std::string& input) {
    Summary summary{.input = input, .output = opts_.to};
    ASSIGN_OR_RETURN(const InputKind kind, DetectInputKind(fs_.get(), input, opts_.format));
    if (kind == InputKind::kDeltaTable) return ConvertTable(std::move(summary));
    RETURN_NOT_OK(RequireTableForTimeTravel(opts_.travel, input));
    ASSIGN_OR_RETURN(FileInfo in, fs_->GetFileInfo(input));
    summary.input_bytes = in.size;
    ASSIGN_OR_RETURN(const bool hash_first, MustHashFirst(input, in.size));
    sizes_seen_.insert(in.size);
    if (hash_first) {
      ASSIGN_OR_RETURN(summary.checksum, FileContentChecksum(fs_.get(), input));
      RETURN_NOT_OK(DecideSkip(&summary));
      if (summary.skipped || opts_.dry_run) return summary;
    }
    RETURN_NOT_OK(ConvertOne(fs_.get(), input, opts_, ctx_, RecordIn(&summary), &summary));
    seen_.insert(summary.checksum);
    if (!summary.quarantine.empty()) new_paths_.insert(summary.quarantine);
    return summary;
  }

  // After every input: settles --overwrite.
  Status Finish(int failed) {
    if (!opts_.overwrite || opts_.dry_run) return Status::OK();
    if (failed > 0) {
      for (const dataset::ManifestEntry& entry : recorded_) {
        RETURN_NOT_OK(dataset::Manifest::Remove(fs_.get(), opts_.to, entry));
      }
      return Status::OK();
    }
    for (const std::string& path : old_files_) {
      if (new_paths_.contains(path)) continue;
      Status deleted = fs_->DeleteFile(path);
      if (!deleted.ok() && deleted.code() != StatusCode::kNotFound) return deleted;
    }
    return Status::OK();
  }

  FileSystem* fs() const { return fs_.get(); }

 private:
  Status PrepareFile() {
    Result<FileInfo> info = fs_->GetFileInfo(opts_.to);
    if (info.status().code() == StatusCode::kNotFound) return Status::OK();
    RETURN_NOT_OK(info.status());
    file_exists_ = true;
    Result<std::string> checksum = FileSourceChecksum(fs_.get(), opts_.to);
    if (checksum.ok()) file_checksum_ = *checksum;
    return Status::OK();
  }

  // Every visible file now in the directory, to delete after an overwrite.
  Status SnapshotOldFiles() {
    Result<std::vector<FileInfo>> listing = fs_->ListDir(opts_.to, /*recursive=*/true);
    if (listing.status().code() == StatusCode::kNotFound) return Status::OK();
    RETURN_NOT_OK(listing.status());
    for (const FileInfo& info : *listing) {
      const size_t slash = info.path.find_last_of('/');
      const bool hidden = info.path.compare(slash + 1, 1, ".") == 0;
      if (info.type == FileType::kFile && !hidden) old_files_.push_back(info.path);
    }
    return Status::OK();
  }

  // A Delta table's snapshot: its identity is the table id and version (the
  // log never changes a version), which stands in for a content checksum.
  Result<Summary> ConvertTable(Summary summary) {
    ASSIGN_OR_RETURN(std::shared_ptr<const delta::Snapshot> snapshot,
                     OpenSnapshot(fs_.get(), summary.input, opts_.travel));
    for (const delta::AddFile& file : snapshot->files()) summary.input_bytes += file.size;
    summary.checksum = fmt::format("delta:{}@{}", snapshot->metadata().id, snapshot->version());
    RETURN_NOT_OK(DecideSkip(&summary));
    if (summary.skipped || opts_.dry_run) return summary;
    ConvertOptions at_version = opts_;
    at_version.travel = TimeTravel{.version = snapshot->version()};
    RETURN_NOT_OK(
        ConvertOne(fs_.get(), summary.input, at_version, ctx_, RecordIn(&summary), &summary));
    seen_.insert(summary.checksum);
    return summary;
  }

  // Whether the input's checksum is needed before converting it, to decide
  // whether to skip it. It is not when no earlier input (converted before,
  // or in this run) had the same size: the conversion of a CSV or JSON
  // input then hashes the file as it reads it, and the file is read once.
  Result<bool> MustHashFirst(const std::string& input, int64_t size) {
    if (opts_.dry_run) return true;
    ASSIGN_OR_RETURN(const InputKind kind, DetectInputKind(fs_.get(), input, opts_.format));
    if (kind == InputKind::kParquet) return true;
    if (opts_.overwrite) return false;
    if (sizes_seen_.contains(size)) return true;
    if (WritesSingleFile(opts_)) return file_exists_;
    return manifest_.HasInputOfSize(size);
  }

  Status DecideSkip(Summary* summary) {
    if (opts_.overwrite) return Status::OK();
    if (!seen_.insert(summary->checksum).second) {
      summary->skipped = true;
      summary->skip_reason = "same content as an earlier input of this run";
      return Status::OK();
    }
    if (WritesSingleFile(opts_)) {
      if (!file_exists_) return Status::OK();
      if (file_checksum_ == summary->checksum) {
        summary->skipped = true;
        summary->skip_reason = "already converted into " + opts_.to;
        return Status::OK();
      }
      return Status::AlreadyExists(
          "{} exists and was not converted from this input; --overwrite replaces it", opts_.to);
    }
    if (const dataset::ManifestEntry* entry = manifest_.Find(summary->checksum)) {
      summary->skipped = true;
      summary->skip_reason = fmt::format("already converted at {} into {} files",
                                         entry->committed_at, entry->files.size());
    }
    return Status::OK();
  }

  // Records the input's files in the manifest before they become visible.
  BeforePublish RecordIn(Summary* summary) {
    return [this, summary](const std::vector<dataset::WrittenFile>& files) -> Status {
      dataset::ManifestEntry entry{.input = summary->input,
                                   .checksum = summary->checksum,
                                   .input_bytes = summary->input_bytes,
                                   .rows = summary->rows,
                                   .rejected = summary->rejected,
                                   .committed_at = NowIso(Clock::System())};
      for (const dataset::WrittenFile& file : files) {
        entry.files.push_back(file.path.substr(opts_.to.size() + 1));
        new_paths_.insert(file.path);
      }
      Status recorded = dataset::Manifest::Record(fs_.get(), opts_.to, entry);
      // With --overwrite the old entry for the same content is replaced.
      if (recorded.code() == StatusCode::kAlreadyExists && opts_.overwrite) {
        if (const dataset::ManifestEntry* old = manifest_.Find(summary->checksum)) {
          RETURN_NOT_OK(dataset::Manifest::Remove(fs_.get(), opts_.to, *old));
          recorded = dataset::Manifest::Record(fs_.get(), opts_.to, entry);
        }
      }
      RETURN_NOT_OK(recorded);
      new_paths_.insert(dataset::Manifest::EntryPath(opts_.to, entry.checksum));
      recorded_.push_back(std::move(entry));
      return Status::OK();
    };
  }

  const ConvertOptions& opts_;
  const CliContext& ctx_;
  std::unique_ptr<FileSystem> fs_;
  dataset::Manifest manifest_;
  bool file_exists_ = false;
  std::string file_checksum_;
  std::set<std::string> seen_;    // Checksums of this run's inputs.
  std::set<int64_t> sizes_seen_;  // Sizes of this run's inputs.
  std::vector<dataset::ManifestEntry> recorded_;
  std::vector<std::string> old_files_;
  std::set<std::string> new_paths_;
};

void PrintDryRun(const Summary& s, const ConvertOptions& opts, ConvertRun* run,
                 const CliContext& ctx) {
  ctx.Print("input={} action={} checksum={}{}\n", s.input, s.skipped ? "skip" : "convert",
            s.checksum, s.skipped ? " reason=\"" + s.skip_reason + "\"" : "");
  if (s.skipped) return;
  Result<InputKind> kind = DetectInputKind(run->fs(), s.input, opts.format);
  if (!kind.ok() || *kind == InputKind::kParquet || *kind == InputKind::kDeltaTable) return;
  Result<formats::JsonReadOptions> json = ToJsonReadOptions(opts.json, opts.csv);
  if (!json.ok()) return;
  Result<SchemaPtr> schema = *kind == InputKind::kCsv
                                 ? CsvInputSchema(run->fs(), s.input, opts)
                                 : JsonInputSchema(run->fs(), s.input, opts, &*json);
  if (schema.ok()) ctx.Print("{}", SchemaFileText(**schema));
}

Status CheckDestination(const ConvertOptions& opts) {
  if (opts.to.empty()) return Status::Invalid("--to is required");
  if (opts.to.ends_with(".parquet") && opts.inputs.size() > 1) {
    return Status::Invalid("{} inputs cannot go into one file '{}': give a directory",
                           opts.inputs.size(), opts.to);
  }
  return Status::OK();
}

Status ConvertAll(ConvertOptions opts, const CliContext& ctx) {
  while (opts.to.size() > 1 && opts.to.ends_with('/')) opts.to.pop_back();
  if (!opts.schema.empty()) {
    if (opts.print_schema) return Status::Invalid("--print-schema infers; it cannot take --schema");
    ASSIGN_OR_RETURN(SchemaFile file, ReadSchemaFile(NewLocalFileSystem().get(), opts.schema));
    opts.schema_file = std::make_shared<const SchemaFile>(std::move(file));
  }
  if (opts.print_schema) return PrintSchemas(opts, ctx);
  RETURN_NOT_OK(CheckDestination(opts));
  ConvertRun run(opts, ctx);
  RETURN_NOT_OK(run.Prepare());
  int failed = 0;
  Status last;
  for (const std::string& input : opts.inputs) {
    Result<Summary> summary = run.Convert(input);
    if (summary.ok()) {
      opts.dry_run ? PrintDryRun(*summary, opts, &run, ctx) : PrintSummary(*summary, ctx);
      continue;
    }
    ++failed;
    last = summary.status();
    if (opts.inputs.size() > 1) ctx.Error(summary.status());
  }
  RETURN_NOT_OK(run.Finish(failed));
  if (failed == 0) return Status::OK();
  if (opts.inputs.size() == 1) return last;
  if (opts.overwrite) {
    return Status::Invalid("{} of {} inputs failed; --overwrite kept the previous contents", failed,
                           opts.inputs.size());
  }
  return Status::Invalid("{} of {} inputs failed", failed, opts.inputs.size());
}

}  // namespace

void AddConvertCommand(CLI::App* app, CliContext* ctx, Status* result) {
  auto opts = std::make_shared<ConvertOptions>();
  CLI::App* cmd = app->add_subcommand(
      "convert", "Convert files into a Parquet file or a directory of Parquet files");
  cmd->add_option("inputs", opts->inputs,
                  "Files to read: CSV, JSON or JSONL (also .gz or .zst compressed), or Parquet")
      ->required();
  cmd->add_option("--to", opts->to, "Destination: FILE.parquet for one input, else a directory");
  cmd->add_option("--input-format", opts->format,
                  "Input format, csv or parquet (default: by name, then content)");
  cmd->add_flag("--print-schema", opts->print_schema,
                "Print the schema inferred for each CSV or JSON input (schema-file format); "
                "write nothing");
  cmd->add_option(
      "--schema", opts->schema,
      "Schema file (JSON or YAML, see docs/schema-file.md) for CSV and JSON inputs: names, "
      "types, formats, encodings; replaces inference");
  cmd->add_option("--quarantine", opts->quarantine,
                  "With --on-error quarantine: the CSV file for rejected rows (default: "
                  "DEST/_rejected/INPUT.rejected.csv, or DEST.rejected.csv)");
  cmd->add_flag("--overwrite", opts->overwrite,
                "Replace DEST's contents (once every input converted) instead of skipping "
                "inputs converted before");
  cmd->add_flag("--dry-run", opts->dry_run,
                "List what would be converted or skipped, with inferred schemas; write nothing");
  cmd->add_option("--columns", opts->columns, "Columns to keep (default: all)")->delimiter(',');
  cmd->add_option("--where", opts->where, "Keep only the rows that match (see `strata cat`)");
  AddTimeTravelOptions(cmd, &opts->travel);
  cmd->add_option("--partition-by", opts->partition_by,
                  "Hive partitions: col, year(ts), month(ts), day(ts), date(ts), hour(ts) "
                  "or key=fn(col), comma-separated");
  cmd->add_option("--target-file-size", opts->target_file_size,
                  "Roll over to a new file at this size (directory output)")
      ->capture_default_str();
  cmd->add_option("--sort-by", opts->sort_by,
                  "Sort the rows: \"col [ASC|DESC] [NULLS FIRST|LAST], ...\" (default ASC NULLS "
                  "LAST); with --partition-by each file is sorted");
  cmd->add_option("--sort-memory", opts->sort_memory,
                  "Memory the sort may use before it spills sorted runs to disk")
      ->capture_default_str();
  AddParquetWriteOptions(cmd, &opts->parquet);
  AddCsvReadOptions(cmd, &opts->csv);
  AddJsonReadOptions(cmd, &opts->json);
  cmd->callback([ctx, result, opts] {
    if (!result->ok()) return;
    *result = ConvertAll(*opts, *ctx);
  });
}

}  // namespace strata::cli
