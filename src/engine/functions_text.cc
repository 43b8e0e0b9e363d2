// Text functions: upper, lower, trim, nfkc, length, substr, starts_with,
// replace, strpos, split_part, LIKE / ILIKE.
#include <string>

#include "common/text.h"
#include "engine/functions.h"

namespace tutela::engine {

namespace {

using T = SqlType;

template <typename F>
Result<Vec> MapText(const Vec& a, size_t n, F f) {
  Vec out = Vec::Nulls(T::kText, n);
  for (size_t r = 0; r < n; ++r) {
    if (!a.valid[r]) continue;
    out.valid[r] = 1;
    out.s[r] = out.Own(f(a.s[r]));
  }
  return out;
}

Result<Vec> FnUpper(const FnArgs& a, size_t n, const EvalContext&) {
  return MapText(a[0], n, [](std::string_view s) { return AsciiUpper(s); });
}
Result<Vec> FnLower(const FnArgs& a, size_t n, const EvalContext&) {
  return MapText(a[0], n, [](std::string_view s) { return AsciiLower(s); });
}
Result<Vec> FnTrim(const FnArgs& a, size_t n, const EvalContext&) {
  Vec out = a[0];
  out.DropCodes();  // the text changes
  for (size_t r = 0; r < n; ++r) {
    if (out.valid[r]) out.s[r] = Trim(out.s[r]);
  }
  return out;
}
Result<Vec> FnNfkc(const FnArgs& a, size_t n, const EvalContext&) {
  return MapText(a[0], n, [](std::string_view s) { return Nfkc(s); });
}

// Code points of s.
std::vector<std::string_view> Chars(std::string_view s) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t start = pos;
    DecodeUtf8(s, &pos);
    out.push_back(s.substr(start, pos - start));
  }
  return out;
}

size_t CharCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

Result<Vec> FnLength(const FnArgs& a, size_t n, const EvalContext&) {
  Vec out = Vec::Nulls(T::kInt, n);
  for (size_t r = 0; r < n; ++r) {
    if (!a[0].valid[r]) continue;
    out.valid[r] = 1;
    out.i[r] = static_cast<int64_t>(CharCount(a[0].s[r]));
  }
  return out;
}

// substr(s, start [, count]) with 1-based character positions (PostgreSQL).
Result<Vec> FnSubstr(const FnArgs& a, size_t n, const EvalContext&) {
  Vec out = Vec::Nulls(T::kText, n);
  out.Share(a[0]);
  for (size_t r = 0; r < n; ++r) {
    bool ok = a[0].valid[r] && a[1].valid[r] && (a.size() < 3 || a[2].valid[r]);
    if (!ok) continue;
    if (a.size() == 3 && a[2].i[r] < 0) {
      return Status::InvalidInput("substr: 长度为负 / negative substring length");
    }
    std::string_view s = a[0].s[r];
    int64_t start = a[1].i[r];
    int64_t end = a.size() == 3 ? start + a[2].i[r] : INT64_MAX;
    if (a.size() == 3 && a[2].i[r] > INT64_MAX / 2) end = INT64_MAX;
    int64_t idx = 1;
    size_t pos = 0, from = s.size(), to = s.size();
    bool from_set = false;
    while (true) {
      if (!from_set && idx >= start) {
        from = pos;
        from_set = true;
      }
      if (idx >= end) {
        to = pos;
        break;
      }
      if (pos >= s.size()) break;
      DecodeUtf8(s, &pos);
      ++idx;
    }
    if (!from_set || from > to) from = to;
    out.valid[r] = 1;
    out.s[r] = s.substr(from, to - from);
  }
  return out;
}

Result<Vec> FnStartsWith(const FnArgs& a, size_t n, const EvalContext&) {
  Vec out = Vec::Nulls(T::kBool, n);
  for (size_t r = 0; r < n; ++r) {
    if (!a[0].valid[r] || !a[1].valid[r]) continue;
    out.valid[r] = 1;
    out.i[r] = a[0].s[r].substr(0, a[1].s[r].size()) == a[1].s[r];
  }
  return out;
}

