// Binder: expressions, name resolution and implicit type conversion.
#include <fmt/format.h>

#include "engine/binder_internal.h"
#include "engine/functions.h"

namespace tutela::engine {

namespace {

using T = SqlType;

bool IsNum(T t) { return t == T::kInt || t == T::kDouble; }
bool IsTime(T t) { return t == T::kDate || t == T::kTimestamp; }

ExprPtr TypedNull(T type, SourcePos pos) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kConst;
  e->type = type;
  e->pos = pos;
  return e;
}

}  // namespace

bool AstHasAggregate(const AstExpr& e) {
  if (e.kind == AstKind::kFunc && IsAggregateName(e.name)) return true;
  for (const AstExprPtr& a : e.args) {
    if (a && AstHasAggregate(*a)) return true;
  }
  if (e.case_operand && AstHasAggregate(*e.case_operand)) return true;
  if (e.case_else && AstHasAggregate(*e.case_else)) return true;
  for (const auto& [w, t] : e.whens) {
    if (AstHasAggregate(*w) || AstHasAggregate(*t)) return true;
  }
  return false;
}

std::string DerivedName(const AstExpr& e) {
  switch (e.kind) {
    case AstKind::kColumn:
      return e.name;
    case AstKind::kFunc:
      return e.name;
    case AstKind::kCast:
      return e.args[0]->kind == AstKind::kColumn ? e.args[0]->name : e.type_name;
    case AstKind::kCase:
      return "case";
    case AstKind::kExists:
      return "exists";
    case AstKind::kParam:
      return e.name;
    default:
      return "?column?";
  }
}

Result<T> Binder::TypeFromName(const std::string& name, SourcePos pos) {
  if (name == "int" || name == "integer" || name == "bigint" || name == "smallint" ||
      name == "int2" || name == "int4" || name == "int8") {
    return T::kInt;
  }
  if (name == "double" || name == "float" || name == "float8" || name == "float4" ||
      name == "real" || name == "numeric" || name == "decimal") {
    return T::kDouble;
  }
  if (name == "text" || name == "varchar" || name == "char" || name == "string" ||
      name == "character") {
    return T::kText;
  }
  if (name == "date") return T::kDate;
  if (name == "timestamp") return T::kTimestamp;
  if (name == "bool" || name == "boolean") return T::kBool;
  if (name == "interval") return T::kInterval;
  return Err(pos, fmt::format("未知类型 / unknown type \"{}\"", name));
}

Result<ExprPtr> Binder::Coerce(ExprPtr e, T to, SourcePos pos) {
  if (e->type == to) return e;
  if (e->type == T::kNull) return TypedNull(to, e->pos);
  if (e->kind == ExprKind::kConst) {  // fold literal conversions now, with a position
    Vec v = Vec::Constant(e->value, 1);
    EvalContext ctx;
    ctx.persons = &opts_.catalog->persons();
    auto r = CastVec(v, to, ctx);
    if (!r.ok()) return Err(e->pos, r.status().message());
    return MakeConst(r->Get(0), e->pos);
  }
  T from = e->type;
  bool ok = (from == T::kInt && to == T::kDouble) || (from == T::kDate && to == T::kTimestamp) ||
            (from == T::kPersonId && to == T::kText);
  if (!ok) {
    return Err(pos, fmt::format("类型不匹配 / type mismatch: cannot use {} as {}",
                                SqlTypeName(from), SqlTypeName(to)));
  }
  return MakeCast(e, to, e->pos);
}

Result<T> Binder::Unify(const ExprPtr& a, const ExprPtr& b, SourcePos pos, const char* what) {
  T x = a->type, y = b->type;
  if (x == y) return x;
  if (x == T::kNull) return y;
  if (y == T::kNull) return x;
  if (IsNum(x) && IsNum(y)) return T::kDouble;
  if (IsTime(x) && IsTime(y)) return T::kTimestamp;
  if ((x == T::kPersonId && y == T::kText) || (x == T::kText && y == T::kPersonId)) return T::kText;
  bool a_lit = a->kind == ExprKind::kConst && x == T::kText;
  bool b_lit = b->kind == ExprKind::kConst && y == T::kText;
  if (a_lit && y != T::kPersonId) return y;
  if (b_lit && x != T::kPersonId) return x;
  return Err(pos, fmt::format("类型不匹配 / type mismatch in {}: {} and {}", what, SqlTypeName(x),
                              SqlTypeName(y)));
}

