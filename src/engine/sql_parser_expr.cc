// SQL parser: expressions, with PostgreSQL operator precedence.
#include <cmath>
#include <cstdlib>

#include "common/text.h"
#include "engine/sql_parser_internal.h"

namespace tutela::engine {

namespace {

AstExprPtr MakeExpr(AstKind kind, SourcePos pos) {
  auto e = std::make_unique<AstExpr>();
  e->kind = kind;
  e->pos = pos;
  return e;
}

AstExprPtr MakeBinary(std::string op, SourcePos pos, AstExprPtr l, AstExprPtr r) {
  auto e = MakeExpr(AstKind::kBinary, pos);
  e->name = std::move(op);
  e->args.push_back(std::move(l));
  e->args.push_back(std::move(r));
  return e;
}

}  // namespace

Result<AstExprPtr> Parser::ParseExpr() {
  RETURN_IF_ERROR(Enter());
  auto r = ParseOr();
  --depth_;
  return r;
}

Result<AstExprPtr> Parser::ParseOr() {
  ASSIGN_OR_RETURN(AstExprPtr left, ParseAnd());
  while (IsKeyword("OR")) {
    SourcePos p = Next().pos;
    ASSIGN_OR_RETURN(AstExprPtr right, ParseAnd());
    left = MakeBinary("OR", p, std::move(left), std::move(right));
  }
  return left;
}

Result<AstExprPtr> Parser::ParseAnd() {
  ASSIGN_OR_RETURN(AstExprPtr left, ParseNot());
  while (IsKeyword("AND")) {
    SourcePos p = Next().pos;
    ASSIGN_OR_RETURN(AstExprPtr right, ParseNot());
    left = MakeBinary("AND", p, std::move(left), std::move(right));
  }
  return left;
}

Result<AstExprPtr> Parser::ParseNot() {
  if (IsKeyword("NOT")) {
    SourcePos p = Next().pos;
    RETURN_IF_ERROR(Enter());
    ASSIGN_OR_RETURN(AstExprPtr arg, ParseNot());
    --depth_;
    auto e = MakeExpr(AstKind::kUnary, p);
    e->name = "NOT";
    e->args.push_back(std::move(arg));
    return e;
  }
  return ParseIs();
}

Result<AstExprPtr> Parser::ParseIs() {
  ASSIGN_OR_RETURN(AstExprPtr left, ParseComparison());
  while (IsKeyword("IS")) {
    SourcePos p = Next().pos;
    bool neg = AcceptKeyword("NOT");
    if (AcceptKeyword("NULL")) {
      auto e = MakeExpr(AstKind::kIsNull, p);
      e->negated = neg;
      e->args.push_back(std::move(left));
      left = std::move(e);
    } else if (AcceptKeyword("DISTINCT")) {
      RETURN_IF_ERROR(ExpectKeyword("FROM"));
      ASSIGN_OR_RETURN(AstExprPtr right, ParseComparison());
      auto e = MakeExpr(AstKind::kIsDistinct, p);
      e->negated = neg;
      e->args.push_back(std::move(left));
      e->args.push_back(std::move(right));
      left = std::move(e);
    } else if (IsKeyword("TRUE") || IsKeyword("FALSE")) {
      // x IS [NOT] TRUE  ==  x IS [NOT] DISTINCT FROM TRUE
      bool value = Next().text == "TRUE";
      auto lit = MakeExpr(AstKind::kLiteral, p);
      lit->literal = Value::Bool(value);
      auto e = MakeExpr(AstKind::kIsDistinct, p);
      e->negated = !neg;
      e->args.push_back(std::move(left));
      e->args.push_back(std::move(lit));
      left = std::move(e);
    } else {
      return Expected("NULL, TRUE, FALSE or DISTINCT FROM");
    }
  }
  return left;
}

Result<AstExprPtr> Parser::ParseComparison() {
  ASSIGN_OR_RETURN(AstExprPtr left, ParsePredicate());
  while (true) {
    const Token& t = Peek();
    if (t.kind != TokenKind::kOp) break;
    if (t.text != "=" && t.text != "<>" && t.text != "<" && t.text != "<=" && t.text != ">" &&
        t.text != ">=") {
      break;
    }
    Token op = Next();
    ASSIGN_OR_RETURN(AstExprPtr right, ParsePredicate());
    left = MakeBinary(op.text, op.pos, std::move(left), std::move(right));
  }
  return left;
}

Result<AstExprPtr> Parser::ParsePredicate() {
  ASSIGN_OR_RETURN(AstExprPtr left, ParseOther());
  while (true) {
    size_t save = pos_;
    SourcePos p = Peek().pos;
    bool neg = AcceptKeyword("NOT");
    if (AcceptKeyword("BETWEEN")) {
      ASSIGN_OR_RETURN(AstExprPtr lo, ParseOther());
      RETURN_IF_ERROR(ExpectKeyword("AND"));
      ASSIGN_OR_RETURN(AstExprPtr hi, ParseOther());
      auto e = MakeExpr(AstKind::kBetween, p);
      e->negated = neg;
      e->args.push_back(std::move(left));
      e->args.push_back(std::move(lo));
      e->args.push_back(std::move(hi));
      left = std::move(e);
    } else if (AcceptKeyword("IN")) {
      RETURN_IF_ERROR(ExpectOp("("));
      if (IsKeyword("SELECT") || IsKeyword("WITH")) {
        auto e = MakeExpr(AstKind::kInSubquery, p);
        ASSIGN_OR_RETURN(e->subquery, ParseQuery());
        e->negated = neg;
        e->args.push_back(std::move(left));
        left = std::move(e);
      } else {
        auto e = MakeExpr(AstKind::kInList, p);
        e->negated = neg;
        e->args.push_back(std::move(left));
        do {
          ASSIGN_OR_RETURN(AstExprPtr item, ParseExpr());
          e->args.push_back(std::move(item));
        } while (AcceptOp(","));
        left = std::move(e);
      }
      RETURN_IF_ERROR(ExpectOp(")"));
    } else if (IsKeyword("LIKE") || IsKeyword("ILIKE")) {
      auto e = MakeExpr(AstKind::kLike, p);
      e->name = Next().text;
      e->negated = neg;
      ASSIGN_OR_RETURN(AstExprPtr pattern, ParseOther());
      e->args.push_back(std::move(left));
      e->args.push_back(std::move(pattern));
      if (Peek().kind == TokenKind::kIdent && Peek().text == "escape") {
        ++pos_;
        ASSIGN_OR_RETURN(AstExprPtr esc, ParseOther());
        e->args.push_back(std::move(esc));
      }
      left = std::move(e);
    } else {
      pos_ = save;
      break;
    }
  }
  return left;
}

Result<AstExprPtr> Parser::ParseOther() {
  ASSIGN_OR_RETURN(AstExprPtr left, ParseAdditive());
  while (IsOp("||")) {
    SourcePos p = Next().pos;
    ASSIGN_OR_RETURN(AstExprPtr right, ParseAdditive());
    left = MakeBinary("||", p, std::move(left), std::move(right));
  }
  return left;
}

Result<AstExprPtr> Parser::ParseAdditive() {
  ASSIGN_OR_RETURN(AstExprPtr left, ParseMultiplicative());
  while (IsOp("+") || IsOp("-")) {
    Token op = Next();
    ASSIGN_OR_RETURN(AstExprPtr right, ParseMultiplicative());
    left = MakeBinary(op.text, op.pos, std::move(left), std::move(right));
  }
  return left;
}

Result<AstExprPtr> Parser::ParseMultiplicative() {
  ASSIGN_OR_RETURN(AstExprPtr left, ParseUnary());
  while (IsOp("*") || IsOp("/") || IsOp("%")) {
    Token op = Next();
    ASSIGN_OR_RETURN(AstExprPtr right, ParseUnary());
    left = MakeBinary(op.text, op.pos, std::move(left), std::move(right));
  }
  return left;
}

Result<AstExprPtr> Parser::ParseUnary() {
  if (IsOp("-") || IsOp("+")) {
    Token op = Next();
    RETURN_IF_ERROR(Enter());
    ASSIGN_OR_RETURN(AstExprPtr arg, ParseUnary());
    --depth_;
    if (op.text == "+") return arg;
    // Fold "-literal" so the most negative integer parses.
    if (arg->kind == AstKind::kLiteral && arg->literal.type == SqlType::kInt &&
        arg->literal.i != INT64_MIN) {
      arg->literal.i = -arg->literal.i;
      arg->pos = op.pos;
      return arg;
    }
    auto e = MakeExpr(AstKind::kUnary, op.pos);
    e->name = "-";
    e->args.push_back(std::move(arg));
    return e;
  }
  return ParsePostfix();
}

Result<AstExprPtr> Parser::ParsePostfix() {
  ASSIGN_OR_RETURN(AstExprPtr e, ParsePrimary());
  while (IsOp("::")) {
    SourcePos p = Next().pos;
    auto cast = MakeExpr(AstKind::kCast, p);
    ASSIGN_OR_RETURN(cast->type_name, ParseTypeName());
    cast->args.push_back(std::move(e));
    e = std::move(cast);
  }
  return e;
}

Result<std::string> Parser::ParseTypeName() {
  if (Peek().kind != TokenKind::kIdent) return Expected("type name");
  std::string name = Next().text;
  if (name == "double" && Peek().kind == TokenKind::kIdent && Peek().text == "precision") ++pos_;
  if (name == "timestamp" && Peek().kind == TokenKind::kIdent && Peek().text == "without") {
    pos_ += 3;  // WITHOUT TIME ZONE
  }
  if (AcceptOp("(")) {  // varchar(10), numeric(10, 2): size ignored
    while (!IsOp(")") && Peek().kind != TokenKind::kEnd) ++pos_;
    RETURN_IF_ERROR(ExpectOp(")"));
  }
  return name;
}

Result<AstExprPtr> Parser::ParseTypedLiteral(const std::string& type, SourcePos pos) {
  const Token& t = Next();  // the string
  auto e = MakeExpr(AstKind::kLiteral, pos);
  if (type == "date") {
    auto d = ParseIsoDate(t.text);
    if (!d) return Error(t, "无效日期 / invalid date literal '" + t.text + "'");
    e->literal = Value::Date(*d);
  } else if (type == "timestamp") {
    Seconds ts;
    if (!ParseTimestampText(t.text, &ts)) {
      return Error(t, "无效时间 / invalid timestamp literal '" + t.text + "'");
    }
    e->literal = Value::Timestamp(ts);
  } else {
    std::string text = t.text;
    // INTERVAL '3' DAY
    if (Peek().kind == TokenKind::kIdent) {
      Interval probe;
      if (ParseIntervalText(text + " " + Peek().text, &probe)) text += " " + Next().text;
    }
    Interval iv;
    if (!ParseIntervalText(text, &iv)) {
      return Error(t, "无效时间间隔 / invalid interval literal '" + t.text + "'");
    }
    e->literal = Value::Span(iv);
  }
  return e;
}

Result<AstExprPtr> Parser::ParsePrimary() {
  const Token& t = Peek();
  SourcePos p = t.pos;
  switch (t.kind) {
    case TokenKind::kInteger: {
      ++pos_;
      auto e = MakeExpr(AstKind::kLiteral, p);
      errno = 0;
      char* end = nullptr;
      long long v = std::strtoll(t.text.c_str(), &end, 10);
      if (errno == ERANGE) {
        e->literal = Value::Double(std::strtod(t.text.c_str(), nullptr));
      } else {
        e->literal = Value::Int(v);
      }
      return e;
    }
    case TokenKind::kDecimal: {
      ++pos_;
      auto e = MakeExpr(AstKind::kLiteral, p);
      e->literal = Value::Double(std::strtod(t.text.c_str(), nullptr));
      return e;
    }
    case TokenKind::kString: {
      ++pos_;
      auto e = MakeExpr(AstKind::kLiteral, p);
      e->literal = Value::Text(t.text);
      return e;
    }
    case TokenKind::kParam: {
      ++pos_;
      auto e = MakeExpr(AstKind::kParam, p);
      e->name = t.text;
      return e;
    }
    case TokenKind::kKeyword: {
      if (t.text == "NULL" || t.text == "TRUE" || t.text == "FALSE") {
        ++pos_;
        auto e = MakeExpr(AstKind::kLiteral, p);
        e->literal = t.text == "NULL" ? Value::Null() : Value::Bool(t.text == "TRUE");
        return e;
      }
      if (t.text == "CASE") return ParseCase();
      if (t.text == "CAST") {
        ++pos_;
        RETURN_IF_ERROR(ExpectOp("("));
        auto e = MakeExpr(AstKind::kCast, p);
        ASSIGN_OR_RETURN(AstExprPtr arg, ParseExpr());
        e->args.push_back(std::move(arg));
        RETURN_IF_ERROR(ExpectKeyword("AS"));
        ASSIGN_OR_RETURN(e->type_name, ParseTypeName());
        RETURN_IF_ERROR(ExpectOp(")"));
        return e;
      }
      if (t.text == "EXISTS") {
        ++pos_;
        RETURN_IF_ERROR(ExpectOp("("));
        auto e = MakeExpr(AstKind::kExists, p);
        ASSIGN_OR_RETURN(e->subquery, ParseQuery());
        RETURN_IF_ERROR(ExpectOp(")"));
        return e;
      }
      return Expected("expression");
    }
    case TokenKind::kOp: {
      if (t.text != "(") return Expected("expression");
      ++pos_;
      if (IsKeyword("SELECT") || IsKeyword("WITH")) {
        auto e = MakeExpr(AstKind::kScalarSubquery, p);
        ASSIGN_OR_RETURN(e->subquery, ParseQuery());
        RETURN_IF_ERROR(ExpectOp(")"));
        return e;
      }
      ASSIGN_OR_RETURN(AstExprPtr inner, ParseExpr());
      RETURN_IF_ERROR(ExpectOp(")"));
      return inner;
    }
    case TokenKind::kIdent: {
      std::string name = t.text;
      ++pos_;
      if ((name == "date" || name == "timestamp" || name == "interval") &&
          Peek().kind == TokenKind::kString) {
        return ParseTypedLiteral(name, p);
      }
      if (AcceptOp("(")) {
        auto e = MakeExpr(AstKind::kFunc, p);
        e->name = name;
        if (name == "extract") {  // extract(field FROM x) -> extract('field', x)
          if (Peek().kind != TokenKind::kIdent) return Expected("date field");
          auto field = MakeExpr(AstKind::kLiteral, Peek().pos);
          field->literal = Value::Text(Next().text);
          RETURN_IF_ERROR(ExpectKeyword("FROM"));
          ASSIGN_OR_RETURN(AstExprPtr arg, ParseExpr());
          e->args.push_back(std::move(field));
          e->args.push_back(std::move(arg));
          RETURN_IF_ERROR(ExpectOp(")"));
          return e;
        }
        if (AcceptOp("*")) {
          e->star = true;
        } else if (!IsOp(")")) {
          if (AcceptKeyword("DISTINCT")) e->distinct = true;
          do {
            ASSIGN_OR_RETURN(AstExprPtr arg, ParseExpr());
            e->args.push_back(std::move(arg));
          } while (AcceptOp(","));
        }
        RETURN_IF_ERROR(ExpectOp(")"));
        return e;
      }
      auto e = MakeExpr(AstKind::kColumn, p);
      if (AcceptOp(".")) {
        if (Peek().kind != TokenKind::kIdent) return Expected("column name");
        e->qualifier = name;
        e->name = Next().text;
      } else {
        e->name = name;
      }
      return e;
    }
    case TokenKind::kEnd:
      break;
  }
  return Expected("expression");
}

Result<AstExprPtr> Parser::ParseCase() {
  SourcePos p = Next().pos;  // CASE
  auto e = MakeExpr(AstKind::kCase, p);
  if (!IsKeyword("WHEN")) {
    ASSIGN_OR_RETURN(e->case_operand, ParseExpr());
  }
  while (AcceptKeyword("WHEN")) {
    ASSIGN_OR_RETURN(AstExprPtr cond, ParseExpr());
    RETURN_IF_ERROR(ExpectKeyword("THEN"));
    ASSIGN_OR_RETURN(AstExprPtr value, ParseExpr());
    e->whens.emplace_back(std::move(cond), std::move(value));
  }
  if (e->whens.empty()) return Expected("WHEN");
  if (AcceptKeyword("ELSE")) {
    ASSIGN_OR_RETURN(e->case_else, ParseExpr());
  }
  RETURN_IF_ERROR(ExpectKeyword("END"));
  return e;
}

}  // namespace tutela::engine
