// JSON Lines reader: each line goes through a nlohmann::json SAX parser that
// keeps the object's keys in order (repeated keys included) and turns scalar
// values into text without building a DOM.
#include "ingest/jsonl_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <limits>
#include <nlohmann/json.hpp>
#include <utility>

#include "common/text.h"
#include "ingest/encoding.h"

namespace tutela::ingest {
namespace {

using nlohmann::json;

constexpr const char* kNotObject = "不是 JSON 对象 / not a JSON object";

// nlohmann's "last read" text may end inside a multi-byte character (or hold
// invalid bytes); error messages must stay valid UTF-8 for the reject log.
std::string ValidUtf8(std::string_view s) {
  std::string out;
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t start = pos;
    if (DecodeUtf8(s, &pos) < 0) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned char>(s[start]));
    } else {
      out.append(s.substr(start, pos - start));
    }
  }
  return out;
}

// SAX consumer for one line; scalar values of the top-level object become
// fields, nested objects/arrays mark the field unsupported.
class LineHandler {
 public:
  explicit LineHandler(std::vector<JsonField>* fields) : fields_(fields) {}

  bool null() { return Value(std::nullopt); }
  bool boolean(bool v) { return Value(std::string(v ? "true" : "false")); }
  bool number_integer(json::number_integer_t v) { return Value(fmt::format("{}", v)); }
  bool number_unsigned(json::number_unsigned_t v) { return Value(fmt::format("{}", v)); }
  bool number_float(json::number_float_t v, const json::string_t& raw) {
    // An integer literal lands here only when it overflows 64 bits; keep its
    // digits. (Non-finite values such as 1e999 never get here: the parser
    // reports them as errors.)
    if (raw.find_first_of(".eE") == std::string::npos) return Value(raw);
    return Value(fmt::format("{}", v));
  }
  bool string(json::string_t& v) { return Value(std::move(v)); }
  bool binary(json::binary_t& /*v*/) { return Nested() && EndNested(); }

  bool start_object(std::size_t /*elements*/) {
    if (depth_ == 0) {
      depth_ = 1;
      return true;
    }
    return Nested();
  }
  bool key(json::string_t& k) {
    if (depth_ == 1) fields_->push_back(JsonField{std::move(k), std::nullopt, false});
    return true;
  }
  bool end_object() { return EndNested(); }
  bool start_array(std::size_t /*elements*/) { return Nested(); }
  bool end_array() { return EndNested(); }

  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& ex) {
    // ex.what(): "[json.exception.parse_error.101] parse error at line 1,
    // column 5: syntax error ..." or "[json.exception.out_of_range.406]
    // number overflow ..."; keep the part after the id and the position.
    std::string detail = ex.what();
    if (detail.starts_with("[json.exception.")) {
      const size_t bracket = detail.find("] ");
      if (bracket != std::string::npos) detail.erase(0, bracket + 2);
    }
    if (detail.starts_with("parse error at line ")) {
      const size_t colon = detail.find(": ");
      if (colon != std::string::npos) detail.erase(0, colon + 2);
    }
    error_ = fmt::format("无法解析的 JSON（第 {} 列）/ invalid JSON at column {}: {}", position,
                         position, ValidUtf8(detail));
    return false;
  }

  const std::string& error() const { return error_; }

 private:
  bool Value(std::optional<std::string> text) {
    if (depth_ == 0) return NotObject();
    if (depth_ == 1 && !fields_->empty()) fields_->back().text = std::move(text);
    return true;
  }
  bool Nested() {
    if (depth_ == 0) return NotObject();
    if (depth_ == 1 && !fields_->empty()) fields_->back().unsupported = true;
    ++depth_;
    return true;
  }
  bool EndNested() {
    --depth_;
    return true;
  }
  bool NotObject() {
    error_ = kNotObject;
    return false;
  }

  std::vector<JsonField>* fields_;
  int depth_ = 0;
  std::string error_;
};

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Fast path for the common line: one flat object whose strings have no
// escapes or control characters, whose numbers are plain integers of at most
// 18 digits, and whose other values are true/false/null. Fills `fields`
// (reusing their storage) exactly as the SAX parser would and returns true;
// returns false, with `fields` in any state, for anything else (nested
// values, escapes, floats, errors), which then goes through nlohmann::json.
class FastLine {
 public:
  FastLine(std::string_view line, std::vector<JsonField>* fields)
      : p_(line.data()), end_(line.data() + line.size()), fields_(fields) {}

