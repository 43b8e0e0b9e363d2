// Unit tests for the importer: ImportText edge cases, the reject-log JSON,
// file-level errors, multi-file imports and appending to a base table.
#include "ingest/importer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/date.h"
#include "testutil/testutil.h"

namespace tutela::ingest {
namespace {

constexpr const char* kA = "110101201003150134";
constexpr const char* kB = "110101198001010221";
constexpr const char* kC = "310104201207200347";

const TableDef& Def(const char* name) { return *FindTable(name); }

Result<ImportResult> Import(const char* table, const std::string& file, const std::string& text,
                            PersonDict* persons, const ImportOptions& options = {}) {
  return ImportText(Def(table), file, text, persons, options);
}

std::string Rejects(const ImportResult& r) {
  std::string out;
  for (const RejectEntry& e : r.rejects) out += RejectEntryToJson(e) + "\n";
  return out;
}

// "file:line" of every row.
std::vector<std::string> RowIds(const Table& t) {
  std::vector<std::string> out;
  for (size_t r = 0; r < t.num_rows(); ++r) {
    out.push_back(t.files()[t.file_index()[r]] + ":" + std::to_string(t.lines()[r]));
  }
  return out;
}

std::string Text(const Table& t, const char* column, size_t row) {
  const Column& c = t.column(static_cast<size_t>(t.ColumnIndex(column)));
  return c.IsNull(row) ? "NULL" : c.GetString(row);
}

TEST(RejectEntryToJsonTest, FieldsInOrderRawUtf8AndNullColumn) {
  EXPECT_EQ(RejectEntryToJson({"persons.csv", 3, std::nullopt, RejectKind::kReject, "坏 / bad"}),
            R"({"file":"persons.csv","line":3,"column":null,"kind":"reject","reason":"坏 / bad"})");
  EXPECT_EQ(
      RejectEntryToJson({"a.jsonl", 12, "birth_date", RejectKind::kWarning, "q\"\n"}),
      R"({"file":"a.jsonl","line":12,"column":"birth_date","kind":"warning","reason":"q\"\n"})");
}

TEST(ImportTextTest, EmptyInputIsAnEmptyTableWithCanonicalColumns) {
  for (const char* text : {"", "\n\n", "\xEF\xBB\xBF"}) {
    PersonDict dict;
    Result<ImportResult> r = Import("guardians", "guardians.csv", text, &dict);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->table->num_rows(), 0u);
    ASSERT_EQ(r->table->num_columns(), 3u);
    EXPECT_EQ(r->table->schema()[0].name, "minor_id");
    EXPECT_EQ(r->table->schema()[0].type, Type::kPersonId);
    ASSERT_EQ(r->files.size(), 1u);
    EXPECT_EQ(r->files[0].rows_read, 0);
    EXPECT_TRUE(r->rejects.empty());
  }
  PersonDict dict;
  Result<ImportResult> r = Import("guardians", "guardians.jsonl", "", &dict);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->files[0].format, "jsonl");
  EXPECT_EQ(r->table->num_columns(), 3u);
}

TEST(ImportTextTest, RowsKeepTheirStartLine) {
  PersonDict dict;
  std::string csv = "minor_id,guardian_id,relation\r\n\r\n" + std::string(kA) + "," + kB +
                    ",\"母\r\n亲\"\r\n" + kC + "," + kB + ",母\r\n";
  Result<ImportResult> r = Import("guardians", "g.csv", csv, &dict);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(RowIds(*r->table), (std::vector<std::string>{"g.csv:3", "g.csv:5"}));
  EXPECT_EQ(Text(*r->table, "relation", 0), "母\r\n亲");
}

TEST(ImportTextTest, HeaderNamingAColumnTwiceIsAFileError) {
  PersonDict dict;
  Result<ImportResult> r =
      Import("persons", "persons.csv", "姓名,person_id,公民身份号码\nx,1,1\n", &dict);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(r.status().message().find("persons.csv:1:3"), std::string::npos)
      << r.status().message();
}

TEST(ImportTextTest, UnsupportedExtensionAndUndecodableBytes) {
  PersonDict dict;
  EXPECT_EQ(Import("persons", "persons.txt", "person_id\n1\n", &dict).status().code(),
            StatusCode::kInvalidInput);
  ImportOptions utf8;
  utf8.encoding = Encoding::kUtf8;
  Result<ImportResult> r =
      Import("persons", "persons.csv", "person_id,name\n1,\xD5\xC5\n", &dict, utf8);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("persons.csv:2:"), std::string::npos);
}

TEST(ImportTextTest, GbkIsDetectedAndDecoded) {
  PersonDict dict;
  // "姓名" and "张三" in GBK.
  std::string gbk = "person_id,\xD0\xD5\xC3\xFB\n" + std::string(kA) + ",\xD5\xC5\xC8\xFD\n";
  Result<ImportResult> r = Import("persons", "persons.csv", gbk, &dict);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files[0].encoding, "gb18030");
  EXPECT_EQ(Text(*r->table, "name", 0), "张三");
}