Result<Vec> FnReplace(const FnArgs& a, size_t n, const EvalContext&) {
  Vec out = Vec::Nulls(T::kText, n);
  for (size_t r = 0; r < n; ++r) {
    if (!a[0].valid[r] || !a[1].valid[r] || !a[2].valid[r]) continue;
    std::string_view s = a[0].s[r], from = a[1].s[r], to = a[2].s[r];
    std::string res;
    if (from.empty()) {
      res = std::string(s);
    } else {
      size_t pos = 0;
      while (true) {
        size_t hit = s.find(from, pos);
        if (hit == std::string_view::npos) break;
        res.append(s.substr(pos, hit - pos));
        res.append(to);
        pos = hit + from.size();
      }
      res.append(s.substr(pos));
    }
    out.valid[r] = 1;
    out.s[r] = out.Own(std::move(res));
  }
  return out;
}

Result<Vec> FnStrpos(const FnArgs& a, size_t n, const EvalContext&) {
  Vec out = Vec::Nulls(T::kInt, n);
  for (size_t r = 0; r < n; ++r) {
    if (!a[0].valid[r] || !a[1].valid[r]) continue;
    size_t hit = a[0].s[r].find(a[1].s[r]);
    out.valid[r] = 1;
    out.i[r] = hit == std::string_view::npos
                   ? 0
                   : static_cast<int64_t>(CharCount(a[0].s[r].substr(0, hit))) + 1;
  }
  return out;
}

// split_part(s, delimiter, k): k-th field (1-based), '' when absent.
Result<Vec> FnSplitPart(const FnArgs& a, size_t n, const EvalContext&) {
  Vec out = Vec::Nulls(T::kText, n);
  out.Share(a[0]);
  for (size_t r = 0; r < n; ++r) {
    if (!a[0].valid[r] || !a[1].valid[r] || !a[2].valid[r]) continue;
    if (a[2].i[r] <= 0)
      return Status::InvalidInput("split_part: 字段序号须为正 / field must be > 0");
    std::string_view s = a[0].s[r], d = a[1].s[r];
    out.valid[r] = 1;
    if (d.empty()) {
      out.s[r] = a[2].i[r] == 1 ? s : std::string_view();
      continue;
    }
    int64_t k = a[2].i[r];
    size_t pos = 0;
    for (int64_t f = 1;; ++f) {
      size_t hit = s.find(d, pos);
      size_t end = hit == std::string_view::npos ? s.size() : hit;
      if (f == k) {
        out.s[r] = s.substr(pos, end - pos);
        break;
      }
      if (hit == std::string_view::npos) {
        out.s[r] = std::string_view();
        break;
      }
      pos = hit + d.size();
    }
  }
  return out;
}

// LIKE matching over code points: % any sequence, _ one character, `esc`
// makes the next character literal.
bool LikeMatch(const std::vector<std::string_view>& s, const std::vector<std::string_view>& p,
               std::string_view esc) {
  // Pattern tokens: kind 0 literal, 1 '_', 2 '%'.
  std::vector<std::pair<int, std::string_view>> tok;
  for (size_t i = 0; i < p.size(); ++i) {
    if (!esc.empty() && p[i] == esc && i + 1 < p.size()) {
      tok.emplace_back(0, p[++i]);
    } else if (p[i] == "%") {
      tok.emplace_back(2, p[i]);
    } else if (p[i] == "_") {
      tok.emplace_back(1, p[i]);
    } else {
      tok.emplace_back(0, p[i]);
    }
  }
  size_t si = 0, ti = 0, star_t = SIZE_MAX, star_s = 0;
  while (si < s.size()) {
    if (ti < tok.size() && tok[ti].first != 2 && (tok[ti].first == 1 || tok[ti].second == s[si])) {
      ++si;
      ++ti;
    } else if (ti < tok.size() && tok[ti].first == 2) {
      star_t = ti++;
      star_s = si;
    } else if (star_t != SIZE_MAX) {
      ti = star_t + 1;
      si = ++star_s;
    } else {
      return false;
    }
  }
  while (ti < tok.size() && tok[ti].first == 2) ++ti;
  return ti == tok.size();
}

