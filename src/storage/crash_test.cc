// Crash-safety tests: an import that fails (or "dies", optionally losing
// everything not yet durable) at every possible file-system operation must
// leave the workspace exactly in its old or its new state; and real SIGKILLs
// of a process importing in a loop must do the same.
#include <cstdio>
#include <fmt/ranges.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <random>
#include <thread>

#include "storage/fault_env.h"
#include "storage/storage_testing.h"
#include "storage/workspace.h"
#include "testutil/testutil.h"

namespace tutela::storage {
namespace {

namespace fs = std::filesystem;
using tutela::testing::TempDir;
using tutela::testing::WriteFile;
using Snapshot = std::vector<std::string>;

// Everything observable about a workspace's tables except timestamps.
Snapshot TakeSnapshot(const std::string& dir, const std::string& key, std::string* error) {
  auto w = Workspace::Open(dir, key);
  if (!w.ok()) {
    *error = w.status().ToString();
    return {};
  }
  auto tables = (*w)->Tables();
  if (!tables.ok()) {
    *error = tables.status().ToString();
    return {};
  }
  Snapshot out;
  std::vector<std::string> live;
  for (const TableInfo& t : *tables) {
    out.push_back(fmt::format("table {} rows={} sources={}", t.name, t.rows, t.sources.size()));
    for (const SourceInfo& s : t.sources) {
      out.push_back(fmt::format("  {} {} {}/{}/{}", s.name, s.sha256, s.rows_read, s.rows_accepted,
                                s.rows_rejected));
    }
    PersonDict persons;
    auto table = (*w)->LoadTable(t.name, &persons);
    if (!table.ok()) {
      *error = table.status().ToString();
      return {};
    }
    Snapshot d = testing::DumpTable(**table, persons);
    out.insert(out.end(), d.begin(), d.end());
    live.push_back(fs::path(t.file).filename().string());
  }
  // Open collected the garbage: exactly the live data files remain.
  std::vector<std::string> present;
  for (const auto& e : fs::directory_iterator(dir + "/tables")) {
    present.push_back(e.path().filename().string());
  }
  std::sort(live.begin(), live.end());
  std::sort(present.begin(), present.end());
  if (live != present) {
    *error = "stray files in tables/: " + fmt::format("{}", fmt::join(present, ","));
  }
  if (fs::exists(dir + "/MANIFEST.tmp")) *error = "MANIFEST.tmp left behind";
  return out;
}

const char kPersons1[] =
    "person_id,name,sex,birth_date\n"
    "110101200501010011,张三,男,2005-01-01\n"
    "110101200602020022,李四,女,2006/2/2\n";
const char kPersons2[] =
    "身份证号,姓名\n"
    "110101200703030033,王五\n"
    "bad,row,with,too,many,fields\n"
    "110101200804040044,赵六\n";
const char kGuardians[] =
    "minor_id,guardian_id,relation\n"
    "110101200501010011,110101197001010055,父\n";
const char kHotel[] =
    "hotel_id,room_no,person_id,checkin_time\n"
    "H1,101,110101200501010011,2024-01-05 22:00\n"
    "H1,102,110101200703030033,2024-01-06 01:00\n";

using Step = std::function<Status(Workspace*)>;

class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = tmp_.Join("keys/ws.key");
    p1_ = Src("persons.csv", kPersons1);
    p2_ = Src("persons2.csv", kPersons2);
    g_ = Src("guardians.csv", kGuardians);
    h_ = Src("hotel_checkins.csv", kHotel);
  }
  std::string Src(const std::string& name, const char* content) {
    std::string p = tmp_.Join("src/" + name);
    WriteFile(p, content);
    return p;
  }
  static Step Import(std::string table, std::vector<std::string> files, bool append) {
    return [=](Workspace* w) { return w->Import(table, files, append, {}).status(); };
  }

  // Builds the OLD workspace (template) with the real Env.
  void MakeTemplate(const std::vector<Step>& setup) {
    tmpl_ = tmp_.Join("template");
    auto w = Workspace::Init(tmpl_, key_);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    for (const Step& s : setup) {
      Status st = s(w->get());
      ASSERT_TRUE(st.ok()) << st.ToString();
    }
  }
  std::string Fresh(const std::string& name) {
    std::string dir = tmp_.Join(name);
    fs::remove_all(dir);
    fs::copy(tmpl_, dir, fs::copy_options::recursive);
    return dir;
  }
  Snapshot Snap(const std::string& dir) {
    std::string error;
    Snapshot s = TakeSnapshot(dir, key_, &error);
    EXPECT_EQ(error, "") << dir;
    return s;
  }

