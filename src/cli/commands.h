// Registration of the subcommands. Each Add*Command attaches one subcommand
// to `app`; its callback stores the command's Status in `*result`.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"
#include "common/status.h"
#include "delta/snapshot.h"

namespace strata::cli {

void AddVersionCommand(CLI::App* app, CliContext* ctx, Status* result);
void AddGenerateCommand(CLI::App* app, CliContext* ctx, Status* result);
void AddSchemaCommand(CLI::App* app, CliContext* ctx, Status* result);
void AddMetaCommand(CLI::App* app, CliContext* ctx, Status* result);
void AddCatCommand(CLI::App* app, CliContext* ctx, Status* result);
void AddConvertCommand(CLI::App* app, CliContext* ctx, Status* result);
void AddTableCommand(CLI::App* app, CliContext* ctx, Status* result);
void AddHistoryCommand(CLI::App* app, CliContext* ctx, Status* result);
void AddIngestCommand(CLI::App* app, CliContext* ctx, Status* result);
// optimize, vacuum and restore.
void AddMaintenanceCommands(CLI::App* app, CliContext* ctx, Status* result);

// What `table info` prints (text, or JSON with --json); `schema` and `meta`
// print it for a table path too.
void PrintTableInfo(const delta::Snapshot& snapshot, const CliContext& ctx);

}  // namespace strata::cli
