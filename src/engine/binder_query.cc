// Binder: queries with WITH and set operations (UNION [ALL]) and their
// ORDER BY / LIMIT.
#include <fmt/format.h>

#include "engine/binder_internal.h"

namespace tutela::engine {

Result<Rel> Binder::BindQuery(const AstQuery& q, const Scope* outer, CteEnvPtr env) {
  for (const AstCte& cte : q.ctes) {
    auto next = std::make_shared<CteEnv>();
    next->cte = &cte;
    next->parent = env;
    env = next;
  }
  if (q.terms.size() == 1 && q.terms[0].select) {
    return BindSelect(*q.terms[0].select, &q, outer, env);
  }
  // Set operation (or a parenthesised query with its own ORDER BY / LIMIT).
  std::vector<Rel> terms;
  for (const AstSetTerm& t : q.terms) {
    if (t.select) {
      ASSIGN_OR_RETURN(Rel r, BindSelect(*t.select, nullptr, outer, env));
      terms.push_back(std::move(r));
    } else {
      ASSIGN_OR_RETURN(Rel r, BindQuery(*t.nested, outer, env));
      terms.push_back(std::move(r));
    }
  }
  Rel cur = std::move(terms[0]);
  for (size_t k = 1; k < terms.size(); ++k) {
    Rel& next = terms[k];
    SourcePos pos = q.terms[k].pos;
    if (next.cols.size() != cur.cols.size()) {
      return Err(pos, fmt::format("UNION 各分支列数不同 / each UNION branch must have the same "
                                  "number of columns ({} vs {})",
                                  cur.cols.size(), next.cols.size()));
    }
    std::vector<SqlType> types;
    for (size_t c = 0; c < cur.cols.size(); ++c) {
      ExprPtr a = MakeColumn(cur.cols[c], columns_[static_cast<size_t>(cur.cols[c])].type);
      ExprPtr b = MakeColumn(next.cols[c], columns_[static_cast<size_t>(next.cols[c])].type);
      ASSIGN_OR_RETURN(SqlType t, Unify(a, b, pos, "UNION"));
      types.push_back(t);
    }
    auto cast_rel = [&](Rel* r) -> Status {
      bool need = false;
      for (size_t c = 0; c < r->cols.size(); ++c) {
        need = need || columns_[static_cast<size_t>(r->cols[c])].type != types[c];
      }
      if (!need) return Status::Ok();
      std::vector<ExprPtr> exprs;
      std::vector<ColId> outs;
      for (size_t c = 0; c < r->cols.size(); ++c) {
        ExprPtr col = MakeColumn(r->cols[c], columns_[static_cast<size_t>(r->cols[c])].type);
        ASSIGN_OR_RETURN(ExprPtr e, Coerce(col, types[c], pos));
        exprs.push_back(e);
        outs.push_back(NewCol(r->names[c], types[c]));
      }
      r->plan = MakeProject(r->plan, std::move(exprs), outs);
      r->cols = outs;
      return Status::Ok();
    };
    RETURN_IF_ERROR(cast_rel(&cur));
    RETURN_IF_ERROR(cast_rel(&next));
    auto u = std::make_shared<PlanNode>();
    u->kind = PlanKind::kUnion;
    u->children = {cur.plan, next.plan};
    u->union_inputs = {cur.cols, next.cols};
    for (size_t c = 0; c < cur.cols.size(); ++c)
      u->outputs.push_back(NewCol(cur.names[c], types[c]));
    cur.plan = u;
    cur.cols = u->outputs;
    if (!q.terms[k].union_all) cur.plan = MakeDistinct(this, cur.plan, cur.names, &cur.cols);
  }
  // ORDER BY over the set operation: output positions or names only.
  if (!q.order_by.empty()) {
    auto sort = std::make_shared<PlanNode>();
    sort->kind = PlanKind::kSort;
    for (const AstOrderItem& item : q.order_by) {
      int idx = -1;
      if (IsIntLiteral(*item.expr)) {
        idx = static_cast<int>(item.expr->literal.i) - 1;
        if (idx < 0 || static_cast<size_t>(idx) >= cur.cols.size()) {
          return Err(item.expr->pos, "ORDER BY 位置超出范围 / ORDER BY position is out of range");
        }
      } else if (item.expr->kind == AstKind::kColumn && item.expr->qualifier.empty()) {
        for (size_t c = 0; c < cur.names.size(); ++c) {
          if (cur.names[c] == item.expr->name) idx = static_cast<int>(c);
        }
      }
      if (idx < 0) {
        return Err(item.expr->pos,
                   "UNION 的 ORDER BY 只能引用输出列 / ORDER BY on a UNION must "
                   "name an output column or position");
      }
      ColId c = cur.cols[static_cast<size_t>(idx)];
      SortKey key{MakeColumn(c, columns_[static_cast<size_t>(c)].type), item.desc,
                  item.nulls == 0 ? item.desc : item.nulls == 1};
      sort->sort_keys.push_back(key);
    }
    sort->children.push_back(cur.plan);
    sort->outputs = ComputeOutputs(*sort);
    cur.plan = sort;
  }
  if (q.limit || q.offset) {
    auto lim = std::make_shared<PlanNode>();
    lim->kind = PlanKind::kLimit;
    if (q.limit) {
      ASSIGN_OR_RETURN(lim->limit, BindLimit(*q.limit));
    }
    if (q.offset) {
      ASSIGN_OR_RETURN(int64_t off, BindLimit(*q.offset));
      lim->offset = off < 0 ? 0 : off;
    }
    lim->children.push_back(cur.plan);
    lim->outputs = ComputeOutputs(*lim);
    cur.plan = lim;
  }
  return cur;
}

}  // namespace tutela::engine
