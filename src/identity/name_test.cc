// Tests for person-name normalisation (spaces, middle dots, width, t2s, case).
#include "identity/name.h"

#include <gtest/gtest.h>
#include <opencc/opencc.h>

#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/text.h"

namespace tutela {
namespace {

TEST(NormalizeNameTest, ConverterIsAvailable) {
  EXPECT_TRUE(NameConverterAvailable()) << NameConverterError();
  EXPECT_EQ(NameConverterError(), "");
}

TEST(NormalizeNameTest, SpecExamples) {
  EXPECT_EQ(NormalizeName("張 三"), "张三");
  EXPECT_EQ(NormalizeName("阿依古丽·买买提"), "阿依古丽买买提");
  EXPECT_EQ(NormalizeName("ＡＢＣ"), "ABC");
}

TEST(NormalizeNameTest, TraditionalToSimplified) {
  EXPECT_EQ(NormalizeName("劉德華"), "刘德华");
  EXPECT_EQ(NormalizeName("陳東"), "陈东");
  EXPECT_EQ(NormalizeName("趙麗穎"), "赵丽颖");
  EXPECT_EQ(NormalizeName("张三"), "张三");  // already simplified
  EXPECT_EQ(NormalizeName("張三"), NormalizeName("张三"));
}

TEST(NormalizeNameTest, SpacesAndTrim) {
  EXPECT_EQ(NormalizeName("  张三  "), "张三");
  EXPECT_EQ(NormalizeName("\t张\t三\r\n"), "张三");
  EXPECT_EQ(NormalizeName("\xE3\x80\x80张\xE3\x80\x80三\xE3\x80\x80"), "张三");  // U+3000
  EXPECT_EQ(NormalizeName("张\xC2\xA0三"), "张三");                              // U+00A0
  EXPECT_EQ(NormalizeName(""), "");
  EXPECT_EQ(NormalizeName("   "), "");
}

TEST(NormalizeNameTest, MiddleDotVariants) {
  const std::string want = "阿依古丽买买提";
  for (const char* dot : {"·", "•", ".", "・", "‧", "･", "．", "∙", "⋅", "\xCE\x87"}) {
    EXPECT_EQ(NormalizeName(std::string("阿依古丽") + dot + "买买提"), want) << dot;
  }
  EXPECT_EQ(NormalizeName("阿依古丽 · 买买提"), want);
}

TEST(NormalizeNameTest, LatinLettersUpperCased) {
  EXPECT_EQ(NormalizeName("John Smith"), "JOHNSMITH");
  EXPECT_EQ(NormalizeName("JOHN SMITH"), "JOHNSMITH");
  EXPECT_EQ(NormalizeName("john.smith"), "JOHNSMITH");
  EXPECT_EQ(NormalizeName("Ｊｏｈｎ　Ｓｍｉｔｈ"), "JOHNSMITH");
  EXPECT_EQ(NormalizeName("王ｘｉａｏ明"), "王XIAO明");
}

TEST(NormalizeNameTest, FullWidthDigitsAndIdempotence) {
  EXPECT_EQ(NormalizeName("李四２"), "李四2");
  for (const char* raw : {"張 三", "阿依古丽·买买提", "John Smith", "劉德華", "ＡＢＣ"}) {
    const std::string once = NormalizeName(raw);
    EXPECT_EQ(NormalizeName(once), once) << raw;
  }
}

TEST(NormalizeNameTest, MalformedUtf8IsKept) {
  const std::string raw = "张\xFF三";
  const std::string out = NormalizeName(raw);
  EXPECT_EQ(out, raw);
}

TEST(NormalizeNameTest, ConcurrentUse) {
  std::vector<std::thread> threads;
  std::vector<std::string> results(8);
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&results, i] {
      std::string r;
      for (int k = 0; k < 200; ++k) r = NormalizeName("劉 德·華");
      results[i] = r;
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_EQ(r, "刘德华");
}

// Skipping t2s for text without any dictionary-key character must never
// change a result: every CJK ideograph (and a few phrases) alone, compared
// with OpenCC's own conversion.
TEST(NormalizeNameTest, SkippingT2sNeverChangesTheResult) {
  ASSERT_TRUE(NameConverterAvailable()) << NameConverterError();
  opencc::SimpleConverter t2s("t2s.json");
  std::vector<std::pair<int32_t, int32_t>> ranges = {
      {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0x20000, 0x2EBEF}, {0x30000, 0x3134F}};
  int changed = 0;
  for (const auto& [lo, hi] : ranges) {
    for (int32_t cp = lo; cp <= hi; ++cp) {
      std::string text;
      AppendUtf8(&text, cp);
      const std::string expect = t2s.Convert(text);
      changed += expect != text;
      ASSERT_EQ(NormalizeName(text), expect) << std::hex << cp;
    }
  }
  EXPECT_GT(changed, 2000);  // the traditional characters were converted
  for (const char* phrase : {"乾隆", "頭髮", "發展", "皇后", "于谦", "雲南", "瞭解"}) {
    EXPECT_EQ(NormalizeName(phrase), t2s.Convert(phrase)) << phrase;
  }
}

}  // namespace
}  // namespace tutela
