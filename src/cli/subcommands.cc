// The table of subcommands.
#include "cli/subcommands.h"

namespace tutela::cli {

const std::vector<Subcommand>& Subcommands() {
  static const std::vector<Subcommand>* table = new std::vector<Subcommand>{
      {"quality", RunQuality}, {"scan", RunScan},     {"sql", RunSql},
      {"init", RunInit},       {"import", RunImport}, {"tables", RunTables},
      {"run", RunRun},         {"clues", RunClues},   {"demo-data", RunDemoData},
  };
  return *table;
}

}  // namespace tutela::cli
