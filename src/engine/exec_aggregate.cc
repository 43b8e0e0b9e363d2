// Hash aggregation: group ids from the group key tuples (TupleInterner: ids
// in order of first appearance, which is the output order), then the
// aggregates, all those over one argument together so it is evaluated (and
// for median/quantile/mad partitioned by group) once. median/quantile are
// continuous (PostgreSQL percentile_cont); mad is the median of absolute
// deviations from the median. Kernels: exec_aggregate_{simple,quantile}.cc.
#include <functional>

#include "engine/exec.h"
#include "engine/exec_aggregate_internal.h"
#include "engine/key_encoder.h"

namespace tutela::engine {

namespace {

bool IsQuantile(AggKind k) {
  return k == AggKind::kMedian || k == AggKind::kQuantile || k == AggKind::kMad;
}

bool SameArgument(const Expr& a, const Expr& b) {
  bool star_a = a.agg == AggKind::kCountStar, star_b = b.agg == AggKind::kCountStar;
  if (star_a || star_b) return star_a == star_b;
  return SameExpr(*a.args[0], *b.args[0]);
}

// DISTINCT: 1 for the first row of each (group, non-NULL value).
std::vector<uint8_t> FirstOfGroupAndValue(const GroupedInput& in) {
  std::vector<uint8_t> use(in.rows, 0);
  TupleInterner vals;
  std::vector<int64_t> vid = vals.Encode({in.arg}, in.rows, true, false);
  PairIdMap seen;
  for (size_t r = 0; r < in.rows; ++r) {
    if (vid[r] < 0) continue;
    size_t before = seen.size();
    seen.FindOrInsert(static_cast<int64_t>(in.Group(r)), vid[r], true, 0);
    use[r] = seen.size() > before;
  }
  return use;
}

// Computes the aggregates `members` (indexes into node.aggs) over `in` into
// `results`; an error is reported with the index of its aggregate.
void ComputeMembers(const PlanNode& node, const std::vector<size_t>& members,
                    const GroupedInput& in, const EvalContext& ctx, std::vector<Vec>* results,
                    const std::function<void(size_t, Status)>& fail) {
  std::vector<const Expr*> quantiles;
  for (size_t j : members) {
    const Expr& a = *node.aggs[j];
    if (IsQuantile(a.agg)) {
      quantiles.push_back(&a);
      continue;
    }
    Result<Vec> v = SimpleAggregate(a, in, ctx);
    if (!v.ok()) return fail(j, v.status());
    (*results)[j] = std::move(*v);
  }
  if (quantiles.empty()) return;
  Result<std::vector<Vec>> v = QuantileAggregates(quantiles, in, ctx);
  size_t q = 0;
  for (size_t j : members) {
    if (!IsQuantile(node.aggs[j]->agg)) continue;
    if (!v.ok()) return fail(j, v.status());
    (*results)[j] = std::move((*v)[q++]);
  }
}

}  // namespace

Result<Chunk> ExecAggregate(const PlanNode& node, const Chunk& in, const EvalContext& ctx) {
  std::vector<Vec> storage(node.groups.size());
  std::vector<const Vec*> keys;
  for (size_t k = 0; k < node.groups.size(); ++k) {
    ASSIGN_OR_RETURN(const Vec* v, EvalRef(*node.groups[k], in, ctx, &storage[k]));
    keys.push_back(v);
  }
  GroupedInput grouped;
  grouped.rows = in.rows;
  std::vector<int64_t> gid;
  std::vector<RowIdx> first;
  if (keys.empty()) {
    grouped.groups = 1;  // gid stays null: every row in group 0
  } else {
    RETURN_IF_ERROR(ReserveMemory(ctx, in.rows * 2 * sizeof(int64_t), "hash aggregate"));
    TupleInterner interner;
    gid = interner.Encode(keys, in.rows, true, true);
    grouped.gid = gid.data();
    grouped.groups = interner.size();
    first.assign(grouped.groups, kNoRow);
    size_t found = 0;
    for (size_t r = 0; r < in.rows && found < grouped.groups; ++r) {
      RowIdx& f = first[static_cast<size_t>(gid[r])];
      if (f == kNoRow) {
        f = static_cast<RowIdx>(r);
        ++found;
      }
    }
  }
  Chunk out;
  out.rows = grouped.groups;
  out.ids = node.outputs;
  for (const Vec* k : keys) out.cols.push_back(k->Gather(first));
  storage.clear();

  // Aggregates in order of their first one over each argument. The error
  // reported is that of the lowest-numbered failing aggregate, as if they
  // ran one by one.
  size_t naggs = node.aggs.size();
  std::vector<Vec> results(naggs);
  std::vector<uint8_t> done(naggs, 0);
  size_t error_at = naggs;
  Status error = Status::Ok();
  auto fail = [&](size_t j, Status s) {
    if (j < error_at) {
      error_at = j;
      error = std::move(s);
    }
  };
  for (size_t i = 0; i < naggs && i < error_at; ++i) {
    if (done[i]) continue;
    const Expr& a = *node.aggs[i];
    std::vector<size_t> plain, distinct;
    for (size_t j = i; j < naggs; ++j) {
      if (done[j] || !SameArgument(a, *node.aggs[j])) continue;
      done[j] = 1;
      bool d = node.aggs[j]->distinct && a.agg != AggKind::kCountStar;
      (d ? distinct : plain).push_back(j);
    }
    Vec arg;
    GroupedInput gin = grouped;
    if (a.agg != AggKind::kCountStar) {
      Result<const Vec*> v = EvalRef(*a.args[0], in, ctx, &arg);
      if (!v.ok()) {
        fail(i, v.status());
        continue;
      }
      gin.arg = *v;
    }
    if (!plain.empty()) ComputeMembers(node, plain, gin, ctx, &results, fail);
    if (!distinct.empty()) {
      Status st = ReserveMemory(ctx, in.rows * 2 * sizeof(int64_t), "hash aggregate");
      if (!st.ok()) {
        fail(distinct[0], st);
        continue;
      }
      std::vector<uint8_t> use = FirstOfGroupAndValue(gin);
      gin.use = use.data();
      ComputeMembers(node, distinct, gin, ctx, &results, fail);
    }
  }
  if (error_at < naggs) return error;
  for (Vec& v : results) out.cols.push_back(std::move(v));
  return out;
}

}  // namespace tutela::engine
