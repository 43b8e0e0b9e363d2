// Tests of the join_strategy / join_order passes and the join algorithms:
// recognition of the forms the models use (EXPLAIN), identical results with
// 1 and 2 threads and with the pass off (plain hash join or nested loop) on
// generated tables, and boundary cases of the sweeps and the grid.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "engine/engine.h"
#include "engine/exec_join_internal.h"
#include "engine/result_format.h"
#include "engine/script.h"

namespace tutela::engine {
namespace {

class JoinStrategyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    catalog_ = new Catalog();
    std::mt19937 rng(11);
    auto put = [](const std::string& decl, const std::vector<std::string>& rows) {
      auto t = BuildInlineTable(decl, rows, &catalog_->persons());
      ASSERT_TRUE(t.ok()) << t.status().message();
      catalog_->PutTable(*t);
    };
    // 100k hotel stays in 5000 rooms: [t_in, t_out) of 1-72 hours, some open.
    std::vector<std::string> stays;
    for (int r = 0; r < 100000; ++r) {
      int room = static_cast<int>(rng() % 5000);
      long t_in = 1700000000L + static_cast<long>(rng() % (86400L * 200));
      std::string out =
          rng() % 20 == 0 ? "" : std::to_string(t_in + 3600L * (1 + static_cast<long>(rng() % 72)));
      stays.push_back(fmt::format("h{},{},{},{},{}", room % 100, room / 100, r % 7000, t_in, out));
    }
    put("stays (hotel text, room int, person int, t_in int, t_out int)", stays);
    // 100k visits and 30k reports of 10k people (timestamps as ints: seconds).
    std::vector<std::string> visits, reports;
    for (int r = 0; r < 100000; ++r) {
      visits.push_back(fmt::format("{},{}", rng() % 10000,
                                   1700000000L + static_cast<long>(rng() % (86400L * 365))));
    }
    for (int r = 0; r < 30000; ++r) {
      std::string t = rng() % 50 == 0
                          ? ""
                          : std::to_string(1700000000L + static_cast<long>(rng() % (86400L * 365)));
      reports.push_back(fmt::format("{},{}", rng() % 10000, t));
    }
    put("visits (person int, t int)", visits);
    put("reports (person int, t int)", reports);
    // Points: a dense cluster around (30, 120), some across the antimeridian
    // and near the poles.
    auto points = [&](int n) {
      std::vector<std::string> rows;
      std::uniform_real_distribution<double> u(0, 1);
      for (int r = 0; r < n; ++r) {
        double lat, lon;
        switch (r % 4) {
          case 0:
            lat = 30 + u(rng) * 0.02;
            lon = 120 + u(rng) * 0.02;
            break;
          case 1:
            lat = -10 + u(rng) * 0.01;
            lon = 179.995 + u(rng) * 0.01;  // past 180: wraps
            break;
          case 2:
            lat = 89.995 + u(rng) * 0.005;
            lon = u(rng) * 360 - 180;
            break;
          default:
            lat = -20 + u(rng) * 0.01;
            lon = -180.005 + u(rng) * 0.01;
            break;
        }
        rows.push_back(r % 97 == 0 ? fmt::format("{},,{}", r, lon)
                                   : fmt::format("{},{},{}", r, lat, lon));
      }
      return rows;
    };
    put("pa (id int, lat double, lon double)", points(2000));
    put("pb (id int, lat double, lon double)", points(1000));
    put("judg (person int, d date)", {"1,2024-01-01", "1,2024-01-02", "2,2024-01-01", "1,"});
    put("queries (person int, qt timestamp)",
        {"1,2024-01-01 00:00:00", "1,2024-01-02 10:00:00", "2,2023-12-31 23:59:59", "1,"});
  }
  static void TearDownTestSuite() { delete catalog_; }

