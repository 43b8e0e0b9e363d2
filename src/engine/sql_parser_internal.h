// The Parser class shared by sql_parser.cc (queries) and sql_parser_expr.cc
// (expressions). Internal to the engine; one instance per parse.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ast.h"

namespace tutela::engine {

class Parser {
 public:
  Parser(std::string_view sql, std::vector<Token> tokens) : sql_(sql), tokens_(std::move(tokens)) {}

  Result<AstStatement> ParseStatementTop();
  Result<std::shared_ptr<AstQuery>> ParseQuery();
  Result<AstExprPtr> ParseExpr();

 private:
  static constexpr int kMaxDepth = 200;

  const Token& Peek(size_t ahead = 0) const {
    size_t i = pos_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  const Token& Next() {
    const Token& t = Peek();
    if (pos_ < tokens_.size() - 1) ++pos_;
    return t;
  }
  bool IsKeyword(const char* kw, size_t ahead = 0) const;
  bool IsOp(const char* op, size_t ahead = 0) const;
  bool AcceptKeyword(const char* kw);
  bool AcceptOp(const char* op);
  Status ExpectKeyword(const char* kw);
  Status ExpectOp(const char* op);
  Result<std::string> ExpectIdent(const std::string& what);
  Status Error(const Token& t, const std::string& message) const;
  Status Expected(const std::string& what) const;
  Status Enter();

  Result<std::shared_ptr<AstSelect>> ParseSelect();
  Result<std::unique_ptr<AstTableRef>> ParseFromList();
  Result<std::unique_ptr<AstTableRef>> ParseJoinChain();
  Result<std::unique_ptr<AstTableRef>> ParseTablePrimary();

  Result<AstExprPtr> ParseOr();
  Result<AstExprPtr> ParseAnd();
  Result<AstExprPtr> ParseNot();
  Result<AstExprPtr> ParseIs();
  Result<AstExprPtr> ParseComparison();
  Result<AstExprPtr> ParsePredicate();
  Result<AstExprPtr> ParseOther();
  Result<AstExprPtr> ParseAdditive();
  Result<AstExprPtr> ParseMultiplicative();
  Result<AstExprPtr> ParseUnary();
  Result<AstExprPtr> ParsePostfix();
  Result<AstExprPtr> ParsePrimary();
  Result<AstExprPtr> ParseCase();
  Result<std::string> ParseTypeName();
  Result<AstExprPtr> ParseTypedLiteral(const std::string& type, SourcePos pos);

  std::string_view sql_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace tutela::engine
