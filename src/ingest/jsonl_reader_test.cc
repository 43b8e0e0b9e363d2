// Unit tests for the JSON Lines reader: value rendering, key order, repeated
// keys, blank lines, CRLF and invalid lines.
#include "ingest/jsonl_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/text.h"

namespace tutela::ingest {
namespace {

std::vector<JsonlRecord> ReadAll(std::string_view text) {
  JsonlReader reader(text);
  std::vector<JsonlRecord> out;
  JsonlRecord r;
  while (reader.Next(&r)) out.push_back(r);
  EXPECT_FALSE(reader.Next(&r));
  return out;
}

JsonlRecord ReadOne(std::string_view line) {
  std::vector<JsonlRecord> recs = ReadAll(line);
  EXPECT_EQ(recs.size(), 1u) << line;
  return recs.empty() ? JsonlRecord{} : recs[0];
}

// "key=text" per field, "key=null" for null, "key=?" for unsupported.
std::vector<std::string> Describe(const JsonlRecord& r) {
  std::vector<std::string> out;
  for (const JsonField& f : r.fields) {
    out.push_back(f.key + "=" + (f.unsupported ? "?" : f.text ? *f.text : "null"));
  }
  return out;
}

using Strings = std::vector<std::string>;

TEST(JsonlReaderTest, ScalarValuesBecomeText) {
  JsonlRecord r =
      ReadOne(R"({"id":"110101200801050012","name":"张三","age":15,"score":-2.5,"ok":true,)"
              R"("bad":false,"note":null,"esc":"a\"b\\c\u5f20\n"})");
  EXPECT_TRUE(r.error.empty()) << r.error;
  EXPECT_EQ(r.line, 1);
  EXPECT_EQ(Describe(r), (Strings{"id=110101200801050012", "name=张三", "age=15", "score=-2.5",
                                  "ok=true", "bad=false", "note=null", "esc=a\"b\\c张\n"}));
  EXPECT_FALSE(r.fields[6].text.has_value());
  EXPECT_FALSE(r.fields[6].unsupported);
}

TEST(JsonlReaderTest, IntegersPrintExactly) {
  JsonlRecord r =
      ReadOne(R"({"a":110101200801050012,"b":-9223372036854775808,"c":18446744073709551615,)"
              R"("d":123456789012345678901234567890,"e":0,"f":-0})");
  EXPECT_EQ(Describe(r),
            (Strings{"a=110101200801050012", "b=-9223372036854775808", "c=18446744073709551615",
                     "d=123456789012345678901234567890", "e=0", "f=0"}));
}

TEST(JsonlReaderTest, FloatsUseShortestRoundTripForm) {
  JsonlRecord r =
      ReadOne(R"({"a":0.1,"b":1.50,"c":1e3,"d":39.9042,"e":116.4074,"f":1e-7,"g":-0.0})");
  EXPECT_EQ(Describe(r),
            (Strings{"a=0.1", "b=1.5", "c=1000", "d=39.9042", "e=116.4074", "f=1e-07", "g=-0"}));
  // A float out of range is an error for the line, not "inf".
  r = ReadOne(R"({"a":1e999})");
  EXPECT_NE(r.error.find("overflow"), std::string::npos) << r.error;
  EXPECT_EQ(r.error.find("[json.exception"), std::string::npos) << r.error;
}

TEST(JsonlReaderTest, NestedValuesAreUnsupported) {
  JsonlRecord r = ReadOne(R"({"a":{"x":1,"y":[1,2]},"b":[],"c":"after","d":[{"z":null}]})");
  EXPECT_TRUE(r.error.empty()) << r.error;
  EXPECT_EQ(Describe(r), (Strings{"a=?", "b=?", "c=after", "d=?"}));
  EXPECT_FALSE(r.fields[0].text.has_value());
}

TEST(JsonlReaderTest, KeysKeepOrderAndRepeats) {
  JsonlRecord r = ReadOne(R"({"z":1,"a":2,"z":3,"姓名":"x"})");
  EXPECT_EQ(Describe(r), (Strings{"z=1", "a=2", "z=3", "姓名=x"}));
}

TEST(JsonlReaderTest, EmptyObjectHasNoFields) {
  JsonlRecord r = ReadOne("  {}  ");
  EXPECT_TRUE(r.error.empty());
  EXPECT_TRUE(r.fields.empty());
}

TEST(JsonlReaderTest, BlankLinesAreCountedAndCrlfWorks) {
  std::vector<JsonlRecord> recs = ReadAll("\r\n{\"a\":1}\r\n  \t\n\n{\"a\":\"x\"}\r\n\r\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].line, 2);
  EXPECT_EQ(Describe(recs[0]), (Strings{"a=1"}));
  EXPECT_EQ(recs[1].line, 5);
  EXPECT_EQ(Describe(recs[1]), (Strings{"a=x"}));
}

TEST(JsonlReaderTest, EmptyInputAndNoTrailingNewline) {
  EXPECT_TRUE(ReadAll("").empty());
  EXPECT_TRUE(ReadAll("\n\n  \n").empty());
  std::vector<JsonlRecord> recs = ReadAll("{\"a\":1}\n{\"b\":2}");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].line, 2);
  EXPECT_EQ(Describe(recs[1]), (Strings{"b=2"}));
}

TEST(JsonlReaderTest, InvalidLinesGiveErrorsAndReadingGoesOn) {
  std::vector<JsonlRecord> recs = ReadAll(
      "{\"a\":1}\n{\"a\": tru}\n[1,2]\n\"text\"\n{\"a\":1} {\"b\":2}\n{\"a\":1,}\n{\"ok\":1}\n");
  ASSERT_EQ(recs.size(), 7u);
  EXPECT_TRUE(recs[0].error.empty());
  for (size_t i = 1; i < 6; ++i) {
    EXPECT_FALSE(recs[i].error.empty()) << i;
    EXPECT_EQ(recs[i].line, static_cast<int32_t>(i) + 1);
    EXPECT_TRUE(recs[i].fields.empty()) << i;
  }
  EXPECT_NE(recs[1].error.find("column 10"), std::string::npos) << recs[1].error;
  EXPECT_NE(recs[1].error.find("invalid literal"), std::string::npos) << recs[1].error;
  EXPECT_NE(recs[2].error.find("not a JSON object"), std::string::npos) << recs[2].error;
  EXPECT_NE(recs[3].error.find("not a JSON object"), std::string::npos) << recs[3].error;
  EXPECT_NE(recs[4].error.find("column"), std::string::npos) << recs[4].error;
  EXPECT_TRUE(recs[6].error.empty());
  EXPECT_EQ(recs[6].line, 7);
}

TEST(JsonlReaderTest, ErrorsStayValidUtf8) {
  JsonlRecord r = ReadOne("{\"a\":\"\xFF\"}");
  EXPECT_FALSE(r.error.empty());
  EXPECT_TRUE(IsValidUtf8(r.error)) << r.error;
  // The parser stops inside "张" (E5 BC A0): its "last read" ends mid-character.
  r = ReadOne("{\"a\": tru张}");
  EXPECT_NE(r.error.find("column"), std::string::npos) << r.error;
  EXPECT_TRUE(IsValidUtf8(r.error)) << r.error;
}

}  // namespace
}  // namespace tutela::ingest
