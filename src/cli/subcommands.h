// The registry of `tutela` subcommands; each lives in its own cmd_*.cc file.
// Immutable; thread-safe.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cli/loading.h"
#include "common/date.h"

namespace tutela::cli {

struct Subcommand {
  const char* name;
  std::function<int(const std::vector<std::string>&)> run;
};

const std::vector<Subcommand>& Subcommands();

int RunQuality(const std::vector<std::string>& args);
int RunScan(const std::vector<std::string>& args);
int RunSql(const std::vector<std::string>& args);
int RunInit(const std::vector<std::string>& args);
int RunImport(const std::vector<std::string>& args);
int RunTables(const std::vector<std::string>& args);

// Helpers shared by subcommands.
Result<Days> AsOfFlag(const std::string& value);  // empty -> today
// Loads a workspace's tables into `catalog` (see src/storage).
Status LoadWorkspaceCatalog(const std::string& dir, const std::string& key_file, Catalog* catalog);

}  // namespace tutela::cli
