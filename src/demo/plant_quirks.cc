// Input quirks of datasets.md carried by planted rows: identity links by name
// and birth date, repeated persons IDs, invalid IDs, and bad rows the
// importer must reject (or warn about). None of them gives a clue.
#include <fmt/format.h>

#include "demo/names.h"
#include "demo/plant.h"

namespace tutela::demo {

namespace {

constexpr int kYear = 365;

CellOverride Bad(int col, std::string text, bool warning = false) {
  CellOverride ov;
  ov.col = col;
  ov.text = std::move(text);
  ov.warning = warning;
  return ov;
}

// A background person of the registry (never a planted one), or -1.
int32_t SomeBackgroundAdult(Planter& p) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    int32_t i = static_cast<int32_t>(p.rng.Below(p.w.persons.size()));
    const Person& person = p.P(i);
    if (person.role != Role::kPlanted && person.role != Role::kChild &&
        (person.flags & kRegistered) && AgeAt(person.birth, p.A) >= 25 &&
        !p.w.person_overrides.count(i)) {
      bool repeated = false;
      for (const PersonExtraRow& e : p.w.planted.person_extras)
        repeated = repeated || e.person == i;
      if (!repeated) return i;
    }
  }
  return -1;
}

}  // namespace

void PlantQuirks(Planter& p) {
  const Days A = p.A;
  World& w = p.w;
  // --- staff identities without an ID number ---
  {
    const int32_t linked = p.Distinctive(Planter::BornAged(A, 35, p.rng), 'F');
    const int32_t hotel = p.rng.Pick(w.OfType(InstType::kHotel));
    StaffRow s;
    s.inst = hotel;
    s.person = linked;
    s.blank_id = true;
    s.birth = p.P(linked).birth;
    s.position = "客房服务员";
    s.hire = A - 400;
    w.planted.staff.push_back(s);
    // Nobody has this name: unlinkable.
    StaffRow u = s;
    u.person = -1;
    u.name = DistinctiveName(w.next_distinctive++, 'M');
    u.birth = Planter::BornAged(A, 29, p.rng);
    u.position = "保安";
    w.planted.staff.push_back(u);
    // A name without a birth date cannot be linked either.
    StaffRow n = u;
    n.name = p.P(linked).name;
    n.birth = kNoDay;
    n.position = "前台";
    w.planted.staff.push_back(n);
  }
  // --- persons: repeated IDs, a missing ID, a bad sex value ---
  for (int i = 0; i < 2; ++i) {
    const int32_t dup = SomeBackgroundAdult(p);
    if (dup >= 0) w.planted.person_extras.push_back({dup, {}});
  }
  if (int32_t x = SomeBackgroundAdult(p); x >= 0)
    w.planted.person_extras.push_back({x, Bad(0, "")});
  if (int32_t x = SomeBackgroundAdult(p); x >= 0) w.person_overrides[x] = Bad(2, "未知", true);
  // --- invalid IDs on background-like rows (adults; no clue) ---
  {
    const int32_t guest = p.Aged(A, 37, 'M', false);
    w.BreakCheckDigit(guest);
    const int32_t hotel = p.rng.Pick(w.OfType(InstType::kHotel));
    const Days d = A - static_cast<Days>(p.rng.Range(10, 300));
    w.planted.hotel.push_back(
        {hotel, "9901", guest, Planter::At(d, 21, 0), Planter::At(d + 1, 9, 0), "", -1, {}});
    const int32_t worker = p.Aged(A, 30, 'F', false);
    w.BreakCheckDigit(worker);
    w.planted.employment.push_back(
        {p.rng.Pick(w.OfType(InstType::kEmployer)), worker, A - 500, kNoDay, 0, {}});
  }
  // --- bad rows: rejects and warnings ---
  {
    const int32_t hotel = p.rng.Pick(w.OfType(InstType::kHotel));
    const int32_t guest = p.Aged(A, 45, 'M');
    const Days d = A - static_cast<Days>(p.rng.Range(10, 300));
    // Unparsable required check-in time: rejected.
    w.planted.hotel.push_back({hotel, "9902", guest, Planter::At(d, 20, 0),
                               Planter::At(d + 1, 8, 0), "", -1,
                               Bad(4, fmt::format("{}-02-30 25:00", CivilFromDays(d).year))});
    // Unparsable optional checkout time: a warning (the stay counts 12 hours).
    w.planted.hotel.push_back({hotel, "9903", guest, Planter::At(d + 3, 20, 0),
                               Planter::At(d + 4, 8, 0), "", -1, Bad(5, "待定", true)});
    // Too few fields.
    w.raw_lines["hotel_checkins.csv"].push_back(
        fmt::format("{},9904,{},{}", w.institutions[static_cast<size_t>(hotel)].id, p.Id(guest),
                    p.P(guest).name));
    // A staff row with an impossible hire date, a victim row without ID.
    StaffRow s;
    s.inst = p.rng.Pick(w.OfType(InstType::kHospital));
    s.person = p.Aged(A, 40, 'F');
    s.position = "护士";
    s.hire = A - kYear;
    s.ov = Bad(5, fmt::format("{}-02-30", CivilFromDays(A).year - 3));
    w.planted.staff.push_back(s);
    const int32_t defendant = p.Aged(A, 38, 'M');
    JudgmentRow j = p.Judgment(defendant, "盗窃罪", A - 500, A - 300, "fixed_term", 8, 0, 0);
    j.ov = Bad(11, "八个月", true);  // unparsable prison_months: a warning
    w.planted.victims.push_back({j.case_no, p.Aged(A, 50, 'F'), -1, Bad(1, "")});
    p.Add(std::move(j));
    // Netcafe: a broken JSON line and an unparsable login time.
    w.raw_lines["netcafe_sessions.jsonl"].push_back(fmt::format(
        "{{\"cafe_id\":\"{}\",\"person_id\":\"{}\",\"login_time\":",
        w.institutions[static_cast<size_t>(p.rng.Pick(w.OfType(InstType::kInternetCafe)))].id,
        p.Id(guest)));
    NetcafeRow bad_login;
    bad_login.cafe = p.rng.Pick(w.OfType(InstType::kInternetCafe));
    bad_login.person = guest;
    bad_login.login = Planter::At(d, 10, 0);
    bad_login.logout = Planter::At(d, 12, 0);
    bad_login.terminal = 7;
    bad_login.ov = Bad(2, "昨天晚上");
    w.planted.netcafe.push_back(bad_login);
    // Medical visit with no time; employment with a bad boolean; query with an unknown purpose.
    w.planted.medical.push_back({p.rng.Pick(w.OfType(InstType::kHospital)), guest,
                                 Planter::At(d, 9, 0), "J06.9", "急性上呼吸道感染", Bad(2, "-")});
    w.planted.employment.push_back({p.rng.Pick(w.OfType(InstType::kEmployer)), guest, A - 900,
                                    kNoDay, 0, Bad(4, "可能", true)});
    QueryRow q;
    q.id = w.NewSerial("CX", CivilFromDays(A).year);
    q.subject = guest;
    q.requester = "某人力资源服务有限公司";
    q.time = Planter::At(A - 10, 15, 0);
    q.purpose = "employment";
    q.disclosed = 0;
    q.ov = Bad(4, "背景调查", true);
    w.planted.queries.push_back(q);
    // Enrolment row with an extra field.
    w.raw_lines["enrollments.csv"].push_back(fmt::format(
        "{},{},20230901,,多余字段",
        w.institutions[static_cast<size_t>(p.rng.Pick(w.OfType(InstType::kPrimary)))].id,
        p.Id(guest)));
    // An institution with unreadable coordinates (a warning; it is a hospital).
    const int32_t clinic = p.Place(InstType::kHospital);
    w.institutions[static_cast<size_t>(clinic)].ov = Bad(5, "北纬30度", true);
  }
}

}  // namespace tutela::demo
