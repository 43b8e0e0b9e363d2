// Executor: dispatch plus scan, values, filter, project, limit and union.
#include "engine/exec.h"

#include <fmt/format.h>

#include <chrono>

#include "common/parallel.h"

namespace tutela::engine {

namespace {

// Converts rows [from, to) of a table column into `v` (already sized).
void ScanRange(const Table& table, int index, size_t from, size_t to, Vec* out) {
  Vec& v = *out;
  if (index == kLineColumn || index == kRowColumn) {
    for (size_t r = from; r < to; ++r) {
      v.valid[r] = 1;
      v.i[r] = index == kLineColumn ? table.lines()[r] : static_cast<int64_t>(r);
    }
    return;
  }
  if (index == kFileColumn) {
    const auto& fi = table.file_index();
    for (size_t r = from; r < to && r < fi.size(); ++r) {
      if (fi[r] >= table.files().size()) continue;
      v.valid[r] = 1;
      v.s[r] = table.files()[fi[r]];
    }
    return;
  }
  const Column& col = table.column(static_cast<size_t>(index));
  const ValidityBitmap& valid = col.validity();
  for (size_t r = from; r < to; ++r) v.valid[r] = valid.Get(r);
  switch (col.type()) {
    case Type::kInt64:
    case Type::kTimestamp:
      for (size_t r = from; r < to; ++r) v.i[r] = v.valid[r] ? col.i64()[r] : 0;
      break;
    case Type::kDouble:
      for (size_t r = from; r < to; ++r) v.d[r] = col.f64()[r];
      break;
    case Type::kString: {
      const StringDict& dict = col.dict();
      const int32_t* codes = col.i32().data();
      for (size_t r = from; r < to; ++r) {
        v.codes[r] = codes[r];
        if (v.valid[r]) v.s[r] = dict.Get(codes[r]);
      }
      break;
    }
    default:
      for (size_t r = from; r < to; ++r) v.i[r] = v.valid[r] ? col.i32()[r] : 0;
      break;
  }
}

SqlType ScanType(const Table& table, int index) {
  if (index == kLineColumn || index == kRowColumn) return SqlType::kInt;
  if (index == kFileColumn) return SqlType::kText;
  return FromStorageType(table.column(static_cast<size_t>(index)).type());
}

Result<Chunk> ExecScan(const PlanNode& node, const EvalContext& ctx) {
  const Table& table = *node.table;
  size_t n = table.num_rows();
  Chunk out;
  out.rows = n;
  uint64_t bytes = 0;
  for (int index : node.scan_columns) {
    SqlType t = ScanType(table, index);
    bytes += n * (t == SqlType::kText ? 21 : 9);
  }
  RETURN_IF_ERROR(ReserveMemory(ctx, bytes, "scan " + node.table_name));
  for (size_t k = 0; k < node.outputs.size(); ++k) {
    int index = node.scan_columns[k];
    Vec v = Vec::Nulls(ScanType(table, index), n);
    if (v.type == SqlType::kText) v.owners.push_back(node.table);
    if (index >= 0 && table.column(static_cast<size_t>(index)).type() == Type::kString) {
      v.dict = &table.column(static_cast<size_t>(index)).dict();
      v.codes.resize(n);
    }
    out.ids.push_back(node.outputs[k]);
    out.cols.push_back(std::move(v));
  }
  auto ranges = SplitRange(n, static_cast<size_t>(ctx.threads), size_t{1} << 16);
  RETURN_IF_ERROR(ParallelFor(ranges.size(), ctx.threads, [&](size_t t) {
    for (size_t k = 0; k < out.cols.size(); ++k) {
      ScanRange(table, node.scan_columns[k], ranges[t].first, ranges[t].second, &out.cols[k]);
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace

namespace {
Result<Chunk> ExecuteNode(const PlanNode& node, const EvalContext& ctx);

// Worth splitting across threads: anything beyond column references,
// constants and plain operators (functions, CASE, casts).
int Cost(const Expr& e) {
  int c = e.kind == ExprKind::kFunc || e.kind == ExprKind::kCase || e.kind == ExprKind::kCast ? 4
          : e.kind == ExprKind::kColumn || e.kind == ExprKind::kConst                         ? 0
                                                                                              : 1;
  for (const ExprPtr& a : e.args) c += Cost(*a);
  return c;
}

}  // namespace

// Rows of `in` where `predicate` is TRUE. Conjuncts run cheapest first, each
// over the rows that passed the previous ones (the columns later conjuncts
// need are gathered down as the selection shrinks).
Result<std::vector<RowIdx>> SelectRows(const ExprPtr& predicate, const Chunk& in,
                                       const EvalContext& ctx) {
  std::vector<ExprPtr> conj;
  SplitConjuncts(predicate, &conj);
  std::stable_sort(conj.begin(), conj.end(),
                   [](const ExprPtr& a, const ExprPtr& b) { return Cost(*a) < Cost(*b); });
  std::vector<RowIdx> sel;  // rows of `in` still selected (identity while `all`)
  bool all = true;
  Chunk cur;  // `in` restricted to `sel`, only the columns still needed
  for (size_t k = 0; k < conj.size(); ++k) {
    const Chunk& src = all ? in : cur;
    ASSIGN_OR_RETURN(Vec pred, EvalParallel(*conj[k], src, ctx));
    std::vector<RowIdx> pass = SelectTrue(pred);
    if (all && pass.size() == in.rows) continue;
    if (all) {
      sel = std::move(pass);
    } else {
      for (size_t j = 0; j < pass.size(); ++j) sel[j] = sel[pass[j]];
      sel.resize(pass.size());
    }
    bool was_all = all;
    all = false;
    if (k + 1 == conj.size() || sel.empty()) break;
    std::set<ColId> need;
    for (size_t j = k + 1; j < conj.size(); ++j) CollectColumns(*conj[j], &need);
    Chunk next;
    next.rows = sel.size();
    const std::vector<RowIdx>& idx = was_all ? sel : pass;
    for (size_t c = 0; c < src.ids.size(); ++c) {
      if (!need.count(src.ids[c])) continue;
      next.ids.push_back(src.ids[c]);
      next.cols.push_back(src.cols[c].Gather(idx, ctx.threads));
    }
    cur = std::move(next);
  }
  if (all) {
    sel.resize(in.rows);
    for (size_t r = 0; r < in.rows; ++r) sel[r] = static_cast<RowIdx>(r);
  }
  return sel;
}

// The vector of `e` over `in`: the input's own column for a column
// reference (no copy), else evaluated into *storage.
Result<const Vec*> EvalRef(const Expr& e, const Chunk& in, const EvalContext& ctx, Vec* storage) {
  if (const Vec* column = ColumnOf(e, in)) return column;
  ASSIGN_OR_RETURN(*storage, EvalParallel(e, in, ctx));
  return storage;
}

Result<Vec> EvalParallel(const Expr& e, const Chunk& in, const EvalContext& ctx) {
  constexpr size_t kMinRows = size_t{1} << 17;
  if (ctx.threads <= 1 || in.rows < 2 * kMinRows || Cost(e) < 3) return Eval(e, in, ctx);
  std::set<ColId> used;
  CollectColumns(e, &used);
  std::vector<ColId> only(used.begin(), used.end());
  auto ranges = SplitRange(in.rows, static_cast<size_t>(ctx.threads), kMinRows);
  std::vector<Vec> parts(ranges.size());
  RETURN_IF_ERROR(ParallelFor(ranges.size(), ctx.threads, [&](size_t t) -> Status {
    Chunk slice = in.Slice(ranges[t].first, ranges[t].second, only);
    if (only.empty()) slice.rows = ranges[t].second - ranges[t].first;
    ASSIGN_OR_RETURN(parts[t], Eval(e, slice, ctx));
    return Status::Ok();
  }));
  Vec out = std::move(parts[0]);
  for (size_t t = 1; t < parts.size(); ++t) out.Append(parts[t]);
  return out;
}

Result<Chunk> Execute(const PlanNode& node, const EvalContext& ctx) {
  if (ctx.profile == nullptr) return ExecuteNode(node, ctx);
  auto start = std::chrono::steady_clock::now();
  Result<Chunk> out = ExecuteNode(node, ctx);
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  OperatorStats& st = (*ctx.profile)[&node];
  st.seconds += took.count();
  st.calls += 1;
  if (out.ok()) st.rows += out->rows;
  return out;
}

namespace {

Result<Chunk> ExecuteNode(const PlanNode& node, const EvalContext& ctx) {
  switch (node.kind) {
    case PlanKind::kScan:
      return ExecScan(node, ctx);
    case PlanKind::kValues: {
      Chunk out;
      out.rows = 1;
      return out;
    }
    case PlanKind::kFilter: {
      ASSIGN_OR_RETURN(Chunk in, Execute(*node.children[0], ctx));
      ASSIGN_OR_RETURN(std::vector<RowIdx> sel, SelectRows(node.predicate, in, ctx));
      if (sel.size() == in.rows) return in;
      RETURN_IF_ERROR(ReserveMemory(ctx, sel.size() * in.cols.size() * 12, "filter"));
      return in.Gather(sel, ctx.threads);
    }
    case PlanKind::kProject: {
      ASSIGN_OR_RETURN(Chunk in, Execute(*node.children[0], ctx));
      Chunk out;
      out.rows = in.rows;
      for (size_t k = 0; k < node.exprs.size(); ++k) {
        ASSIGN_OR_RETURN(Vec v, EvalParallel(*node.exprs[k], in, ctx));
        out.ids.push_back(node.outputs[k]);
        out.cols.push_back(std::move(v));
      }
      return out;
    }
    case PlanKind::kAggregate: {
      ASSIGN_OR_RETURN(Chunk in, Execute(*node.children[0], ctx));
      return ExecAggregate(node, in, ctx);
    }
    case PlanKind::kJoin: {
      ASSIGN_OR_RETURN(Chunk left, Execute(*node.children[0], ctx));
      ASSIGN_OR_RETURN(Chunk right, Execute(*node.children[1], ctx));
      return ExecJoin(node, std::move(left), std::move(right), ctx);
    }
    case PlanKind::kSort: {
      ASSIGN_OR_RETURN(Chunk in, Execute(*node.children[0], ctx));
      return ExecSort(node, in, ctx);
    }
    case PlanKind::kLimit: {
      const PlanNode& c = *node.children[0];
      bool top_k = c.kind == PlanKind::kSort && node.limit >= 0;
      ASSIGN_OR_RETURN(Chunk in,
                       top_k ? ExecSortLimit(c, node.offset, node.limit, ctx) : Execute(c, ctx));
      size_t from = std::min(in.rows, static_cast<size_t>(node.offset));
      size_t to =
          node.limit < 0 ? in.rows : std::min(in.rows, from + static_cast<size_t>(node.limit));
      if (from == 0 && to == in.rows) return in;
      std::vector<RowIdx> sel;
      for (size_t r = from; r < to; ++r) sel.push_back(static_cast<RowIdx>(r));
      return in.Gather(sel);
    }
    case PlanKind::kUnion: {
      Chunk out;
      out.ids = node.outputs;
      for (ColId c : node.outputs) {
        (void)c;
        out.cols.emplace_back();
      }
      bool first = true;
      for (size_t ch = 0; ch < node.children.size(); ++ch) {
        ASSIGN_OR_RETURN(Chunk in, Execute(*node.children[ch], ctx));
        for (size_t k = 0; k < node.outputs.size(); ++k) {
          int pos = in.Find(node.union_inputs[ch][k]);
          if (pos < 0) return Status::Internal("union input missing");
          const Vec& v = in.cols[static_cast<size_t>(pos)];
          if (first) {
            out.cols[k] = v;
          } else {
            out.cols[k].Append(v);
          }
        }
        out.rows += in.rows;
        first = false;
      }
      return out;
    }
  }
  return Status::Internal("unknown plan node");
}

}  // namespace

}  // namespace tutela::engine
