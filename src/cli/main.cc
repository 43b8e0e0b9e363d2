// Entry point of the `tutela` executable: dispatches to subcommands.
#include "cli/commands.h"

int main(int argc, char** argv) { return tutela::cli::Main(argc, argv); }
