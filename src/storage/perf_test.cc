// Manual performance check of table write and reload (disabled by default):
//   tutela_storage_test --gtest_also_run_disabled_tests --gtest_filter='*Perf*'
// TUTELA_PERF_ROWS sets the row count (default 10,000,000).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>

#include "storage/sealed_file.h"
#include "storage/workspace.h"
#include "testutil/testutil.h"

namespace tutela::storage {
namespace {

double CpuSeconds() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// Wall and CPU time (all threads) since construction.
class Timer {
 public:
  Timer() : wall_(std::chrono::steady_clock::now()), cpu_(CpuSeconds()) {}
  std::string Elapsed() const {
    return fmt::format(
        "{:.2f}s wall, {:.2f}s cpu",
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_).count(),
        CpuSeconds() - cpu_);
  }

 private:
  std::chrono::steady_clock::time_point wall_;
  double cpu_;
};

// A hotel_checkins-shaped table.
std::shared_ptr<Table> MakeCheckins(size_t rows, PersonDict* persons) {
  auto t = std::make_shared<Table>("hotel_checkins",
                                   std::vector<ColumnSpec>{{"hotel_id", Type::kString},
                                                           {"room_no", Type::kString},
                                                           {"person_id", Type::kPersonId},
                                                           {"name", Type::kString},
                                                           {"checkin_time", Type::kTimestamp},
                                                           {"checkout_time", Type::kTimestamp},
                                                           {"guardian_contact", Type::kString}});
  uint16_t f = t->AddFile("hotel_checkins.csv");
  for (size_t c = 0; c < t->num_columns(); ++c) t->mutable_column(c).Reserve(rows);
  std::vector<int32_t> people;
  for (int i = 0; i < 1000000; ++i) {
    people.push_back(persons->Intern(fmt::format("1101012005{:08d}", i)));
  }
  uint64_t x = 88172645463325252ULL;
  for (size_t r = 0; r < rows; ++r) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    t->mutable_column(0).AppendString(fmt::format("H{}", x % 2000));
    t->mutable_column(1).AppendString(fmt::format("{}", x % 500));
    t->mutable_column(2).AppendI32(people[(x >> 20) % people.size()]);
    t->mutable_column(3).AppendString(fmt::format("N{}", (x >> 20) % 200000));
    t->mutable_column(4).AppendInt(1700000000 + static_cast<int64_t>(x % 30000000));
    if (x & 1) {
      t->mutable_column(5).AppendNull();
    } else {
      t->mutable_column(5).AppendInt(1700000000);
    }
    if (x & 2) {
      t->mutable_column(6).AppendNull();
    } else {
      t->mutable_column(6).AppendString("13800000000");
    }
    t->FinishRow(f, static_cast<int32_t>(r + 2));
  }
  return t;
}

TEST(StoragePerf, DISABLED_WriteAndReload) {
  size_t rows = 10000000;
  if (const char* env = std::getenv("TUTELA_PERF_ROWS")) rows = std::strtoull(env, nullptr, 10);
  // With TUTELA_PERF_DIR set, a workspace left there by an earlier run is
  // reused (reload timing only, e.g. under perf).
  tutela::testing::TempDir tmp;
  const char* keep = std::getenv("TUTELA_PERF_DIR");
  std::string dir = keep != nullptr ? keep : tmp.path();
  auto ws = Workspace::Open(dir + "/ws", dir + "/k.key");
  if (!ws.ok()) {
    ws = Workspace::Init(dir + "/ws", dir + "/k.key");
    ASSERT_TRUE(ws.ok()) << ws.status().ToString();
    PersonDict persons;
    Timer build;
    auto table = MakeCheckins(rows, &persons);
    fmt::print("build {} rows: {}\n", rows, build.Elapsed());
    Timer commit;
    ASSERT_TRUE((*ws)->CommitTables({{table, &persons, {}}}).ok());
    auto tables = (*ws)->Tables();
    fmt::print("commit: {}, {} MB\n", commit.Elapsed(), (*tables)[0].file_bytes / (1 << 20));
  }
  {
    // Reading and decrypting alone, for comparison.
    auto tables = (*ws)->Tables();
    const std::string& file = (*tables)[0].file;
    Timer timer;
    auto reader =
        SealedReader::Open(Env::Default(), (*ws)->dir() + "/" + file,
                           (*ws)->DeriveKey(KeyPurpose::kTables), (*ws)->id() + ":" + file, file);
    ASSERT_TRUE(reader.ok());
    std::vector<char> all((*reader)->Remaining());
    ASSERT_TRUE((*reader)->Read(all.data(), all.size()).ok());
    fmt::print("read+decrypt only: {}\n", timer.Elapsed());
  }
  for (int i = 0; i < 3; ++i) {
    PersonDict target;
    Timer timer;
    auto back = (*ws)->LoadTable("hotel_checkins", &target);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    fmt::print("reload: {}\n", timer.Elapsed());
    ASSERT_EQ((*back)->num_rows(), rows);
  }
}

}  // namespace
}  // namespace tutela::storage
