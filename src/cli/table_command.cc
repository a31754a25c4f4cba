// `strata table info PATH` and `strata history PATH`: what a Delta table is
// (protocol, schema, partitioning, files) and how it got there (one line per
// commit with its operation, parameters and metrics).
#include <fmt/format.h>

#include <algorithm>

#include "cli/commands.h"
#include "cli/schema_file.h"
#include "cli/table_input.h"
#include "columnar/temporal.h"
#include "delta/actions.h"
#include "delta/history.h"
#include "delta/stats.h"
#include "delta/table_writer.h"
#include "io/local_file_system.h"

namespace strata::cli {
namespace {

std::string FormatMillis(int64_t ms) {
  return FormatTimestamp(ms, TimeUnit::kMilli, /*utc=*/true, TimestampStyle::kIso);
}

struct TableTotals {
  int64_t files = 0;
  int64_t bytes = 0;
  int64_t rows = 0;
  bool rows_known = true;  // Every file has numRecords in its stats.
};

TableTotals Totals(const delta::Snapshot& snapshot) {
  TableTotals totals;
  for (const delta::AddFile& file : snapshot.files()) {
    ++totals.files;
    totals.bytes += file.size;
    const std::optional<int64_t> rows = file.stats ? delta::NumRecords(*file.stats) : std::nullopt;
    if (!rows) {
      totals.rows_known = false;
      continue;
    }
    totals.rows += *rows;
    if (file.deletion_vector) totals.rows -= file.deletion_vector->cardinality;
  }
  return totals;
}

std::string FeatureList(const std::optional<std::vector<std::string>>& features) {
  return features ? fmt::format(" [{}]", fmt::join(*features, ", ")) : std::string();
}

bool IsPartition(const delta::Snapshot& snapshot, const std::string& name) {
  const auto& columns = snapshot.partition_columns();
  return std::find(columns.begin(), columns.end(), name) != columns.end();
}

void PrintInfoText(const delta::Snapshot& snapshot, const CliContext& ctx) {
  const delta::Protocol& protocol = snapshot.protocol();
  const delta::Metadata& metadata = snapshot.metadata();
  const TableTotals totals = Totals(snapshot);
  ctx.Print("{}: Delta table, version {} ({})\n", snapshot.table_root(), snapshot.version(),
            FormatMillis(snapshot.timestamp_ms()));
  ctx.Print("  protocol       reader {}{}, writer {}{}\n", protocol.min_reader_version,
            FeatureList(protocol.reader_features), protocol.min_writer_version,
            FeatureList(protocol.writer_features));
  ctx.Print("  id             {}\n", metadata.id);
  if (metadata.name) ctx.Print("  name           {}\n", *metadata.name);
  if (metadata.created_time)
    ctx.Print("  created        {}\n", FormatMillis(*metadata.created_time));
  ctx.Print("  partitioned by {}\n",
            metadata.partition_columns.empty()
                ? std::string("(none)")
                : fmt::format("{}", fmt::join(metadata.partition_columns, ", ")));
  ctx.Print("  files          {} ({} bytes)\n", totals.files, totals.bytes);
  ctx.Print("  rows           {}\n",
            totals.rows_known ? fmt::format("{}", totals.rows) : "unknown (files without stats)");
  for (const auto& [key, value] : metadata.configuration) ctx.Print("  {} = {}\n", key, value);
  ctx.Print("  columns:\n");
  const Schema& schema = *snapshot.schema();
  size_t width = 4;
  for (const Field& f : schema.fields()) width = std::max(width, f.name.size());
  for (const Field& f : schema.fields()) {
    ctx.Print("    {:<{}}  {}{}{}\n", f.name, width, f.type->ToString(),
              f.nullable ? "" : " not null", IsPartition(snapshot, f.name) ? "  (partition)" : "");
  }
}

void PrintInfoJson(const delta::Snapshot& snapshot, const CliContext& ctx) {
  const delta::Protocol& protocol = snapshot.protocol();
  const TableTotals totals = Totals(snapshot);
  std::string columns;
  for (const Field& f : snapshot.schema()->fields()) {
    if (!columns.empty()) columns += ", ";
    columns += fmt::format("{{\"name\": {}, \"type\": {}, \"nullable\": {}, \"partition\": {}}}",
                           JsonString(f.name), JsonString(f.type->ToString()), f.nullable,
                           IsPartition(snapshot, f.name));
  }
  ctx.Print(
      "{{\"path\": {}, \"version\": {}, \"timestamp\": {}, \"protocol\": {}, \"metadata\": {}, "
      "\"num_files\": {}, \"size_bytes\": {}, \"num_rows\": {}, \"columns\": [{}]}}\n",
      JsonString(snapshot.table_root()), snapshot.version(),
      JsonString(FormatMillis(snapshot.timestamp_ms())), delta::ActionBodyJson(protocol),
      delta::ActionBodyJson(snapshot.metadata()), totals.files, totals.bytes,
      totals.rows_known ? fmt::format("{}", totals.rows) : "null", columns);
}

Status RunInfo(const std::string& path, const TimeTravel& travel, const CliContext& ctx) {
  auto fs = NewLocalFileSystem();
  ASSIGN_OR_RETURN(std::shared_ptr<const delta::Snapshot> snapshot,
                   OpenSnapshot(fs.get(), path, travel));
  PrintTableInfo(*snapshot, ctx);
  return Status::OK();
}

std::string JoinMap(const std::optional<delta::StringMap>& map) {
  if (!map) return "";
  std::string out;
  for (const auto& [key, value] : *map) {
    if (!out.empty()) out += ' ';
    out += fmt::format("{}={}", key, value);
  }
  return out;
}

void PrintHistoryText(const std::vector<delta::CommitRecord>& records, const CliContext& ctx) {
  ctx.Print("{:>7}  {:<24}  {:<18}  {:>6}  {:>6}  {}\n", "version", "timestamp", "operation",
            "+files", "-files", "parameters / metrics");
  for (const delta::CommitRecord& r : records) {
    const std::string operation = r.info && r.info->operation ? *r.info->operation : "-";
    std::string details = r.info ? JoinMap(r.info->operation_parameters) : "";
    const std::string metrics = r.info ? JoinMap(r.info->operation_metrics) : "";
    if (!metrics.empty()) details += (details.empty() ? "" : " / ") + metrics;
    ctx.Print("{:>7}  {:<24}  {:<18}  {:>6}  {:>6}  {}\n", r.version, FormatMillis(r.timestamp_ms),
              operation, r.files_added, r.files_removed, details);
  }
}

void PrintHistoryJson(const std::vector<delta::CommitRecord>& records, const CliContext& ctx) {
  ctx.Print("[");
  for (size_t i = 0; i < records.size(); ++i) {
    const delta::CommitRecord& r = records[i];
    ctx.Print(
        "{}{{\"version\": {}, \"timestamp\": {}, \"files_added\": {}, \"files_removed\": {}, "
        "\"commit_info\": {}}}",
        i == 0 ? "" : ",\n ", r.version, JsonString(FormatMillis(r.timestamp_ms)), r.files_added,
        r.files_removed, r.info ? r.info->json : "null");
  }
  ctx.Print("]\n");
}

Status RunHistory(const std::string& path, std::optional<int64_t> limit, const CliContext& ctx) {
  auto fs = NewLocalFileSystem();
  ASSIGN_OR_RETURN(std::vector<delta::CommitRecord> records,
                   delta::ReadHistory(fs.get(), path, limit));
  ctx.json ? PrintHistoryJson(records, ctx) : PrintHistoryText(records, ctx);
  return Status::OK();
}

Status RunCreate(const std::string& path, const std::string& schema_path,
                 const std::vector<std::string>& partition_by, const CliContext& ctx) {
  auto fs = NewLocalFileSystem();
  ASSIGN_OR_RETURN(bool exists, delta::IsDeltaTable(fs.get(), path));
  if (exists) return Status::AlreadyExists("{} is already a Delta table", path);
  ASSIGN_OR_RETURN(SchemaFile file, ReadSchemaFile(fs.get(), schema_path));
  delta::TableWriteOptions options;
  options.partition_columns = partition_by;
  options.operation = "CREATE TABLE";
  ASSIGN_OR_RETURN(auto writer,
                   delta::TableWriter::Open(fs.get(), path, SchemaFileSchema(file), options));
  ASSIGN_OR_RETURN(delta::TableWriteResult result, writer->Commit());
  if (ctx.json) {
    ctx.Print("{{\"table\": {}, \"version\": {}}}\n", JsonString(path), result.version);
  } else {
    ctx.Print("created {} (version {})\n", path, result.version);
  }
  return Status::OK();
}

}  // namespace

void AddHistoryCommand(CLI::App* app, CliContext* ctx, Status* result) {
  auto path = std::make_shared<std::string>();
  auto limit = std::make_shared<std::optional<int64_t>>();
  CLI::App* cmd = app->add_subcommand("history", "List the commits of a Delta table, newest first");
  cmd->add_option("path", *path, "Delta table directory")->required();
  cmd->add_option("--limit", *limit, "Show only the newest N commits")
      ->check(CLI::NonNegativeNumber);
  cmd->callback([ctx, result, path, limit] {
    if (result->ok()) *result = RunHistory(*path, *limit, *ctx);
  });
}

void PrintTableInfo(const delta::Snapshot& snapshot, const CliContext& ctx) {
  ctx.json ? PrintInfoJson(snapshot, ctx) : PrintInfoText(snapshot, ctx);
}

void AddTableCommand(CLI::App* app, CliContext* ctx, Status* result) {
  CLI::App* table = app->add_subcommand("table", "Delta table operations");
  table->require_subcommand(1);
  auto path = std::make_shared<std::string>();
  auto travel = std::make_shared<TimeTravel>();
  CLI::App* info = table->add_subcommand(
      "info", "Print a Delta table's protocol, schema, partitioning and files");
  info->add_option("path", *path, "Delta table directory")->required();
  AddTimeTravelOptions(info, travel.get());
  info->callback([ctx, result, path, travel] {
    if (result->ok()) *result = RunInfo(*path, *travel, *ctx);
  });
  auto schema = std::make_shared<std::string>();
  auto partition_by = std::make_shared<std::vector<std::string>>();
  CLI::App* create = table->add_subcommand("create", "Create an empty Delta table");
  create->add_option("path", *path, "Delta table directory")->required();
  create->add_option("--schema", *schema, "Schema file (JSON or YAML, see docs/schema-file.md)")
      ->required();
  create->add_option("--partition-by", *partition_by, "Partition columns")->delimiter(',');
  create->callback([ctx, result, path, schema, partition_by] {
    if (result->ok()) *result = RunCreate(*path, *schema, *partition_by, *ctx);
  });
}

}  // namespace strata::cli