  // Runs `step` failing at op 1, 2, ... until it completes without a fault,
  // in each failure mode, and checks OLD-or-NEW after every failure.
  void RunCrashLoop(const std::vector<Step>& setup, const Step& step) {
    MakeTemplate(setup);
    Snapshot old_state = Snap(Fresh("old"));
    std::string new_dir = Fresh("new");
    {
      auto w = Workspace::Open(new_dir, key_);
      ASSERT_TRUE(w.ok());
      Status st = step(w->get());
      ASSERT_TRUE(st.ok()) << st.ToString();
    }
    Snapshot new_state = Snap(new_dir);
    ASSERT_NE(old_state, new_state);

    enum { kDie, kPowerLoss, kFailOnce };
    for (int mode : {kDie, kPowerLoss, kFailOnce}) {
      int64_t n = 1;
      int saw_old = 0, saw_new = 0;
      for (;; ++n) {
        ASSERT_LT(n, 1000) << "the step never completes";
        std::string dir = Fresh("run");
        FaultInjectionEnv env(Env::Default());
        env.set_skip_real_sync(true);
        auto w = Workspace::Open(dir, key_, &env);
        ASSERT_TRUE(w.ok()) << w.status().ToString();
        env.FailAt(n, mode == kFailOnce ? FaultInjectionEnv::Mode::kFailOnce
                                        : FaultInjectionEnv::Mode::kDie);
        Status st = step(w->get());
        if (!env.fault_fired()) {
          EXPECT_TRUE(st.ok()) << st.ToString();
          EXPECT_EQ(Snap(dir), new_state);
          break;
        }
        if (mode == kPowerLoss) {
          ASSERT_TRUE(env.SimulatePowerLoss().ok());
        }
        w->reset();
        Snapshot got = Snap(dir);
        bool is_old = got == old_state, is_new = got == new_state;
        EXPECT_TRUE(is_old || is_new)
            << "mode " << mode << " op " << n << ": " << st.ToString() << "\n"
            << fmt::format("{}", fmt::join(got, "\n"));
        saw_old += is_old;
        saw_new += is_new;
        if (mode == kFailOnce) {
          // The failure is reported or harmless, and a retry reaches NEW.
          auto again = Workspace::Open(dir, key_, &env);
          ASSERT_TRUE(again.ok());
          Status retry = step(again->get());
          EXPECT_TRUE(retry.ok()) << retry.ToString();
          EXPECT_EQ(Snap(dir), new_state) << "retry after op " << n;
        }
      }
      EXPECT_GT(n, 10) << "too few operations to be a real commit";
      EXPECT_GT(saw_old, 0) << "mode " << mode;
      if (mode == kDie) {
        EXPECT_GT(saw_new, 0) << "faults after the commit point leave NEW";
      }
    }
  }

  TempDir tmp_;
  std::string key_, tmpl_, p1_, p2_, g_, h_;
};

TEST_F(CrashTest, FirstImportIntoEmptyWorkspace) {
  RunCrashLoop({}, Import("persons", {p1_}, false));
}

TEST_F(CrashTest, ReplaceImport) {
  RunCrashLoop({Import("persons", {p1_}, false)}, Import("persons", {p2_}, false));
}

TEST_F(CrashTest, AppendImport) {
  RunCrashLoop({Import("persons", {p1_}, false)}, Import("persons", {p2_}, true));
}

TEST_F(CrashTest, MultiTableWorkspace) {
  RunCrashLoop({Import("persons", {p1_}, false), Import("guardians", {g_}, false),
                Import("hotel_checkins", {h_}, false)},
               Import("persons", {p2_, p1_}, false));
}

TEST_F(CrashTest, MultiTableCommitIsAtomicAcrossTablesAndChunks) {
  // Two tables changed in one commit; one spans several 1 MiB chunks.
  auto persons = std::make_shared<PersonDict>();
  std::vector<TableUpdate> updates;
  updates.push_back({testing::MakeTestTable("big", 21500, 7, persons.get()), persons.get(), {}});
  updates.push_back({testing::MakeTestTable("small", 10, 8, persons.get()), persons.get(), {}});
  Step commit = [persons, updates](Workspace* w) { return w->CommitTables(updates); };
  Step setup = [](Workspace* w) {
    PersonDict persons;
    std::vector<TableUpdate> updates;
    updates.push_back({testing::MakeTestTable("big", 1000, 1, &persons), &persons, {}});
    updates.push_back({testing::MakeTestTable("small", 5, 2, &persons), &persons, {}});
    updates.push_back({testing::MakeTestTable("other", 5, 3, &persons), &persons, {}});
    return w->CommitTables(updates);
  };
  RunCrashLoop({setup}, commit);
}

