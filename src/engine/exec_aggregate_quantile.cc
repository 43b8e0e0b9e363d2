// Hash aggregation, quantile family (median, quantile, mad): a counting sort
// puts each group's argument values next to each other, then every group's
// order statistics come from branch-free quickselects, groups in parallel.
#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>
#include <new>

#include "common/parallel.h"
#include "engine/exec_aggregate_internal.h"

namespace tutela::engine {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Scratch room of a selection (values); larger groups use std::nth_element.
constexpr size_t kScratch = size_t{1} << 22;

// A large scratch array of doubles, backed by transparent huge pages where
// the kernel offers them (fewer page faults and TLB misses for the scatter).
class DoubleBuffer {
 public:
  explicit DoubleBuffer(size_t n) {
    constexpr size_t kHuge = size_t{2} << 20;
    size_t bytes = std::max<size_t>(n, 1) * sizeof(double);
    if (bytes >= 2 * kHuge) {
      bytes = (bytes + kHuge - 1) / kHuge * kHuge;
      data_ = static_cast<double*>(std::aligned_alloc(kHuge, bytes));
      if (data_ != nullptr) madvise(data_, bytes, MADV_HUGEPAGE);  // a hint; failure is fine
    }
    if (data_ == nullptr) data_ = static_cast<double*>(std::malloc(bytes));
    if (data_ == nullptr) throw std::bad_alloc();
  }
  ~DoubleBuffer() { std::free(data_); }
  DoubleBuffer(const DoubleBuffer&) = delete;
  DoubleBuffer& operator=(const DoubleBuffer&) = delete;
  double* get() const { return data_; }

