// Bounded random differential test: generates queries (joins, subqueries,
// grouping, NULL-heavy predicates) from a fixed seed over small random
// tables and compares the engine's results with SQLite's, and with the
// engine's own results when every optimizer pass is off.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <random>

#include "engine/engine.h"
#include "engine/optimizer.h"
#include "engine/sqlite_oracle.h"

namespace tutela::engine {
namespace {

constexpr int kQueries = 600;
constexpr uint32_t kSeed = 20240630;

class Gen {
 public:
  explicit Gen(uint32_t seed) : rng_(seed) {}
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool Chance(int percent) { return Pick(100) < percent; }

  std::string IntLit() { return std::to_string(Pick(9) - 3); }
  std::string TextLit() {
    static const char* kVals[] = {"'x'", "'y'", "'z'", "'xy'", "''"};
    return kVals[Pick(5)];
  }
  // An int expression over the given table aliases.
  std::string IntExpr(const std::vector<std::string>& t, int depth) {
    int r = Pick(depth > 0 ? 10 : 6);
    if (r < 3)
      return t[static_cast<size_t>(Pick(static_cast<int>(t.size())))] + (Pick(2) ? ".a" : ".b");
    if (r < 5) return IntLit();
    if (r == 5) return "NULL";
    if (r == 6) {
      static const char* kOps[] = {"+", "-", "*", "/", "%"};
      return "(" + IntExpr(t, depth - 1) + " " + kOps[Pick(5)] + " " + IntExpr(t, depth - 1) + ")";
    }
    if (r == 7) return "coalesce(" + IntExpr(t, depth - 1) + ", " + IntLit() + ")";
    if (r == 8) {
      return "CASE WHEN " + Pred(t, depth - 1) + " THEN " + IntExpr(t, depth - 1) + " ELSE " +
             IntExpr(t, depth - 1) + " END";
    }
    return "abs(" + IntExpr(t, depth - 1) + ")";
  }
  std::string TextExpr(const std::vector<std::string>& t) {
    int r = Pick(4);
    if (r < 2) return t[static_cast<size_t>(Pick(static_cast<int>(t.size())))] + ".c";
    if (r == 2) return TextLit();
    return "(" + t[static_cast<size_t>(Pick(static_cast<int>(t.size())))] + ".c || " + TextLit() +
           ")";
  }
  std::string Cmp() {
    static const char* kOps[] = {"=", "<>", "<", "<=", ">", ">="};
    return kOps[Pick(6)];
  }
  std::string Pred(const std::vector<std::string>& t, int depth) {
    int r = Pick(depth > 0 ? 13 : 7);
    switch (r) {
      case 0:
      case 1:
      case 2:
        return IntExpr(t, depth) + " " + Cmp() + " " + IntExpr(t, depth);
      case 3:
        return TextExpr(t) + " " + Cmp() + " " + TextExpr(t);
      case 4:
        return IntExpr(t, depth) + (Pick(2) ? " IS NULL" : " IS NOT NULL");
      case 5: {
        static const char* kPat[] = {"'x%'", "'%y'", "'_'", "'%'", "'x_'"};
        return TextExpr(t) + (Pick(2) ? " LIKE " : " NOT LIKE ") + kPat[Pick(5)];
      }
      case 6:
        return IntExpr(t, depth) + (Pick(2) ? " IN (" : " NOT IN (") + IntLit() + ", " +
               (Chance(30) ? "NULL" : IntLit()) + ")";
      case 7:
        return "(" + Pred(t, depth - 1) + " AND " + Pred(t, depth - 1) + ")";
      case 8:
        return "(" + Pred(t, depth - 1) + " OR " + Pred(t, depth - 1) + ")";
      case 9:
        return "NOT (" + Pred(t, depth - 1) + ")";
      case 10:
        return IntExpr(t, depth - 1) + " BETWEEN " + IntLit() + " AND " + IntExpr(t, depth - 1);
      default:
        if (no_subquery_) return IntExpr(t, 0) + " " + Cmp() + " " + IntLit();
        return Subquery(t, depth - 1);
    }
  }
  // EXISTS / IN subquery over t2 or t1, correlated with the outer aliases.
  std::string Subquery(const std::vector<std::string>& outer, int depth) {
    std::string alias = "s" + std::to_string(counter_++);
    std::string table = Pick(2) ? "t1" : "t2";
    std::vector<std::string> inner = {alias};
    std::vector<std::string> both = outer;
    both.push_back(alias);
    std::string where;
    int corr = Pick(4);
    if (corr == 1) {  // equality correlation
      where =
          alias + ".a = " + outer[static_cast<size_t>(Pick(static_cast<int>(outer.size())))] + ".a";
    } else if (corr == 2) {  // equality plus a non-equality
      std::string o = outer[static_cast<size_t>(Pick(static_cast<int>(outer.size())))];
      where = alias + ".c = " + o + ".c AND " + alias + ".b " + Cmp() + " " + o + ".b";
    } else if (corr == 3) {  // only a non-equality
      where = alias + ".b " + Cmp() + " " + IntExpr(outer, 0);
    }
    if (Chance(50)) {
      std::string local = Pred(inner, std::min(depth, 1));
      where = where.empty() ? local : where + " AND " + local;
    }
    std::string w = where.empty() ? "" : " WHERE " + where;
    int kind = Pick(4);
    if (kind == 0) return "EXISTS (SELECT 1 FROM " + table + " " + alias + w + ")";
    if (kind == 1) return "NOT EXISTS (SELECT 1 FROM " + table + " " + alias + w + ")";
    std::string lhs = IntExpr(outer, 0);
    std::string sel = Pick(3) ? alias + ".a" : alias + ".b";
    return lhs + (kind == 2 ? " IN " : " NOT IN ") + "(SELECT " + sel + " FROM " + table + " " +
           alias + w + ")";
  }

