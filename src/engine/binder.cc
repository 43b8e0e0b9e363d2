// Binder: statements, queries (WITH, UNION), SELECT blocks and FROM clauses.
#include "engine/binder.h"

#include <fmt/format.h>

#include "engine/binder_internal.h"

namespace tutela::engine {

PlanPtr MakeFilter(PlanPtr child, ExprPtr pred) {
  auto n = std::make_shared<PlanNode>();
  n->kind = PlanKind::kFilter;
  n->predicate = std::move(pred);
  n->children.push_back(std::move(child));
  n->outputs = ComputeOutputs(*n);
  return n;
}

PlanPtr MakeProject(PlanPtr child, std::vector<ExprPtr> exprs, std::vector<ColId> outputs) {
  auto n = std::make_shared<PlanNode>();
  n->kind = PlanKind::kProject;
  n->exprs = std::move(exprs);
  n->outputs = std::move(outputs);
  n->children.push_back(std::move(child));
  return n;
}

PlanPtr MakeDistinct(Binder* b, PlanPtr child, const std::vector<std::string>& names,
                     std::vector<ColId>* cols) {
  auto n = std::make_shared<PlanNode>();
  n->kind = PlanKind::kAggregate;
  std::vector<ColId> out;
  for (size_t k = 0; k < cols->size(); ++k) {
    ColId c = (*cols)[k];
    n->groups.push_back(MakeColumn(c, b->columns()[static_cast<size_t>(c)].type));
    out.push_back(b->NewCol(names[k], b->columns()[static_cast<size_t>(c)].type));
  }
  n->outputs = out;
  n->children.push_back(std::move(child));
  *cols = out;
  return n;
}

bool IsIntLiteral(const AstExpr& e) {
  return e.kind == AstKind::kLiteral && e.literal.type == SqlType::kInt;
}

namespace {

// Rewrites an expression over the aggregate's output: group expressions and
// aggregates become column references.
Result<ExprPtr> RewriteForAgg(Binder* b, const ExprPtr& e, const std::vector<ExprPtr>& groups,
                              const std::vector<ExprPtr>& aggs, const std::vector<ColId>& outs,
                              const std::set<ColId>& pre_agg) {
  for (size_t k = 0; k < groups.size(); ++k) {
    if (SameExpr(*e, *groups[k])) return MakeColumn(outs[k], e->type, e->pos);
  }
  if (e->kind == ExprKind::kAgg) {
    for (size_t k = 0; k < aggs.size(); ++k) {
      if (SameExpr(*e, *aggs[k])) return MakeColumn(outs[groups.size() + k], e->type, e->pos);
    }
    return Status::Internal("aggregate not collected");
  }
  if (e->kind == ExprKind::kColumn) {
    if (pre_agg.count(e->col)) {
      return b->Err(e->pos, fmt::format("列 \"{}\" 必须出现在 GROUP BY 中或用于聚合函数 / column "
                                        "\"{}\" must appear in the GROUP BY clause or be used "
                                        "in an aggregate function",
                                        b->columns()[static_cast<size_t>(e->col)].name,
                                        b->columns()[static_cast<size_t>(e->col)].name));
    }
    return e;
  }
  if (e->args.empty()) return e;
  auto copy = std::make_shared<Expr>(*e);
  for (ExprPtr& a : copy->args) {
    ASSIGN_OR_RETURN(a, RewriteForAgg(b, a, groups, aggs, outs, pre_agg));
  }
  return ExprPtr(copy);
}

void CollectAggs(const ExprPtr& e, std::vector<ExprPtr>* aggs) {
  if (e->kind == ExprKind::kAgg) {
    for (const ExprPtr& a : *aggs) {
      if (SameExpr(*a, *e)) return;
    }
    aggs->push_back(e);
    return;
  }
  for (const ExprPtr& a : e->args) CollectAggs(a, aggs);
}

}  // namespace

ColId Binder::NewCol(std::string name, SqlType type) {
  columns_.push_back(ColumnInfo{std::move(name), type});
  return static_cast<ColId>(columns_.size() - 1);
}

Result<BoundQuery> Binder::BindStatement(const AstStatement& stmt) {
  ASSIGN_OR_RETURN(Rel rel, BindQuery(*stmt.query, nullptr, nullptr));
  BoundQuery out;
  out.root = rel.plan;
  out.output_cols = rel.cols;
  out.output_names = rel.names;
  out.columns = columns_;
  return out;
}

Result<int64_t> Binder::BindLimit(const AstExpr& e) {
  Scope empty;
  ExprCtx ctx;
  ctx.scope = &empty;
  ctx.clause = "LIMIT";
  ASSIGN_OR_RETURN(ExprPtr b, BindExpr(e, ctx));
  if (b->kind != ExprKind::kConst || (b->type != SqlType::kInt && b->type != SqlType::kNull)) {
    return Err(e.pos, "LIMIT/OFFSET 须为整数常量 / LIMIT and OFFSET take an integer constant");
  }
  if (b->type == SqlType::kNull) return int64_t{-1};
  if (b->value.i < 0)
    return Err(e.pos, "LIMIT/OFFSET 不能为负 / LIMIT and OFFSET must not be negative");
  return b->value.i;
}

Result<Rel> Binder::BindSelect(const AstSelect& s, const AstQuery* q, const Scope* outer,
                               CteEnvPtr env) {
  PlanPtr plan;
  Scope scope;
  if (s.from) {
    RETURN_IF_ERROR(BindFrom(*s.from, outer, env, &plan, &scope));
  } else {
    plan = std::make_shared<PlanNode>();
    plan->kind = PlanKind::kValues;
  }
  scope.outer = outer;
  if (s.where) {
    ExprCtx ctx{&scope, &plan, false, false, "WHERE", env};
    ASSIGN_OR_RETURN(ExprPtr pred, BindBool(*s.where, ctx));
    plan = MakeFilter(plan, pred);
  }
  bool has_agg = !s.group_by.empty() || (s.having && AstHasAggregate(*s.having));
  for (const AstSelectItem& item : s.items) {
    if (item.expr && AstHasAggregate(*item.expr)) has_agg = true;
  }
  if (q) {
    for (const AstOrderItem& o : q->order_by) has_agg = has_agg || AstHasAggregate(*o.expr);
  }
  // Select list.
  std::vector<ExprPtr> items;
  std::vector<std::string> names;
  for (const AstSelectItem& item : s.items) {
    if (item.star) {
      bool any = false;
      for (const ScopeCol& c : scope.cols) {
        if (c.hidden || (!item.star_table.empty() && c.range != item.star_table)) continue;
        items.push_back(MakeColumn(c.id, c.type, item.pos));
        names.push_back(c.name);
        any = true;
      }
      if (!any && !item.star_table.empty()) {
        return Err(item.pos, fmt::format("未知表 / unknown table \"{}\"", item.star_table));
      }
      continue;
    }
    ExprCtx ctx{&scope, &plan, has_agg, false, "SELECT", env};
    ASSIGN_OR_RETURN(ExprPtr e, BindExpr(*item.expr, ctx));
    items.push_back(e);
    names.push_back(item.alias.empty() ? DerivedName(*item.expr) : item.alias);
  }
  // ORDER BY: output position, output name, or an expression.
  std::vector<int> order_idx;
  std::vector<ExprPtr> order_exprs;
  if (q) {
    for (const AstOrderItem& o : q->order_by) {
      int idx = -1;
      if (IsIntLiteral(*o.expr)) {
        idx = static_cast<int>(o.expr->literal.i) - 1;
        if (idx < 0 || static_cast<size_t>(idx) >= items.size()) {
          return Err(o.expr->pos, "ORDER BY 位置超出范围 / ORDER BY position is out of range");
        }
      } else if (o.expr->kind == AstKind::kColumn && o.expr->qualifier.empty()) {
        for (size_t c = 0; c < names.size(); ++c) {
          if (names[c] != o.expr->name) continue;
          if (idx >= 0) {
            return Err(o.expr->pos, fmt::format("ORDER BY \"{}\" 有歧义 / ORDER BY \"{}\" is "
                                                "ambiguous",
                                                o.expr->name, o.expr->name));
          }
          idx = static_cast<int>(c);
        }
      }
      order_idx.push_back(idx);
      if (idx >= 0) {
        order_exprs.push_back(nullptr);
        continue;
      }
      ExprCtx ctx{&scope, &plan, has_agg, false, "ORDER BY", env};
      ASSIGN_OR_RETURN(ExprPtr e, BindExpr(*o.expr, ctx));
      order_exprs.push_back(e);
    }
  }
  if (has_agg) {
    std::vector<ExprPtr> groups;
    for (const AstExprPtr& g : s.group_by) {
      if (IsIntLiteral(*g)) {
        int64_t k = g->literal.i;
        if (k < 1 || static_cast<size_t>(k) > items.size()) {
          return Err(g->pos, "GROUP BY 位置超出范围 / GROUP BY position is out of range");
        }
        if (ContainsAgg(*items[static_cast<size_t>(k - 1)])) {
          return Err(g->pos,
                     "GROUP BY 不能包含聚合函数 / aggregate functions are not allowed "
                     "in GROUP BY");
        }
        groups.push_back(items[static_cast<size_t>(k - 1)]);
        continue;
      }
      ExprCtx ctx{&scope, nullptr, false, false, "GROUP BY", env};
      auto bound = BindExpr(*g, ctx);
      if (!bound.ok() && g->kind == AstKind::kColumn && g->qualifier.empty()) {
        bool found = false;
        for (size_t c = 0; c < names.size() && !found; ++c) {
          if (names[c] == g->name && !ContainsAgg(*items[c])) {
            groups.push_back(items[c]);
            found = true;
          }
        }
        if (found) continue;
      }
      if (!bound.ok()) return bound.status();
      groups.push_back(*bound);
    }
    ExprPtr having;
    if (s.having) {
      ExprCtx ctx{&scope, &plan, true, false, "HAVING", env};
      ASSIGN_OR_RETURN(having, BindBool(*s.having, ctx));
    }
    std::vector<ExprPtr> aggs;
    for (const ExprPtr& e : items) CollectAggs(e, &aggs);
    if (having) CollectAggs(having, &aggs);
    for (const ExprPtr& e : order_exprs) {
      if (e) CollectAggs(e, &aggs);
    }
    std::set<ColId> pre_agg;
    CollectProduced(*plan, &pre_agg);
    auto agg = std::make_shared<PlanNode>();
    agg->kind = PlanKind::kAggregate;
    agg->groups = groups;
    agg->aggs = aggs;
    for (const ExprPtr& g : groups) {
      std::string name =
          g->kind == ExprKind::kColumn ? columns_[static_cast<size_t>(g->col)].name : "group";
      agg->outputs.push_back(NewCol(name, g->type));
    }
    for (const ExprPtr& a : aggs) agg->outputs.push_back(NewCol(a->name, a->type));
    agg->children.push_back(plan);
    plan = agg;
    auto rw = [&](const ExprPtr& e) {
      return RewriteForAgg(this, e, groups, aggs, agg->outputs, pre_agg);
    };
    for (ExprPtr& e : items) {
      ASSIGN_OR_RETURN(e, rw(e));
    }
    for (ExprPtr& e : order_exprs) {
      if (e) {
        ASSIGN_OR_RETURN(e, rw(e));
      }
    }
    if (having) {
      ASSIGN_OR_RETURN(having, rw(having));
      plan = MakeFilter(plan, having);
    }
  } else if (s.having) {
    return Err(s.having->pos,
               "HAVING 需要 GROUP BY 或聚合 / HAVING needs GROUP BY or an aggregate");
  }
  // Projection (plus hidden ORDER BY columns).
  std::vector<ColId> outs;
  for (size_t k = 0; k < items.size(); ++k) outs.push_back(NewCol(names[k], items[k]->type));
  std::vector<ExprPtr> proj = items;
  std::vector<ColId> proj_outs = outs;
  std::vector<SortKey> keys;
  if (q) {
    for (size_t k = 0; k < order_idx.size(); ++k) {
      const AstOrderItem& o = q->order_by[k];
      int idx = order_idx[k];
      if (idx < 0 && s.distinct) {
        for (size_t c = 0; c < items.size() && idx < 0; ++c) {
          if (SameExpr(*items[c], *order_exprs[k])) idx = static_cast<int>(c);
        }
        if (idx < 0) {
          return Err(o.expr->pos,
                     "SELECT DISTINCT 的 ORDER BY 表达式必须在选择列表中 / for SELECT "
                     "DISTINCT, ORDER BY expressions must appear in the select list");
        }
      }
      ColId c;
      SqlType t;
      if (idx >= 0) {
        c = outs[static_cast<size_t>(idx)];
        t = items[static_cast<size_t>(idx)]->type;
      } else {
        t = order_exprs[k]->type;
        c = NewCol("order", t);
        proj.push_back(order_exprs[k]);
        proj_outs.push_back(c);
      }
      keys.push_back(SortKey{MakeColumn(c, t), o.desc, o.nulls == 0 ? o.desc : o.nulls == 1});
    }
  }
  plan = MakeProject(plan, proj, proj_outs);
  if (s.distinct) {
    std::vector<ColId> before = outs;
    plan = MakeDistinct(this, plan, names, &outs);
    for (SortKey& key : keys) {
      for (size_t c = 0; c < before.size(); ++c) {
        if (key.expr->col == before[c]) key.expr = MakeColumn(outs[c], key.expr->type);
      }
    }
  }
  if (!keys.empty()) {
    auto sort = std::make_shared<PlanNode>();
    sort->kind = PlanKind::kSort;
    sort->sort_keys = keys;
    sort->children.push_back(plan);
    sort->outputs = ComputeOutputs(*sort);
    plan = sort;
  }
  if (q && (q->limit || q->offset)) {
    auto lim = std::make_shared<PlanNode>();
    lim->kind = PlanKind::kLimit;
    if (q->limit) {
      ASSIGN_OR_RETURN(lim->limit, BindLimit(*q->limit));
    }
    if (q->offset) {
      ASSIGN_OR_RETURN(int64_t off, BindLimit(*q->offset));
      lim->offset = off < 0 ? 0 : off;
    }
    lim->children.push_back(plan);
    lim->outputs = ComputeOutputs(*lim);
    plan = lim;
  }
  if (proj_outs.size() != outs.size() && !s.distinct) {
    std::vector<ExprPtr> final_exprs;
    std::vector<ColId> final_outs;
    for (size_t k = 0; k < outs.size(); ++k) {
      final_exprs.push_back(MakeColumn(outs[k], items[k]->type));
      final_outs.push_back(NewCol(names[k], items[k]->type));
    }
    plan = MakeProject(plan, final_exprs, final_outs);
    outs = final_outs;
  }
  return Rel{plan, outs, names};
}

Result<BoundQuery> Bind(const AstStatement& stmt, std::string_view sql, const BindOptions& opts) {
  Binder binder(sql, opts);
  return binder.BindStatement(stmt);
}

}  // namespace tutela::engine
