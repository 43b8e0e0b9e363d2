// Binder: aggregate function calls (count, sum, min, max, avg, median,
// quantile, mad, bool_and, bool_or).
#include <fmt/format.h>

#include "engine/binder_internal.h"

namespace tutela::engine {

namespace {

using T = SqlType;

bool IsNum(T t) { return t == T::kInt || t == T::kDouble; }

}  // namespace

Result<ExprPtr> Binder::BindAggregate(const AstExpr& e, ExprCtx& ctx) {
  if (!ctx.allow_agg) {
    return Err(e.pos, fmt::format("{} 中不允许聚合函数 / aggregate functions are not "
                                  "allowed in {}",
                                  ctx.clause, ctx.clause));
  }
  if (ctx.in_agg) return Err(e.pos, "聚合函数不能嵌套 / aggregate calls cannot be nested");
  ExprCtx inner = ctx;
  inner.in_agg = true;
  inner.plan = ctx.plan;
  auto agg = std::make_shared<Expr>();
  agg->kind = ExprKind::kAgg;
  agg->name = e.name;
  agg->pos = e.pos;
  agg->distinct = e.distinct;
  if (e.star) {
    if (e.name != "count") return Err(e.pos, e.name + "(*) 无效 / is not valid");
    agg->agg = AggKind::kCountStar;
    agg->type = T::kInt;
    return ExprPtr(agg);
  }
  size_t want = e.name == "quantile" ? 2 : 1;
  if (e.args.size() != want) {
    return Err(e.pos, fmt::format("{} 需要 {} 个参数 / {} takes {} argument(s)", e.name, want,
                                  e.name, want));
  }
  ASSIGN_OR_RETURN(ExprPtr x, BindExpr(*e.args[0], inner));
  T t = x->type;
  auto bad = [&]() {
    return Err(e.pos, fmt::format("函数参数类型不符 / function {}({}) does not exist", e.name,
                                  SqlTypeName(t)));
  };
  const std::string& n = e.name;
  if (n == "count") {
    agg->agg = AggKind::kCount;
    agg->type = T::kInt;
  } else if (n == "sum") {
    if (!IsNum(t) && t != T::kNull) return bad();
    agg->agg = AggKind::kSum;
    agg->type = t == T::kNull ? T::kInt : t;
  } else if (n == "min" || n == "max") {
    if (t == T::kBool) return bad();
    agg->agg = n == "min" ? AggKind::kMin : AggKind::kMax;
    agg->type = t == T::kNull ? T::kInt : t;
  } else if (n == "bool_and" || n == "every" || n == "bool_or") {
    if (t != T::kBool && t != T::kNull) return bad();
    agg->agg = n == "bool_or" ? AggKind::kBoolOr : AggKind::kBoolAnd;
    agg->type = T::kBool;
  } else {
    if (!IsNum(t) && t != T::kNull) return bad();
    agg->agg = n == "avg"      ? AggKind::kAvg
               : n == "median" ? AggKind::kMedian
               : n == "mad"    ? AggKind::kMad
                               : AggKind::kQuantile;
    agg->type = T::kDouble;
    ASSIGN_OR_RETURN(x, Coerce(x, T::kDouble, e.pos));
  }
  if (agg->type != t && t != T::kNull && agg->type != T::kDouble && agg->type != T::kInt) {
    return bad();
  }
  if (x->type == T::kNull) {
    ASSIGN_OR_RETURN(x, Coerce(x, agg->type == T::kBool ? T::kBool : T::kInt, e.pos));
  }
  agg->args.push_back(x);
  if (n == "quantile") {
    ExprCtx pctx = ctx;
    pctx.allow_agg = false;
    ASSIGN_OR_RETURN(ExprPtr p, BindExpr(*e.args[1], pctx));
    if (p->kind != ExprKind::kConst || !IsNum(p->type)) {
      return Err(e.args[1]->pos,
                 "quantile 的比例须为数值常量 / quantile fraction must be a "
                 "numeric constant");
    }
    double f = p->type == T::kInt ? static_cast<double>(p->value.i) : p->value.d;
    if (!(f >= 0 && f <= 1)) {
      return Err(e.args[1]->pos,
                 "quantile 的比例须在 0 与 1 之间 / quantile fraction must "
                 "be between 0 and 1");
    }
    agg->value = Value::Double(f);
  }
  return ExprPtr(agg);
}

}  // namespace tutela::engine