Result<ExprPtr> Binder::BindComparison(Op op, ExprPtr l, ExprPtr r, SourcePos pos) {
  ASSIGN_OR_RETURN(T t, Unify(l, r, pos, "comparison"));
  // Person ids compare by code for equality, by ID text for ordering.
  if (t == T::kPersonId && op != Op::kEq && op != Op::kNe && op != Op::kIsDistinct &&
      op != Op::kIsNotDistinct) {
    t = T::kPersonId;  // CompareValues orders person ids by their text
  }
  if (t == T::kNull) t = T::kBool;
  ASSIGN_OR_RETURN(l, Coerce(l, t, pos));
  ASSIGN_OR_RETURN(r, Coerce(r, t, pos));
  return MakeBinary(op, T::kBool, l, r, pos);
}

Result<ExprPtr> Binder::BindBool(const AstExpr& e, ExprCtx& ctx) {
  ASSIGN_OR_RETURN(ExprPtr b, BindExpr(e, ctx));
  if (b->type != T::kBool && b->type != T::kNull) {
    return Err(e.pos, fmt::format("{} 的条件须为布尔值 / argument of {} must be boolean, not {}",
                                  ctx.clause, ctx.clause, SqlTypeName(b->type)));
  }
  return Coerce(b, T::kBool, e.pos);
}

namespace {

Result<T> ArithType(Op op, T a, T b) {
  auto bad = [&]() -> Result<T> {
    return Status::InvalidInput(fmt::format("运算符不适用 / operator {} does not accept {} and {}",
                                            OpName(op), SqlTypeName(a), SqlTypeName(b)));
  };
  if (IsNum(a) && IsNum(b)) return (a == T::kInt && b == T::kInt) ? T::kInt : T::kDouble;
  switch (op) {
    case Op::kAdd:
      if ((a == T::kDate && b == T::kInt) || (a == T::kInt && b == T::kDate)) return T::kDate;
      if ((IsTime(a) && b == T::kInterval) || (a == T::kInterval && IsTime(b)))
        return T::kTimestamp;
      if (a == T::kInterval && b == T::kInterval) return T::kInterval;
      return bad();
    case Op::kSub:
      if (a == T::kDate && b == T::kInt) return T::kDate;
      if (a == T::kDate && b == T::kDate) return T::kInt;
      if (IsTime(a) && IsTime(b)) return T::kInterval;
      if (IsTime(a) && b == T::kInterval) return T::kTimestamp;
      if (a == T::kInterval && b == T::kInterval) return T::kInterval;
      return bad();
    case Op::kMul:
      if ((a == T::kInterval && IsNum(b)) || (IsNum(a) && b == T::kInterval)) return T::kInterval;
      return bad();
    case Op::kDiv:
      if (a == T::kInterval && IsNum(b)) return T::kInterval;
      return bad();
    default:
      return bad();
  }
}

}  // namespace

