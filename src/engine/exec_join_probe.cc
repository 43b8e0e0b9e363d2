// The parallel join probe: left rows split into fixed contiguous ranges;
// per range, candidate pairs are gathered in batches, the residual is
// checked on them, and matches (or marks) are produced in left-row order;
// ranges are concatenated in order, so results never depend on threads.
#include <algorithm>

#include "common/parallel.h"
#include "engine/exec_join_internal.h"

namespace tutela::engine::join {

namespace {

constexpr size_t kBatch = size_t{1} << 16;
constexpr size_t kReserveStep = size_t{1} << 22;  // pairs between memory checks

// The columns in `used` of the pairs (bl[k], br[k]).
Chunk PairChunk(const std::set<ColId>& used, const Chunk& left, const Chunk& right,
                const std::vector<RowIdx>& bl, const std::vector<RowIdx>& br) {
  Chunk c;
  c.rows = bl.size();
  for (ColId id : used) {
    int p = left.Find(id);
    if (p >= 0) {
      c.ids.push_back(id);
      c.cols.push_back(left.cols[static_cast<size_t>(p)].Gather(bl));
      continue;
    }
    p = right.Find(id);
    if (p >= 0) {
      c.ids.push_back(id);
      c.cols.push_back(right.cols[static_cast<size_t>(p)].Gather(br));
    }
  }
  return c;
}

// Walks the candidates of left rows [from, to) in batches of at most kBatch
// pairs (a row with more candidates spans several batches). After a batch,
// the rows before row() are complete; partial() says row() already has
// pairs in this batch and continues in the next.
class BatchCursor {
 public:
  BatchCursor(const CandidateSource& src, size_t from, size_t to) : src_(src), row_(from), to_(to) {
    if (row_ < to_) span_ = src_.Get(row_, &scratch_);
  }
  bool More() const { return row_ < to_; }
  // Fills bl/br; returns the first row of the batch.
  size_t Next(std::vector<RowIdx>* bl, std::vector<RowIdx>* br) {
    bl->clear();
    br->clear();
    size_t first = row_;
    while (row_ < to_ && bl->size() < kBatch) {
      size_t take = std::min(span_.size() - pos_, kBatch - bl->size());
      bl->insert(bl->end(), take, static_cast<RowIdx>(row_));
      br->insert(br->end(), span_.begin + pos_, span_.begin + pos_ + take);
      pos_ += take;
      if (pos_ == span_.size()) {
        pos_ = 0;
        if (++row_ < to_) span_ = src_.Get(row_, &scratch_);
      }
    }
    return first;
  }
  size_t row() const { return row_; }  // first row not complete
  bool partial() const { return pos_ > 0; }

