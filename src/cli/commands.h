// Subcommand dispatch for the `tutela` executable. Single-threaded entry.
#pragma once

namespace tutela::cli {
// Runs the command line; returns the process exit status (0 ok, 2 bad input
// or usage, 1 internal error).
int Main(int argc, char** argv);
}  // namespace tutela::cli
