// `tutela scan`: load a data directory, run the models, print the clues.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <set>

#include "cli/args.h"
#include "cli/subcommands.h"
#include "common/date.h"
#include "engine/result_format.h"
#include "ingest/schema.h"
#include "models/runner.h"

namespace tutela::cli {

namespace {

void Log(const std::string& msg) { std::fprintf(stderr, "%s\n", msg.c_str()); }

std::string HumanTable(const std::vector<models::Clue>& clues) {
  Table t("clues", {{"严重程度 severity", Type::kString},
                    {"部门 department", Type::kString},
                    {"模型.规则 model.rule", Type::kString},
                    {"名称 title", Type::kString},
                    {"键 keys", Type::kString},
                    {"证据 evidence", Type::kInt64}});
  for (const models::Clue& c : clues) {
    std::string keys;
    for (const auto& [k, v] : c.keys) keys += fmt::format("{}{}={}", keys.empty() ? "" : " ", k, v);
    t.mutable_column(0).AppendString(models::SeverityName(c.severity));
    t.mutable_column(1).AppendString(c.department);
    t.mutable_column(2).AppendString(c.model + "." + c.rule);
    t.mutable_column(3).AppendString(c.title_zh);
    t.mutable_column(4).AppendString(keys);
    t.mutable_column(5).AppendInt(static_cast<int64_t>(c.evidence.size()));
    t.FinishRow(0, 0);
  }
  return engine::FormatResult(t, engine::OutputFormat::kTable, nullptr) +
         fmt::format("共 {} 条线索 / {} clues\n", clues.size(), clues.size());
}

}  // namespace

Result<Days> AsOfFlag(const std::string& value) {
  if (value.empty()) return Today();
  auto d = ParseIsoDate(value);
  if (!d) {
    return Status::InvalidInput("--as-of 应为 YYYY-MM-DD / --as-of must be YYYY-MM-DD: \"" + value +
                                "\"");
  }
  return *d;
}

Result<std::vector<models::ModelDef>> SelectModels(const std::vector<std::string>& names,
                                                   const std::string& extra_dir) {
  ASSIGN_OR_RETURN(std::vector<models::ModelDef> all, models::BuiltinModels());
  if (!extra_dir.empty()) {
    ASSIGN_OR_RETURN(std::vector<models::ModelDef> extra, models::LoadModelDir(extra_dir));
    for (models::ModelDef& m : extra) {
      bool replaced = false;
      for (models::ModelDef& b : all) {
        if (b.id == m.id) {
          b = m;
          replaced = true;
        }
      }
      if (!replaced) all.push_back(std::move(m));
    }
  }
  if (names.empty()) return all;
  std::vector<models::ModelDef> picked;
  for (const std::string& n : names) {
    bool found = false;
    for (const models::ModelDef& m : all) {
      if (m.id == n) {
        picked.push_back(m);
        found = true;
      }
    }
    if (!found) return Status::InvalidInput("--model " + n + ": 没有这个模型 / no such model");
  }
  return picked;
}

Result<std::map<std::string, std::string>> ParamFlags(const std::vector<std::string>& values) {
  std::map<std::string, std::string> params;
  for (const std::string& v : values) {
    size_t eq = v.find('=');
    if (eq == std::string::npos || v.find('.') > eq) {
      return Status::InvalidInput(
          "--param 应为 MODEL.NAME=VALUE / --param must be MODEL.NAME=VALUE: \"" + v + "\"");
    }
    params[v.substr(0, eq)] = v.substr(eq + 1);
  }
  return params;
}

int RunScan(const std::vector<std::string>& argv) {
  auto args = Args::Parse(
      argv, {"as-of", "model", "param", "format", "rejects", "encoding", "models-dir"}, {"strict"});
  if (!args.ok()) return ReportError(args.status());
  if (args->positionals().size() != 1) {
    return ReportError(Status::InvalidInput(
        "用法 / usage: tutela scan DATA_DIR [--as-of YYYY-MM-DD] [--model NAME ...] "
        "[--param MODEL.NAME=VALUE ...] [--format jsonl|table] [--rejects FILE] [--strict]"));
  }
  std::string format = args->Get("format", isatty(STDOUT_FILENO) ? "table" : "jsonl");
  if (format != "jsonl" && format != "table") {
    return ReportError(
        Status::InvalidInput("--format 应为 jsonl 或 table / must be jsonl or table"));
  }
  auto as_of = AsOfFlag(args->Get("as-of"));
  if (!as_of.ok()) return ReportError(as_of.status());
  auto encoding = EncodingFlag(args->Get("encoding"));
  if (!encoding.ok()) return ReportError(encoding.status());
  auto params = ParamFlags(args->GetAll("param"));
  if (!params.ok()) return ReportError(params.status());
  auto selected = SelectModels(args->GetAll("model"), args->Get("models-dir"));
  if (!selected.ok()) return ReportError(selected.status());
  Status ps = models::ValidateParams(*selected, *params);
  if (!ps.ok()) return ReportError(ps);

  Catalog catalog;
  auto load = ingest::LoadDataDir(args->positionals()[0], ProgressOptions(*encoding), &catalog);
  if (!load.ok()) return ReportError(load.status());
  PrintLoadSummary(*load);
  if (args->Has("rejects")) {
    Status s = WriteRejectLog(args->Get("rejects"), load->rejects);
    if (!s.ok()) return ReportError(s);
  }
  models::RunOptions opts;
  opts.as_of = *as_of;
  opts.params = *params;
  for (const std::string& t : catalog.TableNames()) {
    if (ingest::FindTable(t)) opts.present_tables.insert(t);
  }
  opts.log = Log;
  models::AddEmptyStandardTables(&catalog);
  Log(fmt::format("基准日 / as-of date: {}", FormatDate(*as_of)));
  auto run = models::RunModels(catalog, *selected, opts);
  if (!run.ok()) return ReportError(run.status());
  std::string out;
  if (format == "jsonl") {
    for (const models::Clue& c : run->clues) {
      out += models::ClueToJson(c);
      out += '\n';
    }
  } else {
    out = HumanTable(run->clues);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  Log(fmt::format("线索 / clues: {}", run->clues.size()));
  if (args->Has("strict") && CountRejected(load->rejects) > 0) {
    Log(fmt::format("--strict: {} 行被拒绝 / rows rejected", CountRejected(load->rejects)));
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace tutela::cli
