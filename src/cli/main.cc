// Entry point of the `tutela` executable: dispatches to subcommands.
#include "cli/commands.h"
#include "cli/huge_pages.h"

int main(int argc, char** argv) {
  tutela::cli::EnableHugePages(argv);
  return tutela::cli::Main(argc, argv);
}
