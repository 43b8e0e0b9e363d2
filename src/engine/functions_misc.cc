// Numeric, conditional and calendar functions: abs, round, floor, ceil,
// coalesce, nullif, greatest, least, add_months, add_years, age_at, extract.
#include <cmath>

#include "common/text.h"
#include "engine/functions.h"

namespace tutela::engine {

namespace {

using T = SqlType;

void CopyRow(const Vec& src, size_t rs, Vec* dst, size_t rd) {
  dst->valid[rd] = src.valid[rs];
  if (!src.valid[rs]) return;
  if (!src.i.empty()) dst->i[rd] = src.i[rs];
  if (!src.d.empty()) dst->d[rd] = src.d[rs];
  if (!src.s.empty()) dst->s[rd] = src.s[rs];
  if (!src.months.empty()) dst->months[rd] = src.months[rs];
}

Result<Vec> FnCoalesce(const FnArgs& a, size_t n, const EvalContext&) {
  Vec out = Vec::Nulls(a[0].type, n);
  for (const Vec& v : a) out.Share(v);
  for (size_t r = 0; r < n; ++r) {
    for (const Vec& v : a) {
      if (v.valid[r]) {
        CopyRow(v, r, &out, r);
        break;
      }
    }
  }
  return out;
}

Result<Vec> FnNullif(const FnArgs& a, size_t n, const EvalContext& ctx) {
  Vec out = a[0];
  for (size_t r = 0; r < n; ++r) {
    if (a[0].valid[r] && a[1].valid[r] && CompareValues(a[0], r, a[1], r, ctx) == 0) {
      out.valid[r] = 0;
    }
  }
  return out;
}

// greatest/least ignore NULLs (PostgreSQL); NULL only when all are NULL.
template <bool kGreatest>
Result<Vec> FnExtreme(const FnArgs& a, size_t n, const EvalContext& ctx) {
  Vec out = Vec::Nulls(a[0].type, n);
  for (const Vec& v : a) out.Share(v);
  for (size_t r = 0; r < n; ++r) {
    int best = -1;
    for (size_t k = 0; k < a.size(); ++k) {
      if (!a[k].valid[r]) continue;
      if (best < 0) {
        best = static_cast<int>(k);
        continue;
      }
      int c = CompareValues(a[k], r, a[static_cast<size_t>(best)], r, ctx);
      if (kGreatest ? c > 0 : c < 0) best = static_cast<int>(k);
    }
    if (best >= 0) CopyRow(a[static_cast<size_t>(best)], r, &out, r);
  }
  return out;
}

Result<Vec> FnAbs(const FnArgs& a, size_t n, const EvalContext&) {
  Vec out = a[0];
  for (size_t r = 0; r < n; ++r) {
    if (!out.valid[r]) continue;
    if (out.type == T::kDouble) {
      out.d[r] = std::fabs(out.d[r]);
    } else {
      if (out.i[r] == INT64_MIN) return Status::InvalidInput("整数溢出 / integer out of range");
      out.i[r] = out.i[r] < 0 ? -out.i[r] : out.i[r];
    }
  }
  return out;
}

// round(x [, digits]) rounds half away from zero.
Result<Vec> FnRound(const FnArgs& a, size_t n, const EvalContext&) {
  Vec out = a[0];
  if (out.type != T::kDouble) return out;
  for (size_t r = 0; r < n; ++r) {
    if (!out.valid[r]) continue;
    if (a.size() > 1 && !a[1].valid[r]) {
      out.valid[r] = 0;
      continue;
    }
    int64_t digits = a.size() > 1 ? a[1].i[r] : 0;
    if (digits < -300 || digits > 300) digits = digits < 0 ? -300 : 300;
    double scale = std::pow(10.0, static_cast<double>(digits));
    double x = out.d[r];
    double y = std::round(x * scale) / scale;
    out.d[r] = std::isfinite(y) ? y : x;
  }
  return out;
}

template <bool kFloor>
Result<Vec> FnFloorCeil(const FnArgs& a, size_t n, const EvalContext&) {
  Vec out = a[0];
  if (out.type != T::kDouble) return out;
  for (size_t r = 0; r < n; ++r) {
    if (out.valid[r]) out.d[r] = kFloor ? std::floor(out.d[r]) : std::ceil(out.d[r]);
  }
  return out;
}

template <int kMonthsPerUnit>
Result<Vec> FnAddMonths(const FnArgs& a, size_t n, const EvalContext&) {
  Vec out = Vec::Nulls(a[0].type, n);
  for (size_t r = 0; r < n; ++r) {
    if (!a[0].valid[r] || !a[1].valid[r]) continue;
    int64_t k = a[1].i[r];
    if (k > 120000 || k < -120000) return Status::InvalidInput("日期超出范围 / date out of range");
    out.valid[r] = 1;
    if (a[0].type == T::kDate) {
      out.i[r] = AddMonths(static_cast<Days>(a[0].i[r]), k * kMonthsPerUnit);
    } else {
      out.i[r] = AddInterval(a[0].i[r], k * kMonthsPerUnit, 0);
    }
  }
  return out;
}

Days AsDate(const Vec& v, size_t r) {
  return v.type == T::kTimestamp ? DateOf(v.i[r]) : static_cast<Days>(v.i[r]);
}

Result<Vec> FnAgeAt(const FnArgs& a, size_t n, const EvalContext&) {
  Vec out = Vec::Nulls(T::kInt, n);
  for (size_t r = 0; r < n; ++r) {
    if (!a[0].valid[r] || !a[1].valid[r]) continue;
    out.valid[r] = 1;
    out.i[r] = AgeAt(AsDate(a[0], r), AsDate(a[1], r));
  }
  return out;
}

enum class Field { kEpoch, kYear, kMonth, kDay, kDays, kHour, kMinute, kSecond, kDow, kDoy, kBad };

Field ParseField(std::string_view text) {
  std::string f = AsciiLower(text);
  static const std::pair<const char*, Field> kFields[] = {
      {"epoch", Field::kEpoch},   {"year", Field::kYear},     {"month", Field::kMonth},
      {"day", Field::kDay},       {"days", Field::kDays},     {"hour", Field::kHour},
      {"minute", Field::kMinute}, {"second", Field::kSecond}, {"dow", Field::kDow},
      {"doy", Field::kDoy}};
  for (const auto& [name, field] : kFields) {
    if (f == name) return field;
  }
  return Field::kBad;
}

Result<Vec> FnExtract(const FnArgs& a, size_t n, const EvalContext&) {
  Vec out = Vec::Nulls(T::kInt, n);
  const Vec& v = a[1];
  std::string_view last_text;
  Field field = Field::kBad;
  bool parsed = false;
  for (size_t r = 0; r < n; ++r) {
    if (!a[0].valid[r] || !a[1].valid[r]) continue;
    if (!parsed || a[0].s[r] != last_text) {  // the field is nearly always a constant
      last_text = a[0].s[r];
      field = ParseField(last_text);
      parsed = true;
    }
    auto bad = [&] {
      return Status::InvalidInput("extract: 未知字段 / unknown field " + AsciiLower(a[0].s[r]));
    };
    int64_t res = 0;
    if (v.type == T::kInterval) {
      switch (field) {
        case Field::kEpoch:
          res = v.months[r] * 30 * kSecondsPerDay + v.i[r];
          break;
        case Field::kDay:
        case Field::kDays:
          res = v.i[r] / kSecondsPerDay;
          break;
        case Field::kHour:
          res = v.i[r] % kSecondsPerDay / 3600;
          break;
        case Field::kMonth:
          res = v.months[r] % 12;
          break;
        case Field::kYear:
          res = v.months[r] / 12;
          break;
        default:
          return bad();
      }
    } else {
      Seconds ts = v.type == T::kDate ? StartOfDay(static_cast<Days>(v.i[r])) : v.i[r];
      if (field == Field::kEpoch) {
        res = ts;
      } else {
        Days d = DateOf(ts);
        CivilDate c = CivilFromDays(d);
        Seconds tod = ts - StartOfDay(d);
        switch (field) {
          case Field::kYear:
            res = c.year;
            break;
          case Field::kMonth:
            res = c.month;
            break;
          case Field::kDay:
            res = c.day;
            break;
          case Field::kHour:
            res = tod / 3600;
            break;
          case Field::kMinute:
            res = tod / 60 % 60;
            break;
          case Field::kSecond:
            res = tod % 60;
            break;
          case Field::kDow:
            res = ((d % 7) + 7 + 4) % 7;
            break;  // 0 = Sunday; 1970-01-01 was a Thursday
          case Field::kDoy:
            res = d - DaysFromCivil(c.year, 1, 1) + 1;
            break;
          default:
            return bad();
        }
      }
    }
    out.valid[r] = 1;
    out.i[r] = res;
  }
  return out;
}

bool IsDateLike(T t) { return t == T::kDate || t == T::kTimestamp; }

}  // namespace

Result<FunctionBinding> ResolveMiscFunction(const std::string& name,
                                            const std::vector<SqlType>& args, bool* found) {
  *found = true;
  FunctionBinding b;
  b.arg_types = args;
  if (name == "coalesce" || name == "greatest" || name == "least") {
    if (args.empty()) return ArgError(name, args);
    b.fn =
        name == "coalesce" ? FnCoalesce : (name == "greatest" ? FnExtreme<true> : FnExtreme<false>);
    b.ret = args[0];
    return b;
  }
  if (name == "nullif") {
    if (args.size() != 2) return ArgError(name, args);
    b.fn = FnNullif;
    b.ret = args[0];
    return b;
  }
  if (name == "abs" || name == "round" || name == "floor" || name == "ceil" || name == "ceiling") {
    if (args.empty() || args.size() > (name == "round" ? 2u : 1u) || !IsNumeric(args[0])) {
      return ArgError(name, args);
    }
    if (args.size() == 2) {
      if (!(args[1] == T::kInt || args[1] == T::kNull)) return ArgError(name, args);
      b.arg_types = {T::kDouble, T::kInt};
    }
    b.ret = args[0] == T::kNull ? T::kDouble : args[0];
    if (args.size() == 2) b.ret = T::kDouble;
    b.arg_types[0] = b.ret;
    b.fn = name == "abs"     ? FnAbs
           : name == "round" ? FnRound
           : name == "floor" ? FnFloorCeil<true>
                             : FnFloorCeil<false>;
    return b;
  }
  if (name == "add_months" || name == "add_years") {
    if (args.size() != 2 || !(IsDateLike(args[0]) || args[0] == T::kNull) ||
        !(args[1] == T::kInt || args[1] == T::kNull)) {
      return ArgError(name, args);
    }
    b.ret = args[0] == T::kNull ? T::kDate : args[0];
    b.arg_types = {b.ret, T::kInt};
    b.fn = name == "add_months" ? FnAddMonths<1> : FnAddMonths<12>;
    return b;
  }
  if (name == "age_at") {
    if (args.size() != 2) return ArgError(name, args);
    for (T t : args) {
      if (!IsDateLike(t) && t != T::kNull) return ArgError(name, args);
    }
    for (T& t : b.arg_types) {
      if (t == T::kNull) t = T::kDate;
    }
    b.ret = T::kInt;
    b.fn = FnAgeAt;
    return b;
  }
  if (name == "extract" || name == "date_part") {
    if (args.size() != 2 || args[0] != T::kText ||
        !(IsDateLike(args[1]) || args[1] == T::kInterval || args[1] == T::kNull)) {
      return ArgError(name, args);
    }
    if (args[1] == T::kNull) b.arg_types[1] = T::kDate;
    b.ret = T::kInt;
    b.fn = FnExtract;
    return b;
  }
  *found = false;
  return Status::NotFound(name);
}

}  // namespace tutela::engine
