// Writes a query result Table as `table` (aligned, CJK-width aware), `csv`
// (header, then rows; NULL is an empty field; RFC 4180 quoting) or `jsonl`
// (one object per row). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "common/status.h"
#include "common/table.h"
#include "identity/person_dict.h"

namespace tutela::engine {

enum class OutputFormat { kTable, kCsv, kJsonl };

Result<OutputFormat> ParseOutputFormat(std::string_view name);

// Text of one cell: dates YYYY-MM-DD, timestamps YYYY-MM-DD HH:MM:SS,
// booleans true/false, floats in shortest round-trip form, person IDs as
// their ID string (needs `persons` for kPersonId columns). nullopt = NULL.
std::optional<std::string> CellText(const Table& table, size_t col, size_t row,
                                    const PersonDict* persons);

// `persons` may be null when the table has no kPersonId column.
void WriteResult(const Table& table, OutputFormat format, const PersonDict* persons,
                 std::ostream& out);
std::string FormatResult(const Table& table, OutputFormat format, const PersonDict* persons);

// Terminal display width (East Asian wide and full-width characters count 2).
size_t DisplayWidth(std::string_view s);

}  // namespace tutela::engine
