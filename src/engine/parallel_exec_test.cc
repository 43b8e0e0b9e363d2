// Tests of the parallel executor paths: results identical for 1 and 2
// threads, dictionary-coded and dense keys, EXPLAIN ANALYZE, memory limit.
#include <gtest/gtest.h>

#include <random>

#include "common/column.h"
#include "engine/engine.h"
#include "engine/key_encoder.h"
#include "engine/result_format.h"
#include "engine/script.h"

namespace tutela::engine {
namespace {

// A deterministic 300k-row table: large enough that scan, filter, project
// and gather split into ranges.
class ParallelExecTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    catalog_ = new Catalog();
    std::mt19937 rng(7);
    std::vector<std::string> rows;
    constexpr int kRows = 300000;
    rows.reserve(kRows);
    for (int r = 0; r < kRows; ++r) {
      int g = static_cast<int>(rng() % 1000);
      int v = static_cast<int>(rng() % 100000);
      std::string note = rng() % 10 == 0 ? "" : "n" + std::to_string(rng() % 50);
      std::string day =
          "2024-0" + std::to_string(1 + rng() % 9) + "-1" + std::to_string(rng() % 10);
      rows.push_back("g" + std::to_string(g) + "," + std::to_string(v) + "," +
                     std::to_string(v % 997) + "," + note + "," + day);
    }
    auto t = BuildInlineTable("big (grp text, v int, k int, note text, day date)", rows,
                              &catalog_->persons());
    ASSERT_TRUE(t.ok()) << t.status().message();
    catalog_->PutTable(*t);
    // Numbers and a few words: casting every dictionary value fails, the
    // rows a filter keeps cast fine.
    std::vector<std::string> mixed;
    for (int r = 0; r < 20000; ++r) mixed.push_back(r % 50 == 0 ? "bad" : std::to_string(r % 90));
    auto m = BuildInlineTable("mixed (x text)", mixed, &catalog_->persons());
    ASSERT_TRUE(m.ok()) << m.status().message();
    catalog_->PutTable(*m);
    auto small = BuildInlineTable("dim (grp text, label text)", {"g1,one", "g2,two", "g999,last"},
                                  &catalog_->persons());
    ASSERT_TRUE(small.ok()) << small.status().message();
    catalog_->PutTable(*small);
  }
  static void TearDownTestSuite() { delete catalog_; }

  static std::string Run(const std::string& sql, int threads, uint64_t memory_limit = 0) {
    QueryOptions opt;
    opt.as_of = *ParseIsoDate("2024-06-30");
    opt.threads = threads;
    opt.memory_limit = memory_limit;
    auto r = ExecuteQuery(*catalog_, sql, opt);
    if (!r.ok()) return "ERROR: " + r.status().message();
    return FormatResult(**r, OutputFormat::kCsv, &catalog_->persons());
  }
  static Catalog* catalog_;
};
Catalog* ParallelExecTest::catalog_ = nullptr;

TEST_F(ParallelExecTest, SameResultsWithOneAndTwoThreads) {
  const char* queries[] = {
      "SELECT grp, v, upper(note) AS u, day + 3 AS d FROM big WHERE length(note) > 2 AND v % 7 = 1",
      "SELECT grp, count(*), sum(v), min(note), max(day) FROM big GROUP BY grp",
      "SELECT b.grp, d.label, b.v FROM big b JOIN dim d ON d.grp = b.grp WHERE b.v < 5000",
      "SELECT k, count(*) FROM big WHERE coalesce(note, '') = '' GROUP BY k ORDER BY k LIMIT 50",
      "SELECT count(*) FROM big b WHERE NOT EXISTS (SELECT 1 FROM dim d WHERE d.grp = b.grp)",
      ("SELECT CASE WHEN v > 50000 THEN 'hi' ELSE trim(note) END AS c, count(*) FROM big "
       "GROUP BY 1 ORDER BY 1"),
  };
  for (const char* q : queries) {
    std::string one = Run(q, 1);
    ASSERT_EQ(one.rfind("ERROR", 0), std::string::npos) << q << "\n" << one;
    EXPECT_GT(one.size(), 10u) << q;
    EXPECT_EQ(one, Run(q, 2)) << q;
  }
}

