// Join building blocks: key groups, rows grouped and sorted per group,
// orderable keys, and the hash / nested-loop candidate source.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "common/parallel.h"
#include "engine/exec_join_internal.h"
#include "engine/key_encoder.h"

namespace tutela::engine::join {

Result<std::vector<Vec>> EvalAll(const std::vector<ExprPtr>& exprs, const Chunk& in,
                                 const EvalContext& ctx) {
  std::vector<Vec> out;
  for (const ExprPtr& e : exprs) {
    ASSIGN_OR_RETURN(Vec v, EvalParallel(*e, in, ctx));
    out.push_back(std::move(v));
  }
  return out;
}

namespace {

template <typename T>
bool SameBytes(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

}  // namespace

bool SameData(const Vec& a, const Vec& b) {
  if (a.type != b.type || !SameBytes(a.valid, b.valid)) return false;
  if (a.type == SqlType::kText) {
    if (a.HasCodes() && b.HasCodes() && a.dict == b.dict) return SameBytes(a.codes, b.codes);
    return SameBytes(a.s, b.s);
  }
  return SameBytes(a.i, b.i) && SameBytes(a.d, b.d) && SameBytes(a.months, b.months);
}

Result<KeyGroups> EncodeKeyGroups(const std::vector<ExprPtr>& left_keys,
                                  const std::vector<ExprPtr>& right_keys, const Chunk& left,
                                  const Chunk& right, const EvalContext& ctx) {
  KeyGroups g;
  if (left_keys.empty()) return g;
  g.keyless = false;
  RETURN_IF_ERROR(ReserveMemory(ctx, (left.rows + right.rows) * 24, "hash join"));
  ASSIGN_OR_RETURN(std::vector<Vec> rv, EvalAll(right_keys, right, ctx));
  ASSIGN_OR_RETURN(std::vector<Vec> lv, EvalAll(left_keys, left, ctx));
  std::vector<const Vec*> rp, lp;
  for (const Vec& v : rv) rp.push_back(&v);
  for (const Vec& v : lv) lp.push_back(&v);
  bool same = left.rows == right.rows;
  for (size_t k = 0; same && k < lv.size(); ++k) same = SameData(lv[k], rv[k]);
  TupleInterner interner;
  g.right = interner.Encode(rp, right.rows, true, false);
  g.count = interner.size();
  // A self-join on the same keys: every left row finds its own tuple.
  g.left = same ? g.right : interner.Encode(lp, left.rows, false, false);
  g.same_sides = same;
  for (Vec& v : rv) g.keep.push_back(std::move(v));
  for (Vec& v : lv) g.keep.push_back(std::move(v));
  return g;
}

namespace {

// Counting sort of rows r in [0, n) with group(r) >= 0 by group, stable (row
// order within a group): out[off[g] .. off[g + 1]) = make(r) for group g's
// rows. Parallel over contiguous row chunks; the result does not depend on
// the chunking.
template <typename Rec, typename Group, typename Make>
Status CountingSort(size_t n, size_t groups, Group group, Make make, const EvalContext& ctx,
                    std::vector<uint32_t>* off, std::vector<Rec>* out) {
  auto chunks = SplitRange(n, static_cast<size_t>(std::max(1, ctx.threads)), size_t{1} << 16);
  size_t nc = chunks.size();
  RETURN_IF_ERROR(ReserveMemory(ctx, groups * 4 * (nc + 1) + n * sizeof(Rec), "join build"));
  std::vector<std::vector<uint32_t>> hist(nc);
  RETURN_IF_ERROR(ParallelFor(nc, ctx.threads, [&](size_t c) {
    hist[c].assign(groups, 0);
    for (size_t r = chunks[c].first; r < chunks[c].second; ++r) {
      int64_t g = group(r);
      if (g >= 0) ++hist[c][static_cast<size_t>(g)];
    }
    return Status::Ok();
  }));
  off->assign(groups + 1, 0);
  uint32_t run = 0;
  for (size_t g = 0; g < groups; ++g) {
    (*off)[g] = run;
    for (size_t c = 0; c < nc; ++c) {
      uint32_t h = hist[c][g];
      hist[c][g] = run;  // becomes chunk c's cursor in group g
      run += h;
    }
  }
  (*off)[groups] = run;
  out->resize(run);
  return ParallelFor(nc, ctx.threads, [&](size_t c) {
    for (size_t r = chunks[c].first; r < chunks[c].second; ++r) {
      int64_t g = group(r);
      if (g >= 0) (*out)[hist[c][static_cast<size_t>(g)]++] = make(r);
    }
    return Status::Ok();
  });
}

}  // namespace

Status GroupRows(size_t n, size_t groups, const std::vector<int64_t>* group_of,
                 const std::vector<uint8_t>* keep, const EvalContext& ctx, GroupedRows* out) {
  auto group = [&](size_t r) -> int64_t {
    if (keep && !(*keep)[r]) return -1;
    return group_of ? (*group_of)[r] : 0;
  };
  return CountingSort(
      n, groups, group, [](size_t r) { return static_cast<RowIdx>(r); }, ctx, &out->off,
      &out->rows);
}

Status SortRowsByGroup(size_t n, size_t groups, const std::vector<int64_t>* group_of,
                       const std::vector<uint8_t>* keep, const int64_t* key, const int64_t* aux,
                       const EvalContext& ctx, SortedGroups* out, std::vector<RowIdx>* row_order) {
  auto group = [&](size_t r) -> int64_t {
    if (keep && !(*keep)[r]) return -1;
    return group_of ? (*group_of)[r] : 0;
  };
  auto make = [&](size_t r) { return KeyedRow{key[r], aux ? aux[r] : 0, static_cast<RowIdx>(r)}; };
  RETURN_IF_ERROR(CountingSort(n, groups, group, make, ctx, &out->off, &out->rows));
  std::vector<KeyedRow>& rows = out->rows;
  if (row_order) {
    RETURN_IF_ERROR(ReserveMemory(ctx, rows.size() * sizeof(RowIdx), "join build"));
    row_order->resize(rows.size());
    for (size_t k = 0; k < rows.size(); ++k) (*row_order)[k] = rows[k].row;
  }
  auto ranges = SplitRange(groups, 64, 256);
  return ParallelFor(ranges.size(), ctx.threads, [&](size_t t) {
    auto less = [](const KeyedRow& a, const KeyedRow& b) {
      return a.key < b.key || (a.key == b.key && a.row < b.row);
    };
    for (size_t g = ranges[t].first; g < ranges[t].second; ++g) {
      auto b = rows.begin() + out->off[g], e = rows.begin() + out->off[g + 1];
      if (!std::is_sorted(b, e, less)) std::sort(b, e, less);
    }
    return Status::Ok();
  });
}

int64_t DoubleOrderKey(double x) {
  if (std::isnan(x)) return INT64_MAX;  // NaN sorts after everything, equal to itself
  x += 0.0;                             // -0 becomes +0
  int64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits >= 0 ? bits : bits ^ INT64_MAX;
}

Result<OrderKey> EvalOrderKey(const Expr& e, const Chunk& in, const EvalContext& ctx) {
  OrderKey k;
  ASSIGN_OR_RETURN(k.vec, EvalParallel(e, in, ctx));
  if (k.vec.valid.size() != in.rows) return Status::Internal("join: bad range vector");
  // Doubles map to int64 keys; an all-NULL vector may come without values.
  k.own_keys = k.vec.type == SqlType::kDouble || k.vec.i.size() != in.rows;
  if (k.own_keys) {
    k.own.assign(in.rows, 0);
    for (size_t r = 0; r < in.rows; ++r) {
      if (!k.vec.valid[r]) continue;
      if (k.vec.type == SqlType::kDouble && r < k.vec.d.size()) {
        k.own[r] = DoubleOrderKey(k.vec.d[r]);
      } else if (r < k.vec.i.size()) {
        k.own[r] = k.vec.i[r];
      } else {
        k.vec.valid[r] = 0;
      }
    }
  }
  return k;
}

std::vector<std::pair<size_t, size_t>> ProbeRanges(size_t rows) {
  return SplitRange(rows, 64, size_t{1} << 14);
}

EvalContext TaskContext(const EvalContext& ctx) {
  EvalContext t = ctx;
  t.threads = 1;
  t.profile = nullptr;
  return t;
}

namespace {

class HashSource : public CandidateSource {
 public:
  HashSource(const KeyGroups& groups, GroupedRows rows) : groups_(groups), rows_(std::move(rows)) {}
  RowSpan Get(size_t l, std::vector<RowIdx>*) const override {
    int64_t g = groups_.OfLeft(l);
    if (g < 0) return {};
    const RowIdx* base = rows_.rows.data();
    return {base + rows_.off[static_cast<size_t>(g)], base + rows_.off[static_cast<size_t>(g) + 1]};
  }

 private:
  const KeyGroups& groups_;
  GroupedRows rows_;
};

}  // namespace

Result<std::unique_ptr<CandidateSource>> MakeHashSource(const KeyGroups& groups, size_t right_rows,
                                                        const EvalContext& ctx) {
  GroupedRows rows;
  RETURN_IF_ERROR(GroupRows(right_rows, groups.count, groups.keyless ? nullptr : &groups.right,
                            nullptr, ctx, &rows));
  return std::unique_ptr<CandidateSource>(new HashSource(groups, std::move(rows)));
}

}  // namespace tutela::engine::join
