// Cutting files into pieces: FindCuts, PrepareFile, readers started mid-text,
// and ImportText cut into many pieces at every awkward place (quoted
// newlines near a cut, CRLF, BOM, GB18030, blank lines, no final newline,
// stray and unterminated quotes) giving exactly the one-piece result.
#include "ingest/source_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ingest/csv_reader.h"
#include "ingest/jsonl_reader.h"

namespace tutela::ingest {
namespace {

constexpr const char* kA = "110101201003150134";
constexpr const char* kB = "110101198001010221";

TEST(FindCutsTest, CutsFollowNewlinesWithEvenQuoteParity) {
  EXPECT_TRUE(FindCuts("no newline at all", 0, 4, true).empty());
  EXPECT_TRUE(FindCuts("", 0, 4, true).empty());
  // The middle falls inside a quoted field holding newlines: the cut moves
  // past its closing quote.
  const std::string text = "a,\"x\ny\nz\nw\nv\nu\"\nb,c\n";
  const std::vector<size_t> cuts = FindCuts(text, 0, 2, true);
  ASSERT_EQ(cuts.size(), 1u);
  EXPECT_EQ(text.substr(cuts[0]), "b,c\n");
  // JSON Lines ignore quotes: the first newline after the middle.
  const std::vector<size_t> json = FindCuts(text, 0, 2, false);
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(text.substr(json[0]), "v\nu\"\nb,c\n");
  // Never at the very end, never twice at the same place, always ascending.
  const std::string lines = "1\n2\n3\n4\n5\n6\n7\n8\n";
  const std::vector<size_t> many = FindCuts(lines, 0, 20, true);
  for (size_t i = 0; i < many.size(); ++i) {
    EXPECT_LT(many[i], lines.size());
    EXPECT_EQ(lines[many[i] - 1], '\n');
    if (i > 0) {
      EXPECT_LT(many[i - 1], many[i]);
    }
  }
  EXPECT_EQ(many.size(), 7u);
}

TEST(PrepareFileTest, HeaderBomLinesAndPieces) {
  ImportOptions options;
  std::string csv = "\xEF\xBB\xBFperson_id,name\r\n";
  for (int i = 0; i < 50; ++i) csv += std::string(kA) + ",\"n\r\n" + std::to_string(i) + "\"\r\n";
  Result<PreparedFile> f = PrepareFile(*FindTable("persons"), "d/persons.csv", "persons.csv",
                                       FileBytes::View(csv), options, 4, 1);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->encoding, "utf-8");
  EXPECT_FALSE(f->jsonl);
  EXPECT_TRUE(f->has_header);
  EXPECT_EQ(f->header, (std::vector<std::string>{"person_id", "name"}));
  EXPECT_EQ(f->bytes, static_cast<int64_t>(csv.size()));
  ASSERT_EQ(f->pieces(), 4u);
  EXPECT_EQ(f->cuts.front(), f->text().find(kA));
  EXPECT_EQ(f->cut_lines.front(), 2);
  EXPECT_EQ(f->cuts.back(), f->text().size());
  for (size_t i = 1; i < f->pieces(); ++i) {
    // Each cut starts a record: two physical lines per record.
    EXPECT_EQ(f->text().compare(f->cuts[i], 18, kA), 0) << i;
    EXPECT_EQ(f->cut_lines[i] % 2, 0) << i;
    EXPECT_EQ(f->cut_lines[i], 1 + static_cast<int64_t>(std::count(
                                       f->text().begin(), f->text().begin() + f->cuts[i], '\n')));
  }
}

TEST(PrepareFileTest, EmptyAndHeaderOnlyFiles) {
  ImportOptions options;
  Result<PreparedFile> empty = PrepareFile(*FindTable("persons"), "persons.csv", "persons.csv",
                                           FileBytes::View("\n\n"), options, 4, 1);
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->has_header);
  EXPECT_EQ(empty->pieces(), 0u);
  Result<PreparedFile> header = PrepareFile(*FindTable("persons"), "persons.csv", "persons.csv",
                                            FileBytes::View("person_id"), options, 4, 1);
  ASSERT_TRUE(header.ok());
  EXPECT_TRUE(header->has_header);
  EXPECT_EQ(header->pieces(), 1u);
  Result<PreparedFile> twice = PrepareFile(*FindTable("persons"), "persons.csv", "persons.csv",
                                           FileBytes::View("person_id,身份证号\n"), options, 4, 1);
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("persons.csv:1:2:"), std::string::npos);
}

