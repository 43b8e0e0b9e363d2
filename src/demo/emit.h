// Writing the demo tables: a file's layout (header spelling, column order,
// encoding, line endings, CSV or JSONL), a row writer that fills cells by
// canonical column and records the reject-log entries the planted bad cells
// must produce, and the per-table emitters. Single-threaded.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "demo/format.h"
#include "demo/population.h"
#include "demo/table_sink.h"
#include "demo/world.h"

namespace tutela::demo {

struct FileSpec {
  std::string table;  // canonical table name
  std::string file;   // file name in the output directory
  bool jsonl = false;
  bool crlf = false;
  FileEncoding encoding = FileEncoding::kUtf8;
  // Header cells as printed, and for each the canonical column index
  // (columns.size() and up: extra columns, in order).
  std::vector<std::string> header;
  std::vector<int> order;
  std::vector<std::string> alt_keys;  // JSONL: Chinese keys used by some records
  std::string quirks;                 // what this file demonstrates (README)
};

class RowWriter {
 public:
  static Result<std::unique_ptr<RowWriter>> Open(World& world, const std::string& dir,
                                                 FileSpec spec);

  // Starts a row: every cell empty (NULL).
  void Reset();
  // The text buffer of a cell (cleared by Reset); marks the cell as text.
  std::string& Text(int col);
  void Set(int col, std::string_view text) { Text(col).assign(text); }
  // A JSON number or literal (plain text in CSV).
  void Bare(int col, std::string_view text);
  // Writes the row (with `ov` applied) and records its expected reject entry.
  int32_t Write(const CellOverride& ov = {}, bool alt_keys = false);
  // A malformed record (expected to be rejected as a whole).
  void Raw(std::string_view line);
  void Blank() { sink_->BlankLine(); }
  Status Finish();

  Rng& rng() { return rng_; }
  int64_t rows() const { return sink_->records(); }

 private:
  RowWriter(World& world, FileSpec spec, Rng rng)
      : world_(world), spec_(std::move(spec)), rng_(rng) {}

  World& world_;
  FileSpec spec_;
  Rng rng_;
  std::unique_ptr<TableSink> sink_;
  std::vector<std::string> columns_;  // canonical names
  std::vector<std::string> cells_;
  std::vector<uint8_t> kinds_;  // 0 null, 1 text, 2 bare
};

// Appends an ID cell: the forced style (>= 0) or the file's mix.
void PutId(RowWriter& w, int col, std::string_view id, int8_t forced, uint32_t per_mille);
void PutDate(RowWriter& w, int col, Days d, DateStyle main, uint32_t mix_per_mille);
void PutDateTime(RowWriter& w, int col, Seconds t, DateStyle main, TimeStyle time,
                 uint32_t mix_per_mille);
// Missing values spelled with an empty marker now and then.
void PutEmpty(RowWriter& w, int col, uint32_t marker_per_mille);
void PutBool(RowWriter& w, int col, int8_t value,
             int style);  // style: 0 是/否, 1 Y/N, 2 1/0, 3 true/false
void PutInt(RowWriter& w, int col, int64_t v);

// Calls emit(0, i) for background rows i in order, with emit(1, j) for the
// extra rows j (planted rows, malformed lines) spread at random positions.
// `after(j)` (optional) is the number of background rows extra row j must
// follow (a repeated ID comes after the row it repeats).
template <typename F, typename After>
void Interleave(size_t background, size_t extra, Rng& rng, F emit, After after) {
  std::vector<std::pair<uint64_t, size_t>> at;
  at.reserve(extra);
  for (size_t j = 0; j < extra; ++j) {
    const size_t lo = std::min(after(j), background);
    at.emplace_back(lo + rng.Below(background + 1 - lo), j);
  }
  std::sort(at.begin(), at.end());
  size_t k = 0;
  for (size_t i = 0; i <= background; ++i) {
    while (k < at.size() && at[k].first == i) emit(1, at[k++].second);
    if (i < background) emit(0, i);
  }
}
template <typename F>
void Interleave(size_t background, size_t extra, Rng& rng, F emit) {
  Interleave(background, extra, rng, emit, [](size_t) { return size_t{0}; });
}

Status EmitPersons(World& world, const std::string& dir);
Status EmitGuardians(World& world, const std::string& dir);
Status EmitInstitutions(World& world, const std::string& dir);
Status EmitStaff(World& world, const std::string& dir);
Status EmitEnrollments(World& world, const std::string& dir);
Status EmitEmployment(World& world, const std::string& dir);
Status EmitJudgments(World& world, const std::string& dir);
Status EmitVictims(World& world, const std::string& dir);
Status EmitDetentions(World& world, const std::string& dir);
Status EmitJuvenileCases(World& world, const std::string& dir);
Status EmitProbationTasks(World& world, const std::string& dir);
Status EmitRecordQueries(World& world, const std::string& dir);
// The three big activity tables stream their background rows.
Status EmitHotelCheckins(World& world, const Pools& pools, const std::string& dir);
Status EmitNetcafeSessions(World& world, const Pools& pools, const std::string& dir);
// Writes medical_visits and then mandatory_reports (background harm visits
// come with their reports).
Status EmitMedical(World& world, const Pools& pools, const std::string& dir);

}  // namespace tutela::demo
