// Model runner: executes each rule's SQL through the engine and turns result
// rows into clues (keys, severity, department, target, evidence, identity
// links, invalid IDs), merging rows with equal keys. Single-threaded driver;
// the catalog must not change while it runs.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/date.h"
#include "common/status.h"
#include "models/clue.h"
#include "models/model_file.h"

namespace tutela::models {

struct RunOptions {
  Days as_of = 0;
  // "model.param" -> value text (from --param); must name declared params.
  std::map<std::string, std::string> params;
  // Tables that had a source file; a rule whose required table is not here is skipped.
  std::set<std::string> present_tables;
  // Messages for stderr (progress, skipped rules).
  std::function<void(const std::string&)> log;
};

struct RuleRun {
  std::string model, rule;
  bool skipped = false;
  std::string skip_reason;
  size_t rows = 0;   // result rows
  size_t clues = 0;  // clues after merging
  double seconds = 0;
};

struct RunResult {
  std::vector<Clue> clues;  // merged and sorted
  std::vector<RuleRun> rules;
};

// Checks that every --param names a declared parameter of a selected model.
Status ValidateParams(const std::vector<ModelDef>& models,
                      const std::map<std::string, std::string>& params);

Result<RunResult> RunModels(const Catalog& catalog, const std::vector<ModelDef>& models,
                            const RunOptions& options);

// Adds an empty table with the canonical schema for every table of the
// standard that the catalog lacks, so rules that only read it see it empty.
void AddEmptyStandardTables(Catalog* catalog);

}  // namespace tutela::models