  static std::string Run(const std::string& sql, int threads, bool strategy = true) {
    QueryOptions opt;
    opt.as_of = *ParseIsoDate("2024-06-30");
    opt.threads = threads;
    opt.params["distance_m"] = Value::Int(100);
    if (!strategy) opt.disabled_passes = {"join_strategy", "join_order"};
    auto r = ExecuteQuery(*catalog_, sql, opt);
    if (!r.ok()) return "ERROR: " + r.status().message();
    return FormatResult(**r, OutputFormat::kCsv, &catalog_->persons());
  }
  static std::string Plan(const std::string& sql, bool strategy = true) {
    QueryOptions opt;
    opt.as_of = *ParseIsoDate("2024-06-30");
    opt.params["window_h"] = Value::Int(24);
    opt.params["distance_m"] = Value::Int(100);
    if (!strategy) opt.disabled_passes = {"join_strategy"};
    auto r = Explain(*catalog_, sql, opt);
    return r.ok() ? *r : "ERROR: " + r.status().message();
  }
  // Same rows in the same order with 1 and 2 threads; same multiset as the
  // plain hash join / nested loop.
  static void ExpectSame(const std::string& sql, bool compare_plain = true) {
    std::string one = Run(sql, 1);
    ASSERT_EQ(one.rfind("ERROR", 0), std::string::npos) << sql << "\n" << one;
    EXPECT_EQ(one, Run(sql, 2)) << sql;
    if (compare_plain) {
      std::string plain = Run(sql, 2, false);
      auto lines = [](const std::string& s) {
        std::vector<std::string> v;
        size_t start = 0;
        while (start < s.size()) {
          size_t end = s.find('\n', start);
          v.push_back(s.substr(start, end - start));
          start = end + 1;
        }
        std::sort(v.begin(), v.end());
        return v;
      };
      EXPECT_EQ(lines(one), lines(plain)) << sql;
    }
  }
  static Catalog* catalog_;
};
Catalog* JoinStrategyTest::catalog_ = nullptr;

TEST_F(JoinStrategyTest, RecognizesTheModelForms) {
  // hotel_minor: overlap with t_out computed in a CTE.
  std::string p = Plan(
      "WITH s AS (SELECT hotel, room, person, t_in, coalesce(t_out, t_in + 43200) AS t_out "
      "FROM stays) SELECT m.person, a.person FROM s m JOIN s a ON a.hotel = m.hotel AND "
      "a.room = m.room AND m.t_in < a.t_out AND a.t_in < m.t_out WHERE m.person <> a.person");
  EXPECT_NE(p.find("Join inner interval-sweep hash=[hotel#"), std::string::npos) << p;
  EXPECT_NE(p.find("range=[(t_in#"), std::string::npos) << p;
  EXPECT_NE(p.find("residual=(person#"), std::string::npos) << p;
  // mandatory_report: point-in-window inside NOT EXISTS (an anti join).
  p = Plan(
      "SELECT v.person FROM visits v WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE "
      "r.person = v.person AND r.t >= v.t - :window_h * 3600 AND r.t <= v.t + :window_h * "
      "3600)");
  EXPECT_NE(p.find("Join anti range-sweep hash=[v.person#"), std::string::npos) << p;
  EXPECT_EQ(p.find("residual="), std::string::npos) << p;
  // record_sealing: one bound, date against timestamp; entry_ban: coalesce.
  p = Plan("SELECT q.qt, g.d FROM queries q JOIN judg g ON g.person = q.person AND g.d <= q.qt");
  EXPECT_NE(p.find("Join inner range-sweep hash=[q.person#"), std::string::npos) << p;
  EXPECT_NE(p.find("range=[(CAST(g.d#"), std::string::npos) << p;
  EXPECT_EQ(Run("SELECT q.qt, g.d FROM queries q JOIN judg g ON g.person = q.person AND "
                "g.d <= q.qt ORDER BY 1, 2",
                2),
            "qt,d\n2024-01-01 00:00:00,2024-01-01\n2024-01-02 10:00:00,2024-01-01\n"
            "2024-01-02 10:00:00,2024-01-02\n");
  p = Plan(
      "SELECT v.t FROM visits v JOIN reports r ON r.person = v.person AND "
      "r.t <= coalesce(v.t, 5)");
  EXPECT_NE(p.find("range-sweep"), std::string::npos) << p;
  // near_school_vendor: CROSS JOIN + WHERE haversine_m (pushed into the join).
  p = Plan(
      "SELECT a.id, b.id FROM pa a CROSS JOIN pb b WHERE a.id > 3 AND "
      "haversine_m(a.lat, a.lon, b.lat, b.lon) <= :distance_m");
  EXPECT_NE(p.find("Join inner grid(haversine_m(a.lat#"), std::string::npos) << p;
  EXPECT_NE(p.find("<= 100)"), std::string::npos) << p;
  p = Plan("SELECT 1 FROM pa a, pb b WHERE 50.5 >= haversine_m(b.lat, b.lon, a.lat, a.lon)");
  EXPECT_NE(p.find("grid(50.5 >= haversine_m(b.lat#"), std::string::npos) << p;
  // A distance with a column is no grid.
  p = Plan("SELECT 1 FROM pa a, pb b WHERE haversine_m(a.lat, a.lon, b.lat, b.lon) <= b.id");
  EXPECT_EQ(p.find("grid"), std::string::npos) << p;
  EXPECT_NE(p.find("nested-loop"), std::string::npos) << p;
  // Mixed sides inside one point: no grid.
  p = Plan("SELECT 1 FROM pa a, pb b WHERE haversine_m(a.lat, b.lon, b.lat, a.lon) <= 5");
  EXPECT_EQ(p.find("grid"), std::string::npos) << p;
  EXPECT_NE(p.find("nested-loop"), std::string::npos) << p;
  // Pass off: the plain names.
  p = Plan("SELECT 1 FROM visits v JOIN reports r ON r.person = v.person AND r.t < v.t", false);
  EXPECT_EQ(p.find("range-sweep"), std::string::npos) << p;
  EXPECT_NE(p.find("hash=[v.person#"), std::string::npos) << p;
}

