// TableAssembler: builds the table of one import from pieces parsed on
// separate threads (each into its own table and PersonDict), merging them in
// file order so that the result — rows, every dictionary code, every person
// code, reject log, counters, extra columns — is exactly what parsing the
// files in one pass would give. Also parses a file straight into the table
// (one-thread mode). One assembler per table; not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/table.h"
#include "identity/person_dict.h"
#include "ingest/importer.h"
#include "ingest/piece_parser.h"
#include "ingest/row_builder.h"
#include "ingest/source_file.h"

namespace tutela::ingest {

// One piece of a file parsed on its own: a table with the canonical columns
// (then extra ones), its own PersonDict, and its reject log. Not movable (the
// members point at each other).
struct Piece {
  Piece(const TableDef& def, const PreparedFile& file, size_t index, RowsProgress progress);
  Piece(const Piece&) = delete;
  Piece& operator=(const Piece&) = delete;

  std::shared_ptr<Table> table;
  PersonDict persons;
  RowBuilder builder;
  HeaderResolver resolver;
  std::vector<RejectEntry> log;
  std::vector<int64_t> log_rows;  // per log entry: the row it warns about, or -1
  FileImportStats stats;          // counters of this piece only
  PieceParser parser;
};

class TableAssembler {
 public:
  // Starts from a copy of `base` when given (its unique-key values count as
  // already seen); person codes are those of `persons`. Merging uses up to
  // `threads` threads (one column each).
  TableAssembler(const TableDef& def, std::shared_ptr<const Table> base, PersonDict* persons,
                 int threads);

  // False when the base table stores a canonical column with another type
  // than the standard's: its files must then be parsed with ParseWhole.
  bool CanMerge() const { return can_merge_; }

  // Files, in order: BeginFile, then either ParseWhole or MergePiece for each
  // of its pieces in order, then EndFile.
  void BeginFile(const PreparedFile& file);
  void ParseWhole(const PreparedFile& file, RowsProgress progress);
  void MergePiece(Piece* piece);
  // Returns the file's rows_read.
  int64_t EndFile();

  ImportResult TakeResult() { return std::move(result_); }

 private:
  // Fills keep[r] for the piece's rows, dropping rows whose unique key was
  // seen before (in the base or an earlier piece); interns the kept keys.
  void CheckUniqueKeys(Piece* piece, const std::vector<int32_t>& person_map,
                       std::vector<char>* keep, std::vector<int32_t>* unique_map);
  // Global column of each piece column (-1: dropped).
  std::vector<int> MapColumns(Piece* piece);
  bool TryAdopt(Piece* piece, const std::vector<int>& columns);

  const TableDef& def_;
  PersonDict* persons_;
  int threads_;
  ImportResult result_;
  std::unique_ptr<RowBuilder> builder_;
  bool can_merge_ = true;
  bool fresh_ = true;  // no base and nothing merged yet
  // Unique key: seen flags by person code or by code of the key column's dictionary.
  int unique_col_ = -1;
  bool unique_person_ = false;
  std::vector<char> seen_;
  // Current file.
  const PreparedFile* file_ = nullptr;
  uint16_t file_index_ = 0;
  FileImportStats stats_;
  std::unique_ptr<HeaderResolver> resolver_;
  std::vector<CellTarget> header_targets_;  // CSV: global targets of the header cells
  bool header_resolved_ = false;
};

}  // namespace tutela::ingest
