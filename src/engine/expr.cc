// Bound expression helpers: construction, traversal, equality, printing.
#include "engine/expr.h"

#include <fmt/format.h>

namespace tutela::engine {

const char* OpName(Op op) {
  switch (op) {
    case Op::kAdd:
      return "+";
    case Op::kSub:
      return "-";
    case Op::kMul:
      return "*";
    case Op::kDiv:
      return "/";
    case Op::kMod:
      return "%";
    case Op::kConcat:
      return "||";
    case Op::kEq:
      return "=";
    case Op::kNe:
      return "<>";
    case Op::kLt:
      return "<";
    case Op::kLe:
      return "<=";
    case Op::kGt:
      return ">";
    case Op::kGe:
      return ">=";
    case Op::kAnd:
      return "AND";
    case Op::kOr:
      return "OR";
    case Op::kIsDistinct:
      return "IS DISTINCT FROM";
    case Op::kIsNotDistinct:
      return "IS NOT DISTINCT FROM";
    case Op::kNot:
      return "NOT";
    case Op::kNeg:
      return "-";
    case Op::kIsNull:
      return "IS NULL";
    case Op::kIsNotNull:
      return "IS NOT NULL";
  }
  return "?";
}

ExprPtr MakeColumn(ColId id, SqlType type, SourcePos pos) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kColumn;
  e->col = id;
  e->type = type;
  e->pos = pos;
  return e;
}

ExprPtr MakeConst(Value v, SourcePos pos) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kConst;
  e->type = v.type;
  e->value = std::move(v);
  e->pos = pos;
  return e;
}

ExprPtr MakeUnary(Op op, SqlType type, ExprPtr arg, SourcePos pos) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kUnary;
  e->op = op;
  e->type = type;
  e->pos = pos;
  e->args.push_back(std::move(arg));
  return e;
}

ExprPtr MakeBinary(Op op, SqlType type, ExprPtr l, ExprPtr r, SourcePos pos) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kBinary;
  e->op = op;
  e->type = type;
  e->pos = pos;
  e->args.push_back(std::move(l));
  e->args.push_back(std::move(r));
  return e;
}

ExprPtr MakeCast(ExprPtr arg, SqlType to, SourcePos pos) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kCast;
  e->type = to;
  e->pos = pos;
  e->args.push_back(std::move(arg));
  return e;
}

ExprPtr MakeAnd(const std::vector<ExprPtr>& conjuncts) {
  ExprPtr out;
  for (const ExprPtr& c : conjuncts) {
    out = out ? MakeBinary(Op::kAnd, SqlType::kBool, out, c, c->pos) : c;
  }
  return out;
}

void SplitConjuncts(const ExprPtr& e, std::vector<ExprPtr>* out) {
  if (!e) return;
  if (e->kind == ExprKind::kBinary && e->op == Op::kAnd) {
    SplitConjuncts(e->args[0], out);
    SplitConjuncts(e->args[1], out);
  } else {
    out->push_back(e);
  }
}

void CollectColumns(const Expr& e, std::set<ColId>* out) {
  if (e.kind == ExprKind::kColumn) out->insert(e.col);
  for (const ExprPtr& a : e.args) CollectColumns(*a, out);
}

bool ContainsAgg(const Expr& e) {
  if (e.kind == ExprKind::kAgg) return true;
  for (const ExprPtr& a : e.args) {
    if (ContainsAgg(*a)) return true;
  }
  return false;
}

bool RefsOnly(const Expr& e, const std::set<ColId>& cols) {
  std::set<ColId> used;
  CollectColumns(e, &used);
  for (ColId c : used) {
    if (!cols.count(c)) return false;
  }
  return true;
}

namespace {

bool SameValue(const Value& a, const Value& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case SqlType::kNull:
      return true;
    case SqlType::kDouble:
      return a.d == b.d || (a.d != a.d && b.d != b.d);
    case SqlType::kText:
      return a.s == b.s;
    case SqlType::kInterval:
      return a.iv.months == b.iv.months && a.iv.seconds == b.iv.seconds;
    default:
      return a.i == b.i;
  }
}

}  // namespace

bool SameExpr(const Expr& a, const Expr& b) {
  if (a.kind != b.kind || a.type != b.type || a.args.size() != b.args.size()) return false;
  switch (a.kind) {
    case ExprKind::kColumn:
      if (a.col != b.col) return false;
      break;
    case ExprKind::kConst:
      if (!SameValue(a.value, b.value)) return false;
      break;
    case ExprKind::kUnary:
    case ExprKind::kBinary:
      if (a.op != b.op) return false;
      break;
    case ExprKind::kFunc:
      if (a.fn != b.fn || a.name != b.name) return false;
      break;
    case ExprKind::kAgg:
      if (a.agg != b.agg || a.distinct != b.distinct || !SameValue(a.value, b.value)) return false;
      break;
    case ExprKind::kCase:
    case ExprKind::kCast:
      break;
  }
  for (size_t i = 0; i < a.args.size(); ++i) {
    if (!SameExpr(*a.args[i], *b.args[i])) return false;
  }
  return true;
}

std::string ExprToString(const Expr& e, const std::vector<ColumnInfo>& cols) {
  auto arg = [&](size_t i) { return ExprToString(*e.args[i], cols); };
  switch (e.kind) {
    case ExprKind::kColumn: {
      std::string name = e.col >= 0 && static_cast<size_t>(e.col) < cols.size()
                             ? cols[static_cast<size_t>(e.col)].name
                             : "?";
      return fmt::format("{}#{}", name, e.col);
    }
    case ExprKind::kConst:
      return e.value.ToSql();
    case ExprKind::kUnary:
      if (e.op == Op::kIsNull || e.op == Op::kIsNotNull) {
        return fmt::format("({} {})", arg(0), OpName(e.op));
      }
      return fmt::format("({} {})", OpName(e.op), arg(0));
    case ExprKind::kBinary:
      return fmt::format("({} {} {})", arg(0), OpName(e.op), arg(1));
    case ExprKind::kCast:
      return fmt::format("CAST({} AS {})", arg(0), SqlTypeName(e.type));
    case ExprKind::kFunc:
    case ExprKind::kAgg: {
      std::string out = e.name + "(";
      if (e.distinct) out += "DISTINCT ";
      if (e.kind == ExprKind::kAgg && e.agg == AggKind::kCountStar) out += "*";
      for (size_t i = 0; i < e.args.size(); ++i) out += (i ? ", " : "") + arg(i);
      if (e.kind == ExprKind::kAgg && e.agg == AggKind::kQuantile) {
        out += ", " + e.value.ToSql();
      }
      return out + ")";
    }
    case ExprKind::kCase: {
      std::string out = "CASE";
      for (size_t i = 0; i + 1 < e.args.size(); i += 2) {
        out += fmt::format(" WHEN {} THEN {}", arg(i), arg(i + 1));
      }
      return out + " ELSE " + arg(e.args.size() - 1) + " END";
    }
  }
  return "?";
}

}  // namespace tutela::engine