TEST_F(JoinStrategyTest, IntervalJoinMatchesPlainHashJoin) {
  ExpectSame(
      "WITH s AS (SELECT hotel, room, person, t_in, coalesce(t_out, t_in + 43200) AS t_out "
      "FROM stays) SELECT m.person, a.person, m.t_in, a.t_out FROM s m JOIN s a ON "
      "a.hotel = m.hotel AND a.room = m.room AND m.t_in < a.t_out AND a.t_in < m.t_out "
      "WHERE m.person <> a.person");
  ExpectSame(
      "SELECT m.person, count(a.person) FROM stays m LEFT JOIN stays a ON a.hotel = m.hotel AND "
      "a.room = m.room AND m.t_in <= a.t_out AND a.t_in <= m.t_out AND a.person < m.person "
      "GROUP BY m.person ORDER BY 1");
  ExpectSame(
      "SELECT m.person, m.t_in FROM stays m WHERE NOT EXISTS (SELECT 1 FROM stays a WHERE "
      "a.hotel = m.hotel AND a.room = m.room AND a.t_in < m.t_out AND m.t_in < a.t_out AND "
      "a.person <> m.person)");
  // A self-join whose `<>` compares different columns keeps its diagonal.
  ExpectSame(
      "SELECT m.person, a.person, m.room FROM stays m JOIN stays a ON a.hotel = m.hotel AND "
      "a.room = m.room AND m.t_in < a.t_out AND a.t_in < m.t_out AND m.person <> a.room");
  // Empty and reversed intervals (t_out <= t_in) overlap nothing; the sweep
  // applies both bounds itself, so it must not emit them.
  ExpectSame(
      "WITH s AS (SELECT hotel, room, person, t_in, t_in + 3600 * (person % 4 - 1) AS t_out "
      "FROM stays) SELECT m.person, a.person, m.t_in, a.t_out FROM s m JOIN s a ON "
      "a.hotel = m.hotel AND a.room = m.room AND m.t_in < a.t_out AND a.t_in < m.t_out");
  ExpectSame(
      "WITH s AS (SELECT hotel, room, person, t_in, t_in + 3600 * (person % 4 - 1) AS t_out "
      "FROM stays) SELECT m.person, count(a.person) FROM s m LEFT JOIN s a ON "
      "a.hotel = m.hotel AND a.room = m.room AND m.t_in <= a.t_out AND a.t_in <= m.t_out "
      "GROUP BY m.person ORDER BY 1");
}

TEST_F(JoinStrategyTest, RangeJoinMatchesPlainHashJoin) {
  ExpectSame(
      "SELECT v.person, v.t FROM visits v WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE "
      "r.person = v.person AND r.t >= v.t - 86400 AND r.t <= v.t + 86400)");
  ExpectSame(
      "SELECT v.person, v.t, r.t FROM visits v JOIN reports r ON r.person = v.person AND "
      "r.t BETWEEN v.t - 3600 * 24 * 7 AND v.t");
  ExpectSame(
      "SELECT v.person, v.t, count(r.t) FROM visits v LEFT JOIN reports r ON r.person = v.person "
      "AND r.t < v.t GROUP BY 1, 2 ORDER BY 1, 2");
  ExpectSame(
      "SELECT v.person, v.t, EXISTS (SELECT 1 FROM reports r WHERE r.person = v.person AND "
      "r.t > v.t) FROM visits v");
}

