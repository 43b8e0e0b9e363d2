// Subcommand dispatch (skeleton; subcommands land in their own files).
#include "cli/commands.h"

#include <cstdio>

namespace tutela::cli {
int Main(int argc, char** argv) {
  (void)argc;
  (void)argv;
  std::fprintf(stderr, "tutela: no subcommands yet\n");
  return 2;
}
}  // namespace tutela::cli
