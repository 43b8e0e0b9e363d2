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
