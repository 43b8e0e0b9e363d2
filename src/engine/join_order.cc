// join_order pass and the row estimates it uses: the smaller estimated input
// of an inner join becomes its right (build) side.
#include <algorithm>
#include <cmath>

#include "engine/join_strategy.h"

namespace tutela::engine {

namespace {

size_t CountConjuncts(const ExprPtr& e) {
  std::vector<ExprPtr> conj;
  SplitConjuncts(e, &conj);
  return conj.size();
}

// True when the join condition has an equality key or a range/grid
// condition, i.e. the output is not expected to be a cross product.
bool Selective(const PlanNode& n) {
  if (!n.predicate) return false;
  JoinCondition jc =
      SplitJoinCondition(n.predicate, n.children[0]->outputs, n.children[1]->outputs);
  if (!jc.left_keys.empty()) return true;
  std::set<ColId> ls(n.children[0]->outputs.begin(), n.children[0]->outputs.end());
  std::set<ColId> rs(n.children[1]->outputs.begin(), n.children[1]->outputs.end());
  JoinSpec scratch;
  for (const ExprPtr& c : jc.residual) {
    if (MatchJoinBound(c, ls, rs) || MatchGridJoin(c, ls, rs, &scratch)) return true;
  }
  return false;
}

PlanPtr Order(PlanPtr n) {
  for (PlanPtr& c : n->children) c = Order(c);
  if (n->kind == PlanKind::kJoin &&
      (n->join_kind == JoinKind::kInner || n->join_kind == JoinKind::kCross) &&
      EstimateRows(*n->children[0]) < EstimateRows(*n->children[1])) {
    std::swap(n->children[0], n->children[1]);
    n->outputs = ComputeOutputs(*n);
  }
  return n;
}

}  // namespace

double EstimateRows(const PlanNode& n) {
  auto child = [&](size_t k) { return EstimateRows(*n.children[k]); };
  switch (n.kind) {
    case PlanKind::kScan:
      return n.table ? static_cast<double>(n.table->num_rows()) : 0;
    case PlanKind::kValues:
      return 1;
    case PlanKind::kFilter:
      return child(0) * std::pow(0.5, static_cast<double>(CountConjuncts(n.predicate)));
    case PlanKind::kProject:
    case PlanKind::kSort:
      return child(0);
    case PlanKind::kAggregate:
      return n.groups.empty() ? 1 : child(0) * 0.5;
    case PlanKind::kLimit: {
      double c = std::max(0.0, child(0) - static_cast<double>(n.offset));
      return n.limit < 0 ? c : std::min(c, static_cast<double>(n.limit));
    }
    case PlanKind::kUnion: {
      double sum = 0;
      for (size_t k = 0; k < n.children.size(); ++k) sum += child(k);
      return sum;
    }
    case PlanKind::kJoin: {
      double l = child(0);
      switch (n.join_kind) {
        case JoinKind::kSemi:
        case JoinKind::kAnti:
          return l * 0.5;
        case JoinKind::kMark:
        case JoinKind::kSingle:
          return l;
        case JoinKind::kLeft:
        case JoinKind::kInner:
        case JoinKind::kCross: {
          double r = child(1);
          double inner =
              Selective(n)
                  ? std::max(l, r)
                  : l * r * std::pow(0.5, static_cast<double>(CountConjuncts(n.predicate)));
          return n.join_kind == JoinKind::kLeft ? std::max(l, inner) : inner;
        }
      }
      return l;
    }
  }
  return 0;
}

PlanPtr JoinOrder(PlanPtr root) {
  root = Order(root);
  RefreshOutputs(root.get());
  return root;
}

}  // namespace tutela::engine
