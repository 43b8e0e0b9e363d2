// The data standard of shared/spec/datasets.md as code: every table, its
// canonical columns, Chinese header aliases, value kinds and enumerations.
// Immutable static data; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/column.h"

namespace tutela::ingest {

// How a cell's text is parsed.
enum class ValueKind {
  kPersonId,   // ID number: normalised, never rejected for its form
  kText,       // trimmed text
  kDate,       // any accepted date spelling; a date-time keeps its date
  kDateTime,   // date plus optional time; a bare date means 00:00:00
  kBool,       // 1/0, true/false, 是/否, Y/N
  kInt,        // integer
  kDouble,     // decimal number
  kLatitude,   // decimal degrees in [-90, 90]
  kLongitude,  // decimal degrees in [-180, 180]
  kRegion,     // six digits
  kSex,        // M/F, 男/女
  kEnum,       // one of `enum_values`, English or Chinese spelling
};

struct ColumnDef {
  std::string name;                  // canonical English name
  std::vector<std::string> aliases;  // Chinese header aliases
  ValueKind kind = ValueKind::kText;
  bool required = false;
  // For kEnum: (spelling, canonical value) pairs; the canonical English
  // values themselves are always accepted.
  std::vector<std::pair<std::string, std::string>> enum_values;
};

struct TableDef {
  std::string name;      // canonical table name, e.g. "hotel_checkins"
  std::string title_zh;  // e.g. "旅馆住宿登记"
  std::vector<ColumnDef> columns;
  // Column whose repeated values keep only the first row (persons,
  // institutions); empty when none.
  std::string unique_key;
  // Identity linking: when `link_id` is empty, link it through (link_name,
  // link_birth) to persons. Empty when the table has no such columns.
  std::string link_id, link_name, link_birth;

  int ColumnIndex(std::string_view name) const;
};

// Storage type of a value kind in the in-memory tables.
Type StorageType(ValueKind kind);

const std::vector<TableDef>& AllTables();
// nullptr when `name` is not a table of the standard.
const TableDef* FindTable(std::string_view name);

// Matches a header cell (NFKC-normalised and trimmed; English names
// case-insensitive; Chinese aliases) to a canonical column; -1 when unknown.
int MatchHeader(const TableDef& table, std::string_view header_cell);

// Header cell as it is kept for an unknown extra column (NFKC, trimmed).
std::string NormalizeHeader(std::string_view header_cell);

}  // namespace tutela::ingest
