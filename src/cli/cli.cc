#include "cli/cli.h"

#include <exception>

#include "cli/commands.h"
#include "cli/context.h"
#include "common/logging.h"
#include "common/thread_pool.h"
#include "common/version.h"

namespace strata::cli {
namespace {

struct GlobalOptions {
  std::string log_level = "warn";
  bool version = false;
};

void AddGlobalOptions(CLI::App* app, CliContext* ctx, GlobalOptions* globals) {
  // A plain flag, not CLI11's version flag: global options fall through from
  // subcommands, and `strata ingest T x.csv --version 3` must be a usage
  // error, not print the version and skip the ingest (see CheckVersionFlag).
  app->add_flag("-V,--version", globals->version, "Print the version and exit");
  app->add_flag("-q,--quiet", ctx->quiet, "No progress bars or informational output");
  app->add_flag("--json", ctx->json, "Machine-readable JSON output");
  app->add_option("-t,--threads", ctx->threads, "Worker threads (default: one per core)")
      ->check(CLI::Range(1, 1024));
  app->add_option("--log-level", globals->log_level, "debug, info, warn, error or off")
      ->check(CLI::IsMember({"debug", "info", "warn", "error", "off"}, CLI::ignore_case));
}

// -V/--version alone prints the version; after a subcommand that has no
// --version of its own it is a usage error.
void CheckVersionFlag(const CLI::App& app, const GlobalOptions& globals) {
  if (!globals.version) return;
  if (app.get_subcommands().empty()) throw CLI::CallForVersion();
  throw CLI::ValidationError(
      "--version", "'" + app.get_subcommands().front()->get_name() + "' has no --version option");
}

// Applies global options that configure the process, before any command runs.
Status ApplyGlobals(const CliContext& ctx, const GlobalOptions& globals) {
  LogLevel level = LogLevel::kWarn;
  if (!ParseLogLevel(globals.log_level, &level)) {
    return Status::Invalid("unknown log level '{}'", globals.log_level);
  }
  Logger::Default()->set_level(level);
  if (ctx.threads > 0) return ThreadPool::SetDefaultThreadCount(ctx.threads);
  return Status::OK();
}

int ReportError(const CliContext& ctx, const Status& st) {
  fmt::print(ctx.err, "strata: error: {}\n", st.ToString());
  return kExitFailure;
}

// CLI11 signals --help/--version and parse errors with exceptions; they are
// translated to exit codes here so none leaves this module.
int ParseAndRun(CLI::App* app, const std::vector<std::string>& args, CliContext* ctx,
                const Status* result) {
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app->parse(reversed);
  } catch (const CLI::CallForHelp&) {
    fmt::print(ctx->out, "{}", app->help());
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    fmt::print(ctx->out, "{}", app->help("", CLI::AppFormatMode::All));
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    fmt::print(ctx->out, "strata {}\n", kVersion);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    fmt::print(ctx->err, "strata: usage error: {}\nRun 'strata --help' for usage.\n", e.what());
    return kExitUsage;
  }
  if (!result->ok()) return ReportError(*ctx, *result);
  return kExitOk;
}

}  // namespace

int RunCli(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  CliContext ctx{.out = out, .err = err};
  GlobalOptions globals;
  Status result;
  CLI::App app("strata: CSV, JSON and PostgreSQL data into Parquet and Delta Lake tables",
               "strata");
  app.require_subcommand(0, 1);
  // Global options are accepted after the subcommand too (strata cat x --json).
  app.fallthrough();
  AddGlobalOptions(&app, &ctx, &globals);
  // Globals are applied once parsing is done and before the subcommand runs.
  app.parse_complete_callback([&] {
    CheckVersionFlag(app, globals);
    result = ApplyGlobals(ctx, globals);
  });
  AddVersionCommand(&app, &ctx, &result);
  AddGenerateCommand(&app, &ctx, &result);
  AddSchemaCommand(&app, &ctx, &result);
  AddMetaCommand(&app, &ctx, &result);
  AddCatCommand(&app, &ctx, &result);
  AddConvertCommand(&app, &ctx, &result);
  AddTableCommand(&app, &ctx, &result);
  AddHistoryCommand(&app, &ctx, &result);
  AddIngestCommand(&app, &ctx, &result);
  AddMaintenanceCommands(&app, &ctx, &result);
  int code = ParseAndRun(&app, args, &ctx, &result);
  if (code == kExitOk && args.empty()) fmt::print(ctx.out, "{}", app.help());
  std::fflush(out);
  return code;
}

}  // namespace strata::cli
