// Binder: FROM clauses (tables, CTE references, derived tables, joins).
#include <fmt/format.h>

#include "engine/binder_internal.h"

namespace tutela::engine {

Status Binder::BindFrom(const AstTableRef& ref, const Scope* outer, CteEnvPtr env, PlanPtr* plan,
                        Scope* scope) {
  if (ref.kind == AstTableRef::Kind::kJoin) {
    PlanPtr left, right;
    Scope ls, rs;
    RETURN_IF_ERROR(BindFrom(*ref.left, outer, env, &left, &ls));
    RETURN_IF_ERROR(BindFrom(*ref.right, outer, env, &right, &rs));
    for (const ScopeCol& r : rs.cols) {
      for (const ScopeCol& l : ls.cols) {
        if (l.range == r.range) {
          return Err(ref.right->pos, fmt::format("表名 \"{}\" 重复 / table name \"{}\" specified "
                                                 "more than once",
                                                 r.range, r.range));
        }
      }
    }
    *scope = ls;
    scope->cols.insert(scope->cols.end(), rs.cols.begin(), rs.cols.end());
    scope->outer = outer;
    auto join = std::make_shared<PlanNode>();
    join->kind = PlanKind::kJoin;
    join->join_kind = ref.join_type == JoinType::kLeft    ? JoinKind::kLeft
                      : ref.join_type == JoinType::kCross ? JoinKind::kCross
                                                          : JoinKind::kInner;
    join->children = {left, right};
    if (ref.on) {
      ExprCtx ctx{scope, nullptr, false, false, "ON", env};
      ASSIGN_OR_RETURN(join->predicate, BindBool(*ref.on, ctx));
    }
    join->outputs = ComputeOutputs(*join);
    *plan = join;
    return Status::Ok();
  }
  std::string range = ref.alias.empty() ? ref.name : ref.alias;
  if (ref.kind == AstTableRef::Kind::kSubquery) {
    ASSIGN_OR_RETURN(Rel rel, BindQuery(*ref.subquery, nullptr, env));
    for (size_t k = 0; k < rel.cols.size(); ++k) {
      ColId c = rel.cols[k];
      scope->cols.push_back(
          ScopeCol{range, rel.names[k], c, columns_[static_cast<size_t>(c)].type, false});
    }
    *plan = rel.plan;
    return Status::Ok();
  }
  for (const CteEnv* e = env.get(); e; e = e->parent.get()) {
    if (e->cte->name != ref.name) continue;
    ASSIGN_OR_RETURN(Rel rel, BindQuery(*e->cte->query, nullptr, e->parent));
    if (!e->cte->columns.empty()) {
      if (e->cte->columns.size() > rel.cols.size()) {
        return Err(e->cte->pos, "WITH 列名过多 / too many column names for the WITH query");
      }
      for (size_t k = 0; k < e->cte->columns.size(); ++k) rel.names[k] = e->cte->columns[k];
    }
    for (size_t k = 0; k < rel.cols.size(); ++k) {
      ColId c = rel.cols[k];
      scope->cols.push_back(
          ScopeCol{range, rel.names[k], c, columns_[static_cast<size_t>(c)].type, false});
    }
    *plan = rel.plan;
    return Status::Ok();
  }
  std::shared_ptr<Table> table = opts_.catalog->GetSharedTable(ref.name);
  if (!table) return Err(ref.pos, fmt::format("未知表 / unknown table \"{}\"", ref.name));
  auto scan = std::make_shared<PlanNode>();
  scan->kind = PlanKind::kScan;
  scan->table_name = ref.name;
  scan->table = table;
  auto add = [&](const std::string& name, SqlType type, int index) {
    ColId c = NewCol(range + "." + name, type);
    scan->outputs.push_back(c);
    scan->scan_columns.push_back(index);
    scope->cols.push_back(ScopeCol{range, name, c, type, !name.empty() && name[0] == '_'});
  };
  for (size_t k = 0; k < table->schema().size(); ++k) {
    const ColumnSpec& spec = table->schema()[k];
    add(spec.name, FromStorageType(spec.type), static_cast<int>(k));
  }
  if (table->ColumnIndex("_line") < 0) add("_line", SqlType::kInt, kLineColumn);
  if (table->ColumnIndex("_file") < 0) add("_file", SqlType::kText, kFileColumn);
  if (table->ColumnIndex("_row") < 0) add("_row", SqlType::kInt, kRowColumn);
  *plan = scan;
  return Status::Ok();
}

}  // namespace tutela::engine
