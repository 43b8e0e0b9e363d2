// Reference checker tests for sexual_sentencing: scope (minor victims),
// statutory floors, suspended sentences, missing bans and peer outliers.
#include <gmock/gmock.h>

#include "ref_test_util.h"

namespace tutela::reference {
namespace {

using models::Severity;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const char kHeader[] =
    "case_no,judgment_date,defendant_id,defendant_occupation,charge,offense_date,sentence_type,"
    "prison_months,suspended,occupational_ban_years,aggravating,mitigating\n";

std::string J(const std::string& case_no, const std::string& def, const std::string& charge,
              const std::string& type, const std::string& months, const std::string& susp,
              const std::string& ban, const std::string& agg, const std::string& mit,
              const std::string& occ = "", const std::string& off = "2021-06-01",
              const std::string& jdate = "2022-01-01") {
  return case_no + "," + jdate + "," + def + "," + occ + "," + charge + "," + off + "," + type +
         "," + months + "," + susp + "," + ban + "," + agg + "," + mit + "\n";
}

class SexualTest : public RefTest {
 protected:
  const std::string v9 = Pid("20120101", 2);   // 9 at 2021-06-01
  const std::string v16 = Pid("20050101", 4);  // 16
  const std::string v18 = Pid("20030601", 6);  // 18 on 2021-06-01: not a minor
  const std::string v17 = Pid("20030602", 8);  // 17 on 2021-06-01
  const std::string adult = Pid("19900101", 10);
  std::string D(int i) { return Pid("19800101", 100 + 2 * i + 1); }
};

TEST_F(SexualTest, FloorsAndSuspension) {
  Put("judgment_victims.csv",
      Csv({"case_no,victim_id", "S1," + v16, "S2," + v9, "S3," + v9, "S4," + v9, "S5," + v16,
           "S6," + adult, "S7," + v16, "S8," + v16, "S9," + v18, "S10," + v17, "S11," + v17}));
  Put("judgments.csv",
      std::string(kHeader) +
          J("S1", D(1), "强奸罪", "fixed_term", "30", "否", "", "", "") +        // below 36
          J("S2", D(2), "强奸罪", "fixed_term", "119", "否", "1", "gang", "") +  // below 120
          J("S3", D(3), "强奸罪", "fixed_term", "120", "否", "1", "gang", "") +  // on the floor
          J("S4", D(4), "猥亵儿童罪", "fixed_term", "12", "是", "1", "", "") +   // suspended, 9
          J("S5", D(5), "强制猥亵、侮辱罪", "fixed_term", "50", "是", "1", "injury",
            "surrender") +                                                          // mitigated; 16
          J("S6", D(6), "强奸罪", "fixed_term", "0", "否", "1", "", "") +           // adult victim
          J("S7", D(7), "强奸罪", "criminal_detention", "40", "否", "1", "", "") +  // counts 0
          J("S8", D(8), "强奸罪", "life", "", "否", "1", "heinous", "") +           // infinite
          J("S9", D(9), "强奸罪", "fixed_term", "0", "否", "1", "", "") +           // victim 18
          J("S10", D(10), "强奸罪", "fixed_term", "0", "否", "1", "", "") +         // victim 17
          J("S11", D(11), "强奸罪", "fixed_term", "12", "否", "1", "", "", "", "",
            "2021-01-01"));  // no offense date: victim 17 at the judgment date
  auto clues = Scan("2024-06-30");
  EXPECT_THAT(Keys(clues, "sexual_sentencing"),
              ElementsAre("below_statutory_floor|case_no=S1|defendant_id=" + D(1),
                          "below_statutory_floor|case_no=S10|defendant_id=" + D(10),
                          "below_statutory_floor|case_no=S11|defendant_id=" + D(11),
                          "below_statutory_floor|case_no=S2|defendant_id=" + D(2),
                          "below_statutory_floor|case_no=S7|defendant_id=" + D(7),
                          "suspended_for_child_victim|case_no=S4|defendant_id=" + D(4)));
  const models::Clue* floor = Find(clues, "sexual_sentencing", "below_statutory_floor");
  EXPECT_EQ(floor->severity, Severity::kHigh);
  EXPECT_EQ(floor->department, "criminal");
  EXPECT_EQ(EvidenceString(*floor), "judgment_victims:2,judgments:2");
  EXPECT_EQ(floor->legal_basis.size(), 5u);
}

TEST_F(SexualTest, SeveralChargesOfOneDefendantGiveOneClue) {
  Put("judgment_victims.csv", "case_no,victim_id\nX," + v9 + "\nX," + adult + "\nX," + v16 + "\n");
  Put("judgments.csv",
      std::string(kHeader) + J("X", D(1), "强奸罪", "fixed_term", "30", "否", "1", "", "") +
          J("X", D(1), "强制猥亵、侮辱罪", "fixed_term", "50", "否", "1", "gang", ""));
  auto clues = Of(Scan("2024-06-30"), "sexual_sentencing");
  ASSERT_THAT(Keys(clues, "sexual_sentencing"),
              ElementsAre("below_statutory_floor|case_no=X|defendant_id=" + D(1)));
  // Both judgment rows; the two minor victims but not the adult one.
  EXPECT_EQ(EvidenceString(clues[0]),
            "judgment_victims:2,judgment_victims:4,judgments:2,judgments:3");
}

TEST_F(SexualTest, MissingOccupationalBan) {
  Put("institutions.csv", "institution_id,name,type\nK1,幼儿园,kindergarten\nE1,公司,employer\n");
  Put("staff.csv", Csv({
                       "institution_id,person_id,hire_date,leave_date",
                       "K1," + D(1) + ",2020-01-01,",            // 2: works there at the offense
                       "K1," + D(3) + ",2020-01-01,2021-05-31",  // 3: left before
                       "E1," + D(5) + ",2020-01-01,",            // 4: not child-contact
                       "K1," + D(6) + ",2021-06-01,2021-06-01",  // 5: one day: the offense date
                   }));
  std::string victims = "case_no,victim_id\n";
  for (int i = 1; i <= 6; ++i) victims += "M" + std::to_string(i) + "," + v9 + "\n";
  Put("judgment_victims.csv", victims);
  Put("judgments.csv",
      std::string(kHeader) +
          J("M1", D(1), "猥亵儿童罪", "fixed_term", "60", "否", "0", "", "", "无业") +
          J("M2", D(2), "猥亵儿童罪", "fixed_term", "60", "否", "", "", "", "小学老师") +
          J("M3", D(3), "猥亵儿童罪", "fixed_term", "60", "否", "0", "", "", "无业") +
          J("M4", D(4), "猥亵儿童罪", "fixed_term", "60", "否", "3", "", "", "游泳教练") +
          J("M5", D(5), "猥亵儿童罪", "fixed_term", "60", "否", "0", "", "", "司机") +
          J("M6", D(6), "猥亵儿童罪", "fixed_term", "60", "否", "0", "", "", ""));
  auto clues = Of(Scan("2024-06-30"), "sexual_sentencing");
  EXPECT_THAT(Keys(clues, "sexual_sentencing"),
              ElementsAre("missing_occupational_ban|case_no=M1|defendant_id=" + D(1),
                          "missing_occupational_ban|case_no=M2|defendant_id=" + D(2),
                          "missing_occupational_ban|case_no=M6|defendant_id=" + D(6)));
  EXPECT_EQ(EvidenceString(clues[0]), "judgment_victims:2,judgments:2,staff:2");
  EXPECT_EQ(EvidenceString(clues[1]), "judgment_victims:3,judgments:3");
  EXPECT_EQ(clues[0].severity, Severity::kMedium);
}

TEST_F(SexualTest, SentenceOutlier) {
  // 强奸罪 without aggravation: 6 29 36 36 36 40 40 40: median 36, MAD 4,
  // s = 5.9304, threshold 36 - 14.826 = 21.174: only 6 is an outlier.
  const int months[] = {6, 29, 36, 36, 36, 40, 40, 40};
  std::string rows = kHeader, victims = "case_no,victim_id\n";
  for (int i = 0; i < 8; ++i) {
    std::string c = "O" + std::to_string(i);
    rows += J(c, D(i), "强奸罪", "fixed_term", std::to_string(months[i]), "否", "1", "", "attempt");
    victims += c + "," + v16 + "\n";
  }
  // Not peers: suspended, not fixed-term, empty months, aggravated (a group of 1).
  rows += J("N1", D(20), "强奸罪", "fixed_term", "1", "是", "1", "", "attempt");
  rows += J("N2", D(21), "强奸罪", "criminal_detention", "1", "否", "1", "", "attempt");
  rows += J("N3", D(22), "强奸罪", "fixed_term", "", "否", "1", "", "attempt");
  rows += J("N4", D(23), "强奸罪", "fixed_term", "1", "否", "1", "gang", "attempt");
  for (const char* c : {"N1", "N2", "N3", "N4"}) victims += std::string(c) + "," + v16 + "\n";
  // MAD 0: 10 and seven 40s: s = 0.25 * 40 = 10, threshold 15.
  for (int i = 0; i < 8; ++i) {
    std::string c = "Z" + std::to_string(i);
    rows += J(c, D(40 + i), "猥亵儿童罪", "fixed_term", i == 0 ? "10" : "40", "否", "1", "", "");
    victims += c + "," + v9 + "\n";
  }
  Put("judgments.csv", rows);
  Put("judgment_victims.csv", victims);
  auto clues = Of(Scan("2024-06-30"), "sexual_sentencing");
  EXPECT_THAT(Keys(clues, "sexual_sentencing"),
              ElementsAre("sentence_outlier|case_no=O0|defendant_id=" + D(0),
                          "sentence_outlier|case_no=Z0|defendant_id=" + D(40)));
  EXPECT_EQ(clues[0].severity, Severity::kMedium);
  // Group of 8 is below a minimum of 9; a smaller k widens the net.
  EXPECT_THAT(Keys(Scan("2024-06-30", {{"sexual_sentencing.min_group", 9}}), "sexual_sentencing"),
              IsEmpty());
  EXPECT_THAT(Keys(Scan("2024-06-30", {{"sexual_sentencing.k", 1.0}}), "sexual_sentencing"),
              ElementsAre("sentence_outlier|case_no=O0|defendant_id=" + D(0),
                          "sentence_outlier|case_no=O1|defendant_id=" + D(1),
                          "sentence_outlier|case_no=Z0|defendant_id=" + D(40)));
}

}  // namespace
}  // namespace tutela::reference
