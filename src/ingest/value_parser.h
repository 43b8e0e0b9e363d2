// Parsers for the cell spellings of datasets.md: empty markers, dates,
// date-times, booleans, integers, decimals, sex, region codes, enumerations.
// Inputs are trimmed cells. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/date.h"
#include "ingest/schema.h"

namespace tutela::ingest {

// "", NULL, null, \N and - mean missing (case-sensitive, as listed in
// datasets.md); their full-width forms too (ＮＵＬＬ, －), being NFKC-equal.
bool IsEmptyMarker(std::string_view cell);

// Dates: 2024-01-05, 2024/1/5, 20240105, 2024年1月5日, 2024.01.05, optionally
// followed by a time (" HH:MM[:SS]" or "T..."), which is dropped.
bool ParseDate(std::string_view cell, Days* out);
// Same spellings; a bare date means 00:00:00.
bool ParseDateTime(std::string_view cell, Seconds* out);
// 1/0, true/false, 是/否, Y/N (case-insensitive).
bool ParseBool(std::string_view cell, bool* out);
// [+-]digits, also "12.0" (an integral decimal, as spreadsheets export).
bool ParseInt(std::string_view cell, int64_t* out);
// Finite decimal number.
bool ParseDouble(std::string_view cell, double* out);
// M/F (any case) or 男/女 -> "M"/"F".
bool ParseSex(std::string_view cell, std::string* out);
// Exactly six digits.
bool ParseRegion(std::string_view cell, std::string* out);
// English value (case-insensitive) or a listed Chinese spelling -> canonical value.
bool ParseEnum(const ColumnDef& col, std::string_view cell, std::string* out);

// Chinese-first, English-second description of what a kind expects, for
// reject reasons ("无法解析的日期 / unparsable date").
std::string KindExpectation(const ColumnDef& col);

}  // namespace tutela::ingest
