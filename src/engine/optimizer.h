// Logical plan optimizer: named rewrite passes, each of which can be
// switched off (QueryOptions::disabled_passes) without changing results.
// Works on a plan owned by the caller; not thread-safe for one plan.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "engine/plan.h"

namespace tutela::engine {

// Pass names, in the order they run.
const std::vector<std::string>& OptimizerPassNames();

// subquery_to_join: a mark join whose mark is only used as a WHERE conjunct
//   (EXISTS / IN, or NOT of one) becomes a semi or anti join.
// filter_pushdown: WHERE conjuncts move down through projections, joins
//   (becoming join keys; a cross join with an equality becomes a hash join),
//   grouping keys, sorts and unions, to the scans.
// projection_pruning: scans read, and operators keep, only the columns used above.
// join_order: inner joins take the smaller estimated input as the build side.
// join_strategy: picks each join's algorithm (join_strategy.h).
Result<PlanPtr> Optimize(PlanPtr root, const std::set<std::string>& disabled);

PlanPtr SubqueryToJoin(PlanPtr root);
PlanPtr FilterPushdown(PlanPtr root);
PlanPtr ProjectionPruning(PlanPtr root);

}  // namespace tutela::engine
