// The registry of `tutela` subcommands; each lives in its own cmd_*.cc file.
// Immutable; thread-safe.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cli/loading.h"

namespace tutela::cli {

struct Subcommand {
  const char* name;
  std::function<int(const std::vector<std::string>&)> run;
};

const std::vector<Subcommand>& Subcommands();

int RunQuality(const std::vector<std::string>& args);

}  // namespace tutela::cli