  bool Parse() {
    SkipSpace();
    if (!Eat('{')) return false;
    SkipSpace();
    size_t n = 0;
    if (!Eat('}')) {
      for (;;) {
        std::string_view key;
        if (!String(&key)) return false;
        SkipSpace();
        if (!Eat(':')) return false;
        SkipSpace();
        if (n == fields_->size()) fields_->emplace_back();
        JsonField& f = (*fields_)[n++];
        f.key.assign(key);
        f.unsupported = false;
        if (!Value(&f)) return false;
        SkipSpace();
        if (Eat('}')) break;
        if (!Eat(',')) return false;
        SkipSpace();
      }
    }
    SkipSpace();
    if (p_ != end_) return false;
    fields_->resize(n);
    return true;
  }

 private:
  void SkipSpace() {
    while (p_ < end_ && IsJsonSpace(*p_)) ++p_;
  }
  bool Eat(char c) {
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }
  bool Literal(std::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word)
      return false;
    p_ += word.size();
    return true;
  }
  // A string without escapes or control characters, well-formed UTF-8.
  bool String(std::string_view* out) {
    if (!Eat('"')) return false;
    const char* begin = p_;
    bool ascii = true;
    for (;; ++p_) {
      if (p_ == end_) return false;
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') break;
      if (c == '\\' || c < 0x20) return false;
      if (c >= 0x80) ascii = false;
    }
    *out = std::string_view(begin, static_cast<size_t>(p_ - begin));
    ++p_;
    return ascii || IsWellFormedUtf8(*out);
  }
  bool Value(JsonField* f) {
    if (p_ == end_) return false;
    std::string_view text;
    switch (*p_) {
      case '"':
        if (!String(&text)) return false;
        break;
      case 't':
        if (!Literal("true")) return false;
        text = "true";
        break;
      case 'f':
        if (!Literal("false")) return false;
        text = "false";
        break;
      case 'n':
        if (!Literal("null")) return false;
        f->text.reset();
        return true;
      default: {
        // -?(0|[1-9][0-9]*), at most 18 digits, not -0, no fraction/exponent.
        const char* begin = p_;
        const bool negative = Eat('-');
        const char* digits = p_;
        while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
        const size_t n = static_cast<size_t>(p_ - digits);
        if (n == 0 || n > 18 || (*digits == '0' && (n > 1 || negative))) return false;
        if (p_ < end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
        text = std::string_view(begin, static_cast<size_t>(p_ - begin));
        break;
      }
    }
    if (f->text.has_value()) {
      f->text->assign(text);
    } else {
      f->text.emplace(text);
    }
    return true;
  }

  const char* p_;
  const char* end_;
  std::vector<JsonField>* fields_;
};

bool IsBlank(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

}  // namespace

JsonlReader::JsonlReader(std::string_view text, size_t start, int64_t lines_before)
    : text_(text), pos_(start), line_(lines_before) {}

bool JsonlReader::Next(JsonlRecord* record) {
  record->error.clear();
  while (pos_ < text_.size()) {
    const char* begin = text_.data() + pos_;
    const size_t left = text_.size() - pos_;
    const void* nl = std::memchr(begin, '\n', left);
    const size_t len =
        nl == nullptr ? left : static_cast<size_t>(static_cast<const char*>(nl) - begin);
    pos_ += nl == nullptr ? len : len + 1;
    ++line_;
    std::string_view line(begin, len);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (IsBlank(line)) continue;

    record->line =
        static_cast<int32_t>(std::min<int64_t>(line_, std::numeric_limits<int32_t>::max()));
    if (FastLine(line, &record->fields).Parse()) return true;
    record->fields.clear();
    LineHandler handler(&record->fields);
    bool ok = false;
    try {
      ok = json::sax_parse(line.begin(), line.end(), &handler);
    } catch (const std::exception& e) {
      record->error = fmt::format("无法解析的 JSON / invalid JSON: {}", ValidUtf8(e.what()));
    }
    if (!ok && record->error.empty()) {
      record->error = handler.error().empty() ? kNotObject : handler.error();
    }
    if (!record->error.empty()) record->fields.clear();
    return true;
  }
  record->fields.clear();
  return false;
}

}  // namespace tutela::ingest
