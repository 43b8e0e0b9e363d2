// Tests of the sort operator: the order of a reference stable sort (ties in
// input order) for every key kind, the same for any thread count, and
// ORDER BY + LIMIT/OFFSET (top-k) equal to a slice of the full sort.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "engine/engine.h"

namespace tutela::engine {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// 100k rows; id = row number (the input order); keys with many ties.
struct Data {
  std::vector<std::optional<int64_t>> a;
  std::vector<std::optional<double>> b;
  std::vector<std::optional<std::string>> c;
};

class SortTest : public ::testing::Test {
 protected:
  static constexpr size_t kRows = 100000;

  static void SetUpTestSuite() {
    data_ = new Data();
    std::mt19937_64 rng(3);
    auto t = std::make_shared<Table>(
        "t",
        std::vector<ColumnSpec>{
            {"id", Type::kInt64}, {"a", Type::kInt64}, {"b", Type::kDouble}, {"c", Type::kString}});
    for (size_t r = 0; r < kRows; ++r) {
      std::optional<int64_t> a;
      if (rng() % 20) a = static_cast<int64_t>(rng() % 50) - 25;
      std::optional<double> b;
      if (rng() % 20) b = rng() % 100 == 0 ? kNaN : static_cast<double>(rng() % 300) / 8.0 - 10;
      std::optional<std::string> c;
      if (rng() % 20) c = "w" + std::to_string(rng() % 700);
      data_->a.push_back(a);
      data_->b.push_back(b);
      data_->c.push_back(c);
      t->mutable_column(0).AppendInt(static_cast<int64_t>(r));
      a ? t->mutable_column(1).AppendInt(*a) : t->mutable_column(1).AppendNull();
      b ? t->mutable_column(2).AppendDouble(*b) : t->mutable_column(2).AppendNull();
      c ? t->mutable_column(3).AppendString(*c) : t->mutable_column(3).AppendNull();
      t->FinishRow(0, static_cast<int32_t>(r + 1));
    }
    catalog_ = new Catalog();
    catalog_->PutTable(t);
  }
  static void TearDownTestSuite() {
    delete catalog_;
    delete data_;
  }

  // The ids in the result's first column.
  static std::vector<int64_t> Ids(const std::string& sql, int threads) {
    QueryOptions opt;
    opt.threads = threads;
    auto r = ExecuteQuery(*catalog_, sql, opt);
    EXPECT_TRUE(r.ok()) << r.status().message() << "\n" << sql;
    std::vector<int64_t> ids;
    if (!r.ok()) return ids;
    for (size_t k = 0; k < (*r)->num_rows(); ++k) ids.push_back((*r)->column(0).GetInt(k));
    return ids;
  }

  static Catalog* catalog_;
  static Data* data_;
};
Catalog* SortTest::catalog_ = nullptr;
Data* SortTest::data_ = nullptr;

// One key of the reference: -1/0/1 for two non-NULL rows.
struct RefKey {
  std::function<int(size_t, size_t)> cmp;
  std::function<bool(size_t)> null;
  bool desc = false, nulls_first = false;
};

template <typename T>
int Cmp(const T& x, const T& y) {
  return x < y ? -1 : (y < x ? 1 : 0);
}

int CmpDouble(double x, double y) {  // NaN last, equal to itself
  if (std::isnan(x) || std::isnan(y)) return Cmp(std::isnan(x), std::isnan(y));
  return Cmp(x, y);
}

std::vector<int64_t> RefOrder(const std::vector<RefKey>& keys, size_t rows) {
  std::vector<int64_t> ids(rows);
  for (size_t r = 0; r < rows; ++r) ids[r] = static_cast<int64_t>(r);
  std::stable_sort(ids.begin(), ids.end(), [&](int64_t ia, int64_t ib) {
    size_t a = static_cast<size_t>(ia), b = static_cast<size_t>(ib);
    for (const RefKey& k : keys) {
      bool an = k.null(a), bn = k.null(b);
      if (an || bn) {
        if (an && bn) continue;
        return an == k.nulls_first;
      }
      int c = k.cmp(a, b);
      if (c != 0) return k.desc ? c > 0 : c < 0;
    }
    return false;
  });
  return ids;
}

TEST_F(SortTest, MatchesStableReferenceForEveryKeyKind) {
  const Data& d = *data_;
  RefKey a{[&](size_t x, size_t y) { return Cmp(*d.a[x], *d.a[y]); },
           [&](size_t r) { return !d.a[r]; }};
  RefKey b{[&](size_t x, size_t y) { return CmpDouble(*d.b[x], *d.b[y]); },
           [&](size_t r) { return !d.b[r]; }};
  RefKey c{[&](size_t x, size_t y) { return Cmp(*d.c[x], *d.c[y]); },
           [&](size_t r) { return !d.c[r]; }};
  auto with = [](RefKey k, bool desc, bool nulls_first) {
    k.desc = desc;
    k.nulls_first = nulls_first;
    return k;
  };
  struct Case {
    std::string order_by;
    std::vector<RefKey> keys;
  };
  // PostgreSQL defaults: NULLS LAST ascending, NULLS FIRST descending.
  std::vector<Case> cases = {
      {"a", {with(a, false, false)}},
      {"b DESC", {with(b, true, true)}},
      {"b NULLS FIRST", {with(b, false, true)}},
      {"c", {with(c, false, false)}},                       // dictionary ranks
      {"c || '' DESC NULLS LAST", {with(c, true, false)}},  // plain text
      {"a DESC, c", {with(a, true, true), with(c, false, false)}},
      {"c, b DESC NULLS LAST, a",
       {with(c, false, false), with(b, true, false), with(a, false, false)}},
      // Five keys: the generic comparison.
      {"a, b, c, a + 1 DESC, b * 2",
       {with(a, false, false), with(b, false, false), with(c, false, false), with(a, true, true),
        with(b, false, false)}},
  };
  for (const Case& k : cases) {
    std::vector<int64_t> want = RefOrder(k.keys, kRows);
    std::string sql = "SELECT id FROM t ORDER BY " + k.order_by;
    for (int threads : {1, 2, 3}) {
      EXPECT_EQ(Ids(sql, threads), want) << sql << " threads " << threads;
    }
  }
}

TEST_F(SortTest, TopKEqualsTheSliceOfTheFullSort) {
  for (std::string order_by : {"b DESC", "c || '', a DESC NULLS FIRST", "a, b, c, a, b"}) {
    std::vector<int64_t> full = Ids("SELECT id FROM t ORDER BY " + order_by, 1);
    ASSERT_EQ(full.size(), kRows);
    for (size_t limit : {0, 1, 7, 12499, 60000, 100000, 250000}) {
      for (size_t offset : {0, 99998}) {
        std::string sql = "SELECT id FROM t ORDER BY " + order_by + " LIMIT " +
                          std::to_string(limit) + " OFFSET " + std::to_string(offset);
        size_t from = std::min(offset, kRows), to = std::min(kRows, offset + limit);
        std::vector<int64_t> want(full.begin() + static_cast<ptrdiff_t>(from),
                                  full.begin() + static_cast<ptrdiff_t>(to));
        for (int threads : {1, 2}) EXPECT_EQ(Ids(sql, threads), want) << sql << " " << threads;
      }
    }
  }
}

}  // namespace
}  // namespace tutela::engine
