// `tutela run` and `tutela clues`: workspace runs stored in the clue database.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "cases/clue_store.h"
#include "cli/args.h"
#include "cli/subcommands.h"
#include "common/atomic_file.h"
#include "engine/result_format.h"
#include "ingest/schema.h"
#include "models/runner.h"
#include "storage/workspace.h"

namespace tutela::cli {

namespace {

using J = nlohmann::ordered_json;

std::string ClueDbPath(const storage::Workspace& ws) { return ws.dir() + "/clues.db"; }

Result<std::unique_ptr<cases::ClueStore>> OpenStore(const storage::Workspace& ws) {
  return cases::ClueStore::Open(ClueDbPath(ws), ws.DeriveKey(storage::KeyPurpose::kClues));
}

}  // namespace

int RunRun(const std::vector<std::string>& argv) {
  auto args = Args::Parse(argv, {"as-of", "model", "param", "key-file"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (args->positionals().size() != 1) {
    return ReportError(
        Status::InvalidInput("用法 / usage: tutela run DIR [--model NAME ...] [--as-of YYYY-MM-DD] "
                             "[--param MODEL.NAME=VALUE ...] [--key-file FILE]"));
  }
  auto as_of = AsOfFlag(args->Get("as-of"));
  if (!as_of.ok()) return ReportError(as_of.status());
  auto params = ParamFlags(args->GetAll("param"));
  if (!params.ok()) return ReportError(params.status());
  auto ws = storage::Workspace::Open(args->positionals()[0], args->Get("key-file"));
  if (!ws.ok()) return ReportError(ws.status());
  auto selected = SelectModels(args->GetAll("model"), (*ws)->dir() + "/models");
  if (!selected.ok()) return ReportError(selected.status());
  Catalog catalog;
  auto links = (*ws)->LoadCatalog(&catalog);
  if (!links.ok()) return ReportError(links.status());
  auto tables = (*ws)->Tables();
  if (!tables.ok()) return ReportError(tables.status());

  models::RunOptions opts;
  opts.as_of = *as_of;
  opts.params = *params;
  opts.log = [](const std::string& m) { std::fprintf(stderr, "%s\n", m.c_str()); };
  J tables_json = J::array();
  for (const storage::TableInfo& t : *tables) {
    opts.present_tables.insert(t.name);
    J srcs = J::array();
    for (const storage::SourceInfo& s : t.sources) srcs.push_back(s.sha256);
    tables_json.push_back({{"table", t.name}, {"rows", t.rows}, {"sources", srcs}});
  }
  models::AddEmptyStandardTables(&catalog);
  auto run = models::RunModels(catalog, *selected, opts);
  if (!run.ok()) return ReportError(run.status());

  J models_json = J::array();
  for (const models::ModelDef& m : *selected) {
    models_json.push_back({{"id", m.id}, {"path", m.path}, {"sha256", m.sha256}});
  }
  J params_json = J::object();
  for (const models::ModelDef& m : *selected) {
    for (const models::ParamDef& p : m.params) {
      auto it = params->find(m.id + "." + p.name);
      params_json[m.id + "." + p.name] = it == params->end() ? p.default_value : it->second;
    }
  }
  cases::RunMeta meta{FormatDate(*as_of), params_json.dump(), models_json.dump(),
                      tables_json.dump()};
  auto store = OpenStore(**ws);
  if (!store.ok()) return ReportError(store.status());
  auto rec = (*store)->RecordRun(run->clues, meta);
  if (!rec.ok()) return ReportError(rec.status());
  std::printf(
      "运行 / run #%lld（基准日 as-of %s）: %lld 条线索 clues, 新增 new %lld, 失效 stale %lld, "
      "恢复 revived %lld\n",
      static_cast<long long>(rec->run_id), meta.as_of.c_str(), static_cast<long long>(rec->clues),
      static_cast<long long>(rec->added), static_cast<long long>(rec->staled),
      static_cast<long long>(rec->revived));
  return kExitOk;
}

int RunClues(const std::vector<std::string>& argv) {
  auto args = Args::Parse(argv,
                          {"model", "rule", "severity", "department", "state", "contains", "format",
                           "output", "key-file", "set-state"},
                          {"stale", "current", "runs"});
  if (!args.ok()) return ReportError(args.status());
  if (args->positionals().empty() || args->positionals().size() > 2) {
    return ReportError(Status::InvalidInput(
        "用法 / usage: tutela clues DIR [--model M] [--rule R] [--severity S] [--department D] "
        "[--state S] [--stale|--current] [--contains TEXT] [--format table|jsonl|csv] "
        "[--output FILE]\n       tutela clues DIR --runs\n       tutela clues DIR CLUE_ID "
        "--set-state "
        "new|reviewing|acted|dismissed"));
  }
  auto ws = storage::Workspace::Open(args->positionals()[0], args->Get("key-file"));
  if (!ws.ok()) return ReportError(ws.status());
  auto store = OpenStore(**ws);
  if (!store.ok()) return ReportError(store.status());
  if (args->Has("runs")) {
    // The run records: as-of date, parameters, model file hashes, input table hashes.
    auto runs = (*store)->Runs();
    if (!runs.ok()) return ReportError(runs.status());
    std::string out;
    for (const cases::RunRecord& r : *runs) {
      J j;
      j["run_id"] = r.run_id;
      j["started_at"] = r.started_at;
      j["as_of"] = r.meta.as_of;
      j["clues"] = r.clues;
      j["new"] = r.added;
      j["stale"] = r.staled;
      j["revived"] = r.revived;
      j["params"] = J::parse(r.meta.params_json);
      j["models"] = J::parse(r.meta.models_json);
      j["tables"] = J::parse(r.meta.tables_json);
      out += j.dump(-1, ' ', false, J::error_handler_t::replace) + "\n";
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return kExitOk;
  }
  if (args->positionals().size() == 2) {
    Status s = (*store)->SetState(args->positionals()[1], args->Get("set-state"));
    if (!s.ok()) return ReportError(s);
    std::printf("已更新 / updated %s → %s\n", args->positionals()[1].c_str(),
                args->Get("set-state").c_str());
    return kExitOk;
  }
  cases::ClueFilter f;
  f.model = args->Get("model");
  f.rule = args->Get("rule");
  f.severity = args->Get("severity");
  f.department = args->Get("department");
  f.state = args->Get("state");
  f.contains = args->Get("contains");
  if (args->Has("stale")) f.stale = true;
  if (args->Has("current")) f.stale = false;
  auto list = (*store)->List(f);
  if (!list.ok()) return ReportError(list.status());
  std::string format = args->Get("format", isatty(STDOUT_FILENO) ? "table" : "jsonl");
  std::string out;
  if (format == "jsonl") {
    for (const cases::StoredClue& c : *list) {
      J j = J::parse(c.json);
      j["clue_id"] = c.clue_id;
      j["state"] = c.state;
      j["stale"] = c.stale;
      j["first_run"] = c.first_run;
      j["last_run"] = c.last_run;
      out += j.dump(-1, ' ', false, J::error_handler_t::replace) + "\n";
    }
  } else if (format == "csv" || format == "table") {
    Table t("clues", {{"clue_id", Type::kString},
                      {"model", Type::kString},
                      {"rule", Type::kString},
                      {"keys", Type::kString},
                      {"severity", Type::kString},
                      {"department", Type::kString},
                      {"state", Type::kString},
                      {"stale", Type::kBool},
                      {"first_run", Type::kInt64},
                      {"last_run", Type::kInt64}});
    for (const cases::StoredClue& c : *list) {
      J j = J::parse(c.json);
      std::string keys;
      for (const auto& [k, v] : j["keys"].items()) {
        keys += fmt::format("{}{}={}", keys.empty() ? "" : " ", k, v.get<std::string>());
      }
      t.mutable_column(0).AppendString(c.clue_id);
      t.mutable_column(1).AppendString(c.model);
      t.mutable_column(2).AppendString(c.rule);
      t.mutable_column(3).AppendString(keys);
      t.mutable_column(4).AppendString(c.severity);
      t.mutable_column(5).AppendString(c.department);
      t.mutable_column(6).AppendString(c.state);
      t.mutable_column(7).AppendI32(c.stale ? 1 : 0);
      t.mutable_column(8).AppendInt(c.first_run);
      t.mutable_column(9).AppendInt(c.last_run);
      t.FinishRow(0, 0);
    }
    out = engine::FormatResult(
        t, format == "csv" ? engine::OutputFormat::kCsv : engine::OutputFormat::kTable, nullptr);
  } else {
    return ReportError(
        Status::InvalidInput("--format 应为 table、jsonl 或 csv / must be table, jsonl or csv"));
  }
  if (args->Has("output")) {
    Status s = WriteFileAtomically(args->Get("output"), out);
    if (!s.ok()) return ReportError(s);
    std::fprintf(stderr, "已导出 %zu 条线索 / exported %zu clues to %s\n", list->size(),
                 list->size(), args->Get("output").c_str());
  } else {
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  return kExitOk;
}

}  // namespace tutela::cli
