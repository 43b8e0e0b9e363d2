// Reference checker tests for conditional_non_prosecution: eligibility,
// probation validity, overdue tasks, reoffending, probation ending.
#include <gmock/gmock.h>

#include "ref_test_util.h"

namespace tutela::reference {
namespace {

using models::Severity;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const char kHeader[] =
    "case_id,suspect_id,charge,offense_date,expected_sentence_months,confessed,decision,"
    "decision_date,probation_months\n";

std::string Case(const std::string& id, const std::string& suspect, const std::string& charge,
                 const std::string& expected, const std::string& confessed,
                 const std::string& decision, const std::string& ddate, const std::string& months,
                 const std::string& off = "2024-01-01") {
  return id + "," + suspect + "," + charge + "," + off + "," + expected + "," + confessed + "," +
         decision + "," + ddate + "," + months + "\n";
}

TEST_F(RefTest, CnpEligibility) {
  auto s = [](int i) { return Pid("20070101", i); };  // 17 at 2024-01-01
  const std::string adult = Pid("20051231", 99);      // 18 at 2024-01-01
  const std::string no_birth = "110101200813450011";
  Put("juvenile_cases.csv",
      std::string(kHeader) + Case("C1", s(1), "盗窃罪", "12", "是", "起诉", "", "") +
          Case("C2", s(2), "盗窃罪", "13", "是", "prosecute", "", "") +
          Case("C3", s(3), "交通肇事罪", "12", "是", "附条件不起诉", "2024-02-01", "6") +
          Case("C4", s(4), "不存在的罪名", "12", "是", "conditional_non_prosecution", "2024-02-01",
               "6") +
          Case("C5", adult, "盗窃罪", "12", "是", "conditional_non_prosecution", "2024-02-01",
               "6") +
          Case("C6", s(6), "抢劫罪", "12", "是", "conditional_non_prosecution", "", "5") +
          Case("C7", s(7), "寻衅滋事罪", "12", "是", "conditional_non_prosecution", "2024-02-01",
               "") +
          Case("C8", s(8), "故意伤害罪", "12", "是", "conditional_non_prosecution", "2024-02-01",
               "13") +
          Case("C9", s(9), "盗窃罪", "12", "", "prosecute", "", "") +
          Case("C10", s(10), "盗窃罪", "12", "是", "pending", "", "") +
          Case("C11", no_birth, "盗窃罪", "12", "是", "conditional_non_prosecution", "2024-02-01",
               "6") +
          Case("C12", s(12), "盗窃罪", "", "是", "prosecute", "", ""));
  auto clues = Of(Scan("2024-06-30"), "conditional_non_prosecution");
  EXPECT_THAT(
      Keys(clues, "conditional_non_prosecution"),
      ElementsAre("eligible_but_prosecuted|case_id=C1", "ineligible_but_granted|case_id=C11",
                  "ineligible_but_granted|case_id=C3", "ineligible_but_granted|case_id=C4",
                  "ineligible_but_granted|case_id=C5", "probation_period_invalid|case_id=C6",
                  "probation_period_invalid|case_id=C7", "probation_period_invalid|case_id=C8"));
  EXPECT_EQ(EvidenceString(clues[0]), "juvenile_cases:2");
  EXPECT_EQ(clues[0].department, "criminal");
  EXPECT_EQ(clues[0].severity, Severity::kMedium);
  EXPECT_THAT(clues[0].legal_basis,
              ElementsAre("刑事诉讼法 第282条", "刑事诉讼法 第283条", "刑事诉讼法 第284条"));
  // The invalid ID is marked on the clue of its case.
  EXPECT_THAT(clues[1].invalid_ids, ElementsAre(no_birth));
}

TEST_F(RefTest, CnpProbation) {
  auto s = [](int i) { return Pid("20070101", i); };
  const char cnp[] = "conditional_non_prosecution";
  Put("juvenile_cases.csv",
      std::string(kHeader) +
          Case("P1", s(1), "盗窃罪", "6", "是", cnp, "2024-01-15", "6") +  // 2: to 07-15
          Case("P2", s(2), "盗窃罪", "6", "是", cnp, "2023-07-31", "6") +  // 3: to 01-31
          Case("P3", s(3), "盗窃罪", "6", "是", cnp, "2023-12-30", "6") +  // 4: ends on A
          Case("P4", s(4), "盗窃罪", "6", "是", cnp, "2024-01-30", "6") +  // 5: ends A+30
          Case("P5", s(5), "盗窃罪", "6", "是", cnp, "2024-01-31", "6") +  // 6: ends A+31
          Case("P6", s(6), "盗窃罪", "6", "是", cnp, "2024-07-01", "6"));  // 7: starts after A
  Put("probation_tasks.csv",
      "case_id,task_id,due_date,done_date\n"
      "P1,t1,2024-03-01,\n"            // 2 overdue
      "P1,t2,2024-03-01,2024-03-09\n"  // 3 done 8 days late: overdue
      "P1,t3,2024-03-01,2024-03-08\n"  // 4 done 7 days late: fine
      "P1,t4,2024-06-29,\n"            // 5 due yesterday, not done: overdue
      "P1,t5,2024-06-30,\n"            // 6 due on A: not yet
      "P2,t1,2024-02-01,\n"
      "P2,t2,2024-02-02,\n"  // not running
      "P4,t1,2024-03-01,\n"
      "P4,t2,2024-03-02,\n"  // 9, 10
      "P6,t1,2024-03-01,\n"
      "P6,t2,2024-03-02,\n");
  auto clues = Of(Scan("2024-06-30"), "conditional_non_prosecution");
  EXPECT_THAT(Keys(clues, "conditional_non_prosecution"),
              ElementsAre("probation_ending|case_id=P1", "probation_ending|case_id=P4",
                          "tasks_overdue|case_id=P1", "tasks_overdue|case_id=P4"));
  EXPECT_EQ(clues[2].severity, Severity::kHigh);
  EXPECT_EQ(EvidenceString(clues[2]),
            "juvenile_cases:2,probation_tasks:2,probation_tasks:3,probation_tasks:5");
  EXPECT_EQ(clues[3].severity, Severity::kMedium);
  EXPECT_THAT(Keys(Scan("2024-06-30", {{"conditional_non_prosecution.min_overdue", 3}}),
                   "conditional_non_prosecution"),
              ElementsAre("probation_ending|case_id=P1", "probation_ending|case_id=P4",
                          "tasks_overdue|case_id=P1"));
}

TEST_F(RefTest, CnpReoffended) {
  const std::string s = Pid("20070101", 1), other = Pid("20070101", 3);
  Put("juvenile_cases.csv",
      std::string(kHeader) +
          Case("R1", s, "盗窃罪", "6", "是", "conditional_non_prosecution", "2023-01-01", "12",
               "2022-06-01") +  // 2: [2023-01-01, 2024-01-01)
          Case("R2", s, "盗窃罪", "6", "是", "pending", "", "", "2023-06-01") +  // 3: inside
          Case("R3", s, "盗窃罪", "6", "是", "pending", "", "", "2024-01-01") +  // 4: on the end
          Case("R4", other, "盗窃罪", "6", "是", "pending", "", "", "2023-06-01"));  // 5
  Put("judgments.csv", Csv({
                           "case_no,judgment_date,defendant_id,charge,offense_date",
                           "J1,2024-03-01," + s + ",盗窃罪,2023-12-31",  // 2: inside
                           "J2,2023-01-01," + s + ",盗窃罪,",            // 3: judged on the start
                           "J3,2024-03-01," + s + ",盗窃罪,2024-01-01",  // 4: on the end
                           "J4,2024-03-01," + s + ",盗窃罪,2022-12-31",  // 5: before
                           "J5,2023-03-01," + other + ",盗窃罪,2023-06-01",  // 6
                       }));
  auto clues = Of(Scan("2024-06-30"), "conditional_non_prosecution");
  EXPECT_THAT(Keys(clues, "conditional_non_prosecution"),
              ElementsAre("reoffended_during_probation|case_id=R1"));
  EXPECT_EQ(EvidenceString(clues[0]), "judgments:2,judgments:3,juvenile_cases:2,juvenile_cases:3");
}

}  // namespace
}  // namespace tutela::reference
