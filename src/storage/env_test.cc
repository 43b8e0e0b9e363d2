// Tests of the POSIX Env, path helpers and the fault-injecting Env.
#include "storage/env.h"

#include <gtest/gtest.h>

#include "storage/fault_env.h"
#include "testutil/testutil.h"

namespace tutela::storage {
namespace {

using tutela::testing::ReadFile;
using tutela::testing::TempDir;
using tutela::testing::WriteFile;

bool Exists(const std::string& path) {
  auto info = Env::Default()->Stat(path);
  return info.ok() && info->exists;
}

TEST(PathTest, DirBaseJoin) {
  EXPECT_EQ(DirName("a/b/c"), "a/b");
  EXPECT_EQ(DirName("a/b/"), "a");
  EXPECT_EQ(DirName("c"), ".");
  EXPECT_EQ(DirName("/c"), "/");
  EXPECT_EQ(DirName("/"), "/");
  EXPECT_EQ(BaseName("a/b/c"), "c");
  EXPECT_EQ(BaseName("c"), "c");
  EXPECT_EQ(BaseName("a/b/"), "b");
  EXPECT_EQ(JoinPath("a", "b"), "a/b");
  EXPECT_EQ(JoinPath("a/", "b"), "a/b");
  EXPECT_EQ(JoinPath(".", "b"), "b");
}

TEST(PosixEnvTest, WriteReadRenameListRemove) {
  TempDir dir;
  Env* env = Env::Default();
  std::string p = dir.Join("x/y/f");
  ASSERT_TRUE(env->CreateDirs(dir.Join("x/y"), 0700).ok());
  ASSERT_TRUE(env->CreateDirs(dir.Join("x/y"), 0700).ok());  // exists: fine
  ASSERT_TRUE(env->WriteFileAtomically(p, "hello", 0600).ok());
  auto info = env->Stat(p);
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(info->exists && info->is_regular);
  EXPECT_EQ(info->size, 5u);
  EXPECT_EQ(info->mode & 0777, 0600u);
  EXPECT_EQ(*env->ReadFileToString(p), "hello");
  ASSERT_TRUE(env->RenameFile(p, dir.Join("x/y/g")).ok());
  auto names = env->ListDir(dir.Join("x/y"));
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, std::vector<std::string>{"g"});
  ASSERT_TRUE(env->Truncate(dir.Join("x/y/g"), 2).ok());
  EXPECT_EQ(ReadFile(dir.Join("x/y/g")), "he");
  ASSERT_TRUE(env->RemoveFile(dir.Join("x/y/g")).ok());
  EXPECT_FALSE(Exists(dir.Join("x/y/g")));
  EXPECT_EQ(env->NewSequentialFile(dir.Join("nope")).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(env->RemoveFile(dir.Join("nope")).ok());
  // A large file reads back whole.
  std::string big(3 << 20, 'z');
  ASSERT_TRUE(env->WriteFileAtomically(dir.Join("big"), big, 0600).ok());
  EXPECT_EQ(env->ReadFileToString(dir.Join("big"))->size(), big.size());
}

TEST(PosixEnvTest, LocksExcludeEachOther) {
  TempDir dir;
  Env* env = Env::Default();
  auto a = env->LockFile(dir.Join("LOCK"), true, false);
  ASSERT_TRUE(a.ok() && *a != nullptr);
  // flock locks belong to open file descriptions: a second open conflicts.
  auto b = env->LockFile(dir.Join("LOCK"), true, false);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, nullptr);
  auto c = env->LockFile(dir.Join("LOCK"), false, false);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, nullptr);
  a->reset();
  auto d = env->LockFile(dir.Join("LOCK"), false, false);
  ASSERT_TRUE(d.ok());
  EXPECT_NE(*d, nullptr);
}

TEST(FaultEnvTest, FailsOnceAtTheNthMutation) {
  TempDir dir;
  FaultInjectionEnv env(Env::Default());
  env.FailAt(3, FaultInjectionEnv::Mode::kFailOnce);  // create=1, write=2, fsync=3
  EXPECT_FALSE(env.WriteFileAtomically(dir.Join("a"), "data", 0600).ok());
  EXPECT_TRUE(env.fault_fired());
  EXPECT_FALSE(env.dead());
  EXPECT_FALSE(Exists(dir.Join("a")));
  EXPECT_TRUE(env.WriteFileAtomically(dir.Join("a"), "data", 0600).ok());
  EXPECT_EQ(ReadFile(dir.Join("a")), "data");
}

