// Logical plan helpers and EXPLAIN rendering.
#include "engine/plan.h"

#include <fmt/format.h>

namespace tutela::engine {

const char* JoinKindName(JoinKind k) {
  switch (k) {
    case JoinKind::kInner:
      return "inner";
    case JoinKind::kLeft:
      return "left";
    case JoinKind::kCross:
      return "cross";
    case JoinKind::kSemi:
      return "semi";
    case JoinKind::kAnti:
      return "anti";
    case JoinKind::kMark:
      return "mark";
    case JoinKind::kSingle:
      return "single";
  }
  return "?";
}

const char* JoinAlgoName(JoinAlgo a) {
  switch (a) {
    case JoinAlgo::kHash:
      return "hash";
    case JoinAlgo::kNestedLoop:
      return "nested-loop";
    case JoinAlgo::kRangeSweep:
      return "range-sweep";
    case JoinAlgo::kIntervalSweep:
      return "interval-sweep";
    case JoinAlgo::kGrid:
      return "grid";
  }
  return "?";
}

std::vector<ColId> ComputeOutputs(const PlanNode& n) {
  switch (n.kind) {
    case PlanKind::kScan:
    case PlanKind::kValues:
    case PlanKind::kProject:
    case PlanKind::kAggregate:
    case PlanKind::kUnion:
      return n.outputs;
    case PlanKind::kFilter:
    case PlanKind::kSort:
    case PlanKind::kLimit:
      return n.children[0]->outputs;
    case PlanKind::kJoin: {
      std::vector<ColId> out = n.children[0]->outputs;
      if (n.join_kind == JoinKind::kSemi || n.join_kind == JoinKind::kAnti) return out;
      if (n.join_kind == JoinKind::kMark) {
        out.push_back(n.mark);
        return out;
      }
      const auto& r = n.children[1]->outputs;
      out.insert(out.end(), r.begin(), r.end());
      return out;
    }
  }
  return {};
}

void RefreshOutputs(PlanNode* n) {
  for (const PlanPtr& c : n->children) RefreshOutputs(c.get());
  n->outputs = ComputeOutputs(*n);
}

void CollectProduced(const PlanNode& n, std::set<ColId>* out) {
  for (ColId c : n.outputs) out->insert(c);
  for (const PlanPtr& c : n.children) CollectProduced(*c, out);
}

void CollectReferenced(const PlanNode& n, std::set<ColId>* out) {
  auto add = [&](const ExprPtr& e) {
    if (e) CollectColumns(*e, out);
  };
  add(n.predicate);
  add(n.in_left);
  add(n.in_right);
  for (const ExprPtr& e : n.exprs) add(e);
  for (const ExprPtr& e : n.groups) add(e);
  for (const ExprPtr& e : n.aggs) add(e);
  for (const SortKey& k : n.sort_keys) add(k.expr);
  for (const auto& in : n.union_inputs) out->insert(in.begin(), in.end());
  for (const PlanPtr& c : n.children) CollectReferenced(*c, out);
}

JoinCondition SplitJoinCondition(const ExprPtr& cond, const std::vector<ColId>& left_cols,
                                 const std::vector<ColId>& right_cols) {
  JoinCondition k;
  std::vector<ExprPtr> conj;
  SplitConjuncts(cond, &conj);
  std::set<ColId> ls(left_cols.begin(), left_cols.end()), rs(right_cols.begin(), right_cols.end());
  for (const ExprPtr& c : conj) {
    if (c->kind == ExprKind::kBinary && c->op == Op::kEq) {
      std::set<ColId> a, b;
      CollectColumns(*c->args[0], &a);
      CollectColumns(*c->args[1], &b);
      if (!a.empty() && !b.empty()) {
        if (RefsOnly(*c->args[0], ls) && RefsOnly(*c->args[1], rs)) {
          k.left_keys.push_back(c->args[0]);
          k.right_keys.push_back(c->args[1]);
          continue;
        }
        if (RefsOnly(*c->args[0], rs) && RefsOnly(*c->args[1], ls)) {
          k.left_keys.push_back(c->args[1]);
          k.right_keys.push_back(c->args[0]);
          continue;
        }
      }
    }
    k.residual.push_back(c);
  }
  return k;
}

namespace {

std::string ColName(ColId id, const std::vector<ColumnInfo>& cols) {
  std::string name =
      id >= 0 && static_cast<size_t>(id) < cols.size() ? cols[static_cast<size_t>(id)].name : "?";
  return fmt::format("{}#{}", name, id);
}

void Render(const PlanNode& n, const std::vector<ColumnInfo>& cols, int depth,
            const PlanAnnotator& annotate, std::string* out) {
  std::string pad(static_cast<size_t>(depth) * 2, ' ');
  auto ex = [&](const ExprPtr& e) { return ExprToString(*e, cols); };
  std::string line;
  switch (n.kind) {
    case PlanKind::kScan: {
      line = "Scan " + n.table_name + " [";
      for (size_t i = 0; i < n.outputs.size(); ++i) {
        line += (i ? ", " : "") + ColName(n.outputs[i], cols);
      }
      line += "]";
      break;
    }
    case PlanKind::kValues:
      line = "Values (one row)";
      break;
    case PlanKind::kFilter:
      line = "Filter " + ex(n.predicate);
      break;
    case PlanKind::kProject: {
      line = "Project [";
      for (size_t i = 0; i < n.exprs.size(); ++i) {
        std::string e = ex(n.exprs[i]);
        std::string name = ColName(n.outputs[i], cols);
        line += (i ? ", " : "") + (e == name ? e : name + " := " + e);
      }
      line += "]";
      break;
    }
    case PlanKind::kAggregate: {
      line = "Aggregate groups=[";
      for (size_t i = 0; i < n.groups.size(); ++i) {
        line += (i ? ", " : "") + ColName(n.outputs[i], cols) + " := " + ex(n.groups[i]);
      }
      line += "] aggs=[";
      for (size_t i = 0; i < n.aggs.size(); ++i) {
        line += (i ? ", " : "") + ColName(n.outputs[n.groups.size() + i], cols) +
                " := " + ex(n.aggs[i]);
      }
      line += "]";
      break;
    }
    case PlanKind::kJoin: {
      line = fmt::format("Join {}", JoinKindName(n.join_kind));
      JoinSpec plain;
      const JoinSpec* spec = n.join_spec.get();
      if (!spec) {
        JoinCondition jc =
            SplitJoinCondition(n.predicate, n.children[0]->outputs, n.children[1]->outputs);
        plain.left_keys = jc.left_keys;
        plain.right_keys = jc.right_keys;
        plain.residual = jc.residual;
        plain.algo = jc.left_keys.empty() ? JoinAlgo::kNestedLoop : JoinAlgo::kHash;
        spec = &plain;
      }
      std::vector<ExprPtr> lk = spec->left_keys, rk = spec->right_keys;
      // IN without residual conditions hashes the IN value too (exec_join.cc).
      if (n.in_left && spec->residual.empty()) {
        lk.push_back(n.in_left);
        rk.push_back(n.in_right);
      }
      // The conditions that drive the algorithm are listed apart from the
      // residual (the executor checks them again on every candidate pair).
      std::vector<ExprPtr> shown;
      std::string range;
      for (const JoinBound& b : spec->bounds) range += (range.empty() ? "" : ", ") + ex(b.conjunct);
      for (const ExprPtr& c : spec->residual) {
        bool driver = c == spec->grid_conjunct;
        for (const JoinBound& b : spec->bounds) driver = driver || c == b.conjunct;
        if (!driver) shown.push_back(c);
      }
      if (spec->algo == JoinAlgo::kRangeSweep || spec->algo == JoinAlgo::kIntervalSweep) {
        line += std::string(" ") + JoinAlgoName(spec->algo);
      } else if (spec->algo == JoinAlgo::kGrid) {
        std::string g = ex(spec->grid_conjunct);
        if (g.size() >= 2 && g.front() == '(' && g.back() == ')') g = g.substr(1, g.size() - 2);
        line += " grid(" + g + ")";
      }
      if (!lk.empty()) {
        line += " hash=[";
        for (size_t i = 0; i < lk.size(); ++i) {
          line += (i ? ", " : "") + ex(lk[i]) + " = " + ex(rk[i]);
        }
        line += "]";
      } else if (n.join_kind != JoinKind::kSingle && spec->algo == JoinAlgo::kNestedLoop) {
        line += " nested-loop";
      }
      if (!range.empty()) line += " range=[" + range + "]";
      if (n.in_left) line += " in=(" + ex(n.in_left) + " = " + ex(n.in_right) + ")";
      if (!shown.empty()) line += " residual=" + ex(MakeAnd(shown));
      if (n.join_kind == JoinKind::kMark) line += " mark=" + ColName(n.mark, cols);
      break;
    }
    case PlanKind::kSort: {
      line = "Sort [";
      for (size_t i = 0; i < n.sort_keys.size(); ++i) {
        const SortKey& k = n.sort_keys[i];
        line += (i ? ", " : "") + ex(k.expr) + (k.desc ? " DESC" : " ASC") +
                (k.nulls_first ? " NULLS FIRST" : " NULLS LAST");
      }
      line += "]";
      break;
    }
    case PlanKind::kLimit:
      line = fmt::format("Limit {} offset {}",
                         n.limit < 0 ? std::string("ALL") : std::to_string(n.limit), n.offset);
      break;
    case PlanKind::kUnion: {
      line = "UnionAll [";
      for (size_t i = 0; i < n.outputs.size(); ++i) {
        line += (i ? ", " : "") + ColName(n.outputs[i], cols);
      }
      line += "]";
      break;
    }
  }
  if (annotate) line += annotate(n);
  *out += pad + line + "\n";
  for (const PlanPtr& c : n.children) Render(*c, cols, depth + 1, annotate, out);
}

}  // namespace

std::string PlanToString(const PlanNode& root, const std::vector<ColumnInfo>& cols,
                         const PlanAnnotator& annotate) {
  std::string out;
  Render(root, cols, 0, annotate, &out);
  return out;
}

}  // namespace tutela::engine
