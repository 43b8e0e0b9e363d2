// Unit tests for the RFC 4180 CSV reader: quoting, line endings, blank lines,
// physical line numbers and malformed records.
#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

namespace tutela::ingest {
namespace {

struct Rec {
  int32_t line;
  std::vector<std::string> fields;
  bool error;
  bool operator==(const Rec&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Rec& r) {
  os << "{line " << r.line << (r.error ? " ERROR" : "") << ":";
  for (const auto& f : r.fields) os << " [" << f << "]";
  return os << "}";
}

std::vector<Rec> ReadAll(std::string_view text, std::vector<std::string>* errors = nullptr) {
  CsvReader reader(text);
  CsvRecord r;
  std::vector<Rec> out;
  while (reader.Next(&r)) {
    out.push_back(
        Rec{r.line, std::vector<std::string>(r.fields.begin(), r.fields.end()), !r.error.empty()});
    if (errors != nullptr) errors->push_back(r.error);
  }
  EXPECT_FALSE(reader.Next(&r)) << "Next() after the end must stay false";
  return out;
}

TEST(CsvReaderTest, SimpleRecordsWithHeaderOnLine1) {
  EXPECT_EQ(ReadAll("id,name\n1,张三\n2,李四\n"),
            (std::vector<Rec>{
                {1, {"id", "name"}, false}, {2, {"1", "张三"}, false}, {3, {"2", "李四"}, false}}));
}

TEST(CsvReaderTest, EmptyInputAndOnlyBlankLines) {
  EXPECT_TRUE(ReadAll("").empty());
  EXPECT_TRUE(ReadAll("\n").empty());
  EXPECT_TRUE(ReadAll("\r\n \t\n\n   ").empty());
  EXPECT_TRUE(ReadAll(" \r").empty());
}

TEST(CsvReaderTest, NoTrailingNewline) {
  EXPECT_EQ(ReadAll("a,b\n1,2"),
            (std::vector<Rec>{{1, {"a", "b"}, false}, {2, {"1", "2"}, false}}));
  EXPECT_EQ(ReadAll("a,b\r\n1,2\r"),
            (std::vector<Rec>{{1, {"a", "b"}, false}, {2, {"1", "2"}, false}}));
  EXPECT_EQ(ReadAll("\"x\""), (std::vector<Rec>{{1, {"x"}, false}}));
}

TEST(CsvReaderTest, CrlfLineEndings) {
  EXPECT_EQ(
      ReadAll("a,b\r\n1,\"q\"\r\n\r\n2,\r\n"),
      (std::vector<Rec>{{1, {"a", "b"}, false}, {2, {"1", "q"}, false}, {4, {"2", ""}, false}}));
}

TEST(CsvReaderTest, EmptyFields) {
  EXPECT_EQ(ReadAll(",\na,\n,,b\n\"\",\"\"\n"), (std::vector<Rec>{{1, {"", ""}, false},
                                                                  {2, {"a", ""}, false},
                                                                  {3, {"", "", "b"}, false},
                                                                  {4, {"", ""}, false}}));
  EXPECT_EQ(ReadAll("a,"), (std::vector<Rec>{{1, {"a", ""}, false}}));
}

TEST(CsvReaderTest, QuotedFieldsWithCommasQuotesAndNewlines) {
  EXPECT_EQ(ReadAll("\"a,b\",\"say \"\"hi\"\"\",\"\"\"\"\n"),
            (std::vector<Rec>{{1, {"a,b", "say \"hi\"", "\""}, false}}));
  EXPECT_EQ(ReadAll("\"line1\nline2\",x\n"), (std::vector<Rec>{{1, {"line1\nline2", "x"}, false}}));
  // CR LF inside quotes is data and kept as written.
  EXPECT_EQ(ReadAll("\"l1\r\nl2\"\r\nnext\r\n"),
            (std::vector<Rec>{{1, {"l1\r\nl2"}, false}, {3, {"next"}, false}}));
}

TEST(CsvReaderTest, LineNumbersCountMultiLineFieldsAndBlankLines) {
  const std::string text =
      "id,note\n"                     // 1
      "\n"                            // 2 blank
      "1,\"first\nsecond\nthird\"\n"  // 3-5
      "  \t\n"                        // 6 blank
      "2,\"a\"\"\nb\"\n"              // 7-8
      "\r\n"                          // 9 blank
      "3,plain\n";                    // 10
  EXPECT_EQ(ReadAll(text), (std::vector<Rec>{{1, {"id", "note"}, false},
                                             {3, {"1", "first\nsecond\nthird"}, false},
                                             {7, {"2", "a\"\nb"}, false},
                                             {10, {"3", "plain"}, false}}));
}

TEST(CsvReaderTest, FieldsAreNotTrimmed) {
  EXPECT_EQ(ReadAll(" a , b \t\n  x\n"),
            (std::vector<Rec>{{1, {" a ", " b \t"}, false}, {2, {"  x"}, false}}));
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldIsLiteral) {
  EXPECT_EQ(ReadAll("a\"b,c\"\n 5\"x\",y\n"),
            (std::vector<Rec>{{1, {"a\"b", "c\""}, false}, {2, {" 5\"x\"", "y"}, false}}));
}

TEST(CsvReaderTest, LoneCrIsData) {
  EXPECT_EQ(ReadAll("a\rb,\"c\rd\"\n"), (std::vector<Rec>{{1, {"a\rb", "c\rd"}, false}}));
}

TEST(CsvReaderTest, SpacesAfterClosingQuoteAreIgnored) {
  EXPECT_EQ(ReadAll("\"a\"  ,\"b\"\t\r\nc\n"),
            (std::vector<Rec>{{1, {"a", "b"}, false}, {2, {"c"}, false}}));
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsMalformed) {
  std::vector<std::string> errors;
  std::vector<Rec> recs = ReadAll("h1,h2\n\"ab\"c,d\n\"x\ny\"z,w\n3,4\n", &errors);
  ASSERT_EQ(recs.size(), 5u);
  EXPECT_EQ(recs[0], (Rec{1, {"h1", "h2"}, false}));
  EXPECT_EQ(recs[1].line, 2);
  EXPECT_TRUE(recs[1].error);
  EXPECT_NE(errors[1].find("text after closing quote"), std::string::npos) << errors[1];
  EXPECT_EQ(recs[2].line, 3);
  EXPECT_TRUE(recs[2].error);
  // A malformed record resumes on the line after its first line.
  EXPECT_EQ(recs[3], (Rec{4, {"y\"z", "w"}, false}));
  EXPECT_EQ(recs[4], (Rec{5, {"3", "4"}, false}));
}

TEST(CsvReaderTest, StrayQuoteDoesNotSwallowLaterRows) {
  // The stray quote on line 2 pairs with the quote on line 4 ("text after
  // closing quote"); lines 3 and 4 must still be read as rows.
  std::vector<Rec> recs =
      ReadAll("id,name,birth\n1,\"张三,2008-01-01\n2,李四,2008-02-02\n3,\"王五\",2008-03-03\n");
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_EQ(recs[1].line, 2);
  EXPECT_TRUE(recs[1].error);
  EXPECT_EQ(recs[2], (Rec{3, {"2", "李四", "2008-02-02"}, false}));
  EXPECT_EQ(recs[3], (Rec{4, {"3", "王五", "2008-03-03"}, false}));
}

TEST(CsvReaderTest, RepeatedResumesStayLinear) {
  // Every line re-read after a malformed record syncs with the text already
  // read; without the sync memo this input takes quadratic time.
  const int n = 100000;
  std::string text = "\"\n";
  for (int i = 0; i < n; ++i) text += "a\",\"\n";
  text += "a\",\"x\"y\n";
  const auto start = std::chrono::steady_clock::now();
  std::vector<Rec> recs = ReadAll(text);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(recs.size(), static_cast<size_t>(n) + 2);
  for (size_t i = 0; i < recs.size(); ++i) {
    EXPECT_EQ(recs[i].line, static_cast<int32_t>(i) + 1);
    EXPECT_TRUE(recs[i].error) << i;
  }
  EXPECT_LT(seconds, 3.0);
}

TEST(CsvReaderTest, UnterminatedQuoteResumesOnNextLine) {
  std::vector<std::string> errors;
  std::vector<Rec> recs = ReadAll("a,b\n1,\"oops\n2,x\n\n3,y", &errors);
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_EQ(recs[0], (Rec{1, {"a", "b"}, false}));
  EXPECT_EQ(recs[1].line, 2);
  EXPECT_TRUE(recs[1].error);
  EXPECT_NE(errors[1].find("unterminated"), std::string::npos) << errors[1];
  EXPECT_EQ(recs[2], (Rec{3, {"2", "x"}, false}));
  EXPECT_EQ(recs[3], (Rec{5, {"3", "y"}, false}));
}

TEST(CsvReaderTest, UnterminatedQuoteAfterMultiLineFieldResumesAfterFirstLine) {
  // The record starts on line 1; its first field spans lines 1-2 and the
  // quote opened on line 2 never closes. Reading resumes on line 2.
  std::vector<Rec> recs = ReadAll("\"a\nb\",\"c\nd,e\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].line, 1);
  EXPECT_TRUE(recs[0].error);
  EXPECT_EQ(recs[1].line, 2);  // b","c  -> unquoted b", then an unterminated quote
  EXPECT_TRUE(recs[1].error);
  EXPECT_EQ(recs[2], (Rec{3, {"d", "e"}, false}));
}

TEST(CsvReaderTest, UnterminatedQuoteOnLastLine) {
  std::vector<Rec> recs = ReadAll("a\n\"b");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].line, 2);
  EXPECT_TRUE(recs[1].error);
}

TEST(CsvReaderTest, ManyUnescapedFieldsStayValid) {
  // Each field needs its own unescaped storage; earlier views must survive
  // the storage growing.
  std::string line;
  std::vector<std::string> expected;
  for (int i = 0; i < 100; ++i) {
    if (i > 0) line += ',';
    line +=
        "\"v" + std::to_string(i) + "\"\"" + std::string(static_cast<size_t>(i % 40), 'x') + "\"";
    expected.push_back("v" + std::to_string(i) + "\"" +
                       std::string(static_cast<size_t>(i % 40), 'x'));
  }
  std::vector<Rec> recs = ReadAll(line + "\n" + line + "\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0], (Rec{1, expected, false}));
  EXPECT_EQ(recs[1], (Rec{2, expected, false}));
}

TEST(CsvReaderTest, LongFieldsCrossSimdBlocks) {
  for (size_t n = 0; n < 70; ++n) {
    const std::string a(n, 'a'), b(70 - n, 'b');
    EXPECT_EQ(ReadAll(a + "," + b + "\r\n" + b + "\n"),
              (std::vector<Rec>{{1, {a, b}, false}, {2, {b}, false}}))
        << n;
  }
}

// Writes a field the RFC 4180 way, quoting when needed (or when forced).
std::string Quote(const std::string& f, bool force) {
  const bool needs = force || f.empty() || f.find_first_of(",\"\r\n") != std::string::npos ||
                     f.front() == ' ' || f.front() == '\t';
  if (!needs) return f;
  std::string out = "\"";
  for (char c : f) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

TEST(CsvReaderTest, RandomRoundTrip) {
  std::mt19937 rng(7);
  const std::vector<std::string> atoms = {
      "a", "张", ",", "\"", "\n", "\r\n", "\r", " ", "\t", "0123456789abcdef", "x\"y", "\"\""};
  for (int round = 0; round < 300; ++round) {
    std::string text;
    std::vector<Rec> expected;
    int32_t line = 1;
    const int records = static_cast<int>(rng() % 20);
    for (int r = 0; r < records; ++r) {
      if (rng() % 5 == 0) {  // a blank line
        text += rng() % 2 ? "  \r\n" : "\n";
        ++line;
      }
      Rec rec{line, {}, false};
      const int fields = 1 + static_cast<int>(rng() % 6);
      for (int f = 0; f < fields; ++f) {
        std::string value;
        const int parts = static_cast<int>(rng() % 5);
        for (int k = 0; k < parts; ++k) value += atoms[rng() % atoms.size()];
        if (f > 0) text += ',';
        const std::string written = Quote(value, rng() % 4 == 0);
        text += written;
        line += static_cast<int32_t>(std::count(written.begin(), written.end(), '\n'));
        rec.fields.push_back(value);
      }
      text += rng() % 2 ? "\r\n" : "\n";
      ++line;
      expected.push_back(rec);
    }
    ASSERT_EQ(ReadAll(text), expected) << "input: " << text;
  }
}

}  // namespace
}  // namespace tutela::ingest
