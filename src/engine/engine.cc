// Engine entry points: parse, bind, optimize, execute, materialize.
#include "engine/engine.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <chrono>
#include <new>

#include "common/parallel.h"
#include "engine/binder.h"
#include "engine/exec.h"
#include "engine/optimizer.h"
#include "engine/sql_parser.h"

namespace tutela::engine {

namespace {

struct Prepared {
  BoundQuery bound;
  PlanPtr plan;
  bool explain = false;
  bool analyze = false;
};

// Execute, with allocation failures turned into a clear error (the memory
// budget's checks catch most cases before they allocate).
Result<Chunk> RunPlan(const PlanNode& plan, const EvalContext& ctx) {
  try {
    return Execute(plan, ctx);
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted(
        "内存不足：查询所需内存超过系统可分配的内存 / out of memory: the query needs more memory "
        "than the system can allocate (try --memory-limit, fewer --threads, or a narrower query)");
  }
}

Result<Prepared> Prepare(const Catalog& catalog, std::string_view sql,
                         const QueryOptions& options) {
  ASSIGN_OR_RETURN(AstStatement stmt, ParseStatement(sql));
  BindOptions bo;
  bo.catalog = &catalog;
  bo.as_of = options.as_of;
  bo.params = &options.params;
  Prepared p;
  p.explain = stmt.explain;
  p.analyze = stmt.analyze;
  ASSIGN_OR_RETURN(p.bound, Bind(stmt, sql, bo));
  ASSIGN_OR_RETURN(p.plan, Optimize(p.bound.root, options.disabled_passes));
  return p;
}

Status AppendVec(const Vec& v, const EvalContext& ctx, bool ids_as_text, Column* col) {
  for (size_t r = 0; r < v.size(); ++r) {
    if (!v.valid[r]) {
      col->AppendNull();
      continue;
    }
    switch (v.type) {
      case SqlType::kBool:
      case SqlType::kDate:
        col->AppendI32(static_cast<int32_t>(v.i[r]));
        break;
      case SqlType::kInt:
      case SqlType::kTimestamp:
        col->AppendInt(v.i[r]);
        break;
      case SqlType::kDouble:
        col->AppendDouble(v.d[r]);
        break;
      case SqlType::kText:
        col->AppendString(v.s[r]);
        break;
      case SqlType::kPersonId:
        if (ids_as_text) {
          col->AppendString(ctx.persons->Id(static_cast<int32_t>(v.i[r])));
        } else {
          col->AppendI32(static_cast<int32_t>(v.i[r]));
        }
        break;
      case SqlType::kInterval:
        col->AppendString(FormatInterval(Interval{v.months[r], v.i[r]}));
        break;
      case SqlType::kNull:
        col->AppendNull();
        break;
    }
  }
  return Status::Ok();
}

Type StorageOf(SqlType t, bool ids_as_text) {
  switch (t) {
    case SqlType::kBool:
      return Type::kBool;
    case SqlType::kInt:
      return Type::kInt64;
    case SqlType::kDouble:
      return Type::kDouble;
    case SqlType::kDate:
      return Type::kDate;
    case SqlType::kTimestamp:
      return Type::kTimestamp;
    case SqlType::kPersonId:
      return ids_as_text ? Type::kString : Type::kPersonId;
    default:
      return Type::kString;
  }
}

}  // namespace

Result<std::shared_ptr<Table>> ExecuteQuery(const Catalog& catalog, std::string_view sql,
                                            const QueryOptions& options) {
  ASSIGN_OR_RETURN(Prepared p, Prepare(catalog, sql, options));
  EvalContext ctx;
  ctx.persons = &catalog.persons();
  ctx.as_of = options.as_of;
  ctx.threads = options.threads > 0 ? options.threads : DefaultThreads();
  MemoryBudget memory(options.memory_limit);
  ctx.memory = &memory;
  if (p.explain) {
    auto table =
        std::make_shared<Table>("result", std::vector<ColumnSpec>{{"plan", Type::kString}});
    std::string text;
    if (p.analyze) {
      OperatorProfile profile;
      ctx.profile = &profile;
      auto start = std::chrono::steady_clock::now();
      ASSIGN_OR_RETURN(Chunk chunk, RunPlan(*p.plan, ctx));
      std::chrono::duration<double> total = std::chrono::steady_clock::now() - start;
      text = PlanToString(*p.plan, p.bound.columns, [&](const PlanNode& n) {
        auto it = profile.find(&n);
        if (it == profile.end()) return std::string("  (not run)");
        // Self time: inclusive time minus the children's.
        double self = it->second.seconds;
        for (const PlanPtr& c : n.children) {
          auto ci = profile.find(c.get());
          if (ci != profile.end()) self -= ci->second.seconds;
        }
        return fmt::format("  (rows={} time={:.1f} ms)", it->second.rows,
                           std::max(0.0, self) * 1000);
      });
      text += fmt::format("-- {} rows in {:.1f} ms, {} threads\n", chunk.rows, total.count() * 1000,
                          ctx.threads);
    } else {
      text = PlanToString(*p.plan, p.bound.columns);
    }
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      table->mutable_column(0).AppendString(std::string_view(text).substr(start, end - start));
      table->FinishRow(0, 0);
      start = end + 1;
    }
    return table;
  }
  ASSIGN_OR_RETURN(Chunk chunk, RunPlan(*p.plan, ctx));
  std::vector<ColumnSpec> schema;
  const BoundQuery& b = p.bound;
  for (size_t k = 0; k < b.output_cols.size(); ++k) {
    SqlType t = b.columns[static_cast<size_t>(b.output_cols[k])].type;
    schema.push_back(ColumnSpec{b.output_names[k], StorageOf(t, options.person_ids_as_text)});
  }
  auto table = std::make_shared<Table>("result", schema);
  for (size_t k = 0; k < b.output_cols.size(); ++k) {
    int pos = chunk.Find(b.output_cols[k]);
    if (pos < 0) return Status::Internal("result column missing");
    Column& col = table->mutable_column(k);
    col.Reserve(chunk.rows);
    RETURN_IF_ERROR(
        AppendVec(chunk.cols[static_cast<size_t>(pos)], ctx, options.person_ids_as_text, &col));
  }
  table->mutable_lines().assign(chunk.rows, 0);
  table->mutable_file_index().assign(chunk.rows, 0);
  return table;
}

Result<std::string> Explain(const Catalog& catalog, std::string_view sql,
                            const QueryOptions& options) {
  ASSIGN_OR_RETURN(Prepared p, Prepare(catalog, sql, options));
  return PlanToString(*p.plan, p.bound.columns);
}

Value ParseParamValue(std::string_view text) {
  int64_t i;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
  if (ec == std::errc() && ptr == text.data() + text.size() && !text.empty()) return Value::Int(i);
  if (text == "true" || text == "false") return Value::Bool(text == "true");
  if (auto d = ParseIsoDate(text)) return Value::Date(*d);
  Seconds ts;
  if (ParseTimestampText(text, &ts)) return Value::Timestamp(ts);
  bool numeric = !text.empty();
  bool digit = false;
  for (char c : text) {
    digit = digit || std::isdigit(static_cast<unsigned char>(c));
    numeric = numeric && (std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
                          c == '+' || c == 'e' || c == 'E');
  }
  if (numeric && digit) {
    std::string s(text);
    char* end = nullptr;
    double d = std::strtod(s.c_str(), &end);
    if (end == s.c_str() + s.size()) return Value::Double(d);
  }
  return Value::Text(std::string(text));
}

}  // namespace tutela::engine
