// Tests of the workspace: init/open, key handling, tamper detection, import
// (replace, append, idempotence), table listing and catalog loading.
#include "storage/workspace.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <regex>

#include "storage/key_file.h"
#include "storage/storage_testing.h"
#include "testutil/testutil.h"

namespace tutela::storage {
namespace {

using tutela::testing::ReadFile;
using tutela::testing::TempDir;
using tutela::testing::WriteFile;

uint32_t Mode(const std::string& path) {
  struct stat st;
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

std::string FlipByte(const std::string& path, size_t offset) {
  std::string data = ReadFile(path);
  data[offset % data.size()] = static_cast<char>(data[offset % data.size()] ^ 0x20);
  WriteFile(path, data);
  return data;
}

class WorkspaceTest : public ::testing::Test {
 protected:
  std::string ws() const { return tmp_.Join("ws"); }
  std::string key() const { return tmp_.Join("keys/ws.key"); }

  std::unique_ptr<Workspace> InitWs() {
    auto w = Workspace::Init(ws(), key());
    EXPECT_TRUE(w.ok()) << w.status().ToString();
    return w.ok() ? std::move(w).value() : nullptr;
  }
  std::unique_ptr<Workspace> OpenWs() {
    auto w = Workspace::Open(ws(), key());
    EXPECT_TRUE(w.ok()) << w.status().ToString();
    return w.ok() ? std::move(w).value() : nullptr;
  }
  std::string Csv(const std::string& name, const std::string& content) {
    std::string path = tmp_.Join("src/" + name);
    WriteFile(path, content);
    return path;
  }
  std::vector<std::string> Dump(Workspace* w, const std::string& table) {
    PersonDict persons;
    auto t = w->LoadTable(table, &persons);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? testing::DumpTable(**t, persons) : std::vector<std::string>{};
  }

  TempDir tmp_;
};

const char kPersons1[] =
    "person_id,name,sex,birth_date\n"
    "110101200501010011,张三,男,2005-01-01\n"
    "110101200602020022,李四,女,2006/2/2\n";
const char kPersons2[] =
    "身份证号,姓名\n"
    "110101200703030033,王五\n"
    "bad,row,with,too,many,fields\n"
    "110101200804040044,赵六\n";

TEST_F(WorkspaceTest, InitCreatesLayoutAndPrivateKey) {
  auto w = InitWs();
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->id().size(), 32u);
  EXPECT_EQ(Mode(ws()), 0700u);
  EXPECT_EQ(Mode(key()), 0600u);
  EXPECT_EQ(Mode(tmp_.Join("keys")), 0700u);
  EXPECT_EQ(Mode(ws() + "/MANIFEST"), 0600u);
  EXPECT_EQ(Mode(ws() + "/tables"), 0700u);
  EXPECT_NE(ReadFile(ws() + "/WORKSPACE").find(w->id()), std::string::npos);
  auto tables = w->Tables();
  ASSERT_TRUE(tables.ok());
  EXPECT_TRUE(tables->empty());
  auto again = OpenWs();
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->id(), w->id());
}

TEST_F(WorkspaceTest, InitRefusesNonEmptyDirectoryButAcceptsEmptyOne) {
  WriteFile(ws() + "/something", "x");
  auto w = Workspace::Init(ws(), key());
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), StatusCode::kInvalidInput);
  ASSERT_TRUE(Env::Default()->RemoveFile(ws() + "/something").ok());
  EXPECT_NE(InitWs(), nullptr);
  EXPECT_FALSE(Workspace::Init(ws(), key()).ok());  // now an existing workspace
}

TEST_F(WorkspaceTest, DefaultKeyPathUsesConfigDirAndWorkspaceId) {
  std::string cfg = tmp_.Join("config");
  const char* old_xdg = std::getenv("XDG_CONFIG_HOME");
  std::string saved = old_xdg ? old_xdg : "";
  setenv("XDG_CONFIG_HOME", cfg.c_str(), 1);
  unsetenv("TUTELA_KEY_FILE");
  auto w = Workspace::Init(ws(), "");
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  std::string expected = cfg + "/tutela/keys/" + (*w)->id() + ".key";
  EXPECT_EQ((*w)->key_file(), expected);
  EXPECT_EQ(Mode(expected), 0600u);
  EXPECT_TRUE(Workspace::Open(ws(), "").ok());
  // TUTELA_KEY_FILE overrides the default.
  setenv("TUTELA_KEY_FILE", tmp_.Join("nowhere.key").c_str(), 1);
  EXPECT_EQ(Workspace::Open(ws(), "").status().code(), StatusCode::kNotFound);
  unsetenv("TUTELA_KEY_FILE");
  if (old_xdg)
    setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
  else
    unsetenv("XDG_CONFIG_HOME");
}

