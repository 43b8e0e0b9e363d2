// Interval-overlap join candidates (Rs < Le AND Ls < Re, or <=): per key
// group both sides sorted by start and swept in start order, each side
// keeping the other side's open intervals, pruned by their end; a pair is
// emitted only when both bounds hold (an empty or reversed interval opens
// without overlapping), so the probe need not check them again. The pairs
// go to buckets by left-row range, each bucket is sorted into per-left-row
// candidate lists in row order.
#include <algorithm>
#include <cstring>
#include <set>

#include "common/parallel.h"
#include "engine/exec_join_internal.h"

namespace tutela::engine::join {

namespace {

// An open interval in the sweep: its start and end keys and row.
struct Open {
  int64_t start, end;
  RowIdx row;
};

// Both sides per group as KeyedRow {key = start, aux = end, row}, sorted by start.
struct Sweep {
  SortedGroups own_left, own_right;
  const SortedGroups* left = &own_left;
  const SortedGroups* right = &own_right;
  bool rs_strict = true;  // Rs < Le (else <=)
  bool ls_strict = true;  // Ls < Re (else <=)

  // Calls emit(l, r) for the candidate pairs of group g.
  template <typename Emit>
  void Run(size_t g, std::vector<Open>* open_l, std::vector<Open>* open_r, Emit emit) const {
    const KeyedRow* li = left->rows.data() + left->off[g];
    const KeyedRow* le = left->rows.data() + left->off[g + 1];
    const KeyedRow* ri = right->rows.data() + right->off[g];
    const KeyedRow* re = right->rows.data() + right->off[g + 1];
    open_l->clear();
    open_r->clear();
    // Right rows still open at T = Ls pair with the left row opening at T.
    // x opens at T = Ls: right rows still open (Re > Ls) pair when Rs < Le.
    auto open_left = [&](const KeyedRow& x) {
      size_t w = 0;
      for (const Open& o : *open_r) {
        if (ls_strict ? o.end > x.key : o.end >= x.key) {
          (*open_r)[w++] = o;
          if (rs_strict ? o.start < x.aux : o.start <= x.aux) emit(x.row, o.row);
        }
      }
      open_r->resize(w);
    };
    // x opens at T = Rs: left rows still open (Le > Rs) pair when Ls < Re.
    auto open_right = [&](const KeyedRow& x) {
      size_t w = 0;
      for (const Open& o : *open_l) {
        if (rs_strict ? o.end > x.key : o.end >= x.key) {
          (*open_l)[w++] = o;
          if (ls_strict ? o.start < x.aux : o.start <= x.aux) emit(o.row, x.row);
        }
      }
      open_l->resize(w);
    };
    while (li < le && ri < re) {
      if (li->key <= ri->key) {
        open_left(*li);
        open_l->push_back(Open{li->key, li->aux, li->row});
        ++li;
      } else {
        open_right(*ri);
        open_r->push_back(Open{ri->key, ri->aux, ri->row});
        ++ri;
      }
    }
    // One side is exhausted: the rest of the other meets only open intervals.
    for (; li < le && !open_r->empty(); ++li) open_left(*li);
    for (; ri < re && !open_l->empty(); ++ri) open_right(*ri);
  }
};

// Candidate lists per left row: cand[off[l] .. off[l + 1]), ascending.
struct IntervalSource : CandidateSource {
  RowSpan Get(size_t l, std::vector<RowIdx>*) const override {
    const RowIdx* base = cand.data();
    return {base + off[l], base + off[l + 1]};
  }
  bool ExactBounds() const override { return true; }
  std::vector<uint32_t> off;
  std::vector<RowIdx> cand;
};

// Whether the residual has a conjunct `l.x <> r.x` that no row can satisfy
// with itself, the two sides being the same rows (x <> x is FALSE or NULL).
Result<bool> DiagonalFails(const JoinSpec& spec, const Chunk& left, const Chunk& right,
                           const EvalContext& ctx) {
  if (left.rows != right.rows) return false;
  auto only = [](const Expr& e, const Chunk& c) {
    std::set<ColId> used;
    CollectColumns(e, &used);
    if (used.empty()) return false;
    for (ColId id : used) {
      if (c.Find(id) < 0) return false;
    }
    return true;
  };
  for (const ExprPtr& c : spec.residual) {
    if (c->kind != ExprKind::kBinary || c->op != Op::kNe) continue;
    for (int k = 0; k < 2; ++k) {
      const Expr& l = *c->args[static_cast<size_t>(k)];
      const Expr& r = *c->args[static_cast<size_t>(1 - k)];
      if (!only(l, left) || !only(r, right)) continue;
      ASSIGN_OR_RETURN(Vec lv, EvalParallel(l, left, ctx));
      ASSIGN_OR_RETURN(Vec rv, EvalParallel(r, right, ctx));
      if (SameData(lv, rv)) return true;
    }
  }
  return false;
}

}  // namespace

Result<std::unique_ptr<CandidateSource>> MakeIntervalSource(const JoinSpec& spec,
                                                            const KeyGroups& groups,
                                                            const Chunk& left, const Chunk& right,
                                                            const EvalContext& ctx) {
  const JoinBound* start = nullptr;  // Rs < Le
  const JoinBound* stop = nullptr;   // Re > Ls
  for (const JoinBound& b : spec.bounds) (b.upper ? start : stop) = &b;
  if (!start || !stop) return Status::Internal("interval join needs a start and an end bound");
  ASSIGN_OR_RETURN(OrderKey rs, EvalOrderKey(*start->right, right, ctx));
  ASSIGN_OR_RETURN(OrderKey le, EvalOrderKey(*start->left, left, ctx));
  ASSIGN_OR_RETURN(OrderKey re, EvalOrderKey(*stop->right, right, ctx));
  ASSIGN_OR_RETURN(OrderKey ls, EvalOrderKey(*stop->left, left, ctx));
  std::vector<uint8_t> lkeep(left.rows), rkeep(right.rows);
  for (size_t l = 0; l < left.rows; ++l) lkeep[l] = ls.valid()[l] && le.valid()[l];
  for (size_t r = 0; r < right.rows; ++r) rkeep[r] = rs.valid()[r] && re.valid()[r];
  Sweep sw;
  sw.rs_strict = start->strict;
  sw.ls_strict = stop->strict;
  RETURN_IF_ERROR(SortRowsByGroup(left.rows, groups.count, groups.keyless ? nullptr : &groups.left,
                                  &lkeep, ls.data(), le.data(), ctx, &sw.own_left, nullptr));
  // A self-join of the same intervals (hotel_minor): both sides sort alike.
  auto same = [n = left.rows](const OrderKey& a, const OrderKey& b) {
    return n == 0 || (std::memcmp(a.data(), b.data(), n * sizeof(int64_t)) == 0 &&
                      std::memcmp(a.valid(), b.valid(), n) == 0);
  };
  bool self = groups.same_sides && same(ls, rs) && same(le, re);
  // hotel_minor's `a.person <> b.person`: a row never pairs with itself.
  bool skip_diagonal = false;
  if (self) {
    sw.right = sw.left;
    ASSIGN_OR_RETURN(skip_diagonal, DiagonalFails(spec, left, right, ctx));
  } else {
    RETURN_IF_ERROR(SortRowsByGroup(right.rows, groups.count,
                                    groups.keyless ? nullptr : &groups.right, &rkeep, rs.data(),
                                    re.data(), ctx, &sw.own_right, nullptr));
  }

  // Sweep tasks over group ranges append (l << 32 | r) to a bucket per
  // probe range of l (groups are disjoint in left rows).
  auto lranges = ProbeRanges(left.rows);
  size_t nb = lranges.size();
  auto bucket_of = [&](RowIdx l) {
    size_t b = static_cast<size_t>(static_cast<uint64_t>(l) * nb / left.rows);
    while (b + 1 < nb && lranges[b + 1].first <= l) ++b;
    while (b > 0 && lranges[b].first > l) --b;
    return b;
  };
  auto granges = SplitRange(groups.count, 64, 64);
  std::vector<std::vector<std::vector<uint64_t>>> buckets(granges.size());
  RETURN_IF_ERROR(ParallelFor(granges.size(), ctx.threads, [&](size_t t) {
    std::vector<std::vector<uint64_t>>& mine = buckets[t];
    mine.resize(nb);
    std::vector<Open> ol, orr;
    size_t emitted = 0, checked = 0;
    for (size_t g = granges[t].first; g < granges[t].second; ++g) {
      sw.Run(g, &ol, &orr, [&](RowIdx l, RowIdx r) {
        if (skip_diagonal && l == r) return;
        mine[bucket_of(l)].push_back(static_cast<uint64_t>(l) << 32 | r);
        ++emitted;
      });
      if (emitted - checked > (size_t{1} << 22)) {
        checked = emitted;
        RETURN_IF_ERROR(ReserveMemory(ctx, (size_t{1} << 22) * 16, "interval join"));
      }
    }
    return Status::Ok();
  }));

  // Per probe range: its pairs sorted by (l, r) become the lists of its rows.
  std::vector<uint64_t> base(nb + 1, 0);
  for (size_t b = 0; b < nb; ++b) {
    base[b + 1] = base[b];
    for (const auto& mine : buckets) base[b + 1] += mine[b].size();
  }
  if (base[nb] > UINT32_MAX) {
    return Status::ResourceExhausted(
        "区间连接候选对过多 / interval join: too many candidate pairs");
  }
  RETURN_IF_ERROR(ReserveMemory(ctx, base[nb] * 4 + left.rows * 4, "interval join"));
  auto src = std::make_unique<IntervalSource>();
  src->off.assign(left.rows + 1, static_cast<uint32_t>(base[nb]));
  src->cand.resize(base[nb]);
  RETURN_IF_ERROR(ParallelFor(nb, ctx.threads, [&](size_t b) {
    std::vector<uint64_t> pairs;
    pairs.reserve(base[b + 1] - base[b]);
    for (auto& mine : buckets) {
      pairs.insert(pairs.end(), mine[b].begin(), mine[b].end());
      std::vector<uint64_t>().swap(mine[b]);
    }
    std::sort(pairs.begin(), pairs.end());
    size_t k = 0;
    for (size_t l = lranges[b].first; l < lranges[b].second; ++l) {
      src->off[l] = static_cast<uint32_t>(base[b] + k);
      for (; k < pairs.size() && (pairs[k] >> 32) == l; ++k) {
        src->cand[base[b] + k] = static_cast<RowIdx>(pairs[k]);
      }
    }
    return Status::Ok();
  }));
  return std::unique_ptr<CandidateSource>(std::move(src));
}

}  // namespace tutela::engine::join
