// Unit tests of the engine API: result tables, options, formats and errors.
#include "engine/engine.h"

#include <gtest/gtest.h>

#include "engine/result_format.h"
#include "engine/script.h"
#include "engine/sql_parser.h"
#include "identity/id_number.h"

namespace tutela::engine {
namespace {

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = BuildInlineTable(
        "people (name text, age int, born date, seen timestamp, "
        "score double, ok bool, pid id)",
        {"张三,30,1994-01-02,2024-01-02 03:04:05,0.1,true,110105201001010010", "\"a,\"\"b\",,,,,,"},
        &catalog_.persons());
    ASSERT_TRUE(t.ok()) << t.status().message();
    catalog_.PutTable(*t);
    options_.as_of = *ParseIsoDate("2024-06-30");
  }
  std::string Run(const std::string& sql, OutputFormat f, QueryOptions* opt = nullptr) {
    auto r = ExecuteQuery(catalog_, sql, opt ? *opt : options_);
    EXPECT_TRUE(r.ok()) << r.status().message();
    if (!r.ok()) return "";
    return FormatResult(**r, f, &catalog_.persons());
  }
  Catalog catalog_;
  QueryOptions options_;
};

TEST_F(EngineTest, ResultTypesAndCsv) {
  auto r =
      ExecuteQuery(catalog_, "SELECT name, age, born, seen, score, ok, pid FROM people", options_);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Table& t = **r;
  EXPECT_EQ(t.name(), "result");
  ASSERT_EQ(t.num_columns(), 7u);
  EXPECT_EQ(t.schema()[1].type, Type::kInt64);
  EXPECT_EQ(t.schema()[2].type, Type::kDate);
  EXPECT_EQ(t.schema()[3].type, Type::kTimestamp);
  EXPECT_EQ(t.schema()[4].type, Type::kDouble);
  EXPECT_EQ(t.schema()[5].type, Type::kBool);
  EXPECT_EQ(t.schema()[6].type, Type::kPersonId);
  EXPECT_EQ(FormatResult(t, OutputFormat::kCsv, &catalog_.persons()),
            "name,age,born,seen,score,ok,pid\n"
            "张三,30,1994-01-02,2024-01-02 03:04:05,0.1,true,110105201001010010\n"
            "\"a,\"\"b\",,,,,,\n");
}

TEST_F(EngineTest, Jsonl) {
  EXPECT_EQ(
      Run("SELECT name, age, score, ok, pid, born FROM people ORDER BY age", OutputFormat::kJsonl),
      "{\"name\":\"张三\",\"age\":30,\"score\":0.1,\"ok\":true,"
      "\"pid\":\"110105201001010010\",\"born\":\"1994-01-02\"}\n"
      "{\"name\":\"a,\\\"b\",\"age\":null,\"score\":null,\"ok\":null,\"pid\":null,"
      "\"born\":null}\n");
}

TEST_F(EngineTest, AlignedTableCountsCjkAsTwoColumns) {
  EXPECT_EQ(Run("SELECT name, age FROM people ORDER BY age", OutputFormat::kTable),
            " name | age\n"
            "------+-----\n"
            " 张三 |  30\n"
            " a,\"b |\n"
            "(2 rows)\n");
  EXPECT_EQ(DisplayWidth("张三ab"), 6u);
}

TEST_F(EngineTest, PersonIdsAsText) {
  QueryOptions o = options_;
  o.person_ids_as_text = true;
  auto r = ExecuteQuery(catalog_, "SELECT pid FROM people WHERE pid IS NOT NULL", o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->schema()[0].type, Type::kString);
  EXPECT_EQ((*r)->column(0).GetString(0), "110105201001010010");
  EXPECT_EQ(FormatResult(**r, OutputFormat::kCsv, nullptr), "pid\n110105201001010010\n");
}

