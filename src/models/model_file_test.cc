// Unit tests for the model-file parser: fields, rules, and errors with positions.
#include "models/model_file.h"

#include <gtest/gtest.h>

namespace tutela::models {
namespace {

constexpr const char* kGood = R"(-- model: demo
-- title_zh: 演示
-- title_en: Demo
-- legal_basis: 未成年人保护法 第62条 | 刑法 第37条之一
-- requires: staff, judgments
-- param: min_count = 3  # 最少次数 / minimum count
-- Note: prose comments with a capitalised first word are not fields.

-- rule: first
-- keys: person_id, institution_id
-- department: 'administrative'
-- severity: CASE WHEN n > 1 THEN 'high' ELSE 'medium' END
-- target: kind = 'regulator', name = regulator
-- evidence: staff = ev_staff, judgments = ev_j
-- requires: staff
SELECT 1 AS person_id;

-- rule: second
-- keys: case_no
-- department: 'criminal'
-- severity: 'high'
SELECT 2 AS case_no
)";

TEST(ModelFile, ParsesHeaderRulesAndSql) {
  auto m = ParseModelFile("demo.sql", kGood);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->id, "demo");
  EXPECT_EQ(m->legal_basis, (std::vector<std::string>{"未成年人保护法 第62条", "刑法 第37条之一"}));
  EXPECT_EQ(m->required_tables, (std::vector<std::string>{"staff", "judgments"}));
  ASSERT_EQ(m->params.size(), 1u);
  EXPECT_EQ(m->params[0].name, "min_count");
  EXPECT_EQ(m->params[0].default_value, "3");
  EXPECT_EQ(m->params[0].description, "最少次数 / minimum count");
  ASSERT_EQ(m->rules.size(), 2u);
  const RuleDef& r = m->rules[0];
  EXPECT_EQ(r.keys, (std::vector<std::string>{"person_id", "institution_id"}));
  EXPECT_EQ(r.evidence.size(), 2u);
  EXPECT_EQ(r.evidence[1].first, "judgments");
  EXPECT_EQ(r.evidence[1].second, "ev_j");
  EXPECT_EQ(r.target[1].second, "regulator");
  EXPECT_EQ(r.required_tables, (std::vector<std::string>{"staff"}));
  EXPECT_EQ(r.sql, "SELECT 1 AS person_id");
  EXPECT_EQ(r.sql_line, 16);
  EXPECT_EQ(m->rules[1].sql_line, 22);
  EXPECT_EQ(m->sha256.size(), 64u);
}

void ExpectError(const std::string& text, const std::string& position) {
  auto m = ParseModelFile("bad.sql", text);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(m.status().message().rfind("bad.sql:" + position + ":", 0), 0u) << m.status().message();
}

TEST(ModelFile, ErrorsNameLineAndColumn) {
  ExpectError(
      "-- title_zh: x\n-- rule: r\n-- keys: a\n-- department: 'c'\n-- severity: 'high'\nSELECT 1",
      "1:1");                                           // no model id
  ExpectError("-- model: m\n-- colour: red\n", "2:4");  // unknown field (a typo)
  ExpectError("-- model: m\nSELECT 1\n", "2:1");        // SQL before any rule
  ExpectError("-- model: m\n-- rule: r\n-- department: 'c'\n-- severity: 'high'\nSELECT 1\n",
              "5:1");  // rule without keys
  ExpectError("-- model: m\n-- rule: r\n-- keys: a\n-- department: 'c'\n-- severity: 'high'\n",
              "2:1");  // rule without SQL: the rule header
  ExpectError("-- model: m\n-- param: nodefault\n", "2:11");
  ExpectError("-- model: m\n-- rule: bad name\n", "2:10");
}

TEST(ModelFile, BuiltinModelsCoverEveryRuleOfTheSpec) {
  auto models = BuiltinModels();
  ASSERT_TRUE(models.ok()) << models.status().ToString();
  size_t rules = 0;
  for (const ModelDef& m : *models) rules += m.rules.size();
  EXPECT_EQ(models->size(), 12u);
  EXPECT_EQ(rules, 26u);
}

}  // namespace
}  // namespace tutela::models
