// Range (band) join candidates: per key group the right rows sorted by the
// bounded expression; each left row binary-searches its window [lo, hi]
// (point-in-window, BETWEEN, or a single < <= > >= bound).
#include <algorithm>

#include "engine/exec_join_internal.h"

namespace tutela::engine::join {

namespace {

class RangeSource : public CandidateSource {
 public:
  explicit RangeSource(const KeyGroups& groups) : groups_(groups) {}
  Status Build(const JoinSpec& spec, const Chunk& left, const Chunk& right, const EvalContext& ctx);

  RowSpan Get(size_t l, std::vector<RowIdx>* scratch) const override {
    size_t first, last;
    if (!Window(l, &first, &last)) return {};
    int64_t g = groups_.OfLeft(l);
    size_t b = sorted_.off[static_cast<size_t>(g)], e = sorted_.off[static_cast<size_t>(g) + 1];
    if (first == b && last == e) {  // the whole group: already in row order
      return {row_order_.data() + b, row_order_.data() + e};
    }
    scratch->clear();
    for (size_t k = first; k < last; ++k) scratch->push_back(sorted_.rows[k].row);
    std::sort(scratch->begin(), scratch->end());
    return {scratch->data(), scratch->data() + scratch->size()};
  }
  bool Any(size_t l, std::vector<RowIdx>*) const override {
    size_t first, last;
    return Window(l, &first, &last);
  }
  bool ExactBounds() const override { return true; }

 private:
  // Positions [first, last) in sorted_ of left row l's window; false if empty.
  bool Window(size_t l, size_t* first, size_t* last) const {
    int64_t g = groups_.OfLeft(l);
    if (g < 0) return false;
    const KeyedRow* base = sorted_.rows.data();
    const KeyedRow* kb = base + sorted_.off[static_cast<size_t>(g)];
    const KeyedRow* ke = base + sorted_.off[static_cast<size_t>(g) + 1];
    auto below = [](const KeyedRow& a, int64_t v) { return a.key < v; };
    auto above = [](int64_t v, const KeyedRow& a) { return v < a.key; };
    const KeyedRow* f = kb;
    const KeyedRow* e = ke;
    if (has_lo_) {
      if (!lo_.valid()[l]) return false;
      int64_t v = lo_.data()[l];
      f = lo_strict_ ? std::upper_bound(kb, ke, v, above) : std::lower_bound(kb, ke, v, below);
    }
    if (has_hi_) {
      if (!hi_.valid()[l]) return false;
      int64_t v = hi_.data()[l];
      e = hi_strict_ ? std::lower_bound(f, ke, v, below) : std::upper_bound(f, ke, v, above);
    }
    *first = static_cast<size_t>(f - base);
    *last = static_cast<size_t>(e - base);
    return f < e;
  }

  const KeyGroups& groups_;
  SortedGroups sorted_;            // per group, rows with a non-NULL key sorted by key
  std::vector<RowIdx> row_order_;  // the same rows per group in row order
  OrderKey lo_, hi_;               // left bounds
  bool has_lo_ = false, has_hi_ = false, lo_strict_ = false, hi_strict_ = false;
};

Status RangeSource::Build(const JoinSpec& spec, const Chunk& left, const Chunk& right,
                          const EvalContext& ctx) {
  if (spec.bounds.empty() || spec.bounds.size() > 2) {
    return Status::Internal("range join needs one or two bounds");
  }
  ASSIGN_OR_RETURN(OrderKey rkey, EvalOrderKey(*spec.bounds[0].right, right, ctx));
  for (const JoinBound& b : spec.bounds) {
    ASSIGN_OR_RETURN(OrderKey k, EvalOrderKey(*b.left, left, ctx));
    if (b.upper) {
      hi_ = std::move(k);
      has_hi_ = true;
      hi_strict_ = b.strict;
    } else {
      lo_ = std::move(k);
      has_lo_ = true;
      lo_strict_ = b.strict;
    }
  }
  return SortRowsByGroup(right.rows, groups_.count, groups_.keyless ? nullptr : &groups_.right,
                         &rkey.vec.valid, rkey.data(), nullptr, ctx, &sorted_, &row_order_);
}

}  // namespace

Result<std::unique_ptr<CandidateSource>> MakeRangeSource(const JoinSpec& spec,
                                                         const KeyGroups& groups, const Chunk& left,
                                                         const Chunk& right,
                                                         const EvalContext& ctx) {
  auto src = std::make_unique<RangeSource>(groups);
  RETURN_IF_ERROR(src->Build(spec, left, right, ctx));
  return std::unique_ptr<CandidateSource>(std::move(src));
}

}  // namespace tutela::engine::join
