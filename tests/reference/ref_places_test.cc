// Reference checker tests for hotel_minor, netcafe_minor and
// near_school_vendor: shared rooms, year windows, distances.
#include <gmock/gmock.h>

#include "ref_internal.h"
#include "ref_test_util.h"

namespace tutela::reference {
namespace {

using models::Severity;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST_F(RefTest, MinorWithUnrelatedAdult) {
  const std::string m = Pid("20100101", 2), a1 = Pid("19800101", 11), f = Pid("19780101", 13),
                    u = Pid("19850101", 15), w = Pid("19900101", 16), a2 = Pid("19810101", 17),
                    a3 = Pid("19820101", 19), m2 = Pid("20090601", 21), a5 = Pid("19830101", 22),
                    a6 = Pid("19840101", 23), just18 = Pid("20060301", 25),
                    just17 = Pid("20060302", 27);
  Put("persons.csv",
      Csv({"person_id,sex,household_id", m + ",女,H1", a1 + ",男,H9", u + ",男,H1", w + ",,"}));
  Put("guardians.csv", Csv({"minor_id,guardian_id,relation", m + "," + f + ",父"}));
  Put("hotel_checkins.csv",
      Csv({
          "hotel_id,room_no,person_id,checkin_time,checkout_time,guardian_contact",
          "H001,801," + m + ",2024-03-01 22:00,2024-03-02 08:00,",      // 2 minor (girl)
          "H001,801," + a1 + ",2024-03-01 21:00,2024-03-02 07:00,",     // 3 unrelated man: high
          "H001,801," + f + ",2024-03-01 21:00,2024-03-02 07:00,",      // 4 guardian
          "H001,801," + u + ",2024-03-01 21:00,2024-03-02 07:00,",      // 5 same household
          "H001,801," + w + ",2024-03-02 07:59,,",                      // 6 woman: medium
          "H001,801," + a2 + ",2024-03-02 08:00,,",                     // 7 arrives at checkout
          "H001,802," + a3 + ",2024-03-01 22:00,2024-03-02 08:00,",     // 8 other room
          "H002,801," + a3 + ",2024-03-01 22:00,2024-03-02 08:00,",     // 9 other hotel
          "H001,901," + m2 + ",2024-04-01 10:00,,",                     // 10 minor, until 22:00
          "H001,901," + a5 + ",2024-04-01 21:59:59,2024-04-02 09:00,",  // 11 woman: high
          "H001,901," + a6 + ",2024-04-01 22:00,2024-04-02 09:00,",     // 12 after the stay
          "H004,1," + just18 + ",2024-03-01 12:00,,",                   // 13 adult (18 today)
          "H004,1," + just17 + ",2024-03-01 12:00,,",                   // 14 minor (17)
      }));
  auto clues = Of(Scan("2024-06-30"), "hotel_minor");
  const std::string k = "minor_with_unrelated_adult|adult_id=";
  EXPECT_THAT(
      Keys(clues, "hotel_minor"),
      ElementsAre(k + a1 + "|checkin_date=2024-03-01|hotel_id=H001|minor_id=" + m,
                  k + a5 + "|checkin_date=2024-04-01|hotel_id=H001|minor_id=" + m2,
                  k + w + "|checkin_date=2024-03-01|hotel_id=H001|minor_id=" + m,
                  k + just18 + "|checkin_date=2024-03-01|hotel_id=H004|minor_id=" + just17));
  EXPECT_EQ(clues[0].severity, Severity::kHigh);
  EXPECT_EQ(clues[0].department, "criminal");
  EXPECT_EQ(EvidenceString(clues[0]), "hotel_checkins:2,hotel_checkins:3");
  EXPECT_EQ(clues[1].severity, Severity::kHigh);    // boy and woman (sex from the ID)
  EXPECT_EQ(clues[2].severity, Severity::kMedium);  // both women
  EXPECT_EQ(clues[3].severity, Severity::kMedium);  // both men
}

TEST_F(RefTest, GuardianContactNotRecorded) {
  const std::string m = Pid("20100101", 2), m2 = Pid("20090601", 21), adult = Pid("19800101", 11);
  Put("institutions.csv",
      Csv({"institution_id,name,type,regulator", "H003,宾馆,hotel,区公安分局"}));
  Put("hotel_checkins.csv", Csv({
                                "hotel_id,room_no,person_id,checkin_time,guardian_contact",
                                "H003,1," + m + ",2023-07-01 10:00,",   // 2 day A-365: outside
                                "H003,2," + m + ",2023-07-02 10:00,",   // 3 in
                                "H003,3," + m2 + ",2024-02-01 10:00,",  // 4 in
                                "H003,4," + m + ",2024-06-30 23:00,",   // 5 in (day A)
                                "H003,5," + m + ",2024-07-01 10:00,",   // 6 after A
                                "H003,6," + m2 + ",2024-01-01 10:00,13800000000",  // 7 contact
                                "H003,7," + adult + ",2024-01-01 10:00,",          // 8 adult
                                "H001,1," + m + ",2024-01-01 10:00,",              // 9
                                "H001,2," + m2 + ",2024-01-02 10:00,",             // 10
                            }));
  auto clues = Of(Scan("2024-06-30"), "hotel_minor");
  EXPECT_THAT(Keys(clues, "hotel_minor"),
              ElementsAre("guardian_contact_not_recorded|hotel_id=H003"));
  EXPECT_EQ(EvidenceString(clues[0]), "hotel_checkins:3,hotel_checkins:4,hotel_checkins:5");
  EXPECT_EQ(clues[0].department, "administrative");
  EXPECT_EQ(clues[0].target.at("name"), "区公安分局");
  EXPECT_THAT(Keys(Scan("2024-06-30", {{"hotel_minor.min_count", 2}}), "hotel_minor"),
              ElementsAre("guardian_contact_not_recorded|hotel_id=H001",
                          "guardian_contact_not_recorded|hotel_id=H003"));
}

TEST_F(RefTest, NetcafeMinorAdmitted) {
  std::string rows = "cafe_id,person_id,login_time\n";
  for (int i = 0; i < 5; ++i) rows += "C1," + Pid("20100101", 2 * i + 1) + ",2024-05-01 10:00\n";
  rows += Csv({
      "C1," + Pid("20100101", 1) + ",2024-05-02 10:00",  // 7: same minor again
      "C2," + Pid("20100101", 1) + ",2024-06-30 23:59",  // 8: day A
      "C3," + Pid("20100101", 1) + ",2023-07-01 10:00",  // 9: day A-365: outside
      "C3," + Pid("19800101", 3) + ",2024-05-01 10:00",  // 10: adult
      "C3," + Pid("20060501", 5) + ",2024-05-01 10:00",  // 11: 18 that day
      "C4," + Pid("20100101", 1) + ",2024-07-01 10:00",  // 12: after A
  });
  Put("netcafe_sessions.csv", rows);
  auto clues = Of(Scan("2024-06-30"), "netcafe_minor");
  EXPECT_THAT(Keys(clues, "netcafe_minor"),
              ElementsAre("minor_admitted|cafe_id=C1", "minor_admitted|cafe_id=C2"));
  EXPECT_EQ(clues[0].severity, Severity::kHigh);
  EXPECT_EQ(clues[0].evidence.size(), 6u);
  EXPECT_EQ(clues[1].severity, Severity::kMedium);
  EXPECT_EQ(EvidenceString(clues[1]), "netcafe_sessions:8");
  EXPECT_THAT(notes_, ::testing::Contains(::testing::HasSubstr("too_close_to_school")));
}

// 1e-4 degree of latitude = 11.1195 m.
const std::string kPlaces = Csv({
    "institution_id,name,type,lat,lon,regulator",
    "C1,网吧,internet_cafe,39.9000,116.4,文旅局",       // 2
    "S1,小学,primary_school,39.9017,116.4,教委",        // 3: 189 m from C1
    "S2,中学,middle_school,39.9019,116.4,教委",         // 4: 211 m from C1
    "K1,幼儿园,kindergarten,39.9008,116.4,教委",        // 5: 89 m from C1
    "T1,培训,training,39.9000,116.4,教委",              // 6: not a school type
    "V1,烟酒店,tobacco_retailer,39.9000,116.4,烟草局",  // 7
    "V2,酒吧,bar,,,文旅局",                             // 8: no coordinates
    "V3,彩票,lottery,39.9009,116.4,体彩中心",           // 9: K1 11 m, S1 89 m, S2 111 m
    "S3,高中,high_school,,,教委",                       // 10: no coordinates
});

TEST_F(RefTest, CafeTooCloseToSchool) {
  Put("institutions.csv", kPlaces);
  auto clues = Of(Scan("2024-06-30"), "netcafe_minor");
  EXPECT_THAT(Keys(clues, "netcafe_minor"),
              ElementsAre("too_close_to_school|cafe_id=C1|school_id=S1"));
  EXPECT_EQ(EvidenceString(clues[0]), "institutions:2,institutions:3");
  EXPECT_THAT(Keys(Scan("2024-06-30", {{"netcafe_minor.distance_m", 212}}), "netcafe_minor"),
              ElementsAre("too_close_to_school|cafe_id=C1|school_id=S1",
                          "too_close_to_school|cafe_id=C1|school_id=S2"));
}

TEST_F(RefTest, VendorNearSchool) {
  Put("institutions.csv", kPlaces);
  auto clues = Of(Scan("2024-06-30"), "near_school_vendor");
  EXPECT_THAT(Keys(clues, "near_school_vendor"),
              ElementsAre("vendor_near_school|school_id=K1|vendor_id=V1",
                          "vendor_near_school|school_id=K1|vendor_id=V3",
                          "vendor_near_school|school_id=S1|vendor_id=V3"));
  EXPECT_EQ(clues[0].department, "public_interest");
  EXPECT_EQ(clues[0].target.at("name"), "烟草局");
  EXPECT_EQ(EvidenceString(clues[2]), "institutions:3,institutions:9");
  EXPECT_THAT(
      Keys(Scan("2024-06-30", {{"near_school_vendor.distance_m", 80}}), "near_school_vendor"),
      ElementsAre("vendor_near_school|school_id=K1|vendor_id=V3"));
}

TEST(Haversine, KnownDistances) {
  EXPECT_NEAR(internal::HaversineMetres(39.9, 116.4, 39.9017, 116.4), 189.03, 0.05);
  EXPECT_NEAR(internal::HaversineMetres(0, 0, 0, 1), 111195.08, 0.05);
}

}  // namespace
}  // namespace tutela::reference
