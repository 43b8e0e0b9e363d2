// Tests of the table storage format: round trips of every column type and
// rejection of malformed input.
#include "storage/table_format.h"

#include <gtest/gtest.h>

#include "storage/storage_testing.h"

namespace tutela::storage {
namespace {

using testing::DumpTable;
using testing::MakeTestTable;

std::string Serialize(const Table& t, const PersonDict& persons) {
  StringSink sink;
  Status s = WriteTable(t, persons, &sink);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return sink.data();
}

TEST(TableFormatTest, RoundTripsEveryTypeWithNullsAndRowIdentity) {
  for (int rows : {0, 1, 63, 64, 65, 200}) {
    PersonDict write_dict;
    // Unrelated IDs first, so the table's global codes are not 0..n.
    for (int i = 0; i < 50; ++i) write_dict.Intern(fmt::format("X{}", i));
    auto t = MakeTestTable("people", rows, 1, &write_dict);
    std::string bytes = Serialize(*t, write_dict);

    PersonDict read_dict;  // a different dictionary with other IDs already in it
    read_dict.Intern("44030119990101" + std::string("0005"));
    read_dict.Intern("ZZZ");
    StringSource src(bytes);
    Result<std::shared_ptr<Table>> back = ReadTable(&src, &read_dict);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(src.Remaining(), 0u);
    EXPECT_EQ(DumpTable(**back, read_dict), DumpTable(*t, write_dict)) << "rows=" << rows;
    EXPECT_EQ((*back)->files(), t->files());
    EXPECT_EQ((*back)->lines(), t->lines());
    EXPECT_EQ((*back)->file_index(), t->file_index());
    EXPECT_EQ((*back)->num_rows(), static_cast<size_t>(rows));
    for (size_t c = 0; c < t->num_columns(); ++c) {
      EXPECT_EQ((*back)->column(c).validity().CountValid(), t->column(c).validity().CountValid());
    }
  }
}

TEST(TableFormatTest, PersonCodesAreRemappedIntoTheTargetDictionary) {
  PersonDict write_dict;
  Table t("p", {{"a", Type::kPersonId}, {"b", Type::kPersonId}});
  uint16_t f = t.AddFile("p.csv");
  int32_t x = write_dict.Intern("110101200001010011");
  int32_t y = write_dict.Intern("110101200001010022");
  t.mutable_column(0).AppendI32(y);
  t.mutable_column(1).AppendI32(x);
  t.FinishRow(f, 2);
  t.mutable_column(0).AppendNull();
  t.mutable_column(1).AppendI32(y);
  t.FinishRow(f, 3);

  PersonDict read_dict;
  int32_t pre = read_dict.Intern("110101200001010022");
  read_dict.Intern("other");
  std::string bytes = Serialize(t, write_dict);
  StringSource src(bytes);
  auto back = ReadTable(&src, &read_dict);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  const Table& b = **back;
  EXPECT_EQ(read_dict.size(), 3u);  // only the new ID was added
  EXPECT_EQ(b.column(0).GetI32(0), pre);
  EXPECT_EQ(read_dict.Id(b.column(1).GetI32(0)), "110101200001010011");
  EXPECT_TRUE(b.column(0).IsNull(1));
  EXPECT_EQ(b.column(0).GetI32(1), -1);
  EXPECT_EQ(b.column(1).GetI32(1), pre);
}

TEST(TableFormatTest, StringDictionaryKeepsCodesAndUnusedEntries) {
  PersonDict persons;
  Table t("s", {{"s", Type::kString}});
  uint16_t f = t.AddFile("s.csv");
  t.mutable_column(0).mutable_dict().Intern("unused");
  t.mutable_column(0).AppendString("");
  t.mutable_column(0).AppendString("中文, \"quoted\"\n");
  t.mutable_column(0).AppendNull();
  t.mutable_column(0).AppendString("");
  for (int i = 0; i < 4; ++i) t.FinishRow(f, i + 2);
  std::string bytes = Serialize(t, persons);
  StringSource src(bytes);
  auto back = ReadTable(&src, &persons);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ((*back)->column(0).dict().values(), t.column(0).dict().values());
  EXPECT_EQ((*back)->column(0).i32(), (std::vector<int32_t>{1, 2, -1, 1}));
}

TEST(TableFormatTest, EveryTruncationIsCorruption) {
  PersonDict persons;
  auto t = MakeTestTable("people", 70, 2, &persons);
  std::string bytes = Serialize(*t, persons);
  for (size_t len = 0; len < bytes.size(); ++len) {
    PersonDict target;
    StringSource src(std::string_view(bytes).substr(0, len));
    auto back = ReadTable(&src, &target);
    ASSERT_FALSE(back.ok()) << "prefix " << len;
    EXPECT_EQ(back.status().code(), StatusCode::kCorruption);
  }
}

TEST(TableFormatTest, BadFieldsAreCorruptionNotCrashes) {
  PersonDict persons;
  auto t = MakeTestTable("people", 20, 3, &persons);
  std::string bytes = Serialize(*t, persons);
  // Flip each byte in turn: every result is either an error or a table; the
  // reader must never crash or read out of bounds (run under ASan in CI).
  int errors = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string bad = bytes;
    bad[i] = static_cast<char>(bad[i] ^ 0x80);
    PersonDict target;
    StringSource src(bad);
    auto back = ReadTable(&src, &target);
    if (!back.ok()) ++errors;
  }
  EXPECT_GT(errors, 0);
  // Specific fields.
  std::string bad_magic = bytes;
  bad_magic[0] = 'X';
  StringSource src(bad_magic);
  EXPECT_EQ(ReadTable(&src, &persons).status().code(), StatusCode::kCorruption);
}

TEST(TableFormatTest, RejectsOutOfSyncTableOnWrite) {
  PersonDict persons;
  Table t("bad", {{"a", Type::kInt64}});
  t.AddFile("x.csv");
  t.FinishRow(0, 2);  // a row without a value
  StringSink sink;
  EXPECT_EQ(WriteTable(t, persons, &sink).code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace tutela::storage