TEST(ImportTextTest, OneEntryPerRejectedRowAndWarningsOnlyForAcceptedRows) {
  PersonDict dict;
  std::string csv =
      "checkout_time,checkin_time,person_id,hotel_id,room_no\n"
      "bad,bad,,,\n"             // first required in schema order: hotel_id
      "bad,2024-01-05,x,H1,1\n"  // accepted with one warning
      "bad,bad," +
      std::string(kA) + ",H1,1\n";  // rejected on checkin_time only
  Result<ImportResult> r = Import("hotel_checkins", "h.csv", csv, &dict);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rejects.size(), 3u) << Rejects(*r);
  EXPECT_EQ(r->rejects[0].line, 2);
  EXPECT_EQ(r->rejects[0].column, "hotel_id");
  EXPECT_EQ(r->rejects[0].kind, RejectKind::kReject);
  EXPECT_EQ(r->rejects[1].line, 3);
  EXPECT_EQ(r->rejects[1].column, "checkout_time");
  EXPECT_EQ(r->rejects[1].kind, RejectKind::kWarning);
  EXPECT_EQ(r->rejects[2].line, 4);
  EXPECT_EQ(r->rejects[2].column, "checkin_time");
  EXPECT_EQ(r->files[0].rows_read, 3);
  EXPECT_EQ(r->files[0].rows_accepted, 1);
  EXPECT_EQ(r->files[0].rows_rejected, 2);
  EXPECT_EQ(r->files[0].rows_warned, 1);
}

TEST(ImportTextTest, WrongFieldCountRejectsTheWholeRow) {
  PersonDict dict;
  std::string csv = "minor_id,guardian_id\n" + std::string(kA) + "\n" + kA + "," + kB + ",x\n";
  Result<ImportResult> r = Import("guardians", "g.csv", csv, &dict);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rejects.size(), 2u);
  EXPECT_FALSE(r->rejects[0].column.has_value());
  EXPECT_EQ(r->rejects[0].line, 2);
  EXPECT_EQ(r->rejects[1].line, 3);
  EXPECT_EQ(r->table->num_rows(), 0u);
}

TEST(ImportTextTest, DuplicateUniqueKeyIsCountedNotRejectedAndItsWarningsAreDropped) {
  PersonDict dict;
  std::string csv = "person_id,name,birth_date\n" + std::string(kA) + ",甲,2010-03-15\n" +
                    "110101 201003150134,乙,坏\n";
  Result<ImportResult> r = Import("persons", "p.csv", csv, &dict);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->rejects.empty()) << Rejects(*r);
  EXPECT_EQ(r->table->num_rows(), 1u);
  EXPECT_EQ(Text(*r->table, "name", 0), "甲");
  EXPECT_EQ(r->files[0].rows_duplicate_key, 1);
  EXPECT_EQ(r->files[0].rows_accepted, 1);
}

TEST(ImportTextTest, UnknownColumnsAreKeptAsTextWithUniqueNames) {
  PersonDict dict;
  std::string csv = "person_id,备注,备注, 备注 ,,,_line\n" + std::string(kA) + ",a,b,c,d,-,e\n";
  Result<ImportResult> r = Import("persons", "p.csv", csv, &dict);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(
      r->files[0].unknown_columns,
      (std::vector<std::string>{"备注", "备注_2", "备注_3", "_unnamed", "_unnamed_2", "_line_2"}));
  EXPECT_EQ(Text(*r->table, "备注", 0), "a");
  EXPECT_EQ(Text(*r->table, "备注_3", 0), "c");
  EXPECT_EQ(Text(*r->table, "_unnamed", 0), "d");
  EXPECT_EQ(Text(*r->table, "_unnamed_2", 0), "NULL");
  EXPECT_EQ(Text(*r->table, "_line_2", 0), "e");
}

TEST(ImportTextTest, JsonlValuesKeysAndBadLines) {
  PersonDict dict;
  std::string jsonl = std::string(R"({"被害人身份证号":)") + kA +
                      R"(,"案号":"C1","victim_name":null,"x":{"a":1}})" + "\n\n" + R"([1])" + "\n" +
                      R"({"case_no":"C2","VICTIM_ID":"110101800101022","x":"t"})" + "\n" +
                      R"({"case_no":"C3","victim_id":[1]})" + "\n";
  Result<ImportResult> r = Import("judgment_victims", "v.jsonl", jsonl, &dict);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(RowIds(*r->table), (std::vector<std::string>{"v.jsonl:1", "v.jsonl:4"}));
  const Column& ids = r->table->column(1);
  EXPECT_EQ(dict.Id(ids.GetI32(0)), kA);
  EXPECT_EQ(dict.Id(ids.GetI32(1)), kB);  // 15 digits -> 18
  EXPECT_EQ(Text(*r->table, "x", 0), "NULL");
  EXPECT_EQ(Text(*r->table, "x", 1), "t");
  ASSERT_EQ(r->rejects.size(), 2u) << Rejects(*r);
  EXPECT_EQ(r->rejects[0].line, 3);
  EXPECT_FALSE(r->rejects[0].column.has_value());
  EXPECT_EQ(r->rejects[1].line, 5);
  EXPECT_EQ(r->rejects[1].column, "victim_id");
}