Result<Vec> LikeImpl(const FnArgs& a, size_t n, bool fold) {
  Vec out = Vec::Nulls(T::kBool, n);
  std::string_view last_pattern;
  bool have_last = false;
  std::vector<std::string_view> pchars;
  std::string pattern_store, text_store;
  for (size_t r = 0; r < n; ++r) {
    if (!a[0].valid[r] || !a[1].valid[r] || (a.size() > 2 && !a[2].valid[r])) continue;
    std::string_view esc = a.size() > 2 ? a[2].s[r] : std::string_view("\\");
    if (CharCount(esc) > 1) {
      return Status::InvalidInput("LIKE: ESCAPE 须为单个字符 / ESCAPE must be one character");
    }
    if (!have_last || a[1].s[r] != last_pattern) {
      last_pattern = a[1].s[r];
      have_last = true;
      pattern_store = fold ? AsciiLower(last_pattern) : std::string(last_pattern);
      pchars = Chars(pattern_store);
    }
    text_store = fold ? AsciiLower(a[0].s[r]) : std::string(a[0].s[r]);
    out.valid[r] = 1;
    out.i[r] = LikeMatch(Chars(text_store), pchars, esc);
  }
  return out;
}

Result<Vec> FnLike(const FnArgs& a, size_t n, const EvalContext&) {
  return LikeImpl(a, n, false);
}
Result<Vec> FnILike(const FnArgs& a, size_t n, const EvalContext&) {
  return LikeImpl(a, n, true);
}

}  // namespace

Result<FunctionBinding> ResolveTextFunction(const std::string& name,
                                            const std::vector<SqlType>& args, bool* found) {
  struct Entry {
    const char* name;
    ScalarImpl fn;
    SqlType ret;
    std::vector<SqlType> params;
    size_t min_args;
  };
  static const std::vector<Entry> kEntries = {
      {"upper", FnUpper, T::kText, {T::kText}, 1},
      {"lower", FnLower, T::kText, {T::kText}, 1},
      {"trim", FnTrim, T::kText, {T::kText}, 1},
      {"btrim", FnTrim, T::kText, {T::kText}, 1},
      {"nfkc", FnNfkc, T::kText, {T::kText}, 1},
      {"length", FnLength, T::kInt, {T::kText}, 1},
      {"char_length", FnLength, T::kInt, {T::kText}, 1},
      {"substr", FnSubstr, T::kText, {T::kText, T::kInt, T::kInt}, 2},
      {"substring", FnSubstr, T::kText, {T::kText, T::kInt, T::kInt}, 2},
      {"starts_with", FnStartsWith, T::kBool, {T::kText, T::kText}, 2},
      {"replace", FnReplace, T::kText, {T::kText, T::kText, T::kText}, 3},
      {"strpos", FnStrpos, T::kInt, {T::kText, T::kText}, 2},
      {"split_part", FnSplitPart, T::kText, {T::kText, T::kText, T::kInt}, 3},
      {"like", FnLike, T::kBool, {T::kText, T::kText, T::kText}, 2},
      {"ilike", FnILike, T::kBool, {T::kText, T::kText, T::kText}, 2},
  };
  for (const Entry& e : kEntries) {
    if (name != e.name) continue;
    *found = true;
    if (args.size() < e.min_args || args.size() > e.params.size()) return ArgError(name, args);
    FunctionBinding b;
    b.fn = e.fn;
    b.ret = e.ret;
    for (size_t i = 0; i < args.size(); ++i) {
      SqlType want = e.params[i];
      bool ok =
          want == T::kText ? IsTextLike(args[i]) : (args[i] == T::kInt || args[i] == T::kNull);
      if (!ok) return ArgError(name, args);
      b.arg_types.push_back(want);
    }
    return b;
  }
  *found = false;
  return Status::NotFound(name);
}

}  // namespace tutela::engine
