// Binder: EXISTS, IN and scalar subqueries. A subquery becomes a mark join
// on the current plan; correlated conjuncts of its WHERE/ON clauses are
// pulled up into the join condition (decorrelation), so correlated EXISTS /
// IN run as hash semi/anti/mark joins, with non-equality conditions applied
// per matching key group.
#include <fmt/format.h>

#include "engine/binder_internal.h"

namespace tutela::engine {

namespace {

bool RefsOutside(const Expr& e, const std::set<ColId>& inner) { return !RefsOnly(e, inner); }

bool SubtreeRefsOutside(const PlanNode& n, const std::set<ColId>& inner) {
  std::set<ColId> refs;
  CollectReferenced(n, &refs);
  for (ColId c : refs) {
    if (!inner.count(c)) return true;
  }
  return false;
}

// A subquery that is a plain SELECT ... FROM ... WHERE (no aggregation,
// DISTINCT, set operation, ORDER BY or LIMIT): its select list can be bound
// straight into the join condition.
bool IsSimpleBody(const AstQuery& q) {
  if (q.terms.size() != 1 || !q.terms[0].select || !q.order_by.empty() || q.limit || q.offset) {
    return false;
  }
  const AstSelect& s = *q.terms[0].select;
  if (s.distinct || !s.group_by.empty() || s.having || !s.from) return false;
  for (const AstSelectItem& item : s.items) {
    if (item.expr && AstHasAggregate(*item.expr)) return false;
  }
  return true;
}

}  // namespace

Status Binder::PullUpCorrelated(PlanPtr* node, const std::set<ColId>& inner,
                                std::vector<ExprPtr>* pulled, SourcePos pos) {
  PlanNode& n = **node;
  auto unsupported = [&]() {
    return Err(pos,
               "不支持的相关子查询 / unsupported correlated subquery: outer columns may "
               "only be used in its WHERE clause or inner-join ON conditions");
  };
  auto split = [&](const ExprPtr& pred, std::vector<ExprPtr>* keep) {
    std::vector<ExprPtr> conj;
    SplitConjuncts(pred, &conj);
    for (const ExprPtr& c : conj) (RefsOutside(*c, inner) ? pulled : keep)->push_back(c);
  };
  switch (n.kind) {
    case PlanKind::kFilter: {
      RETURN_IF_ERROR(PullUpCorrelated(&n.children[0], inner, pulled, pos));
      std::vector<ExprPtr> keep;
      split(n.predicate, &keep);
      if (keep.empty()) {
        *node = n.children[0];
        return Status::Ok();
      }
      n.predicate = MakeAnd(keep);
      break;
    }
    case PlanKind::kJoin: {
      RETURN_IF_ERROR(PullUpCorrelated(&n.children[0], inner, pulled, pos));
      if (n.join_kind == JoinKind::kInner || n.join_kind == JoinKind::kCross) {
        RETURN_IF_ERROR(PullUpCorrelated(&n.children[1], inner, pulled, pos));
        if (n.predicate) {
          std::vector<ExprPtr> keep;
          split(n.predicate, &keep);
          n.predicate = MakeAnd(keep);
        }
      } else {
        if (SubtreeRefsOutside(*n.children[1], inner) ||
            (n.predicate && RefsOutside(*n.predicate, inner)) ||
            (n.in_left && RefsOutside(*n.in_left, inner)) ||
            (n.in_right && RefsOutside(*n.in_right, inner))) {
          return unsupported();
        }
      }
      break;
    }
    default:
      if (SubtreeRefsOutside(n, inner)) return unsupported();
      return Status::Ok();
  }
  n.outputs = ComputeOutputs(n);
  return Status::Ok();
}

Result<ExprPtr> Binder::BindSubquery(const AstExpr& e, ExprCtx& ctx) {
  if (!ctx.plan) {
    return Err(e.pos, fmt::format("{} 中不支持子查询 / subqueries are not supported in {}",
                                  ctx.clause, ctx.clause));
  }
  const AstQuery& q = *e.subquery;
  if (e.kind == AstKind::kScalarSubquery) {
    ASSIGN_OR_RETURN(Rel rel, BindQuery(q, ctx.scope, ctx.env));
    if (rel.cols.size() != 1) {
      return Err(e.pos, "标量子查询须只返回一列 / a scalar subquery must return one column");
    }
    std::set<ColId> inner;
    CollectProduced(*rel.plan, &inner);
    if (SubtreeRefsOutside(*rel.plan, inner)) {
      return Err(e.pos,
                 "不支持相关标量子查询 / correlated scalar subqueries are not supported; "
                 "use a join or GROUP BY");
    }
    auto join = std::make_shared<PlanNode>();
    join->kind = PlanKind::kJoin;
    join->join_kind = JoinKind::kSingle;
    join->children = {*ctx.plan, rel.plan};
    join->outputs = ComputeOutputs(*join);
    *ctx.plan = join;
    ColId c = rel.cols[0];
    return MakeColumn(c, columns_[static_cast<size_t>(c)].type, e.pos);
  }
  // EXISTS / IN: bind the body.
  PlanPtr sub;
  ExprPtr in_right;
  CteEnvPtr env = ctx.env;
  if (IsSimpleBody(q)) {
    for (const AstCte& cte : q.ctes) {
      auto next = std::make_shared<CteEnv>();
      next->cte = &cte;
      next->parent = env;
      env = next;
    }
    const AstSelect& s = *q.terms[0].select;
    Scope scope;
    RETURN_IF_ERROR(BindFrom(*s.from, ctx.scope, env, &sub, &scope));
    scope.outer = ctx.scope;
    if (s.where) {
      ExprCtx wctx{&scope, &sub, false, false, "WHERE", env};
      ASSIGN_OR_RETURN(ExprPtr pred, BindBool(*s.where, wctx));
      sub = MakeFilter(sub, pred);
    }
    if (e.kind == AstKind::kInSubquery) {
      if (s.items.size() != 1 || s.items[0].star) {
        return Err(e.pos, "IN 子查询须只返回一列 / subquery for IN must return one column");
      }
      ExprCtx sctx{&scope, &sub, false, false, "SELECT", env};
      ASSIGN_OR_RETURN(in_right, BindExpr(*s.items[0].expr, sctx));
    }
  } else {
    ASSIGN_OR_RETURN(Rel rel, BindQuery(q, ctx.scope, ctx.env));
    sub = rel.plan;
    if (e.kind == AstKind::kInSubquery) {
      if (rel.cols.size() != 1) {
        return Err(e.pos, "IN 子查询须只返回一列 / subquery for IN must return one column");
      }
      in_right = MakeColumn(rel.cols[0], columns_[static_cast<size_t>(rel.cols[0])].type, e.pos);
    }
  }
  std::set<ColId> inner;
  CollectProduced(*sub, &inner);
  std::vector<ExprPtr> pulled;
  RETURN_IF_ERROR(PullUpCorrelated(&sub, inner, &pulled, e.pos));
  auto join = std::make_shared<PlanNode>();
  join->kind = PlanKind::kJoin;
  join->join_kind = JoinKind::kMark;
  join->predicate = MakeAnd(pulled);
  if (e.kind == AstKind::kInSubquery) {
    ASSIGN_OR_RETURN(ExprPtr left, BindExpr(*e.args[0], ctx));
    if (RefsOutside(*in_right, inner)) {
      return Err(e.pos,
                 "不支持的相关子查询 / unsupported correlated subquery: the IN select list "
                 "uses outer columns");
    }
    ASSIGN_OR_RETURN(SqlType t, Unify(left, in_right, e.pos, "IN"));
    if (t == SqlType::kNull) t = SqlType::kText;
    ASSIGN_OR_RETURN(join->in_left, Coerce(left, t, e.pos));
    ASSIGN_OR_RETURN(join->in_right, Coerce(in_right, t, e.pos));
  }
  join->children = {*ctx.plan, sub};
  join->mark = NewCol(e.kind == AstKind::kExists ? "exists" : "in", SqlType::kBool);
  join->outputs = ComputeOutputs(*join);
  *ctx.plan = join;
  ExprPtr mark = MakeColumn(join->mark, SqlType::kBool, e.pos);
  return e.negated ? MakeUnary(Op::kNot, SqlType::kBool, mark, e.pos) : mark;
}

}  // namespace tutela::engine
