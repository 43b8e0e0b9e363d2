// `tutela demo-data OUT [--scale S] [--seed N] [--as-of YYYY-MM-DD]`: writes a
// deterministic synthetic data directory (see src/demo/README.md).
#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <cstdio>

#include "cli/args.h"
#include "cli/subcommands.h"
#include "demo/demo.h"

namespace tutela::cli {

namespace {

Result<double> ScaleFlag(const std::string& text) {
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !(v > 0) || v > 10000) {
    return Status::InvalidInput(
        fmt::format("--scale 应为 (0, 10000] 内的数，如 1 或 0.05 / --scale must be a number in "
                    "(0, 10000], e.g. 1 "
                    "or 0.05: \"{}\"",
                    text));
  }
  return v;
}

Result<uint64_t> SeedFlag(const std::string& text) {
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Status::InvalidInput(
        fmt::format("--seed 应为非负整数 / --seed must be a non-negative integer: \"{}\"", text));
  }
  return v;
}

}  // namespace

int RunDemoData(const std::vector<std::string>& argv) {
  auto args = Args::Parse(argv, {"scale", "seed", "as-of"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (args->positionals().size() != 1) {
    return ReportError(Status::InvalidInput(
        "用法 / usage: tutela demo-data OUT [--scale S] [--seed N] [--as-of YYYY-MM-DD]"));
  }
  auto scale = ScaleFlag(args->Get("scale", "1"));
  if (!scale.ok()) return ReportError(scale.status());
  auto seed = SeedFlag(args->Get("seed", "1"));
  if (!seed.ok()) return ReportError(seed.status());
  demo::DemoOptions options;
  options.out_dir = args->positionals()[0];
  options.scale = *scale;
  options.seed = *seed;
  options.as_of = demo::DefaultAsOf();
  if (args->Has("as-of")) {
    std::optional<Days> d = ParseIsoDate(args->Get("as-of"));
    if (!d) {
      return ReportError(Status::InvalidInput(fmt::format(
          "--as-of 应为 YYYY-MM-DD / --as-of must be YYYY-MM-DD: \"{}\"", args->Get("as-of"))));
    }
    options.as_of = *d;
  }
  const std::string as_of = FormatDate(options.as_of);
  std::fprintf(stderr, "埋设基准日 / data planted for as-of date %s (scale %g, seed %llu)\n",
               as_of.c_str(), options.scale, static_cast<unsigned long long>(options.seed));
  const auto start = std::chrono::steady_clock::now();
  auto summary = demo::GenerateDemoData(options);
  if (!summary.ok()) return ReportError(summary.status());
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  int64_t rows = 0, bytes = 0;
  for (const auto& [file, stats] : summary->files) {
    rows += stats.first;
    bytes += stats.second;
  }
  int clues = 0, misses = 0;
  for (const demo::Expectation& e : summary->expectations) (e.fires ? clues : misses)++;
  std::fprintf(stderr,
               "已写入 / wrote %s: %zu 个表文件 table files, %lld 行 rows, %.1f MB in %.1f s; "
               "埋设线索 %d 条 planted clues, 近似 %d 条 near misses (README.txt, "
               "expected_clues.jsonl)\n",
               options.out_dir.c_str(), summary->files.size(), static_cast<long long>(rows),
               static_cast<double>(bytes) / (1 << 20), secs, clues, misses);
  std::fprintf(stderr, "扫描 / scan: tutela scan %s --as-of %s\n", options.out_dir.c_str(),
               as_of.c_str());
  return kExitOk;
}

}  // namespace tutela::cli