TEST(CsvReaderTest, StartsMidTextAndKnowsWhenItCanBeResumed) {
  const std::string text = "a,b\n\"x\ny\",z\nc,d\n";
  CsvReader whole(text);
  CsvRecord rec;
  ASSERT_TRUE(whole.Next(&rec));
  EXPECT_EQ(whole.offset(), 4u);
  EXPECT_EQ(whole.line(), 2);
  EXPECT_TRUE(whole.Resumable());
  ASSERT_TRUE(whole.Next(&rec));
  EXPECT_EQ(whole.line(), 4);
  CsvReader mid(text, whole.offset(), whole.line());
  ASSERT_TRUE(mid.Next(&rec));
  EXPECT_EQ(rec.line, 4);
  EXPECT_EQ(rec.fields, (std::vector<std::string_view>{"c", "d"}));
  EXPECT_FALSE(mid.Next(&rec));

  // After a malformed multi-line record, the reader remembers where the same
  // error would follow; it cannot be replaced by a fresh reader there.
  const std::string bad = "\"a\nb\",\"c\"x\ne,f\n";
  CsvReader r(bad);
  ASSERT_TRUE(r.Next(&rec));
  EXPECT_FALSE(rec.error.empty());
  EXPECT_EQ(r.offset(), 3u);
  EXPECT_FALSE(r.Resumable());
}

TEST(JsonlReaderTest, StartsMidText) {
  const std::string text = "{\"a\":1}\n\n{\"a\":2}\r\n{\"a\":3}";
  JsonlReader r(text, text.find("{\"a\":2}"), 2);
  JsonlRecord rec;
  ASSERT_TRUE(r.Next(&rec));
  EXPECT_EQ(rec.line, 3);
  EXPECT_EQ(*rec.fields[0].text, "2");
  ASSERT_TRUE(r.Next(&rec));
  EXPECT_EQ(rec.line, 4);
  EXPECT_FALSE(r.Next(&rec));
  EXPECT_EQ(r.offset(), text.size());
}

// Rows, lines, files, person IDs and the reject log of an import, as text.
std::string Describe(const Result<ImportResult>& r, const PersonDict& persons) {
  if (!r.ok()) return "error: " + r.status().ToString();
  std::string out;
  const Table& t = *r->table;
  for (const ColumnSpec& c : t.schema()) out += c.name + " ";
  out += "\n";
  for (size_t row = 0; row < t.num_rows(); ++row) {
    out += t.files()[t.file_index()[row]] + ":" + std::to_string(t.lines()[row]);
    for (size_t c = 0; c < t.num_columns(); ++c) {
      const Column& col = t.column(c);
      if (col.IsNull(row)) {
        out += "|NULL";
      } else if (col.type() == Type::kString) {
        out += "|" + std::to_string(col.GetI32(row)) + "=" + col.GetString(row);
      } else if (col.type() == Type::kPersonId) {
        out += "|" + std::to_string(col.GetI32(row)) + "=" + persons.Id(col.GetI32(row));
      } else if (col.type() == Type::kTimestamp || col.type() == Type::kInt64) {
        out += "|" + std::to_string(col.GetInt(row));
      } else {
        out += "|" + std::to_string(col.GetI32(row));
      }
    }
    out += "\n";
  }
  for (const RejectEntry& e : r->rejects) out += RejectEntryToJson(e) + "\n";
  for (const FileImportStats& f : r->files) {
    out += f.encoding + " " + std::to_string(f.rows_read) + " " + std::to_string(f.rows_accepted) +
           " " + std::to_string(f.rows_rejected) + " " + std::to_string(f.rows_warned) + " " +
           std::to_string(f.rows_duplicate_key) + "\n";
  }
  return out;
}