TEST_F(ParallelExecTest, ExplainAnalyzeShowsRowsPerOperator) {
  std::string plan =
      Run("EXPLAIN ANALYZE SELECT grp, count(*) FROM big WHERE v < 100 GROUP BY grp", 2);
  EXPECT_NE(plan.find("Scan big"), std::string::npos) << plan;
  EXPECT_NE(plan.find("(rows=300000 time="), std::string::npos) << plan;
  EXPECT_NE(plan.find("Aggregate"), std::string::npos) << plan;
  EXPECT_NE(plan.find(" rows in "), std::string::npos) << plan;
  EXPECT_NE(plan.find("2 threads"), std::string::npos) << plan;
  // Plain EXPLAIN does not run the query.
  EXPECT_EQ(Run("EXPLAIN SELECT grp FROM big", 2).find("rows="), std::string::npos);
  // "analyze" is still an ordinary identifier elsewhere.
  EXPECT_EQ(Run("SELECT 1 AS analyze", 1), "analyze\n1\n");
}

TEST_F(ParallelExecTest, MemoryLimitGivesClearError) {
  std::string out = Run("SELECT a.grp, b.v FROM big a JOIN big b ON a.k = b.k", 2, 1 << 20);
  EXPECT_EQ(out.rfind("ERROR", 0), 0u) << out.substr(0, 200);
  EXPECT_NE(out.find("内存不足"), std::string::npos) << out;
  EXPECT_NE(out.find("out of memory"), std::string::npos) << out;
  EXPECT_NE(out.find("--memory-limit"), std::string::npos) << out;
}

// Text vectors with and without dictionary codes get the same key ids.
TEST_F(ParallelExecTest, ExpressionsOverDictionaryMatchRowWise) {
  // `e` reads one coded column (evaluated once per dictionary value); the
  // CASE form also reads v (never negative), so it is evaluated row by row.
  const char* exprs[] = {
      "upper(note)",
      "note IN ('n1', 'n2', 'n33')",
      "length(note) > 2",
      "note IS NULL",
      "coalesce(note, 'none') || '!'",
      "CAST(substr(grp, 2) AS int) * 2",
      "CASE WHEN grp < 'g5' THEN 'low' WHEN note IS NULL THEN NULL ELSE grp END",
  };
  for (const char* e : exprs) {
    std::string fast =
        Run(std::string("SELECT ") + e + " AS x, count(*) FROM big GROUP BY 1 ORDER BY 1", 2);
    std::string slow = Run(std::string("SELECT CASE WHEN v >= 0 THEN ") + e +
                               " END AS x, count(*) FROM big GROUP BY 1 ORDER BY 1",
                           2);
    ASSERT_EQ(fast.rfind("ERROR", 0), std::string::npos) << e << "\n" << fast;
    EXPECT_EQ(fast, slow) << e;
  }
  // Casting every dictionary value fails ('bad'); the kept rows do not.
  EXPECT_EQ(Run("SELECT sum(CAST(x AS int)) AS s FROM mixed WHERE x <> 'bad'", 2),
            Run("SELECT sum(CASE WHEN length(x) < 3 THEN CAST(x AS int) END) AS s FROM mixed "
                "WHERE x <> 'bad'",
                1));
  EXPECT_EQ(Run("SELECT sum(CAST(x AS int)) AS s FROM mixed", 2).rfind("ERROR", 0), 0u);
}