TEST(ImportTextTest, ProgressReportsTheFinalCount) {
  PersonDict dict;
  ImportOptions options;
  std::vector<std::pair<std::string, int64_t>> calls;
  options.progress = [&calls](const std::string& f, int64_t n) { calls.emplace_back(f, n); };
  std::string csv = "minor_id,guardian_id\n" + std::string(kA) + "," + kB + "\n" + kC + "," + kB;
  ASSERT_TRUE(Import("guardians", "g.csv", csv, &dict, options).ok());
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.back(), (std::pair<std::string, int64_t>{"g.csv", 2}));
}

class ImportFilesTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_.Join(name);
    testing::WriteFile(path, text);
    return path;
  }
  testing::TempDir dir_;
  PersonDict dict_;
};

TEST_F(ImportFilesTest, FilesInOrderWithExtraColumnsAcrossFiles) {
  std::string a = Write("persons.csv", "person_id,甲\n" + std::string(kA) + ",1\n");
  std::string b = Write("persons.jsonl",
                        R"({"person_id":")" + std::string(kB) + R"(","乙":"2","甲":"3"})" + "\n");
  Result<ImportResult> r = ImportFiles(Def("persons"), {a, b}, &dict_, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(RowIds(*r->table), (std::vector<std::string>{"persons.csv:2", "persons.jsonl:1"}));
  EXPECT_EQ(Text(*r->table, "甲", 0), "1");
  EXPECT_EQ(Text(*r->table, "甲", 1), "3");
  EXPECT_EQ(Text(*r->table, "乙", 0), "NULL");
  EXPECT_EQ(Text(*r->table, "乙", 1), "2");
  ASSERT_EQ(r->files.size(), 2u);
  EXPECT_EQ(r->files[0].path, a);
  EXPECT_EQ(r->files[1].base_name, "persons.jsonl");
}

TEST_F(ImportFilesTest, MissingFileIsNotFound) {
  Result<ImportResult> r = ImportFiles(Def("persons"), {dir_.Join("nope.csv")}, &dict_, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

TEST_F(ImportFilesTest, AppendKeepsTheBaseAndItsFirstIds) {
  std::string first = Write("p1.csv", "person_id,name\n" + std::string(kA) + ",甲\n");
  Result<ImportResult> base = ImportFiles(Def("persons"), {first}, &dict_, {});
  ASSERT_TRUE(base.ok());
  std::shared_ptr<const Table> base_table = base->table;
  const size_t dict_size_before = base_table->column(1).dict().size();

  std::string second = Write("p2.csv", "person_id,name\n" + std::string(kB) + ",乙\n" +
                                           "110101 201003150134,甲二\n" + kB + ",乙二\n");
  Result<ImportResult> r = ImportFiles(Def("persons"), {second}, &dict_, {}, base_table);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(RowIds(*r->table), (std::vector<std::string>{"p1.csv:2", "p2.csv:2"}));
  EXPECT_EQ(Text(*r->table, "name", 0), "甲");
  EXPECT_EQ(Text(*r->table, "name", 1), "乙");
  EXPECT_EQ(r->files[0].rows_duplicate_key, 2);
  // The base table is untouched (its string dictionary is not shared).
  EXPECT_EQ(base_table->num_rows(), 1u);
  EXPECT_EQ(base_table->column(1).dict().size(), dict_size_before);
}

TEST_F(ImportFilesTest, AppendToInstitutionsKeepsFirstTextId) {
  std::string first = Write("i1.csv", "institution_id,name,type\nI1,甲,hotel\n");
  Result<ImportResult> base = ImportFiles(Def("institutions"), {first}, &dict_, {});
  ASSERT_TRUE(base.ok());
  std::string second = Write("i2.csv", "institution_id,name,type\nI1,乙,bar\nI2,丙,bar\n");
  Result<ImportResult> r = ImportFiles(Def("institutions"), {second}, &dict_, {}, base->table);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->table->num_rows(), 2u);
  EXPECT_EQ(Text(*r->table, "name", 0), "甲");
  EXPECT_EQ(Text(*r->table, "name", 1), "丙");
  EXPECT_EQ(r->files[0].rows_duplicate_key, 1);
}

TEST_F(ImportFilesTest, ForcedEncoding) {
  // "谢" "小" "伟" in GBK happen to be valid UTF-8 too: only --encoding tells.
  std::string path =
      Write("persons.csv", "person_id,name\n" + std::string(kA) + ",\xD0\xBB\xD0\xA1\xCE\xB0\n");
  ImportOptions gbk;
  gbk.encoding = Encoding::kGb18030;
  Result<ImportResult> r = ImportFiles(Def("persons"), {path}, &dict_, gbk);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Text(*r->table, "name", 0), "谢小伟");
  Result<ImportResult> autodetected = ImportFiles(Def("persons"), {path}, &dict_, {});
  ASSERT_TRUE(autodetected.ok());
  EXPECT_EQ(autodetected->files[0].encoding, "utf-8");
}

}  // namespace
}  // namespace tutela::ingest