  // A query, and whether its row order is fully determined (ORDER BY every
  // output column with explicit NULLS placement).
  std::string Query(bool* ordered) {
    *ordered = false;
    std::string q = BaseQuery();
    if (q.find(" UNION ") == std::string::npos && q.find("GROUP BY") == std::string::npos &&
        Chance(25)) {
      size_t ncols = 1;
      int depth = 0;
      for (size_t i = 7; i < q.size(); ++i) {
        if (q[i] == '(') ++depth;
        if (q[i] == ')') --depth;
        if (depth == 0 && q.compare(i, 6, " FROM ") == 0) break;
        if (q[i] == ',' && depth == 0) ++ncols;
      }
      q += " ORDER BY ";
      for (size_t c = 1; c <= ncols; ++c) {
        q += (c > 1 ? ", " : "") + std::to_string(c) + (Pick(2) ? " DESC" : "") +
             (Pick(2) ? " NULLS FIRST" : " NULLS LAST");
      }
      if (Chance(60)) q += " LIMIT " + std::to_string(Pick(6)) + (Pick(2) ? " OFFSET 2" : "");
      *ordered = true;
    }
    return q;
  }

  std::string BaseQuery() {
    std::vector<std::string> t = {"t1"};
    std::string from =
        Chance(10) ? "(SELECT a, b + 1 AS b, c FROM t1 WHERE a IS NOT NULL) t1" : "t1";
    if (Chance(5)) {
      return "WITH w AS (SELECT a, count(*) AS b, max(c) AS c FROM t2 GROUP BY a) "
             "SELECT w.a, w.b, t1.c FROM t1 JOIN w ON w.a = t1.a WHERE " +
             Pred({"t1", "w"}, 1);
    }
    int shape = Pick(10);
    if (shape >= 5) {
      t.push_back("t2");
      int j = Pick(4);
      std::string on = "t1.a = t2.a";
      no_subquery_ = true;  // the dialect has no subqueries in ON
      if (Chance(40)) on += " AND " + Pred(t, 1);
      if (Chance(15)) on = Pred(t, 1);
      no_subquery_ = false;
      if (j == 0) {
        from += " JOIN t2 ON " + on;
      } else if (j == 1) {
        from += " LEFT JOIN t2 ON " + on;
      } else if (j == 2) {
        from += ", t2";
      } else {
        from += " CROSS JOIN t2";
      }
    }
    std::string where = Chance(80) ? " WHERE " + Pred(t, 2) : "";
    if (Chance(30)) {
      std::string g = IntExpr(t, 1);
      // A bare integer would be a select-list position.
      if (g == "NULL" || g[0] == '-' || std::isdigit(static_cast<unsigned char>(g[0]))) g = "t1.b";
      std::string having;
      if (Chance(20)) having = " HAVING count(*) " + Cmp() + " " + std::to_string(Pick(3));
      if (Chance(20)) having = " HAVING sum(" + IntExpr(t, 0) + ") " + Cmp() + " " + IntLit();
      static const char* kAggs[] = {"count(*)", "count({})",          "sum({})", "min({})",
                                    "max({})",  "count(DISTINCT {})", "avg({})"};
      std::string aggs;
      int n = 1 + Pick(3);
      for (int k = 0; k < n; ++k) {
        aggs += ", " + fmt::format(fmt::runtime(kAggs[Pick(7)]), IntExpr(t, 1));
      }
      return "SELECT " + g + aggs + " FROM " + from + where + " GROUP BY " + g + having;
    }
    std::string sel;
    int n = 1 + Pick(3);
    for (int k = 0; k < n; ++k) {
      if (k) sel += ", ";
      int r = Pick(4);
      if (r >= 2 && Chance(5)) {
        sel += "(" + IntExpr(t, 1) + " + (SELECT max(b) FROM t2))";
        continue;
      }
      sel += r == 0 ? TextExpr(t) : r == 1 ? Pred(t, 0) : IntExpr(t, 1);
    }
    std::string q =
        std::string("SELECT ") + (Chance(20) ? "DISTINCT " : "") + sel + " FROM " + from + where;
    if (Chance(10)) q += " UNION ALL SELECT " + sel + " FROM " + from;
    return q;
  }

