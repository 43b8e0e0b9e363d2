// Join operator entry: picks the candidate source of the node's JoinSpec
// (hash, nested loop, range sweep, interval sweep, grid; plain hash or
// nested loop when join_strategy is off), runs the parallel probe, and
// builds inner/left output, semi/anti selections and mark columns.
#include "engine/exec_join_internal.h"

namespace tutela::engine {

namespace {

using join::CandidateSource;
using join::KeyGroups;

JoinSpec PlainSpec(const PlanNode& node, const Chunk& left, const Chunk& right) {
  JoinCondition jc = SplitJoinCondition(node.predicate, left.ids, right.ids);
  JoinSpec s;
  s.left_keys = jc.left_keys;
  s.right_keys = jc.right_keys;
  s.residual = jc.residual;
  s.algo = jc.left_keys.empty() ? JoinAlgo::kNestedLoop : JoinAlgo::kHash;
  return s;
}

Result<std::unique_ptr<CandidateSource>> MakeSource(const JoinSpec& spec, const KeyGroups& groups,
                                                    const Chunk& left, const Chunk& right,
                                                    const EvalContext& ctx) {
  switch (spec.algo) {
    case JoinAlgo::kHash:
    case JoinAlgo::kNestedLoop:
      return join::MakeHashSource(groups, right.rows, ctx);
    case JoinAlgo::kRangeSweep:
      return join::MakeRangeSource(spec, groups, left, right, ctx);
    case JoinAlgo::kIntervalSweep:
      return join::MakeIntervalSource(spec, groups, left, right, ctx);
    case JoinAlgo::kGrid:
      return join::MakeGridSource(spec, groups, left, right, ctx);
  }
  return Status::Internal("unknown join algorithm");
}

uint64_t RowBytes(const Chunk& c) {
  uint64_t b = 0;
  for (const Vec& v : c.cols) {
    b += 1 + (v.i.empty() ? 0 : 8) + (v.d.empty() ? 0 : 8) + (v.s.empty() ? 0 : 16) +
         (v.months.empty() ? 0 : 8) + (v.codes.empty() ? 0 : 4);
  }
  return b;
}

Result<Chunk> Combine(const Chunk& left, const Chunk& right, const join::PairList& pairs,
                      const EvalContext& ctx) {
  RETURN_IF_ERROR(
      ReserveMemory(ctx, pairs.left.size() * (RowBytes(left) + RowBytes(right)), "join output"));
  Chunk out = left.Gather(pairs.left, ctx.threads);
  Chunk r = right.Gather(pairs.right, ctx.threads);
  out.ids.insert(out.ids.end(), r.ids.begin(), r.ids.end());
  for (Vec& v : r.cols) out.cols.push_back(std::move(v));
  return out;
}

Result<Chunk> InnerOrLeft(const PlanNode& node, const JoinSpec& spec, const Chunk& left,
                          const Chunk& right, const EvalContext& ctx) {
  ASSIGN_OR_RETURN(KeyGroups groups,
                   join::EncodeKeyGroups(spec.left_keys, spec.right_keys, left, right, ctx));
  ASSIGN_OR_RETURN(auto source, MakeSource(spec, groups, left, right, ctx));
  ASSIGN_OR_RETURN(join::PairList pairs,
                   join::ProbePairs(*source, join::CheckedResidual(spec, *source),
                                    node.join_kind == JoinKind::kLeft, left, right, ctx));
  return Combine(left, right, pairs, ctx);
}

// IN without other conditions: hash on keys + value; NULL logic per key group.
Result<std::vector<int8_t>> InMarks(const PlanNode& node, const JoinSpec& spec, const Chunk& left,
                                    const Chunk& right, const EvalContext& ctx) {
  ASSIGN_OR_RETURN(KeyGroups groups,
                   join::EncodeKeyGroups(spec.left_keys, spec.right_keys, left, right, ctx));
  std::vector<ExprPtr> lk = spec.left_keys, rk = spec.right_keys;
  lk.push_back(node.in_left);
  rk.push_back(node.in_right);
  ASSIGN_OR_RETURN(KeyGroups full, join::EncodeKeyGroups(lk, rk, left, right, ctx));
  ASSIGN_OR_RETURN(Vec x, EvalParallel(*node.in_left, left, ctx));
  ASSIGN_OR_RETURN(Vec y, EvalParallel(*node.in_right, right, ctx));
  std::vector<uint8_t> has_null_y(groups.count, 0);
  for (size_t r = 0; r < right.rows; ++r) {
    int64_t g = groups.OfRight(r);
    if (g >= 0 && !y.valid[r]) has_null_y[static_cast<size_t>(g)] = 1;
  }
  std::vector<int8_t> mark(left.rows, 0);
  for (size_t l = 0; l < left.rows; ++l) {
    int64_t g = right.rows == 0 ? -1 : groups.OfLeft(l);
    if (g < 0) {
      mark[l] = 0;
    } else if (!x.valid[l]) {
      mark[l] = -1;
    } else if (full.OfLeft(l) >= 0) {
      mark[l] = 1;
    } else {
      mark[l] = has_null_y[static_cast<size_t>(g)] ? -1 : 0;
    }
  }
  return mark;
}

// Mark per left row: 1 TRUE, 0 FALSE, -1 NULL.
Result<std::vector<int8_t>> ComputeMarks(const PlanNode& node, const JoinSpec& spec,
                                         const Chunk& left, const Chunk& right,
                                         const EvalContext& ctx) {
  if (node.in_left && spec.residual.empty()) return InMarks(node, spec, left, right, ctx);
  if (!node.in_left && spec.residual.empty() && spec.left_keys.empty()) {
    return std::vector<int8_t>(left.rows, right.rows > 0 ? 1 : 0);
  }
  ASSIGN_OR_RETURN(KeyGroups groups,
                   join::EncodeKeyGroups(spec.left_keys, spec.right_keys, left, right, ctx));
  if (!node.in_left && spec.residual.empty()) {  // EXISTS on keys only
    std::vector<int8_t> mark(left.rows);
    for (size_t l = 0; l < left.rows; ++l) mark[l] = groups.OfLeft(l) >= 0;
    return mark;
  }
  ASSIGN_OR_RETURN(auto source, MakeSource(spec, groups, left, right, ctx));
  ExprPtr eq;
  if (node.in_left) eq = MakeBinary(Op::kEq, SqlType::kBool, node.in_left, node.in_right);
  return join::ProbeMarks(*source, join::CheckedResidual(spec, *source), eq, left, right, ctx);
}

}  // namespace

Result<Chunk> ExecJoin(const PlanNode& node, Chunk left, Chunk right, const EvalContext& ctx) {
  if (node.join_kind == JoinKind::kSingle) {
    if (right.rows > 1) {
      return Status::InvalidInput(
          "标量子查询返回了多行 / more than one row returned by a "
          "subquery used as an expression");
    }
    join::PairList pairs;
    pairs.left.resize(left.rows);
    pairs.right.assign(left.rows, right.rows == 1 ? 0 : kNoRow);
    for (size_t r = 0; r < left.rows; ++r) pairs.left[r] = static_cast<RowIdx>(r);
    return Combine(left, right, pairs, ctx);
  }
  JoinSpec plain;
  if (!node.join_spec) plain = PlainSpec(node, left, right);
  const JoinSpec& spec = node.join_spec ? *node.join_spec : plain;
  switch (node.join_kind) {
    case JoinKind::kInner:
    case JoinKind::kLeft:
    case JoinKind::kCross:
      return InnerOrLeft(node, spec, left, right, ctx);
    case JoinKind::kSemi:
    case JoinKind::kAnti:
    case JoinKind::kMark: {
      ASSIGN_OR_RETURN(std::vector<int8_t> mark, ComputeMarks(node, spec, left, right, ctx));
      if (node.join_kind == JoinKind::kMark) {
        Vec m = Vec::Nulls(SqlType::kBool, left.rows);
        for (size_t r = 0; r < left.rows; ++r) {
          m.valid[r] = mark[r] >= 0;
          m.i[r] = mark[r] == 1;
        }
        left.ids.push_back(node.mark);
        left.cols.push_back(std::move(m));
        return left;
      }
      int8_t want = node.join_kind == JoinKind::kSemi ? 1 : 0;
      std::vector<RowIdx> sel;
      for (size_t r = 0; r < left.rows; ++r) {
        if (mark[r] == want) sel.push_back(static_cast<RowIdx>(r));
      }
      if (sel.size() == left.rows) return left;
      RETURN_IF_ERROR(ReserveMemory(ctx, sel.size() * RowBytes(left), "join output"));
      return left.Gather(sel, ctx.threads);
    }
    case JoinKind::kSingle:
      break;
  }
  return Status::Internal("unknown join");
}

}  // namespace tutela::engine