 private:
  double* data_ = nullptr;
};

// Group g's values are vals[offsets[g], offsets[g + 1]), in row order.
struct Partitioned {
  std::unique_ptr<DoubleBuffer> vals;
  std::vector<size_t> offsets;
  bool any_nan = false;
};

// Counting sort of the active rows' values by group: counts per row range
// (one per thread), positions, then a scatter; each range writes its own
// slots, so the layout does not depend on the split.
Result<Partitioned> Partition(const GroupedInput& in, const double* x, const EvalContext& ctx) {
  size_t n = in.rows, groups = in.groups;
  size_t parts = groups <= n / 16 ? static_cast<size_t>(std::max(1, ctx.threads)) : 1;
  auto ranges = SplitRange(n, parts, size_t{1} << 16);
  RETURN_IF_ERROR(
      ReserveMemory(ctx, (ranges.size() + 1) * groups * sizeof(size_t), "hash aggregate"));
  std::vector<std::vector<size_t>> cursor(ranges.size());
  std::vector<uint8_t> nan(ranges.size(), 0);
  RETURN_IF_ERROR(ParallelFor(ranges.size(), ctx.threads, [&](size_t p) {
    cursor[p].assign(groups, 0);
    size_t* c = cursor[p].data();
    ForActiveRows(in, ranges[p].first, ranges[p].second, [&](size_t, size_t g) { ++c[g]; });
    return Status::Ok();
  }));
  Partitioned out;
  out.offsets.resize(groups + 1);
  size_t total = 0;
  for (size_t g = 0; g < groups; ++g) {
    out.offsets[g] = total;
    for (auto& c : cursor) {
      size_t k = c[g];
      c[g] = total;
      total += k;
    }
  }
  out.offsets[groups] = total;
  RETURN_IF_ERROR(ReserveMemory(ctx, total * sizeof(double), "hash aggregate"));
  out.vals = std::make_unique<DoubleBuffer>(total);
  double* vals = out.vals->get();
  RETURN_IF_ERROR(ParallelFor(ranges.size(), ctx.threads, [&](size_t p) {
    size_t* c = cursor[p].data();
    bool any_nan = false;
    ForActiveRows(in, ranges[p].first, ranges[p].second, [&](size_t r, size_t g) {
      vals[c[g]++] = x[r];
      any_nan |= std::isnan(x[r]);
    });
    nan[p] = any_nan;
    return Status::Ok();
  }));
  for (uint8_t b : nan) out.any_nan |= b != 0;
  return out;
}

// Where quantile p falls among m sorted values (percentile_cont): lo, and
// the weight of the next value.
struct Position {
  size_t lo;
  double frac;
};

Position At(double p, size_t m) {
  double pos = p * static_cast<double>(m - 1);
  size_t lo = std::min(static_cast<size_t>(std::floor(pos)), m - 1);
  double frac = lo + 1 < m ? pos - static_cast<double>(lo) : 0.0;
  return {lo, frac};
}

double Median3(double a, double b, double c) {
  return std::max(std::min(a, b), std::min(std::max(a, b), c));
}

// Branch-free partition of v[lo, hi) by pred: the values for which it holds
// first, the others after them (through tmp); returns how many hold. Every
// value is stored to both sides and the side's cursor advances on the
// predicate, so unpredictable comparisons cost no mispredicted branches.
template <typename Pred>
size_t Split(double* v, size_t lo, size_t hi, double* tmp, Pred pred) {
  size_t yes = 0, no = 0;
  for (size_t j = lo; j < hi; ++j) {
    double x = v[j];
    bool p = pred(x);
    v[lo + yes] = x;  // lo + yes <= j: already read
    tmp[no] = x;
    yes += p;
    no += !p;
  }
  std::copy(tmp, tmp + no, v + lo + yes);
  return yes;
}

// Quickselect over values without NaN: afterwards v[k] is the k-th smallest
// of v[lo, hi) (absolute indexes) and v[lo, k) <= v[k] <= v[k + 1, hi).
// `tmp` has room for `cap` values; larger ranges and runs of bad pivots fall
// back to std::nth_element.
void QuickSelect(double* v, size_t lo, size_t hi, size_t k, double* tmp, size_t cap) {
  for (int budget = 64; hi - lo > 32; --budget) {
    size_t n = hi - lo;
    if (n > cap || budget == 0) {
      std::nth_element(v + lo, v + k, v + hi);
      return;
    }
    double pivot = Median3(Median3(v[lo], v[lo + n / 8], v[lo + n / 4]),
                           Median3(v[lo + 3 * n / 8], v[lo + n / 2], v[lo + 5 * n / 8]),
                           Median3(v[lo + 3 * n / 4], v[lo + 7 * n / 8], v[hi - 1]));
    size_t below = Split(v, lo, hi, tmp, [pivot](double x) { return x < pivot; });
    if (below == 0) {  // the pivot is the minimum: split off the values equal to it
      size_t equal = Split(v, lo, hi, tmp, [pivot](double x) { return x <= pivot; });
      if (k < lo + equal) return;
      lo += equal;
    } else if (k < lo + below) {
      hi = lo + below;
    } else {
      lo += below;
    }
  }
  for (size_t i = lo + 1; i < hi; ++i) {  // insertion sort of the small rest
    double x = v[i];
    size_t j = i;
    for (; j > lo && v[j - 1] > x; --j) v[j] = v[j - 1];
    v[j] = x;
  }
}

// Order statistics of one group's values, reordered in place.
class Selector {
 public:
  // v[0, m) are the values; NaNs are moved to the end (they sort last).
  // tmp: scratch room for cap values.
  Selector(double* v, size_t m, bool may_have_nan, double* tmp, size_t cap)
      : v_(v), m_(m), ok_(m), tmp_(tmp), cap_(cap) {
    if (may_have_nan) ok_ = NonNanFirst();
  }

  // Makes v[k] the k-th smallest value for each k of `ks` (any order).
  void Select(std::vector<size_t>* ks) {
    std::sort(ks->begin(), ks->end());
    size_t from = 0;  // v[0, from) <= v[from, ok_)
    for (size_t k : *ks) {
      if (k < from || k >= ok_) continue;
      if (k == from) {
        std::iter_swap(v_ + k, std::min_element(v_ + k, v_ + ok_));
      } else {
        QuickSelect(v_, from, ok_, k, tmp_, cap_);
      }
      from = k + 1;
    }
  }
  // After Select: the k-th smallest (NaN past the non-NaN values).
  double Value(size_t k) const { return k < ok_ ? v_[k] : kNaN; }

  // Continuous quantile from selected positions: PostgreSQL's
  // lo + frac * (hi - lo), and lo itself on an exact position.
  double Quantile(Position p) const {
    double lo = Value(p.lo);
    return p.frac == 0 ? lo : lo + p.frac * (Value(p.lo + 1) - lo);
  }

  // Replaces every value by its absolute deviation from `center`.
  void Deviations(double center) {
    bool nan = false;
    for (size_t k = 0; k < m_; ++k) {
      v_[k] = std::fabs(v_[k] - center);
      nan |= std::isnan(v_[k]);
    }
    ok_ = nan ? NonNanFirst() : m_;
  }

