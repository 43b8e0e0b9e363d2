// Planted cases of mandatory_report, child_labor, dropout and guardian_absent.
#include <fmt/format.h>

#include "demo/plant.h"

namespace tutela::demo {

namespace {

constexpr int kYear = 365;
constexpr Seconds kHour = 3600;

void Visit(Planter& p, int32_t hospital, int32_t patient, Seconds t, std::string code,
           std::string diagnosis) {
  p.w.planted.medical.push_back({hospital, patient, t, std::move(code), std::move(diagnosis), {}});
}

void Report(Planter& p, int32_t reporter, int32_t subject, Seconds t, std::string category) {
  p.w.planted.reports.push_back({p.w.NewSerial("BG", CivilFromDays(DateOf(t)).year),
                                 reporter,
                                 subject,
                                 t,
                                 std::move(category),
                                 {}});
}

bool HarmCode(std::string_view code) {
  // shared/data/icd10_minor_harm.csv, after trimming and upper-casing.
  std::string c;
  for (char ch : code) {
    if (ch != ' ') c.push_back(ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 32) : ch);
  }
  for (std::string_view prefix :
       {"O", "Z32.1", "Z33", "Z34", "Z35", "Z36", "Z37", "Z39", "T74.2", "T76.2", "A51", "A54"}) {
    if (c.compare(0, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

// A visit (or two on one day) and reports at the given hour offsets.
// `age` on the visit day; with `turned`, the birthday was the day before.
void Harm(Planter& p, int age, bool turned, char sex, std::vector<int> visit_hours,
          std::string code, std::string diagnosis, std::vector<int> report_offsets_h,
          std::string note) {
  const Days day = p.A - static_cast<Days>(p.rng.Range(10, 500));
  const Days birth =
      turned ? Planter::BornTurning(day - 1, age) : Planter::BornAged(day, age, p.rng);
  const int32_t patient = p.NewPerson(birth, sex);
  const auto& hospitals = p.w.OfType(InstType::kHospital);
  const int32_t hospital = p.rng.Pick(hospitals);
  bool any_unreported = false;
  for (int h : visit_hours) {
    const Seconds t = Planter::At(day, h, 20);
    Visit(p, hospital, patient, t, code, diagnosis);
    bool reported = false;
    for (int off : report_offsets_h) {
      const Seconds r = Planter::At(day, visit_hours[0], 20) + off * kHour;
      reported = reported || (r >= t - 24 * kHour && r <= t + 24 * kHour);
    }
    any_unreported = any_unreported || !reported;
  }
  for (int off : report_offsets_h) {
    Report(p, hospital, patient, Planter::At(day, visit_hours[0], 20) + off * kHour, "疑似性侵害");
  }
  const bool fires = AgeAt(birth, day) < 14 && HarmCode(code) && any_unreported;
  p.Expect("mandatory_report", "unreported_harm",
           {{"patient_id", p.Id(patient)},
            {"hospital_id", p.I(hospital).id},
            {"visit_date", FormatDate(day)}},
           "high", fires, std::move(note));
}

void Work(Planter& p, Days birth, Days start, int8_t hazardous, std::string note) {
  const int32_t person = p.NewPerson(birth, p.rng.Chance(1, 2) ? 'M' : 'F');
  const int32_t employer = p.Place(InstType::kEmployer);
  p.w.planted.employment.push_back({employer, person, start, kNoDay, hazardous, {}});
  p.Expect("child_labor", "child_employed",
           {{"person_id", p.Id(person)}, {"employer_id", p.I(employer).id}},
           hazardous == 1 ? "high" : "medium", AgeAt(birth, start) < 16, std::move(note));
}

// A school-age child whose enrolment (if any) is given by `enroll`.
void Child(Planter& p, Days birth, Days deceased, bool unknown_age, InstType school, Days enroll,
           Days leave, std::string note) {
  const int32_t child = p.NewPerson(birth, p.rng.Chance(1, 2) ? 'M' : 'F');
  Person& c = p.P(child);
  c.flags |= kNoAutoEnroll;
  c.deceased = deceased;
  if (unknown_age) {
    p.w.BreakBirthDigits(child);
    c.flags |= kNoBirthDate;
  }
  bool active = false;
  if (enroll != kNoDay) {
    const int32_t s = p.rng.Pick(p.w.OfType(school));
    p.w.planted.enrollments.push_back({s, child, enroll, leave, {}});
    active = enroll <= p.A && (leave == kNoDay || leave > p.A) &&
             (school == InstType::kPrimary || school == InstType::kMiddle ||
              school == InstType::kHigh || school == InstType::kVocational);
  }
  const int age = AgeAt(birth, p.A);
  const bool alive = deceased == kNoDay || deceased > p.A;
  const bool fires = alive && !unknown_age && age >= 7 && age <= 15 && !active;
  p.Expect("dropout", "not_enrolled", {{"person_id", p.Id(child)}}, "medium", fires,
           std::move(note));
}

struct Guardian {
  Days deceased = kNoDay;
  Days det_start = kNoDay, det_end = kNoDay;
  std::string kind = "prison";
  bool registered = true;
};
void Guarded(Planter& p, Days minor_birth, bool minor_registered, const std::vector<Guardian>& gs,
             std::string note) {
  const int32_t minor = p.NewPerson(minor_birth, p.rng.Chance(1, 2) ? 'M' : 'F', minor_registered);
  bool all_unavailable = true;
  int i = 0;
  for (const Guardian& g : gs) {
    const int32_t guardian =
        p.Aged(p.A, static_cast<int>(p.rng.Range(32, 60)), i == 0 ? 'M' : 'F', g.registered);
    Person& gp = p.P(guardian);
    gp.deceased = g.deceased;
    if (minor_registered && g.registered && i < 2) gp.household = p.P(minor).household;
    p.w.planted.guardians.push_back(
        {minor, guardian, i == 0 ? "父" : (i == 1 ? "母" : "祖父母"), {}});
    if (g.det_start != kNoDay)
      p.w.planted.detentions.push_back({guardian, g.kind, g.det_start, g.det_end, {}});
    const bool dead = g.registered && g.deceased != kNoDay && g.deceased <= p.A;
    const bool held =
        g.det_start != kNoDay && g.det_start <= p.A && (g.det_end == kNoDay || g.det_end >= p.A);
    all_unavailable = all_unavailable && (dead || held);
    ++i;
  }
  const bool fires = AgeAt(minor_birth, p.A) < 18 && all_unavailable;
  p.Expect("guardian_absent", "no_available_guardian", {{"minor_id", p.Id(minor)}}, "high", fires,
           std::move(note));
}

}  // namespace

void PlantMandatoryReport(Planter& p) {
  Harm(p, 13, false, 'F', {10}, "O20.0", "先兆流产", {},
       "13岁女孩先兆流产，无强制报告 / girl of 13, threatened abortion, no report");
  Harm(p, 12, false, 'F', {9}, "t74.2", "性虐待", {25},
       "诊断编码小写，报告晚于就诊25小时 / lower-case code, report 25 h after the visit");
  Harm(p, 8, false, 'M', {10, 15}, "T76.2", "疑似性虐待", {-25},
       "同日两次就诊，报告早于首诊25小时 / two visits on one day, report 25 h before the first");
  Harm(p, 11, false, 'F', {16}, " Z34.0 ", "正常妊娠监督", {},
       "11岁女孩妊娠监督（编码带空格）/ girl of 11, pregnancy supervision (code padded)");
  Harm(p, 12, false, 'F', {11}, "T74.2", "性虐待", {23},
       "近似：就诊后23小时报告 / near miss: reported 23 h later");
  Harm(p, 13, false, 'F', {14}, "O03.9", "自然流产", {-24},
       "近似：报告恰在就诊前24小时 / near miss: reported exactly 24 h before");
  Harm(p, 14, true, 'F', {10}, "O20.0", "先兆流产", {},
       "近似：就诊前一日满14岁 / near miss: turned 14 the day before the visit");
  Harm(p, 10, false, 'F', {10}, "Z32.0", "妊娠试验阴性", {},
       "近似：Z32.0 不在清单（仅 Z32.1）/ near miss: Z32.0 is not listed (only Z32.1)");
}

void PlantChildLabor(Planter& p) {
  auto start = [&] { return p.A - static_cast<Days>(p.rng.Range(30, 400)); };
  Days s = start();
  Work(p, Planter::BornAged(s, 15, p.rng), s, 1, "15岁从事危重劳动 / aged 15, hazardous work");
  s = start();
  Work(p, Planter::BornAged(s, 14, p.rng), s, 0, "14岁被招用 / aged 14");
  s = start();
  Work(p, Planter::BornTurning(s + 1, 16), s, -1,
       "入职次日满16岁 / turns 16 the day after starting");
  s = start();
  Work(p, Planter::BornTurning(s, 16), s, 0,
       "近似：入职当日满16岁 / near miss: turned 16 on the start date");
  s = start();
  Work(p, Planter::BornAged(s, 17, p.rng), s, 1, "近似：17岁 / near miss: aged 17");
}

void PlantDropout(Planter& p) {
  const Days A = p.A;
  const CivilDate c = CivilFromDays(A);
  const int sy = c.month >= 9 ? c.year : c.year - 1;
  const Days sept = DaysFromCivil(sy, 9, 1);
  Child(p, Planter::BornAged(A, 12, p.rng), kNoDay, false, InstType::kPrimary, kNoDay, kNoDay,
        "12岁无学籍 / aged 12, no enrolment");
  Child(p, Planter::BornAged(A, 14, p.rng), kNoDay, false, InstType::kMiddle, sept - kYear, A,
        "14岁，离校日期为基准日 / aged 14, left school on the as-of date");
  Child(p, Planter::BornAged(A, 9, p.rng), kNoDay, false, InstType::kTraining, sept, kNoDay,
        "9岁，仅在校外培训机构登记 / aged 9, enrolled only at a training centre");
  Child(p, Planter::BornTurning(A, 7), kNoDay, false, InstType::kPrimary, kNoDay, kNoDay,
        "基准日当天满7岁，无学籍 / turned 7 on the as-of date, not enrolled");
  Child(p, Planter::BornAged(A, 11, p.rng), kNoDay, false, InstType::kPrimary, A + 1, kNoDay,
        "11岁，入学日期在基准日之后 / aged 11, enrolment starts the day after A");
  Child(p, Planter::BornTurning(A + 1, 7), kNoDay, false, InstType::kPrimary, kNoDay, kNoDay,
        "近似：基准日次日才满7岁 / near miss: turns 7 the day after A");
  Child(p, Planter::BornTurning(A, 16), kNoDay, false, InstType::kPrimary, kNoDay, kNoDay,
        "近似：基准日满16岁 / near miss: turned 16 on A");
  Child(p, Planter::BornAged(A, 13, p.rng), A, false, InstType::kPrimary, kNoDay, kNoDay,
        "近似：基准日死亡 / near miss: died on the as-of date");
  Child(p, Planter::BornAged(A, 10, p.rng), kNoDay, false, InstType::kPrimary, sept - 3 * kYear,
        A + 1,
        "近似：离校日期为基准日次日，仍在读 / near miss: leaves the day after A, still enrolled");
  Child(p, Planter::BornAged(A, 12, p.rng), kNoDay, true, InstType::kPrimary, kNoDay, kNoDay,
        "近似：出生日期为空且身份证号无有效日期，年龄未知 / near miss: age unknown (no birth date, "
        "ID "
        "without a date)");
}

void PlantGuardianAbsent(Planter& p) {
  const Days A = p.A;
  auto aged = [&](int years) { return Planter::BornAged(A, years, p.rng); };
  Guarded(p, aged(10), true, {{A - 2 * kYear}, {kNoDay, A - kYear, A + 2 * kYear, "prison"}},
          "父亲已死亡，母亲服刑中 / father dead, mother in prison");
  Guarded(p, aged(5), true, {{kNoDay, A - 30, kNoDay, "rehab"}},
          "唯一监护人强制戒毒中 / the only guardian is in compulsory rehabilitation");
  Guarded(p, aged(15), false, {{kNoDay, A - 10, A, "detention"}, {A}},
          "无人口登记的未成年人；父亲羁押至基准日，母亲于基准日死亡 / minor without a persons row; "
          "father held until A, mother died on A");
  Guarded(p, aged(9), true, {{A - kYear}, {kNoDay, A - 200, A - 1, "detention"}},
          "近似：母亲羁押于基准日前一日结束 / near miss: mother released the day before A");
  Guarded(p, aged(6), true, {{kNoDay, A + 1, kNoDay, "detention"}},
          "近似：监护人羁押自基准日次日开始 / near miss: custody starts the day after A");
  Guarded(p, Planter::BornTurning(A, 18), true, {{A - kYear}, {A - 100}},
          "近似：基准日满18岁 / near miss: turned 18 on A");
  Guarded(
      p, aged(11), true, {{A - kYear}, {kNoDay, kNoDay, kNoDay, "prison", false}},
      "近似：另一监护人既无人口登记也无羁押记录，视为可监护 / near miss: the other guardian has "
      "no persons row and no custody, so counts as available");
}

}  // namespace tutela::demo