TEST(FaultEnvTest, DeadEnvFailsEverything) {
  TempDir dir;
  WriteFile(dir.Join("r"), "x");
  FaultInjectionEnv env(Env::Default());
  env.FailAt(1, FaultInjectionEnv::Mode::kDie);
  EXPECT_FALSE(env.CreateDir(dir.Join("d"), 0700).ok());
  EXPECT_TRUE(env.dead());
  EXPECT_FALSE(env.ReadFileToString(dir.Join("r")).ok());
  EXPECT_FALSE(env.Stat(dir.Join("r")).ok());
  EXPECT_FALSE(env.RemoveFile(dir.Join("r")).ok());
  EXPECT_TRUE(Exists(dir.Join("r")));
  EXPECT_FALSE(Exists(dir.Join("d")));
}

TEST(FaultEnvTest, CountsOperationsWithoutFault) {
  TempDir dir;
  FaultInjectionEnv env(Env::Default());
  env.FailAt(0, FaultInjectionEnv::Mode::kDie);
  ASSERT_TRUE(env.WriteFileAtomically(dir.Join("a"), "data", 0600).ok());
  // create, write, fsync, close, rename, fsync dir
  EXPECT_EQ(env.ops(), 6);
  EXPECT_FALSE(env.fault_fired());
}

TEST(FaultEnvTest, PowerLossDropsUnsyncedDataAndDirectoryChanges) {
  TempDir dir;
  Env* real = Env::Default();
  ASSERT_TRUE(real->WriteFileAtomically(dir.Join("old"), "old content", 0600).ok());
  ASSERT_TRUE(real->WriteFileAtomically(dir.Join("target"), "target v1", 0600).ok());
  FaultInjectionEnv env(real);
  env.FailAt(0, FaultInjectionEnv::Mode::kDie);

  // Synced file whose directory entry is durable: survives.
  ASSERT_TRUE(env.WriteFileAtomically(dir.Join("durable"), "durable", 0600).ok());
  // Unsynced data in a durable entry: truncated to the synced part.
  {
    auto f = env.NewWritableFile(dir.Join("partial"), 0600);
    ASSERT_TRUE(f.ok());
    ASSERT_TRUE((*f)->Append("synced").ok());
    ASSERT_TRUE((*f)->Sync().ok());
    ASSERT_TRUE(env.SyncDir(dir.path()).ok());
    ASSERT_TRUE((*f)->Append(" lost").ok());
    ASSERT_TRUE((*f)->Close().ok());
  }
  // Rename over an existing file, removal and creation without a directory fsync: reverted.
  {
    auto f = env.NewWritableFile(dir.Join("target.tmp"), 0600);
    ASSERT_TRUE(f.ok());
    ASSERT_TRUE((*f)->Append("target v2").ok());
    ASSERT_TRUE((*f)->Sync().ok());
    ASSERT_TRUE((*f)->Close().ok());
  }
  ASSERT_TRUE(env.RenameFile(dir.Join("target.tmp"), dir.Join("target")).ok());
  ASSERT_TRUE(env.RemoveFile(dir.Join("old")).ok());
  ASSERT_TRUE(env.CreateDir(dir.Join("newdir"), 0700).ok());
  EXPECT_EQ(ReadFile(dir.Join("target")), "target v2");

  ASSERT_TRUE(env.SimulatePowerLoss().ok());
  EXPECT_EQ(ReadFile(dir.Join("durable")), "durable");
  EXPECT_EQ(ReadFile(dir.Join("partial")), "synced");
  EXPECT_EQ(ReadFile(dir.Join("target")), "target v1");
  EXPECT_EQ(ReadFile(dir.Join("old")), "old content");
  EXPECT_FALSE(Exists(dir.Join("target.tmp")));
}

}  // namespace
}  // namespace tutela::storage