TEST(TupleInternerTest, CodedTextMatchesPlainText) {
  StringDict dict;
  std::vector<std::string> words = {"b", "a", "c", "a", "d", "b"};
  Vec coded = Vec::Nulls(SqlType::kText, words.size());
  Vec plain = Vec::Nulls(SqlType::kText, words.size());
  coded.dict = &dict;
  coded.codes.resize(words.size());
  for (const std::string& w : words) dict.Intern(w);  // first: Get's views move on growth
  for (size_t r = 0; r < words.size(); ++r) {
    int32_t c = dict.Find(words[r]);
    coded.valid[r] = plain.valid[r] = r != 4;
    coded.codes[r] = c;
    coded.s[r] = dict.Get(c);
    plain.s[r] = plain.Own(words[r]);
  }
  TupleInterner a, b;
  EXPECT_EQ(a.Encode({&coded}, coded.size(), true, false),
            b.Encode({&plain}, plain.size(), true, false));
  // Probing: a value absent at first, inserted later, is then found.
  StringDict other;
  Vec probe = Vec::Nulls(SqlType::kText, 2);
  probe.dict = &other;
  probe.codes = {other.Intern("zz"), other.Intern("c")};
  probe.valid = {1, 1};
  probe.s = {other.Get(0), other.Get(1)};
  EXPECT_EQ(a.Encode({&probe}, 2, false, false), (std::vector<int64_t>{-1, 2}));
  EXPECT_EQ(a.Encode({&probe}, 2, true, false), (std::vector<int64_t>{3, 2}));
  EXPECT_EQ(a.Encode({&probe}, 2, false, false), (std::vector<int64_t>{3, 2}));
}

// Small integer ranges use the dense array; a far value moves every id into
// the hash map without renumbering.
TEST(TupleInternerTest, DenseIdsSurviveMigration) {
  Vec v = Vec::Nulls(SqlType::kInt, 5);
  v.valid = {1, 1, 0, 1, 1};
  v.i = {10, 12, 0, 10, 11};
  TupleInterner t;
  EXPECT_EQ(t.Encode({&v}, 5, true, true), (std::vector<int64_t>{0, 1, 2, 0, 3}));
  Vec far = Vec::Nulls(SqlType::kInt, 4);
  far.valid = {1, 1, 0, 1};
  far.i = {int64_t{1} << 40, 11, 0, 12};
  EXPECT_EQ(t.Encode({&far}, 4, true, true), (std::vector<int64_t>{4, 3, 2, 1}));
  EXPECT_EQ(t.Encode({&v}, 5, false, true), (std::vector<int64_t>{0, 1, 2, 0, 3}));
  EXPECT_EQ(t.size(), 5u);
  // Join semantics: NULL never matches.
  TupleInterner j;
  EXPECT_EQ(j.Encode({&v}, 5, true, false), (std::vector<int64_t>{0, 1, -1, 0, 2}));
  EXPECT_EQ(j.Encode({&far}, 4, false, false), (std::vector<int64_t>{-1, 2, -1, 1}));
}

}  // namespace
}  // namespace tutela::engine