 private:
  const CandidateSource& src_;
  size_t row_, to_;
  size_t pos_ = 0;
  RowSpan span_;
  std::vector<RowIdx> scratch_;
};

// ok[k] = residual TRUE on pair k (all 1 without residual).
Status CheckResidual(const ExprPtr& residual, const std::set<ColId>& used, const Chunk& left,
                     const Chunk& right, const std::vector<RowIdx>& bl,
                     const std::vector<RowIdx>& br, const EvalContext& ctx, Chunk* pc,
                     std::vector<uint8_t>* ok) {
  if (!residual) {
    ok->assign(bl.size(), 1);
    return Status::Ok();
  }
  *pc = PairChunk(used, left, right, bl, br);
  ASSIGN_OR_RETURN(std::vector<RowIdx> sel, SelectRows(residual, *pc, ctx));
  ok->assign(bl.size(), 0);
  for (RowIdx k : sel) (*ok)[k] = 1;
  return Status::Ok();
}

Status ProbePairsRange(const CandidateSource& src, const ExprPtr& residual,
                       const std::set<ColId>& used, bool outer, const Chunk& left,
                       const Chunk& right, size_t from, size_t to, const EvalContext& ctx,
                       PairList* out) {
  size_t next_check = kReserveStep;
  auto grow = [&]() -> Status {
    if (out->left.size() < next_check) return Status::Ok();
    next_check += kReserveStep;
    return ReserveMemory(ctx, kReserveStep * 2 * sizeof(RowIdx), "join pairs");
  };
  if (!residual) {  // every candidate matches
    std::vector<RowIdx> scratch;
    for (size_t l = from; l < to; ++l) {
      RowSpan s = src.Get(l, &scratch);
      if (s.size() == 0) {
        if (outer) {
          out->left.push_back(static_cast<RowIdx>(l));
          out->right.push_back(kNoRow);
        }
        continue;
      }
      out->left.insert(out->left.end(), s.size(), static_cast<RowIdx>(l));
      out->right.insert(out->right.end(), s.begin, s.end);
      RETURN_IF_ERROR(grow());
    }
    return Status::Ok();
  }
  BatchCursor cur(src, from, to);
  std::vector<RowIdx> bl, br;
  std::vector<uint8_t> ok;
  Chunk pc;
  bool matched = false;  // the current row has a match (across batches)
  while (cur.More()) {
    size_t row = cur.Next(&bl, &br);
    RETURN_IF_ERROR(CheckResidual(residual, used, left, right, bl, br, ctx, &pc, &ok));
    size_t k = 0;
    size_t end = cur.row() + (cur.partial() ? 1 : 0);
    for (; row < end; ++row) {
      for (; k < bl.size() && bl[k] == row; ++k) {
        if (!ok[k]) continue;
        matched = true;
        out->left.push_back(bl[k]);
        out->right.push_back(br[k]);
      }
      if (row == cur.row()) break;  // continues in the next batch
      if (outer && !matched) {
        out->left.push_back(static_cast<RowIdx>(row));
        out->right.push_back(kNoRow);
      }
      matched = false;
    }
    RETURN_IF_ERROR(grow());
  }
  return Status::Ok();
}

Status ProbeMarksRange(const CandidateSource& src, const ExprPtr& residual, const ExprPtr& eq,
                       const std::set<ColId>& used, const Chunk& left, const Chunk& right,
                       size_t from, size_t to, const EvalContext& ctx, int8_t* mark) {
  if (!residual && !eq) {
    std::vector<RowIdx> scratch;
    for (size_t l = from; l < to; ++l) mark[l] = src.Any(l, &scratch);
    return Status::Ok();
  }
  BatchCursor cur(src, from, to);
  std::vector<RowIdx> bl, br;
  std::vector<uint8_t> ok;
  Chunk pc;
  while (cur.More()) {
    cur.Next(&bl, &br);
    RETURN_IF_ERROR(CheckResidual(residual, used, left, right, bl, br, ctx, &pc, &ok));
    Vec eqv;
    if (eq) {
      if (!residual) pc = PairChunk(used, left, right, bl, br);
      ASSIGN_OR_RETURN(eqv, Eval(*eq, pc, ctx));
    }
    for (size_t k = 0; k < bl.size(); ++k) {
      if (!ok[k]) continue;
      int8_t& m = mark[bl[k]];
      if (!eq || (eqv.valid[k] && eqv.i[k])) {
        m = 1;
      } else if (!eqv.valid[k] && m == 0) {
        m = -1;
      }
    }
  }
  return Status::Ok();
}

std::set<ColId> UsedColumns(const ExprPtr& a, const ExprPtr& b) {
  std::set<ColId> used;
  if (a) CollectColumns(*a, &used);
  if (b) CollectColumns(*b, &used);
  return used;
}

}  // namespace

ExprPtr CheckedResidual(const JoinSpec& spec, const CandidateSource& source) {
  if (!source.ExactBounds()) return MakeAnd(spec.residual);
  std::vector<ExprPtr> rest;
  for (const ExprPtr& c : spec.residual) {
    bool bound = c == spec.grid_conjunct;
    for (const JoinBound& b : spec.bounds) bound = bound || b.conjunct == c;
    if (!bound) rest.push_back(c);
  }
  return MakeAnd(rest);
}

Result<PairList> ProbePairs(const CandidateSource& source, const ExprPtr& residual, bool outer,
                            const Chunk& left, const Chunk& right, const EvalContext& ctx) {
  auto ranges = ProbeRanges(left.rows);
  std::vector<PairList> parts(ranges.size());
  std::set<ColId> used = UsedColumns(residual, nullptr);
  EvalContext tctx = TaskContext(ctx);
  RETURN_IF_ERROR(ParallelFor(ranges.size(), ctx.threads, [&](size_t t) {
    return ProbePairsRange(source, residual, used, outer, left, right, ranges[t].first,
                           ranges[t].second, tctx, &parts[t]);
  }));
  size_t total = 0;
  std::vector<size_t> at(parts.size());
  for (size_t t = 0; t < parts.size(); ++t) {
    at[t] = total;
    total += parts[t].left.size();
  }
  if (parts.size() == 1) return std::move(parts[0]);
  RETURN_IF_ERROR(ReserveMemory(ctx, total * 2 * sizeof(RowIdx), "join pairs"));
  PairList out;
  out.left.resize(total);
  out.right.resize(total);
  RETURN_IF_ERROR(ParallelFor(parts.size(), ctx.threads, [&](size_t t) {
    std::copy(parts[t].left.begin(), parts[t].left.end(), out.left.begin() + at[t]);
    std::copy(parts[t].right.begin(), parts[t].right.end(), out.right.begin() + at[t]);
    std::vector<RowIdx>().swap(parts[t].left);  // free as we go
    std::vector<RowIdx>().swap(parts[t].right);
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<int8_t>> ProbeMarks(const CandidateSource& source, const ExprPtr& residual,
                                       const ExprPtr& eq, const Chunk& left, const Chunk& right,
                                       const EvalContext& ctx) {
  std::vector<int8_t> mark(left.rows, 0);
  auto ranges = ProbeRanges(left.rows);
  std::set<ColId> used = UsedColumns(residual, eq);
  EvalContext tctx = TaskContext(ctx);
  RETURN_IF_ERROR(ParallelFor(ranges.size(), ctx.threads, [&](size_t t) {
    return ProbeMarksRange(source, residual, eq, used, left, right, ranges[t].first,
                           ranges[t].second, tctx, mark.data());
  }));
  return mark;
}

}  // namespace tutela::engine::join