TEST_F(JoinStrategyTest, GridJoinMatchesNestedLoop) {
  for (std::string d : {"100", "0", ":distance_m"}) {
    ExpectSame(
        "SELECT a.id, b.id, haversine_m(a.lat, a.lon, b.lat, b.lon) FROM pa a "
        "CROSS JOIN pb b WHERE haversine_m(a.lat, a.lon, b.lat, b.lon) <= " +
        d);
  }
  for (std::string d : {"1000", "3000000", "1e8", "-1"}) {
    ExpectSame(
        "SELECT count(*), sum(a.id * b.id) FROM pa a, pb b "
        "WHERE haversine_m(a.lat, a.lon, b.lat, b.lon) <= " +
        d);
  }
  ExpectSame(
      "SELECT a.id FROM pa a WHERE NOT EXISTS (SELECT 1 FROM pb b WHERE "
      "haversine_m(b.lat, b.lon, a.lat, a.lon) < 300)");
  ExpectSame(
      "SELECT a.id, count(b.id) FROM pa a LEFT JOIN pb b ON a.id % 3 = b.id % 3 AND "
      "haversine_m(a.lat, a.lon, b.lat, b.lon) <= 500 GROUP BY a.id ORDER BY a.id");
  // Infinite and out-of-range coordinates: the grid cannot place them, the
  // inline distance check must still agree with haversine_m.
  ExpectSame(
      "WITH q AS (SELECT id, CASE WHEN id % 5 = 0 THEN lat * 1e308 * 10 WHEN id % 7 = 0 "
      "THEN lat + 200 ELSE lat END AS lat, lon FROM pb) "
      "SELECT a.id, b.id, haversine_m(b.lat, b.lon, a.lat, a.lon) FROM q a, q b "
      "WHERE a.id < 300 AND haversine_m(b.lat, b.lon, a.lat, a.lon) < 2000");
}

TEST_F(JoinStrategyTest, LargerJoinsSameWithOneAndTwoThreads) {
  // Too large for a nested loop: compare thread counts only.
  ExpectSame(
      "SELECT v.person, v.t, r.t FROM visits v JOIN reports r ON r.t >= v.t AND r.t < v.t + 60",
      false);
  ExpectSame(
      "SELECT m.t_in, a.person FROM stays m JOIN stays a ON m.hotel = a.hotel AND "
      "m.t_in < a.t_out AND a.t_in < m.t_out AND a.person % 10 = 0 AND m.person < a.person",
      false);
}

TEST_F(JoinStrategyTest, CandidatesSpanningSeveralBatches) {
  // Every left row has 100k candidates (a nested loop), more than one batch
  // of 2^16 pairs; the expected counts come from filters without a join.
  auto count = [](const std::string& where) {
    std::string out = Run("SELECT count(*) FROM visits v WHERE " + where, 1);
    return out.substr(out.find('\n') + 1, out.size() - out.find('\n') - 2);
  };
  const char* with =
      "WITH s AS (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 7 UNION ALL "
      "SELECT 1000000) ";
  std::string expected = "k,count\n";
  for (std::string k : {"1", "2", "7", "1000000"}) {
    expected += k + "," + count("v.person % " + k + " = 0 AND v.t % 2 = 0") + "\n";
  }
  std::string q = std::string(with) +
                  "SELECT s.k, count(v.t) FROM s LEFT JOIN visits v ON v.person % s.k = 0 AND "
                  "v.t % 2 = 0 GROUP BY s.k ORDER BY s.k";
  EXPECT_EQ(Run(q, 1), expected);
  EXPECT_EQ(Run(q, 2), expected);
  std::string kept = "k\n";
  for (std::string k : {"1", "2", "7", "1000000"}) {
    if (count("v.person % " + k + " = 9999 AND v.t % 2 = 0") == "0") kept += k + "\n";
  }
  q = std::string(with) +
      "SELECT s.k FROM s WHERE NOT EXISTS (SELECT 1 FROM visits v WHERE v.person % s.k = 9999 "
      "AND v.t % 2 = 0) ORDER BY 1";
  EXPECT_EQ(Run(q, 2), kept);
  EXPECT_NE(kept, "k\n");
}

TEST(JoinOrderKeyTest, DoublesOrderLikeSql) {
  std::vector<double> v = {-INFINITY, -1e300, -2, -1,    -1e-300,  -0.0, 0.0,
                           1e-300,    1,      2,  1e300, INFINITY, NAN};
  for (size_t a = 0; a < v.size(); ++a) {
    for (size_t b = 0; b < v.size(); ++b) {
      int64_t ka = join::DoubleOrderKey(v[a]), kb = join::DoubleOrderKey(v[b]);
      bool zero = v[a] == 0 && v[b] == 0;
      if (a == b || zero) {
        EXPECT_EQ(ka, kb) << v[a] << " " << v[b];
      } else {
        EXPECT_EQ(ka < kb, a < b) << v[a] << " " << v[b];
      }
    }
  }
}

}  // namespace
}  // namespace tutela::engine
