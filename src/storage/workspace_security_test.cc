// Tests of workspace creation and opening: layout, key file location and
// permissions, wrong keys, tampered data and manifest.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <regex>

#include "storage/key_file.h"
#include "storage/workspace.h"
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
