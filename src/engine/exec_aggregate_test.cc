// Tests of hash aggregation: exact median/quantile/mad against a full-sort
// reference, simple aggregates and integer-sum overflow against sequential
// references, and identical results for any thread count.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/result_format.h"

namespace tutela::engine {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

struct Rows {
  std::vector<int64_t> g;
  std::vector<std::optional<double>> x;
  std::vector<std::optional<int64_t>> xi;
};

std::shared_ptr<Table> MakeTable(const std::string& name, const Rows& d) {
  auto t = std::make_shared<Table>(
      name,
      std::vector<ColumnSpec>{{"g", Type::kInt64}, {"x", Type::kDouble}, {"xi", Type::kInt64}});
  for (size_t r = 0; r < d.g.size(); ++r) {
    t->mutable_column(0).AppendInt(d.g[r]);
    if (d.x[r]) {
      t->mutable_column(1).AppendDouble(*d.x[r]);
    } else {
      t->mutable_column(1).AppendNull();
    }
    if (d.xi[r]) {
      t->mutable_column(2).AppendInt(*d.xi[r]);
    } else {
      t->mutable_column(2).AppendNull();
    }
    t->FinishRow(0, static_cast<int32_t>(r + 1));
  }
  return t;
}

// NaN sorts last (PostgreSQL).
bool NanLast(double a, double b) { return !std::isnan(a) && (std::isnan(b) || a < b); }

// percentile_cont by a full sort.
std::optional<double> RefQuantile(std::vector<double> v, double p) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end(), NanLast);
  double pos = p * static_cast<double>(v.size() - 1);
  size_t lo = static_cast<size_t>(std::floor(pos));
  double frac = pos - static_cast<double>(lo);
  if (frac == 0) return v[lo];
  return v[lo] + frac * (v[lo + 1] - v[lo]);
}

std::optional<double> RefMad(std::vector<double> v) {
  std::optional<double> m = RefQuantile(v, 0.5);
  if (!m) return std::nullopt;
  for (double& x : v) x = std::fabs(x - *m);
  return RefQuantile(v, 0.5);
}

std::optional<double> Cell(const Table& t, size_t col, size_t row) {
  if (t.column(col).IsNull(row)) return std::nullopt;
  return t.column(col).GetDouble(row);
}

bool Same(std::optional<double> a, std::optional<double> b) {
  if (!a || !b) return !a && !b;
  return (std::isnan(*a) && std::isnan(*b)) || *a == *b;
}

std::string Show(std::optional<double> v) { return v ? std::to_string(*v) : "NULL"; }

Result<std::shared_ptr<Table>> RunQuery(const Catalog& c, const std::string& sql, int threads) {
  QueryOptions opt;
  opt.threads = threads;
  return ExecuteQuery(c, sql, opt);
}

std::string Csv(const Catalog& c, const std::string& sql, int threads) {
  auto r = RunQuery(c, sql, threads);
  if (!r.ok()) return "ERROR: " + r.status().message();
  return FormatResult(**r, OutputFormat::kCsv, &c.persons());
}

// 250k rows: groups of very different sizes (one-row groups, big groups),
// duplicates, NULLs, a group of only NULLs, NaN and infinities.
Rows QuantileData() {
  std::mt19937_64 rng(11);
  Rows d;
  auto add = [&](int64_t g, std::optional<double> x, std::optional<int64_t> xi) {
    d.g.push_back(g);
    d.x.push_back(x);
    d.xi.push_back(xi);
  };
  for (int r = 0; r < 250000; ++r) {
    uint64_t u = rng();
    // Skewed: small ids are frequent, large ones rare (many one-row groups).
    int64_t g = static_cast<int64_t>((u % 3000) * (u % 3000) / 3000) + (u % 7 == 0 ? 5000 : 0);
    std::optional<double> x;
    if (rng() % 10 != 0) x = static_cast<double>(rng() % 2000) / 4.0 - 100;  // duplicates
    std::optional<int64_t> xi;
    if (rng() % 8 != 0) xi = static_cast<int64_t>(rng() % 1000) - 500;
    add(g, x, xi);
  }
  for (int r = 0; r < 5; ++r) add(9000, std::nullopt, std::nullopt);  // only NULLs
  for (double v : {1.0, kNaN, 3.0, kNaN, 2.0}) add(9001, v, 1);       // NaN sorts last
  for (double v : {kInf, 1.0, -kInf, 5.0}) add(9002, v, 2);           // infinities
  add(9003, kInf, 3);
  add(9004, 7.5, -4);  // one row
  return d;
}

