// Executor: runs a logical plan column-at-a-time. Every operator consumes
// fully materialized child Chunks and produces one (filter -> selection
// vector -> gather, project -> whole-column expressions, hash join -> pairs
// of row indexes -> gather). Stateless; concurrent executions over one
// read-only Catalog are safe.
#pragma once

#include "engine/eval.h"
#include "engine/plan.h"

namespace tutela::engine {

Result<Chunk> Execute(const PlanNode& node, const EvalContext& ctx);

// Eval, split into contiguous row ranges over ctx.threads when the input is
// large and the expression costly; the result does not depend on the split.
Result<Vec> EvalParallel(const Expr& e, const Chunk& in, const EvalContext& ctx);

// The vector of `e` over `in`: the input's own column for a column
// reference (no copy), else EvalParallel's result stored in *storage.
Result<const Vec*> EvalRef(const Expr& e, const Chunk& in, const EvalContext& ctx, Vec* storage);

// Rows where `predicate` is TRUE, conjuncts evaluated cheapest first and
// each only over the rows the previous ones kept (so a later conjunct's
// runtime error on an already rejected row is not raised).
Result<std::vector<RowIdx>> SelectRows(const ExprPtr& predicate, const Chunk& in,
                                       const EvalContext& ctx);

// Operators, split by file.
Result<Chunk> ExecJoin(const PlanNode& node, Chunk left, Chunk right, const EvalContext& ctx);
Result<Chunk> ExecAggregate(const PlanNode& node, const Chunk& input, const EvalContext& ctx);
Result<Chunk> ExecSort(const PlanNode& node, const Chunk& input, const EvalContext& ctx);
// ORDER BY + LIMIT: runs the Sort node `sort` (its child included) and keeps
// only the first offset + limit rows of the sorted order (top-k).
Result<Chunk> ExecSortLimit(const PlanNode& sort, int64_t offset, int64_t limit,
                            const EvalContext& ctx);

}  // namespace tutela::engine
