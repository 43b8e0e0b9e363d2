// `tutela sql`: run one query of the engine's dialect over a data directory or workspace.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "cli/args.h"
#include "cli/subcommands.h"
#include "common/parallel.h"
#include "engine/engine.h"
#include "engine/result_format.h"
#include "models/runner.h"

namespace tutela::cli {

int RunSql(const std::vector<std::string>& argv) {
  auto args =
      Args::Parse(argv, {"data", "workspace", "format", "as-of", "encoding", "key-file", "param"},
                  {"explain", "timing"});
  if (!args.ok()) return ReportError(args.status());
  if (args->positionals().size() != 1 || (args->Has("data") == args->Has("workspace"))) {
    return ReportError(Status::InvalidInput(
        "用法 / usage: tutela sql (--data DIR | --workspace DIR) [--format table|csv|jsonl] "
        "[--as-of YYYY-MM-DD] [--timing] [--threads N] [--memory-limit SIZE] \"QUERY\""));
  }
  auto format =
      engine::ParseOutputFormat(args->Get("format", isatty(STDOUT_FILENO) ? "table" : "csv"));
  if (!format.ok()) return ReportError(format.status());
  auto as_of = AsOfFlag(args->Get("as-of"));
  if (!as_of.ok()) return ReportError(as_of.status());
  auto load_start = std::chrono::steady_clock::now();
  Catalog catalog;
  if (args->Has("data")) {
    auto encoding = EncodingFlag(args->Get("encoding"));
    if (!encoding.ok()) return ReportError(encoding.status());
    auto load = ingest::LoadDataDir(args->Get("data"), ProgressOptions(*encoding), &catalog);
    if (!load.ok()) return ReportError(load.status());
    PrintLoadSummary(*load);
  } else {
    Status s = LoadWorkspaceCatalog(args->Get("workspace"), args->Get("key-file"), &catalog);
    if (!s.ok()) return ReportError(s);
  }
  models::AddEmptyStandardTables(&catalog);
  engine::QueryOptions q;
  q.as_of = *as_of;
  for (const std::string& p : args->GetAll("param")) {
    size_t eq = p.find('=');
    if (eq == std::string::npos) {
      return ReportError(
          Status::InvalidInput("--param 应为 NAME=VALUE / --param must be NAME=VALUE"));
    }
    q.params[p.substr(0, eq)] = engine::ParseParamValue(p.substr(eq + 1));
  }
  auto query_start = std::chrono::steady_clock::now();
  auto result = engine::ExecuteQuery(catalog, args->positionals()[0], q);
  if (!result.ok()) return ReportError(result.status());
  if (args->Has("timing")) {
    // One machine-readable line for benchmarks: loading vs the query alone.
    auto end = std::chrono::steady_clock::now();
    std::chrono::duration<double> load = query_start - load_start, query = end - query_start;
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    bool huge = tunables != nullptr &&
                std::string_view(tunables).find("glibc.malloc.hugetlb=1") != std::string_view::npos;
    std::fprintf(stderr, "timing: load_s=%.3f query_s=%.3f threads=%d huge_pages=%s\n",
                 load.count(), query.count(), DefaultThreads(), huge ? "on" : "off");
  }
  std::string out = engine::FormatResult(**result, *format, &catalog.persons());
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace tutela::cli
