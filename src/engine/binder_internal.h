// The Binder class shared by binder.cc (queries, FROM), binder_expr.cc
// (expressions, types) and binder_subquery.cc (subqueries, decorrelation).
// Internal to the engine; one instance per statement.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/binder.h"

namespace tutela::engine {

struct ScopeCol {
  std::string range;  // table alias
  std::string name;
  ColId id = -1;
  SqlType type = SqlType::kNull;
  bool hidden = false;
};

struct Scope {
  std::vector<ScopeCol> cols;
  const Scope* outer = nullptr;
};

struct CteEnv {
  const AstCte* cte = nullptr;
  std::shared_ptr<const CteEnv> parent;
};
using CteEnvPtr = std::shared_ptr<const CteEnv>;

// A bound relation: plan plus its visible output columns.
struct Rel {
  PlanPtr plan;
  std::vector<ColId> cols;
  std::vector<std::string> names;
};

struct ExprCtx {
  const Scope* scope = nullptr;
  PlanPtr* plan = nullptr;  // where subqueries attach; null: no subqueries here
  bool allow_agg = false;
  bool in_agg = false;
  const char* clause = "";
  CteEnvPtr env;
};

class Binder {
 public:
  Binder(std::string_view sql, const BindOptions& opts) : sql_(sql), opts_(opts) {}
  Result<BoundQuery> BindStatement(const AstStatement& stmt);

  // binder.cc
  Result<Rel> BindQuery(const AstQuery& q, const Scope* outer, CteEnvPtr env);
  Result<Rel> BindSelect(const AstSelect& s, const AstQuery* q, const Scope* outer, CteEnvPtr env);
  Status BindFrom(const AstTableRef& ref, const Scope* outer, CteEnvPtr env, PlanPtr* plan,
                  Scope* scope);
  Result<int64_t> BindLimit(const AstExpr& e);

  // binder_expr.cc
  Result<ExprPtr> BindExpr(const AstExpr& e, ExprCtx& ctx);
  Result<ExprPtr> Coerce(ExprPtr e, SqlType to, SourcePos pos);
  Result<ExprPtr> BindBool(const AstExpr& e, ExprCtx& ctx);
  Result<ExprPtr> BindAggregate(const AstExpr& e, ExprCtx& ctx);  // binder_agg.cc
  Result<SqlType> Unify(const ExprPtr& a, const ExprPtr& b, SourcePos pos, const char* what);
  Result<SqlType> TypeFromName(const std::string& name, SourcePos pos);
  Result<ExprPtr> BindComparison(Op op, ExprPtr l, ExprPtr r, SourcePos pos);

  // binder_subquery.cc
  Result<ExprPtr> BindSubquery(const AstExpr& e, ExprCtx& ctx);
  Status PullUpCorrelated(PlanPtr* node, const std::set<ColId>& inner, std::vector<ExprPtr>* pulled,
                          SourcePos pos);

  ColId NewCol(std::string name, SqlType type);
  Status Err(SourcePos pos, const std::string& message) const {
    return ErrorAt(sql_, pos, message);
  }
  const std::vector<ColumnInfo>& columns() const { return columns_; }

 private:
  std::string_view sql_;
  BindOptions opts_;
  std::vector<ColumnInfo> columns_;
};

PlanPtr MakeFilter(PlanPtr child, ExprPtr pred);
PlanPtr MakeProject(PlanPtr child, std::vector<ExprPtr> exprs, std::vector<ColId> outputs);
bool AstHasAggregate(const AstExpr& e);
// Aggregate over all of `cols` (SELECT DISTINCT / UNION); replaces `cols`
// with the new output ids.
PlanPtr MakeDistinct(Binder* b, PlanPtr child, const std::vector<std::string>& names,
                     std::vector<ColId>* cols);
bool IsIntLiteral(const AstExpr& e);
std::string DerivedName(const AstExpr& e);

}  // namespace tutela::engine
