// Unit tests for calendar arithmetic.
#include "common/date.h"

#include <gtest/gtest.h>

namespace tutela {
namespace {

Days D(int y, int m, int d) { return DaysFromCivil(y, m, d); }

TEST(DateTest, RoundTrip) {
  for (Days d = -800000; d < 800000; d += 97) {
    CivilDate c = CivilFromDays(d);
    EXPECT_EQ(DaysFromCivil(c.year, c.month, c.day), d);
  }
  EXPECT_EQ(D(1970, 1, 1), 0);
  EXPECT_EQ(FormatDate(D(2024, 2, 29)), "2024-02-29");
}

TEST(DateTest, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(AddMonths(D(2019, 1, 31), 1), D(2019, 2, 28));
  EXPECT_EQ(AddYears(AddMonths(D(2019, 1, 31), 1), 1), D(2020, 2, 28));
  EXPECT_EQ(AddMonths(D(2020, 1, 31), 1), D(2020, 2, 29));
  EXPECT_EQ(AddMonths(D(2020, 3, 31), -1), D(2020, 2, 29));
  EXPECT_EQ(AddMonths(D(2020, 12, 15), 1), D(2021, 1, 15));
  EXPECT_EQ(AddMonths(D(2021, 1, 15), -13), D(2019, 12, 15));
  EXPECT_EQ(AddYears(D(2020, 2, 29), 1), D(2021, 2, 28));
}

TEST(DateTest, AgeCountsTheBirthday) {
  EXPECT_EQ(AgeAt(D(2006, 5, 10), D(2024, 5, 9)), 17);
  EXPECT_EQ(AgeAt(D(2006, 5, 10), D(2024, 5, 10)), 18);
  // 29 February: a year completes on 1 March in common years.
  EXPECT_EQ(AgeAt(D(2004, 2, 29), D(2022, 2, 28)), 17);
  EXPECT_EQ(AgeAt(D(2004, 2, 29), D(2022, 3, 1)), 18);
  EXPECT_EQ(AgeAt(D(2004, 2, 29), D(2024, 2, 29)), 20);
}

TEST(DateTest, TimestampsAndParsing) {
  EXPECT_EQ(FormatTimestamp(StartOfDay(D(2024, 1, 5)) + 3661), "2024-01-05 01:01:01");
  EXPECT_EQ(DateOf(StartOfDay(D(1960, 1, 5)) + 10), D(1960, 1, 5));
  EXPECT_EQ(ParseIsoDate("2024-02-29"), D(2024, 2, 29));
  EXPECT_FALSE(ParseIsoDate("2023-02-29").has_value());
  EXPECT_FALSE(ParseIsoDate("2023-2-1").has_value());
}

}  // namespace
}  // namespace tutela
