// `tutela demo-data`: a deterministic synthetic data directory with every
// table of datasets.md, realistic names, real region codes and valid IDs,
// planted true cases and near misses for every rule of models.md, and the
// input quirks of datasets.md. The same (scale, seed, as-of) always gives
// byte-identical files. Single-threaded; one generation at a time per
// process is not required (no global state besides read-only tables).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "demo/world.h"

namespace tutela::demo {

struct DemoOptions {
  std::string out_dir;
  double scale = 1;  // about 10 000 x scale persons, 100 000 x scale hotel check-ins
  uint64_t seed = 1;
  Days as_of = 0;  // the date the cases are planted for
};

struct DemoSummary {
  // File name -> (records, bytes), in file-name order.
  std::vector<std::pair<std::string, std::pair<int64_t, int64_t>>> files;
  // One entry per (model, rule, keys): planted clues (fires) and near misses.
  std::vector<Expectation> expectations;
  std::vector<ExpectedReject> rejects;   // expected reject-log entries (rejects and warnings)
  std::vector<std::string> invalid_ids;  // planted invalid IDs (normalised)
  int64_t persons = 0;
};

// The default as-of date: 2026-06-30.
Days DefaultAsOf();

// Generates the data directory (created when missing; existing table files
// are replaced atomically). Writes every table file, README.txt (Chinese and
// English: as-of date, scale, seed, the planted cases per rule) and
// expected_clues.jsonl (the clues a correct scan must report at the as-of date).
Result<DemoSummary> GenerateDemoData(const DemoOptions& options);

// The 26 rules of models.md as (model, rule), in the order of models.md.
const std::vector<std::pair<std::string_view, std::string_view>>& AllRules();

// The expected clues as JSON Lines, sorted like `tutela scan` output.
std::string ExpectedCluesJsonl(const std::vector<Expectation>& expectations);
// README.txt text.
std::string ReadmeText(const DemoOptions& options, const DemoSummary& summary,
                       const std::map<std::string, std::string>& file_notes);

}  // namespace tutela::demo
