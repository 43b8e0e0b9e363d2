// Unit tests for the cell parsers (every spelling of datasets.md, invalid
// dates and times) and for the schema's header matching and table shapes.
#include "ingest/value_parser.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/date.h"
#include "ingest/schema.h"

namespace tutela::ingest {
namespace {

std::string Date(std::string_view cell) {
  Days d = 0;
  if (!ParseDate(cell, &d)) return "invalid";
  return FormatDate(d);
}

std::string DateTime(std::string_view cell) {
  Seconds s = 0;
  if (!ParseDateTime(cell, &s)) return "invalid";
  return FormatTimestamp(s);
}

std::string Bool(std::string_view cell) {
  bool b = false;
  if (!ParseBool(cell, &b)) return "invalid";
  return b ? "true" : "false";
}

const ColumnDef& Column(std::string_view table, std::string_view column) {
  const TableDef* t = FindTable(table);
  EXPECT_NE(t, nullptr) << table;
  int i = t->ColumnIndex(column);
  EXPECT_GE(i, 0) << column;
  return t->columns[static_cast<size_t>(i)];
}

std::string Enum(std::string_view table, std::string_view column, std::string_view cell) {
  std::string out;
  if (!ParseEnum(Column(table, column), cell, &out)) return "invalid";
  return out;
}

TEST(EmptyMarkerTest, ListedMarkersAndFullWidthForms) {
  for (const char* m : {"", "NULL", "null", "\\N", "-", "ＮＵＬＬ", "ｎｕｌｌ", "＼Ｎ", "－"}) {
    EXPECT_TRUE(IsEmptyMarker(m)) << m;
  }
  for (const char* v : {"Null", "NIL", "--", "none", "—", "0", "N", "空", "\\n"}) {
    EXPECT_FALSE(IsEmptyMarker(v)) << v;
  }
}

TEST(ParseDateTest, EverySpelling) {
  for (const char* s :
       {"2024-01-05", "2024/1/5", "20240105", "2024年1月5日", "2024.01.05", "2024/01/05",
        "2024-1-5", "2024.1.5", "2024年01月05日", "２０２４－０１－０５", "２０２４年１月５日",
        " 2024-01-05 ", "\u30002024-01-05\u3000"}) {
    EXPECT_EQ(Date(s), "2024-01-05") << s;
  }
}

TEST(ParseDateTest, DateTimeKeepsTheDate) {
  for (const char* s :
       {"2024-01-05 08:30", "2024-01-05 08:30:59", "2024-01-05T08:30", "2024/1/5T23:59:59",
        "20240105 08:30", "20240105T08:30", "2024年1月5日 08:30", "2024年1月5日T08:30:00",
        "2024.01.05 00:00", "2024-01-05t08:30", "2024-01-05 08:30:00.123"}) {
    EXPECT_EQ(Date(s), "2024-01-05") << s;
  }
}

TEST(ParseDateTest, InvalidCalendarDatesAndShapes) {
  for (const char* s : {"2023-02-29",
                        "2100-02-29",
                        "1900-02-29",
                        "2024-02-30",
                        "2024-04-31",
                        "2024-13-01",
                        "2024-00-10",
                        "2024-01-00",
                        "2024-01-32",
                        "2024/1/32",
                        "24-01-05",
                        "2024-01",
                        "2024",
                        "2024-01/05",
                        "2024/01-05",
                        "2024-01-05x",
                        "202401051",
                        "2024010",
                        "12024-01-05",
                        "2024--01-05",
                        "abc",
                        "明天",
                        "2024年1月",
                        "2024-01-05T",
                        "2024-01-05 24:00",
                        "2024-01-05 12:60",
                        "2024-01-05 8",
                        "2024-01-05Z",
                        "05/01/2024"}) {
    EXPECT_EQ(Date(s), "invalid") << s;
  }
  EXPECT_EQ(Date("2024-02-29"), "2024-02-29");
  EXPECT_EQ(Date("2000-02-29"), "2000-02-29");
  EXPECT_EQ(Date("0001-01-01"), "0001-01-01");
}

TEST(ParseDateTimeTest, BareDateMeansMidnight) {
  EXPECT_EQ(DateTime("2024-01-05"), "2024-01-05 00:00:00");
  EXPECT_EQ(DateTime("2024年1月5日"), "2024-01-05 00:00:00");
  EXPECT_EQ(DateTime("20240105"), "2024-01-05 00:00:00");
}

TEST(ParseDateTimeTest, SpaceOrTAfterEveryDateSpelling) {
  EXPECT_EQ(DateTime("2024-01-05 22:10"), "2024-01-05 22:10:00");
  EXPECT_EQ(DateTime("2024-01-05 22:10:05"), "2024-01-05 22:10:05");
  EXPECT_EQ(DateTime("2024-01-05T22:10"), "2024-01-05 22:10:00");
  EXPECT_EQ(DateTime("2024/1/5 7:05"), "2024-01-05 07:05:00");
  EXPECT_EQ(DateTime("2024/1/5T07:05:09"), "2024-01-05 07:05:09");
  EXPECT_EQ(DateTime("20240105 22:10"), "2024-01-05 22:10:00");
  EXPECT_EQ(DateTime("20240105T22:10:05"), "2024-01-05 22:10:05");
  EXPECT_EQ(DateTime("2024年1月5日 22:10"), "2024-01-05 22:10:00");
  EXPECT_EQ(DateTime("2024年1月5日T22:10:05"), "2024-01-05 22:10:05");
  EXPECT_EQ(DateTime("2024.01.05 23:59:59"), "2024-01-05 23:59:59");
  EXPECT_EQ(DateTime("2024.01.05T00:00"), "2024-01-05 00:00:00");
  EXPECT_EQ(DateTime("２０２４－０１－０５　２２：１０"), "2024-01-05 22:10:00");
  EXPECT_EQ(DateTime("2024-01-05  22:10"), "2024-01-05 22:10:00");
  EXPECT_EQ(DateTime("2024-01-05 22:10:05.750"), "2024-01-05 22:10:05");
}

TEST(ParseDateTimeTest, InvalidTimes) {
  for (const char* s :
       {"2024-01-05 24:00", "2024-01-05 24:00:00", "2024-01-05 12:60", "2024-01-05 23:59:60",
        "2024-01-05 08:30:61", "2024-01-05 08", "2024-01-05 08:5", "2024-01-05 08:30:5",
        "2024-01-05 123:00", "2024-01-05T", "2024-01-05 08:30Z", "2024-01-05 08:30+08:00",
        "2024-01-05 08:30 PM", "2024-01-05 下午", "2024-02-30 08:30", "2024-01-05_08:30",
        "20240105T0830", "2024-01-05 08:30:00."}) {
    EXPECT_EQ(DateTime(s), "invalid") << s;
  }
}

TEST(ParseBoolTest, EverySpellingAnyCase) {
  for (const char* s :
       {"1", "true", "TRUE", "True", "tRuE", "是", "Y", "y", "１", "ｙ", "Ｔｒｕｅ"}) {
    EXPECT_EQ(Bool(s), "true") << s;
  }
  for (const char* s : {"0", "false", "FALSE", "False", "否", "N", "n", "０", "Ｎ"}) {
    EXPECT_EQ(Bool(s), "false") << s;
  }
  for (const char* s : {"", "2", "-1", "yes", "no", "t", "f", "是的", "对", "1.0", "on"}) {
    EXPECT_EQ(Bool(s), "invalid") << s;
  }
}

TEST(ParseIntTest, IntegersAndIntegralDecimals) {
  int64_t v = 0;
  EXPECT_TRUE(ParseInt("36", &v));
  EXPECT_EQ(v, 36);
  EXPECT_TRUE(ParseInt("+3", &v));
  EXPECT_EQ(v, 3);
  EXPECT_TRUE(ParseInt("-6", &v));
  EXPECT_EQ(v, -6);
  EXPECT_TRUE(ParseInt("12.0", &v));
  EXPECT_EQ(v, 12);
  EXPECT_TRUE(ParseInt("12.", &v));
  EXPECT_EQ(v, 12);
  EXPECT_TRUE(ParseInt("３６", &v));
  EXPECT_EQ(v, 36);
  EXPECT_TRUE(ParseInt("9223372036854775807", &v));
  EXPECT_EQ(v, INT64_MAX);
  for (const char* s : {"", "12.5", "1e2", "三", "1,000", "9223372036854775808", "+", "-", "0x10",
                        "12 months", "++1"}) {
    EXPECT_FALSE(ParseInt(s, &v)) << s;
  }
}

TEST(ParseDoubleTest, FiniteDecimals) {
  double d = 0;
  EXPECT_TRUE(ParseDouble("39.9", &d));
  EXPECT_DOUBLE_EQ(d, 39.9);
  EXPECT_TRUE(ParseDouble("-33.5", &d));
  EXPECT_DOUBLE_EQ(d, -33.5);
  EXPECT_TRUE(ParseDouble("+116", &d));
  EXPECT_DOUBLE_EQ(d, 116);
  EXPECT_TRUE(ParseDouble("３９．９", &d));
  EXPECT_DOUBLE_EQ(d, 39.9);
  for (const char* s : {"", "abc", "inf", "nan", "1e999", "39.9°", "39,9"}) {
    EXPECT_FALSE(ParseDouble(s, &d)) << s;
  }
}

TEST(ParseSexTest, LettersAndChinese) {
  std::string s;
  for (const char* m : {"M", "m", "男", "Ｍ"}) {
    ASSERT_TRUE(ParseSex(m, &s)) << m;
    EXPECT_EQ(s, "M");
  }
  for (const char* f : {"F", "f", "女", "ｆ"}) {
    ASSERT_TRUE(ParseSex(f, &s)) << f;
    EXPECT_EQ(s, "F");
  }
  for (const char* bad : {"", "X", "男性", "male", "1", "未知"})
    EXPECT_FALSE(ParseSex(bad, &s)) << bad;
}

TEST(ParseRegionTest, SixDigits) {
  std::string s;
  ASSERT_TRUE(ParseRegion("110101", &s));
  EXPECT_EQ(s, "110101");
  ASSERT_TRUE(ParseRegion("１１０１０１", &s));
  EXPECT_EQ(s, "110101");
  for (const char* bad : {"", "11010", "1101011", "11010a", "11 0101", "-11010"}) {
    EXPECT_FALSE(ParseRegion(bad, &s)) << bad;
  }
}

TEST(ParseEnumTest, InstitutionTypesByChineseName) {
  const std::map<std::string, std::string> zh = {{"幼儿园", "kindergarten"},
                                                 {"小学", "primary_school"},
                                                 {"初中", "middle_school"},
                                                 {"中学", "middle_school"},
                                                 {"高中", "high_school"},
                                                 {"职业学校", "vocational_school"},
                                                 {"校外培训", "training"},
                                                 {"儿童福利机构", "child_welfare"},
                                                 {"医院", "hospital"},
                                                 {"旅馆", "hotel"},
                                                 {"酒店", "hotel"},
                                                 {"宾馆", "hotel"},
                                                 {"网吧", "internet_cafe"},
                                                 {"酒吧", "bar"},
                                                 {"娱乐场所", "entertainment"},
                                                 {"烟草零售", "tobacco_retailer"},
                                                 {"彩票", "lottery"},
                                                 {"用人单位", "employer"}};
  std::set<std::string> english;
  for (const auto& [spelling, value] : zh) {
    EXPECT_EQ(Enum("institutions", "type", spelling), value) << spelling;
    english.insert(value);
  }
  EXPECT_EQ(english.size(), 15u);  // every type has a Chinese name
  for (const std::string& e : english) EXPECT_EQ(Enum("institutions", "type", e), e);
  EXPECT_EQ(Enum("institutions", "type", "Hotel"), "hotel");
  EXPECT_EQ(Enum("institutions", "type", "ＩＮＴＥＲＮＥＴ＿ＣＡＦＥ"), "internet_cafe");
  for (const char* bad : {"school", "internet cafe", "饭店", "hotel;bar", "超市", ""}) {
    EXPECT_EQ(Enum("institutions", "type", bad), "invalid") << bad;
  }
}

TEST(ParseEnumTest, OtherEnumeratedColumns) {
  EXPECT_EQ(Enum("judgments", "sentence_type", "有期徒刑"), "fixed_term");
  EXPECT_EQ(Enum("judgments", "sentence_type", "拘役"), "criminal_detention");
  EXPECT_EQ(Enum("judgments", "sentence_type", "管制"), "public_surveillance");
  EXPECT_EQ(Enum("judgments", "sentence_type", "无期徒刑"), "life");
  EXPECT_EQ(Enum("judgments", "sentence_type", "死刑"), "death");
  EXPECT_EQ(Enum("judgments", "sentence_type", "免予刑事处罚"), "exempt");
  EXPECT_EQ(Enum("judgments", "sentence_type", "单处罚金"), "fine_only");
  EXPECT_EQ(Enum("judgments", "sentence_type", "FINE_ONLY"), "fine_only");
  EXPECT_EQ(Enum("judgments", "sentence_type", "缓刑"), "invalid");
  EXPECT_EQ(Enum("juvenile_cases", "decision", "起诉"), "prosecute");
  EXPECT_EQ(Enum("juvenile_cases", "decision", "附条件不起诉"), "conditional_non_prosecution");
  EXPECT_EQ(Enum("juvenile_cases", "decision", "不起诉"), "non_prosecution");
  EXPECT_EQ(Enum("juvenile_cases", "decision", "审查中"), "pending");
  EXPECT_EQ(Enum("juvenile_cases", "decision", "撤案"), "invalid");
  EXPECT_EQ(Enum("detentions", "kind", "羁押"), "detention");
  EXPECT_EQ(Enum("detentions", "kind", "服刑"), "prison");
  EXPECT_EQ(Enum("detentions", "kind", "戒毒"), "rehab");
  EXPECT_EQ(Enum("detentions", "kind", "Rehab"), "rehab");
  EXPECT_EQ(Enum("detentions", "kind", "拘留"), "invalid");
  EXPECT_EQ(Enum("probation_tasks", "kind", "报到"), "report");
  EXPECT_EQ(Enum("probation_tasks", "kind", "教育"), "education");
  EXPECT_EQ(Enum("probation_tasks", "kind", "社区服务"), "community_service");
  EXPECT_EQ(Enum("probation_tasks", "kind", "走访"), "visit");
  EXPECT_EQ(Enum("probation_tasks", "kind", "谈话"), "invalid");
  EXPECT_EQ(Enum("record_queries", "purpose", "司法"), "judicial");
  EXPECT_EQ(Enum("record_queries", "purpose", "入职"), "employment");
  EXPECT_EQ(Enum("record_queries", "purpose", "就业"), "employment");
  EXPECT_EQ(Enum("record_queries", "purpose", "其他"), "other");
  EXPECT_EQ(Enum("record_queries", "purpose", "考公"), "invalid");
}

TEST(KindExpectationTest, ChineseFirstAndListsEnglishEnumValues) {
  EXPECT_EQ(KindExpectation(Column("detentions", "kind")),
            "不在允许值中 / not an allowed value (detention, prison, rehab)");
  EXPECT_EQ(KindExpectation(Column("persons", "birth_date")), "无法解析的日期 / unparsable date");
}

// The table shapes of datasets.md: every table, its columns in order and
// which are required (a typo in schema.cc would silently change the product).
TEST(SchemaTest, TablesColumnsAndRequiredFlagsFollowTheSpec) {
  const std::vector<std::pair<std::string, std::string>> tables = {
      {"persons", "person_id* name sex birth_date household_id region_code address deceased_date"},
      {"guardians", "minor_id* guardian_id* relation"},
      {"institutions", "institution_id* name* type* region_code address lat lon regulator"},
      {"staff", "institution_id* person_id name birth_date position hire_date* leave_date"},
      {"judgments",
       "case_no* court region_code judgment_date* defendant_id* defendant_name "
       "defendant_occupation charge* offense_date offense_place_id sentence_type prison_months "
       "suspended occupational_ban_years aggravating mitigating"},
      {"judgment_victims", "case_no* victim_id* victim_name"},
      {"hotel_checkins",
       "hotel_id* room_no* person_id* name checkin_time* checkout_time guardian_contact"},
      {"netcafe_sessions", "cafe_id* person_id* login_time* logout_time terminal"},
      {"medical_visits", "hospital_id* patient_id* visit_time* diagnosis_code* diagnosis"},
      {"mandatory_reports", "report_id* reporter_id subject_id* report_time* category"},
      {"employment", "employer_id* person_id* start_date* end_date hazardous"},
      {"enrollments", "school_id* student_id* enroll_date* leave_date"},
      {"detentions", "person_id* kind start_date* end_date"},
      {"juvenile_cases",
       "case_id* suspect_id* charge* offense_date* expected_sentence_months confessed decision "
       "decision_date probation_months"},
      {"probation_tasks", "case_id* task_id* kind due_date* done_date"},
      {"record_queries", "query_id* subject_id* requester query_time* purpose disclosed*"},
  };
  ASSERT_EQ(AllTables().size(), tables.size());
  for (size_t i = 0; i < tables.size(); ++i) {
    const TableDef& def = AllTables()[i];
    EXPECT_EQ(def.name, tables[i].first);
    std::string shape;
    for (const ColumnDef& c : def.columns) {
      shape += (shape.empty() ? "" : " ") + c.name + (c.required ? "*" : "");
    }
    EXPECT_EQ(shape, tables[i].second) << def.name;
  }
}

TEST(SchemaTest, PersonColumnsAreIds) {
  const std::set<std::string> ids = {"persons.person_id",         "guardians.minor_id",
                                     "guardians.guardian_id",     "staff.person_id",
                                     "judgments.defendant_id",    "judgment_victims.victim_id",
                                     "hotel_checkins.person_id",  "netcafe_sessions.person_id",
                                     "medical_visits.patient_id", "mandatory_reports.subject_id",
                                     "employment.person_id",      "enrollments.student_id",
                                     "detentions.person_id",      "juvenile_cases.suspect_id",
                                     "record_queries.subject_id"};
  std::set<std::string> found;
  for (const TableDef& def : AllTables()) {
    for (const ColumnDef& c : def.columns) {
      if (c.kind == ValueKind::kPersonId) found.insert(def.name + "." + c.name);
    }
  }
  EXPECT_EQ(found, ids);
}

TEST(SchemaTest, EveryAliasAndCanonicalNameMatchesItsColumn) {
  for (const TableDef& def : AllTables()) {
    for (size_t i = 0; i < def.columns.size(); ++i) {
      const ColumnDef& c = def.columns[i];
      EXPECT_EQ(MatchHeader(def, c.name), static_cast<int>(i)) << def.name << "." << c.name;
      EXPECT_FALSE(c.aliases.empty()) << def.name << "." << c.name << " has no Chinese alias";
      for (const std::string& a : c.aliases) {
        EXPECT_EQ(MatchHeader(def, a), static_cast<int>(i)) << def.name << "." << a;
        EXPECT_EQ(MatchHeader(def, "  " + a + "\u3000"), static_cast<int>(i)) << a;
      }
    }
  }
}

TEST(SchemaTest, HeaderRules) {
  const TableDef& judgments = *FindTable("judgments");
  const TableDef& persons = *FindTable("persons");
  EXPECT_EQ(MatchHeader(persons, "PERSON_ID"), 0);
  EXPECT_EQ(MatchHeader(persons, " Person_Id "), 0);
  EXPECT_EQ(MatchHeader(persons, "ｐｅｒｓｏｎ＿ｉｄ"), 0);
  EXPECT_EQ(MatchHeader(persons, "\t身份证号\t"), 0);
  EXPECT_EQ(MatchHeader(persons, "证件号码"), 0);
  EXPECT_EQ(MatchHeader(judgments, "刑期（月）"), judgments.ColumnIndex("prison_months"));
  EXPECT_EQ(MatchHeader(judgments, "从业禁止（年）"),
            judgments.ColumnIndex("occupational_ban_years"));
  EXPECT_EQ(MatchHeader(persons, "person id"), -1);
  EXPECT_EQ(MatchHeader(persons, "身份证号码"), -1);
  EXPECT_EQ(MatchHeader(persons, ""), -1);
  EXPECT_EQ(NormalizeHeader(" ＥＸＴＲＡ\u3000Ｎｏｔｅ "), "EXTRA Note");
}

}  // namespace
}  // namespace tutela::ingest
