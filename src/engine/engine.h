// Public API of Tutela's SQL engine: runs one query of the dialect
// (docs/sql.md) over a read-only Catalog. Functions are thread-safe as long
// as the catalog is not modified while they run.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "catalog/catalog.h"
#include "common/status.h"
#include "common/table.h"
#include "engine/value.h"

namespace tutela::engine {

struct QueryOptions {
  Days as_of = 0;                       // the value of :as_of
  std::map<std::string, Value> params;  // :name -> value (names lower-case)
  // Optimizer passes to skip: "subquery_to_join", "filter_pushdown", "projection_pruning".
  std::set<std::string> disabled_passes;
  // When true, person-ID columns of the result are converted to text (their
  // ID strings); otherwise they stay kPersonId codes into catalog.persons().
  bool person_ids_as_text = false;
  // Worker threads; 0 = DefaultThreads() (common/parallel.h). The result is
  // the same, in the same order, for any value.
  int threads = 0;
  // Memory limit in bytes; 0 = the default of MemoryBudget.
  uint64_t memory_limit = 0;
};

// Runs `sql`. The result table is named "result"; its columns are the select
// list's names and types (intervals become text). An EXPLAIN statement
// returns one text column "plan", one row per line. Errors in the query are
// kInvalidInput (or kNotFound) with "line:column: message" and a caret line.
Result<std::shared_ptr<Table>> ExecuteQuery(const Catalog& catalog, std::string_view sql,
                                            const QueryOptions& options);

// The optimized logical plan of `sql` (with or without a leading EXPLAIN).
Result<std::string> Explain(const Catalog& catalog, std::string_view sql,
                            const QueryOptions& options);

// Parses a parameter value given on a command line: integer, decimal,
// true/false, YYYY-MM-DD (date), YYYY-MM-DD HH:MM[:SS] (timestamp), else text.
Value ParseParamValue(std::string_view text);

}  // namespace tutela::engine
