// Hash aggregation, simple aggregates (count, sum, avg, min, max, bool_and,
// bool_or): partial states per fixed-size block of rows, blocks in parallel,
// merged in block order.
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "common/parallel.h"
#include "engine/exec_aggregate_internal.h"

namespace tutela::engine {

namespace {

// Rows per block. Fixed, not derived from the thread count: a double sum
// depends on the order of its additions, so the split must not change with
// the threads. Up to one block of rows is summed in plain row order.
constexpr size_t kBlockRows = size_t{1} << 20;

using Range = std::pair<size_t, size_t>;

// Blocks with their own per-group states; a single block (sequential) when
// the states of all blocks would have more entries than a quarter of the
// rows (many groups).
std::vector<Range> Blocks(size_t rows, size_t groups) {
  size_t nb = (rows + kBlockRows - 1) / kBlockRows;
  if (nb <= 1 || groups * nb > rows / 4) return {{0, rows}};
  std::vector<Range> out;
  for (size_t b = 0; b < nb; ++b) {
    out.emplace_back(b * kBlockRows, std::min(rows, (b + 1) * kBlockRows));
  }
  return out;
}

// Runs fill(begin, end, states) for every block into its own array of
// `groups` copies of `init`; the arrays in block order.
template <typename S, typename Fill>
Result<std::vector<std::vector<S>>> PerBlock(const GroupedInput& in, S init, const EvalContext& ctx,
                                             Fill fill) {
  std::vector<Range> blocks = Blocks(in.rows, in.groups);
  RETURN_IF_ERROR(ReserveMemory(ctx, blocks.size() * in.groups * sizeof(S), "hash aggregate"));
  std::vector<std::vector<S>> states(blocks.size());
  RETURN_IF_ERROR(ParallelFor(blocks.size(), ctx.threads, [&](size_t b) {
    states[b].assign(in.groups, init);
    fill(blocks[b].first, blocks[b].second, states[b].data());
    return Status::Ok();
  }));
  return states;
}

Result<Vec> Count(const Expr& agg, const GroupedInput& in, const EvalContext& ctx) {
  ASSIGN_OR_RETURN(auto parts, PerBlock<int64_t>(in, 0, ctx, [&](size_t b, size_t e, int64_t* c) {
                     ForActiveRows(in, b, e, [&](size_t, size_t g) { ++c[g]; });
                   }));
  Vec out = Vec::Nulls(agg.type, in.groups);
  for (size_t g = 0; g < in.groups; ++g) {
    out.valid[g] = 1;
    for (const auto& p : parts) out.i[g] += p[g];
  }
  return out;
}

// Integer sum of one block and group: the total and the lowest and highest
// running sums, so the merge finds an overflow at exactly the rows where a
// sequential sum would.
struct IntSum {
  __int128 sum = 0, lo = 0, hi = 0;
  bool any = false;
};

Result<Vec> SumInt(const Expr& agg, const GroupedInput& in, const EvalContext& ctx) {
  const int64_t* x = in.arg->i.data();
  ASSIGN_OR_RETURN(auto parts, PerBlock<IntSum>(in, {}, ctx, [&](size_t b, size_t e, IntSum* s) {
                     ForActiveRows(in, b, e, [&](size_t r, size_t g) {
                       IntSum& st = s[g];
                       st.any = true;
                       st.sum += x[r];
                       st.lo = std::min(st.lo, st.sum);
                       st.hi = std::max(st.hi, st.sum);
                     });
                   }));
  constexpr __int128 kMax = std::numeric_limits<int64_t>::max();
  constexpr __int128 kMin = std::numeric_limits<int64_t>::min();
  Vec out = Vec::Nulls(agg.type, in.groups);
  for (size_t g = 0; g < in.groups; ++g) {
    __int128 base = 0;
    for (const auto& p : parts) {
      const IntSum& st = p[g];
      if (!st.any) continue;
      if (base + st.hi > kMax || base + st.lo < kMin) {
        return Status::InvalidInput("整数溢出 / integer out of range in sum");
      }
      base += st.sum;
      out.valid[g] = 1;
    }
    out.i[g] = static_cast<int64_t>(base);
  }
  return out;
}

struct DoubleSum {
  double sum = 0;
  int64_t n = 0;
};

// sum(double) and avg: block sums added in block order.
Result<Vec> SumDouble(const Expr& agg, const GroupedInput& in, bool avg, const EvalContext& ctx) {
  const double* x = in.arg->d.data();
  ASSIGN_OR_RETURN(auto parts,
                   PerBlock<DoubleSum>(in, {}, ctx, [&](size_t b, size_t e, DoubleSum* s) {
                     ForActiveRows(in, b, e, [&](size_t r, size_t g) {
                       s[g].sum += x[r];
                       ++s[g].n;
                     });
                   }));
  Vec out = Vec::Nulls(agg.type, in.groups);
  for (size_t g = 0; g < in.groups; ++g) {
    double sum = 0;
    int64_t n = 0;
    for (const auto& p : parts) {
      if (p[g].n == 0) continue;
      sum += p[g].sum;
      n += p[g].n;
    }
    if (n == 0) continue;
    out.valid[g] = 1;
    out.d[g] = avg ? sum / static_cast<double>(n) : sum;
  }
  return out;
}

// min/max: the first row holding the best value (better(r, b): row r's
// value is strictly better than row b's), per block then across blocks.
template <typename Better>
Result<Vec> MinMax(const GroupedInput& in, const EvalContext& ctx, Better better) {
  ASSIGN_OR_RETURN(auto parts,
                   PerBlock<RowIdx>(in, kNoRow, ctx, [&](size_t b, size_t e, RowIdx* best) {
                     ForActiveRows(in, b, e, [&](size_t r, size_t g) {
                       RowIdx& cur = best[g];
                       if (cur == kNoRow || better(r, cur)) cur = static_cast<RowIdx>(r);
                     });
                   }));
  std::vector<RowIdx> best(in.groups, kNoRow);
  for (size_t g = 0; g < in.groups; ++g) {
    for (const auto& p : parts) {
      RowIdx c = p[g];
      if (c != kNoRow && (best[g] == kNoRow || better(c, best[g]))) best[g] = c;
    }
  }
  return in.arg->Gather(best);
}

// CompareValues' double order: NaN after everything, equal to itself.
bool DoubleLess(double a, double b) {
  if (std::isnan(a)) return false;
  return std::isnan(b) || a < b;
}

Result<Vec> MinOrMax(bool is_max, const GroupedInput& in, const EvalContext& ctx) {
  const Vec& v = *in.arg;
  switch (v.type) {
    case SqlType::kDouble: {
      const double* x = v.d.data();
      if (is_max)
        return MinMax(in, ctx, [&](size_t a, size_t b) { return DoubleLess(x[b], x[a]); });
      return MinMax(in, ctx, [&](size_t a, size_t b) { return DoubleLess(x[a], x[b]); });
    }
    case SqlType::kText: {
      const std::string_view* s = v.s.data();
      if (is_max) return MinMax(in, ctx, [&](size_t a, size_t b) { return s[b] < s[a]; });
      return MinMax(in, ctx, [&](size_t a, size_t b) { return s[a] < s[b]; });
    }
    case SqlType::kBool:
    case SqlType::kInt:
    case SqlType::kDate:
    case SqlType::kTimestamp: {
      const int64_t* x = v.i.data();
      if (is_max) return MinMax(in, ctx, [&](size_t a, size_t b) { return x[b] < x[a]; });
      return MinMax(in, ctx, [&](size_t a, size_t b) { return x[a] < x[b]; });
    }
    default: {  // person ids (by ID text), intervals, NULL
      int sign = is_max ? 1 : -1;
      return MinMax(in, ctx,
                    [&](size_t a, size_t b) { return CompareValues(v, a, v, b, ctx) * sign > 0; });
    }
  }
}

struct BoolState {
  uint8_t value;
  uint8_t any;
};

Result<Vec> BoolAgg(const Expr& agg, bool is_and, const GroupedInput& in, const EvalContext& ctx) {
  const int64_t* x = in.arg->i.data();
  BoolState init{static_cast<uint8_t>(is_and), 0};
  ASSIGN_OR_RETURN(auto parts,
                   PerBlock<BoolState>(in, init, ctx, [&](size_t b, size_t e, BoolState* s) {
                     ForActiveRows(in, b, e, [&](size_t r, size_t g) {
                       BoolState& st = s[g];
                       st.any = 1;
                       st.value = is_and ? (st.value && x[r]) : (st.value || x[r]);
                     });
                   }));
  Vec out = Vec::Nulls(agg.type, in.groups);
  for (size_t g = 0; g < in.groups; ++g) {
    bool value = is_and;
    for (const auto& p : parts) {
      if (!p[g].any) continue;
      out.valid[g] = 1;
      value = is_and ? (value && p[g].value) : (value || p[g].value);
    }
    out.i[g] = value;
  }
  return out;
}

}  // namespace

Result<Vec> SimpleAggregate(const Expr& agg, const GroupedInput& in, const EvalContext& ctx) {
  switch (agg.agg) {
    case AggKind::kCountStar:
    case AggKind::kCount:
      return Count(agg, in, ctx);
    case AggKind::kSum:
      if (agg.type == SqlType::kDouble) return SumDouble(agg, in, false, ctx);
      return SumInt(agg, in, ctx);
    case AggKind::kAvg:
      return SumDouble(agg, in, true, ctx);
    case AggKind::kMin:
    case AggKind::kMax:
      return MinOrMax(agg.agg == AggKind::kMax, in, ctx);
    case AggKind::kBoolAnd:
    case AggKind::kBoolOr:
      return BoolAgg(agg, agg.agg == AggKind::kBoolAnd, in, ctx);
    default:
      return Status::Internal("not a simple aggregate");
  }
}

}  // namespace tutela::engine
