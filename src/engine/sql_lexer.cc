// SQL tokenizer implementation.
#include "engine/sql_lexer.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "common/text.h"

namespace tutela::engine {

namespace {

constexpr std::string_view kReserved[] = {
    "ALL",       "AND",   "AS",       "ASC",   "BETWEEN", "BY",     "CASE",    "CAST",
    "CROSS",     "DESC",  "DISTINCT", "ELSE",  "END",     "EXCEPT", "EXISTS",  "EXPLAIN",
    "FALSE",     "FROM",  "FULL",     "GROUP", "HAVING",  "ILIKE",  "IN",      "INNER",
    "INTERSECT", "IS",    "JOIN",     "LEFT",  "LIKE",    "LIMIT",  "NOT",     "NULL",
    "OFFSET",    "ON",    "OR",       "ORDER", "OUTER",   "RIGHT",  "SELECT",  "THEN",
    "TRUE",      "UNION", "USING",    "WHEN",  "WHERE",   "WITH",   "NATURAL", "LATERAL"};

// Display width of a code point in a terminal: CJK and full-width forms are 2.
int CodePointWidth(int32_t cp) {
  if (cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) ||
                       (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
                       (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
                       (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd))) {
    return 2;
  }
  return 1;
}

}  // namespace

bool IsReservedWord(std::string_view upper) {
  return std::find(std::begin(kReserved), std::end(kReserved), upper) != std::end(kReserved);
}

Status ErrorAt(std::string_view sql, SourcePos pos, const std::string& message) {
  size_t begin = std::min(pos.offset, sql.size());
  while (begin > 0 && sql[begin - 1] != '\n') --begin;
  size_t end = sql.find('\n', begin);
  if (end == std::string_view::npos) end = sql.size();
  std::string_view line = sql.substr(begin, end - begin);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  int width = 0;
  size_t p = begin;
  while (p < pos.offset && p < begin + line.size()) {
    if (sql[p] == '\t') {
      ++width;
      ++p;
      continue;
    }
    int32_t cp = DecodeUtf8(sql, &p);
    width += cp < 0 ? 1 : CodePointWidth(cp);
  }
  std::string text = std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " + message;
  text += "\n ";
  for (char c : line) text += c == '\t' ? ' ' : c;
  text += "\n" + std::string(static_cast<size_t>(width) + 1, ' ') + "^";
  return Status::InvalidInput(text);
}

Result<std::vector<Token>> Tokenize(std::string_view sql) {
  std::vector<Token> out;
  size_t i = 0;
  int line = 1, col = 1;
  auto advance = [&](size_t n) {
    size_t end = std::min(i + n, sql.size());
    while (i < end) {
      unsigned char c = static_cast<unsigned char>(sql[i]);
      if (c == '\n') {
        ++line;
        col = 1;
        ++i;
      } else if (c < 0x80) {
        ++col;
        ++i;
      } else {
        size_t p = i;
        DecodeUtf8(sql, &p);
        i = p;
        ++col;
      }
    }
  };
  auto here = [&] { return SourcePos{line, col, i}; };
  while (i < sql.size()) {
    char c = sql[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') {
      advance(1);
      continue;
    }
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') advance(1);
      continue;
    }
    if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      SourcePos start = here();
      size_t close = sql.find("*/", i + 2);
      if (close == std::string_view::npos) {
        return ErrorAt(sql, start, "注释未结束 / unterminated comment");
      }
      advance(close + 2 - i);
      continue;
    }
    Token tok;
    tok.pos = here();
    unsigned char uc = static_cast<unsigned char>(c);
    if (std::isalpha(uc) || c == '_' || uc >= 0x80) {
      size_t start = i;
      while (i < sql.size()) {
        unsigned char d = static_cast<unsigned char>(sql[i]);
        if (std::isalnum(d) || d == '_' || d >= 0x80) {
          advance(1);
        } else {
          break;
        }
      }
      std::string word(sql.substr(start, i - start));
      std::string upper = AsciiUpper(word);
      if (IsReservedWord(upper)) {
        tok.kind = TokenKind::kKeyword;
        tok.text = upper;
      } else {
        tok.kind = TokenKind::kIdent;
        tok.text = AsciiLower(word);
      }
    } else if (c == '"' || c == '\'') {
      // Quoted identifier or string literal: a doubled quote stands for itself.
      std::string text;
      advance(1);
      bool closed = false;
      while (i < sql.size()) {
        if (sql[i] == c) {
          if (i + 1 < sql.size() && sql[i + 1] == c) {
            text += c;
            advance(2);
            continue;
          }
          advance(1);
          closed = true;
          break;
        }
        size_t from = i;
        advance(1);  // a whole UTF-8 character
        text.append(sql.substr(from, i - from));
      }
      if (c == '"') {
        if (!closed)
          return ErrorAt(sql, tok.pos, "标识符引号未结束 / unterminated quoted identifier");
        if (text.empty()) return ErrorAt(sql, tok.pos, "空标识符 / empty identifier");
        tok.kind = TokenKind::kIdent;
      } else {
        if (!closed) return ErrorAt(sql, tok.pos, "字符串未结束 / unterminated string literal");
        tok.kind = TokenKind::kString;
      }
      tok.text = std::move(text);
    } else if (std::isdigit(uc) || (c == '.' && i + 1 < sql.size() &&
                                    std::isdigit(static_cast<unsigned char>(sql[i + 1])))) {
      size_t start = i;
      bool decimal = false;
      while (i < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i]))) advance(1);
      if (i < sql.size() && sql[i] == '.') {
        decimal = true;
        advance(1);
        while (i < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i]))) advance(1);
      }
      if (i < sql.size() && (sql[i] == 'e' || sql[i] == 'E')) {
        size_t j = i + 1;
        if (j < sql.size() && (sql[j] == '+' || sql[j] == '-')) ++j;
        if (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) {
          decimal = true;
          advance(j - i);
          while (i < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i]))) advance(1);
        }
      }
      tok.kind = decimal ? TokenKind::kDecimal : TokenKind::kInteger;
      tok.text = std::string(sql.substr(start, i - start));
      if (i < sql.size() && (std::isalpha(static_cast<unsigned char>(sql[i])) || sql[i] == '_')) {
        return ErrorAt(sql, here(), "数字后有多余字符 / trailing junk after number");
      }
    } else if (c == ':' && i + 1 < sql.size() &&
               (std::isalpha(static_cast<unsigned char>(sql[i + 1])) || sql[i + 1] == '_')) {
      advance(1);
      size_t start = i;
      while (i < sql.size() &&
             (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_')) {
        advance(1);
      }
      tok.kind = TokenKind::kParam;
      tok.text = AsciiLower(sql.substr(start, i - start));
    } else {
      static constexpr std::array<std::string_view, 9> kTwo = {"<=", ">=", "<>", "!=", "||",
                                                               "::", "==", "<<", ">>"};
      std::string_view two = sql.substr(i, 2);
      if (two.size() == 2 && std::find(kTwo.begin(), kTwo.end(), two) != kTwo.end() &&
          two != "<<" && two != ">>") {
        tok.text = std::string(two == "==" ? "=" : two == "!=" ? "<>" : two);
        advance(2);
      } else if (std::string_view("=<>+-*/%(),.;").find(c) != std::string_view::npos) {
        tok.text = std::string(1, c);
        advance(1);
      } else {
        return ErrorAt(sql, tok.pos,
                       "无法识别的字符 / unexpected character '" + std::string(1, c) + "'");
      }
      tok.kind = TokenKind::kOp;
    }
    out.push_back(std::move(tok));
  }
  Token end;
  end.kind = TokenKind::kEnd;
  end.pos = here();
  out.push_back(end);
  return out;
}

}  // namespace tutela::engine
