// PieceParser: reads the records of one piece of a PreparedFile (or, in
// one-thread mode, the whole file) through a RowBuilder into its table, with
// reject-log entries and row counters. HeaderResolver: the rules that turn a
// header cell or JSON key into a column, with the per-file state they need.
// One parser per thread; a parser borrows everything it writes to.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "ingest/csv_reader.h"
#include "ingest/importer.h"
#include "ingest/jsonl_reader.h"
#include "ingest/row_builder.h"
#include "ingest/source_file.h"

namespace tutela::ingest {

// Resolves header cells / JSON keys of one file to a canonical or extra
// column. An unknown name is kept as an extra text column named by its
// NFKC-trimmed text ("_unnamed" when empty); a second unknown cell of the same
// file with the same name gets "_2", "_3", ... appended so that no value is
// lost, and so does a name of a hidden column (_linked, _line, _file, _row).
class HeaderResolver {
 public:
  HeaderResolver(const TableDef& def, RowBuilder* builder) : def_(def), builder_(builder) {}
  // Resolves one cell; an unknown one is added to `unknown_columns` when given.
  CellTarget Resolve(const std::string& header, std::vector<std::string>* unknown_columns);
  // JSON keys: each distinct key is resolved once per file.
  const CellTarget& ResolveKey(const std::string& key, std::vector<std::string>* unknown_columns);
  // The target of a key already resolved by ResolveKey, else nullptr.
  const CellTarget* Cached(std::string_view key) const {
    auto it = key_cache_.find(key);
    return it == key_cache_.end() ? nullptr : &it->second;
  }
  // Every Resolve call so far: (cell or key, target), in call order.
  const std::vector<std::pair<std::string, CellTarget>>& resolved() const { return resolved_; }

 private:
  const TableDef& def_;
  RowBuilder* builder_;
  std::unordered_set<std::string> extra_names_{"_linked", "_line", "_file", "_row"};
  std::unordered_map<std::string, CellTarget, StringHash, std::equal_to<>> key_cache_;
  std::vector<std::pair<std::string, CellTarget>> resolved_;
};

// Called with the number of records read since the previous call.
using RowsProgress = std::function<void(int64_t)>;

class PieceParser {
 public:
  // Starts reading `file` at cuts[piece]. Accepted rows go to builder->table()
  // under `file_index`; reject-log entries to `log`, and, when `log_rows` is
  // given, per entry the table row it warns about (-1 for a rejected record).
  // Counters go to `stats` (rows_read and the outcome counts only).
  PieceParser(const TableDef& def, const PreparedFile& file, size_t piece, RowBuilder* builder,
              HeaderResolver* resolver, uint16_t file_index, std::vector<RejectEntry>* log,
              std::vector<int64_t>* log_rows, FileImportStats* stats, RowsProgress progress);

  // Reads every record that starts before byte `limit`.
  void ParseUntil(size_t limit);
  // Where the next record starts, and whether a parser started there (on
  // that line) would read exactly what this one would.
  size_t offset() const { return jsonl_ ? jsonl_->offset() : csv_->offset(); }
  bool ResumableAt(size_t offset, int64_t line) const;

 private:
  void Prefetch(const CsvRecord& rec) const;
  void Prefetch(const JsonlRecord& rec) const;
  void Csv(const CsvRecord& rec);
  void Jsonl(const JsonlRecord& rec);
  void Reject(int32_t line, std::string reason);
  void Finish();
  void Tick();

  const PreparedFile& file_;
  RowBuilder* builder_;
  HeaderResolver* resolver_;
  uint16_t file_index_;
  std::vector<RejectEntry>* log_;
  std::vector<int64_t>* log_rows_;
  FileImportStats* stats_;
  RowsProgress progress_;
  int64_t unreported_ = 0;
  size_t start_ = 0;  // where the piece starts
  size_t limit_ = 0;  // of the current ParseUntil
  std::unique_ptr<CsvReader> csv_;
  std::unique_ptr<JsonlReader> jsonl_;
  std::vector<CellTarget> targets_;  // CSV: per header cell
  std::vector<int> seen_;            // JSONL: canonical columns given in this record
  // JSONL: key and target of each field position of the last records.
  std::vector<std::pair<std::string, CellTarget>> recent_keys_;
  // Records are read one ahead, so that the dictionary slots of the next one
  // are fetched while the current one is processed.
  CsvRecord csv_rec_[2];
  JsonlRecord json_rec_[2];
};

}  // namespace tutela::ingest
