// Tests of key file location, creation and checks.
#include "storage/key_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <optional>

#include "testutil/testutil.h"

namespace tutela::storage {
namespace {

using tutela::testing::ReadFile;
using tutela::testing::TempDir;
using tutela::testing::WriteFile;

// Sets (or unsets, with nullopt) an environment variable for one scope.
class ScopedEnvVar {
 public:
  ScopedEnvVar(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      setenv(name, value->c_str(), 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnvVar() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

uint32_t Mode(const std::string& path) {
  struct stat st;
  EXPECT_EQ(::stat(path.c_str(), &st), 0);
  return st.st_mode & 07777;
}

TEST(KeyFileTest, ResolvesFlagThenEnvThenXdgThenHome) {
  ScopedEnvVar key("TUTELA_KEY_FILE", "/env/k.key");
  ScopedEnvVar xdg("XDG_CONFIG_HOME", "/xdg");
  ScopedEnvVar home("HOME", "/home/u");
  EXPECT_EQ(*ResolveKeyFilePath("/flag.key", "abc"), "/flag.key");
  EXPECT_EQ(*ResolveKeyFilePath("", "abc"), "/env/k.key");
  {
    ScopedEnvVar unset("TUTELA_KEY_FILE", std::nullopt);
    EXPECT_EQ(*ResolveKeyFilePath("", "abc"), "/xdg/tutela/keys/abc.key");
    ScopedEnvVar empty_xdg("XDG_CONFIG_HOME", "");
    EXPECT_EQ(*ResolveKeyFilePath("", "abc"), "/home/u/.config/tutela/keys/abc.key");
    ScopedEnvVar no_home("HOME", std::nullopt);
    EXPECT_EQ(ResolveKeyFilePath("", "abc").status().code(), StatusCode::kInvalidInput);
  }
}

TEST(KeyFileTest, CreatesPrivateKeyAndParents) {
  ASSERT_TRUE(InitCrypto().ok());
  TempDir dir;
  Env* env = Env::Default();
  std::string path = dir.Join("cfg/tutela/keys/w.key");
  auto key = CreateKeyFile(env, path);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(Mode(path), 0600u);
  EXPECT_EQ(Mode(dir.Join("cfg/tutela/keys")), 0700u);
  EXPECT_EQ(Mode(dir.Join("cfg")), 0700u);
  std::string raw = ReadFile(path);
  ASSERT_EQ(raw.size(), 32u);
  EXPECT_EQ(raw, std::string(reinterpret_cast<const char*>(key->data()), 32));
  auto back = ReadKeyFile(env, path);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(back->data()), 32), raw);
  // Never overwrites.
  EXPECT_FALSE(CreateKeyFile(env, path).ok());
  EXPECT_EQ(ReadFile(path), raw);
}

TEST(KeyFileTest, RefusesGroupOrOtherPermissions) {
  TempDir dir;
  std::string path = dir.Join("k.key");
  WriteFile(path, std::string(32, 'k'));
  for (mode_t mode : {0644, 0640, 0604, 0660, 0606, 0620}) {
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
    auto key = ReadKeyFile(Env::Default(), path);
    ASSERT_FALSE(key.ok()) << std::oct << mode;
    EXPECT_EQ(key.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(key.status().message().find("chmod 600"), std::string::npos);
  }
  for (mode_t mode : {0600, 0400}) {
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
    EXPECT_TRUE(ReadKeyFile(Env::Default(), path).ok()) << std::oct << mode;
  }
}

TEST(KeyFileTest, AcceptsHexAndRejectsBadContent) {
  TempDir dir;
  std::string path = dir.Join("k.key");
  std::string hex;
  for (int i = 0; i < 32; ++i) hex += "0f";
  WriteFile(path, hex + "\n");
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  auto key = ReadKeyFile(Env::Default(), path);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->data()[0], 0x0f);
  EXPECT_EQ(key->data()[31], 0x0f);
  for (std::string bad :
       {std::string(31, 'k'), std::string(33, 'k'), std::string(64, 'g'), std::string()}) {
    WriteFile(path, bad);
    EXPECT_EQ(ReadKeyFile(Env::Default(), path).status().code(), StatusCode::kInvalidInput);
  }
  EXPECT_EQ(ReadKeyFile(Env::Default(), dir.Join("missing")).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(ReadKeyFile(Env::Default(), dir.path()).status().code(), StatusCode::kInvalidInput);
}

TEST(KeyFileTest, RefusesKeyInsideWorkspace) {
  TempDir dir;
  std::string ws = dir.Join("ws");
  ASSERT_TRUE(Env::Default()->CreateDirs(ws, 0700).ok());
  EXPECT_FALSE(CheckKeyOutsideWorkspace(ws + "/k.key", ws).ok());
  EXPECT_FALSE(CheckKeyOutsideWorkspace(ws + "/sub/dir/k.key", ws + "/").ok());
  EXPECT_FALSE(CheckKeyOutsideWorkspace(dir.Join("ws/../ws/k.key"), ws).ok());
  // Through a symbolic link to the workspace.
  ASSERT_EQ(::symlink(ws.c_str(), dir.Join("link").c_str()), 0);
  EXPECT_FALSE(CheckKeyOutsideWorkspace(dir.Join("link/k.key"), ws).ok());
  EXPECT_TRUE(CheckKeyOutsideWorkspace(dir.Join("ws2/k.key"), ws).ok());
  EXPECT_TRUE(CheckKeyOutsideWorkspace(dir.Join("k.key"), ws).ok());
}

}  // namespace
}  // namespace tutela::storage
