// SQL value types of the engine and literal values (constants, parameters).
// Value types; immutable after construction and safe to share across threads.
#pragma once

#include <cstdint>
#include <string>

#include "common/column.h"
#include "common/date.h"

namespace tutela::engine {

// Types an expression can have. kNull is the type of a bare NULL literal.
enum class SqlType : uint8_t {
  kNull,
  kBool,
  kInt,
  kDouble,
  kDate,
  kTimestamp,
  kText,
  kPersonId,  // int32 code into the catalog's PersonDict; behaves as text
  kInterval,
};

const char* SqlTypeName(SqlType t);
SqlType FromStorageType(Type t);

// A calendar interval: months plus seconds (days are 86400 seconds; there
// are no time zones).
struct Interval {
  int64_t months = 0;
  int64_t seconds = 0;
};
std::string FormatInterval(const Interval& iv);

// A literal value. Integer-like types (bool, int, date, timestamp, person
// code) use `i`; doubles `d`; text `s`; intervals `iv`.
struct Value {
  SqlType type = SqlType::kNull;
  int64_t i = 0;
  double d = 0;
  std::string s;
  Interval iv;

  static Value Null() { return Value(); }
  static Value Bool(bool b) { return Make(SqlType::kBool, b ? 1 : 0); }
  static Value Int(int64_t v) { return Make(SqlType::kInt, v); }
  static Value Double(double v) {
    Value x;
    x.type = SqlType::kDouble;
    x.d = v;
    return x;
  }
  static Value Text(std::string v) {
    Value x;
    x.type = SqlType::kText;
    x.s = std::move(v);
    return x;
  }
  static Value Date(Days v) { return Make(SqlType::kDate, v); }
  static Value Timestamp(Seconds v) { return Make(SqlType::kTimestamp, v); }
  static Value Span(Interval v) {
    Value x;
    x.type = SqlType::kInterval;
    x.iv = v;
    return x;
  }
  bool is_null() const { return type == SqlType::kNull; }
  // SQL-ish rendering for EXPLAIN: 'text', DATE '2024-01-01', 3, 2.5, NULL.
  std::string ToSql() const;

 private:
  static Value Make(SqlType t, int64_t v) {
    Value x;
    x.type = t;
    x.i = v;
    return x;
  }
};

// Shortest round-trip text of a double (fmt "{}"), "NaN"/"Infinity" spelled out.
std::string FormatDouble(double v);

// Parses "YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DDTHH:MM[:SS]" or a bare date.
bool ParseTimestampText(std::string_view text, Seconds* out);
// Parses "N unit [N unit ...]" (units year, month, week, day, hour, minute,
// second, singular or plural) or "HH:MM:SS".
bool ParseIntervalText(std::string_view text, Interval* out);

}  // namespace tutela::engine
