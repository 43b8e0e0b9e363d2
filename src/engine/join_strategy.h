// Optimizer passes for joins: join_order (the smaller estimated input of an
// inner join becomes the build side) and join_strategy (recognizes range,
// interval-overlap and distance conditions and records the algorithm in
// PlanNode::join_spec). Pure functions over a plan the caller owns; not
// thread-safe for one plan.
#pragma once

#include <memory>
#include <optional>

#include "engine/plan.h"

namespace tutela::engine {

// Rough output rows of a subtree: table sizes, x0.5 per filter conjunct,
// joins with a key or a range/grid condition give the larger input, anti and
// semi joins half the left, cross joins the product.
double EstimateRows(const PlanNode& node);

// join_order: inner and cross joins whose left input is estimated smaller
// than the right get their children swapped (columns are found by id, so
// only the row order of the join's output changes).
PlanPtr JoinOrder(PlanPtr root);

// join_strategy: sets join_spec on every join node (children first).
PlanPtr JoinStrategy(PlanPtr root);

// The spec for one join node whose children's outputs are current.
std::shared_ptr<const JoinSpec> ChooseJoinSpec(const PlanNode& join);

// Recognizers, exposed for tests. `left`/`right` are the children's columns.
std::optional<JoinBound> MatchJoinBound(const ExprPtr& conjunct, const std::set<ColId>& left,
                                        const std::set<ColId>& right);
// Fills the kGrid fields of `spec` when `conjunct` is a distance condition.
bool MatchGridJoin(const ExprPtr& conjunct, const std::set<ColId>& left,
                   const std::set<ColId>& right, JoinSpec* spec);

}  // namespace tutela::engine
