// Internal interfaces of the join executor (exec_join*.cc): key groups,
// candidate sources (one per JoinAlgo) and the parallel probe. A candidate
// source lists, per left row, the right rows that may satisfy the condition
// (a superset of the TRUE pairs), ascending; the probe checks the residual.
// Sources are built once, then read concurrently by the probe's tasks
// (Get is const and touches only the caller's scratch).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/exec.h"

namespace tutela::engine::join {

// Evaluates `exprs` over `in` (in parallel for large inputs).
Result<std::vector<Vec>> EvalAll(const std::vector<ExprPtr>& exprs, const Chunk& in,
                                 const EvalContext& ctx);

// Whether two vectors certainly hold the same values row by row (the two
// sides of a self-join read the same scan): equal bytes, text compared by
// dictionary codes or by view (pointer and length). False negatives are fine.
bool SameData(const Vec& a, const Vec& b);

// Equality-key groups: dense ids of the key tuples of both sides.
struct KeyGroups {
  bool keyless = true;         // no keys: one group holding every row
  std::vector<int64_t> left;   // per left row: group id or -1 (empty when keyless)
  std::vector<int64_t> right;  // per right row: group id or -1 (empty when keyless)
  size_t count = 1;            // number of group ids
  bool same_sides = false;     // left == right (a self-join on the same keys)
  std::vector<Vec> keep;       // key vectors (text views point into them)

  int64_t OfLeft(size_t l) const { return keyless ? 0 : left[l]; }
  int64_t OfRight(size_t r) const { return keyless ? 0 : right[r]; }
};
Result<KeyGroups> EncodeKeyGroups(const std::vector<ExprPtr>& left_keys,
                                  const std::vector<ExprPtr>& right_keys, const Chunk& left,
                                  const Chunk& right, const EvalContext& ctx);

// Rows grouped by group id (counting sort, row order kept within a group):
// rows[off[g] .. off[g + 1]) are group g's rows.
struct GroupedRows {
  std::vector<uint32_t> off;
  std::vector<RowIdx> rows;
};
// Rows r in [0, n) with (*group_of)[r] >= 0 (all in group 0 when null) and
// (*keep)[r] (all when null); parallel, same result for any thread count.
Status GroupRows(size_t n, size_t groups, const std::vector<int64_t>* group_of,
                 const std::vector<uint8_t>* keep, const EvalContext& ctx, GroupedRows* out);

// A row with its sort key and a payload.
struct KeyedRow {
  int64_t key;
  int64_t aux;
  RowIdx row;
};
// As GroupedRows, each group sorted by (key, row).
struct SortedGroups {
  std::vector<uint32_t> off;
  std::vector<KeyedRow> rows;
};
// The rows of GroupRows with key[r] and aux[r] (aux may be null), each group
// sorted by (key, row); `row_order` (optional) gets the rows in row order,
// aligned with out->rows.
Status SortRowsByGroup(size_t n, size_t groups, const std::vector<int64_t>* group_of,
                       const std::vector<uint8_t>* keep, const int64_t* key, const int64_t* aux,
                       const EvalContext& ctx, SortedGroups* out, std::vector<RowIdx>* row_order);

// An orderable evaluated expression: int64 keys that compare like the SQL
// values (doubles mapped so that NaN is largest and -0 equals 0).
struct OrderKey {
  Vec vec;
  std::vector<int64_t> own;  // keys of doubles (or of a vector without values)
  bool own_keys = false;
  const int64_t* data() const { return own_keys ? own.data() : vec.i.data(); }
  const uint8_t* valid() const { return vec.valid.data(); }
};
Result<OrderKey> EvalOrderKey(const Expr& e, const Chunk& in, const EvalContext& ctx);
int64_t DoubleOrderKey(double x);

struct RowSpan {
  const RowIdx* begin = nullptr;
  const RowIdx* end = nullptr;
  size_t size() const { return static_cast<size_t>(end - begin); }
};

class CandidateSource {
 public:
  virtual ~CandidateSource() = default;
  // Right rows that may pair with left row l, ascending (views into the
  // source or into *scratch, valid until the next call with that scratch).
  virtual RowSpan Get(size_t l, std::vector<RowIdx>* scratch) const = 0;
  // Whether left row l has any candidate.
  virtual bool Any(size_t l, std::vector<RowIdx>* scratch) const {
    return Get(l, scratch).size() > 0;
  }
  // True when every candidate satisfies all of the spec's bounds (so they
  // need no second check).
  virtual bool ExactBounds() const { return false; }
};

// The conjuncts the probe must check on the candidates of `source`.
ExprPtr CheckedResidual(const JoinSpec& spec, const CandidateSource& source);

// kHash / kNestedLoop: the rows of the left row's key group.
Result<std::unique_ptr<CandidateSource>> MakeHashSource(const KeyGroups& groups, size_t right_rows,
                                                        const EvalContext& ctx);
// kRangeSweep: per group, right rows sorted by the bounded expression.
Result<std::unique_ptr<CandidateSource>> MakeRangeSource(const JoinSpec& spec,
                                                         const KeyGroups& groups, const Chunk& left,
                                                         const Chunk& right,
                                                         const EvalContext& ctx);
// kIntervalSweep: candidate lists per left row from a sweep of each group.
Result<std::unique_ptr<CandidateSource>> MakeIntervalSource(const JoinSpec& spec,
                                                            const KeyGroups& groups,
                                                            const Chunk& left, const Chunk& right,
                                                            const EvalContext& ctx);
// kGrid: right points in latitude/longitude cells per group.
Result<std::unique_ptr<CandidateSource>> MakeGridSource(const JoinSpec& spec,
                                                        const KeyGroups& groups, const Chunk& left,
                                                        const Chunk& right, const EvalContext& ctx);

// Contiguous left-row ranges for the probe: fixed by the row count only, so
// the work (and any error) is the same for every thread count.
std::vector<std::pair<size_t, size_t>> ProbeRanges(size_t rows);
// A copy of ctx for work inside one parallel task (no nested threads).
EvalContext TaskContext(const EvalContext& ctx);

// Matching pairs of an inner or left join, in left-row order, each left
// row's right rows ascending; left joins add (l, kNoRow) for unmatched rows.
struct PairList {
  std::vector<RowIdx> left, right;
};
Result<PairList> ProbePairs(const CandidateSource& source, const ExprPtr& residual, bool outer,
                            const Chunk& left, const Chunk& right, const EvalContext& ctx);

// Mark per left row (1 TRUE, 0 FALSE, -1 NULL): TRUE when a candidate pair
// satisfies `residual` (null = every candidate) and, for IN, `eq` is TRUE;
// NULL when only pairs with a NULL `eq` satisfy it.
Result<std::vector<int8_t>> ProbeMarks(const CandidateSource& source, const ExprPtr& residual,
                                       const ExprPtr& eq, const Chunk& left, const Chunk& right,
                                       const EvalContext& ctx);

}  // namespace tutela::engine::join
