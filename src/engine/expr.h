// Bound expressions: the typed expression trees of the logical plan. Column
// references use plan-wide column ids (ColId). Trees are immutable once
// built and shared between plan nodes (std::shared_ptr); thread-safe to read.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/sql_lexer.h"
#include "engine/value.h"
#include "engine/vec.h"

namespace tutela::engine {

struct EvalContext;

// The evaluated arguments of a scalar function: views of vectors of `rows`
// rows (an argument that is an input column is that column, not a copy).
class FnArgs {
 public:
  class Iterator {
   public:
    explicit Iterator(const Vec* const* p) : p_(p) {}
    const Vec& operator*() const { return **p_; }
    Iterator& operator++() {
      ++p_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return p_ != o.p_; }

   private:
    const Vec* const* p_;
  };
  explicit FnArgs(std::vector<const Vec*> args) : args_(std::move(args)) {}
  const Vec& operator[](size_t k) const { return *args_[k]; }
  size_t size() const { return args_.size(); }
  Iterator begin() const { return Iterator(args_.data()); }
  Iterator end() const { return Iterator(args_.data() + args_.size()); }

 private:
  std::vector<const Vec*> args_;
};

// A scalar function over whole columns.
using ScalarImpl = Result<Vec> (*)(const FnArgs& args, size_t rows, const EvalContext& ctx);

enum class ExprKind { kColumn, kConst, kUnary, kBinary, kFunc, kCase, kCast, kAgg };

enum class Op {
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
  kConcat,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kAnd,
  kOr,
  kIsDistinct,
  kIsNotDistinct,
  kNot,
  kNeg,
  kIsNull,
  kIsNotNull,
};
const char* OpName(Op op);

enum class AggKind {
  kCountStar,
  kCount,
  kSum,
  kMin,
  kMax,
  kAvg,
  kMedian,
  kQuantile,
  kMad,
  kBoolAnd,
  kBoolOr,
};

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

struct Expr {
  ExprKind kind = ExprKind::kConst;
  SqlType type = SqlType::kNull;
  SourcePos pos;
  ColId col = -1;           // kColumn
  Value value;              // kConst; kAgg kQuantile: the fraction
  Op op = Op::kEq;          // kUnary, kBinary
  std::string name;         // function / aggregate name for printing
  ScalarImpl fn = nullptr;  // kFunc
  AggKind agg = AggKind::kCount;
  bool distinct = false;  // kAgg
  // kCase: when0, then0, when1, then1, ..., else (always present).
  std::vector<ExprPtr> args;
};

ExprPtr MakeColumn(ColId id, SqlType type, SourcePos pos = {});
ExprPtr MakeConst(Value v, SourcePos pos = {});
ExprPtr MakeUnary(Op op, SqlType type, ExprPtr arg, SourcePos pos = {});
ExprPtr MakeBinary(Op op, SqlType type, ExprPtr l, ExprPtr r, SourcePos pos = {});
ExprPtr MakeCast(ExprPtr arg, SqlType to, SourcePos pos = {});
// AND of conjuncts; nullptr for an empty list.
ExprPtr MakeAnd(const std::vector<ExprPtr>& conjuncts);
void SplitConjuncts(const ExprPtr& e, std::vector<ExprPtr>* out);

void CollectColumns(const Expr& e, std::set<ColId>* out);
bool ContainsAgg(const Expr& e);
// Structural equality (ignores positions).
bool SameExpr(const Expr& a, const Expr& b);
bool RefsOnly(const Expr& e, const std::set<ColId>& cols);

// Column display names, indexed by ColId (for EXPLAIN).
struct ColumnInfo {
  std::string name;
  SqlType type = SqlType::kNull;
};
std::string ExprToString(const Expr& e, const std::vector<ColumnInfo>& cols);

}  // namespace tutela::engine
