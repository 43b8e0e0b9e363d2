// Column-at-a-time expression evaluation: every operator of an expression
// runs over whole column vectors of a Chunk. Stateless; thread-safe as long
// as the catalog is not modified.
#pragma once

#include <map>

#include "common/status.h"
#include "engine/expr.h"
#include "engine/memory_budget.h"
#include "engine/vec.h"
#include "identity/person_dict.h"

namespace tutela::engine {

struct PlanNode;
// Rows and wall time per executed plan node (EXPLAIN ANALYZE). Written by
// the executor's dispatch on the query's thread only.
struct OperatorStats {
  uint64_t rows = 0;
  double seconds = 0;  // inclusive of children
  int calls = 0;
};
using OperatorProfile = std::map<const PlanNode*, OperatorStats>;

struct EvalContext {
  const PersonDict* persons = nullptr;
  Days as_of = 0;
  // Worker threads for data-parallel operators (results never depend on it).
  int threads = 1;
  // The query's memory limit; null = unchecked.
  const MemoryBudget* memory = nullptr;
  // EXPLAIN ANALYZE: per plan node, rows produced and inclusive time.
  OperatorProfile* profile = nullptr;
};

// Reserve through ctx.memory when set.
[[nodiscard]] inline Status ReserveMemory(const EvalContext& ctx, uint64_t bytes,
                                          std::string_view op) {
  return ctx.memory == nullptr ? Status::Ok() : ctx.memory->Reserve(bytes, op);
}

// Evaluates `e` over all rows of `input`.
Result<Vec> Eval(const Expr& e, const Chunk& input, const EvalContext& ctx);

// The input's own column when `e` is a reference to one of its columns
// (no copy), else null.
const Vec* ColumnOf(const Expr& e, const Chunk& input);

// Converts a vector to another type (CAST semantics; errors on bad text).
Result<Vec> CastVec(const Vec& v, SqlType to, const EvalContext& ctx);

// Three-way comparison of two non-NULL values of the same type (text by
// bytes, person ids by their ID text, intervals by 30-day months).
int CompareValues(const Vec& a, size_t ra, const Vec& b, size_t rb, const EvalContext& ctx);

// Interval arithmetic on timestamps.
Seconds AddInterval(Seconds ts, int64_t months, int64_t seconds);

}  // namespace tutela::engine
