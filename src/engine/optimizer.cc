// Optimizer passes: subquery_to_join, filter_pushdown, projection_pruning
// (join_order and join_strategy are in join_order.cc / join_strategy.cc).
#include "engine/optimizer.h"

#include <fmt/format.h>

#include <map>

#include "engine/join_strategy.h"

namespace tutela::engine {

const std::vector<std::string>& OptimizerPassNames() {
  static const std::vector<std::string> kNames = {
      "subquery_to_join", "filter_pushdown", "projection_pruning", "join_order", "join_strategy"};
  return kNames;
}

Result<PlanPtr> Optimize(PlanPtr root, const std::set<std::string>& disabled) {
  for (const std::string& name : disabled) {
    const auto& names = OptimizerPassNames();
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      return Status::InvalidInput(
          fmt::format("未知优化步骤 / unknown optimizer pass \"{}\"", name));
    }
  }
  if (!disabled.count("subquery_to_join")) root = SubqueryToJoin(root);
  if (!disabled.count("filter_pushdown")) root = FilterPushdown(root);
  if (!disabled.count("projection_pruning")) root = ProjectionPruning(root);
  if (!disabled.count("join_order")) root = JoinOrder(root);
  if (!disabled.count("join_strategy")) root = JoinStrategy(root);
  RefreshOutputs(root.get());
  return root;
}

// ---------------------------------------------------------------- subquery_to_join

