// Tests of the reference checker plumbing: legal-basis splitting, evidence
// identity (files, identity links, invalid IDs) and missing required tables.
#include <gmock/gmock.h>

#include "ref_test_util.h"

namespace tutela::reference {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(SplitLegalBasis, SplitsLawsAndArticles) {
  EXPECT_THAT(
      SplitLegalBasis("刑法 第236条, 第236条之一, 第237条, 第37条之一; 未成年人保护法 第62条"),
      ElementsAre("刑法 第236条", "刑法 第236条之一", "刑法 第237条", "刑法 第37条之一",
                  "未成年人保护法 第62条"));
  EXPECT_THAT(SplitLegalBasis("未成年人保护法 第106条"), ElementsAre("未成年人保护法 第106条"));
}

TEST(Pid, MakesValidIds) {
  EXPECT_EQ(ValidateIdNumber(Pid("20100315", 13)), IdProblem::kNone);
  EXPECT_EQ(SexFromId(Pid("20100315", 13)), 'M');
  EXPECT_EQ(SexFromId(Pid("20100315", 12)), 'F');
}

TEST_F(RefTest, IdentityLinksAndInvalidIds) {
  const std::string p1 = Pid("19750505", 11);
  std::string bad = Pid("19800101", 13);
  bad.back() = bad.back() == '0' ? '1' : '0';  // wrong check character
  Put("persons.csv", "person_id,name,birth_date\n" + p1 + ",张伟,1975-05-05\n");
  Put("institutions.csv", "institution_id,name,type\nK1,幼儿园,kindergarten\n");
  Put("judgments.csv", Csv({
                           "case_no,judgment_date,defendant_id,charge",
                           "J1,2010-01-01," + p1 + ",强奸罪",
                           "J2,2010-01-01," + bad + ",虐待罪",
                       }));
  Put("staff.csv", Csv({
                       "institution_id,person_id,name,birth_date,hire_date",
                       "K1,,張 偉,1975-05-05,2020-01-01",  // linked by name + birth date
                       "K1," + bad + ",某人,,2020-01-01",
                   }));
  auto clues = Of(Scan("2024-06-30"), "entry_ban");
  ASSERT_THAT(Keys(clues, "entry_ban"),
              ElementsAre("barred_record_employed|institution_id=K1|person_id=" + p1,
                          "barred_record_employed|institution_id=K1|person_id=" + bad));
  ASSERT_EQ(clues[0].identity_links.size(), 1u);
  EXPECT_EQ(clues[0].identity_links[0].table, "staff");
  EXPECT_EQ(clues[0].identity_links[0].line, 2);
  EXPECT_EQ(clues[0].identity_links[0].person_id, p1);
  EXPECT_EQ(clues[0].identity_links[0].method, "name+birth_date");
  EXPECT_THAT(clues[0].invalid_ids, IsEmpty());
  EXPECT_THAT(clues[1].identity_links, IsEmpty());
  EXPECT_THAT(clues[1].invalid_ids, ElementsAre(bad));
}

TEST_F(RefTest, EvidenceNamesFilesOfMultiFileTables) {
  const std::string m = Pid("20100101", 2), a = Pid("19800101", 11);
  Put("hotel_checkins.csv",
      "hotel_id,room_no,person_id,checkin_time\nH1,1," + m + ",2024-03-01 22:00\n");
  Put("hotel_checkins.jsonl", "{\"hotel_id\":\"H1\",\"room_no\":1,\"person_id\":\"" + a +
                                  "\",\"checkin_time\":\"2024-03-01 23:00\"}\n");
  auto clues = Of(Scan("2024-06-30"), "hotel_minor");
  ASSERT_EQ(clues.size(), 1u);
  ASSERT_EQ(clues[0].evidence.size(), 2u);
  EXPECT_EQ(clues[0].evidence[0].file, "hotel_checkins.csv");
  EXPECT_EQ(clues[0].evidence[0].line, 2);
  EXPECT_TRUE(clues[0].evidence[0].print_file);
  EXPECT_EQ(clues[0].evidence[1].file, "hotel_checkins.jsonl");
  EXPECT_EQ(clues[0].evidence[1].line, 1);
}

TEST_F(RefTest, SingleFileEvidenceOmitsFile) {
  const std::string k = Pid("20100101", 2);
  Put("employment.csv", "employer_id,person_id,start_date\nE1," + k + ",2024-01-01\n");
  auto clues = Scan("2024-06-30");
  ASSERT_EQ(clues.size(), 1u);
  EXPECT_FALSE(clues[0].evidence[0].print_file);
  EXPECT_EQ(clues[0].evidence[0].file, "employment.csv");
}

TEST_F(RefTest, EmptyDirectoryGivesNothingAndNotes) {
  EXPECT_THAT(Scan("2024-06-30"), IsEmpty());
  EXPECT_THAT(notes_, ::testing::Contains(::testing::HasSubstr("hotel_minor")));
  EXPECT_THAT(notes_, ::testing::Contains(::testing::HasSubstr("dropout")));
}

TEST(ReferenceDemo, ExamplesDemoDirectory) {
  Catalog catalog;
  auto load = ingest::LoadDataDir(testing::SourcePath("examples/demo"), {}, &catalog);
  ASSERT_TRUE(load.ok()) << load.status().ToString();
  ReferenceOptions opt;
  opt.as_of = *ParseIsoDate("2024-06-30");
  auto clues = ReferenceClues(catalog, opt);
  std::vector<std::string> keys;
  for (const models::Clue& c : clues) keys.push_back(c.model + "." + KeyString(c));
  // The staff row of 赵强 has no ID and is linked by name and birth date.
  EXPECT_THAT(keys, ::testing::Contains("entry_ban.barred_record_employed|institution_id=K001|"
                                        "person_id=440305197001010676"));
  EXPECT_THAT(keys, ::testing::Contains("entry_ban.barred_record_employed|institution_id=K001|"
                                        "person_id=310104197505050456"));
  for (const models::Clue& c : clues) {
    if (c.keys.count("person_id") && c.keys.at("person_id") == "440305197001010676" &&
        c.model == "entry_ban") {
      EXPECT_EQ(c.identity_links.size(), 1u);
      EXPECT_EQ(c.severity, models::Severity::kMedium);
    }
  }
}

}  // namespace
}  // namespace tutela::reference
