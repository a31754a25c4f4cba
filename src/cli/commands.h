// Registration of the subcommands. Each Add*Command attaches one subcommand
// to `app`; its callback stores the command's Status in `*result`.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"
#include "common/status.h"

namespace strata::cli {

void AddVersionCommand(CLI::App* app, CliContext* ctx, Status* result);
void AddGenerateCommand(CLI::App* app, CliContext* ctx, Status* result);
void AddSchemaCommand(CLI::App* app, CliContext* ctx, Status* result);
void AddMetaCommand(CLI::App* app, CliContext* ctx, Status* result);
void AddCatCommand(CLI::App* app, CliContext* ctx, Status* result);
void AddConvertCommand(CLI::App* app, CliContext* ctx, Status* result);

}  // namespace strata::cli
