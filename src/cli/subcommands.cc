// The table of subcommands.
#include "cli/subcommands.h"

namespace tutela::cli {

const std::vector<Subcommand>& Subcommands() {
  static const std::vector<Subcommand>* table = new std::vector<Subcommand>{
      {"quality", RunQuality},
  };
  return *table;
}

}  // namespace tutela::cli
