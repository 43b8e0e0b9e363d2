// Kernels of the hash-aggregate operator (driver in exec_aggregate.cc):
// simple aggregates (exec_aggregate_simple.cc) and the quantile family
// (exec_aggregate_quantile.cc). Pure functions over borrowed read-only
// inputs; they use up to ctx.threads threads and their results never depend
// on that number.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/eval.h"
#include "engine/expr.h"
#include "engine/vec.h"

namespace tutela::engine {

// The rows feeding one aggregate, by group.
struct GroupedInput {
  size_t rows = 0;
  // Group id per row in [0, groups); nullptr: every row is in group 0.
  const int64_t* gid = nullptr;
  size_t groups = 0;
  // The argument vector; nullptr for count(*).
  const Vec* arg = nullptr;
  // Rows that count (DISTINCT keeps one row per group and value); nullptr = all.
  const uint8_t* use = nullptr;

  bool Active(size_t r) const {
    return (use == nullptr || use[r]) && (arg == nullptr || arg->valid[r]);
  }
  size_t Group(size_t r) const { return gid == nullptr ? 0 : static_cast<size_t>(gid[r]); }
};

// Calls body(row, group) for the active rows of [begin, end), in order,
// with tight loops for the common shapes (no DISTINCT mask).
template <typename Body>
void ForActiveRows(const GroupedInput& in, size_t begin, size_t end, Body body) {
  const uint8_t* valid = in.arg == nullptr ? nullptr : in.arg->valid.data();
  const int64_t* gid = in.gid;
  if (in.use == nullptr && gid != nullptr) {
    if (valid == nullptr) {
      for (size_t r = begin; r < end; ++r) body(r, static_cast<size_t>(gid[r]));
    } else {
      for (size_t r = begin; r < end; ++r) {
        if (valid[r]) body(r, static_cast<size_t>(gid[r]));
      }
    }
    return;
  }
  if (in.use == nullptr && valid != nullptr) {  // no GROUP BY
    for (size_t r = begin; r < end; ++r) {
      if (valid[r]) body(r, size_t{0});
    }
    return;
  }
  for (size_t r = begin; r < end; ++r) {
    if (in.Active(r)) body(r, in.Group(r));
  }
}

// count, count(*), sum, avg, min, max, bool_and, bool_or: one value per group.
Result<Vec> SimpleAggregate(const Expr& agg, const GroupedInput& in, const EvalContext& ctx);

// median, quantile and mad aggregates that share `in` (same argument and
// DISTINCT flag): one result vector per element of `aggs`, in that order.
Result<std::vector<Vec>> QuantileAggregates(const std::vector<const Expr*>& aggs,
                                            const GroupedInput& in, const EvalContext& ctx);

}  // namespace tutela::engine