 private:
  std::mt19937 rng_;
  int counter_ = 0;
  bool no_subquery_ = false;
};

std::shared_ptr<Table> RandomTable(const std::string& name, Gen* g, size_t rows) {
  auto t = std::make_shared<Table>(
      name,
      std::vector<ColumnSpec>{{"a", Type::kInt64}, {"b", Type::kInt64}, {"c", Type::kString}});
  uint16_t f = t->AddFile(name + ".csv");
  static const char* kText[] = {"x", "y", "z", "xy", "yx", ""};
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < 2; ++c) {
      if (g->Chance(15)) {
        t->mutable_column(c).AppendNull();
      } else {
        t->mutable_column(c).AppendInt(g->Pick(7) - 2);
      }
    }
    if (g->Chance(15)) {
      t->mutable_column(2).AppendNull();
    } else {
      t->mutable_column(2).AppendString(kText[g->Pick(6)]);
    }
    t->FinishRow(f, static_cast<int32_t>(r + 2));
  }
  return t;
}

TEST(RandomSqlTest, MatchesSqliteAndUnoptimizedPlans) {
  auto sqlite = testing::SqliteOracle::Open();
  ASSERT_TRUE(sqlite) << "libsqlite3 could not be loaded";
  // TUTELA_RANDOM_SQL_SEED / TUTELA_RANDOM_SQL_QUERIES allow longer local runs.
  const char* seed_env = std::getenv("TUTELA_RANDOM_SQL_SEED");
  const char* count_env = std::getenv("TUTELA_RANDOM_SQL_QUERIES");
  uint32_t seed = seed_env ? static_cast<uint32_t>(std::strtoul(seed_env, nullptr, 10)) : kSeed;
  int queries = count_env ? std::atoi(count_env) : kQueries;
  Gen g(seed);
  Catalog catalog;
  std::string err;
  for (const char* name : {"t1", "t2"}) {
    auto t = RandomTable(name, &g, 25);
    catalog.PutTable(t);
    ASSERT_TRUE(sqlite->LoadTable(*t, catalog.persons(), &err)) << err;
  }
  QueryOptions opts;
  QueryOptions plain;
  for (const std::string& p : OptimizerPassNames()) plain.disabled_passes.insert(p);
  int compared = 0;
  for (int i = 0; i < queries; ++i) {
    bool ordered = false;
    std::string sql = g.Query(&ordered);
    auto result = ExecuteQuery(catalog, sql, opts);
    ASSERT_TRUE(result.ok()) << sql << "\n" << result.status().message();
    std::vector<std::string> mine = testing::RenderRows(**result, catalog.persons());
    std::vector<std::string> mine_in_order = mine;
    std::sort(mine.begin(), mine.end());
    auto unopt = ExecuteQuery(catalog, sql, plain);
    ASSERT_TRUE(unopt.ok()) << sql << "\n" << unopt.status().message();
    std::vector<std::string> mine2 = testing::RenderRows(**unopt, catalog.persons());
    std::sort(mine2.begin(), mine2.end());
    if (ordered) {
      ASSERT_EQ(mine_in_order, testing::RenderRows(**unopt, catalog.persons()))
          << "optimizer changed the order of\n"
          << sql;
    }
    ASSERT_EQ(mine, mine2) << "optimizer changed the result of\n" << sql;
    std::vector<Type> types;
    for (const ColumnSpec& c : (*result)->schema()) types.push_back(c.type);
    std::vector<std::string> lite;
    ASSERT_TRUE(sqlite->Query(sql, {}, types, &lite, &err)) << sql << "\n" << err;
    if (ordered) {
      ASSERT_EQ(mine_in_order, lite) << "order differs from SQLite:\n" << sql;
    }
    std::sort(lite.begin(), lite.end());
    ASSERT_EQ(mine, lite) << "differs from SQLite:\n" << sql;
    ++compared;
  }
  EXPECT_EQ(compared, queries);
}

}  // namespace
}  // namespace tutela::engine
