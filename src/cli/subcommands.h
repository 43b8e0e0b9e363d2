// The registry of `tutela` subcommands; each lives in its own cmd_*.cc file.
// Immutable; thread-safe.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cli/loading.h"
#include "common/date.h"
#include "models/model_file.h"

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
int RunRun(const std::vector<std::string>& args);
int RunClues(const std::vector<std::string>& args);
int RunDemoData(const std::vector<std::string>& args);

// Helpers shared by subcommands.
Result<Days> AsOfFlag(const std::string& value);  // empty -> today
Result<std::map<std::string, std::string>> ParamFlags(const std::vector<std::string>& values);
// Built-in models plus the *.sql of `extra_dir` (same id replaces); `names` selects.
Result<std::vector<models::ModelDef>> SelectModels(const std::vector<std::string>& names,
                                                   const std::string& extra_dir);
// Loads a workspace's tables into `catalog` (see src/storage).
Status LoadWorkspaceCatalog(const std::string& dir, const std::string& key_file, Catalog* catalog);

}  // namespace tutela::cli
