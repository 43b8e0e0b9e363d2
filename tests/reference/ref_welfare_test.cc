// Reference checker tests for mandatory_report, child_labor, dropout and
// guardian_absent.
#include <gmock/gmock.h>

#include "ref_test_util.h"

namespace tutela::reference {
namespace {

using models::Severity;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST_F(RefTest, UnreportedHarm) {
  const std::string p = Pid("20120101", 2), p14 = Pid("20100301", 4), other = Pid("20110101", 6);
  Put("institutions.csv", Csv({"institution_id,name,type,regulator", "HS1,医院,hospital,卫健委"}));
  Put("medical_visits.csv",
      Csv({
          "hospital_id,patient_id,visit_time,diagnosis_code",
          "HS1," + p + ",2024-03-01 10:00,T74.2",         // 2 reported exactly 24 h later
          "HS1," + p + ",2024-03-05 10:00,ｔ７４．２１",  // 3 full-width, lower case: T74.21
          "HS1," + p + ",2024-03-05 15:00,O80",           // 4 same day: same clue
          "HS1," + p + ",2024-03-10 10:00,Z32.1",         // 5 report 24 h 1 min before
          "HS1," + p + ",2024-03-11 10:00,Z32.0",         // 6 not a listed prefix
          "HS1," + p14 + ",2024-03-01 10:00,T74.2",       // 7 14 that day
          "HS2," + p + ",2024-03-05 11:00,A51",           // 8 other hospital
      }));
  Put("mandatory_reports.csv", Csv({
                                   "report_id,subject_id,report_time",
                                   "R1," + p + ",2024-03-02 10:00",
                                   "R2," + p + ",2024-03-09 09:59",
                                   "R3," + other + ",2024-03-05 10:00",
                               }));
  auto clues = Of(Scan("2024-06-30"), "mandatory_report");
  const std::string k = "unreported_harm|hospital_id=";
  EXPECT_THAT(Keys(clues, "mandatory_report"),
              ElementsAre(k + "HS1|patient_id=" + p + "|visit_date=2024-03-05",
                          k + "HS1|patient_id=" + p + "|visit_date=2024-03-10",
                          k + "HS2|patient_id=" + p + "|visit_date=2024-03-05"));
  EXPECT_EQ(EvidenceString(clues[0]), "medical_visits:3,medical_visits:4");
  EXPECT_EQ(clues[0].severity, Severity::kHigh);
  EXPECT_EQ(clues[0].department, "criminal");
  EXPECT_EQ(clues[0].target.at("name"), "卫健委");
  EXPECT_THAT(Keys(Scan("2024-06-30", {{"mandatory_report.window_h", 48}}), "mandatory_report"),
              ElementsAre(k + "HS1|patient_id=" + p + "|visit_date=2024-03-05",
                          k + "HS2|patient_id=" + p + "|visit_date=2024-03-05"));
}

TEST_F(RefTest, UnreportedHarmNeedsReportsTable) {
  Put("medical_visits.csv", Csv({"hospital_id,patient_id,visit_time,diagnosis_code",
                                 "HS1," + Pid("20120101", 2) + ",2024-03-05 10:00,T74.2"}));
  EXPECT_THAT(Scan("2024-06-30"), IsEmpty());
  EXPECT_THAT(notes_, ::testing::Contains(::testing::HasSubstr("mandatory_reports")));
}

TEST_F(RefTest, ChildEmployed) {
  const std::string k15 = Pid("20080701", 1), k16 = Pid("20080630", 3), k14 = Pid("20100101", 5);
  const std::string no_birth = "110101200813450011";  // digits 7-14 are not a date
  Put("employment.csv", Csv({
                            "employer_id,person_id,start_date,hazardous",
                            "E1," + k15 + ",2024-06-30,否",     // 2: 15
                            "E1," + k15 + ",2024-01-01,是",     // 3: hazardous: same clue, high
                            "E2," + k16 + ",2024-06-30,",       // 4: 16 that day
                            "E3," + no_birth + ",2024-01-01,",  // 5: unknown age
                            "E4," + k14 + ",2025-01-01,",       // 6: after A still counts
                        }));
  auto clues = Of(Scan("2024-06-30"), "child_labor");
  EXPECT_THAT(Keys(clues, "child_labor"),
              ElementsAre("child_employed|employer_id=E1|person_id=" + k15,
                          "child_employed|employer_id=E4|person_id=" + k14));
  EXPECT_EQ(clues[0].severity, Severity::kHigh);
  EXPECT_EQ(clues[0].department, "criminal");
  EXPECT_EQ(EvidenceString(clues[0]), "employment:2,employment:3");
  EXPECT_EQ(clues[1].severity, Severity::kMedium);
  EXPECT_EQ(clues[1].department, "administrative");
}

TEST_F(RefTest, NotEnrolled) {
  const std::string c7 = Pid("20170901", 1), c6 = Pid("20170902", 3), c15 = Pid("20080902", 5),
                    c15b = Pid("20090101", 7), c16 = Pid("20080901", 9), dead = Pid("20120101", 11),
                    alive = Pid("20120101", 13), left = Pid("20120101", 15),
                    future = Pid("20120101", 17), voc = Pid("20120101", 19),
                    unknown_school = Pid("20120101", 21);
  const std::string no_birth = "110101200813450011";
  Put("institutions.csv", Csv({"institution_id,name,type", "S1,小学,primary_school",
                               "T1,培训,training", "V1,职校,vocational_school"}));
  Put("persons.csv", Csv({
                         "person_id,birth_date,deceased_date",
                         c7 + ",,",               // 2: 7 on A
                         c6 + ",,",               // 3: 6
                         c15 + ",,",              // 4: enrolled
                         c15b + ",,",             // 5: training is not a school
                         c16 + ",,",              // 6: 16
                         dead + ",,2024-09-01",   // 7: deceased on A
                         alive + ",,2024-09-02",  // 8: deceased after A: living
                         left + ",,",             // 9: left on A
                         future + ",,",           // 10: enrols after A
                         voc + ",,",              // 11: vocational school
                         unknown_school + ",,",   // 12: school not in institutions
                         no_birth + ",,",         // 13: age unknown
                     }));
  Put("enrollments.csv", Csv({
                             "school_id,student_id,enroll_date,leave_date",
                             "S1," + c15 + ",2015-09-01,",
                             "T1," + c15b + ",2015-09-01,",
                             "S1," + left + ",2018-09-01,2024-09-01",
                             "S1," + future + ",2024-09-02,",
                             "V1," + voc + ",2023-09-01,2024-09-02",
                             "X9," + unknown_school + ",2023-09-01,",
                         }));
  auto clues = Of(Scan("2024-09-01"), "dropout");
  EXPECT_THAT(
      Keys(clues, "dropout"),
      ElementsAre("not_enrolled|person_id=" + c15b, "not_enrolled|person_id=" + alive,
                  "not_enrolled|person_id=" + left, "not_enrolled|person_id=" + future,
                  "not_enrolled|person_id=" + unknown_school, "not_enrolled|person_id=" + c7));
  EXPECT_EQ(EvidenceString(clues[1]), "persons:8");
  EXPECT_EQ(clues[0].department, "administrative");
  EXPECT_EQ(clues[0].severity, Severity::kMedium);
}

TEST_F(RefTest, NoAvailableGuardian) {
  const std::string g1 = Pid("19800101", 1), g2 = Pid("19800101", 3), g3 = Pid("19800101", 5),
                    g4 = Pid("19800101", 7), g5 = Pid("19800101", 9), g6 = Pid("19800101", 11),
                    g7 = Pid("19800101", 13);
  const std::string m1 = Pid("20100101", 2), m2 = Pid("20100101", 4), m3 = Pid("20100101", 6),
                    m4 = Pid("20100101", 8), m5 = Pid("20100101", 10), m6 = Pid("20100101", 12),
                    m7 = Pid("20100101", 14), m8 = Pid("20060630", 16), m9 = Pid("20060701", 18);
  Put("persons.csv", Csv({
                         "person_id,deceased_date",
                         g1 + ",2024-06-30",  // 2: deceased on A
                         g3 + ",2020-01-01",  // 3
                         g4 + ",",            // 4: living
                         m1 + ",",            // 5
                         m7 + ",2024-01-01",  // 6: deceased minor
                     }));
  Put("detentions.csv", Csv({
                            "person_id,kind,start_date,end_date",
                            g2 + ",prison,2024-01-01,2024-06-30",     // 2: active on A
                            g2 + ",detention,2020-01-01,2020-02-01",  // 3: over
                            g6 + ",prison,2020-01-01,2024-06-29",     // 4: ended the day before
                            g7 + ",rehab,2024-07-01,",                // 5: starts after A
                        }));
  Put("guardians.csv", Csv({
                           "minor_id,guardian_id,relation",
                           m1 + "," + g1 + ",父",  // 2
                           m1 + "," + g2 + ",母",  // 3
                           m2 + "," + g3 + ",父",  // 4
                           m2 + "," + g4 + ",母",  // 5: g4 is available
                           m3 + "," + g5 + ",父",  // 6: g5 has no row anywhere: available
                           m4 + "," + g6 + ",父",  // 7
                           m5 + "," + g7 + ",父",  // 8
                           m6 + "," + g1 + ",父",  // 9: a minor without a persons row lives
                           m7 + "," + g1 + ",父",  // 10: deceased minor
                           m8 + "," + g1 + ",父",  // 11: 18 on A
                           m9 + "," + g1 + ",父",  // 12: 17 on A
                       }));
  auto clues = Of(Scan("2024-06-30"), "guardian_absent");
  EXPECT_THAT(Keys(clues, "guardian_absent"), ElementsAre("no_available_guardian|minor_id=" + m9,
                                                          "no_available_guardian|minor_id=" + m1,
                                                          "no_available_guardian|minor_id=" + m6));
  EXPECT_EQ(EvidenceString(clues[0]), "guardians:12,persons:2");
  EXPECT_EQ(EvidenceString(clues[1]), "detentions:2,guardians:2,guardians:3,persons:2");
  EXPECT_EQ(EvidenceString(clues[2]), "guardians:9,persons:2");
  EXPECT_EQ(clues[0].department, "civil");
  EXPECT_EQ(clues[0].severity, Severity::kHigh);
}

}  // namespace
}  // namespace tutela::reference
