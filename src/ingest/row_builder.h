// RowBuilder: parses one record's cells (already matched to columns) against
// a TableDef, decides reject/warnings, and appends accepted rows to a Table.
// One builder per import; not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/table.h"
#include "identity/person_dict.h"
#include "ingest/importer.h"
#include "ingest/schema.h"

namespace tutela::ingest {

// Where a source cell goes: a canonical column (index into TableDef::columns)
// or an extra column (index into the table's schema).
struct CellTarget {
  int canonical = -1;
  int extra_table_column = -1;
};

class RowBuilder {
 public:
  RowBuilder(const TableDef& def, Table* table, PersonDict* persons);

  // Table column index for an extra (unknown) header, adding it when new.
  int ExtraColumn(const std::string& header);

  // Starts a record. Cells are then given with SetCell / SetUnsupported.
  void Begin(int32_t line);
  void SetCell(const CellTarget& target, std::string_view raw);
  void SetUnsupported(const CellTarget& target);
  // Marks a canonical column given twice in one record (JSONL).
  void SetDuplicate(int canonical);

  // Validates and appends. Reject/warning entries go to `log` (file = base
  // name). Returns what happened.
  enum class Outcome { kAccepted, kRejected, kDuplicateKey };
  Outcome Finish(const std::string& file_base, uint16_t file_index, std::vector<RejectEntry>* log,
                 bool* warned);

 private:
  struct Cell {
    bool present = false;      // a non-empty value was given
    bool unsupported = false;  // JSON object/array
    bool duplicate = false;
    std::string_view raw;      // trimmed
  };
  struct Parsed {
    bool null = true;
    int64_t i = 0;
    double d = 0;
    int32_t i32 = 0;
    std::string s;
  };

  bool ParseCell(const ColumnDef& col, const Cell& cell, Parsed* out);

  const TableDef& def_;
  Table* table_;
  PersonDict* persons_;
  std::vector<int> canonical_to_table_;     // TableDef column -> table column
  std::vector<Cell> cells_;                 // per canonical column
  std::vector<std::optional<std::string>> extra_values_;  // per table column (extras only)
  std::vector<std::string> extra_names_;    // per table column: header text for extras
  std::vector<Parsed> parsed_;
  int32_t line_ = 0;
  int unique_col_ = -1;
  std::unordered_set<int32_t> seen_person_keys_;
  std::unordered_set<std::string> seen_text_keys_;

 public:
  // Registers existing unique-key values (appending to a base table).
  void SeedUniqueKeys(const Table& base);
};

}  // namespace tutela::ingest
