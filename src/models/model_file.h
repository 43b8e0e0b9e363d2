// Model files: a supervision model is a text file with a metadata header in
// `-- key: value` comment lines and one SQL query per rule (docs/models.md).
// Parsing is pure; ModelDef is an immutable value once parsed.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace tutela::models {

struct ParamDef {
  std::string name;
  std::string default_value;  // text, parsed like a --param value
  std::string description;
};

struct RuleDef {
  std::string name;
  std::string title_zh, title_en;
  std::vector<std::string> keys;             // result columns that identify the clue
  std::string department;                    // SQL expression over the rule's result columns
  std::string severity;                      // SQL expression
  std::vector<std::string> legal_basis;      // empty: the model's
  std::vector<std::string> required_tables;  // empty: the model's
  // Target: (field, SQL expression) pairs, e.g. {"kind", "'regulator'"}, {"name", "regulator"}.
  std::vector<std::pair<std::string, std::string>> target;
  // Evidence: (table, result column holding that table's `_row`).
  std::vector<std::pair<std::string, std::string>> evidence;
  std::string sql;
  int sql_line = 0;   // 1-based line of the file where `sql` starts
  int rule_line = 0;  // 1-based line of the `-- rule:` header
};

struct ModelDef {
  std::string id;
  std::string path;    // where it was read from ("builtin:<name>" for embedded models)
  std::string sha256;  // of the file's bytes
  std::string title_zh, title_en;
  std::string description_zh, description_en;
  std::vector<std::string> legal_basis;
  std::vector<std::string> required_tables;
  std::vector<ParamDef> params;
  std::vector<RuleDef> rules;
};

// Parses a model file. Errors are kInvalidInput "path:line:column: message".
Result<ModelDef> ParseModelFile(const std::string& path, std::string_view text);

// Models compiled into the binary from models/*.sql (sorted by id).
Result<std::vector<ModelDef>> BuiltinModels();

// Every *.sql file of `dir`, sorted by file name; a missing dir gives none.
Result<std::vector<ModelDef>> LoadModelDir(const std::string& dir);

}  // namespace tutela::models
