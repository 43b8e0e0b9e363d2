// RFC 4180 CSV reader: fields are views into the input (only fields with
// doubled quotes are copied), delimiters are found 16 bytes at a time.
#include "ingest/csv_reader.h"

#include <algorithm>
#include <cstring>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tutela::ingest {
namespace {

constexpr std::string_view kUnterminated = "未闭合的引号 / unterminated quoted field";
constexpr std::string_view kTextAfterQuote = "闭合引号后有多余文字 / text after closing quote";

// First ',' or '\n' in [p, end), or end.
inline const char* FindDelimiter(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i newline = _mm_set1_epi8('\n');
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const int mask =
        _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, newline)));
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p < end && *p != ',' && *p != '\n') ++p;
  return p;
}

inline bool IsBlankChar(char c) { return c == ' ' || c == '\t'; }

// [begin, stop) without a trailing CR when `stop` ends the line (LF or end of input).
inline std::string_view FieldBefore(const char* begin, const char* stop, const char* end) {
  const char* e = stop;
  if ((stop == end || *stop == '\n') && e > begin && e[-1] == '\r') --e;
  return std::string_view(begin, static_cast<size_t>(e - begin));
}

inline int32_t ClampLine(int64_t line) {
  return static_cast<int32_t>(std::min<int64_t>(line, std::numeric_limits<int32_t>::max()));
}

}  // namespace

CsvReader::CsvReader(std::string_view text, size_t start, int64_t line)
    : text_(text), pos_(start), line_(line) {}

std::string* CsvReader::NextUnescapeBuffer() {
  std::deque<std::string>& set = unescaped_[unescaped_set_];
  if (unescaped_used_ == set.size()) set.emplace_back();
  std::string* buf = &set[unescaped_used_++];
  buf->clear();
  return buf;
}

bool CsvReader::AtSyncPoint(size_t offset) {
  while (!sync_.empty() && sync_.front() < offset) sync_.pop_front();
  return !sync_.empty() && sync_.front() == offset;
}

bool CsvReader::Malformed(CsvRecord* record, std::string_view error, size_t record_start,
                          int64_t start_line, bool sync_hit) {
  record->error.assign(error);
  // Sync points: this record's field starts past its first line (all after
  // the resume point), then the old points from the hit on. Without a hit,
  // new points replace the old ones (which lead to another error).
  if (!sync_hit && !starts_.empty()) {
    sync_.clear();
    sync_error_.assign(error);
  }
  for (auto it = starts_.rbegin(); it != starts_.rend(); ++it) sync_.push_front(*it);
  const void* nl = std::memchr(text_.data() + record_start, '\n', text_.size() - record_start);
  line_ = start_line;
  if (nl == nullptr) {
    pos_ = text_.size();
  } else {
    ++line_;
    pos_ = static_cast<size_t>(static_cast<const char*>(nl) - text_.data()) + 1;
  }
  return true;
}

bool CsvReader::Next(CsvRecord* record) {
  record->fields.clear();
  record->error.clear();
  unescaped_used_ = 0;
  unescaped_set_ ^= 1;
  const char* const base = text_.data();
  const char* const end = base + text_.size();
  const char* p = base + pos_;

  // Skip blank lines (only spaces/tabs, then LF, CR LF, or end of input).
  for (;;) {
    const char* q = p;
    while (q < end && IsBlankChar(*q)) ++q;
    if (q < end && *q == '\r' && (q + 1 == end || q[1] == '\n')) ++q;
    if (q == end) {
      pos_ = text_.size();
      return false;
    }
    if (*q != '\n') break;
    p = q + 1;
    ++line_;
  }

  const size_t record_start = static_cast<size_t>(p - base);
  const int64_t start_line = line_;
  record->line = ClampLine(start_line);
  starts_.clear();
  bool multiline = false;  // crossed a line inside quotes
  // Ends a well-formed record at `stop` (a LF or end of input).
  const auto finish = [&](const char* stop) {
    if (stop == end) {
      pos_ = text_.size();
    } else {
      ++line_;
      pos_ = static_cast<size_t>(stop + 1 - base);
    }
    return true;
  };

  for (;;) {  // one field per iteration; p is at the field's first byte
    if (!sync_.empty() && AtSyncPoint(static_cast<size_t>(p - base))) {
      return Malformed(record, sync_error_, record_start, start_line, /*sync_hit=*/true);
    }
    if (multiline) starts_.push_back(static_cast<size_t>(p - base));

    if (p == end || *p != '"') {
      const char* d = FindDelimiter(p, end);
      record->fields.push_back(FieldBefore(p, d, end));
      if (d != end && *d == ',') {
        p = d + 1;
        continue;
      }
      return finish(d);
    }

    // Quoted field: find the closing quote, unescaping doubled quotes.
    const char* const field_start = p;
    const char* segment = p + 1;  // start of the text not yet copied
    const char* q = segment;
    std::string* buf = nullptr;
    const char* closing = nullptr;
    while (closing == nullptr) {
      const void* found = std::memchr(q, '"', static_cast<size_t>(end - q));
      if (found == nullptr) break;
      const char* quote = static_cast<const char*>(found);
      if (quote + 1 < end && quote[1] == '"') {
        if (buf == nullptr) buf = NextUnescapeBuffer();
        buf->append(segment, quote + 1);
        q = segment = quote + 2;
      } else {
        closing = quote;
      }
    }
    if (closing == nullptr) {
      record->fields.push_back(std::string_view(p + 1, static_cast<size_t>(end - p - 1)));
      return Malformed(record, kUnterminated, record_start, start_line, false);
    }
    const int64_t newlines = std::count(field_start + 1, closing, '\n');
    if (newlines > 0) {
      line_ += newlines;
      multiline = true;
    }
    std::string_view field;
    if (buf != nullptr) {
      buf->append(segment, closing);
      field = *buf;
    } else {
      field = std::string_view(field_start + 1, static_cast<size_t>(closing - field_start - 1));
    }

    const char* a = closing + 1;
    while (a < end && IsBlankChar(*a)) ++a;
    if (a < end && *a == '\r' && (a + 1 == end || a[1] == '\n')) ++a;
    if (a == end || *a == '\n' || *a == ',') {
      record->fields.push_back(field);
      if (a != end && *a == ',') {
        p = a + 1;
        continue;
      }
      return finish(a);
    }
    // Text after the closing quote: keep the raw text up to the delimiter.
    record->fields.push_back(FieldBefore(field_start, FindDelimiter(a, end), end));
    return Malformed(record, kTextAfterQuote, record_start, start_line, false);
  }
}

}  // namespace tutela::ingest
