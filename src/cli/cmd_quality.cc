// `tutela quality`: load a data directory and print the data-quality report.
#include <cstdio>

#include "cli/args.h"
#include "cli/subcommands.h"
#include "ingest/quality.h"
#include "storage/workspace.h"

namespace tutela::cli {

int RunQuality(const std::vector<std::string>& argv) {
  auto args = Args::Parse(argv, {"data", "workspace", "format", "rejects", "encoding", "key-file"},
                          {"strict"});
  if (!args.ok()) return ReportError(args.status());
  std::string format = args->Get("format", "text");
  if (format != "text" && format != "json") {
    return ReportError(Status::InvalidInput("--format 应为 text 或 json / must be text or json"));
  }
  if (args->Has("data") == args->Has("workspace")) {
    return ReportError(Status::InvalidInput(
        "需要 --data DIR 或 --workspace DIR / give --data DIR or --workspace DIR"));
  }
  if (args->Has("workspace")) {
    auto ws = storage::Workspace::Open(args->Get("workspace"), args->Get("key-file"));
    if (!ws.ok()) return ReportError(ws.status());
    Catalog catalog;
    auto links = (*ws)->LoadCatalog(&catalog);
    if (!links.ok()) return ReportError(links.status());
    ingest::QualityReport report = ingest::BuildQualityReport(catalog, {}, {}, *links);
    std::string out = format == "json" ? ingest::QualityReportJson(report, true) + "\n"
                                       : ingest::QualityReportText(report);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return kExitOk;
  }
  auto encoding = EncodingFlag(args->Get("encoding"));
  if (!encoding.ok()) return ReportError(encoding.status());
  Catalog catalog;
  auto load = ingest::LoadDataDir(args->Get("data"), ProgressOptions(*encoding), &catalog);
  if (!load.ok()) return ReportError(load.status());
  PrintLoadSummary(*load);
  if (args->Has("rejects")) {
    Status s = WriteRejectLog(args->Get("rejects"), load->rejects);
    if (!s.ok()) return ReportError(s);
  }
  ingest::QualityReport report =
      ingest::BuildQualityReport(catalog, load->imports, load->rejects, load->links);
  std::string out = format == "json" ? ingest::QualityReportJson(report, true) + "\n"
                                     : ingest::QualityReportText(report);
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (args->Has("strict") && CountRejected(load->rejects) > 0) return kExitBadInput;
  return kExitOk;
}

}  // namespace tutela::cli
