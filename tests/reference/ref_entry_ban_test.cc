// Reference checker tests for entry_ban: barred records at child-contact
// institutions and occupational bans violated, with their boundary cases.
#include <gmock/gmock.h>

#include "ref_test_util.h"

namespace tutela::reference {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const std::string kInstitutions = Csv({
    "institution_id,name,type,regulator",
    "K1,阳光幼儿园,kindergarten,区教育局",  // 2
    "E1,某公司,employer,区人社局",          // 3
    "E2,另一公司,用人单位,区人社局",        // 4
});

TEST_F(RefTest, BarredRecordEmployed) {
  const std::string p1 = Pid("19800101", 11), p2 = Pid("19810101", 13), p3 = Pid("19820101", 15),
                    p4 = Pid("19830101", 17), p5 = Pid("19840101", 19), p6 = Pid("19850101", 21);
  Put("institutions.csv", kInstitutions);
  Put("judgments.csv", Csv({
                           "case_no,judgment_date,defendant_id,charge",
                           "J1,2010-01-01," + p1 + ",强奸罪",        // 2: sexual
                           "J2,2015-01-01," + p2 + ",故意伤害罪",    // 3: violent
                           "J3,2015-01-01," + p3 + ",盗窃罪",        // 4: other: never barred
                           "J4,2022-12-31," + p4 + ",拐骗儿童罪",    // 5: on a leave date
                           "J5,2010-01-01," + p5 + ",强奸罪",        // 6
                           "J6,2010-01-01," + p6 + ",强奸罪",        // 7
                           "J7,2011-01-01," + p2 + ",不存在的罪名",  // 8: no category
                       }));
  Put("staff.csv", Csv({
                       "institution_id,person_id,hire_date,leave_date",
                       "K1," + p1 + ",2020-01-01,",            // 2: high
                       "K1," + p2 + ",2020-01-01,",            // 3: medium
                       "K1," + p3 + ",2020-01-01,",            // 4: no
                       "K1," + p4 + ",2020-01-01,2022-12-30",  // 5: left the day before: no
                       "K1," + p4 + ",2022-06-01,2022-12-31",  // 6: judged on the leave date
                       "E1," + p5 + ",2020-01-01,",            // 7: not a child-contact type
                       "K1," + p6 + ",2024-07-01,",            // 8: hired after A
                   }));
  auto clues = Scan("2024-06-30");
  EXPECT_THAT(Keys(clues, "entry_ban"),
              ElementsAre("barred_record_employed|institution_id=K1|person_id=" + p1,
                          "barred_record_employed|institution_id=K1|person_id=" + p2,
                          "barred_record_employed|institution_id=K1|person_id=" + p4));
  EXPECT_EQ(clues[0].severity, models::Severity::kHigh);
  EXPECT_EQ(clues[1].severity, models::Severity::kMedium);
  EXPECT_EQ(clues[0].department, "administrative");
  EXPECT_THAT(clues[0].legal_basis, ElementsAre("未成年人保护法 第62条", "刑法 第37条之一"));
  EXPECT_EQ(clues[0].target.at("name"), "区教育局");
  EXPECT_EQ(EvidenceString(clues[0]), "institutions:2,judgments:2,staff:2");
  EXPECT_EQ(EvidenceString(clues[1]), "institutions:2,judgments:3,staff:3");
  EXPECT_EQ(EvidenceString(clues[2]), "institutions:2,judgments:5,staff:6");
}

TEST_F(RefTest, BarredRecordNeedsInstitutions) {
  const std::string p1 = Pid("19800101", 11);
  Put("judgments.csv",
      Csv({"case_no,judgment_date,defendant_id,charge", "J1,2010-01-01," + p1 + ",强奸罪"}));
  Put("staff.csv", Csv({"institution_id,person_id,hire_date", "K1," + p1 + ",2020-01-01"}));
  EXPECT_THAT(Scan("2024-06-30"), IsEmpty());
  EXPECT_THAT(notes_,
              ::testing::Contains(::testing::HasSubstr("entry_ban.barred_record_employed")));
}

TEST_F(RefTest, OccupationalBanViolated) {
  const std::string p7 = Pid("19700101", 31), p8 = Pid("19710101", 33), p9 = Pid("19720101", 35);
  Put("institutions.csv", kInstitutions);
  Put("judgments.csv",
      Csv({
          "case_no,judgment_date,defendant_id,charge,prison_months,suspended,"
          "occupational_ban_years",
          "B1,2019-01-31," + p7 + ",盗窃罪,1,否,1",   // 2: ban [2019-02-28, 2020-02-28)
          "B2,2020-05-10," + p8 + ",盗窃罪,36,是,3",  // 3: suspended: [2020-05-10, 2023-05-10)
          "B3,2020-05-10," + p9 + ",盗窃罪,0,否,",    // 4: no ban
      }));
  Put("staff.csv", Csv({
                       "institution_id,person_id,hire_date,leave_date",
                       "E1," + p7 + ",2020-02-27,",            // 2: day before the end: yes
                       "E2," + p7 + ",2020-02-28,",            // 3: on the end (exclusive): no
                       "E1," + p8 + ",2015-01-01,2020-05-10",  // 4: left on the start: yes
                       "E2," + p8 + ",2015-01-01,2020-05-09",  // 5: left the day before: no
                       "E1," + p9 + ",2020-01-01,",            // 6: no ban
                   }));
  auto clues = Scan("2024-06-30");
  EXPECT_THAT(
      Keys(clues, "entry_ban"),
      ElementsAre("occupational_ban_violated|case_no=B1|institution_id=E1|person_id=" + p7,
                  "occupational_ban_violated|case_no=B2|institution_id=E1|person_id=" + p8));
  EXPECT_EQ(clues[0].department, "criminal");
  EXPECT_EQ(clues[0].severity, models::Severity::kHigh);
  EXPECT_EQ(EvidenceString(clues[0]), "judgments:2,staff:2");
  EXPECT_EQ(EvidenceString(clues[1]), "judgments:3,staff:4");
}

TEST_F(RefTest, OccupationalBanOpenEmploymentEndsAtAsOf) {
  const std::string p = Pid("19700101", 31);
  Put("judgments.csv",
      Csv({"case_no,judgment_date,defendant_id,charge,prison_months,occupational_ban_years",
           "B1,2023-01-31," + p + ",盗窃罪,13,2"}));  // the ban starts on 2024-02-29
  Put("staff.csv", Csv({"institution_id,person_id,hire_date", "E1," + p + ",2020-01-01"}));
  EXPECT_THAT(Keys(Scan("2024-02-28"), "entry_ban"), IsEmpty());
  EXPECT_THAT(Keys(Scan("2024-02-29"), "entry_ban"),
              ElementsAre("occupational_ban_violated|case_no=B1|institution_id=E1|person_id=" + p));
}

}  // namespace
}  // namespace tutela::reference
