// Model runner: rule SQL -> result rows -> clues.
#include "models/runner.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>

#include "engine/engine.h"
#include "ingest/schema.h"

namespace tutela::models {

namespace {

std::string WrapRule(const RuleDef& r) {
  std::string sel;
  for (const std::string& k : r.keys) sel += k + ", ";
  sel += "(" + r.severity + ") AS __severity, (" + r.department + ") AS __department";
  for (size_t i = 0; i < r.target.size(); ++i) {
    sel += fmt::format(", ({}) AS __target{}", r.target[i].second, i);
  }
  for (size_t i = 0; i < r.evidence.size(); ++i) {
    sel += fmt::format(", {} AS __ev{}", r.evidence[i].second, i);
  }
  return "SELECT " + sel + " FROM (\n" + r.sql + "\n) AS __rule";
}

// Rewrites "L:C: message" of an error in the wrapped query to the model file's position.
Status MapError(const Status& s, const ModelDef& m, const RuleDef& r) {
  const std::string& msg = s.message();
  int line = 0, col = 0;
  int consumed = 0;
  if (std::sscanf(msg.c_str(), "%d:%d:%n", &line, &col, &consumed) >= 2 && consumed > 0) {
    if (line >= 2) {
      return Status(s.code(), fmt::format("{}:{}:{}:{}", m.path, r.sql_line + line - 2, col,
                                          msg.substr(static_cast<size_t>(consumed))));
    }
    return Status(s.code(),
                  fmt::format("{}: 规则 {} 的元数据表达式 / metadata expression of rule {}: {}",
                              m.path, r.name, r.name, msg));
  }
  return s.WithContext(m.path + ": rule " + r.name);
}

std::string CellText(const Catalog& catalog, const Column& col, size_t row) {
  if (col.IsNull(row)) return "";
  switch (col.type()) {
    case Type::kBool:
      return col.GetI32(row) ? "true" : "false";
    case Type::kInt64:
      return fmt::format("{}", col.GetInt(row));
    case Type::kDouble:
      return fmt::format("{}", col.GetDouble(row));
    case Type::kDate:
      return FormatDate(col.GetI32(row));
    case Type::kTimestamp:
      return FormatTimestamp(col.GetInt(row));
    case Type::kString:
      return col.GetString(row);
    case Type::kPersonId:
      return catalog.persons().Id(col.GetI32(row));
  }
  return "";
}

void NoteInvalid(const Catalog& catalog, const Column& col, size_t row, Clue* clue) {
  if (col.type() != Type::kPersonId || col.IsNull(row)) return;
  int32_t code = col.GetI32(row);
  if (catalog.persons().Info(code).problem != IdProblem::kNone) {
    clue->invalid_ids.push_back(catalog.persons().Id(code));
  }
}

// Adds evidence row `r` of `table` to the clue, with its identity link and invalid IDs.
Status AddEvidence(const Catalog& catalog, const std::string& table_name, int64_t r, Clue* clue) {
  const Table* t = catalog.GetTable(table_name);
  if (t == nullptr || r < 0 || static_cast<size_t>(r) >= t->num_rows()) {
    return Status::InvalidInput(
        fmt::format("证据行无效 / evidence row {} of table {} does not exist", r, table_name));
  }
  size_t row = static_cast<size_t>(r);
  Evidence e;
  e.table = table_name;
  e.line = t->lines()[row];
  e.file = t->files().empty() ? "" : t->files()[t->file_index()[row]];
  e.print_file = t->files().size() > 1;
  clue->evidence.push_back(e);
  for (size_t c = 0; c < t->num_columns(); ++c) NoteInvalid(catalog, t->column(c), row, clue);
  int linked = t->ColumnIndex("_linked");
  const ingest::TableDef* def = ingest::FindTable(table_name);
  if (linked >= 0 && def && !def->link_id.empty()) {
    const Column& lc = t->column(static_cast<size_t>(linked));
    int id_col = t->ColumnIndex(def->link_id);
    if (!lc.IsNull(row) && lc.GetI32(row) == 1 && id_col >= 0) {
      const Column& ic = t->column(static_cast<size_t>(id_col));
      if (!ic.IsNull(row)) {
        clue->identity_links.push_back(
            {table_name, e.line, catalog.persons().Id(ic.GetI32(row)), "name+birth_date"});
      }
    }
  }
  return Status::Ok();
}

Result<std::vector<Clue>> RunRule(const Catalog& catalog, const ModelDef& m, const RuleDef& r,
                                  const engine::QueryOptions& qopts, size_t* rows) {
  auto result = engine::ExecuteQuery(catalog, WrapRule(r), qopts);
  if (!result.ok()) return MapError(result.status(), m, r);
  const Table& t = **result;
  *rows = t.num_rows();
  const size_t nk = r.keys.size();
  const size_t sev_col = nk, dep_col = nk + 1, target0 = nk + 2, ev0 = target0 + r.target.size();
  std::vector<Clue> clues;
  clues.reserve(t.num_rows());
  for (size_t row = 0; row < t.num_rows(); ++row) {
    Clue c;
    c.model = m.id;
    c.rule = r.name;
    c.title_zh = r.title_zh.empty() ? m.title_zh : r.title_zh;
    c.legal_basis = r.legal_basis.empty() ? m.legal_basis : r.legal_basis;
    for (size_t k = 0; k < nk; ++k) {
      c.keys[r.keys[k]] = CellText(catalog, t.column(k), row);
      NoteInvalid(catalog, t.column(k), row, &c);
    }
    std::string sev = CellText(catalog, t.column(sev_col), row);
    if (!ParseSeverity(sev, &c.severity)) {
      return Status::InvalidInput(fmt::format(
          "{}: 规则 {} 的 severity 应为 high/medium/low / rule {} severity must be high, medium or "
          "low, got \"{}\"",
          m.path, r.name, r.name, sev));
    }
    c.department = CellText(catalog, t.column(dep_col), row);
    for (size_t i = 0; i < r.target.size(); ++i) {
      std::string v = CellText(catalog, t.column(target0 + i), row);
      if (!v.empty()) c.target[r.target[i].first] = v;
    }
    for (size_t i = 0; i < r.evidence.size(); ++i) {
      const Column& ev = t.column(ev0 + i);
      if (ev.IsNull(row)) continue;
      int64_t ev_row = ev.type() == Type::kInt64 ? ev.GetInt(row) : ev.GetI32(row);
      RETURN_IF_ERROR(AddEvidence(catalog, r.evidence[i].first, ev_row, &c));
    }
    clues.push_back(std::move(c));
  }
  return clues;
}

}  // namespace

Status ValidateParams(const std::vector<ModelDef>& models,
                      const std::map<std::string, std::string>& params) {
  for (const auto& [full, value] : params) {
    size_t dot = full.find('.');
    bool found = false;
    if (dot != std::string::npos) {
      for (const ModelDef& m : models) {
        if (m.id != full.substr(0, dot)) continue;
        for (const ParamDef& p : m.params) found |= p.name == full.substr(dot + 1);
      }
    }
    if (!found) {
      return Status::InvalidInput(fmt::format(
          "--param {}: 没有这个模型参数 / no such model parameter (expected MODEL.NAME=VALUE)",
          full));
    }
  }
  return Status::Ok();
}

Result<RunResult> RunModels(const Catalog& catalog, const std::vector<ModelDef>& models,
                            const RunOptions& options) {
  RETURN_IF_ERROR(ValidateParams(models, options.params));
  RunResult out;
  std::vector<Clue> all;
  for (const ModelDef& m : models) {
    engine::QueryOptions q;
    q.as_of = options.as_of;
    for (const ParamDef& p : m.params) {
      auto it = options.params.find(m.id + "." + p.name);
      q.params[p.name] =
          engine::ParseParamValue(it == options.params.end() ? p.default_value : it->second);
    }
    for (const RuleDef& r : m.rules) {
      RuleRun run;
      run.model = m.id;
      run.rule = r.name;
      const std::vector<std::string>& req =
          r.required_tables.empty() ? m.required_tables : r.required_tables;
      for (const std::string& t : req) {
        if (!options.present_tables.count(t)) {
          run.skipped = true;
          run.skip_reason = t;
          break;
        }
      }
      if (run.skipped) {
        if (options.log) {
          options.log(fmt::format(
              "跳过规则 {}.{}：缺少必需的表 {} / skipped rule {}.{}: required table {} has no file",
              m.id, r.name, run.skip_reason, m.id, r.name, run.skip_reason));
        }
        out.rules.push_back(run);
        continue;
      }
      auto start = std::chrono::steady_clock::now();
      ASSIGN_OR_RETURN(std::vector<Clue> clues, RunRule(catalog, m, r, q, &run.rows));
      run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::vector<Clue> merged = MergeClues(std::move(clues));
      run.clues = merged.size();
      if (options.log) {
        options.log(fmt::format("模型 / model {}.{}: {} 条线索 clues ({:.2f} s)", m.id, r.name,
                                run.clues, run.seconds));
      }
      for (Clue& c : merged) all.push_back(std::move(c));
      out.rules.push_back(run);
    }
  }
  out.clues = MergeClues(std::move(all));
  return out;
}

void AddEmptyStandardTables(Catalog* catalog) {
  for (const ingest::TableDef& def : ingest::AllTables()) {
    if (catalog->HasTable(def.name)) continue;
    std::vector<ColumnSpec> schema;
    for (const ingest::ColumnDef& c : def.columns)
      schema.push_back({c.name, ingest::StorageType(c.kind)});
    if (!def.link_id.empty()) schema.push_back({"_linked", Type::kBool});
    catalog->PutTable(std::make_shared<Table>(def.name, schema));
  }
}

}  // namespace tutela::models
