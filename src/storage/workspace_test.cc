// Tests of workspace imports (replace, append, idempotence, concurrent
// changes), table listing, catalog loading and clean-up of leftovers.
#include "storage/workspace.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <regex>

#include "storage/key_file.h"
#include "storage/workspace_fixture.h"

namespace tutela::storage {
namespace {

using testing::FlipByte;
using testing::kPersons1;
using testing::kPersons2;
using testing::Mode;
using testing::WorkspaceTest;
using tutela::testing::ReadFile;
using tutela::testing::WriteFile;

TEST_F(WorkspaceTest, ImportReplaceAppendAndIdempotence) {
  auto w = InitWs();
  ASSERT_NE(w, nullptr);
  std::string p1 = Csv("persons.csv", kPersons1);
  std::string p2 = Csv("persons2.csv", kPersons2);

  auto s = w->Import("persons", {p1}, /*append=*/false, {});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->changed);
  EXPECT_EQ(s->rows_before, 0);
  EXPECT_EQ(s->rows_after, 2);
  std::vector<std::string> after_p1 = Dump(w.get(), "persons");
  ASSERT_EQ(after_p1.size(), 3u);
  EXPECT_NE(after_p1[1].find("persons.csv:2|#110101200501010011"), std::string::npos);

  // Same files again: nothing written (the manifest file is untouched).
  std::string manifest = ReadFile(ws() + "/MANIFEST");
  s = w->Import("persons", {p1}, false, {});
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->changed);
  EXPECT_EQ(s->rows_after, 2);
  EXPECT_FALSE(s->notices.empty());
  EXPECT_EQ(ReadFile(ws() + "/MANIFEST"), manifest);

  // Append a new file; one row rejected.
  s = w->Import("persons", {p2, p1}, /*append=*/true, {});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->changed);
  EXPECT_EQ(s->rows_before, 2);
  EXPECT_EQ(s->rows_after, 4);
  EXPECT_EQ(s->skipped_files, std::vector<std::string>{p1});
  ASSERT_EQ(s->rejects.size(), 1u);
  EXPECT_EQ(s->rejects[0].line, 3);
  std::vector<std::string> after_p2 = Dump(w.get(), "persons");
  ASSERT_EQ(after_p2.size(), 5u);
  EXPECT_NE(after_p2[4].find("persons2.csv:4|#110101200804040044"), std::string::npos);

  // Appending the same files again changes nothing.
  manifest = ReadFile(ws() + "/MANIFEST");
  s = w->Import("persons", {p1, p2}, true, {});
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->changed);
  EXPECT_EQ(s->skipped_files.size(), 2u);
  EXPECT_EQ(ReadFile(ws() + "/MANIFEST"), manifest);
  // Replacing with the same set (other order) changes nothing either.
  s = w->Import("persons", {p2, p1}, false, {});
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->changed);

  // Replace with only the second file.
  s = w->Import("persons", {p2}, false, {});
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->changed);
  EXPECT_EQ(s->rows_before, 4);
  EXPECT_EQ(s->rows_after, 2);
  std::vector<std::string> after_replace = Dump(w.get(), "persons");
  ASSERT_EQ(after_replace.size(), 3u);
  EXPECT_NE(after_replace[1].find("persons2.csv:2|#110101200703030033"), std::string::npos);

  // Old generations were garbage-collected: one data file remains.
  auto names = Env::Default()->ListDir(ws() + "/tables");
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(names->size(), 1u);
}

TEST_F(WorkspaceTest, ImportStartsOverWhenTheTableChangesMeanwhile) {
  auto w = InitWs();
  ASSERT_NE(w, nullptr);
  std::string p1 = Csv("persons.csv", kPersons1);
  std::string p2 = Csv("persons2.csv", kPersons2);
  std::string p3 = Csv("persons3.csv", "person_id\n110101200909090099\n");
  ASSERT_TRUE(w->Import("persons", {p1}, false, {}).ok());
  // While `w` appends p2, another writer replaces the table with p3.
  auto other = OpenWs();
  int calls = 0;
  ingest::ImportOptions options;
  options.progress = [&](const std::string&, int64_t) {
    if (calls++ == 0) {
      auto s = other->Import("persons", {p3}, false, {});
      ASSERT_TRUE(s.ok()) << s.status().ToString();
    }
  };
  auto s = w->Import("persons", {p2}, /*append=*/true, options);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->changed);
  EXPECT_EQ(s->rows_before, 1);  // planned again on top of p3
  EXPECT_EQ(s->rows_after, 3);
  auto tables = w->Tables();
  ASSERT_TRUE(tables.ok());
  ASSERT_EQ((*tables)[0].sources.size(), 2u);
  EXPECT_EQ((*tables)[0].sources[0].name, "persons3.csv");
  EXPECT_EQ((*tables)[0].sources[1].name, "persons2.csv");
  EXPECT_EQ(Dump(w.get(), "persons").size(), 4u);
}