namespace tutela::engine {
namespace {

// Two-key tuples (one map per NULL pattern) agree with the general path
// (three keys, the third constant).
TEST(TupleInternerTest, TwoKeysMatchGeneralPath) {
  Vec x = Vec::Nulls(SqlType::kInt, 6), y = Vec::Nulls(SqlType::kText, 6);
  Vec c = Vec::Constant(Value::Int(1), 6);
  std::vector<std::string> ys = {"a", "b", "a", "", "a", "b"};
  for (size_t r = 0; r < 6; ++r) {
    x.valid[r] = r != 3;
    x.i[r] = static_cast<int64_t>(r % 2);
    y.valid[r] = r != 4;
    y.s[r] = y.Own(ys[r]);
  }
  for (bool null_is_value : {false, true}) {
    TupleInterner two, three;
    std::vector<int64_t> a = two.Encode({&x, &y}, 6, true, null_is_value);
    std::vector<int64_t> b = three.Encode({&x, &y, &c}, 6, true, null_is_value);
    EXPECT_EQ(a, b) << null_is_value;
    EXPECT_EQ(a[0], a[2]);  // (0, a) twice
    EXPECT_EQ(a[1], a[5]);  // (1, b) twice
    EXPECT_EQ(a[3] < 0, !null_is_value);
    EXPECT_EQ(two.Encode({&x, &y}, 6, false, null_is_value), a);
  }
}

// A text column of `words` ("" = NULL), coded in `dict` or plain.
Vec TextVec(const std::vector<std::string>& words, StringDict* dict) {
  Vec v = Vec::Nulls(SqlType::kText, words.size());
  if (dict != nullptr) {
    for (const std::string& w : words) {
      if (!w.empty()) dict->Intern(w);  // all first: Get's views move on growth
    }
    v.dict = dict;
    v.codes.assign(words.size(), 0);
  }
  for (size_t r = 0; r < words.size(); ++r) {
    if (words[r].empty()) continue;
    v.valid[r] = 1;
    if (dict != nullptr) {
      v.codes[r] = dict->Find(words[r]);
      v.s[r] = dict->Get(v.codes[r]);
    } else {
      v.s[r] = v.Own(words[r]);
    }
  }
  return v;
}

// Two coded text keys with small dictionaries use the code-pair table; ids,
// probes from other dictionaries and a later insert (which moves the table
// into the hash maps) agree with plain text keys.
TEST(TupleInternerTest, CodedPairTableMatchesPlainText) {
  std::vector<std::string> hotels = {"h1", "h2", "h1", "", "h3", "h2", "h1", "h3"};
  std::vector<std::string> rooms = {"101", "101", "102", "101", "", "101", "101", ""};
  std::vector<std::string> probe_h = {"h2", "h9", "h1", "h3", "", "h1"};
  std::vector<std::string> probe_r = {"101", "101", "102", "", "102", "999"};
  for (bool null_is_value : {false, true}) {
    StringDict dh, dr, ph, pr;
    Vec ch = TextVec(hotels, &dh), cr = TextVec(rooms, &dr);
    Vec xh = TextVec(hotels, nullptr), xr = TextVec(rooms, nullptr);
    TupleInterner dense, hashed;
    std::vector<int64_t> a = dense.Encode({&ch, &cr}, hotels.size(), true, null_is_value);
    EXPECT_EQ(a, hashed.Encode({&xh, &xr}, hotels.size(), true, null_is_value));
    EXPECT_EQ(a[0], a[6]);
    EXPECT_EQ(a[1], a[5]);
    EXPECT_NE(a[0], a[2]);
    // Probes: other dictionaries, and plain text.
    Vec qh = TextVec(probe_h, &ph), qr = TextVec(probe_r, &pr);
    Vec yh = TextVec(probe_h, nullptr), yr = TextVec(probe_r, nullptr);
    std::vector<int64_t> want = hashed.Encode({&yh, &yr}, probe_h.size(), false, null_is_value);
    EXPECT_EQ(dense.Encode({&qh, &qr}, probe_h.size(), false, null_is_value), want);
    EXPECT_EQ(dense.Encode({&yh, &yr}, probe_h.size(), false, null_is_value), want);
    EXPECT_EQ(want[0], a[1]);  // (h2, 101)
    EXPECT_EQ(want[1], -1);    // h9 is unknown
    // Inserting from another dictionary: same ids as the hashed interner.
    EXPECT_EQ(dense.Encode({&qh, &qr}, probe_h.size(), true, null_is_value),
              hashed.Encode({&yh, &yr}, probe_h.size(), true, null_is_value));
    EXPECT_EQ(dense.Encode({&ch, &cr}, hotels.size(), false, null_is_value), a);
    EXPECT_EQ(dense.size(), hashed.size());
  }
}

}  // namespace
}  // namespace tutela::engine
