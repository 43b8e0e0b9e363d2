// Hash aggregation: group ids from the group key tuples, then each
// aggregate is computed column-at-a-time into per-group state arrays.
// median/quantile are continuous (PostgreSQL percentile_cont); mad is the
// median of absolute deviations from the median.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "engine/exec.h"
#include "engine/key_encoder.h"

namespace tutela::engine {

namespace {

// percentile_cont over sorted values.
double Percentile(const std::vector<double>& sorted, double p) {
  double pos = p * static_cast<double>(sorted.size() - 1);
  size_t lo = static_cast<size_t>(std::floor(pos));
  size_t hi = std::min(lo + 1, sorted.size() - 1);
  double frac = pos - static_cast<double>(lo);
  return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
}

Result<Vec> Compute(const Expr& agg, const Vec* arg, const std::vector<int64_t>& gid,
                    size_t ngroups, const std::vector<uint8_t>& use, const EvalContext& ctx) {
  size_t n = gid.size();
  Vec out = Vec::Nulls(agg.type, ngroups);
  auto active = [&](size_t r) { return use[r] && (arg == nullptr || arg->valid[r]); };
  switch (agg.agg) {
    case AggKind::kCountStar:
    case AggKind::kCount: {
      for (size_t g = 0; g < ngroups; ++g) out.valid[g] = 1;
      for (size_t r = 0; r < n; ++r) {
        if (active(r)) ++out.i[static_cast<size_t>(gid[r])];
      }
      return out;
    }
    case AggKind::kSum: {
      for (size_t r = 0; r < n; ++r) {
        if (!active(r)) continue;
        size_t g = static_cast<size_t>(gid[r]);
        out.valid[g] = 1;
        if (agg.type == SqlType::kDouble) {
          out.d[g] += arg->d[r];
        } else if (__builtin_add_overflow(out.i[g], arg->i[r], &out.i[g])) {
          return Status::InvalidInput("整数溢出 / integer out of range in sum");
        }
      }
      return out;
    }
    case AggKind::kAvg: {
      std::vector<int64_t> cnt(ngroups, 0);
      for (size_t r = 0; r < n; ++r) {
        if (!active(r)) continue;
        size_t g = static_cast<size_t>(gid[r]);
        out.d[g] += arg->d[r];
        ++cnt[g];
      }
      for (size_t g = 0; g < ngroups; ++g) {
        if (cnt[g] == 0) continue;
        out.valid[g] = 1;
        out.d[g] /= static_cast<double>(cnt[g]);
      }
      return out;
    }
    case AggKind::kMin:
    case AggKind::kMax: {
      std::vector<RowIdx> best(ngroups, kNoRow);
      bool is_max = agg.agg == AggKind::kMax;
      for (size_t r = 0; r < n; ++r) {
        if (!active(r)) continue;
        RowIdx& b = best[static_cast<size_t>(gid[r])];
        if (b == kNoRow) {
          b = static_cast<RowIdx>(r);
          continue;
        }
        int c = CompareValues(*arg, r, *arg, b, ctx);
        if (is_max ? c > 0 : c < 0) b = static_cast<RowIdx>(r);
      }
      return arg->Gather(best);
    }
    case AggKind::kBoolAnd:
    case AggKind::kBoolOr: {
      bool is_and = agg.agg == AggKind::kBoolAnd;
      for (size_t g = 0; g < ngroups; ++g) out.i[g] = is_and;
      for (size_t r = 0; r < n; ++r) {
        if (!active(r)) continue;
        size_t g = static_cast<size_t>(gid[r]);
        out.valid[g] = 1;
        out.i[g] = is_and ? (out.i[g] && arg->i[r]) : (out.i[g] || arg->i[r]);
      }
      return out;
    }
    case AggKind::kMedian:
    case AggKind::kQuantile:
    case AggKind::kMad: {
      std::vector<std::vector<double>> values(ngroups);
      for (size_t r = 0; r < n; ++r) {
        if (active(r)) values[static_cast<size_t>(gid[r])].push_back(arg->d[r]);
      }
      double p = agg.agg == AggKind::kQuantile ? agg.value.d : 0.5;
      for (size_t g = 0; g < ngroups; ++g) {
        std::vector<double>& v = values[g];
        if (v.empty()) continue;
        std::sort(v.begin(), v.end());
        double m = Percentile(v, p);
        if (agg.agg == AggKind::kMad) {
          for (double& x : v) x = std::fabs(x - m);
          std::sort(v.begin(), v.end());
          m = Percentile(v, 0.5);
        }
        out.valid[g] = 1;
        out.d[g] = m;
      }
      return out;
    }
  }
  return Status::Internal("unknown aggregate");
}

}  // namespace

Result<Chunk> ExecAggregate(const PlanNode& node, const Chunk& in, const EvalContext& ctx) {
  std::vector<Vec> keys;
  for (const ExprPtr& g : node.groups) {
    ASSIGN_OR_RETURN(Vec v, Eval(*g, in, ctx));
    keys.push_back(std::move(v));
  }
  std::vector<int64_t> gid;
  size_t ngroups;
  TupleInterner interner;
  std::vector<RowIdx> first;
  if (keys.empty()) {
    gid.assign(in.rows, 0);
    ngroups = 1;
  } else {
    std::vector<const Vec*> ptrs;
    for (const Vec& v : keys) ptrs.push_back(&v);
    gid = interner.Encode(ptrs, in.rows, true, true);
    ngroups = interner.size();
    first.assign(ngroups, kNoRow);
    for (size_t r = 0; r < in.rows; ++r) {
      RowIdx& f = first[static_cast<size_t>(gid[r])];
      if (f == kNoRow) f = static_cast<RowIdx>(r);
    }
  }
  Chunk out;
  out.rows = ngroups;
  out.ids = node.outputs;
  for (const Vec& k : keys) out.cols.push_back(k.Gather(first));
  std::vector<uint8_t> all(in.rows, 1);
  for (const ExprPtr& a : node.aggs) {
    Vec arg;
    const Vec* argp = nullptr;
    if (a->agg != AggKind::kCountStar) {
      ASSIGN_OR_RETURN(arg, Eval(*a->args[0], in, ctx));
      argp = &arg;
    }
    std::vector<uint8_t> use = all;
    if (a->distinct && argp) {
      // Keep the first row of each (group, value).
      TupleInterner vals;
      std::vector<int64_t> vid = vals.Encode({argp}, in.rows, true, false);
      PairIdMap seen;
      for (size_t r = 0; r < in.rows; ++r) {
        if (vid[r] < 0) {
          use[r] = 0;
          continue;
        }
        size_t before = seen.size();
        seen.FindOrInsert(gid[r], vid[r], true, 0);
        use[r] = seen.size() > before;
      }
    }
    ASSIGN_OR_RETURN(Vec v, Compute(*a, argp, gid, ngroups, use, ctx));
    out.cols.push_back(std::move(v));
  }
  return out;
}

}  // namespace tutela::engine