// A child process imports in a loop (replace, then append, ...) and is
// killed with SIGKILL at a random moment; the parent then checks that the
// workspace holds one of the two states.
TEST_F(CrashTest, SigkillDuringImports) {
  MakeTemplate({Import("persons", {p1_}, false)});
  std::string dir = Fresh("killed");
  Snapshot s1 = Snap(dir);
  std::string probe = Fresh("probe");
  {
    auto w = Workspace::Open(probe, key_);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->Import("persons", {p2_}, true, {}).ok());
  }
  Snapshot s12 = Snap(probe);
  ASSERT_NE(s1, s12);

  std::mt19937 rng(12345);
  int seen1 = 0, seen12 = 0;
  for (int round = 0; round < 5; ++round) {
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(ready[0]);
      auto w = Workspace::Open(dir, key_);
      if (!w.ok()) ::_exit(3);
      for (int i = 0;; ++i) {
        bool append = i % 2 == 0;
        Status st =
            (*w)->Import("persons",
                         append ? std::vector<std::string>{p2_} : std::vector<std::string>{p1_},
                         append, {})
                .status();
        if (!st.ok()) ::_exit(4);
        if (i == 0 && ::write(ready[1], "x", 1) != 1) ::_exit(5);
      }
    }
    ::close(ready[1]);
    char c;
    ASSERT_EQ(::read(ready[0], &c, 1), 1) << "child failed before its first import";
    ::close(ready[0]);
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % 40000));
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
    Snapshot got = Snap(dir);
    bool is1 = got == s1, is12 = got == s12;
    EXPECT_TRUE(is1 || is12) << "round " << round << "\n"
                             << fmt::format("{}", fmt::join(got, "\n"));
    seen1 += is1;
    seen12 += is12;
  }
  EXPECT_EQ(seen1 + seen12, 5);
}

// Two processes importing different tables at the same time, and a third
// loading: no update is lost and every load sees a consistent workspace.
// Regression: an unlocked manifest read could straddle another process's
// rename of MANIFEST and report a false "tampered" error; readers now take
// the shared lock.
TEST_F(CrashTest, ConcurrentProcessesDoNotLoseUpdates) {
  MakeTemplate({});
  std::string dir = Fresh("concurrent");
  auto child = [&](const std::string& table, const std::string& a, const std::string& b) {
    pid_t pid = ::fork();
    if (pid != 0) return pid;
    auto w = Workspace::Open(dir, key_);
    if (!w.ok()) ::_exit(3);
    for (int i = 0; i < 6; ++i) {
      auto r = (*w)->Import(table, {i % 2 == 0 ? a : b}, false, {});
      if (!r.ok()) {
        std::fprintf(stderr, "child %s import %d: %s\n", table.c_str(), i,
                     r.status().ToString().c_str());
        ::_exit(4);
      }
    }
    ::_exit(0);
  };
  pid_t c1 = child("persons", p1_, p2_);
  pid_t c2 = child("guardians", g_, g_);
  ASSERT_GT(c1, 0);
  ASSERT_GT(c2, 0);
  for (int i = 0; i < 5; ++i) {
    auto w = Workspace::Open(dir, key_);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    Catalog catalog;
    auto loaded = (*w)->LoadCatalog(&catalog);
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
  }
  for (pid_t pid : {c1, c2}) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  }
  auto w = Workspace::Open(dir, key_);
  ASSERT_TRUE(w.ok());
  auto tables = (*w)->Tables();
  ASSERT_TRUE(tables.ok());
  ASSERT_EQ(tables->size(), 2u);
  EXPECT_EQ((*tables)[0].name, "guardians");
  EXPECT_EQ((*tables)[1].sources[0].name, "persons2.csv");  // the last import (i = 5)
  std::string error;
  TakeSnapshot(dir, key_, &error);
  EXPECT_EQ(error, "");
}

}  // namespace
}  // namespace tutela::storage
