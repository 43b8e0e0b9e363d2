// Planted cases of the entry_ban model (barred records, occupational bans).
#include <fmt/format.h>

#include "demo/justice_rows.h"
#include "demo/plant.h"

namespace tutela::demo {

namespace {

constexpr int kYear = 365;
constexpr std::string_view kModel = "entry_ban";

bool IsBarredCharge(std::string_view charge) {
  const ChargeInfo* c = FindCharge(charge);
  return c != nullptr && (c->category == "sexual" || c->category == "abuse" ||
                          c->category == "trafficking" || c->category == "violent");
}

// A staff member of `type` with a judgment for `charge`; expectation computed
// from the rule's conditions.
void Barred(Planter& p, InstType type, std::string_view position, std::string_view charge,
            Days judged, Days hire, Days leave, bool blank_id, bool traditional, std::string note) {
  const Days birth = Planter::BornAged(p.A, static_cast<int>(p.rng.Range(30, 50)), p.rng);
  const char sex = charge.find("猥亵") != std::string_view::npos || charge == "强奸罪" ? 'M'
                   : p.rng.Chance(1, 2)                                                ? 'M'
                                                                                       : 'F';
  const int32_t person =
      blank_id ? (traditional ? p.DistinctiveTraditional(birth, sex) : p.Distinctive(birth, sex))
               : p.NewPerson(birth, sex);
  const int32_t inst = p.Place(type);
  JudgmentRow j = p.Judgment(person, charge, judged - 200, judged, "fixed_term", 24, 0, 0);
  const std::string case_no = j.case_no;
  p.Add(std::move(j));
  if (charge.find("猥亵") != std::string_view::npos || charge == "强奸罪") {
    // An adult victim: a barred record, but no case about a child.
    p.Victim(case_no, p.Aged(judged - 200, 26, 'F'));
  }
  p.Staff(inst, person, position, hire, leave);
  if (blank_id) {
    StaffRow& s = p.w.planted.staff.back();
    s.blank_id = true;
    s.birth = birth;
  }
  const Days end = leave == kNoDay ? p.A : leave;
  const bool fires = ChildContact(type) && IsBarredCharge(charge) && judged <= end && hire <= p.A;
  const ChargeInfo* info = FindCharge(charge);
  p.Expect(kModel, "barred_record_employed",
           {{"person_id", p.Id(person)}, {"institution_id", p.I(inst).id}},
           info != nullptr && info->category == "sexual" ? "high" : "medium", fires,
           std::move(note));
}

// A staff member whose employment is compared with a ban period.
void Ban(Planter& p, InstType type, std::string_view charge, Days judged, int32_t months,
         int8_t suspended, int32_t ban_years, Days hire, Days leave, std::string note) {
  const int32_t person = p.Aged(p.A, static_cast<int>(p.rng.Range(30, 50)), 'M');
  const int32_t inst = p.Place(type);
  JudgmentRow j =
      p.Judgment(person, charge, judged - 150, judged, "fixed_term", months, suspended, ban_years);
  const std::string case_no = j.case_no;
  p.Add(std::move(j));
  p.Staff(inst, person, type == InstType::kHotel ? "前台" : "销售", hire, leave);
  const Days start = AddMonths(judged, suspended == 1 ? 0 : months);
  const Days end = AddYears(start, ban_years);
  const Days emp_end = leave == kNoDay ? p.A : leave;
  const bool fires = ban_years > 0 && hire < end && emp_end >= start;
  p.Expect(kModel, "occupational_ban_violated",
           {{"person_id", p.Id(person)}, {"institution_id", p.I(inst).id}, {"case_no", case_no}},
           "high", fires, std::move(note));
}

}  // namespace

void PlantEntryBan(Planter& p) {
  const Days A = p.A;
  // --- barred_record_employed ---
  Barred(p, InstType::kKindergarten, "保育员", "强制猥亵、侮辱罪", A - 10 * kYear, A - 3 * kYear,
         kNoDay, false, false,
         "幼儿园保育员有强制猥亵罪前科 / kindergarten carer with an indecent-assault conviction");
  Barred(p, InstType::kPrimary, "教师", "故意伤害罪", A - 6 * kYear, A - 2 * kYear, kNoDay, false,
         false, "小学教师有故意伤害罪前科 / primary teacher with an assault conviction");
  Barred(
      p, InstType::kTraining, "培训讲师", "虐待罪", A - 4 * kYear, A - kYear, kNoDay, true, true,
      "培训机构讲师，从业记录无身份证号，按姓名（人口库为繁体）+出生日期关联 / trainer linked by "
      "name (traditional in persons) + birth date");
  Barred(p, InstType::kMiddle, "宿管员", "组织卖淫罪", A - 8 * kYear, A - 5 * kYear, A - 100, false,
         false, "已离职的中学宿管员，判决早于离职 / former dorm keeper, judged before leaving");
  Barred(p, InstType::kHotel, "前台", "故意伤害罪", A - 5 * kYear, A - 2 * kYear, kNoDay, false,
         false, "近似：旅馆不是涉未成年人单位 / near miss: a hotel is not a child-contact place");
  Barred(p, InstType::kPrimary, "保安", "抢劫罪", A - 200, A - 3 * kYear, A - 201, false, false,
         "近似：判决日期为离职次日 / near miss: judged one day after leaving");
  Barred(p, InstType::kKindergarten, "厨师", "盗窃罪", A - 3 * kYear, A - kYear, kNoDay, false,
         false, "近似：盗窃罪不属于禁止类别 / near miss: theft is not a barred category");
  Barred(p, InstType::kKindergarten, "保安", "故意伤害罪", A - 3 * kYear, A + 1, kNoDay, false,
         false, "近似：入职日期在基准日之后 / near miss: hired the day after the as-of date");
  {
    // Ambiguous identity: two registered people share name and birth date.
    const Days birth = Planter::BornAged(A, 41, p.rng);
    const int32_t first = p.Distinctive(birth, 'M');
    World::PersonSpec twin;
    twin.birth = birth;
    twin.sex = 'M';
    twin.name = p.P(first).name;
    twin.role = Role::kPlanted;
    const int32_t second = p.w.NewPerson(twin, p.rng);
    const int32_t inst = p.Place(InstType::kPrimary);
    JudgmentRow j = p.Judgment(second, "故意伤害罪", A - 3 * kYear - 150, A - 3 * kYear,
                               "fixed_term", 18, 1, 0);
    p.Add(std::move(j));
    StaffRow s;
    s.inst = inst;
    s.blank_id = true;
    s.name = p.P(first).name;
    s.birth = birth;
    s.position = "教师";
    s.hire = A - 2 * kYear;
    p.w.planted.staff.push_back(std::move(s));
    p.Expect(
        kModel, "barred_record_employed",
        {{"person_id", p.Id(second)}, {"institution_id", p.I(inst).id}}, "medium", false,
        "近似：姓名+出生日期对应两人，无法关联 / near miss: name + birth date match two people "
        "(ambiguous, not linked)");
  }

  // --- occupational_ban_violated ---
  Ban(p, InstType::kEmployer, "诈骗罪", A - 4 * kYear, 24, 0, 3, A - kYear, kNoDay,
      "刑满后从业禁止期内任职 / employed during the ban after the prison term");
  Ban(p, InstType::kHotel, "盗窃罪", A - kYear, 12, 1, 2, A - 180, A - 30,
      "缓刑，从业禁止自判决日起算 / suspended sentence: the ban starts on the judgment date");
  // End-of-month clamp: judged on 31 January of a year before a leap year.
  int y = CivilFromDays(A).year - 1;
  while (!IsLeapYear(y + 1) || DaysFromCivil(y + 1, 2, 28) >= A) --y;
  const Days jan31 = DaysFromCivil(y, 1, 31);
  const Days ban_end = AddYears(AddMonths(jan31, 1), 1);  // clamped start + 1 year
  Ban(p, InstType::kInternetCafe, "诈骗罪", jan31, 1, 0, 1, ban_end - 1, kNoDay,
      fmt::format(
          "月末截断：禁止期止于 {}，入职于前一日 / month-end clamp: ban ends {}, hired the day "
          "before",
          FormatDate(ban_end), FormatDate(ban_end)));
  Ban(p, InstType::kInternetCafe, "诈骗罪", jan31, 1, 0, 1, ban_end, kNoDay,
      fmt::format(
          "近似：入职日恰为禁止期届满日 {}（不是闰日）/ near miss: hired on the day the ban "
          "ends, {} (not 29 February)",
          FormatDate(ban_end), FormatDate(ban_end)));
  {
    const Days judged = A - 3 * kYear;
    const Days start = AddMonths(judged, 12);
    Ban(p, InstType::kEmployer, "诈骗罪", judged, 12, 0, 2, judged - 2 * kYear, start - 1,
        "近似：在禁止期开始前一日离职 / near miss: left the day before the ban began");
  }
}

}  // namespace tutela::demo