TEST_F(WorkspaceTest, TablesReportsSourcesAndStatistics) {
  auto w = InitWs();
  ASSERT_NE(w, nullptr);
  std::string p1 = Csv("persons.csv", kPersons1);
  std::string p2 = Csv("persons2.csv", kPersons2);
  ASSERT_TRUE(w->Import("persons", {p1, p2}, false, {}).ok());
  auto reopened = OpenWs();
  auto tables = reopened->Tables();
  ASSERT_TRUE(tables.ok());
  ASSERT_EQ(tables->size(), 1u);
  const TableInfo& t = (*tables)[0];
  EXPECT_EQ(t.name, "persons");
  EXPECT_EQ(t.rows, 4);
  ASSERT_FALSE(t.columns.empty());
  EXPECT_EQ(t.columns[0].name, "person_id");
  EXPECT_EQ(t.columns[0].type, Type::kPersonId);
  ASSERT_EQ(t.sources.size(), 2u);
  EXPECT_EQ(t.sources[0].name, "persons.csv");
  EXPECT_EQ(t.sources[0].sha256, Sha256Hex(kPersons1));
  EXPECT_EQ(t.sources[1].sha256, Sha256Hex(kPersons2));
  EXPECT_EQ(t.sources[1].rows_read, 3);
  EXPECT_EQ(t.sources[1].rows_accepted, 2);
  EXPECT_EQ(t.sources[1].rows_rejected, 1);
  EXPECT_EQ(t.sources[1].encoding, "utf-8");
  EXPECT_EQ(t.sources[1].bytes, static_cast<int64_t>(sizeof(kPersons2) - 1));
  std::regex iso(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
  EXPECT_TRUE(std::regex_match(t.sources[0].imported_at, iso)) << t.sources[0].imported_at;
  EXPECT_TRUE(std::regex_match(t.updated_at, iso));
}

TEST_F(WorkspaceTest, ImportErrorsWriteNothing) {
  auto w = InitWs();
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->Import("no_such_table", {Csv("x.csv", "a\n1\n")}, false, {}).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(w->Import("persons", {tmp_.Join("missing.csv")}, false, {}).status().code(),
            StatusCode::kNotFound);
  EXPECT_FALSE(w->Import("persons", {Csv("p.txt", kPersons1)}, false, {}).ok());
  auto tables = w->Tables();
  ASSERT_TRUE(tables.ok());
  EXPECT_TRUE(tables->empty());
}

TEST_F(WorkspaceTest, LoadCatalogLoadsAllTablesAndReferenceData) {
  auto w = InitWs();
  ASSERT_NE(w, nullptr);
  ASSERT_TRUE(w->Import("persons", {Csv("persons.csv", kPersons1)}, false, {}).ok());
  ASSERT_TRUE(w->Import("guardians",
                        {Csv("guardians.csv",
                             "minor_id,guardian_id,relation\n"
                             "110101200501010011,110101197001010055,父\n")},
                        false, {})
                  .ok());
  Catalog catalog;
  auto links = OpenWs()->LoadCatalog(&catalog);
  ASSERT_TRUE(links.ok()) << links.status().ToString();
  ASSERT_NE(catalog.GetTable("persons"), nullptr);
  ASSERT_NE(catalog.GetTable("guardians"), nullptr);
  EXPECT_NE(catalog.GetTable("charges"), nullptr);
  EXPECT_EQ(catalog.GetTable("guardians")->num_rows(), 1u);
  // Both tables share the catalog's person dictionary.
  const Table& g = *catalog.GetTable("guardians");
  const Table& p = *catalog.GetTable("persons");
  EXPECT_EQ(g.column(g.ColumnIndex("minor_id")).GetI32(0),
            p.column(p.ColumnIndex("person_id")).GetI32(0));
}

TEST_F(WorkspaceTest, LoadCatalogEqualsLoadingTheFilesDirectly) {
  // cli.md: opening a workspace gives the same tables as scanning the files.
  std::string data = tmp_.Join("data");
  WriteFile(data + "/persons.csv",
            "person_id,name,birth_date\n"
            "110101200501010011,张三,2005-01-01\n"
            "110101200501010011,张三重复,2005-01-01\n"
            "110101200602020022,李四,\n");
  WriteFile(data + "/hotel_checkins.csv",
            "hotel_id,room_no,person_id,name,checkin_time,extra\n"
            "H1,101,110101200501010011,张三,2024-01-05 22:00,x\n"
            "H1,102,,李四,2024/1/6 01:00,y\n"
            "H2,103,,无名,bad-time,z\n");
  WriteFile(data + "/guardians.csv", "minor_id,guardian_id\n110101200501010011,X1\n");
  auto w = InitWs();
  ASSERT_NE(w, nullptr);
  for (const char* t : {"persons", "hotel_checkins", "guardians"}) {
    ASSERT_TRUE(w->Import(t, {data + "/" + t + ".csv"}, false, {}).ok()) << t;
  }
  Catalog from_ws, from_files;
  ASSERT_TRUE(OpenWs()->LoadCatalog(&from_ws).ok());
  ASSERT_TRUE(ingest::LoadDataDir(data, {}, &from_files).ok());
  EXPECT_EQ(testing::DumpCatalog(from_ws), testing::DumpCatalog(from_files));
  EXPECT_EQ(from_ws.persons().size(), from_files.persons().size());
}

TEST_F(WorkspaceTest, OpenRemovesLeftoversOfInterruptedWrites) {
  auto w = InitWs();
  ASSERT_NE(w, nullptr);
  ASSERT_TRUE(w->Import("persons", {Csv("persons.csv", kPersons1)}, false, {}).ok());
  WriteFile(ws() + "/tables/persons.99.tbl", "orphan");
  WriteFile(ws() + "/tables/persons.99.tbl.tmp", "orphan");
  WriteFile(ws() + "/MANIFEST.tmp", "orphan");
  WriteFile(ws() + "/clues.db", "another subsystem's file");
  auto again = OpenWs();
  ASSERT_NE(again, nullptr);
  auto names = Env::Default()->ListDir(ws() + "/tables");
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(names->size(), 1u);
  EXPECT_FALSE(Env::Default()->Stat(ws() + "/MANIFEST.tmp")->exists);
  EXPECT_TRUE(Env::Default()->Stat(ws() + "/clues.db")->exists);
  EXPECT_EQ(Dump(again.get(), "persons").size(), 3u);
}

}  // namespace
}  // namespace tutela::storage
