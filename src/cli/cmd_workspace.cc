// `tutela init`, `import` and `tables`: the persistent, encrypted workspace.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/args.h"
#include "cli/subcommands.h"
#include "ingest/quality.h"
#include "storage/workspace.h"

namespace tutela::cli {

Status LoadWorkspaceCatalog(const std::string& dir, const std::string& key_file, Catalog* catalog) {
  ASSIGN_OR_RETURN(auto ws, storage::Workspace::Open(dir, key_file));
  ASSIGN_OR_RETURN(auto links, ws->LoadCatalog(catalog));
  (void)links;
  return Status::Ok();
}

int RunInit(const std::vector<std::string>& argv) {
  auto args = Args::Parse(argv, {"key-file"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (args->positionals().size() != 1) {
    return ReportError(Status::InvalidInput("用法 / usage: tutela init DIR [--key-file FILE]"));
  }
  auto ws = storage::Workspace::Init(args->positionals()[0], args->Get("key-file"));
  if (!ws.ok()) return ReportError(ws.status());
  std::printf("已创建工作区 / workspace created: %s\n密钥文件 / key file: %s\n",
              (*ws)->dir().c_str(), (*ws)->key_file().c_str());
  return kExitOk;
}

int RunImport(const std::vector<std::string>& argv) {
  auto args =
      Args::Parse(argv, {"key-file", "encoding", "rejects", "format"}, {"append", "strict"});
  if (!args.ok()) return ReportError(args.status());
  const auto& pos = args->positionals();
  if (pos.size() < 3) {
    return ReportError(
        Status::InvalidInput("用法 / usage: tutela import DIR TABLE FILE... [--append] [--encoding "
                             "E] [--rejects FILE]"));
  }
  auto encoding = EncodingFlag(args->Get("encoding"));
  if (!encoding.ok()) return ReportError(encoding.status());
  std::string format = args->Get("format", "text");
  if (format != "text" && format != "json") {
    return ReportError(Status::InvalidInput("--format 应为 text 或 json / must be text or json"));
  }
  auto ws = storage::Workspace::Open(pos[0], args->Get("key-file"));
  if (!ws.ok()) return ReportError(ws.status());
  std::vector<std::string> files(pos.begin() + 2, pos.end());
  auto summary = (*ws)->Import(pos[1], files, args->Has("append"), ProgressOptions(*encoding));
  if (!summary.ok()) return ReportError(summary.status());
  for (const std::string& n : summary->notices) std::fprintf(stderr, "%s\n", n.c_str());
  if (args->Has("rejects")) {
    Status s = WriteRejectLog(args->Get("rejects"), summary->rejects);
    if (!s.ok()) return ReportError(s);
  }
  // Data-quality report of this import, over the table as it now stands.
  Catalog catalog;
  auto links = (*ws)->LoadCatalog(&catalog);
  if (!links.ok()) return ReportError(links.status());
  ingest::ImportResult imp;
  imp.files = summary->files;
  ingest::QualityReport report =
      ingest::BuildQualityReport(catalog, {imp}, summary->rejects, *links);
  report.tables.erase(
      std::remove_if(report.tables.begin(), report.tables.end(),
                     [&](const ingest::TableQuality& q) { return q.table != pos[1]; }),
      report.tables.end());
  std::string out;
  if (format == "json") {
    out = ingest::QualityReportJson(report, true) + "\n";
  } else {
    out = fmt::format("{} {}: {} → {} 行 rows{}\n",
                      summary->append ? "追加 / appended" : "替换 / replaced", summary->table,
                      summary->rows_before, summary->rows_after,
                      summary->changed ? "" : "（无变化 / unchanged）");
    out += ingest::QualityReportText(report);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (args->Has("strict") && CountRejected(summary->rejects) > 0) return kExitBadInput;
  return kExitOk;
}

int RunTables(const std::vector<std::string>& argv) {
  auto args = Args::Parse(argv, {"key-file", "format"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (args->positionals().size() != 1) {
    return ReportError(
        Status::InvalidInput("用法 / usage: tutela tables DIR [--format text|json]"));
  }
  auto ws = storage::Workspace::Open(args->positionals()[0], args->Get("key-file"));
  if (!ws.ok()) return ReportError(ws.status());
  auto tables = (*ws)->Tables();
  if (!tables.ok()) return ReportError(tables.status());
  std::string out;
  if (args->Get("format", "text") == "json") {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const storage::TableInfo& t : *tables) {
      nlohmann::ordered_json cols = nlohmann::ordered_json::array();
      for (const ColumnSpec& c : t.columns)
        cols.push_back({{"name", c.name}, {"type", TypeName(c.type)}});
      nlohmann::ordered_json srcs = nlohmann::ordered_json::array();
      for (const storage::SourceInfo& s : t.sources) {
        srcs.push_back({{"file", s.name},
                        {"sha256", s.sha256},
                        {"rows_read", s.rows_read},
                        {"rows_accepted", s.rows_accepted},
                        {"rows_rejected", s.rows_rejected},
                        {"encoding", s.encoding},
                        {"imported_at", s.imported_at}});
      }
      j.push_back({{"table", t.name},
                   {"rows", t.rows},
                   {"updated_at", t.updated_at},
                   {"columns", cols},
                   {"sources", srcs}});
    }
    out = j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  } else {
    out = fmt::format("{:<20} {:>10}  {:<22} {}\n", "表 table", "行 rows", "更新 updated",
                      "来源 sources");
    for (const storage::TableInfo& t : *tables) {
      std::string srcs;
      for (const storage::SourceInfo& s : t.sources) {
        srcs += fmt::format("{}{} ({}…)", srcs.empty() ? "" : ", ", s.name, s.sha256.substr(0, 12));
      }
      out += fmt::format("{:<20} {:>10}  {:<22} {}\n", t.name, t.rows, t.updated_at, srcs);
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace tutela::cli