TEST(AggregateTest, QuantilesMatchFullSortReference) {
  Rows d = QuantileData();
  Catalog catalog;
  catalog.PutTable(MakeTable("t", d));
  // The reference, per group in order of first appearance.
  std::vector<int64_t> order;
  std::map<int64_t, std::vector<double>> xs, xis;
  std::map<int64_t, std::set<double>> distinct;
  for (size_t r = 0; r < d.g.size(); ++r) {
    if (!xs.count(d.g[r])) order.push_back(d.g[r]);
    auto& v = xs[d.g[r]];
    auto& vi = xis[d.g[r]];
    if (d.x[r]) v.push_back(*d.x[r]);
    if (d.x[r] && !std::isnan(*d.x[r])) distinct[d.g[r]].insert(*d.x[r]);
    if (d.xi[r]) vi.push_back(static_cast<double>(*d.xi[r]));
  }
  const std::string sql =
      "SELECT g, median(x), quantile(x, 0.9), quantile(x, 0.25), quantile(x, 0), "
      "quantile(x, 1), mad(x), median(xi), quantile(xi, 0.33), mad(xi), "
      "median(DISTINCT x), quantile(x, 0.9) AS again FROM t GROUP BY g";
  std::string one;
  for (int threads : {1, 2, 3}) {
    auto res = RunQuery(catalog, sql, threads);
    ASSERT_TRUE(res.ok()) << res.status().message();
    const Table& t = **res;
    ASSERT_EQ(t.num_rows(), order.size());
    for (size_t r = 0; r < order.size(); ++r) {
      int64_t g = order[r];
      ASSERT_EQ(t.column(0).GetInt(r), g) << "output order = first appearance";
      const std::vector<double>& v = xs[g];
      const std::vector<double>& vi = xis[g];
      std::vector<double> dv(distinct[g].begin(), distinct[g].end());
      if (std::any_of(v.begin(), v.end(), [](double x) { return std::isnan(x); })) {
        dv.push_back(kNaN);  // DISTINCT keeps one NaN
      }
      std::optional<double> want[] = {
          RefQuantile(v, 0.5),  RefQuantile(v, 0.9),   RefQuantile(v, 0.25),
          RefQuantile(v, 0),    RefQuantile(v, 1),     RefMad(v),
          RefQuantile(vi, 0.5), RefQuantile(vi, 0.33), RefMad(vi),
          RefQuantile(dv, 0.5), RefQuantile(v, 0.9)};
      for (size_t c = 0; c < std::size(want); ++c) {
        ASSERT_TRUE(Same(Cell(t, c + 1, r), want[c]))
            << "group " << g << " column " << c + 1 << " got " << Show(Cell(t, c + 1, r))
            << " want " << Show(want[c]) << " threads " << threads;
      }
    }
    std::string csv = FormatResult(t, OutputFormat::kCsv, &catalog.persons());
    if (threads == 1) one = csv;
    EXPECT_EQ(csv, one) << "threads " << threads;
  }
}

TEST(AggregateTest, QuantilesWithoutGroupsAndOverNoRows) {
  Rows d = QuantileData();
  Catalog catalog;
  catalog.PutTable(MakeTable("t", d));
  std::vector<double> v;
  for (const auto& x : d.x) {
    if (x && !std::isnan(*x) && !std::isinf(*x)) v.push_back(*x);
  }
  for (int threads : {1, 2}) {
    auto res = RunQuery(catalog,
                        "SELECT median(x), quantile(x, 0.75), mad(x), count(*) FROM t "
                        "WHERE x < 1e300 AND x > -1e300",
                        threads);
    ASSERT_TRUE(res.ok()) << res.status().message();
    EXPECT_TRUE(Same(Cell(**res, 0, 0), RefQuantile(v, 0.5)));
    EXPECT_TRUE(Same(Cell(**res, 1, 0), RefQuantile(v, 0.75)));
    EXPECT_TRUE(Same(Cell(**res, 2, 0), RefMad(v)));
    EXPECT_EQ((*res)->column(3).GetInt(0), static_cast<int64_t>(v.size()));
    EXPECT_EQ(Csv(catalog, "SELECT median(x), mad(x), count(*) FROM t WHERE g < 0", threads),
              "median,mad,count\n,,0\n");
    EXPECT_EQ(Csv(catalog, "SELECT g, median(x) FROM t WHERE g < 0 GROUP BY g", threads),
              "g,median\n");
  }
}

// 2.3M rows (three blocks of partial states) in 40 groups.
class SimpleAggregateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::mt19937_64 rng(5);
    data_ = new Rows();
    for (int r = 0; r < 2300000; ++r) {
      data_->g.push_back(static_cast<int64_t>(rng() % 40));
      data_->x.push_back(rng() % 9 == 0 ? std::nullopt
                                        : std::optional<double>((rng() % 100000) / 3.0));
      data_->xi.push_back(rng() % 11 == 0 ? std::nullopt
                                          : std::optional<int64_t>(
                                                static_cast<int64_t>(rng() % 2000001) - 1000000));
    }
    catalog_ = new Catalog();
    catalog_->PutTable(MakeTable("t", *data_));
  }
  static void TearDownTestSuite() {
    delete catalog_;
    delete data_;
  }
  static Catalog* catalog_;
  static Rows* data_;
};
Catalog* SimpleAggregateTest::catalog_ = nullptr;
Rows* SimpleAggregateTest::data_ = nullptr;

