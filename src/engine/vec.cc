// Vec and Chunk implementation.
#include "engine/vec.h"

#include <algorithm>
#include <cassert>

#include "common/parallel.h"

namespace tutela::engine {

namespace {

bool UsesInt(SqlType t) {
  return t == SqlType::kBool || t == SqlType::kInt || t == SqlType::kDate ||
         t == SqlType::kTimestamp || t == SqlType::kPersonId || t == SqlType::kInterval;
}

}  // namespace

Vec Vec::Nulls(SqlType t, size_t n) {
  Vec v;
  v.type = t;
  v.valid.assign(n, 0);
  if (UsesInt(t) || t == SqlType::kNull) v.i.assign(n, 0);
  if (t == SqlType::kInterval) v.months.assign(n, 0);
  if (t == SqlType::kDouble) v.d.assign(n, 0);
  if (t == SqlType::kText) v.s.assign(n, std::string_view());
  return v;
}

Vec Vec::Constant(const Value& x, size_t n) {
  Vec v = Nulls(x.type, n);
  if (x.is_null()) return v;
  v.valid.assign(n, 1);
  switch (x.type) {
    case SqlType::kDouble:
      v.d.assign(n, x.d);
      break;
    case SqlType::kText: {
      std::string_view sv = v.Own(x.s);
      v.s.assign(n, sv);
      break;
    }
    case SqlType::kInterval:
      v.i.assign(n, x.iv.seconds);
      v.months.assign(n, x.iv.months);
      break;
    default:
      v.i.assign(n, x.i);
      break;
  }
  return v;
}

Vec Vec::Gather(const std::vector<RowIdx>& idx, int threads) const {
  Vec out;
  out.type = type;
  out.owners = owners;
  out.arena_ = arena_;
  if (arena_) out.owners.push_back(arena_);
  size_t n = idx.size();
  bool with_codes = HasCodes();
  out.valid.resize(n);
  if (!i.empty()) out.i.resize(n);
  if (!d.empty()) out.d.resize(n);
  if (!s.empty()) out.s.resize(n);
  if (!months.empty()) out.months.resize(n);
  if (with_codes) {
    out.dict = dict;
    out.codes.resize(n);
  }
  auto part = [&](size_t from, size_t to) {
    for (size_t k = from; k < to; ++k) out.valid[k] = idx[k] == kNoRow ? 0 : valid[idx[k]];
    auto gather = [&](const auto& src, auto& dst, auto zero) {
      if (src.empty()) return;
      for (size_t k = from; k < to; ++k) dst[k] = idx[k] == kNoRow ? zero : src[idx[k]];
    };
    gather(i, out.i, int64_t{0});
    gather(d, out.d, 0.0);
    gather(s, out.s, std::string_view());
    gather(months, out.months, int64_t{0});
    if (with_codes) gather(codes, out.codes, int32_t{0});
    return Status::Ok();
  };
  auto ranges = SplitRange(n, static_cast<size_t>(std::max(1, threads)), size_t{1} << 17);
  Status st = ParallelFor(ranges.size(), threads,
                          [&](size_t t) { return part(ranges[t].first, ranges[t].second); });
  (void)st;  // part never fails
  return out;
}

Vec Vec::Slice(size_t begin, size_t end) const {
  Vec out;
  out.type = type;
  out.owners = owners;
  out.arena_ = arena_;
  if (arena_) out.owners.push_back(arena_);
  auto copy = [&](const auto& src, auto& dst) {
    if (!src.empty()) dst.assign(src.begin() + begin, src.begin() + end);
  };
  copy(valid, out.valid);
  copy(i, out.i);
  copy(d, out.d);
  copy(s, out.s);
  copy(months, out.months);
  if (HasCodes()) {
    out.dict = dict;
    copy(codes, out.codes);
  }
  return out;
}

void Vec::Append(const Vec& o) {
  assert(o.type == type || o.type == SqlType::kNull);
  if (o.type == SqlType::kNull && type != SqlType::kNull) {
    Append(Nulls(type, o.size()));
    return;
  }
  bool was_empty = valid.empty();
  bool with_codes = o.HasCodes() && (was_empty || (HasCodes() && o.dict == dict));
  valid.insert(valid.end(), o.valid.begin(), o.valid.end());
  i.insert(i.end(), o.i.begin(), o.i.end());
  d.insert(d.end(), o.d.begin(), o.d.end());
  s.insert(s.end(), o.s.begin(), o.s.end());
  months.insert(months.end(), o.months.begin(), o.months.end());
  if (with_codes) {
    dict = o.dict;
    codes.insert(codes.end(), o.codes.begin(), o.codes.end());
  } else {
    DropCodes();
  }
  owners.insert(owners.end(), o.owners.begin(), o.owners.end());
  if (o.arena_) owners.push_back(o.arena_);
}

Value Vec::Get(size_t r) const {
  if (IsNull(r)) return Value::Null();
  Value v;
  v.type = type;
  switch (type) {
    case SqlType::kDouble:
      v.d = d[r];
      break;
    case SqlType::kText:
      v.s = std::string(s[r]);
      break;
    case SqlType::kInterval:
      v.iv = Interval{months[r], i[r]};
      break;
    case SqlType::kNull:
      break;
    default:
      v.i = i[r];
      break;
  }
  return v;
}

void Vec::Share(const Vec& o) {
  owners.insert(owners.end(), o.owners.begin(), o.owners.end());
  if (o.arena_ && o.arena_ != arena_) owners.push_back(o.arena_);
}

std::string_view Vec::Own(std::string text) {
  if (!arena_) arena_ = std::make_shared<std::deque<std::string>>();
  arena_->push_back(std::move(text));
  return arena_->back();
}

int Chunk::Find(ColId id) const {
  for (size_t k = 0; k < ids.size(); ++k) {
    if (ids[k] == id) return static_cast<int>(k);
  }
  return -1;
}

Chunk Chunk::Gather(const std::vector<RowIdx>& idx, int threads) const {
  Chunk out;
  out.ids = ids;
  out.rows = idx.size();
  out.cols.reserve(cols.size());
  for (const Vec& v : cols) out.cols.push_back(v.Gather(idx, threads));
  return out;
}

Chunk Chunk::Slice(size_t begin, size_t end, const std::vector<ColId>& only) const {
  Chunk out;
  out.rows = end - begin;
  for (size_t k = 0; k < ids.size(); ++k) {
    if (!only.empty() && std::find(only.begin(), only.end(), ids[k]) == only.end()) continue;
    out.ids.push_back(ids[k]);
    out.cols.push_back(cols[k].Slice(begin, end));
  }
  return out;
}

std::vector<RowIdx> SelectTrue(const Vec& pred) {
  std::vector<RowIdx> sel;
  for (size_t r = 0; r < pred.size(); ++r) {
    if (pred.valid[r] && pred.i[r]) sel.push_back(static_cast<RowIdx>(r));
  }
  return sel;
}

}  // namespace tutela::engine
