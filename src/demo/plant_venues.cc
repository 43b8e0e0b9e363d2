// Planted cases of the place models: hotel_minor, netcafe_minor and
// near_school_vendor.
#include <fmt/format.h>

#include "demo/format.h"
#include "demo/plant.h"

namespace tutela::demo {

namespace {

constexpr int kHour = 3600;

void Stay(Planter& p, int32_t hotel, std::string room, int32_t person, Seconds in, Seconds out,
          std::string contact, int8_t style = -1) {
  HotelRow r;
  r.hotel = hotel;
  r.room = std::move(room);
  r.person = person;
  r.in = in;
  r.out = out;
  r.contact = std::move(contact);
  r.style = style;
  p.w.planted.hotel.push_back(std::move(r));
}

std::string Phone(Planter& p) { return fmt::format("13{:09d} 母", p.rng.Below(1000000000)); }

// A minor and an adult in one room; `pair` decides the timing and relation.
void Pair(Planter& p, int32_t minor, int32_t adult, Seconds minor_in, Seconds minor_out,
          Seconds adult_in, Seconds adult_out, bool related, std::string note) {
  const int32_t hotel = p.Place(InstType::kHotel);
  const std::string room = fmt::format("{}{:02d}", p.rng.Range(2, 9), p.rng.Range(1, 20));
  Stay(p, hotel, room, minor, minor_in, minor_out, "");
  Stay(p, hotel, room, adult, adult_in, adult_out, "");
  const Seconds m_end = minor_out == kNoTime ? minor_in + 12 * kHour : minor_out;
  const Seconds a_end = adult_out == kNoTime ? adult_in + 12 * kHour : adult_out;
  const Person& m = p.P(minor);
  const Person& a = p.P(adult);
  const bool fires = AgeAt(m.birth, DateOf(minor_in)) < 18 &&
                     AgeAt(a.birth, DateOf(adult_in)) >= 18 && !related && minor_in < a_end &&
                     adult_in < m_end;
  p.Expect("hotel_minor", "minor_with_unrelated_adult",
           {{"minor_id", p.Id(minor)},
            {"adult_id", p.Id(adult)},
            {"hotel_id", p.I(hotel).id},
            {"checkin_date", FormatDate(DateOf(minor_in))}},
           m.sex != a.sex ? "high" : "medium", fires, std::move(note));
}

// A hotel with solo stays of young guests: (age on the day, day, contact).
struct Guest {
  int age;
  Days day;
  std::string contact;
  bool turned = false;  // turned `age` the day before check-in
};
void SoloHotel(Planter& p, const std::vector<Guest>& guests, std::string note) {
  const int32_t hotel = p.Place(InstType::kHotel);
  int minors = 0, room = 1;
  for (const Guest& g : guests) {
    const Days birth =
        g.turned ? Planter::BornTurning(g.day - 1, g.age) : Planter::BornAged(g.day, g.age, p.rng);
    const int32_t guest = p.NewPerson(birth, p.rng.Chance(1, 2) ? 'M' : 'F');
    const Seconds in = Planter::At(g.day, 19 + static_cast<int>(p.rng.Below(4)), 10);
    Stay(p, hotel, fmt::format("3{:02d}", room++), guest, in, in + 13 * kHour, g.contact);
    const bool counted = AgeAt(birth, g.day) < 18 && g.day > p.A - 365 && g.day <= p.A &&
                         (g.contact.empty() || g.contact == "NULL" || g.contact == "null" ||
                          g.contact == "\\N" || g.contact == "-");
    minors += counted ? 1 : 0;
  }
  p.Expect("hotel_minor", "guardian_contact_not_recorded", {{"hotel_id", p.I(hotel).id}}, "medium",
           minors >= 3, fmt::format("{}（计入 {} 次 / {} counted）", note, minors, minors));
}

void Session(Planter& p, int32_t cafe, int32_t person, Seconds login, int8_t style = -1) {
  NetcafeRow r;
  r.cafe = cafe;
  r.person = person;
  r.login = login;
  r.logout = login + static_cast<Seconds>(p.rng.Range(1, 5)) * kHour;
  r.terminal = static_cast<int32_t>(p.rng.Range(1, 120));
  r.style = style;
  p.w.planted.netcafe.push_back(r);
}

// A café with sessions of young users: (age at login, login day, style).
struct User {
  int age;
  Days day;
  int8_t style = -1;
  bool turned = false;   // turned `age` the day before
  bool invalid = false;  // unregistered, bad check digit
};
void Cafe(Planter& p, const std::vector<User>& users, std::string note) {
  const int32_t cafe = p.Place(InstType::kInternetCafe);
  int minors = 0;
  for (const User& u : users) {
    const Days birth =
        u.turned ? Planter::BornTurning(u.day - 1, u.age) : Planter::BornAged(u.day, u.age, p.rng);
    const int32_t person = p.NewPerson(birth, p.rng.Chance(2, 3) ? 'M' : 'F', !u.invalid);
    if (u.invalid) p.w.BreakCheckDigit(person);
    Session(p, cafe, person, Planter::At(u.day, 14 + static_cast<int>(p.rng.Below(8)), 5), u.style);
    if (AgeAt(birth, u.day) < 18 && u.day > p.A - 365 && u.day <= p.A) ++minors;
  }
  // A few adult sessions too.
  for (int i = 0; i < 3; ++i) {
    Session(p, cafe, p.Aged(p.A, static_cast<int>(p.rng.Range(20, 45)), 'M'),
            Planter::At(p.A - static_cast<Days>(p.rng.Range(1, 300)), 20, 30));
  }
  p.Expect("netcafe_minor", "minor_admitted", {{"cafe_id", p.I(cafe).id}},
           minors >= 5 ? "high" : "medium", minors >= 1,
           fmt::format("{}（未成年人 {} 名 / {} distinct minors）", note, minors, minors));
}

void Near(Planter& p, std::string_view rule, InstType near_type, double metres,
          InstType school_type, bool coords, std::string note) {
  const int32_t school = p.Place(school_type);
  const int32_t other = p.w.NewInstitutionNear(near_type, school, metres, p.rng);
  p.w.institutions[static_cast<size_t>(other)].coords = coords;
  const double d = metres < 0 ? -metres : metres;
  bool fires;
  if (rule == "too_close_to_school") {
    fires = coords && d <= 200 &&
            (school_type == InstType::kPrimary || school_type == InstType::kMiddle ||
             school_type == InstType::kHigh);
    p.Expect("netcafe_minor", rule, {{"cafe_id", p.I(other).id}, {"school_id", p.I(school).id}},
             "medium", fires, std::move(note));
  } else {
    fires = coords && d <= 100 && SchoolType(school_type);
    p.Expect("near_school_vendor", rule,
             {{"vendor_id", p.I(other).id}, {"school_id", p.I(school).id}}, "medium", fires,
             std::move(note));
  }
}

}  // namespace

void PlantHotels(Planter& p) {
  const Days A = p.A;
  auto day = [&] { return A - static_cast<Days>(p.rng.Range(20, 300)); };
  Days d = day();
  Pair(p, p.Aged(d, 15, 'F'), p.Aged(d, 35, 'M'), Planter::At(d, 22, 10), Planter::At(d + 1, 8, 0),
       Planter::At(d, 21, 55), Planter::At(d + 1, 8, 5), false,
       "15岁女孩与35岁男子同住一室 / girl of 15 shares a room with a man of 35");
  d = day();
  Pair(p, p.Aged(d, 16, 'M'), p.Aged(d, 40, 'M'), Planter::At(d, 20, 0), kNoTime,
       Planter::At(d + 1, 7, 30), Planter::At(d + 1, 12, 0), false,
       "未登记退房按12小时计，次日07:30成年人入住 / no checkout = 12 h stay; adult arrives 07:30");
  {
    d = day();
    const int32_t minor = p.Aged(d, 14, 'F', false);
    p.w.BreakCheckDigit(minor);
    const int32_t adult = p.Aged(A, 41, 'F');
    const int32_t hotel_rows_before = static_cast<int32_t>(p.w.planted.hotel.size());
    Pair(p, minor, adult, Planter::At(d, 23, 0), Planter::At(d + 1, 9, 0), Planter::At(d, 22, 40),
         Planter::At(d + 1, 9, 0), false,
         "未成年人身份证号校验码错误；成年人以15位号码登记 / minor's ID has a bad check digit; "
         "adult "
         "registered with a 15-digit ID");
    p.w.planted.hotel[static_cast<size_t>(hotel_rows_before + 1)].style =
        static_cast<int8_t>(IdStyle::kFifteen);
  }
  d = day();
  Pair(p, p.Aged(d, 17, 'M'), p.NewPerson(Planter::BornTurning(d, 18), 'F'), Planter::At(d, 21, 0),
       Planter::At(d + 1, 10, 0), Planter::At(d, 21, 5), Planter::At(d + 1, 10, 0), false,
       "同住者入住当日满18岁，视为成年人 / the companion turned 18 on the check-in day (adult)");
  d = day();
  Pair(p, p.NewPerson(Planter::BornTurning(d - 1, 18), 'F'), p.Aged(d, 25, 'M'),
       Planter::At(d, 22, 0), Planter::At(d + 1, 9, 0), Planter::At(d, 22, 0),
       Planter::At(d + 1, 9, 0), false,
       "近似：女方入住前一日已满18岁 / near miss: she turned 18 the day before check-in");
  {
    d = day();
    const int32_t boy = p.Aged(d, 12, 'M');
    const int32_t father = p.Aged(d, 40, 'M');
    p.w.planted.guardians.push_back({boy, father, "父", {}});
    Pair(p, boy, father, Planter::At(d, 19, 0), Planter::At(d + 1, 11, 0), Planter::At(d, 19, 0),
         Planter::At(d + 1, 11, 0), true,
         "近似：同住者是登记的监护人（不同户）/ near miss: the adult is his registered guardian");
  }
  {
    d = day();
    const int32_t girl = p.Aged(d, 13, 'F');
    World::PersonSpec uncle;
    uncle.birth = Planter::BornAged(d, 38, p.rng);
    uncle.sex = 'M';
    uncle.household = p.P(girl).household;
    uncle.region = p.P(girl).region;
    uncle.role = Role::kPlanted;
    const int32_t u = p.w.NewPerson(uncle, p.rng);
    Pair(p, girl, u, Planter::At(d, 20, 0), Planter::At(d + 1, 10, 0), Planter::At(d, 20, 0),
         Planter::At(d + 1, 10, 0), true,
         "近似：同住者与未成年人同一户号 / near miss: same household as the minor");
  }
  d = day();
  Pair(p, p.Aged(d, 16, 'F'), p.Aged(d, 30, 'M'), Planter::At(d, 14, 0), Planter::At(d + 1, 12, 0),
       Planter::At(d + 1, 12, 0), Planter::At(d + 2, 11, 0), false,
       "近似：成年人在其退房时刻入住，住宿不重叠 / near miss: he checks in at her checkout time");

  // --- guardian_contact_not_recorded ---
  SoloHotel(p, {{15, day(), ""}, {16, day(), "NULL"}, {13, day(), "-"}},
            "3名未成年人未登记监护人联系方式 / three minors, no guardian contact");
  SoloHotel(
      p, {{17, A, ""}, {14, A - 364, "\\N"}, {16, day(), "null"}, {15, day(), ""}, {12, day(), ""}},
      "5次，含基准日当日和364天前 / five, including one on the as-of date and one 364 days before");
  SoloHotel(p,
            {{15, day(), ""},
             {16, day(), ""},
             {17, day(), ""},
             {14, day(), Phone(p)},
             {13, day(), Phone(p)}},
            "3次未登记、2次已登记 / three without contact, two with");
  SoloHotel(p, {{15, day(), ""}, {16, day(), ""}, {14, A - 365, ""}},
            "近似：第3次恰在365天前（窗口外）/ near miss: the third is exactly 365 days before "
            "(outside)");
  SoloHotel(
      p, {{15, day(), ""}, {16, day(), "-"}, {14, A + 1, ""}, {13, day(), Phone(p)}},
      "近似：一次在基准日次日，一次已登记 / near miss: one the day after A, one with contact");
  SoloHotel(p, {{15, day(), ""}, {16, day(), ""}, {18, day(), "", true}},
            "近似：第3人入住前一日满18岁 / near miss: the third guest turned 18 the day before");
}

void PlantNetcafes(Planter& p) {
  const Days A = p.A;
  auto day = [&] { return A - static_cast<Days>(p.rng.Range(5, 300)); };
  Cafe(p, {{16, A - 30}}, "16岁少年上网 / a 16-year-old logged in");
  Cafe(p,
       {{12, day()},
        {13, day(), static_cast<int8_t>(IdStyle::kFullWidth)},
        {15, day()},
        {15, day()},
        {17, day(), static_cast<int8_t>(IdStyle::kInnerSpace)},
        {17, day()}},
       "5名以上未成年人（号码含全角、空格写法）/ five or more minors (IDs with full-width digits, "
       "spaces)");
  Cafe(p, {{14, day(), -1, false, true}},
       "身份证号校验码错误的未成年人 / a minor with a bad check digit");
  Cafe(p, {{13, day()}, {14, day()}, {16, day()}, {17, day()}},
       "4名未成年人（严重程度中）/ four distinct minors (medium)");
  Cafe(p, {{18, day(), -1, true}}, "近似：上网前一日满18岁 / near miss: turned 18 the day before");
  Cafe(p, {{15, A - 365}, {16, A + 1}},
       "近似：上网记录在365天前和基准日次日 / near miss: sessions 365 days before and the day "
       "after A");
}

void PlantNearSchool(Planter& p) {
  const std::string_view close = "too_close_to_school", vendor = "vendor_near_school";
  Near(p, close, InstType::kInternetCafe, 199, InstType::kPrimary, true,
       "网吧距小学199米 / café 199 m from a primary school");
  Near(p, close, InstType::kInternetCafe, -150, InstType::kMiddle, true,
       "网吧距初中150米 / café 150 m from a middle school");
  {
    const int32_t school = p.Place(InstType::kHigh);
    const int32_t cafe = p.w.NewInstitutionNear(InstType::kInternetCafe, school, 50, p.rng);
    p.w.NewInstitutionNear(InstType::kKindergarten, school, -120, p.rng);
    p.Expect("netcafe_minor", close, {{"cafe_id", p.I(cafe).id}, {"school_id", p.I(school).id}},
             "medium", true,
             "网吧距高中50米（另有幼儿园170米，不计）/ café 50 m from a high school (kindergarten "
             "170 m not counted)");
  }
  Near(p, close, InstType::kInternetCafe, 201, InstType::kPrimary, true,
       "近似：网吧距小学201米 / near miss: 201 m");
  Near(p, close, InstType::kInternetCafe, 80, InstType::kKindergarten, true,
       "近似：幼儿园不在条例第9条范围 / near miss: kindergartens are not covered");
  Near(p, close, InstType::kInternetCafe, 30, InstType::kMiddle, false,
       "近似：网吧无坐标 / near miss: café without coordinates");
  Near(p, close, InstType::kInternetCafe, 100, InstType::kVocational, true,
       "近似：职业学校不在范围 / near miss: a vocational school");

  Near(p, vendor, InstType::kTobacco, 99, InstType::kPrimary, true,
       "烟草零售点距小学99米 / tobacco shop 99 m from a primary school");
  Near(p, vendor, InstType::kLottery, 60, InstType::kKindergarten, true,
       "彩票站距幼儿园60米 / lottery 60 m from a kindergarten");
  Near(p, vendor, InstType::kBar, 30, InstType::kHigh, true,
       "酒吧距高中30米 / bar 30 m from a high school");
  Near(p, vendor, InstType::kEntertainment, -90, InstType::kMiddle, true,
       "娱乐场所距初中90米 / KTV 90 m from a middle school");
  Near(p, vendor, InstType::kTobacco, 101, InstType::kPrimary, true,
       "近似：101米 / near miss: 101 m");
  Near(p, vendor, InstType::kTobacco, 50, InstType::kVocational, true,
       "近似：职业学校不是学校类型 / near miss: a vocational school is not a school type");
  Near(p, vendor, InstType::kBar, 80, InstType::kTraining, true,
       "近似：校外培训机构不是学校类型 / near miss: a training centre is not a school type");
}

}  // namespace tutela::demo