TEST_F(EngineTest, ParametersAndAsOf) {
  QueryOptions o = options_;
  o.params["min_age"] = ParseParamValue("18");
  o.params["label"] = ParseParamValue("adult");
  EXPECT_EQ(Run("SELECT :label, :as_of, age_at(born, :as_of) FROM people WHERE age >= :min_age",
                OutputFormat::kCsv, &o),
            "label,as_of,age_at\nadult,2024-06-30,30\n");
  EXPECT_EQ(ParseParamValue("2.5").type, SqlType::kDouble);
  EXPECT_EQ(ParseParamValue("2024-01-01").type, SqlType::kDate);
  EXPECT_EQ(ParseParamValue("2024-01-01 10:00").type, SqlType::kTimestamp);
  EXPECT_EQ(ParseParamValue("true").type, SqlType::kBool);
  EXPECT_EQ(ParseParamValue("1e").type, SqlType::kText);
}

TEST_F(EngineTest, ErrorsCarryPositionAndCaret) {
  auto r = ExecuteQuery(catalog_, "SELECT name\nFROM people\nWHERE nme = 1", options_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(r.status().message(), "3:7: 未知列 / unknown column \"nme\"\n WHERE nme = 1\n       ^");
  // The caret accounts for wide characters before the error.
  r = ExecuteQuery(catalog_, "SELECT '张三', x FROM people", options_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "1:14: 未知列 / unknown column \"x\"\n SELECT '张三', x FROM people\n"
            "                ^");
  r = ExecuteQuery(catalog_, "SELECT * FROM nosuch", options_);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("1:15: 未知表 / unknown table \"nosuch\""),
            std::string::npos);
}

TEST_F(EngineTest, ExplainAndPasses) {
  auto r = ExecuteQuery(catalog_, "EXPLAIN SELECT name FROM people WHERE age > 1", options_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->schema()[0].name, "plan");
  EXPECT_GE((*r)->num_rows(), 3u);
  auto plan = Explain(catalog_, "SELECT name FROM people WHERE age > 1", options_);
  ASSERT_TRUE(plan.ok());
  EXPECT_NE(plan->find("Scan people [people.name#0, people.age#1]"), std::string::npos) << *plan;
  QueryOptions o = options_;
  o.disabled_passes = {"projection_pruning"};
  plan = Explain(catalog_, "SELECT name FROM people WHERE age > 1", o);
  ASSERT_TRUE(plan.ok());
  EXPECT_NE(plan->find("_line"), std::string::npos) << *plan;
  o.disabled_passes = {"no_such_pass"};
  EXPECT_FALSE(ExecuteQuery(catalog_, "SELECT 1", o).ok());
}

TEST_F(EngineTest, HiddenColumnsAreNotInStar) {
  auto t = BuildInlineTable("h (a int, _linked bool)", {"1,true"}, &catalog_.persons());
  ASSERT_TRUE(t.ok());
  catalog_.PutTable(*t);
  EXPECT_EQ(Run("SELECT * FROM h", OutputFormat::kCsv), "a\n1\n");
  EXPECT_EQ(Run("SELECT a, _linked, _line, _file FROM h", OutputFormat::kCsv),
            "a,_linked,_line,_file\n1,true,1,h.csv\n");
  EXPECT_EQ(Run("SELECT _row FROM h", OutputFormat::kCsv), "_row\n0\n");
}

TEST(ParserTest, DeepNestingIsAnErrorNotACrash) {
  std::string sql = "SELECT " + std::string(5000, '(') + "1" + std::string(5000, ')');
  auto r = ParseStatement(sql);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("nested too deeply"), std::string::npos);
  std::string nots = "SELECT ";
  for (int i = 0; i < 5000; ++i) nots += "NOT ";
  EXPECT_FALSE(ParseStatement(nots + "TRUE").ok());
}

TEST(ParserTest, ScriptRows) {
  std::vector<bool> quoted;
  auto cells = SplitRow("a,\"b,c\",,\"\"", &quoted);
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[1], "b,c");
  EXPECT_FALSE(quoted[2]);
  EXPECT_TRUE(quoted[3]);
}

}  // namespace
}  // namespace tutela::engine
