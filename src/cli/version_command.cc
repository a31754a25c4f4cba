#include "cli/commands.h"
#include "common/version.h"

namespace strata::cli {

void AddVersionCommand(CLI::App* app, CliContext* ctx, Status* result) {
  CLI::App* cmd = app->add_subcommand("version", "Print the version of strata");
  cmd->callback([ctx, result] {
    if (!result->ok()) return;
    if (ctx->json) {
      ctx->Print("{{\"version\": {}, \"created_by\": {}}}\n", JsonString(kVersion),
                 JsonString(kCreatedBy));
    } else {
      ctx->Print("strata {}\n", kVersion);
    }
  });
}

}  // namespace strata::cli