TEST_F(SimpleAggregateTest, SameForAnyThreadCountAndMatchSequentialReference) {
  const std::string sql =
      "SELECT g, count(*), count(x), sum(xi), min(xi), max(xi), sum(x), avg(x), min(x), "
      "max(x), bool_and(xi > -999000), bool_or(xi > 999990), min(CAST(xi AS text)), "
      "max(CAST(xi AS text)) FROM t GROUP BY g";
  auto res = RunQuery(*catalog_, sql, 2);
  ASSERT_TRUE(res.ok()) << res.status().message();
  EXPECT_EQ(FormatResult(**res, OutputFormat::kCsv, nullptr), Csv(*catalog_, sql, 1));
  const Table& t = **res;
  struct Ref {
    int64_t rows = 0, nx = 0, sum_i = 0, min_i = INT64_MAX, max_i = INT64_MIN;
    double sum_x = 0;
    std::optional<std::string> min_t, max_t;
  };
  std::map<int64_t, Ref> ref;
  const Rows& d = *data_;
  for (size_t r = 0; r < d.g.size(); ++r) {
    Ref& f = ref[d.g[r]];
    ++f.rows;
    if (d.x[r]) {
      ++f.nx;
      f.sum_x += *d.x[r];
    }
    if (d.xi[r]) {
      f.sum_i += *d.xi[r];
      f.min_i = std::min(f.min_i, *d.xi[r]);
      f.max_i = std::max(f.max_i, *d.xi[r]);
      std::string text = std::to_string(*d.xi[r]);
      if (!f.min_t || text < *f.min_t) f.min_t = text;
      if (!f.max_t || text > *f.max_t) f.max_t = text;
    }
  }
  ASSERT_EQ(t.num_rows(), ref.size());
  for (size_t r = 0; r < t.num_rows(); ++r) {
    const Ref& f = ref[t.column(0).GetInt(r)];
    EXPECT_EQ(t.column(1).GetInt(r), f.rows);
    EXPECT_EQ(t.column(2).GetInt(r), f.nx);
    EXPECT_EQ(t.column(3).GetInt(r), f.sum_i);
    EXPECT_EQ(t.column(4).GetInt(r), f.min_i);
    EXPECT_EQ(t.column(5).GetInt(r), f.max_i);
    EXPECT_NEAR(t.column(6).GetDouble(r), f.sum_x, 1e-9 * f.sum_x);
    EXPECT_NEAR(t.column(7).GetDouble(r), f.sum_x / static_cast<double>(f.nx), 1e-6);
    EXPECT_EQ(t.column(12).GetString(r), *f.min_t);
    EXPECT_EQ(t.column(13).GetString(r), *f.max_t);
  }
}

// Integer sums fail exactly when a running sum in row order leaves int64.
TEST(AggregateTest, IntegerSumOverflowIsReportedAsForASequentialSum) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr size_t kRows = 2300000;
  auto t = std::make_shared<Table>(
      "s", std::vector<ColumnSpec>{{"a", Type::kInt64}, {"b", Type::kInt64}, {"c", Type::kInt64}});
  for (size_t r = 0; r < kRows; ++r) {
    // a: MAX, then +1 in the second block, -1 later: overflows on the way.
    // b: MAX, then -1 and +1 later: ends at MAX, never out of range.
    // c: -MAX in the first block, -2 in the third: the total is out of range.
    t->mutable_column(0).AppendInt(r == 0 ? kMax : r == 1500000 ? 1 : r == 1600000 ? -1 : 0);
    t->mutable_column(1).AppendInt(r == 0 ? kMax : r == 1400000 ? -1 : r == 1500000 ? 1 : 0);
    t->mutable_column(2).AppendInt(r == 5 ? -kMax : r == 2200000 ? -2 : 0);
    t->FinishRow(0, static_cast<int32_t>(r + 1));
  }
  Catalog catalog;
  catalog.PutTable(t);
  for (int threads : {1, 2}) {
    auto a = RunQuery(catalog, "SELECT sum(a) FROM s", threads);
    ASSERT_FALSE(a.ok());
    EXPECT_NE(a.status().message().find("integer out of range in sum"), std::string::npos);
    EXPECT_EQ(Csv(catalog, "SELECT sum(b) FROM s", threads), "sum\n" + std::to_string(kMax) + "\n");
    EXPECT_FALSE(RunQuery(catalog, "SELECT sum(c) FROM s", threads).ok());
    EXPECT_EQ(Csv(catalog, "SELECT sum(b), count(*) FROM s WHERE a >= 0", threads),
              "sum,count\n" + std::to_string(kMax) + "," + std::to_string(kRows - 1) + "\n");
  }
}

}  // namespace
}  // namespace tutela::engine
