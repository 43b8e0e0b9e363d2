// Minimal command-line parsing for subcommands: positionals, `--flag value`,
// `--flag=value`, repeatable flags and boolean switches. Not thread-safe.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"

namespace tutela::cli {

class Args {
 public:
  // `value_flags` take a value; `switches` do not. Unknown flags are an error.
  // Every subcommand also accepts --threads N and --memory-limit SIZE, which
  // Parse applies process-wide (common/parallel.h, engine/memory_budget.h).
  static Result<Args> Parse(const std::vector<std::string>& argv,
                            const std::set<std::string>& value_flags,
                            const std::set<std::string>& switches);

  const std::vector<std::string>& positionals() const { return positionals_; }
  bool Has(const std::string& flag) const { return values_.count(flag) || switches_.count(flag); }
  // Last value given for the flag, or `fallback`.
  std::string Get(const std::string& flag, const std::string& fallback = "") const;
  // Every value given for a repeatable flag, in order.
  std::vector<std::string> GetAll(const std::string& flag) const;

 private:
  std::vector<std::string> positionals_;
  std::map<std::string, std::vector<std::string>> values_;
  std::set<std::string> switches_;
};

}  // namespace tutela::cli
