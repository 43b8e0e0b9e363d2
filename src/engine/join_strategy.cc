// join_strategy pass: picks each join's algorithm (hash, nested loop, range
// sweep, interval sweep, spatial grid) from the shape of its condition.
#include "engine/join_strategy.h"

namespace tutela::engine {

namespace {

bool HasColumns(const Expr& e) {
  std::set<ColId> c;
  CollectColumns(e, &c);
  return !c.empty();
}

bool Orderable(SqlType t) {
  return t == SqlType::kInt || t == SqlType::kDouble || t == SqlType::kDate ||
         t == SqlType::kTimestamp || t == SqlType::kBool;
}

// Side of the columns of `exprs`: 0 left only, 1 right only, -1 neither or
// no columns at all.
int SideOf(std::initializer_list<const Expr*> exprs, const std::set<ColId>& left,
           const std::set<ColId>& right) {
  std::set<ColId> cols;
  for (const Expr* e : exprs) CollectColumns(*e, &cols);
  if (cols.empty()) return -1;
  bool l = true, r = true;
  for (ColId c : cols) {
    l = l && left.count(c);
    r = r && right.count(c);
  }
  return l ? 0 : (r ? 1 : -1);
}

bool IsHaversine(const Expr& e) {
  return e.kind == ExprKind::kFunc && e.name == "haversine_m" && e.args.size() == 4;
}

bool IsConstantDouble(const Expr& e) {
  return e.type == SqlType::kDouble && !HasColumns(e) && !ContainsAgg(e);
}

bool Supports(JoinKind k) {
  return k == JoinKind::kInner || k == JoinKind::kLeft || k == JoinKind::kSemi ||
         k == JoinKind::kAnti || k == JoinKind::kMark;
}

PlanPtr Annotate(PlanPtr n) {
  for (PlanPtr& c : n->children) c = Annotate(c);
  if (n->kind == PlanKind::kJoin) n->join_spec = ChooseJoinSpec(*n);
  return n;
}

}  // namespace

std::optional<JoinBound> MatchJoinBound(const ExprPtr& c, const std::set<ColId>& left,
                                        const std::set<ColId>& right) {
  if (c->kind != ExprKind::kBinary) return std::nullopt;
  if (c->op != Op::kLt && c->op != Op::kLe && c->op != Op::kGt && c->op != Op::kGe) {
    return std::nullopt;
  }
  const ExprPtr& a = c->args[0];
  const ExprPtr& b = c->args[1];
  if (a->type != b->type || !Orderable(a->type)) return std::nullopt;
  int sa = SideOf({a.get()}, left, right), sb = SideOf({b.get()}, left, right);
  if (sa < 0 || sb < 0 || sa == sb) return std::nullopt;
  JoinBound out;
  out.conjunct = c;
  out.strict = c->op == Op::kLt || c->op == Op::kGt;
  bool less = c->op == Op::kLt || c->op == Op::kLe;  // args[0] below args[1]
  if (sa == 1) {                                     // right op left
    out.right = a;
    out.left = b;
    out.upper = less;
  } else {  // left op right: right is above the left when `less`
    out.right = b;
    out.left = a;
    out.upper = !less;
  }
  return out;
}

bool MatchGridJoin(const ExprPtr& c, const std::set<ColId>& left, const std::set<ColId>& right,
                   JoinSpec* spec) {
  if (c->kind != ExprKind::kBinary) return false;
  const Expr* hav = nullptr;
  ExprPtr dist;
  if ((c->op == Op::kLe || c->op == Op::kLt) && IsHaversine(*c->args[0])) {
    hav = c->args[0].get();
    dist = c->args[1];
  } else if ((c->op == Op::kGe || c->op == Op::kGt) && IsHaversine(*c->args[1])) {
    hav = c->args[1].get();
    dist = c->args[0];
  } else {
    return false;
  }
  if (!IsConstantDouble(*dist)) return false;
  for (const ExprPtr& a : hav->args) {
    if (a->type != SqlType::kDouble) return false;
  }
  // Each point's latitude and longitude come from one side; one point per side.
  int p1 = SideOf({hav->args[0].get(), hav->args[1].get()}, left, right);
  int p2 = SideOf({hav->args[2].get(), hav->args[3].get()}, left, right);
  if (p1 < 0 || p2 < 0 || p1 == p2) return false;
  size_t l = p1 == 0 ? 0 : 2, r = p1 == 0 ? 2 : 0;
  spec->grid_conjunct = c;
  spec->left_lat = hav->args[l];
  spec->left_lon = hav->args[l + 1];
  spec->right_lat = hav->args[r];
  spec->right_lon = hav->args[r + 1];
  spec->distance = dist;
  return true;
}

std::shared_ptr<const JoinSpec> ChooseJoinSpec(const PlanNode& n) {
  auto spec = std::make_shared<JoinSpec>();
  JoinCondition jc =
      SplitJoinCondition(n.predicate, n.children[0]->outputs, n.children[1]->outputs);
  spec->left_keys = jc.left_keys;
  spec->right_keys = jc.right_keys;
  spec->residual = jc.residual;
  spec->algo = jc.left_keys.empty() ? JoinAlgo::kNestedLoop : JoinAlgo::kHash;
  if (!Supports(n.join_kind)) return spec;
  std::set<ColId> ls(n.children[0]->outputs.begin(), n.children[0]->outputs.end());
  std::set<ColId> rs(n.children[1]->outputs.begin(), n.children[1]->outputs.end());
  // A distance condition first: it bounds two coordinates at once.
  for (const ExprPtr& c : jc.residual) {
    if (MatchGridJoin(c, ls, rs, spec.get())) {
      spec->algo = JoinAlgo::kGrid;
      return spec;
    }
  }
  std::vector<JoinBound> bounds;
  for (const ExprPtr& c : jc.residual) {
    if (auto b = MatchJoinBound(c, ls, rs)) bounds.push_back(*b);
  }
  if (bounds.empty()) return spec;
  // A window [lo, hi] on one right expression (point-in-window, BETWEEN).
  for (size_t i = 0; i < bounds.size(); ++i) {
    for (size_t j = i + 1; j < bounds.size(); ++j) {
      if (bounds[i].upper != bounds[j].upper && SameExpr(*bounds[i].right, *bounds[j].right)) {
        spec->algo = JoinAlgo::kRangeSweep;
        spec->bounds = {bounds[i], bounds[j]};
        return spec;
      }
    }
  }
  // Overlap: an upper bound on one right expression (the start) and a lower
  // bound on another (the end), all four expressions of one type.
  for (size_t i = 0; i < bounds.size(); ++i) {
    for (size_t j = i + 1; j < bounds.size(); ++j) {
      if (bounds[i].upper != bounds[j].upper && bounds[i].right->type == bounds[j].right->type) {
        spec->algo = JoinAlgo::kIntervalSweep;
        spec->bounds = {bounds[i], bounds[j]};
        return spec;
      }
    }
  }
  spec->algo = JoinAlgo::kRangeSweep;
  spec->bounds = {bounds[0]};
  return spec;
}

PlanPtr JoinStrategy(PlanPtr root) {
  root = Annotate(root);
  RefreshOutputs(root.get());
  return root;
}

}  // namespace tutela::engine
