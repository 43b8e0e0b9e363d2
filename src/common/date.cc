// Calendar arithmetic (Howard Hinnant's days-from-civil algorithm).
#include "common/date.h"

#include <fmt/format.h>

#include <ctime>

namespace tutela {

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && IsLeapYear(y)) return 29;
  return kDays[m - 1];
}

bool IsValidDate(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

Days DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

CivilDate CivilFromDays(Days z) {
  int zz = z + 719468;
  const int era = (zz >= 0 ? zz : zz - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(zz - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{y + (m <= 2), static_cast<int>(m), static_cast<int>(d)};
}

Days AddMonths(Days date, int64_t months) {
  CivilDate c = CivilFromDays(date);
  int64_t total = static_cast<int64_t>(c.year) * 12 + (c.month - 1) + months;
  int y = static_cast<int>(total >= 0 ? total / 12 : (total - 11) / 12);
  int m = static_cast<int>(total - static_cast<int64_t>(y) * 12) + 1;
  int d = c.day;
  int dim = DaysInMonth(y, m);
  if (d > dim) d = dim;
  return DaysFromCivil(y, m, d);
}

int AgeAt(Days birth, Days on) {
  CivilDate b = CivilFromDays(birth);
  CivilDate o = CivilFromDays(on);
  int age = o.year - b.year;
  // Birthday this year: 29 Feb in a common year falls on 1 Mar, so compare
  // (month, day) directly: before (2,29) means not yet; on 3/1 it counts.
  if (o.month < b.month || (o.month == b.month && o.day < b.day)) age--;
  return age;
}

std::string FormatDate(Days days) {
  CivilDate c = CivilFromDays(days);
  return fmt::format("{:04d}-{:02d}-{:02d}", c.year, c.month, c.day);
}

std::string FormatTimestamp(Seconds ts) {
  Days d = DateOf(ts);
  int64_t rem = ts - StartOfDay(d);
  return fmt::format("{} {:02d}:{:02d}:{:02d}", FormatDate(d), rem / 3600, (rem / 60) % 60,
                     rem % 60);
}

std::optional<Days> ParseIsoDate(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lens[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k) {
    for (int i = 0; i < lens[k]; ++i) {
      char ch = t[starts[k] + i];
      if (ch < '0' || ch > '9') return std::nullopt;
      v[k] = v[k] * 10 + (ch - '0');
    }
  }
  if (!IsValidDate(v[0], v[1], v[2])) return std::nullopt;
  return DaysFromCivil(v[0], v[1], v[2]);
}

Days Today() {
  std::time_t now = std::time(nullptr);
  return static_cast<Days>(now / kSecondsPerDay);
}

}  // namespace tutela
