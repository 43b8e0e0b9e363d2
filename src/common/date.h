// Calendar arithmetic: civil dates as int32 days since 1970-01-01 and
// timestamps as int64 seconds since 1970-01-01 00:00:00 (local civil time, no
// time zone). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tutela {

using Days = int32_t;     // days since 1970-01-01
using Seconds = int64_t;  // seconds since 1970-01-01T00:00:00

constexpr int64_t kSecondsPerDay = 86400;

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);
// True when year/month/day name a real calendar day (years 1..9999).
bool IsValidDate(int year, int month, int day);

Days DaysFromCivil(int year, int month, int day);
CivilDate CivilFromDays(Days days);

// Adds calendar months; a day past the target month's end clamps to its last
// day (2019-01-31 + 1 month = 2019-02-28).
Days AddMonths(Days date, int64_t months);
// N years = N * 12 months, with the same clamp.
inline Days AddYears(Days date, int64_t years) { return AddMonths(date, years * 12); }

// Full years completed on `on` by someone born on `birth`; the birthday itself
// counts, and a 29 February birthday completes a year on 1 March in common years.
int AgeAt(Days birth, Days on);

inline Days DateOf(Seconds ts) {
  return static_cast<Days>(ts >= 0 ? ts / kSecondsPerDay
                                   : -((-ts + kSecondsPerDay - 1) / kSecondsPerDay));
}
inline Seconds StartOfDay(Days d) { return static_cast<Seconds>(d) * kSecondsPerDay; }

std::string FormatDate(Days days);        // YYYY-MM-DD
std::string FormatTimestamp(Seconds ts);  // YYYY-MM-DD HH:MM:SS

// Strict ISO forms used by the CLI (--as-of) and SQL literals.
std::optional<Days> ParseIsoDate(std::string_view text);

// Today's date from the system clock (UTC).
Days Today();

}  // namespace tutela
