// Expression evaluation over whole columns: logic, comparison, arithmetic,
// CASE (evaluated on the selected rows only) and function calls.
#include "engine/eval.h"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "common/column.h"

namespace tutela::engine {

namespace {

Status Overflow() { return Status::InvalidInput("整数溢出 / integer out of range"); }

Vec BoolVec(size_t n) {
  Vec v = Vec::Nulls(SqlType::kBool, n);
  return v;
}

Result<Vec> EvalLogic(Op op, const Vec& a, const Vec& b) {
  size_t n = a.size();
  Vec out = BoolVec(n);
  for (size_t r = 0; r < n; ++r) {
    bool av = a.valid[r], bv = b.valid[r];
    int64_t x = a.i[r], y = b.i[r];
    if (op == Op::kAnd) {
      if ((av && !x) || (bv && !y)) {
        out.valid[r] = 1;
        out.i[r] = 0;
      } else if (av && bv) {
        out.valid[r] = 1;
        out.i[r] = 1;
      }
    } else {
      if ((av && x) || (bv && y)) {
        out.valid[r] = 1;
        out.i[r] = 1;
      } else if (av && bv) {
        out.valid[r] = 1;
        out.i[r] = 0;
      }
    }
  }
  return out;
}

bool CmpHolds(Op op, int c) {
  switch (op) {
    case Op::kEq:
      return c == 0;
    case Op::kNe:
      return c != 0;
    case Op::kLt:
      return c < 0;
    case Op::kLe:
      return c <= 0;
    case Op::kGt:
      return c > 0;
    case Op::kGe:
      return c >= 0;
    default:
      return false;
  }
}

Result<Vec> EvalCompare(Op op, const Vec& a, const Vec& b, const EvalContext& ctx) {
  size_t n = a.size();
  Vec out = BoolVec(n);
  bool distinct_op = op == Op::kIsDistinct || op == Op::kIsNotDistinct;
  if (a.type != b.type && a.type != SqlType::kNull && b.type != SqlType::kNull) {
    return Status::Internal(
        fmt::format("compare {} with {}", SqlTypeName(a.type), SqlTypeName(b.type)));
  }
  bool int_fast =
      a.type == b.type &&
      (a.type == SqlType::kInt || a.type == SqlType::kDate || a.type == SqlType::kTimestamp ||
       a.type == SqlType::kBool ||
       (a.type == SqlType::kPersonId && (op == Op::kEq || op == Op::kNe || distinct_op)));
  for (size_t r = 0; r < n; ++r) {
    bool av = a.valid[r], bv = b.valid[r];
    if (distinct_op) {
      bool same;
      if (!av || !bv) {
        same = av == bv;
      } else {
        same = (int_fast ? (a.i[r] == b.i[r]) : CompareValues(a, r, b, r, ctx) == 0);
      }
      out.valid[r] = 1;
      out.i[r] = (op == Op::kIsNotDistinct) == same;
      continue;
    }
    if (!av || !bv) continue;
    int c = int_fast ? (a.i[r] < b.i[r] ? -1 : (a.i[r] > b.i[r] ? 1 : 0))
                     : CompareValues(a, r, b, r, ctx);
    out.valid[r] = 1;
    out.i[r] = CmpHolds(op, c);
  }
  return out;
}

// `coded = 'text'` or `<>` on a dictionary-coded column: the constant's
// code is looked up once, then rows compare codes (a value missing from the
// dictionary equals no row).
Vec CompareCodedToConstant(Op op, const Vec& a, const std::string& text) {
  size_t n = a.size();
  Vec out = BoolVec(n);
  int32_t code = a.dict->Find(text);
  bool eq = op == Op::kEq;
  for (size_t r = 0; r < n; ++r) {
    out.valid[r] = a.valid[r];
    out.i[r] = a.valid[r] && ((a.codes[r] == code) == eq);
  }
  return out;
}

// The constant side of a text comparison with a coded column, or null.
const Expr* CodedConstantCompare(const Expr& e, const Expr** column_side) {
  if (e.op != Op::kEq && e.op != Op::kNe) return nullptr;
  for (int k = 0; k < 2; ++k) {
    const Expr& c = *e.args[static_cast<size_t>(k)];
    const Expr& other = *e.args[static_cast<size_t>(1 - k)];
    if (c.kind == ExprKind::kConst && c.value.type == SqlType::kText &&
        other.type == SqlType::kText) {
      *column_side = &other;
      return &c;
    }
  }
  return nullptr;
}

Result<Vec> EvalArith(Op op, SqlType type, const Vec& a, const Vec& b, const EvalContext& ctx) {
  size_t n = a.size();
  Vec out = Vec::Nulls(type, n);
  SqlType ta = a.type, tb = b.type;
  for (size_t r = 0; r < n; ++r) {
    if (!a.valid[r] || !b.valid[r]) continue;
    out.valid[r] = 1;
    if (type == SqlType::kDouble) {
      double x = ta == SqlType::kDouble ? a.d[r] : static_cast<double>(a.i[r]);
      double y = tb == SqlType::kDouble ? b.d[r] : static_cast<double>(b.i[r]);
      switch (op) {
        case Op::kAdd:
          out.d[r] = x + y;
          break;
        case Op::kSub:
          out.d[r] = x - y;
          break;
        case Op::kMul:
          out.d[r] = x * y;
          break;
        case Op::kDiv:
          if (y == 0) {
            out.valid[r] = 0;
          } else {
            out.d[r] = x / y;
          }
          break;
        case Op::kMod:
          if (y == 0) {
            out.valid[r] = 0;
          } else {
            out.d[r] = std::fmod(x, y);
          }
          break;
        default:
          return Status::Internal("bad double op");
      }
      continue;
    }
    if (type == SqlType::kInterval) {
      if (ta == SqlType::kInterval && tb == SqlType::kInterval) {
        int64_t sign = op == Op::kSub ? -1 : 1;
        out.months[r] = a.months[r] + sign * b.months[r];
        out.i[r] = a.i[r] + sign * b.i[r];
      } else if (ta == SqlType::kTimestamp || ta == SqlType::kDate) {  // ts - ts
        int64_t x = ta == SqlType::kDate ? StartOfDay(static_cast<Days>(a.i[r])) : a.i[r];
        int64_t y = tb == SqlType::kDate ? StartOfDay(static_cast<Days>(b.i[r])) : b.i[r];
        out.i[r] = x - y;
      } else {  // interval * number, number * interval, interval / number
        bool left_iv = ta == SqlType::kInterval;
        const Vec& iv = left_iv ? a : b;
        const Vec& num = left_iv ? b : a;
        double f = num.type == SqlType::kDouble ? num.d[r] : static_cast<double>(num.i[r]);
        if (op == Op::kDiv) {
          if (f == 0) {
            out.valid[r] = 0;
            continue;
          }
          f = 1.0 / f;
        }
        double months = static_cast<double>(iv.months[r]) * f;
        double whole = std::trunc(months);
        double secs = static_cast<double>(iv.i[r]) * f + (months - whole) * 30 * kSecondsPerDay;
        if (!(std::fabs(whole) < 1e12 && std::fabs(secs) < 9e15)) return Overflow();
        out.months[r] = static_cast<int64_t>(whole);
        out.i[r] = static_cast<int64_t>(std::llround(secs));
      }
      continue;
    }
    if (type == SqlType::kTimestamp) {  // date/timestamp +- interval
      bool left_iv = ta == SqlType::kInterval;
      const Vec& t = left_iv ? b : a;
      const Vec& iv = left_iv ? a : b;
      Seconds base = t.type == SqlType::kDate ? StartOfDay(static_cast<Days>(t.i[r])) : t.i[r];
      int64_t sign = op == Op::kSub ? -1 : 1;
      out.i[r] = AddInterval(base, sign * iv.months[r], sign * iv.i[r]);
      continue;
    }
    if (type == SqlType::kDate) {  // date +- int, int + date
      int64_t d = ta == SqlType::kDate ? a.i[r] : b.i[r];
      int64_t k = ta == SqlType::kDate ? b.i[r] : a.i[r];
      int64_t res = op == Op::kSub ? d - k : d + k;
      if (res < -3000000 || res > 3000000) return Overflow();
      out.i[r] = res;
      continue;
    }
    // int result: int op int, date - date
    int64_t x = a.i[r], y = b.i[r], res = 0;
    switch (op) {
      case Op::kAdd:
        if (__builtin_add_overflow(x, y, &res)) return Overflow();
        break;
      case Op::kSub:
        if (__builtin_sub_overflow(x, y, &res)) return Overflow();
        break;
      case Op::kMul:
        if (__builtin_mul_overflow(x, y, &res)) return Overflow();
        break;
      case Op::kDiv:
        if (y == 0) {
          out.valid[r] = 0;
          continue;
        }
        if (x == INT64_MIN && y == -1) return Overflow();
        res = x / y;
        break;
      case Op::kMod:
        if (y == 0) {
          out.valid[r] = 0;
          continue;
        }
        res = y == -1 ? 0 : x % y;
        break;
      default:
        return Status::Internal("bad int op");
    }
    out.i[r] = res;
  }
  (void)ctx;
  return out;
}

Result<Vec> EvalConcat(const Vec& a, const Vec& b) {
  size_t n = a.size();
  Vec out = Vec::Nulls(SqlType::kText, n);
  for (size_t r = 0; r < n; ++r) {
    if (!a.valid[r] || !b.valid[r]) continue;
    std::string s(a.s[r]);
    s += b.s[r];
    out.valid[r] = 1;
    out.s[r] = out.Own(std::move(s));
  }
  return out;
}

// Evaluates `e` on the rows `sel` of `input` only.
Result<Vec> EvalOn(const Expr& e, const Chunk& input, const std::vector<RowIdx>& sel,
                   const EvalContext& ctx) {
  if (sel.size() == input.rows) {
    bool identity = true;
    for (size_t k = 0; k < sel.size() && identity; ++k) identity = sel[k] == k;
    if (identity) return Eval(e, input, ctx);
  }
  std::set<ColId> used;
  CollectColumns(e, &used);
  Chunk sub;
  sub.rows = sel.size();
  for (ColId id : used) {
    int k = input.Find(id);
    if (k < 0) continue;
    sub.ids.push_back(id);
    sub.cols.push_back(input.cols[static_cast<size_t>(k)].Gather(sel));
  }
  return Eval(e, sub, ctx);
}

void Scatter(const Vec& src, const std::vector<RowIdx>& sel, Vec* dst) {
  for (size_t k = 0; k < sel.size(); ++k) {
    size_t r = sel[k];
    dst->valid[r] = src.valid[k];
    if (!src.valid[k]) continue;
    if (!src.i.empty()) dst->i[r] = src.i[k];
    if (!src.d.empty()) dst->d[r] = src.d[k];
    if (!src.s.empty()) dst->s[r] = src.s[k];
    if (!src.months.empty()) dst->months[r] = src.months[k];
  }
  dst->Share(src);
}

Result<Vec> EvalCase(const Expr& e, const Chunk& input, const EvalContext& ctx) {
  Vec out = Vec::Nulls(e.type, input.rows);
  std::vector<RowIdx> remaining(input.rows);
  for (size_t r = 0; r < input.rows; ++r) remaining[r] = static_cast<RowIdx>(r);
  for (size_t w = 0; w + 1 < e.args.size() && !remaining.empty(); w += 2) {
    ASSIGN_OR_RETURN(Vec cond, EvalOn(*e.args[w], input, remaining, ctx));
    std::vector<RowIdx> hit, miss;
    for (size_t k = 0; k < remaining.size(); ++k) {
      (cond.valid[k] && cond.i[k] ? hit : miss).push_back(remaining[k]);
    }
    if (!hit.empty()) {
      ASSIGN_OR_RETURN(Vec val, EvalOn(*e.args[w + 1], input, hit, ctx));
      ASSIGN_OR_RETURN(val, CastVec(val, e.type, ctx));
      Scatter(val, hit, &out);
    }
    remaining = std::move(miss);
  }
  if (!remaining.empty()) {
    ASSIGN_OR_RETURN(Vec val, EvalOn(*e.args.back(), input, remaining, ctx));
    ASSIGN_OR_RETURN(val, CastVec(val, e.type, ctx));
    Scatter(val, remaining, &out);
  }
  return out;
}

// The dictionary-coded text column that is the only column `e` reads, or
// null (with its id in *id).
const Vec* SoleCodedColumn(const Expr& e, const Chunk& input, ColId* id) {
  std::set<ColId> used;
  CollectColumns(e, &used);
  if (used.size() != 1) return nullptr;
  int pos = input.Find(*used.begin());
  if (pos < 0 || !input.cols[static_cast<size_t>(pos)].HasCodes()) return nullptr;
  *id = *used.begin();
  return &input.cols[static_cast<size_t>(pos)];
}

// `e` over a column with few distinct values: evaluated once per value of
// the column's dictionary (plus NULL), then spread to the rows by code.
// Expressions are deterministic, so the rows get exactly what a row-wise
// evaluation gives; an error (a value no row may hold) falls back to it.
Result<Vec> EvalOverDictionary(const Expr& e, ColId id, const Vec& col, const EvalContext& ctx) {
  size_t d = col.dict->size();
  Chunk values;
  values.rows = d + 1;  // row d: NULL
  values.ids.push_back(id);
  Vec v = Vec::Nulls(SqlType::kText, d + 1);
  for (size_t k = 0; k < d; ++k) {
    v.valid[k] = 1;
    v.s[k] = col.dict->Get(static_cast<int32_t>(k));
  }
  v.owners = col.owners;
  values.cols.push_back(std::move(v));
  ASSIGN_OR_RETURN(Vec per_value, Eval(e, values, ctx));
  std::vector<RowIdx> idx(col.size());
  for (size_t r = 0; r < idx.size(); ++r) {
    idx[r] = col.valid[r] ? static_cast<RowIdx>(col.codes[r]) : static_cast<RowIdx>(d);
  }
  return per_value.Gather(idx);
}

// The vector of an argument: the input's own column for a column reference
// (no copy), else evaluated into *storage.
Result<const Vec*> ArgRef(const Expr& e, const Chunk& input, const EvalContext& ctx, Vec* storage) {
  if (const Vec* column = ColumnOf(e, input)) return column;
  ASSIGN_OR_RETURN(*storage, Eval(e, input, ctx));
  return storage;
}

}  // namespace

const Vec* ColumnOf(const Expr& e, const Chunk& input) {
  if (e.kind != ExprKind::kColumn) return nullptr;
  int k = input.Find(e.col);
  return k >= 0 ? &input.cols[static_cast<size_t>(k)] : nullptr;
}

Result<Vec> Eval(const Expr& e, const Chunk& input, const EvalContext& ctx) {
  size_t n = input.rows;
  constexpr size_t kDictMinRows = 4096;
  if (n >= kDictMinRows && e.kind != ExprKind::kColumn && e.kind != ExprKind::kConst &&
      e.kind != ExprKind::kAgg) {
    ColId id = 0;
    const Vec* col = SoleCodedColumn(e, input, &id);
    if (col != nullptr && col->dict->size() * 4 <= n) {
      Result<Vec> out = EvalOverDictionary(e, id, *col, ctx);
      if (out.ok()) return out;
    }
  }
  switch (e.kind) {
    case ExprKind::kColumn: {
      int k = input.Find(e.col);
      if (k < 0) return Status::Internal(fmt::format("column #{} not in input", e.col));
      return input.cols[static_cast<size_t>(k)];
    }
    case ExprKind::kConst:
      if (e.value.is_null()) return Vec::Nulls(e.type, n);
      return Vec::Constant(e.value, n);
    case ExprKind::kCast: {
      ASSIGN_OR_RETURN(Vec v, Eval(*e.args[0], input, ctx));
      return CastVec(v, e.type, ctx);
    }
    case ExprKind::kCase:
      return EvalCase(e, input, ctx);
    case ExprKind::kFunc: {
      // Column arguments are passed as they are; others are evaluated.
      std::vector<Vec> storage(e.args.size());
      std::vector<const Vec*> args;
      args.reserve(e.args.size());
      for (size_t k = 0; k < e.args.size(); ++k) {
        ASSIGN_OR_RETURN(const Vec* v, ArgRef(*e.args[k], input, ctx, &storage[k]));
        args.push_back(v);
      }
      return e.fn(FnArgs(std::move(args)), n, ctx);
    }
    case ExprKind::kAgg:
      return Status::Internal("aggregate evaluated as a scalar");
    case ExprKind::kUnary: {
      ASSIGN_OR_RETURN(Vec a, Eval(*e.args[0], input, ctx));
      Vec out = Vec::Nulls(e.type, n);
      for (size_t r = 0; r < n; ++r) {
        switch (e.op) {
          case Op::kIsNull:
          case Op::kIsNotNull:
            out.valid[r] = 1;
            out.i[r] = (e.op == Op::kIsNull) == !a.valid[r];
            break;
          case Op::kNot:
            out.valid[r] = a.valid[r];
            out.i[r] = !a.i[r];
            break;
          default:  // kNeg
            if (!a.valid[r]) break;
            out.valid[r] = 1;
            if (e.type == SqlType::kDouble) {
              out.d[r] = -a.d[r];
            } else if (e.type == SqlType::kInterval) {
              out.i[r] = -a.i[r];
              out.months[r] = -a.months[r];
            } else {
              if (a.i[r] == INT64_MIN) return Overflow();
              out.i[r] = -a.i[r];
            }
        }
      }
      return out;
    }
    case ExprKind::kBinary: {
      if (e.op != Op::kAnd && e.op != Op::kOr && e.op != Op::kConcat) {
        // Comparisons and arithmetic read column operands in place.
        const Expr* column_side = nullptr;
        if (CodedConstantCompare(e, &column_side) == nullptr) {
          Vec sa, sb;
          ASSIGN_OR_RETURN(const Vec* a, ArgRef(*e.args[0], input, ctx, &sa));
          ASSIGN_OR_RETURN(const Vec* b, ArgRef(*e.args[1], input, ctx, &sb));
          if (e.op == Op::kEq || e.op == Op::kNe || e.op == Op::kLt || e.op == Op::kLe ||
              e.op == Op::kGt || e.op == Op::kGe || e.op == Op::kIsDistinct ||
              e.op == Op::kIsNotDistinct) {
            return EvalCompare(e.op, *a, *b, ctx);
          }
          return EvalArith(e.op, e.type, *a, *b, ctx);
        }
      }
      const Expr* column_side = nullptr;
      if (const Expr* k = CodedConstantCompare(e, &column_side)) {
        int pos = column_side->kind == ExprKind::kColumn ? input.Find(column_side->col) : -1;
        if (pos >= 0 && input.cols[static_cast<size_t>(pos)].HasCodes()) {  // no copy
          return CompareCodedToConstant(e.op, input.cols[static_cast<size_t>(pos)], k->value.s);
        }
        ASSIGN_OR_RETURN(Vec a, Eval(*column_side, input, ctx));
        if (a.HasCodes()) return CompareCodedToConstant(e.op, a, k->value.s);
        Vec b = Vec::Constant(k->value, n);
        return column_side == e.args[0].get() ? EvalCompare(e.op, a, b, ctx)
                                              : EvalCompare(e.op, b, a, ctx);
      }
      ASSIGN_OR_RETURN(Vec a, Eval(*e.args[0], input, ctx));
      ASSIGN_OR_RETURN(Vec b, Eval(*e.args[1], input, ctx));
      switch (e.op) {
        case Op::kAnd:
        case Op::kOr:
          return EvalLogic(e.op, a, b);
        case Op::kEq:
        case Op::kNe:
        case Op::kLt:
        case Op::kLe:
        case Op::kGt:
        case Op::kGe:
        case Op::kIsDistinct:
        case Op::kIsNotDistinct:
          return EvalCompare(e.op, a, b, ctx);
        case Op::kConcat:
          return EvalConcat(a, b);
        default:
          return EvalArith(e.op, e.type, a, b, ctx);
      }
    }
  }
  return Status::Internal("bad expression");
}

}  // namespace tutela::engine
