// `strata optimize`, `strata vacuum` and `strata restore`: keeping a Delta
// table compact, bounded in size, and recoverable.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/parquet_options.h"
#include "delta/operations.h"
#include "io/local_file_system.h"

namespace strata::cli {
namespace {

struct OptimizeCli {
  std::string table;
  std::string where;
  std::string target_file_size = "128MB";
  ParquetCliOptions parquet;
};

Status RunOptimize(const OptimizeCli& opts, const CliContext& ctx) {
  auto fs = NewLocalFileSystem();
  delta::OptimizeOptions options;
  options.where = opts.where;
  ASSIGN_OR_RETURN(options.target_file_bytes, ParseByteSize(opts.target_file_size));
  ASSIGN_OR_RETURN(options.file, ToWriterOptions(opts.parquet));
  ASSIGN_OR_RETURN(delta::OptimizeResult result, delta::Optimize(fs.get(), opts.table, options));
  if (ctx.json) {
    ctx.Print(
        "{{\"table\": {}, \"version\": {}, \"files_removed\": {}, \"files_added\": {}, "
        "\"partitions\": {}, \"rows\": {}}}\n",
        JsonString(opts.table), result.version, result.files_removed, result.files_added,
        result.partitions_optimized, result.rows);
  } else if (result.version < 0) {
    ctx.Print("optimize table={}: nothing to compact\n", opts.table);
  } else {
    ctx.Print(
        "optimize table={} version={} partitions={} files_removed={} files_added={} rows={}\n",
        opts.table, result.version, result.partitions_optimized, result.files_removed,
        result.files_added, result.rows);
  }
  return Status::OK();
}

struct VacuumCli {
  std::string table;
  std::string retain;
  bool dry_run = false;
  bool force = false;
};

Status RunVacuum(const VacuumCli& opts, const CliContext& ctx) {
  auto fs = NewLocalFileSystem();
  delta::VacuumOptions options{.dry_run = opts.dry_run, .force = opts.force};
  if (!opts.retain.empty()) {
    ASSIGN_OR_RETURN(options.retain_ms, delta::ParseRetention(opts.retain));
  }
  ASSIGN_OR_RETURN(delta::VacuumResult result, delta::Vacuum(fs.get(), opts.table, options));
  const char* verb = opts.dry_run ? "would delete" : "deleted";
  if (ctx.json) {
    std::string files;
    for (const std::string& path : result.deleted)
      files += (files.empty() ? "" : ", ") + JsonString(path);
    ctx.Print("{{\"table\": {}, \"dry_run\": {}, \"files\": [{}], \"bytes\": {}}}\n",
              JsonString(opts.table), opts.dry_run, files, result.bytes);
    return Status::OK();
  }
  for (const std::string& path : result.deleted) ctx.Print("{} {}\n", verb, path);
  ctx.Print("vacuum table={} {} {} files ({} bytes)\n", opts.table, verb, result.deleted.size(),
            result.bytes);
  return Status::OK();
}

Status RunRestore(const std::string& table, int64_t version, const CliContext& ctx) {
  auto fs = NewLocalFileSystem();
  ASSIGN_OR_RETURN(delta::RestoreResult result, delta::Restore(fs.get(), table, version, {}));
  if (ctx.json) {
    ctx.Print(
        "{{\"table\": {}, \"version\": {}, \"restored_version\": {}, \"files_added\": {}, "
        "\"files_removed\": {}}}\n",
        JsonString(table), result.version, version, result.files_added, result.files_removed);
  } else {
    ctx.Print(
        "restore table={} to version {}: committed version {} (files_added={} files_removed={})\n",
        table, version, result.version, result.files_added, result.files_removed);
  }
  return Status::OK();
}

}  // namespace

void AddMaintenanceCommands(CLI::App* app, CliContext* ctx, Status* result) {
  auto optimize = std::make_shared<OptimizeCli>();
  CLI::App* cmd = app->add_subcommand("optimize", "Compact the small files of a Delta table");
  cmd->add_option("table", optimize->table, "Delta table directory")->required();
  cmd->add_option("--where", optimize->where, "Only partitions matching this (partition columns)");
  cmd->add_option("--target-file-size", optimize->target_file_size, "Size of the compacted files");
  AddParquetWriteOptions(cmd, &optimize->parquet);
  cmd->callback([ctx, result, optimize] {
    if (result->ok()) *result = RunOptimize(*optimize, *ctx);
  });

  auto vacuum = std::make_shared<VacuumCli>();
  cmd = app->add_subcommand("vacuum", "Delete data files no version within the retention reads");
  cmd->add_option("table", vacuum->table, "Delta table directory")->required();
  cmd->add_option("--retain", vacuum->retain,
                  "Keep files needed by versions this recent (e.g. 168h, 7d; default: the table's "
                  "delta.deletedFileRetentionDuration, 7 days)");
  cmd->add_flag("--dry-run", vacuum->dry_run, "List the files, delete nothing");
  cmd->add_flag("--force", vacuum->force, "Allow a retention below the table's setting");
  cmd->callback([ctx, result, vacuum] {
    if (result->ok()) *result = RunVacuum(*vacuum, *ctx);
  });

  auto table = std::make_shared<std::string>();
  auto version = std::make_shared<int64_t>(0);
  cmd = app->add_subcommand("restore", "Make a Delta table hold what an earlier version held");
  cmd->add_option("table", *table, "Delta table directory")->required();
  cmd->add_option("--version", *version, "The version to restore")
      ->required()
      ->check(CLI::NonNegativeNumber);
  cmd->callback([ctx, result, table, version] {
    if (result->ok()) *result = RunRestore(*table, *version, *ctx);
  });
}

}  // namespace strata::cli