// ImportText in one piece, and cut at every possible place.
void ExpectSameInPieces(const char* table, const std::string& name, const std::string& bytes) {
  PersonDict one_dict;
  ImportOptions one;
  one.threads = 1;
  const std::string expected =
      Describe(ImportText(*FindTable(table), name, bytes, &one_dict, one), one_dict);
  for (int threads : {2, 3, 4, 9}) {
    PersonDict dict;
    ImportOptions options;
    options.threads = threads;
    options.min_piece_bytes = 1;
    options.balance_pieces = false;
    EXPECT_EQ(Describe(ImportText(*FindTable(table), name, bytes, &dict, options), dict), expected)
        << name << " in " << threads << " pieces";
  }
}

TEST(ImportInPiecesTest, QuotedNewlinesNearEveryCut) {
  std::string csv = "person_id,name,address\n";
  for (int i = 0; i < 12; ++i) {
    csv +=
        std::string(i % 2 ? kA : kB) + ",\"名\n" + std::to_string(i) + "\",\"a\n\n\"\"b\"\"\n\"\n";
  }
  ExpectSameInPieces("persons", "persons.csv", csv);
  ExpectSameInPieces("guardians", "guardians.csv",
                     "minor_id,guardian_id,relation\n" + std::string(kA) + "," + kB + ",\"x\ny\"");
}

TEST(ImportInPiecesTest, CrlfBomBlankLinesAndNoFinalNewline) {
  std::string csv = "\xEF\xBB\xBFminor_id,guardian_id,relation\r\n";
  for (int i = 0; i < 10; ++i) {
    csv += std::string(kA) + "," + kB + ",r" + std::to_string(i) + "\r\n";
    if (i % 3 == 0) csv += "\r\n  \t\r\n";
  }
  csv += std::string(kB) + "," + kA + ",last";
  ExpectSameInPieces("guardians", "guardians.csv", csv);
}

TEST(ImportInPiecesTest, Gb18030) {
  // "姓名" and "张三" in GB18030, with quoted fields holding a newline.
  const std::string name = "\xD0\xD5\xC3\xFB";
  const std::string zhang = "\xD5\xC5\xC8\xFD";
  std::string csv = "person_id," + name + "\n";
  for (int i = 0; i < 10; ++i) csv += std::string(kA) + ",\"" + zhang + "\n" + zhang + "\"\n";
  ExpectSameInPieces("persons", "persons.csv", csv);
}

TEST(ImportInPiecesTest, StrayAndUnterminatedQuotes) {
  std::string csv = "minor_id,guardian_id,relation\n";
  for (int i = 0; i < 8; ++i) {
    csv += std::string(kA) + "," + kB + ",a\"b\n";      // literal quote: parity flips
    csv += std::string(kA) + "," + kB + ",\"c\nd\"\n";  // real quoted newline
    csv += std::string(kA) + "," + kB + ",\"e\"x\n";    // text after closing quote
  }
  csv += std::string(kA) + "," + kB + ",\"never closed\n" + kA + "," + kB + ",z\n";
  ExpectSameInPieces("guardians", "guardians.csv", csv);
}

TEST(ImportInPiecesTest, JsonlWithKeysFirstSeenLate) {
  std::string jsonl;
  for (int i = 0; i < 12; ++i) {
    jsonl += "{\"person_id\":\"" + std::string(i % 3 ? kA : kB) + "\"";
    if (i > 6) jsonl += ",\"extra" + std::to_string(i % 2) + "\":\"v\\n" + std::to_string(i) + "\"";
    if (i == 9) jsonl += ",\"person_id\":\"x\"";
    jsonl += "}" + std::string(i % 2 ? "\r\n" : "\n\n");
  }
  ExpectSameInPieces("persons", "persons.jsonl", jsonl);
}

}  // namespace
}  // namespace tutela::ingest
