// Join operators: hash joins on the equality conjuncts of the condition
// (inner, left, semi, anti, mark), with remaining conditions evaluated per
// matching key group over candidate row pairs in batches; nested loops only
// when there is no equality key (cross joins, non-equi semi joins).
#include <fmt/format.h>

#include "engine/exec.h"
#include "engine/key_encoder.h"

namespace tutela::engine {

namespace {

constexpr size_t kPairBatch = 1 << 20;

struct JoinKeys {
  std::vector<ExprPtr> left, right;
  std::vector<ExprPtr> residual;
};

JoinKeys SplitCondition(const ExprPtr& cond, const Chunk& l, const Chunk& r) {
  JoinCondition jc = SplitJoinCondition(cond, l.ids, r.ids);
  return JoinKeys{jc.left_keys, jc.right_keys, jc.residual};
}

Result<std::vector<Vec>> EvalAll(const std::vector<ExprPtr>& exprs, const Chunk& in,
                                 const EvalContext& ctx) {
  std::vector<Vec> out;
  for (const ExprPtr& e : exprs) {
    ASSIGN_OR_RETURN(Vec v, Eval(*e, in, ctx));
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<const Vec*> Ptrs(const std::vector<Vec>& v) {
  std::vector<const Vec*> out;
  for (const Vec& x : v) out.push_back(&x);
  return out;
}

// Hash index of the right side: rows grouped by key id, in row order.
struct HashIndex {
  TupleInterner interner;
  std::vector<int64_t> head;   // per key id: first row, -1
  std::vector<int64_t> next;   // per row: next row with the same key, -1
  std::vector<int64_t> probe;  // per left row: key id or -1
  bool keyless = false;        // no keys: every left row matches every right row
  size_t right_rows = 0;
};

Result<HashIndex> BuildIndex(const std::vector<ExprPtr>& lkeys, const std::vector<ExprPtr>& rkeys,
                             const Chunk& left, const Chunk& right, const EvalContext& ctx,
                             std::vector<Vec>* keep) {
  HashIndex idx;
  idx.right_rows = right.rows;
  if (lkeys.empty()) {
    idx.keyless = true;
    return idx;
  }
  ASSIGN_OR_RETURN(std::vector<Vec> rv, EvalAll(rkeys, right, ctx));
  ASSIGN_OR_RETURN(std::vector<Vec> lv, EvalAll(lkeys, left, ctx));
  std::vector<int64_t> rid = idx.interner.Encode(Ptrs(rv), right.rows, true, false);
  idx.head.assign(idx.interner.size(), -1);
  idx.next.assign(right.rows, -1);
  for (size_t r = right.rows; r-- > 0;) {
    if (rid[r] < 0) continue;
    idx.next[r] = idx.head[static_cast<size_t>(rid[r])];
    idx.head[static_cast<size_t>(rid[r])] = static_cast<int64_t>(r);
  }
  idx.probe = idx.interner.Encode(Ptrs(lv), left.rows, false, false);
  for (Vec& v : rv) keep->push_back(std::move(v));  // text keys are views into these
  for (Vec& v : lv) keep->push_back(std::move(v));
  return idx;
}

// Calls emit(l, r) for every candidate pair of left rows [from, to).
template <typename F>
void ForCandidates(const HashIndex& idx, size_t l, F emit) {
  if (idx.keyless) {
    for (size_t r = 0; r < idx.right_rows; ++r) emit(l, r);
    return;
  }
  int64_t k = idx.probe[l];
  if (k < 0) return;
  for (int64_t r = idx.head[static_cast<size_t>(k)]; r >= 0; r = idx.next[static_cast<size_t>(r)]) {
    emit(l, static_cast<size_t>(r));
  }
}

// The columns of `exprs` gathered for pairs (lidx, ridx).
Chunk PairChunk(const std::vector<ExprPtr>& exprs, const Chunk& left, const Chunk& right,
                const std::vector<RowIdx>& lidx, const std::vector<RowIdx>& ridx) {
  std::set<ColId> used;
  for (const ExprPtr& e : exprs) CollectColumns(*e, &used);
  Chunk c;
  c.rows = lidx.size();
  for (ColId id : used) {
    int p = left.Find(id);
    if (p >= 0) {
      c.ids.push_back(id);
      c.cols.push_back(left.cols[static_cast<size_t>(p)].Gather(lidx));
      continue;
    }
    p = right.Find(id);
    if (p >= 0) {
      c.ids.push_back(id);
      c.cols.push_back(right.cols[static_cast<size_t>(p)].Gather(ridx));
    }
  }
  return c;
}

Chunk Combine(const Chunk& left, const Chunk& right, const std::vector<RowIdx>& lidx,
              const std::vector<RowIdx>& ridx) {
  Chunk out = left.Gather(lidx);
  Chunk r = right.Gather(ridx);
  out.ids.insert(out.ids.end(), r.ids.begin(), r.ids.end());
  for (Vec& v : r.cols) out.cols.push_back(std::move(v));
  return out;
}

Result<Chunk> InnerOrLeft(const PlanNode& node, const Chunk& left, const Chunk& right,
                          const EvalContext& ctx) {
  JoinKeys keys = SplitCondition(node.predicate, left, right);
  std::vector<Vec> keep;
  ASSIGN_OR_RETURN(HashIndex idx, BuildIndex(keys.left, keys.right, left, right, ctx, &keep));
  ExprPtr residual = MakeAnd(keys.residual);
  bool outer = node.join_kind == JoinKind::kLeft;
  std::vector<RowIdx> out_l, out_r;
  size_t l = 0;
  while (l < left.rows) {
    std::vector<RowIdx> bl, br;
    size_t start = l;
    for (; l < left.rows && bl.size() < kPairBatch; ++l) {
      ForCandidates(idx, l, [&](size_t a, size_t b) {
        bl.push_back(static_cast<RowIdx>(a));
        br.push_back(static_cast<RowIdx>(b));
      });
    }
    std::vector<uint8_t> ok(bl.size(), 1);
    if (residual && !bl.empty()) {
      Chunk pc = PairChunk({residual}, left, right, bl, br);
      ASSIGN_OR_RETURN(Vec pred, Eval(*residual, pc, ctx));
      for (size_t k = 0; k < bl.size(); ++k) ok[k] = pred.valid[k] && pred.i[k];
    }
    size_t k = 0;
    for (size_t row = start; row < l; ++row) {
      bool matched = false;
      for (; k < bl.size() && bl[k] == row; ++k) {
        if (!ok[k]) continue;
        matched = true;
        out_l.push_back(bl[k]);
        out_r.push_back(br[k]);
      }
      if (outer && !matched) {
        out_l.push_back(static_cast<RowIdx>(row));
        out_r.push_back(kNoRow);
      }
    }
  }
  return Combine(left, right, out_l, out_r);
}

// Mark per left row: 1 TRUE, 0 FALSE, -1 NULL.
Result<std::vector<int8_t>> ComputeMarks(const PlanNode& node, const Chunk& left,
                                         const Chunk& right, const EvalContext& ctx) {
  JoinKeys keys = SplitCondition(node.predicate, left, right);
  std::vector<int8_t> mark(left.rows, 0);
  bool is_in = node.in_left != nullptr;
  std::vector<Vec> keep;
  if (keys.residual.empty()) {
    ASSIGN_OR_RETURN(HashIndex groups, BuildIndex(keys.left, keys.right, left, right, ctx, &keep));
    auto group_of = [&](size_t l) -> int64_t {
      if (groups.keyless) return groups.right_rows > 0 ? 0 : -1;
      return groups.probe[l];
    };
    if (!is_in) {
      for (size_t l = 0; l < left.rows; ++l) mark[l] = group_of(l) >= 0;
      return mark;
    }
    // IN: exact matches on keys + value; NULL logic per key group.
    std::vector<ExprPtr> lk = keys.left, rk = keys.right;
    lk.push_back(node.in_left);
    rk.push_back(node.in_right);
    ASSIGN_OR_RETURN(HashIndex full, BuildIndex(lk, rk, left, right, ctx, &keep));
    ASSIGN_OR_RETURN(Vec x, Eval(*node.in_left, left, ctx));
    ASSIGN_OR_RETURN(Vec y, Eval(*node.in_right, right, ctx));
    size_t ngroups = groups.keyless ? 1 : groups.head.size();
    std::vector<uint8_t> has_null_y(ngroups, 0);
    if (groups.keyless) {
      for (size_t r = 0; r < right.rows; ++r) has_null_y[0] |= !y.valid[r];
    } else {
      for (size_t g = 0; g < ngroups; ++g) {
        for (int64_t r = groups.head[g]; r >= 0; r = groups.next[static_cast<size_t>(r)]) {
          has_null_y[g] |= !y.valid[static_cast<size_t>(r)];
        }
      }
    }
    for (size_t l = 0; l < left.rows; ++l) {
      int64_t g = group_of(l);
      if (g < 0) {
        mark[l] = 0;
      } else if (!x.valid[l]) {
        mark[l] = -1;
      } else if (full.probe[l] >= 0) {
        mark[l] = 1;
      } else {
        mark[l] = has_null_y[static_cast<size_t>(g)] ? -1 : 0;
      }
    }
    return mark;
  }
  // Residual conditions: evaluate over candidate pairs of each key group.
  ASSIGN_OR_RETURN(HashIndex idx, BuildIndex(keys.left, keys.right, left, right, ctx, &keep));
  ExprPtr residual = MakeAnd(keys.residual);
  ExprPtr eq;
  if (is_in) eq = MakeBinary(Op::kEq, SqlType::kBool, node.in_left, node.in_right);
  size_t l = 0;
  while (l < left.rows) {
    std::vector<RowIdx> bl, br;
    for (; l < left.rows && bl.size() < kPairBatch; ++l) {
      ForCandidates(idx, l, [&](size_t a, size_t b) {
        bl.push_back(static_cast<RowIdx>(a));
        br.push_back(static_cast<RowIdx>(b));
      });
    }
    if (bl.empty()) continue;
    std::vector<ExprPtr> need = {residual};
    if (eq) need.push_back(eq);
    Chunk pc = PairChunk(need, left, right, bl, br);
    ASSIGN_OR_RETURN(Vec pred, Eval(*residual, pc, ctx));
    Vec eqv;
    if (eq) {
      ASSIGN_OR_RETURN(eqv, Eval(*eq, pc, ctx));
    }
    for (size_t k = 0; k < bl.size(); ++k) {
      if (!pred.valid[k] || !pred.i[k]) continue;
      int8_t& m = mark[bl[k]];
      if (!eq) {
        m = 1;
      } else if (eqv.valid[k] && eqv.i[k]) {
        m = 1;
      } else if (!eqv.valid[k] && m == 0) {
        m = -1;
      }
    }
  }
  return mark;
}

}  // namespace

Result<Chunk> ExecJoin(const PlanNode& node, Chunk left, Chunk right, const EvalContext& ctx) {
  switch (node.join_kind) {
    case JoinKind::kInner:
    case JoinKind::kLeft:
    case JoinKind::kCross:
      return InnerOrLeft(node, left, right, ctx);
    case JoinKind::kSingle: {
      if (right.rows > 1) {
        return Status::InvalidInput(
            "标量子查询返回了多行 / more than one row returned by a "
            "subquery used as an expression");
      }
      std::vector<RowIdx> lidx(left.rows), ridx(left.rows, right.rows == 1 ? 0 : kNoRow);
      for (size_t r = 0; r < left.rows; ++r) lidx[r] = static_cast<RowIdx>(r);
      return Combine(left, right, lidx, ridx);
    }
    case JoinKind::kSemi:
    case JoinKind::kAnti:
    case JoinKind::kMark: {
      ASSIGN_OR_RETURN(std::vector<int8_t> mark, ComputeMarks(node, left, right, ctx));
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
      return left.Gather(sel);
    }
  }
  return Status::Internal("unknown join");
}

}  // namespace tutela::engine
