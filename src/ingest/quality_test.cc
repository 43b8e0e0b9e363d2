// Unit tests for the data-quality report: counts per table and file, exact
// duplicate rows, invalid IDs, identity links, unknown charges, renderings.
#include "ingest/quality.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "ingest/catalog_builder.h"
#include "testutil/testutil.h"

namespace tutela::ingest {
namespace {

class QualityTest : public ::testing::Test {
 protected:
  void Write(const std::string& name, const std::string& text) {
    testing::WriteFile(dir_.Join(name), text);
  }
  QualityReport Load() {
    Result<DataDirLoad> load = LoadDataDir(dir_.path(), {}, &catalog_);
    EXPECT_TRUE(load.ok()) << load.status().ToString();
    load_ = std::move(load).value();
    return BuildQualityReport(catalog_, load_.imports, load_.rejects, load_.links);
  }
  static const TableQuality* Find(const QualityReport& r, const std::string& table) {
    for (const TableQuality& q : r.tables) {
      if (q.table == table) return &q;
    }
    return nullptr;
  }

  testing::TempDir dir_;
  Catalog catalog_;
  DataDirLoad load_;
};

TEST_F(QualityTest, CountsPerTableAndFile) {
  Write("persons.csv",
        "person_id,name,birth_date\n"
        "110101201003150134,甲,2010-03-15\n"
        "110101201003150134,甲重复,2010-03-15\n"
        "110101201003150135,校验码错,坏日期\n"
        ",无证号,2000-01-01\n");
  Write("persons.jsonl", R"({"person_id":"11010120100315013","name":"短"})"
                         "\n");
  Write("judgments.csv",
        "case_no,judgment_date,defendant_id,charge\n"
        "C1,2023-01-01,110101201003150135,猥亵儿童罪\n"
        "C1,2023-01-01,110101201003150135,猥亵儿童罪\n"
        "C2,2023-01-01,990101201003150134,不存在的罪\n"
        "C3,2023-01-01,110101201003150134,不存在的罪\n");
  QualityReport report = Load();
  EXPECT_EQ(report.rejects, 1);
  EXPECT_EQ(report.warnings, 1);
  ASSERT_EQ(report.tables.size(), 2u);  // canonical order: persons, judgments
  EXPECT_EQ(report.tables[0].table, "persons");
  EXPECT_EQ(report.tables[1].table, "judgments");

  const TableQuality& p = *Find(report, "persons");
  EXPECT_EQ(p.title_zh, "人口信息");
  EXPECT_EQ(p.rows, 3);
  EXPECT_EQ(p.rows_read, 5);
  EXPECT_EQ(p.rows_accepted, 3);
  EXPECT_EQ(p.rows_rejected, 1);
  EXPECT_EQ(p.rows_warned, 1);
  EXPECT_EQ(p.duplicate_ids, 1);
  ASSERT_EQ(p.files.size(), 2u);
  EXPECT_EQ(p.files[0].base_name, "persons.csv");
  EXPECT_EQ(p.files[1].base_name, "persons.jsonl");
  EXPECT_EQ(p.invalid_ids, (std::map<std::string, int64_t>{{"check_digit", 1}, {"length", 1}}));
  EXPECT_EQ(p.invalid_id_refs, 2);
  EXPECT_FALSE(p.has_links);

  const TableQuality& j = *Find(report, "judgments");
  EXPECT_EQ(j.exact_duplicate_rows, 1);
  EXPECT_EQ(j.invalid_ids, (std::map<std::string, int64_t>{{"check_digit", 1}, {"region", 1}}));
  EXPECT_EQ(j.invalid_id_refs, 3);
  EXPECT_EQ(j.unknown_charges, (std::map<std::string, int64_t>{{"不存在的罪", 2}}));
}

TEST_F(QualityTest, ExactDuplicatesCompareParsedValuesNullsAndExtraColumns) {
  Write("netcafe_sessions.csv",
        "cafe_id,person_id,login_time,logout_time,note\n"
        "C1,110101201003150134,2024-01-05 20:00,,\n"
        "C1,110101201003150134,2024/1/5 20:00:00,NULL,\n"             // same values: duplicate
        "C1,110101201003150134,2024-01-05 20:00,,x\n"                 // differs in an extra column
        "C1,110101201003150134,2024-01-05 20:00,2024-01-05 21:00,\n"  // NULL vs value
        "C1,110101201003150134,2024-01-05 20:00,,x\n");               // duplicate of line 4
  QualityReport report = Load();
  EXPECT_EQ(Find(report, "netcafe_sessions")->exact_duplicate_rows, 2);
}

TEST_F(QualityTest, LinkStatsAndStoredTablesWithoutImports) {
  Write("persons.csv", "person_id,name,birth_date\n310104197505050456,张伟,1975-05-05\n");
  Write("staff.csv",
        "institution_id,person_id,name,birth_date,hire_date\n"
        "K1,,張偉,1975-05-05,2020-01-01\n"
        "K1,,张伟,1975-05-05,2020-01-01\n"  // same source values, both linked: duplicates
        "K1,,无名,1975-05-05,2020-01-01\n");
  QualityReport report = Load();
  const TableQuality& s = *Find(report, "staff");
  ASSERT_TRUE(s.has_links);
  EXPECT_EQ(s.links.linked, 2);
  EXPECT_EQ(s.links.unlinked, 1);
  EXPECT_EQ(s.exact_duplicate_rows, 0);  // names differ as written

  // A report on stored tables (no import of this run): rows still counted.
  QualityReport stored = BuildQualityReport(catalog_, {}, {}, {});
  const TableQuality& s2 = *Find(stored, "staff");
  EXPECT_TRUE(s2.files.empty());
  EXPECT_EQ(s2.rows, 3);
  EXPECT_EQ(s2.rows_read, 0);
  EXPECT_FALSE(s2.has_links);
}

TEST_F(QualityTest, TextAndJsonRenderings) {
  Write("judgments.csv",
        "case_no,judgment_date,defendant_id,charge,备注\n"
        "C1,2023-01-01,110101201003150135,某罪,x\n"
        "C2,坏,110101201003150134,某罪,x\n");
  QualityReport report = Load();
  std::string text = QualityReportText(report);
  EXPECT_NE(text.find("== judgments 刑事判决 =="), std::string::npos) << text;
  EXPECT_NE(text.find("未知列（已保留）unknown columns (kept): 备注"), std::string::npos) << text;
  EXPECT_NE(text.find("未知罪名 unknown charges: 1 rows: 某罪(1)"), std::string::npos) << text;
  EXPECT_NE(text.find("check_digit=1"), std::string::npos) << text;
  EXPECT_NE(text.find("拒绝行 rejected rows: 1; 警告 warnings: 0"), std::string::npos) << text;

  nlohmann::json j = nlohmann::json::parse(QualityReportJson(report, false));
  EXPECT_EQ(j["rejected"], 1);
  EXPECT_EQ(j["warnings"], 0);
  ASSERT_EQ(j["tables"].size(), 1u);
  const nlohmann::json& t = j["tables"][0];
  EXPECT_EQ(t["table"], "judgments");
  EXPECT_EQ(t["rows"], 1);
  EXPECT_EQ(t["rows_rejected"], 1);
  EXPECT_EQ(t["invalid_ids"]["check_digit"], 1);
  EXPECT_EQ(t["unknown_charges"]["某罪"], 1);
  EXPECT_EQ(t["files"][0]["file"], "judgments.csv");
  EXPECT_EQ(t["files"][0]["encoding"], "utf-8");
  EXPECT_EQ(t["files"][0]["unknown_columns"][0], "备注");
  EXPECT_EQ(QualityReportJson(report, true).find('\n') != std::string::npos, true);
}

}  // namespace
}  // namespace tutela::ingest
