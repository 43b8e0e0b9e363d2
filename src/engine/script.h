// Golden test scripts (sqllogictest style) and inline test tables: parsing
// only; the runners live in the tests. Pure; thread-safe.
//
// A script is a sequence of blocks separated by blank lines:
//   # comment
//   table NAME (col type, ...)      types: int double text date timestamp bool id
//   v1,v2,...                       one row per line; empty or NULL = NULL;
//                                   "..." quotes a value (with "" for a quote)
//   registry ID [YYYY-MM-DD|-] [M|F|-]   persons-row birth date / sex override
//   param NAME VALUE                a :NAME parameter (ParseParamValue)
//   asof YYYY-MM-DD                 the :as_of date
//   query [rowsort] [nosqlite]      SQL lines, "----", expected rows (cells joined
//                                   by "|", NULL as NULL, '' as (empty))
//   error                           SQL lines, "----", the expected error message
//   explain                         SQL lines, "----", the expected plan
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "common/status.h"

namespace tutela::engine {

struct ScriptBlock {
  enum class Kind { kTable, kRegistry, kParam, kAsOf, kQuery, kError, kExplain } kind;
  int line = 0;                     // 1-based line of the block's first line
  std::vector<std::string> header;  // the directive line's words
  std::string text;                 // table declaration or SQL
  std::vector<std::string> body;    // table rows / expected lines
  // 0-based line indexes in the script: end of the SQL text, and the
  // expected-output range [body_begin, body_end) (-1 when there is no "----").
  int sql_end = -1, body_begin = -1, body_end = -1;
  bool rowsort = false;
  bool nosqlite = false;
};

Result<std::vector<ScriptBlock>> ParseScript(std::string_view script);

// Builds a table from "name (col type, ...)" and CSV-ish rows; person-ID
// ("id") values are normalised and interned into `persons`. Rows get
// Table::lines() 1, 2, ... (their position in the block).
Result<std::shared_ptr<Table>> BuildInlineTable(std::string_view declaration,
                                                const std::vector<std::string>& rows,
                                                PersonDict* persons);

// Splits a CSV-ish line: ',' separates, "..." quotes; `quoted` says which
// fields were quoted (so "" is an empty string and a bare empty field NULL).
std::vector<std::string> SplitRow(std::string_view line, std::vector<bool>* quoted);

}  // namespace tutela::engine