TEST_F(WorkspaceTest, RefusesKeyInsideWorkspace) {
  auto w = Workspace::Init(ws(), ws() + "/k.key");
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), StatusCode::kInvalidInput);
  ASSERT_NE(InitWs(), nullptr);
  // A key copied into the workspace is refused at open too.
  WriteFile(ws() + "/copy.key", ReadFile(key()));
  ASSERT_EQ(::chmod((ws() + "/copy.key").c_str(), 0600), 0);
  EXPECT_FALSE(Workspace::Open(ws(), ws() + "/copy.key").ok());
}

TEST_F(WorkspaceTest, WrongKeyIsAClearError) {
  ASSERT_NE(InitWs(), nullptr);
  std::string other = tmp_.Join("other.key");
  ASSERT_TRUE(CreateKeyFile(Env::Default(), other).ok());
  auto w = Workspace::Open(ws(), other);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(w.status().message().find("密钥错误"), std::string::npos);
  EXPECT_NE(w.status().message().find("wrong key"), std::string::npos);
}

TEST_F(WorkspaceTest, KeyFileReadableByOthersIsRefused) {
  ASSERT_NE(InitWs(), nullptr);
  ASSERT_EQ(::chmod(key().c_str(), 0644), 0);
  auto w = Workspace::Open(ws(), key());
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().message().find("chmod 600"), std::string::npos);
  ASSERT_EQ(::chmod(key().c_str(), 0600), 0);
  EXPECT_NE(OpenWs(), nullptr);
}

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

TEST_F(WorkspaceTest, TamperedTableFileIsDetected) {
  auto w = InitWs();
  ASSERT_NE(w, nullptr);
  ASSERT_TRUE(w->Import("persons", {Csv("persons.csv", kPersons1)}, false, {}).ok());
  auto tables = w->Tables();
  ASSERT_TRUE(tables.ok());
  std::string file = ws() + "/" + (*tables)[0].file;
  std::string good = ReadFile(file);
  for (size_t offset : {size_t{0}, size_t{20}, size_t{40}, good.size() / 2, good.size() - 1}) {
    FlipByte(file, offset);
    Catalog catalog;
    auto loaded = OpenWs()->LoadCatalog(&catalog);
    ASSERT_FALSE(loaded.ok()) << offset;
    EXPECT_EQ(loaded.status().code(), StatusCode::kCorruption);
    EXPECT_NE(loaded.status().message().find("篡改"), std::string::npos);
    EXPECT_NE(loaded.status().message().find("tampered"), std::string::npos);
    WriteFile(file, good);
  }
  // A deleted data file is reported, not treated as empty.
  ASSERT_TRUE(Env::Default()->RemoveFile(file).ok());
  Catalog catalog;
  EXPECT_EQ(OpenWs()->LoadCatalog(&catalog).status().code(), StatusCode::kCorruption);
}

TEST_F(WorkspaceTest, TamperedManifestIsRefused) {
  auto w = InitWs();
  ASSERT_NE(w, nullptr);
  ASSERT_TRUE(w->Import("persons", {Csv("persons.csv", kPersons1)}, false, {}).ok());
  std::string manifest = ws() + "/MANIFEST";
  std::string good = ReadFile(manifest);
  for (size_t offset : {size_t{5}, size_t{33}, good.size() / 2, good.size() - 2}) {
    FlipByte(manifest, offset);
    auto opened = Workspace::Open(ws(), key());
    ASSERT_FALSE(opened.ok()) << offset;
    EXPECT_EQ(opened.status().code(), StatusCode::kCorruption);
    EXPECT_NE(opened.status().message().find("清单"), std::string::npos);
    EXPECT_NE(opened.status().message().find("manifest"), std::string::npos);
    WriteFile(manifest, good);
  }
  // Swapping in the table file as the manifest fails too (other key and context).
  auto tables = w->Tables();
  WriteFile(manifest, ReadFile(ws() + "/" + (*tables)[0].file));
  EXPECT_EQ(Workspace::Open(ws(), key()).status().code(), StatusCode::kCorruption);
  // A deleted manifest is corruption, not an empty workspace.
  ASSERT_TRUE(Env::Default()->RemoveFile(manifest).ok());
  EXPECT_EQ(Workspace::Open(ws(), key()).status().code(), StatusCode::kCorruption);
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

TEST_F(WorkspaceTest, OpenErrors) {
  EXPECT_EQ(Workspace::Open(tmp_.Join("nothing"), key()).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(Env::Default()->CreateDirs(tmp_.Join("empty"), 0700).ok());
  EXPECT_EQ(Workspace::Open(tmp_.Join("empty"), key()).status().code(), StatusCode::kNotFound);
  ASSERT_NE(InitWs(), nullptr);
  std::string wsfile = ws() + "/WORKSPACE";
  std::string good = ReadFile(wsfile);
  WriteFile(wsfile, "{not json");
  EXPECT_EQ(Workspace::Open(ws(), key()).status().code(), StatusCode::kCorruption);
  WriteFile(wsfile, good);
  EXPECT_NE(OpenWs(), nullptr);
}

}  // namespace
}  // namespace tutela::storage
