// Test-only fixture shared by the workspace tests (header-only; included by
// src/storage/workspace*_test.cc only): a temporary workspace and key file,
// source files and table dumps. Not thread-safe.
#pragma once

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <memory>
#include <string>
#include <vector>

#include "storage/storage_testing.h"
#include "storage/workspace.h"
#include "testutil/testutil.h"

namespace tutela::storage::testing {

using tutela::testing::ReadFile;
using tutela::testing::TempDir;
using tutela::testing::WriteFile;

inline uint32_t Mode(const std::string& path) {
  struct stat st;
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

inline std::string FlipByte(const std::string& path, size_t offset) {
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
    return t.ok() ? DumpTable(**t, persons) : std::vector<std::string>{};
  }

  TempDir tmp_;
};

inline const char kPersons1[] =
    "person_id,name,sex,birth_date\n"
    "110101200501010011,张三,男,2005-01-01\n"
    "110101200602020022,李四,女,2006/2/2\n";
inline const char kPersons2[] =
    "身份证号,姓名\n"
    "110101200703030033,王五\n"
    "bad,row,with,too,many,fields\n"
    "110101200804040044,赵六\n";

}  // namespace tutela::storage::testing
