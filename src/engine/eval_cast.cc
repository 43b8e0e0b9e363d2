// CAST between SQL types and value comparison.
#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "common/text.h"
#include "engine/eval.h"

namespace tutela::engine {

namespace {

Status CastError(std::string_view text, SqlType to) {
  return Status::InvalidInput(
      fmt::format("无法转换 / cannot cast '{}' to {}", text, SqlTypeName(to)));
}

bool ParseInt(std::string_view s, int64_t* out) {
  s = Trim(s);
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

bool ParseDouble(std::string_view s, double* out) {
  s = Trim(s);
  std::string tmp(s);
  if (tmp.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(tmp.c_str(), &end);
  return end == tmp.c_str() + tmp.size();
}

bool ParseBool(std::string_view s, bool* out) {
  std::string v = AsciiLower(Trim(s));
  if (v == "true" || v == "t" || v == "1" || v == "yes" || v == "y") {
    *out = true;
  } else if (v == "false" || v == "f" || v == "0" || v == "no" || v == "n") {
    *out = false;
  } else {
    return false;
  }
  return true;
}

std::string ToText(const Vec& v, size_t r, const EvalContext& ctx) {
  switch (v.type) {
    case SqlType::kBool:
      return v.i[r] ? "true" : "false";
    case SqlType::kInt:
      return std::to_string(v.i[r]);
    case SqlType::kDouble:
      return FormatDouble(v.d[r]);
    case SqlType::kDate:
      return FormatDate(static_cast<Days>(v.i[r]));
    case SqlType::kTimestamp:
      return FormatTimestamp(v.i[r]);
    case SqlType::kText:
      return std::string(v.s[r]);
    case SqlType::kPersonId:
      return ctx.persons->Id(static_cast<int32_t>(v.i[r]));
    case SqlType::kInterval:
      return FormatInterval(Interval{v.months[r], v.i[r]});
    case SqlType::kNull:
      return "";
  }
  return "";
}

}  // namespace

Seconds AddInterval(Seconds ts, int64_t months, int64_t seconds) {
  if (months != 0) {
    Days d = DateOf(ts);
    Seconds tod = ts - StartOfDay(d);
    ts = StartOfDay(AddMonths(d, months)) + tod;
  }
  return ts + seconds;
}

Result<Vec> CastVec(const Vec& v, SqlType to, const EvalContext& ctx) {
  if (v.type == to) return v;
  size_t n = v.size();
  Vec out = Vec::Nulls(to, n);
  out.valid = v.valid;
  if (v.type == SqlType::kNull) return out;
  SqlType from = v.type;
  if (to == SqlType::kText) {
    if (from == SqlType::kPersonId) {
      out.owners = v.owners;
      for (size_t r = 0; r < n; ++r) {
        if (v.valid[r]) out.s[r] = ctx.persons->Id(static_cast<int32_t>(v.i[r]));
      }
      return out;
    }
    for (size_t r = 0; r < n; ++r) {
      if (v.valid[r]) out.s[r] = out.Own(ToText(v, r, ctx));
    }
    return out;
  }
  if (from == SqlType::kText) {
    for (size_t r = 0; r < n; ++r) {
      if (!v.valid[r]) continue;
      std::string_view s = v.s[r];
      bool ok = true;
      switch (to) {
        case SqlType::kInt:
          ok = ParseInt(s, &out.i[r]);
          break;
        case SqlType::kDouble:
          ok = ParseDouble(s, &out.d[r]);
          break;
        case SqlType::kBool: {
          bool b = false;
          ok = ParseBool(s, &b);
          out.i[r] = b;
          break;
        }
        case SqlType::kDate: {
          auto d = ParseIsoDate(Trim(s));
          if (!d) {
            Seconds ts;
            ok = ParseTimestampText(Trim(s), &ts);
            if (ok) out.i[r] = DateOf(ts);
          } else {
            out.i[r] = *d;
          }
          break;
        }
        case SqlType::kTimestamp:
          ok = ParseTimestampText(Trim(s), &out.i[r]);
          break;
        case SqlType::kInterval: {
          Interval iv;
          ok = ParseIntervalText(s, &iv);
          out.i[r] = iv.seconds;
          out.months[r] = iv.months;
          break;
        }
        default:
          ok = false;
      }
      if (!ok) return CastError(s, to);
    }
    return out;
  }
  auto fail = [&] {
    return Status::InvalidInput(
        fmt::format("无法转换 / cannot cast {} to {}", SqlTypeName(from), SqlTypeName(to)));
  };
  for (size_t r = 0; r < n; ++r) {
    if (!v.valid[r]) continue;
    switch (to) {
      case SqlType::kInt:
        if (from == SqlType::kDouble) {
          double x = std::nearbyint(v.d[r]);
          if (!(x >= -9.2e18 && x <= 9.2e18)) return CastError(FormatDouble(v.d[r]), to);
          out.i[r] = static_cast<int64_t>(x);
        } else if (from == SqlType::kBool) {
          out.i[r] = v.i[r];
        } else {
          return fail();
        }
        break;
      case SqlType::kDouble:
        if (from != SqlType::kInt) return fail();
        out.d[r] = static_cast<double>(v.i[r]);
        break;
      case SqlType::kBool:
        if (from != SqlType::kInt) return fail();
        out.i[r] = v.i[r] != 0;
        break;
      case SqlType::kDate:
        if (from != SqlType::kTimestamp) return fail();
        out.i[r] = DateOf(v.i[r]);
        break;
      case SqlType::kTimestamp:
        if (from != SqlType::kDate) return fail();
        out.i[r] = StartOfDay(static_cast<Days>(v.i[r]));
        break;
      default:
        return fail();
    }
  }
  return out;
}

int CompareValues(const Vec& a, size_t ra, const Vec& b, size_t rb, const EvalContext& ctx) {
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (a.type) {
    case SqlType::kDouble: {
      double x = a.d[ra], y = b.d[rb];
      // NaN sorts after everything and equals itself (PostgreSQL).
      if (std::isnan(x) || std::isnan(y)) return cmp(std::isnan(x), std::isnan(y));
      return cmp(x, y);
    }
    case SqlType::kText:
      return cmp(a.s[ra], b.s[rb]);
    case SqlType::kPersonId:
      if (a.i[ra] == b.i[rb]) return 0;
      return cmp(std::string_view(ctx.persons->Id(static_cast<int32_t>(a.i[ra]))),
                 std::string_view(ctx.persons->Id(static_cast<int32_t>(b.i[rb]))));
    case SqlType::kInterval: {
      __int128 x = static_cast<__int128>(a.months[ra]) * 30 * kSecondsPerDay + a.i[ra];
      __int128 y = static_cast<__int128>(b.months[rb]) * 30 * kSecondsPerDay + b.i[rb];
      return cmp(x, y);
    }
    case SqlType::kNull:
      return 0;
    default:
      return cmp(a.i[ra], b.i[rb]);
  }
}

}  // namespace tutela::engine