namespace {

void CountRefs(const Expr& e, std::map<ColId, int>* counts) {
  if (e.kind == ExprKind::kColumn) ++(*counts)[e.col];
  for (const ExprPtr& a : e.args) CountRefs(*a, counts);
}

void CountPlanRefs(const PlanNode& n, std::map<ColId, int>* counts) {
  auto add = [&](const ExprPtr& e) {
    if (e) CountRefs(*e, counts);
  };
  add(n.predicate);
  add(n.in_left);
  add(n.in_right);
  for (const ExprPtr& e : n.exprs) add(e);
  for (const ExprPtr& e : n.groups) add(e);
  for (const ExprPtr& e : n.aggs) add(e);
  for (const SortKey& k : n.sort_keys) add(k.expr);
  for (const auto& in : n.union_inputs) {
    for (ColId c : in) ++(*counts)[c];
  }
  for (const PlanPtr& c : n.children) CountPlanRefs(*c, counts);
}

// The mark join producing `mark` among the stacked joins/filters below `n`.
PlanNode* FindMarkJoin(PlanNode* n, ColId mark) {
  while (n) {
    if (n->kind == PlanKind::kJoin && n->join_kind == JoinKind::kMark && n->mark == mark) return n;
    if (n->kind == PlanKind::kFilter ||
        (n->kind == PlanKind::kJoin && n->join_kind != JoinKind::kCross)) {
      n = n->children[0].get();
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

void ConvertMarks(const PlanPtr& n, const std::map<ColId, int>& counts) {
  for (const PlanPtr& c : n->children) ConvertMarks(c, counts);
  if (n->kind != PlanKind::kFilter) return;
  std::vector<ExprPtr> conj, keep;
  SplitConjuncts(n->predicate, &conj);
  for (const ExprPtr& c : conj) {
    const Expr* col = c.get();
    bool negated = false;
    if (c->kind == ExprKind::kUnary && c->op == Op::kNot) {
      col = c->args[0].get();
      negated = true;
    }
    if (col->kind == ExprKind::kColumn) {
      auto it = counts.find(col->col);
      PlanNode* join = FindMarkJoin(n->children[0].get(), col->col);
      if (join && it != counts.end() && it->second == 1) {
        join->join_kind = negated ? JoinKind::kAnti : JoinKind::kSemi;
        join->mark = -1;
        continue;
      }
    }
    keep.push_back(c);
  }
  n->predicate = MakeAnd(keep);
}

PlanPtr DropEmptyFilters(PlanPtr n) {
  for (PlanPtr& c : n->children) c = DropEmptyFilters(c);
  if (n->kind == PlanKind::kFilter && !n->predicate) return n->children[0];
  return n;
}

}  // namespace

PlanPtr SubqueryToJoin(PlanPtr root) {
  std::map<ColId, int> counts;
  CountPlanRefs(*root, &counts);
  ConvertMarks(root, counts);
  root = DropEmptyFilters(root);
  RefreshOutputs(root.get());
  return root;
}

// ---------------------------------------------------------------- filter_pushdown

namespace {

std::set<ColId> Outputs(const PlanNode& n) { return {n.outputs.begin(), n.outputs.end()}; }

ExprPtr Substitute(const ExprPtr& e, const std::map<ColId, ExprPtr>& map) {
  if (e->kind == ExprKind::kColumn) {
    auto it = map.find(e->col);
    return it == map.end() ? e : it->second;
  }
  if (e->args.empty()) return e;
  auto copy = std::make_shared<Expr>(*e);
  for (ExprPtr& a : copy->args) a = Substitute(a, map);
  return copy;
}

PlanPtr WithFilter(PlanPtr n, const std::vector<ExprPtr>& preds) {
  if (preds.empty()) return n;
  auto f = std::make_shared<PlanNode>();
  f->kind = PlanKind::kFilter;
  f->predicate = MakeAnd(preds);
  f->children.push_back(std::move(n));
  f->outputs = ComputeOutputs(*f);
  return f;
}

PlanPtr Push(PlanPtr n, std::vector<ExprPtr> preds) {
  switch (n->kind) {
    case PlanKind::kFilter: {
      SplitConjuncts(n->predicate, &preds);
      return Push(n->children[0], std::move(preds));
    }
    case PlanKind::kSort: {
      n->children[0] = Push(n->children[0], std::move(preds));
      n->outputs = ComputeOutputs(*n);
      return n;
    }
    case PlanKind::kProject: {
      std::map<ColId, ExprPtr> map;
      for (size_t k = 0; k < n->exprs.size(); ++k) map[n->outputs[k]] = n->exprs[k];
      std::vector<ExprPtr> below;
      for (const ExprPtr& p : preds) below.push_back(Substitute(p, map));
      n->children[0] = Push(n->children[0], std::move(below));
      return n;
    }
    case PlanKind::kAggregate: {
      std::vector<ExprPtr> below, above;
      std::map<ColId, ExprPtr> map;
      std::set<ColId> group_cols;
      for (size_t k = 0; k < n->groups.size(); ++k) {
        map[n->outputs[k]] = n->groups[k];
        group_cols.insert(n->outputs[k]);
      }
      for (const ExprPtr& p : preds) {
        if (!n->groups.empty() && RefsOnly(*p, group_cols)) {
          below.push_back(Substitute(p, map));
        } else {
          above.push_back(p);
        }
      }
      n->children[0] = Push(n->children[0], std::move(below));
      return WithFilter(n, above);
    }
    case PlanKind::kUnion: {
      for (size_t ch = 0; ch < n->children.size(); ++ch) {
        std::map<ColId, ExprPtr> map;
        for (size_t k = 0; k < n->outputs.size(); ++k) {
          ColId in = n->union_inputs[ch][k];
          const PlanNode& child = *n->children[ch];
          SqlType t = SqlType::kNull;
          (void)child;
          map[n->outputs[k]] = MakeColumn(in, t);
        }
        std::vector<ExprPtr> below;
        for (const ExprPtr& p : preds) below.push_back(Substitute(p, map));
        n->children[ch] = Push(n->children[ch], std::move(below));
      }
      return n;
    }
    case PlanKind::kJoin: {
      std::set<ColId> lo = Outputs(*n->children[0]);
      std::set<ColId> ro = Outputs(*n->children[1]);
      std::vector<ExprPtr> lp, rp, jp, above;
      JoinKind k = n->join_kind;
      std::vector<ExprPtr> cond;
      SplitConjuncts(n->predicate, &cond);
      if (k == JoinKind::kInner || k == JoinKind::kCross) {
        for (const ExprPtr& c : cond) preds.push_back(c);
        for (const ExprPtr& p : preds) {
          if (RefsOnly(*p, lo)) {
            lp.push_back(p);
          } else if (RefsOnly(*p, ro)) {
            rp.push_back(p);
          } else {
            jp.push_back(p);
          }
        }
        n->join_kind = jp.empty() ? JoinKind::kCross : JoinKind::kInner;
      } else {
        for (const ExprPtr& p : preds) (RefsOnly(*p, lo) ? lp : above).push_back(p);
        for (const ExprPtr& c : cond) {
          if (k != JoinKind::kSingle && RefsOnly(*c, ro)) {
            rp.push_back(c);
          } else {
            jp.push_back(c);
          }
        }
      }
      n->predicate = MakeAnd(jp);
      n->children[0] = Push(n->children[0], std::move(lp));
      n->children[1] = Push(n->children[1], std::move(rp));
      n->outputs = ComputeOutputs(*n);
      return WithFilter(n, above);
    }
    case PlanKind::kLimit: {
      n->children[0] = Push(n->children[0], {});
      n->outputs = ComputeOutputs(*n);
      return WithFilter(n, preds);
    }
    case PlanKind::kScan:
    case PlanKind::kValues:
      return WithFilter(n, preds);
  }
  return WithFilter(n, preds);
}

}  // namespace

PlanPtr FilterPushdown(PlanPtr root) {
  root = Push(root, {});
  RefreshOutputs(root.get());
  return root;
}

// ---------------------------------------------------------------- projection_pruning

namespace {

void Refs(const ExprPtr& e, std::set<ColId>* out) {
  if (e) CollectColumns(*e, out);
}

void Prune(PlanNode* n, const std::set<ColId>& required) {
  switch (n->kind) {
    case PlanKind::kScan: {
      std::vector<ColId> outs;
      std::vector<int> cols;
      for (size_t k = 0; k < n->outputs.size(); ++k) {
        if (!required.count(n->outputs[k])) continue;
        outs.push_back(n->outputs[k]);
        cols.push_back(n->scan_columns[k]);
      }
      n->outputs = outs;
      n->scan_columns = cols;
      return;
    }
    case PlanKind::kValues:
      return;
    case PlanKind::kProject: {
      std::vector<ExprPtr> exprs;
      std::vector<ColId> outs;
      std::set<ColId> need;
      for (size_t k = 0; k < n->exprs.size(); ++k) {
        if (!required.count(n->outputs[k])) continue;
        exprs.push_back(n->exprs[k]);
        outs.push_back(n->outputs[k]);
        Refs(n->exprs[k], &need);
      }
      n->exprs = exprs;
      n->outputs = outs;
      Prune(n->children[0].get(), need);
      return;
    }
    case PlanKind::kAggregate: {
      std::set<ColId> need;
      std::vector<ExprPtr> aggs;
      std::vector<ColId> outs(n->outputs.begin(),
                              n->outputs.begin() + static_cast<long>(n->groups.size()));
      for (const ExprPtr& g : n->groups) Refs(g, &need);
      for (size_t k = 0; k < n->aggs.size(); ++k) {
        ColId c = n->outputs[n->groups.size() + k];
        if (!required.count(c)) continue;
        aggs.push_back(n->aggs[k]);
        outs.push_back(c);
        Refs(n->aggs[k], &need);
      }
      n->aggs = aggs;
      n->outputs = outs;
      Prune(n->children[0].get(), need);
      return;
    }
    case PlanKind::kUnion: {
      std::vector<ColId> outs;
      std::vector<std::vector<ColId>> inputs(n->children.size());
      for (size_t k = 0; k < n->outputs.size(); ++k) {
        if (!required.count(n->outputs[k])) continue;
        outs.push_back(n->outputs[k]);
        for (size_t ch = 0; ch < n->children.size(); ++ch) {
          inputs[ch].push_back(n->union_inputs[ch][k]);
        }
      }
      n->outputs = outs;
      n->union_inputs = inputs;
      for (size_t ch = 0; ch < n->children.size(); ++ch) {
        Prune(n->children[ch].get(), std::set<ColId>(inputs[ch].begin(), inputs[ch].end()));
      }
      return;
    }
    default: {
      std::set<ColId> need = required;
      Refs(n->predicate, &need);
      Refs(n->in_left, &need);
      Refs(n->in_right, &need);
      for (const SortKey& k : n->sort_keys) Refs(k.expr, &need);
      for (const PlanPtr& c : n->children) Prune(c.get(), need);
      n->outputs = ComputeOutputs(*n);
      return;
    }
  }
}

}  // namespace

PlanPtr ProjectionPruning(PlanPtr root) {
  std::set<ColId> required(root->outputs.begin(), root->outputs.end());
  Prune(root.get(), required);
  RefreshOutputs(root.get());
  return root;
}

}  // namespace tutela::engine
