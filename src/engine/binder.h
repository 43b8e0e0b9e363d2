// Binder: resolves names and types of a parsed statement against the catalog
// and produces the logical plan. One Binder per statement; not thread-safe,
// but any number may run concurrently over one read-only Catalog.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "engine/ast.h"
#include "engine/plan.h"

namespace tutela::engine {

struct BoundQuery {
  PlanPtr root;
  std::vector<ColumnInfo> columns;  // indexed by ColId
  std::vector<ColId> output_cols;
  std::vector<std::string> output_names;
};

struct BindOptions {
  const Catalog* catalog = nullptr;
  Days as_of = 0;
  const std::map<std::string, Value>* params = nullptr;
};

// `sql` is the statement text (for error carets).
Result<BoundQuery> Bind(const AstStatement& stmt, std::string_view sql, const BindOptions& opts);

}  // namespace tutela::engine
