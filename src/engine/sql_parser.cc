// SQL parser: statements, queries, FROM clauses. Expressions are in
// sql_parser_expr.cc.
#include "engine/sql_parser.h"

#include "common/text.h"
#include "engine/sql_parser_internal.h"

namespace tutela::engine {

Status Parser::Error(const Token& t, const std::string& message) const {
  return ErrorAt(sql_, t.pos, message);
}

Status Parser::Expected(const std::string& what) const {
  const Token& t = Peek();
  std::string got = t.kind == TokenKind::kEnd ? "查询结尾 / end of query" : "\"" + t.text + "\"";
  return Error(t, "语法错误 / syntax error: expected " + what + ", got " + got);
}

bool Parser::IsKeyword(const char* kw, size_t ahead) const {
  const Token& t = Peek(ahead);
  return t.kind == TokenKind::kKeyword && t.text == kw;
}

bool Parser::IsOp(const char* op, size_t ahead) const {
  const Token& t = Peek(ahead);
  return t.kind == TokenKind::kOp && t.text == op;
}

bool Parser::AcceptKeyword(const char* kw) {
  if (!IsKeyword(kw)) return false;
  ++pos_;
  return true;
}

bool Parser::AcceptOp(const char* op) {
  if (!IsOp(op)) return false;
  ++pos_;
  return true;
}

Status Parser::ExpectKeyword(const char* kw) {
  if (!AcceptKeyword(kw)) return Expected(kw);
  return Status::Ok();
}

Status Parser::ExpectOp(const char* op) {
  if (!AcceptOp(op)) return Expected(std::string("\"") + op + "\"");
  return Status::Ok();
}

Result<std::string> Parser::ExpectIdent(const std::string& what) {
  if (Peek().kind != TokenKind::kIdent) return Expected(what);
  return Next().text;
}

Status Parser::Enter() {
  if (++depth_ > kMaxDepth) return Error(Peek(), "查询嵌套过深 / query nested too deeply");
  return Status::Ok();
}

Result<AstStatement> Parser::ParseStatementTop() {
  AstStatement st;
  st.explain = AcceptKeyword("EXPLAIN");
  // ANALYZE is not reserved: an identifier right after EXPLAIN.
  if (st.explain && Peek().kind == TokenKind::kIdent && Peek().text == "analyze" &&
      Peek(1).kind != TokenKind::kEnd) {
    st.analyze = true;
    ++pos_;
  }
  ASSIGN_OR_RETURN(st.query, ParseQuery());
  while (AcceptOp(";")) {
  }
  if (Peek().kind != TokenKind::kEnd) return Expected("end of query");
  return st;
}

Result<std::shared_ptr<AstQuery>> Parser::ParseQuery() {
  RETURN_IF_ERROR(Enter());
  auto q = std::make_shared<AstQuery>();
  q->pos = Peek().pos;
  if (AcceptKeyword("WITH")) {
    do {
      AstCte cte;
      cte.pos = Peek().pos;
      ASSIGN_OR_RETURN(cte.name, ExpectIdent("CTE name"));
      if (AcceptOp("(")) {
        do {
          ASSIGN_OR_RETURN(std::string col, ExpectIdent("column name"));
          cte.columns.push_back(std::move(col));
        } while (AcceptOp(","));
        RETURN_IF_ERROR(ExpectOp(")"));
      }
      RETURN_IF_ERROR(ExpectKeyword("AS"));
      RETURN_IF_ERROR(ExpectOp("("));
      ASSIGN_OR_RETURN(cte.query, ParseQuery());
      RETURN_IF_ERROR(ExpectOp(")"));
      q->ctes.push_back(std::move(cte));
    } while (AcceptOp(","));
  }
  bool first = true;
  while (true) {
    AstSetTerm term;
    term.pos = Peek().pos;
    if (!first) {
      if (IsKeyword("INTERSECT") || IsKeyword("EXCEPT")) {
        return Error(Peek(), "不支持 / not supported: " + Peek().text);
      }
      if (!AcceptKeyword("UNION")) break;
      term.union_all = AcceptKeyword("ALL");
      if (!term.union_all) AcceptKeyword("DISTINCT");
      term.pos = Peek().pos;
    }
    if (IsOp("(")) {
      ++pos_;
      ASSIGN_OR_RETURN(term.nested, ParseQuery());
      RETURN_IF_ERROR(ExpectOp(")"));
    } else {
      ASSIGN_OR_RETURN(term.select, ParseSelect());
    }
    q->terms.push_back(std::move(term));
    first = false;
    if (IsKeyword("INTERSECT") || IsKeyword("EXCEPT")) {
      return Error(Peek(), "不支持 / not supported: " + Peek().text);
    }
  }
  if (AcceptKeyword("ORDER")) {
    RETURN_IF_ERROR(ExpectKeyword("BY"));
    do {
      AstOrderItem item;
      ASSIGN_OR_RETURN(item.expr, ParseExpr());
      if (AcceptKeyword("DESC")) {
        item.desc = true;
      } else {
        AcceptKeyword("ASC");
      }
      if (Peek().kind == TokenKind::kIdent && Peek().text == "nulls") {
        ++pos_;
        if (Peek().kind == TokenKind::kIdent && Peek().text == "first") {
          item.nulls = 1;
        } else if (Peek().kind == TokenKind::kIdent && Peek().text == "last") {
          item.nulls = 2;
        } else {
          return Expected("FIRST or LAST");
        }
        ++pos_;
      }
      q->order_by.push_back(std::move(item));
    } while (AcceptOp(","));
  }
  for (int k = 0; k < 2; ++k) {
    if (!q->limit && AcceptKeyword("LIMIT")) {
      if (AcceptKeyword("ALL")) continue;
      ASSIGN_OR_RETURN(q->limit, ParseExpr());
    } else if (!q->offset && AcceptKeyword("OFFSET")) {
      ASSIGN_OR_RETURN(q->offset, ParseExpr());
    }
  }
  --depth_;
  return q;
}

Result<std::shared_ptr<AstSelect>> Parser::ParseSelect() {
  auto s = std::make_shared<AstSelect>();
  s->pos = Peek().pos;
  RETURN_IF_ERROR(ExpectKeyword("SELECT"));
  if (AcceptKeyword("DISTINCT")) {
    s->distinct = true;
  } else {
    AcceptKeyword("ALL");
  }
  do {
    AstSelectItem item;
    item.pos = Peek().pos;
    if (AcceptOp("*")) {
      item.star = true;
    } else if (Peek().kind == TokenKind::kIdent && IsOp(".", 1) && IsOp("*", 2)) {
      item.star = true;
      item.star_table = Next().text;
      pos_ += 2;
    } else {
      ASSIGN_OR_RETURN(item.expr, ParseExpr());
      if (AcceptKeyword("AS")) {
        if (Peek().kind != TokenKind::kIdent && Peek().kind != TokenKind::kKeyword) {
          return Expected("column alias");
        }
        const Token& t = Next();
        item.alias = t.kind == TokenKind::kKeyword ? AsciiLower(t.text) : t.text;
      } else if (Peek().kind == TokenKind::kIdent) {
        item.alias = Next().text;
      }
    }
    s->items.push_back(std::move(item));
  } while (AcceptOp(","));
  if (AcceptKeyword("FROM")) {
    ASSIGN_OR_RETURN(s->from, ParseFromList());
  }
  if (AcceptKeyword("WHERE")) {
    ASSIGN_OR_RETURN(s->where, ParseExpr());
  }
  if (AcceptKeyword("GROUP")) {
    RETURN_IF_ERROR(ExpectKeyword("BY"));
    do {
      ASSIGN_OR_RETURN(AstExprPtr e, ParseExpr());
      s->group_by.push_back(std::move(e));
    } while (AcceptOp(","));
  }
  if (AcceptKeyword("HAVING")) {
    ASSIGN_OR_RETURN(s->having, ParseExpr());
  }
  return s;
}

Result<std::unique_ptr<AstTableRef>> Parser::ParseFromList() {
  ASSIGN_OR_RETURN(auto left, ParseJoinChain());
  while (IsOp(",")) {
    SourcePos p = Next().pos;
    ASSIGN_OR_RETURN(auto right, ParseJoinChain());
    auto join = std::make_unique<AstTableRef>();
    join->kind = AstTableRef::Kind::kJoin;
    join->pos = p;
    join->join_type = JoinType::kCross;
    join->left = std::move(left);
    join->right = std::move(right);
    left = std::move(join);
  }
  return left;
}

Result<std::unique_ptr<AstTableRef>> Parser::ParseJoinChain() {
  ASSIGN_OR_RETURN(auto left, ParseTablePrimary());
  while (true) {
    SourcePos p = Peek().pos;
    JoinType type;
    if (IsKeyword("RIGHT") || IsKeyword("FULL") || IsKeyword("NATURAL")) {
      return Error(Peek(), "不支持 / not supported: " + Peek().text + " JOIN");
    }
    if (AcceptKeyword("JOIN")) {
      type = JoinType::kInner;
    } else if (AcceptKeyword("INNER")) {
      RETURN_IF_ERROR(ExpectKeyword("JOIN"));
      type = JoinType::kInner;
    } else if (AcceptKeyword("LEFT")) {
      AcceptKeyword("OUTER");
      RETURN_IF_ERROR(ExpectKeyword("JOIN"));
      type = JoinType::kLeft;
    } else if (AcceptKeyword("CROSS")) {
      RETURN_IF_ERROR(ExpectKeyword("JOIN"));
      type = JoinType::kCross;
    } else {
      break;
    }
    ASSIGN_OR_RETURN(auto right, ParseTablePrimary());
    auto join = std::make_unique<AstTableRef>();
    join->kind = AstTableRef::Kind::kJoin;
    join->pos = p;
    join->join_type = type;
    join->left = std::move(left);
    join->right = std::move(right);
    if (type != JoinType::kCross) {
      if (IsKeyword("USING")) return Error(Peek(), "不支持 / not supported: USING; write ON");
      RETURN_IF_ERROR(ExpectKeyword("ON"));
      ASSIGN_OR_RETURN(join->on, ParseExpr());
    }
    left = std::move(join);
  }
  return left;
}

Result<std::unique_ptr<AstTableRef>> Parser::ParseTablePrimary() {
  RETURN_IF_ERROR(Enter());
  auto ref = std::make_unique<AstTableRef>();
  ref->pos = Peek().pos;
  if (AcceptOp("(")) {
    if (IsKeyword("SELECT") || IsKeyword("WITH") || IsOp("(")) {
      ref->kind = AstTableRef::Kind::kSubquery;
      ASSIGN_OR_RETURN(ref->subquery, ParseQuery());
      RETURN_IF_ERROR(ExpectOp(")"));
      ref->alias = "subquery";
    } else {
      ASSIGN_OR_RETURN(ref, ParseFromList());
      RETURN_IF_ERROR(ExpectOp(")"));
      --depth_;
      return ref;
    }
  } else {
    ASSIGN_OR_RETURN(ref->name, ExpectIdent("table name"));
  }
  if (AcceptKeyword("AS")) {
    ASSIGN_OR_RETURN(ref->alias, ExpectIdent("alias"));
  } else if (Peek().kind == TokenKind::kIdent) {
    ref->alias = Next().text;
  }
  --depth_;
  return ref;
}

Result<AstStatement> ParseStatement(std::string_view sql) {
  ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(sql));
  Parser parser(sql, std::move(tokens));
  return parser.ParseStatementTop();
}

}  // namespace tutela::engine
