// The logical plan: an explicit, printable operator tree that the binder
// produces, the optimizer rewrites and the executor runs. Kept independent
// of the executor so it can later be lowered to a distributed engine.
// Nodes are immutable once the optimizer is done; shared via shared_ptr.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/table.h"
#include "engine/expr.h"

namespace tutela::engine {

enum class PlanKind { kScan, kValues, kFilter, kProject, kAggregate, kJoin, kSort, kLimit, kUnion };

enum class JoinKind {
  kInner,   // pairs satisfying the condition
  kLeft,    // plus unmatched left rows with NULLs on the right
  kCross,   // all pairs (condition is null)
  kSemi,    // left rows whose mark is TRUE (EXISTS, IN)
  kAnti,    // left rows whose mark is FALSE (NOT EXISTS, NOT IN with NULL semantics)
  kMark,    // every left row plus a bool column `mark`: EXISTS / IN as a value
  kSingle,  // left rows plus the only row of the right side (scalar subquery)
};
const char* JoinKindName(JoinKind k);

// Join algorithms the join_strategy pass picks (join_strategy.h). Every one
// generates candidate pairs (a superset of the pairs whose condition is TRUE)
// and checks the non-key conjuncts (JoinSpec::residual) exactly on them.
enum class JoinAlgo : uint8_t {
  kHash,           // equality keys; pairs of a key group
  kNestedLoop,     // no key: every pair
  kRangeSweep,     // right rows sorted by one expression, binary search per left row
  kIntervalSweep,  // overlap of [start, end) intervals: sort both sides, sweep
  kGrid,           // haversine_m(...) <= d: spatial grid on the right side
};
const char* JoinAlgoName(JoinAlgo a);

// A conjunct `right op left` (op one of < <= > >=; written either way round)
// with `right` over the right child only and `left` over the left child only,
// both of one orderable type (int, double, date, timestamp, bool).
struct JoinBound {
  ExprPtr conjunct;  // as written, for EXPLAIN
  ExprPtr right, left;
  bool upper = false;   // right < left (or <=); else right > left (or >=)
  bool strict = false;  // < or >
};

// How a join runs. Null on a PlanNode (join_strategy off) means a hash join
// on the equality keys of SplitJoinCondition, else a nested loop.
struct JoinSpec {
  JoinAlgo algo = JoinAlgo::kHash;
  std::vector<ExprPtr> left_keys, right_keys;
  // Every conjunct that is not a key, the bounds and the grid conjunct
  // included: checked exactly on each candidate pair, except where the
  // candidate source applies them exactly itself (kRangeSweep's and
  // kIntervalSweep's bounds, kGrid's distance).
  std::vector<ExprPtr> residual;
  // kRangeSweep: one or two bounds on one right expression.
  // kIntervalSweep: bounds[0] is an upper bound on the right start (Rs < Le),
  // bounds[1] a lower bound on the right end (Re > Ls); all four of one type.
  std::vector<JoinBound> bounds;
  // kGrid: haversine_m(left_lat, left_lon, right_lat, right_lon) <= distance
  // (or <), distance a double expression without columns.
  ExprPtr grid_conjunct;
  ExprPtr left_lat, left_lon, right_lat, right_lon, distance;
};

// Scan column index for the pseudo-columns.
constexpr int kLineColumn = -1;  // _line: Table::lines()
constexpr int kFileColumn = -2;  // _file: the row's source file base name
constexpr int kRowColumn = -3;   // _row: the row's index in its catalog table (evidence)

struct SortKey {
  ExprPtr expr;
  bool desc = false;
  bool nulls_first = false;
};

struct PlanNode;
using PlanPtr = std::shared_ptr<PlanNode>;

struct PlanNode {
  PlanKind kind = PlanKind::kValues;
  std::vector<PlanPtr> children;
  // Output columns, in order. For kProject/kAggregate they are the ids the
  // node defines; other nodes pass child columns through.
  std::vector<ColId> outputs;

  // kScan
  std::string table_name;
  std::shared_ptr<const Table> table;
  std::vector<int> scan_columns;  // per output: table column index or kLineColumn/kFileColumn

  // kFilter predicate; kJoin condition (null = always true)
  ExprPtr predicate;

  // kProject: one expression per output.
  std::vector<ExprPtr> exprs;

  // kAggregate: outputs = one per group expression, then one per aggregate.
  std::vector<ExprPtr> groups;
  std::vector<ExprPtr> aggs;

  // kJoin
  JoinKind join_kind = JoinKind::kInner;
  // Semi/anti/mark joins built from IN: left value and right value compared
  // with `=` and SQL's NULL semantics. Null for EXISTS.
  ExprPtr in_left, in_right;
  ColId mark = -1;  // kMark: the output column
  // Chosen by the join_strategy pass; null = hash join or nested loop.
  std::shared_ptr<const JoinSpec> join_spec;

  // kSort
  std::vector<SortKey> sort_keys;

  // kLimit
  int64_t limit = -1;  // -1: none
  int64_t offset = 0;

  // kUnion: union_inputs[child][k] is child's column feeding outputs[k].
  std::vector<std::vector<ColId>> union_inputs;
};

// Columns a node produces (computed from kind and children).
std::vector<ColId> ComputeOutputs(const PlanNode& node);
// Recomputes `outputs` for pass-through nodes, bottom-up.
void RefreshOutputs(PlanNode* node);
// All column ids produced anywhere in the subtree.
void CollectProduced(const PlanNode& node, std::set<ColId>* out);
// All column ids the subtree's expressions reference.
void CollectReferenced(const PlanNode& node, std::set<ColId>* out);

// Splits a join condition into hash-join keys (equalities between an
// expression over the left child only and one over the right child only)
// and the residual conjuncts, using the children's output columns.
struct JoinCondition {
  std::vector<ExprPtr> left_keys, right_keys;
  std::vector<ExprPtr> residual;
};
JoinCondition SplitJoinCondition(const ExprPtr& condition, const std::vector<ColId>& left_cols,
                                 const std::vector<ColId>& right_cols);

// `annotate`, when given, returns extra text appended to a node's line
// (EXPLAIN ANALYZE: rows and time per operator).
using PlanAnnotator = std::function<std::string(const PlanNode&)>;
std::string PlanToString(const PlanNode& root, const std::vector<ColumnInfo>& cols,
                         const PlanAnnotator& annotate = nullptr);

}  // namespace tutela::engine