Result<ExprPtr> Binder::BindExpr(const AstExpr& e, ExprCtx& ctx) {
  switch (e.kind) {
    case AstKind::kLiteral:
      return MakeConst(e.literal, e.pos);
    case AstKind::kParam: {
      if (opts_.params) {
        auto it = opts_.params->find(e.name);
        if (it != opts_.params->end()) return MakeConst(it->second, e.pos);
      }
      if (e.name == "as_of") return MakeConst(Value::Date(opts_.as_of), e.pos);
      return Err(e.pos, fmt::format("未知参数 / unknown parameter :{}", e.name));
    }
    case AstKind::kColumn: {
      bool range_seen = false;
      for (const Scope* s = ctx.scope; s; s = s->outer) {
        const ScopeCol* hit = nullptr;
        for (const ScopeCol& c : s->cols) {
          if (!e.qualifier.empty() && c.range != e.qualifier) continue;
          if (!e.qualifier.empty()) range_seen = true;
          if (c.name != e.name) continue;
          if (hit) {
            return Err(e.pos,
                       fmt::format("列名有歧义 / column reference \"{}\" is ambiguous", e.name));
          }
          hit = &c;
        }
        if (hit) return MakeColumn(hit->id, hit->type, e.pos);
      }
      if (!e.qualifier.empty() && !range_seen) {
        return Err(e.pos, fmt::format("未知表 / unknown table \"{}\"", e.qualifier));
      }
      std::string full = e.qualifier.empty() ? e.name : e.qualifier + "." + e.name;
      return Err(e.pos, fmt::format("未知列 / unknown column \"{}\"", full));
    }
    case AstKind::kUnary: {
      ASSIGN_OR_RETURN(ExprPtr a, BindExpr(*e.args[0], ctx));
      if (e.name == "NOT") {
        if (a->type != T::kBool && a->type != T::kNull) {
          return Err(e.pos, fmt::format("NOT 的参数须为布尔值 / argument of NOT must be boolean, "
                                        "not {}",
                                        SqlTypeName(a->type)));
        }
        ASSIGN_OR_RETURN(a, Coerce(a, T::kBool, e.pos));
        return MakeUnary(Op::kNot, T::kBool, a, e.pos);
      }
      if (a->type == T::kNull) return TypedNull(T::kInt, e.pos);
      if (!IsNum(a->type) && a->type != T::kInterval) {
        return Err(e.pos, fmt::format("运算符不适用 / operator - does not accept {}",
                                      SqlTypeName(a->type)));
      }
      return MakeUnary(Op::kNeg, a->type, a, e.pos);
    }
    case AstKind::kBinary: {
      ASSIGN_OR_RETURN(ExprPtr l, BindExpr(*e.args[0], ctx));
      ASSIGN_OR_RETURN(ExprPtr r, BindExpr(*e.args[1], ctx));
      const std::string& op = e.name;
      if (op == "AND" || op == "OR") {
        for (const ExprPtr* x : {&l, &r}) {
          if ((*x)->type != T::kBool && (*x)->type != T::kNull) {
            return Err(e.pos, fmt::format("{} 的参数须为布尔值 / argument of {} must be boolean, "
                                          "not {}",
                                          op, op, SqlTypeName((*x)->type)));
          }
        }
        ASSIGN_OR_RETURN(l, Coerce(l, T::kBool, e.pos));
        ASSIGN_OR_RETURN(r, Coerce(r, T::kBool, e.pos));
        return MakeBinary(op == "AND" ? Op::kAnd : Op::kOr, T::kBool, l, r, e.pos);
      }
      if (op == "=" || op == "<>" || op == "<" || op == "<=" || op == ">" || op == ">=") {
        Op o = op == "="    ? Op::kEq
               : op == "<>" ? Op::kNe
               : op == "<"  ? Op::kLt
               : op == "<=" ? Op::kLe
               : op == ">"  ? Op::kGt
                            : Op::kGe;
        return BindComparison(o, l, r, e.pos);
      }
      if (op == "||") {
        ASSIGN_OR_RETURN(l, l->type == T::kText
                                ? l
                                : (l->type == T::kNull || l->type == T::kPersonId
                                       ? Coerce(l, T::kText, e.pos)
                                       : Result<ExprPtr>(MakeCast(l, T::kText, e.pos))));
        ASSIGN_OR_RETURN(r, r->type == T::kText
                                ? r
                                : (r->type == T::kNull || r->type == T::kPersonId
                                       ? Coerce(r, T::kText, e.pos)
                                       : Result<ExprPtr>(MakeCast(r, T::kText, e.pos))));
        return MakeBinary(Op::kConcat, T::kText, l, r, e.pos);
      }
      Op o = op == "+"   ? Op::kAdd
             : op == "-" ? Op::kSub
             : op == "*" ? Op::kMul
             : op == "/" ? Op::kDiv
                         : Op::kMod;
      T lt = l->type, rt = r->type;
      if (lt == T::kNull || rt == T::kNull) {
        T other = lt == T::kNull ? rt : lt;
        return TypedNull(other == T::kNull ? T::kInt : other, e.pos);
      }
      auto type = ArithType(o, lt, rt);
      if (!type.ok()) return Err(e.pos, type.status().message());
      if (*type == T::kDouble) {
        ASSIGN_OR_RETURN(l, Coerce(l, T::kDouble, e.pos));
        ASSIGN_OR_RETURN(r, Coerce(r, T::kDouble, e.pos));
      }
      return MakeBinary(o, *type, l, r, e.pos);
    }
    case AstKind::kIsNull: {
      ASSIGN_OR_RETURN(ExprPtr a, BindExpr(*e.args[0], ctx));
      return MakeUnary(e.negated ? Op::kIsNotNull : Op::kIsNull, T::kBool, a, e.pos);
    }
    case AstKind::kIsDistinct: {
      ASSIGN_OR_RETURN(ExprPtr l, BindExpr(*e.args[0], ctx));
      ASSIGN_OR_RETURN(ExprPtr r, BindExpr(*e.args[1], ctx));
      return BindComparison(e.negated ? Op::kIsNotDistinct : Op::kIsDistinct, l, r, e.pos);
    }
    case AstKind::kBetween: {
      ASSIGN_OR_RETURN(ExprPtr x, BindExpr(*e.args[0], ctx));
      ASSIGN_OR_RETURN(ExprPtr lo, BindExpr(*e.args[1], ctx));
      ASSIGN_OR_RETURN(ExprPtr hi, BindExpr(*e.args[2], ctx));
      ASSIGN_OR_RETURN(ExprPtr a, BindComparison(Op::kGe, x, lo, e.pos));
      ASSIGN_OR_RETURN(ExprPtr b, BindComparison(Op::kLe, x, hi, e.pos));
      ExprPtr both = MakeBinary(Op::kAnd, T::kBool, a, b, e.pos);
      return e.negated ? MakeUnary(Op::kNot, T::kBool, both, e.pos) : both;
    }
    case AstKind::kInList: {
      ASSIGN_OR_RETURN(ExprPtr x, BindExpr(*e.args[0], ctx));
      ExprPtr any;
      for (size_t k = 1; k < e.args.size(); ++k) {
        ASSIGN_OR_RETURN(ExprPtr item, BindExpr(*e.args[k], ctx));
        ASSIGN_OR_RETURN(ExprPtr eq, BindComparison(Op::kEq, x, item, e.args[k]->pos));
        any = any ? MakeBinary(Op::kOr, T::kBool, any, eq, e.pos) : eq;
      }
      return e.negated ? MakeUnary(Op::kNot, T::kBool, any, e.pos) : any;
    }
    case AstKind::kLike: {
      std::vector<ExprPtr> args;
      std::vector<T> types;
      for (const AstExprPtr& a : e.args) {
        ASSIGN_OR_RETURN(ExprPtr b, BindExpr(*a, ctx));
        types.push_back(b->type);
        args.push_back(b);
      }
      std::string fname = e.name == "ILIKE" ? "ilike" : "like";
      auto binding = ResolveFunction(fname, types);
      if (!binding.ok()) return Err(e.pos, binding.status().message());
      auto f = std::make_shared<Expr>();
      f->kind = ExprKind::kFunc;
      f->name = fname;
      f->fn = binding->fn;
      f->type = T::kBool;
      f->pos = e.pos;
      for (size_t k = 0; k < args.size(); ++k) {
        ASSIGN_OR_RETURN(ExprPtr c, Coerce(args[k], binding->arg_types[k], e.pos));
        f->args.push_back(c);
      }
      ExprPtr out = f;
      return e.negated ? MakeUnary(Op::kNot, T::kBool, out, e.pos) : out;
    }
    case AstKind::kCast: {
      ASSIGN_OR_RETURN(ExprPtr a, BindExpr(*e.args[0], ctx));
      ASSIGN_OR_RETURN(T to, TypeFromName(e.type_name, e.pos));
      if (a->type == to) return a;
      if (a->type == T::kNull) return TypedNull(to, e.pos);
      if (a->kind == ExprKind::kConst) return Coerce(a, to, e.pos);
      if (a->type == T::kPersonId && to != T::kText) {
        return Err(e.pos, fmt::format("无法转换 / cannot cast id to {}", SqlTypeName(to)));
      }
      return MakeCast(a, to, e.pos);
    }
    case AstKind::kCase: {
      std::vector<ExprPtr> conds, vals;
      ExprPtr operand;
      if (e.case_operand) {
        ASSIGN_OR_RETURN(operand, BindExpr(*e.case_operand, ctx));
      }
      for (const auto& [w, t] : e.whens) {
        ExprPtr cond;
        if (operand) {
          ASSIGN_OR_RETURN(ExprPtr wv, BindExpr(*w, ctx));
          ASSIGN_OR_RETURN(cond, BindComparison(Op::kEq, operand, wv, w->pos));
        } else {
          ASSIGN_OR_RETURN(cond, BindBool(*w, ctx));
        }
        conds.push_back(cond);
        ASSIGN_OR_RETURN(ExprPtr v, BindExpr(*t, ctx));
        vals.push_back(v);
      }
      ExprPtr else_v = TypedNull(T::kNull, e.pos);
      if (e.case_else) {
        ASSIGN_OR_RETURN(else_v, BindExpr(*e.case_else, ctx));
      }
      vals.push_back(else_v);
      ExprPtr acc = vals[0];
      T type = acc->type;
      for (size_t k = 1; k < vals.size(); ++k) {
        ExprPtr probe = type == acc->type ? acc : TypedNull(type, e.pos);
        ASSIGN_OR_RETURN(type, Unify(probe, vals[k], e.pos, "CASE"));
        if (type != acc->type) acc = TypedNull(type, e.pos);
      }
      auto c = std::make_shared<Expr>();
      c->kind = ExprKind::kCase;
      c->type = type;
      c->pos = e.pos;
      for (size_t k = 0; k < conds.size(); ++k) {
        c->args.push_back(conds[k]);
        ASSIGN_OR_RETURN(ExprPtr v, Coerce(vals[k], type, e.pos));
        c->args.push_back(v);
      }
      ASSIGN_OR_RETURN(ExprPtr ev, Coerce(vals.back(), type, e.pos));
      c->args.push_back(ev);
      return ExprPtr(c);
    }
    case AstKind::kFunc: {
      if (IsAggregateName(e.name)) return BindAggregate(e, ctx);
      if (e.star || e.distinct) {
        return Err(e.pos, fmt::format("{} 不是聚合函数 / {} is not an aggregate", e.name, e.name));
      }
      std::vector<ExprPtr> args;
      std::vector<T> types;
      for (const AstExprPtr& a : e.args) {
        ASSIGN_OR_RETURN(ExprPtr b, BindExpr(*a, ctx));
        args.push_back(b);
      }
      if (e.name == "coalesce" || e.name == "greatest" || e.name == "least" || e.name == "nullif") {
        if (!args.empty()) {
          ExprPtr acc = args[0];
          for (size_t k = 1; k < args.size(); ++k) {
            ASSIGN_OR_RETURN(T t, Unify(acc, args[k], e.pos, e.name.c_str()));
            if (t != acc->type) acc = TypedNull(t, e.pos);
          }
          for (ExprPtr& a : args) {
            ASSIGN_OR_RETURN(a, Coerce(a, acc->type, e.pos));
          }
        }
      }
      for (const ExprPtr& a : args) types.push_back(a->type);
      auto binding = ResolveFunction(e.name, types);
      if (!binding.ok()) return Err(e.pos, binding.status().message());
      auto f = std::make_shared<Expr>();
      f->kind = ExprKind::kFunc;
      f->name = e.name;
      f->fn = binding->fn;
      f->type = binding->ret;
      f->pos = e.pos;
      for (size_t k = 0; k < args.size(); ++k) {
        ASSIGN_OR_RETURN(ExprPtr c, Coerce(args[k], binding->arg_types[k], e.pos));
        f->args.push_back(c);
      }
      return ExprPtr(f);
    }
    case AstKind::kExists:
    case AstKind::kInSubquery:
    case AstKind::kScalarSubquery:
      return BindSubquery(e, ctx);
  }
  return Err(e.pos, "内部错误 / internal error: unknown expression");
}

}  // namespace tutela::engine
