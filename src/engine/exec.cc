// Executor: dispatch plus scan, values, filter, project, limit and union.
#include "engine/exec.h"

#include <fmt/format.h>

namespace tutela::engine {

namespace {

Vec ScanColumn(const Table& table, std::shared_ptr<const Table> owner, int index) {
  size_t n = table.num_rows();
  if (index == kLineColumn) {
    Vec v = Vec::Nulls(SqlType::kInt, n);
    for (size_t r = 0; r < n; ++r) {
      v.valid[r] = 1;
      v.i[r] = table.lines()[r];
    }
    return v;
  }
  if (index == kRowColumn) {
    Vec v = Vec::Nulls(SqlType::kInt, n);
    for (size_t r = 0; r < n; ++r) {
      v.valid[r] = 1;
      v.i[r] = static_cast<int64_t>(r);
    }
    return v;
  }
  if (index == kFileColumn) {
    Vec v = Vec::Nulls(SqlType::kText, n);
    v.owners.push_back(owner);
    const auto& fi = table.file_index();
    for (size_t r = 0; r < n && r < fi.size(); ++r) {
      if (fi[r] >= table.files().size()) continue;
      v.valid[r] = 1;
      v.s[r] = table.files()[fi[r]];
    }
    return v;
  }
  const Column& col = table.column(static_cast<size_t>(index));
  SqlType type = FromStorageType(col.type());
  Vec v = Vec::Nulls(type, n);
  const ValidityBitmap& valid = col.validity();
  for (size_t r = 0; r < n; ++r) v.valid[r] = valid.Get(r);
  switch (col.type()) {
    case Type::kInt64:
    case Type::kTimestamp:
      for (size_t r = 0; r < n; ++r) v.i[r] = col.i64()[r];
      break;
    case Type::kDouble:
      for (size_t r = 0; r < n; ++r) v.d[r] = col.f64()[r];
      break;
    case Type::kString: {
      v.owners.push_back(owner);
      const StringDict& dict = col.dict();
      for (size_t r = 0; r < n; ++r) {
        if (v.valid[r]) v.s[r] = dict.Get(col.i32()[r]);
      }
      break;
    }
    default:
      for (size_t r = 0; r < n; ++r) v.i[r] = col.i32()[r];
      break;
  }
  for (size_t r = 0; r < n; ++r) {
    if (v.valid[r]) continue;
    if (!v.i.empty()) v.i[r] = 0;
  }
  return v;
}

}  // namespace

Result<Chunk> Execute(const PlanNode& node, const EvalContext& ctx) {
  switch (node.kind) {
    case PlanKind::kScan: {
      Chunk out;
      out.rows = node.table->num_rows();
      for (size_t k = 0; k < node.outputs.size(); ++k) {
        out.ids.push_back(node.outputs[k]);
        out.cols.push_back(ScanColumn(*node.table, node.table, node.scan_columns[k]));
      }
      return out;
    }
    case PlanKind::kValues: {
      Chunk out;
      out.rows = 1;
      return out;
    }
    case PlanKind::kFilter: {
      ASSIGN_OR_RETURN(Chunk in, Execute(*node.children[0], ctx));
      ASSIGN_OR_RETURN(Vec pred, Eval(*node.predicate, in, ctx));
      std::vector<RowIdx> sel = SelectTrue(pred);
      if (sel.size() == in.rows) return in;
      return in.Gather(sel);
    }
    case PlanKind::kProject: {
      ASSIGN_OR_RETURN(Chunk in, Execute(*node.children[0], ctx));
      Chunk out;
      out.rows = in.rows;
      for (size_t k = 0; k < node.exprs.size(); ++k) {
        ASSIGN_OR_RETURN(Vec v, Eval(*node.exprs[k], in, ctx));
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
      ASSIGN_OR_RETURN(Chunk in, Execute(*node.children[0], ctx));
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

}  // namespace tutela::engine
