// Value helpers: type names, literal rendering, timestamp and interval parsing.
#include "engine/value.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <string_view>

namespace tutela::engine {

const char* SqlTypeName(SqlType t) {
  switch (t) {
    case SqlType::kNull:
      return "null";
    case SqlType::kBool:
      return "bool";
    case SqlType::kInt:
      return "int";
    case SqlType::kDouble:
      return "double";
    case SqlType::kDate:
      return "date";
    case SqlType::kTimestamp:
      return "timestamp";
    case SqlType::kText:
      return "text";
    case SqlType::kPersonId:
      return "id";
    case SqlType::kInterval:
      return "interval";
  }
  return "?";
}

SqlType FromStorageType(Type t) {
  switch (t) {
    case Type::kBool:
      return SqlType::kBool;
    case Type::kInt64:
      return SqlType::kInt;
    case Type::kDouble:
      return SqlType::kDouble;
    case Type::kDate:
      return SqlType::kDate;
    case Type::kTimestamp:
      return SqlType::kTimestamp;
    case Type::kString:
      return SqlType::kText;
    case Type::kPersonId:
      return SqlType::kPersonId;
  }
  return SqlType::kText;
}

std::string FormatDouble(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  return fmt::format("{}", v);
}

std::string FormatInterval(const Interval& iv) {
  std::string out;
  int64_t years = iv.months / 12, months = iv.months % 12;
  auto add = [&](int64_t n, const char* unit) {
    if (n == 0) return;
    if (!out.empty()) out += ' ';
    out += fmt::format("{} {}{}", n, unit, (n == 1 || n == -1) ? "" : "s");
  };
  add(years, "year");
  add(months, "mon");
  int64_t days = iv.seconds / kSecondsPerDay;
  int64_t rest = iv.seconds % kSecondsPerDay;
  add(days, "day");
  if (rest != 0 || out.empty()) {
    if (!out.empty()) out += ' ';
    if (rest < 0) {
      out += '-';
      rest = -rest;
    }
    out += fmt::format("{:02}:{:02}:{:02}", rest / 3600, rest / 60 % 60, rest % 60);
  }
  return out;
}

std::string Value::ToSql() const {
  switch (type) {
    case SqlType::kNull:
      return "NULL";
    case SqlType::kBool:
      return i ? "TRUE" : "FALSE";
    case SqlType::kInt:
      return fmt::format("{}", i);
    case SqlType::kDouble:
      return FormatDouble(d);
    case SqlType::kDate:
      return "DATE '" + FormatDate(static_cast<Days>(i)) + "'";
    case SqlType::kTimestamp:
      return "TIMESTAMP '" + FormatTimestamp(i) + "'";
    case SqlType::kPersonId:
      return fmt::format("person#{}", i);
    case SqlType::kInterval:
      return "INTERVAL '" + FormatInterval(iv) + "'";
    case SqlType::kText: {
      std::string out = "'";
      for (char c : s) {
        if (c == '\'') out += '\'';
        out += c;
      }
      return out + "'";
    }
  }
  return "?";
}

namespace {

bool ParseFixedInt(std::string_view s, size_t pos, size_t len, int* out) {
  if (pos + len > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

bool ParseTimestampText(std::string_view text, Seconds* out) {
  if (text.size() < 10) return false;
  auto date = ParseIsoDate(text.substr(0, 10));
  if (!date) return false;
  int h = 0, m = 0, s = 0;
  if (text.size() > 10) {
    if (text[10] != ' ' && text[10] != 'T') return false;
    if (!ParseFixedInt(text, 11, 2, &h) || text.size() < 16 || text[13] != ':' ||
        !ParseFixedInt(text, 14, 2, &m)) {
      return false;
    }
    if (text.size() > 16) {
      if (text.size() != 19 || text[16] != ':' || !ParseFixedInt(text, 17, 2, &s)) return false;
    }
    if (h > 23 || m > 59 || s > 59) return false;
  }
  *out = StartOfDay(*date) + h * 3600 + m * 60 + s;
  return true;
}

bool ParseIntervalText(std::string_view text, Interval* out) {
  Interval iv;
  size_t pos = 0;
  bool any = false;
  auto skip_space = [&] {
    while (pos < text.size() && text[pos] == ' ') ++pos;
  };
  skip_space();
  while (pos < text.size()) {
    bool neg = false;
    if (text[pos] == '-' || text[pos] == '+') neg = text[pos++] == '-';
    size_t start = pos;
    int64_t n = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      if (n > 100000000) return false;
      n = n * 10 + (text[pos++] - '0');
    }
    if (pos == start) return false;
    if (pos < text.size() && text[pos] == ':') {  // HH:MM[:SS]
      int64_t m = 0, s = 0;
      ++pos;
      size_t ms = pos;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
        m = m * 10 + (text[pos++] - '0');
      }
      if (pos == ms || pos - ms > 2) return false;
      if (pos < text.size() && text[pos] == ':') {
        ++pos;
        size_t ss = pos;
        while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
          s = s * 10 + (text[pos++] - '0');
        }
        if (pos == ss || pos - ss > 2) return false;
      }
      int64_t total = n * 3600 + m * 60 + s;
      iv.seconds += neg ? -total : total;
      any = true;
      skip_space();
      continue;
    }
    if (neg) n = -n;
    skip_space();
    size_t us = pos;
    while (pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos]))) ++pos;
    std::string unit;
    for (size_t i = us; i < pos; ++i) {
      unit += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
    }
    if (unit.size() > 1 && unit.back() == 's') unit.pop_back();
    if (unit == "year") {
      iv.months += n * 12;
    } else if (unit == "month" || unit == "mon") {
      iv.months += n;
    } else if (unit == "week") {
      iv.seconds += n * 7 * kSecondsPerDay;
    } else if (unit == "day") {
      iv.seconds += n * kSecondsPerDay;
    } else if (unit == "hour") {
      iv.seconds += n * 3600;
    } else if (unit == "minute" || unit == "min") {
      iv.seconds += n * 60;
    } else if (unit == "second" || unit == "sec") {
      iv.seconds += n;
    } else {
      return false;
    }
    any = true;
    skip_space();
  }
  if (!any) return false;
  *out = iv;
  return true;
}

}  // namespace tutela::engine
