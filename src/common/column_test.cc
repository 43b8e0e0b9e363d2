// Tests for StringDict (interning, codes, lookups across growth, short and
// long strings) and the Column bulk appenders used by parallel loading.
#include "common/column.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tutela {
namespace {

TEST(StringDictTest, CodesAreFirstInternOrderForEveryLength) {
  StringDict d;
  std::vector<std::string> values;
  for (int i = 0; i < 4000; ++i) {
    // Lengths 0..40, bytes that differ only late in the string, NULs, UTF-8.
    std::string v = std::string(static_cast<size_t>(i % 41), 'a') + std::to_string(i / 41);
    if (i % 5 == 0) v = std::to_string(i);
    if (i % 7 == 0) v = "张" + v;
    if (i % 11 == 0) v += std::string(1, '\0');
    if (i == 0) v = "";
    values.push_back(v);
  }
  std::vector<int32_t> codes;
  for (const std::string& v : values) codes.push_back(d.Intern(v));
  int32_t next = 0;
  std::vector<std::string> distinct;
  for (size_t i = 0; i < values.size(); ++i) {
    bool seen = false;
    for (size_t j = 0; j < i && !seen; ++j) seen = values[j] == values[i];
    if (!seen) {
      EXPECT_EQ(codes[i], next++) << i;
      distinct.push_back(values[i]);
    }
    EXPECT_EQ(d.Get(codes[i]), values[i]);
    EXPECT_EQ(d.Find(values[i]), codes[i]);
    EXPECT_EQ(d.Intern(values[i]), codes[i]);
  }
  EXPECT_EQ(d.values(), distinct);
  EXPECT_EQ(d.Find("absent"), -1);
  EXPECT_EQ(d.Find(std::string(30, 'a') + "x"), -1);
  EXPECT_EQ(StringDict().Find(""), -1);
  // Rebuilt from its values, or reserved first: the same codes.
  StringDict copy(d.values());
  StringDict reserved;
  reserved.Reserve(10000);
  for (const std::string& v : distinct) reserved.Intern(v);
  for (const std::string& v : distinct) {
    EXPECT_EQ(copy.Find(v), d.Find(v));
    EXPECT_EQ(reserved.Find(v), d.Find(v));
  }
}

TEST(ColumnTest, AppendRowsKeepsMapsAndCopiesValidity) {
  Column src(Type::kString);
  for (int i = 0; i < 150; ++i) {
    if (i % 4 == 0) {
      src.AppendNull();
    } else {
      src.AppendString("v" + std::to_string(i % 3));
    }
  }
  // Codes in src: v1 -> 0, v2 -> 1, v0 -> 2; the target already holds v0.
  Column out(Type::kString);
  out.AppendString("v0");
  std::vector<int32_t> map(3);
  for (int32_t c = 0; c < 3; ++c)
    map[static_cast<size_t>(c)] = out.mutable_dict().Intern(src.dict().Get(c));
  std::vector<char> keep(150, 1);
  for (size_t r = 0; r < 150; r += 3) keep[r] = 0;
  out.AppendRows(src, &keep, &map);
  out.AppendRows(src, nullptr, &map);
  out.AppendNulls(70);
  size_t row = 1;
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t r = 0; r < 150; ++r) {
      if (pass == 0 && !keep[r]) continue;
      ASSERT_EQ(out.IsNull(row), src.IsNull(r)) << pass << " " << r;
      if (!src.IsNull(r)) {
        EXPECT_EQ(out.GetString(row), src.GetString(r));
      }
      ++row;
    }
  }
  ASSERT_EQ(out.size(), row + 70);
  for (; row < out.size(); ++row) {
    EXPECT_TRUE(out.IsNull(row));
    EXPECT_EQ(out.GetI32(row), -1);
  }

  Column ts(Type::kTimestamp);
  ts.AppendInt(5);
  ts.AppendNull();
  Column all(Type::kTimestamp);
  for (int i = 0; i < 64; ++i) all.AppendInt(i);  // word-aligned: bitmap words copied
  all.AppendRows(ts, nullptr, nullptr);
  ASSERT_EQ(all.size(), 66u);
  EXPECT_EQ(all.GetInt(64), 5);
  EXPECT_TRUE(all.IsNull(65));

  Column ids(Type::kPersonId);
  ids.AppendI32(0);
  ids.AppendNull();
  ids.AppendI32(1);
  ids.MapCodes({7, 9}, 0, 3);
  EXPECT_EQ(ids.GetI32(0), 7);
  EXPECT_TRUE(ids.IsNull(1));
  EXPECT_EQ(ids.GetI32(1), -1);
  EXPECT_EQ(ids.GetI32(2), 9);
}

}  // namespace
}  // namespace tutela
