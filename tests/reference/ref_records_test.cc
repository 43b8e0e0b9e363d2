// Reference checker tests for record_sealing and integration_review.
#include <gmock/gmock.h>

#include "ref_test_util.h"

namespace tutela::reference {
namespace {

using models::Severity;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST_F(RefTest, SealedRecordDisclosed) {
  const std::string j1 = Pid("20050101", 1), j2 = Pid("20050101", 3), j3 = Pid("20050101", 5),
                    j4 = Pid("20050101", 7), j5 = Pid("20040101", 9);
  const std::string no_birth = "110101200513450011";
  Put("judgments.csv",
      Csv({
          "case_no,judgment_date,defendant_id,charge,offense_date,sentence_type,prison_months",
          "A1,2021-06-01," + j1 + ",盗窃罪,2021-01-01,fixed_term,36",       // 2: sealable (16)
          "A2,2021-06-01," + j2 + ",盗窃罪,2021-01-01,fixed_term,12",       // 3: sealable
          "A3,2024-01-01," + j2 + ",盗窃罪,2023-06-01,fixed_term,12",       // 4: adult (18)
          "A4,2021-06-01," + j3 + ",抢劫罪,2021-01-01,fixed_term,61",       // 5: too long
          "A5,2021-06-01," + j4 + ",故意杀人罪,2021-01-01,life,",           // 6: life
          "A6,2021-12-31," + j5 + ",盗窃罪,,,",                             // 7: 17 when judged
          "A7,2021-06-01," + no_birth + ",盗窃罪,2021-01-01,fixed_term,6",  // 8: age unknown
      }));
  Put("record_queries.csv",
      Csv({
          "query_id,subject_id,requester,query_time,purpose,disclosed",
          "Q1," + j1 + ",某公司,2022-01-01 10:00,入职,是",          // 2: clue
          "Q2," + j1 + ",法院,2022-01-01 10:00,司法,是",            // 3: judicial
          "Q3," + j1 + ",某公司,2022-01-01 10:00,,是",              // 4: empty purpose: clue
          "Q4," + j1 + ",某公司,2022-01-01 10:00,other,否",         // 5: not disclosed
          "Q5," + j1 + ",某公司,2021-05-31 23:59,other,是",         // 6: no record yet
          "Q6," + j1 + ",某公司,2021-06-01 00:00,other,是",         // 7: judged that day: clue
          "Q7," + j2 + ",某公司,2023-06-01 00:00,other,是",         // 8: only the sealable one
          "Q8," + j2 + ",某公司,2024-02-01 00:00,other,是",         // 9: adult record too
          "Q9," + j3 + ",某公司,2022-01-01 00:00,other,是",         // 10
          "Q10," + j4 + ",某公司,2022-01-01 00:00,other,是",        // 11
          "Q11," + j5 + ",某公司,2022-01-01 00:00,employment,1",    // 12: clue
          "Q12," + no_birth + ",某公司,2022-01-01 00:00,other,是",  // 13
      }));
  auto clues = Of(Scan("2024-06-30"), "record_sealing");
  EXPECT_THAT(
      Keys(clues, "record_sealing"),
      ElementsAre("sealed_record_disclosed|query_id=Q1", "sealed_record_disclosed|query_id=Q11",
                  "sealed_record_disclosed|query_id=Q3", "sealed_record_disclosed|query_id=Q6",
                  "sealed_record_disclosed|query_id=Q7"));
  EXPECT_EQ(EvidenceString(clues[0]), "judgments:2,record_queries:2");
  EXPECT_EQ(EvidenceString(clues[4]), "judgments:3,record_queries:8");
  EXPECT_EQ(clues[0].severity, Severity::kHigh);
  EXPECT_EQ(clues[0].department, "administrative");
}

TEST_F(RefTest, IntegrationReview) {
  const std::string v = Pid("20120101", 2), va = Pid("19900101", 4);
  auto d = [](int i) { return Pid("19800101", 2 * i + 1); };
  Put("institutions.csv", Csv({"institution_id,name,type", "H1,宾馆,hotel", "E1,公司,employer",
                               "K1,幼儿园,kindergarten"}));
  Put("staff.csv", Csv({
                       "institution_id,person_id,hire_date,leave_date",
                       "K1," + d(5) + ",2020-01-01,",
                       "K1," + d(6) + ",2020-01-01,",
                       "K1," + d(7) + ",2021-01-01,2021-06-01",
                   }));
  Put("guardians.csv", Csv({"minor_id,guardian_id", v + "," + d(1), va + "," + d(3)}));
  Put("judgments.csv",
      Csv({
          "case_no,judgment_date,defendant_id,charge,offense_date,offense_place_id",
          "C1,2022-01-01," + d(1) + ",虐待罪,2021-06-01,H1",      // 2
          "C2,2022-01-01," + d(2) + ",盗窃罪,2021-06-01,H1",      // 3: adult victim only
          "C3,2022-01-01," + d(3) + ",故意伤害罪,2021-06-01,E1",  // 4
          "C4,2022-01-01," + d(4) + ",猥亵儿童罪,2021-06-01,H1",  // 5
          "C5,2022-01-01," + d(5) + ",猥亵儿童罪,2021-06-01,",    // 6
          "C6,2022-01-01," + d(6) + ",猥亵儿童罪,2019-01-01,",    // 7: before the hire
          "C7,2022-01-01," + d(7) + ",猥亵儿童罪,2021-06-01,",    // 8: on the leave date
          "C8,2022-01-01," + d(8) + ",盗窃罪,2021-06-01,X9",      // 9
          "C9,2022-01-01," + d(9) + ",盗窃罪,2021-06-01,X9",      // 10
          "C0,2015-01-01," + d(5) + ",强奸罪,2014-06-01,",        // 11: earlier sexual
          "CZ,2015-01-01," + d(7) + ",盗窃罪,2014-06-01,",        // 12: earlier, not sexual
          "CY,2021-06-01," + d(4) + ",强奸罪,2020-06-01,",        // 13: not before the offense
      }));
  Put("judgment_victims.csv",
      Csv({"case_no,victim_id", "C1," + v, "C2," + va, "C3," + v, "C3," + va, "C4," + v, "C5," + v,
           "C6," + v, "C7," + v, "C8," + v, "C9," + v}));
  auto clues = Of(Scan("2024-06-30"), "integration_review");
  EXPECT_THAT(Keys(clues, "integration_review"),
              ElementsAre("guardian_offender|case_no=C1|victim_id=" + v,
                          "guardian_offender|case_no=C3|victim_id=" + va,
                          "offense_at_regulated_place|case_no=C1|institution_id=H1",
                          "offense_at_regulated_place|case_no=C4|institution_id=H1",
                          "repeat_offender|case_no=C5|defendant_id=" + d(5),
                          "systemic_risk_institution|institution_id=H1",
                          "systemic_risk_institution|institution_id=K1",
                          "systemic_risk_institution|institution_id=X9"));
  EXPECT_EQ(EvidenceString(clues[0]), "guardians:2,judgment_victims:2,judgments:2");
  EXPECT_EQ(clues[0].department, "civil");
  EXPECT_THAT(clues[0].legal_basis, ElementsAre("民法典 第36条", "未成年人保护法 第108条"));
  EXPECT_EQ(EvidenceString(clues[1]),
            "guardians:3,judgment_victims:4,judgment_victims:5,judgments:4");
  EXPECT_EQ(EvidenceString(clues[2]), "institutions:2,judgment_victims:2,judgments:2");
  EXPECT_EQ(clues[2].department, "administrative");
  EXPECT_EQ(clues[2].severity, Severity::kMedium);
  EXPECT_EQ(EvidenceString(clues[4]), "judgment_victims:7,judgments:6,judgments:11");
  EXPECT_EQ(clues[4].department, "criminal");
  EXPECT_EQ(EvidenceString(clues[5]), "institutions:2,judgments:2,judgments:5");
  EXPECT_EQ(EvidenceString(clues[6]), "institutions:4,judgments:6,judgments:8,staff:2,staff:4");
  EXPECT_EQ(EvidenceString(clues[7]), "judgments:9,judgments:10");
  EXPECT_EQ(clues[7].department, "public_interest");
  EXPECT_EQ(clues[7].severity, Severity::kHigh);
}

}  // namespace
}  // namespace tutela::reference
