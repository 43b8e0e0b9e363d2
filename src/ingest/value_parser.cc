// Cell parsers for the accepted spellings of datasets.md.
#include "ingest/value_parser.h"

#include <charconv>
#include <cmath>

#include "common/text.h"

namespace tutela::ingest {

namespace {

// The trimmed cell, NFKC-normalised only when it is not ASCII (full-width
// digits, letters, punctuation); `buf` holds the normalised text then.
std::string_view Normalized(std::string_view cell, std::string* buf) {
  if (IsAscii(cell)) return Trim(cell);
  *buf = Nfkc(cell);
  return Trim(*buf);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads 1..max_len digits at s[*pos]; returns false when there are none.
bool ReadNumber(std::string_view s, size_t* pos, int max_len, int* value, int* len) {
  int v = 0;
  int n = 0;
  while (*pos < s.size() && IsDigit(s[*pos]) && n < max_len) {
    v = v * 10 + (s[*pos] - '0');
    ++*pos;
    ++n;
  }
  if (n == 0) return false;
  *value = v;
  if (len) *len = n;
  return true;
}

bool Consume(std::string_view s, size_t* pos, std::string_view token) {
  if (s.substr(*pos, token.size()) == token) {
    *pos += token.size();
    return true;
  }
  return false;
}

// Parses the date part at the start of s; sets *pos past it.
bool ParseDatePart(std::string_view s, size_t* pos, int* y, int* m, int* d) {
  size_t p = 0;
  int len = 0;
  if (!ReadNumber(s, &p, 8, y, &len)) return false;
  if (len == 8) {  // 20240105
    int v = *y;
    *y = v / 10000;
    *m = (v / 100) % 100;
    *d = v % 100;
  } else if (len == 4) {
    if (p >= s.size()) return false;
    char sep = s[p];
    if (sep == '-' || sep == '/' || sep == '.') {
      ++p;
      if (!ReadNumber(s, &p, 2, m, nullptr)) return false;
      if (p >= s.size() || s[p] != sep) return false;
      ++p;
      if (!ReadNumber(s, &p, 2, d, nullptr)) return false;
    } else if (Consume(s, &p, "年")) {
      if (!ReadNumber(s, &p, 2, m, nullptr)) return false;
      if (!Consume(s, &p, "月")) return false;
      if (!ReadNumber(s, &p, 2, d, nullptr)) return false;
      (void)Consume(s, &p, "日");
    } else {
      return false;
    }
  } else {
    return false;
  }
  if (!IsValidDate(*y, *m, *d)) return false;
  *pos = p;
  return true;
}

// Parses "HH:MM[:SS[.fraction]]" filling the rest of s.
bool ParseTimePart(std::string_view s, int* seconds_of_day) {
  size_t p = 0;
  int h = 0, mi = 0, se = 0;
  if (!ReadNumber(s, &p, 2, &h, nullptr)) return false;
  if (!Consume(s, &p, ":")) return false;
  int len = 0;
  if (!ReadNumber(s, &p, 2, &mi, &len) || len != 2) return false;
  if (Consume(s, &p, ":")) {
    if (!ReadNumber(s, &p, 2, &se, &len) || len != 2) return false;
    if (Consume(s, &p, ".")) {
      int frac = 0;
      if (!ReadNumber(s, &p, 9, &frac, nullptr)) return false;
    }
  }
  if (p != s.size()) return false;
  if (h > 23 || mi > 59 || se > 59) return false;
  *seconds_of_day = h * 3600 + mi * 60 + se;
  return true;
}

// Two ASCII digits at s[i], or -1.
inline int Digits2(std::string_view s, size_t i) {
  const unsigned a = static_cast<unsigned char>(s[i]) - '0';
  const unsigned b = static_cast<unsigned char>(s[i + 1]) - '0';
  return a <= 9 && b <= 9 ? static_cast<int>(a * 10 + b) : -1;
}

// The common spellings "YYYY-MM-DD" and "YYYY-MM-DD HH:MM:SS" (the general
// parser gives the same result for them). Returns 1 when parsed, 0 when the
// text is one of these shapes but not a valid date/time, -1 for any other shape.
int ParseIsoFast(std::string_view s, Days* date, int* seconds_of_day) {
  if ((s.size() != 10 && s.size() != 19) || s[4] != '-' || s[7] != '-') return -1;
  const int y1 = Digits2(s, 0), y2 = Digits2(s, 2), m = Digits2(s, 5), d = Digits2(s, 8);
  if (y1 < 0 || y2 < 0 || m < 0 || d < 0) return -1;
  int sod = 0;
  if (s.size() == 19) {
    if (s[10] != ' ' || s[13] != ':' || s[16] != ':') return -1;
    const int h = Digits2(s, 11), mi = Digits2(s, 14), se = Digits2(s, 17);
    if (h < 0 || mi < 0 || se < 0) return -1;
    if (h > 23 || mi > 59 || se > 59) return 0;
    sod = h * 3600 + mi * 60 + se;
  }
  const int y = y1 * 100 + y2;
  if (!IsValidDate(y, m, d)) return 0;
  *date = DaysFromCivil(y, m, d);
  *seconds_of_day = sod;
  return 1;
}

bool ParseDateTimeImpl(std::string_view cell, Days* date, int* seconds_of_day) {
  if (const int fast = ParseIsoFast(cell, date, seconds_of_day); fast >= 0) return fast == 1;
  std::string buf;
  std::string_view s = Normalized(cell, &buf);
  size_t pos = 0;
  int y, m, d;
  if (!ParseDatePart(s, &pos, &y, &m, &d)) return false;
  *date = DaysFromCivil(y, m, d);
  *seconds_of_day = 0;
  if (pos == s.size()) return true;
  if (s[pos] == 'T' || s[pos] == 't') {
    ++pos;
  } else if (s[pos] == ' ') {
    while (pos < s.size() && s[pos] == ' ') ++pos;
  } else {
    return false;
  }
  return ParseTimePart(s.substr(pos), seconds_of_day);
}

}  // namespace

bool IsEmptyMarker(std::string_view cell) {
  const auto is_marker = [](std::string_view c) {
    return c.empty() || c == "NULL" || c == "null" || c == "\\N" || c == "-";
  };
  if (is_marker(cell)) return true;
  // Full-width spellings (ＮＵＬＬ, ＼Ｎ, －) mean the same after NFKC. They
  // start with a U+FFxx code point (byte 0xEF): other text is not normalised.
  if (cell.size() > 16 || static_cast<unsigned char>(cell[0]) != 0xEF) return false;
  return is_marker(Trim(Nfkc(cell)));
}

bool ParseDate(std::string_view cell, Days* out) {
  int sod = 0;
  return ParseDateTimeImpl(cell, out, &sod);
}

bool ParseDateTime(std::string_view cell, Seconds* out) {
  Days d = 0;
  int sod = 0;
  if (!ParseDateTimeImpl(cell, &d, &sod)) return false;
  *out = StartOfDay(d) + sod;
  return true;
}

bool ParseBool(std::string_view cell, bool* out) {
  std::string buf;
  std::string s = AsciiLower(Normalized(cell, &buf));
  if (s == "1" || s == "true" || s == "y" || s == "是") {
    *out = true;
    return true;
  }
  if (s == "0" || s == "false" || s == "n" || s == "否") {
    *out = false;
    return true;
  }
  return false;
}

bool ParseInt(std::string_view cell, int64_t* out) {
  std::string buf;
  std::string_view s = Normalized(cell, &buf);
  const char* b = s.data();
  const char* e = s.data() + s.size();
  if (b != e && *b == '+') ++b;
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(b, e, v);
  if (ec != std::errc() || ptr == b) return false;
  if (ptr != e) {
    // Accept an integral decimal such as "12.0" or "12.".
    if (*ptr != '.') return false;
    for (const char* q = ptr + 1; q < e; ++q) {
      if (*q != '0') return false;
    }
  }
  *out = v;
  return true;
}

bool ParseDouble(std::string_view cell, double* out) {
  std::string buf;
  std::string_view s = Normalized(cell, &buf);
  const char* b = s.data();
  const char* e = s.data() + s.size();
  if (b != e && *b == '+') ++b;
  double v = 0;
  auto [ptr, ec] = std::from_chars(b, e, v);
  if (ec != std::errc() || ptr != e || b == e || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

bool ParseSex(std::string_view cell, std::string* out) {
  std::string buf;
  std::string s = AsciiUpper(Normalized(cell, &buf));
  if (s == "M" || s == "男") {
    *out = "M";
    return true;
  }
  if (s == "F" || s == "女") {
    *out = "F";
    return true;
  }
  return false;
}

bool ParseRegion(std::string_view cell, std::string* out) {
  std::string buf;
  std::string_view s = Normalized(cell, &buf);
  if (s.size() != 6) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  out->assign(s);
  return true;
}

bool ParseEnum(const ColumnDef& col, std::string_view cell, std::string* out) {
  std::string buf;
  std::string_view s = Normalized(cell, &buf);
  std::string lower = AsciiLower(s);
  for (const auto& [spelling, value] : col.enum_values) {
    if (spelling == s || spelling == lower) {
      *out = value;
      return true;
    }
  }
  return false;
}

std::string KindExpectation(const ColumnDef& col) {
  switch (col.kind) {
    case ValueKind::kDate:
      return "无法解析的日期 / unparsable date";
    case ValueKind::kDateTime:
      return "无法解析的日期时间 / unparsable date-time";
    case ValueKind::kBool:
      return "无法解析的布尔值 / unparsable boolean (1/0, true/false, 是/否, Y/N)";
    case ValueKind::kInt:
      return "无法解析的整数 / unparsable integer";
    case ValueKind::kDouble:
      return "无法解析的数值 / unparsable number";
    case ValueKind::kLatitude:
      return "无效的纬度 / invalid latitude (-90..90)";
    case ValueKind::kLongitude:
      return "无效的经度 / invalid longitude (-180..180)";
    case ValueKind::kRegion:
      return "无效的行政区划代码 / region code must be 6 digits";
    case ValueKind::kSex:
      return "无效的性别 / sex must be M/F or 男/女";
    case ValueKind::kEnum: {
      std::string r = "不在允许值中 / not an allowed value (";
      bool first = true;
      for (const auto& [spelling, value] : col.enum_values) {
        if (spelling != value) continue;
        if (!first) r += ", ";
        r += value;
        first = false;
      }
      return r + ")";
    }
    case ValueKind::kPersonId:
    case ValueKind::kText:
      return "无法解析的值 / unparsable value";
  }
  return "无法解析的值 / unparsable value";
}

}  // namespace tutela::ingest
