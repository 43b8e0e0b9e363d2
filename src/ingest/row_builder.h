// RowBuilder: parses one record's cells (already matched to columns) against
// a TableDef, decides reject/warnings, and appends accepted rows to a Table.
// Hot path of every import: no heap allocation per row in the common case.
// One builder per import; it borrows the Table and PersonDict; not thread-safe.
#pragma once

#include <cstdint>
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
// or an extra column (index into the table's schema); neither = dropped.
struct CellTarget {
  int canonical = -1;
  int extra_table_column = -1;
};

class RowBuilder {
 public:
  RowBuilder(const TableDef& def, Table* table, PersonDict* persons);

  // Table column index for an extra (unknown) header, adding a text column
  // when new; -1 when `header` names a canonical column (the cell is dropped).
  int ExtraColumn(const std::string& header);

  // Registers existing unique-key values (appending to a base table).
  void SeedUniqueKeys(const Table& base);

  // Table column of canonical column `canonical` (index into TableDef::columns).
  int TableColumn(int canonical) const {
    return canonical_to_table_[static_cast<size_t>(canonical)];
  }
  Table* table() const { return table_; }

  // A hint that `raw` will be given for `target` soon: starts fetching the
  // dictionary slots it will need (see PieceParser's read-ahead).
  void Prefetch(const CellTarget& target, std::string_view raw) const;

  // Starts a record. Cells are then given with SetCell / SetUnsupported; the
  // text given to SetCell must stay valid until Finish returns.
  void Begin(int32_t line);
  void SetCell(const CellTarget& target, std::string_view raw);
  // A JSON object or array value: unparsable in a canonical column, NULL in
  // an extra column.
  void SetUnsupported(const CellTarget& target);
  // Marks a canonical column given twice in one record (JSONL).
  void SetDuplicate(int canonical);

  // Validates and appends. Reject/warning entries go to `log` (file = base
  // name): a rejected row gets exactly one entry (its first failing required
  // column in schema order) and no warnings. Returns what happened.
  enum class Outcome { kAccepted, kRejected, kDuplicateKey };
  Outcome Finish(const std::string& file_base, uint16_t file_index, std::vector<RejectEntry>* log,
                 bool* warned);

 private:
  struct Cell {
    bool present = false;      // a non-empty value was given
    bool unsupported = false;  // JSON object/array
    bool duplicate = false;
    std::string_view raw;  // trimmed
  };
  struct Parsed {
    bool null = true;
    int64_t i = 0;
    double d = 0;
    int32_t i32 = 0;
    std::string s;          // storage for values that are not views of the input
    std::string_view text;  // kString value: the raw cell or `s`
  };

  bool ParseCell(const ColumnDef& col, const Cell& cell, Parsed* out);
  bool IsNewUniqueKey(const Parsed& key);

  const TableDef& def_;
  Table* table_;
  PersonDict* persons_;
  std::vector<int> canonical_to_table_;  // TableDef column -> table column
  std::vector<char> is_canonical_;       // per table column
  std::vector<Cell> cells_;              // per canonical column
  std::vector<Parsed> parsed_;           // per canonical column
  // Per table column: the current record's value of an extra column (empty
  // view with extra_set_ 0 = NULL).
  std::vector<std::string_view> extra_values_;
  std::vector<char> extra_set_;
  std::vector<int> extra_columns_;     // table columns that got a value this record
  std::vector<RejectEntry> warnings_;  // scratch, reused across records
  int32_t line_ = 0;
  int unique_col_ = -1;
  std::vector<char> seen_person_keys_;  // by person code
  std::unordered_set<std::string, StringHash, std::equal_to<>> seen_text_keys_;
};

}  // namespace tutela::ingest