 private:
  size_t NonNanFirst() {
    return static_cast<size_t>(
        std::partition(v_, v_ + m_, [](double d) { return !std::isnan(d); }) - v_);
  }

  double* v_;
  size_t m_;
  size_t ok_;  // v_[0, ok_) are not NaN
  double* tmp_;
  size_t cap_;
};

void Need(Position p, std::vector<size_t>* ks) {
  ks->push_back(p.lo);
  if (p.frac != 0) ks->push_back(p.lo + 1);
}

}  // namespace

Result<std::vector<Vec>> QuantileAggregates(const std::vector<const Expr*>& aggs,
                                            const GroupedInput& in, const EvalContext& ctx) {
  std::vector<double> converted;
  const double* x = in.arg->d.data();
  if (in.arg->type != SqlType::kDouble) {  // the binder casts to double; just in case
    RETURN_IF_ERROR(ReserveMemory(ctx, in.rows * sizeof(double), "hash aggregate"));
    converted.assign(in.arg->i.begin(), in.arg->i.end());
    x = converted.data();
  }
  ASSIGN_OR_RETURN(Partitioned part, Partition(in, x, ctx));
  converted = {};

  bool has_mad = false, need_half = false;
  for (const Expr* a : aggs) {
    has_mad |= a->agg == AggKind::kMad;
    need_half |= a->agg != AggKind::kQuantile;
  }
  std::vector<Vec> out;
  for (size_t k = 0; k < aggs.size(); ++k) out.push_back(Vec::Nulls(SqlType::kDouble, in.groups));

  // Contiguous ranges of groups with about equal numbers of values, more
  // than threads so uneven groups balance; each group is computed on its
  // own, so the results do not depend on the ranges.
  const std::vector<size_t>& offsets = part.offsets;
  size_t total = offsets[in.groups], largest = 0;
  for (size_t g = 0; g < in.groups; ++g) largest = std::max(largest, offsets[g + 1] - offsets[g]);
  size_t threads = static_cast<size_t>(std::max(1, ctx.threads));
  size_t tasks = std::max<size_t>(1, std::min(in.groups, threads * 8));
  std::vector<size_t> bounds{0};
  for (size_t t = 1; t < tasks; ++t) {
    size_t target = total / tasks * t;
    size_t g = static_cast<size_t>(std::lower_bound(offsets.begin(), offsets.end() - 1, target) -
                                   offsets.begin());
    bounds.push_back(std::max(bounds.back(), g));
  }
  bounds.push_back(in.groups);
  size_t scratch = std::min(largest, kScratch);
  RETURN_IF_ERROR(ReserveMemory(ctx, threads * scratch * sizeof(double), "hash aggregate"));

  RETURN_IF_ERROR(ParallelFor(tasks, ctx.threads, [&](size_t t) {
    std::vector<double> tmp(scratch);
    std::vector<size_t> ks;
    for (size_t g = bounds[t]; g < bounds[t + 1]; ++g) {
      size_t begin = offsets[g], m = offsets[g + 1] - begin;
      if (m == 0) continue;
      Selector sel(part.vals->get() + begin, m, part.any_nan, tmp.data(), tmp.size());
      ks.clear();
      Position half = At(0.5, m);
      if (need_half) Need(half, &ks);
      for (const Expr* a : aggs) {
        if (a->agg == AggKind::kQuantile) Need(At(a->value.d, m), &ks);
      }
      sel.Select(&ks);
      double median = need_half ? sel.Quantile(half) : kNaN;
      for (size_t k = 0; k < aggs.size(); ++k) {
        AggKind kind = aggs[k]->agg;
        if (kind == AggKind::kMad) continue;
        out[k].valid[g] = 1;
        out[k].d[g] = kind == AggKind::kMedian ? median : sel.Quantile(At(aggs[k]->value.d, m));
      }
      if (!has_mad) continue;
      sel.Deviations(median);
      ks.clear();
      Need(half, &ks);
      sel.Select(&ks);
      double mad = sel.Quantile(half);
      for (size_t k = 0; k < aggs.size(); ++k) {
        if (aggs[k]->agg != AggKind::kMad) continue;
        out[k].valid[g] = 1;
        out[k].d[g] = mad;
      }
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace tutela::engine
