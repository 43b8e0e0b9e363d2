// Abstract syntax tree of the SQL dialect, as produced by the parser.
// Immutable after parsing; may be read by several binders at once.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/sql_lexer.h"
#include "engine/value.h"

namespace tutela::engine {

struct AstQuery;
struct AstExpr;
using AstExprPtr = std::unique_ptr<AstExpr>;

enum class AstKind {
  kLiteral,         // literal (typed literals are resolved by the parser)
  kColumn,          // [qualifier.]name
  kParam,           // :name
  kUnary,           // name = "NOT" or "-"
  kBinary,          // name = operator: OR AND = <> < <= > >= + - * / % ||
  kFunc,            // name(args), star for count(*), distinct for f(DISTINCT x)
  kCase,            // args: [operand] when, then, ..., [else]; see fields
  kCast,            // args[0] :: type_name
  kIsNull,          // args[0] IS [NOT] NULL (negated)
  kIsDistinct,      // args[0] IS [NOT] DISTINCT FROM args[1] (negated = NOT)
  kBetween,         // args[0] [NOT] BETWEEN args[1] AND args[2]
  kInList,          // args[0] [NOT] IN (args[1..])
  kInSubquery,      // args[0] [NOT] IN (subquery)
  kExists,          // [NOT] EXISTS (subquery)
  kScalarSubquery,  // (subquery)
  kLike,            // args[0] [NOT] LIKE/ILIKE args[1] [ESCAPE args[2]]; name "LIKE"/"ILIKE"
};

struct AstExpr {
  AstKind kind = AstKind::kLiteral;
  SourcePos pos;
  Value literal;
  std::string name;       // column / function / parameter name, or operator
  std::string qualifier;  // table alias of a column reference
  std::vector<AstExprPtr> args;
  bool negated = false;
  bool distinct = false;
  bool star = false;
  std::shared_ptr<AstQuery> subquery;
  std::string type_name;  // CAST target, lower-case
  // CASE
  AstExprPtr case_operand;
  std::vector<std::pair<AstExprPtr, AstExprPtr>> whens;
  AstExprPtr case_else;
};

struct AstSelectItem {
  AstExprPtr expr;         // null for * and t.*
  std::string alias;       // empty when none
  std::string star_table;  // t of t.*
  bool star = false;
  SourcePos pos;
};

enum class JoinType { kInner, kLeft, kCross };

struct AstTableRef {
  enum class Kind { kTable, kSubquery, kJoin } kind = Kind::kTable;
  SourcePos pos;
  std::string name;   // table name
  std::string alias;  // empty = table name
  std::shared_ptr<AstQuery> subquery;
  JoinType join_type = JoinType::kInner;
  std::unique_ptr<AstTableRef> left, right;
  AstExprPtr on;  // null for CROSS and comma joins
};

struct AstSelect {
  SourcePos pos;
  bool distinct = false;
  std::vector<AstSelectItem> items;
  std::unique_ptr<AstTableRef> from;  // null: one row, no columns
  AstExprPtr where;
  std::vector<AstExprPtr> group_by;
  AstExprPtr having;
};

struct AstOrderItem {
  AstExprPtr expr;
  bool desc = false;
  int nulls = 0;  // 0 default (last for ASC, first for DESC), 1 first, 2 last
};

struct AstCte {
  std::string name;
  std::vector<std::string> columns;
  std::shared_ptr<AstQuery> query;
  SourcePos pos;
};

// One operand of a set operation: a SELECT or a parenthesised query.
struct AstSetTerm {
  std::shared_ptr<AstSelect> select;
  std::shared_ptr<AstQuery> nested;
  bool union_all = true;  // how it joins the previous term (ignored for the first)
  SourcePos pos;
};

struct AstQuery {
  SourcePos pos;
  std::vector<AstCte> ctes;
  std::vector<AstSetTerm> terms;  // at least one; >1 means UNION [ALL]
  std::vector<AstOrderItem> order_by;
  AstExprPtr limit, offset;
};

struct AstStatement {
  bool explain = false;
  bool analyze = false;  // EXPLAIN ANALYZE: run, then show rows and time per operator
  std::shared_ptr<AstQuery> query;
};

}  // namespace tutela::engine
