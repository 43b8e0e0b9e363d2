// SQL tokenizer: turns query text into tokens with 1-based line:column
// positions (columns count Unicode code points). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace tutela::engine {

struct SourcePos {
  int line = 1;
  int column = 1;
  size_t offset = 0;  // byte offset into the query text
};

enum class TokenKind {
  kIdent,    // unquoted (lower-cased ASCII) or "quoted" identifier
  kKeyword,  // reserved word, upper-cased in `text`
  kString,   // 'text' with '' unescaped
  kInteger,
  kDecimal,  // number with '.' or exponent
  kParam,    // :name (text holds the name)
  kOp,       // punctuation / operator
  kEnd,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  SourcePos pos;
};

// Error at a position, rendered as "L:C: message\n <line>\n<spaces>^".
Status ErrorAt(std::string_view sql, SourcePos pos, const std::string& message);

Result<std::vector<Token>> Tokenize(std::string_view sql);

bool IsReservedWord(std::string_view upper);

}  // namespace tutela::engine
