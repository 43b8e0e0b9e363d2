// Tests for the embedded administrative-division reference data.
#include "identity/regions.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "testutil/testutil.h"

namespace tutela {
namespace {

// Data lines (non-empty, after the header) of a source CSV.
size_t CountRows(const std::string& relative) {
  const std::string text = testing::ReadFile(testing::SourcePath(relative));
  size_t rows = 0;
  size_t pos = 0;
  bool header = true;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (header) {
      header = false;
      continue;
    }
    ++rows;
  }
  return rows;
}

TEST(RegionsTest, Lookups) {
  const Regions& r = Regions::Get();
  EXPECT_EQ(r.NameOf("11"), "北京市");
  EXPECT_EQ(r.NameOf("110101"), "东城区");
  EXPECT_EQ(r.NameOf("1101"), "市辖区");
  EXPECT_EQ(r.NameOf("1301"), "石家庄市");
  EXPECT_EQ(r.NameOf("65"), "新疆维吾尔自治区");
  EXPECT_EQ(r.NameOf("99"), "");
  EXPECT_EQ(r.NameOf("119999"), "");
  EXPECT_EQ(r.NameOf(""), "");
}

TEST(RegionsTest, Entries) {
  const Regions& r = Regions::Get();
  const RegionEntry* e = r.Find("110101");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->level, "county");
  EXPECT_EQ(e->parent, "1101");
  e = r.Find("1301");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->level, "city");
  EXPECT_EQ(e->parent, "13");
  e = r.Find("13");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->level, "province");
  EXPECT_EQ(e->parent, "");
  EXPECT_EQ(r.Find("00"), nullptr);
}

TEST(RegionsTest, AllRowsLoaded) {
  const Regions& r = Regions::Get();
  size_t provinces = 0, cities = 0, counties = 0;
  std::set<std::string> codes;
  for (const RegionEntry& e : r.entries()) {
    codes.insert(e.code);
    if (e.level == "province") {
      ++provinces;
      EXPECT_EQ(e.code.size(), 2u);
    } else if (e.level == "city") {
      ++cities;
      EXPECT_EQ(e.code.size(), 4u);
      EXPECT_EQ(e.parent, e.code.substr(0, 2));
    } else {
      EXPECT_EQ(e.level, "county");
      ++counties;
      EXPECT_EQ(e.code.size(), 6u);
      EXPECT_EQ(e.parent, e.code.substr(0, 4));
    }
    EXPECT_FALSE(e.name.empty()) << e.code;
    EXPECT_EQ(e.name.find('"'), std::string::npos) << e.code;
    EXPECT_EQ(e.name.find('\r'), std::string::npos) << e.code;
  }
  EXPECT_EQ(codes.size(), r.entries().size());
  EXPECT_EQ(provinces, CountRows("data/regions/provinces.csv"));
  EXPECT_EQ(cities, CountRows("data/regions/cities.csv"));
  EXPECT_EQ(counties, CountRows("data/regions/areas.csv"));
  EXPECT_EQ(provinces, 31u);
}

TEST(RegionsTest, KnownProvinces) {
  const Regions& r = Regions::Get();
  for (const char* code : {"11", "12", "13", "31", "44", "65"}) {
    EXPECT_TRUE(r.IsKnownProvince(code)) << code;
  }
  for (const char* code : {"00", "10", "99", "1", "110", "ab", ""}) {
    EXPECT_FALSE(r.IsKnownProvince(code)) << code;
  }
}

}  // namespace
}  // namespace tutela
