// Planted cases of the sexual_sentencing model.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "demo/plant.h"

namespace tutela::demo {

namespace {

constexpr int kYear = 365;
constexpr std::string_view kModel = "sexual_sentencing";

struct SexCase {
  std::string_view charge;
  std::string aggravating, mitigating;
  std::string sentence_type = "fixed_term";
  int32_t months = 0;
  int8_t suspended = 0;
  int32_t ban = 0;
  std::string occupation = "无业";
  std::vector<int> victim_ages = {15};
  bool victim_turns = false;  // the (first) victim turns victim_ages[0] on the offense date
};

struct Planted {
  std::string case_no;
  int32_t defendant = -1;
  Days offense = kNoDay, judged = kNoDay;
  int youngest = 99;  // youngest victim's age at the offense date
};

// The statutory floor in months (0 = none) of datasets' in-scope charges.
int32_t Floor(std::string_view charge, bool aggravated) {
  if (charge == "强奸罪") return aggravated ? 120 : 36;
  if (charge == "猥亵儿童罪" || charge == "强制猥亵、侮辱罪") return aggravated ? 60 : 0;
  if (charge == "负有照护职责人员性侵罪") return aggravated ? 36 : 0;
  return 0;
}

bool HasKeyword(std::string_view occupation) {
  for (std::string_view k : {"教师", "老师", "教练", "保育", "辅导", "培训", "校车", "医生"}) {
    if (occupation.find(k) != std::string_view::npos) return true;
  }
  return false;
}

// Adds the case; `prepare` may add staff rows before the expectations run and
// returns whether the defendant worked at a child-contact place on the offense date.
template <typename Prepare>
Planted Plant(Planter& p, const SexCase& c, std::string_view target, std::string note,
              Prepare prepare, bool blank_id_defendant = false) {
  Planted out;
  out.offense = p.A - static_cast<Days>(p.rng.Range(300, 900));
  out.judged = out.offense + static_cast<Days>(p.rng.Range(100, 280));
  const Days birth = Planter::BornAged(p.A, static_cast<int>(p.rng.Range(25, 55)), p.rng);
  out.defendant = blank_id_defendant ? p.Distinctive(birth, 'M') : p.NewPerson(birth, 'M');
  JudgmentRow j = p.Judgment(out.defendant, c.charge, out.offense, out.judged, c.sentence_type,
                             c.months, c.suspended, c.ban);
  j.aggravating = c.aggravating;
  j.mitigating = c.mitigating;
  j.occupation = c.occupation;
  out.case_no = j.case_no;
  p.Add(std::move(j));
  for (size_t i = 0; i < c.victim_ages.size(); ++i) {
    const int age = c.victim_ages[i];
    const Days vb = (i == 0 && c.victim_turns) ? Planter::BornTurning(out.offense, age)
                                               : Planter::BornAged(out.offense, age, p.rng);
    const int32_t v = p.NewPerson(vb, c.charge == "猥亵儿童罪" && p.rng.Chance(1, 3) ? 'M' : 'F');
    p.Victim(out.case_no, v);
    out.youngest = std::min(out.youngest, p.AgeOn(v, out.offense));
  }
  const bool worked = prepare(out);
  if (out.youngest >= 18) {
    if (target.empty()) return out;
    p.Expect(kModel, target, {{"case_no", out.case_no}, {"defendant_id", p.Id(out.defendant)}}, "",
             false, std::move(note));
    return out;
  }
  const bool agg = !c.aggravating.empty();
  const bool zero = c.sentence_type == "exempt" || c.sentence_type == "fine_only" ||
                    c.sentence_type == "criminal_detention" ||
                    c.sentence_type == "public_surveillance";
  const bool infinite = c.sentence_type == "life" || c.sentence_type == "death";
  const int64_t months = zero ? 0 : (c.months == kNoInt ? 0 : c.months);
  const int32_t floor = Floor(c.charge, agg);
  const std::map<std::string_view, std::pair<bool, std::string_view>> rules = {
      {"below_statutory_floor",
       {floor > 0 && !infinite && months < floor && c.mitigating.empty(), "high"}},
      {"suspended_for_child_victim", {c.suspended == 1 && out.youngest < 14, "high"}},
      {"missing_occupational_ban",
       {(c.ban == 0 || c.ban == kNoInt) && (worked || HasKeyword(c.occupation)), "medium"}},
  };
  for (const auto& [rule, result] : rules) {
    if (!result.first && rule != target) continue;
    p.Expect(kModel, rule, {{"case_no", out.case_no}, {"defendant_id", p.Id(out.defendant)}},
             result.second, result.first,
             rule == target ? note : std::string("同时触发 / also fires: ") + note);
  }
  return out;
}

Planted Plant(Planter& p, const SexCase& c, std::string_view target, std::string note) {
  return Plant(p, c, target, std::move(note), [](const Planted&) { return false; });
}

// A case whose defendant has a staff row at `type` from hire..leave (offsets
// from the offense date); returns the case.
Planted PlantWorked(Planter& p, const SexCase& c, InstType type, std::string_view position,
                    int hire_offset, int leave_offset, bool blank_id, std::string note) {
  return Plant(
      p, c, "missing_occupational_ban", std::move(note),
      [&](const Planted& out) {
        const int32_t inst = p.Place(type);
        const Days hire = out.offense + hire_offset, leave = out.offense + leave_offset;
        p.Staff(inst, out.defendant, position, hire, leave);
        if (blank_id) {
          StaffRow& s = p.w.planted.staff.back();
          s.blank_id = true;
          s.birth = p.P(out.defendant).birth;
        }
        return ChildContact(type) && hire <= out.offense && out.offense <= leave;
      },
      blank_id);
}

void OutlierNote(Planter& p, const Planted& c, std::string note) {
  p.w.outlier_notes[c.case_no] = std::move(note);
}

}  // namespace

void PlantSexualSentencing(Planter& p) {
  // --- below_statutory_floor ---
  Plant(p, {"强奸罪", "", "", "fixed_term", 30}, "below_statutory_floor",
        "强奸罪无从重情节判30个月，低于3年 / rape, 30 months, below the 3-year floor");
  Plant(p, {"猥亵儿童罪", "victim_under_10", "", "fixed_term", 48, 0, 0, "无业", {9}},
        "below_statutory_floor",
        "猥亵不满10岁儿童从重，判48个月低于5年 / aggravated child molestation, 48 < 60 months");
  Plant(p, {"强奸罪", "multiple_victims", "", "criminal_detention", 6, 0, 0, "无业", {16, 17}},
        "below_statutory_floor",
        "强奸多名被害人仅判拘役 / rape of several victims, criminal detention only");
  Plant(p, {"负有照护职责人员性侵罪", "repeated", "", "fixed_term", 24, 0, 0, "无业", {15}},
        "below_statutory_floor",
        "负有照护职责人员多次性侵判24个月 / caretaker, repeated, 24 < 36 months");
  Plant(p, {"强奸罪", "", "", "fixed_term", 36, 0, 0, "无业", {16}}, "below_statutory_floor",
        "近似：刑期恰为法定最低36个月 / near miss: exactly the 36-month floor");
  const Planted n2 =
      Plant(p, {"强奸罪", "public_place", "accessory", "fixed_term", 110, 0, 0, "无业", {17}},
            "below_statutory_floor",
            "近似：低于10年但有从犯减轻情节 / near miss: below 10 years, mitigating 'accessory'");
  OutlierNote(p, n2,
              "近似：同组成员，110个月未低于阈值 / near miss: peer member, 110 months is above the "
              "threshold");
  Plant(p, {"猥亵儿童罪", "", "", "fixed_term", 12, 0, 0, "无业", {11}}, "below_statutory_floor",
        "近似：猥亵儿童罪无从重情节无下限 / near miss: no floor without aggravation");
  Plant(p, {"强奸罪", "", "", "fixed_term", 24, 0, 0, "无业", {18}, true}, "below_statutory_floor",
        "近似：被害人案发当日满18岁，不在范围 / near miss: victim turned 18 on the offense date");
  Plant(p, {"强奸罪", "heinous", "", "life", kNoInt, 0, 0, "无业", {12}}, "below_statutory_floor",
        "近似：无期徒刑 / near miss: life imprisonment");

  // --- suspended_for_child_victim ---
  Plant(p, {"猥亵儿童罪", "", "", "fixed_term", 12, 1, 0, "无业", {10}},
        "suspended_for_child_victim", "猥亵10岁儿童适用缓刑 / suspended sentence, victim aged 10");
  Plant(p, {"强制猥亵、侮辱罪", "", "", "fixed_term", 18, 1, 0, "无业", {13, 16}},
        "suspended_for_child_victim", "缓刑，最小被害人13岁 / suspended, youngest victim 13");
  Plant(p, {"强奸罪", "", "surrender", "fixed_term", 36, 1, 0, "无业", {13}},
        "suspended_for_child_victim", "强奸13岁被害人适用缓刑 / rape of a 13-year-old, suspended");
  Plant(p, {"强制猥亵、侮辱罪", "", "", "fixed_term", 12, 1, 0, "无业", {14}, true},
        "suspended_for_child_victim",
        "近似：被害人案发当日满14岁 / near miss: victim turned 14 on the offense date");
  const Planted s2 =
      Plant(p, {"强制猥亵、侮辱罪", "", "", "fixed_term", 30, 0, 0, "无业", {13}},
            "suspended_for_child_victim", "近似：未适用缓刑 / near miss: not suspended");
  OutlierNote(
      p, s2,
      "近似：同组成员，30个月高于阈值 / near miss: peer member, 30 months is above the threshold");

  // --- missing_occupational_ban ---
  Plant(p, {"猥亵儿童罪", "", "", "fixed_term", 36, 0, 0, "小学教师", {8}},
        "missing_occupational_ban",
        "被告人为小学教师，未宣告从业禁止 / a primary teacher, no occupational ban");
  const Planted m2 = PlantWorked(
      p, {"强制猥亵、侮辱罪", "", "", "fixed_term", 30, 0, 0, "保安", {5}}, InstType::kKindergarten,
      "保安", -2 * kYear, 30, false,
      "案发时在幼儿园任职（从业人员表）/ worked at a kindergarten on the offense date (staff)");
  OutlierNote(
      p, m2,
      "近似：同组成员，30个月高于阈值 / near miss: peer member, 30 months is above the threshold");
  Plant(p, {"强奸罪", "", "", "fixed_term", 60, 0, kNoInt, "篮球教练", {15}},
        "missing_occupational_ban",
        "被告人为篮球教练，从业禁止为空 / a basketball coach, ban left empty");
  PlantWorked(
      p, {"强制猥亵、侮辱罪", "caretaker", "", "fixed_term", 72, 0, 0, "个体", {12}},
      InstType::kTraining, "辅导老师", -kYear, 10, true,
      "培训机构任职，从业记录按姓名+出生日期关联 / trainer, staff row linked by name + birth date");
  Plant(p, {"猥亵儿童罪", "", "", "fixed_term", 40, 0, 3, "初中教师", {9}},
        "missing_occupational_ban",
        "近似：已宣告从业禁止3年 / near miss: a 3-year ban was imposed");
  PlantWorked(p, {"强奸罪", "", "", "fixed_term", 48, 0, 0, "司机", {16}}, InstType::kHotel, "司机",
              -kYear, 100, false, "近似：任职单位为旅馆 / near miss: worked at a hotel");
  PlantWorked(p, {"猥亵儿童罪", "", "", "fixed_term", 40, 0, 0, "务工", {10}}, InstType::kPrimary,
              "保安", 1, 20, false,
              "近似：案发次日才入职 / near miss: hired the day after the offense");
  PlantWorked(p, {"猥亵儿童罪", "", "", "fixed_term", 40, 0, 0, "务工", {7}},
              InstType::kKindergarten, "厨师", -3 * kYear, -1, false,
              "近似：案发前一日离职 / near miss: left the day before the offense");

  // --- sentence_outlier peer groups (expectations computed over all rows) ---
  for (int32_t m : {132, 138, 144, 144, 150, 150, 156, 162, 168, 180}) {
    Plant(p,
          {"强奸罪",
           p.rng.Chance(1, 2) ? "multiple_victims" : "public_place",
           "",
           "fixed_term",
           m,
           0,
           0,
           "务工",
           {static_cast<int>(p.rng.Range(14, 17))}},
          "", "");
  }
  OutlierNote(
      p, Plant(p, {"强奸罪", "injury", "surrender", "fixed_term", 84, 0, 0, "务工", {15}}, "", ""),
      "强奸罪从重组中位数147个月，本案84个月 / aggravated rape peers: median 147, this 84 months");
  for (int32_t m : {60, 66, 72, 72, 78, 84, 90, 96}) {
    Plant(p,
          {"猥亵儿童罪",
           "victim_under_10",
           "",
           "fixed_term",
           m,
           0,
           0,
           "务工",
           {static_cast<int>(p.rng.Range(6, 9))}},
          "", "");
  }
  OutlierNote(
      p,
      Plant(p, {"猥亵儿童罪", "victim_under_10", "attempt", "fixed_term", 24, 0, 0, "务工", {8}},
            "", ""),
      "猥亵儿童罪从重组中位数72个月，本案24个月 / aggravated child molestation: median 72, this "
      "24");
  for (int i = 0; i < 8; ++i) {
    Plant(p,
          {"强制猥亵、侮辱罪",
           "",
           "",
           "fixed_term",
           24,
           0,
           0,
           "务工",
           {static_cast<int>(p.rng.Range(14, 17))}},
          "", "");
  }
  OutlierNote(
      p, Plant(p, {"强制猥亵、侮辱罪", "", "", "fixed_term", 8, 0, 0, "务工", {15}}, "", ""),
      "MAD为0，s=0.25×中位数24=6，阈值9，本案8个月 / MAD 0: s = 6, threshold 9, this 8 months");
  OutlierNote(p,
              Plant(p, {"强制猥亵、侮辱罪", "", "", "fixed_term", 9, 0, 0, "务工", {16}}, "", ""),
              "近似：9个月恰等于阈值（须严格小于）/ near miss: 9 months equals the threshold (must "
              "be below)");
}

}  // namespace tutela::demo

namespace tutela::demo {

namespace {

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

}  // namespace

void ExpectSentenceOutliers(World& world) {
  std::map<std::string, std::vector<int32_t>> victims;
  for (const Rows* rows : {&world.background, &world.planted}) {
    for (const VictimRow& v : rows->victims) victims[v.case_no].push_back(v.victim);
  }
  std::map<std::pair<std::string, bool>, std::vector<const JudgmentRow*>> groups;
  for (const Rows* rows : {&world.background, &world.planted}) {
    for (const JudgmentRow& j : rows->judgments) {
      if (Floor(j.charge, true) == 0) continue;  // not one of the four charges
      const Days d = j.offense != kNoDay ? j.offense : j.judgment_date;
      bool minor = false;
      for (int32_t v : victims[j.case_no]) {
        minor = minor || AgeAt(world.persons[static_cast<size_t>(v)].birth, d) < 18;
      }
      if (!minor || j.sentence_type != "fixed_term" || j.suspended == 1 || j.months == kNoInt)
        continue;
      groups[{j.charge, !j.aggravating.empty()}].push_back(&j);
    }
  }
  for (const auto& [group, members] : groups) {
    if (members.size() < 8) continue;
    std::vector<double> x;
    for (const JudgmentRow* j : members) x.push_back(j->months);
    const double median = Median(x);
    std::vector<double> dev;
    for (double v : x) dev.push_back(v > median ? v - median : median - v);
    const double mad = Median(dev);
    const double s = mad == 0 ? 0.25 * median : 1.4826 * mad;
    const double threshold = median - 2.5 * s;
    for (const JudgmentRow* j : members) {
      const bool outlier = j->months < threshold;
      auto note = world.outlier_notes.find(j->case_no);
      if (!outlier && note == world.outlier_notes.end()) continue;
      Expectation e;
      e.model = std::string(kModel);
      e.rule = "sentence_outlier";
      e.keys = {
          {"case_no", j->case_no},
          {"defendant_id", std::string(world.persons[static_cast<size_t>(j->defendant)].Id())}};
      e.severity = "medium";
      e.fires = outlier;
      e.note = fmt::format(
          "{}（{}{}组 n={}，中位数 {:g}，阈值 {:g} / {} group n={}, median {:g}, "
          "threshold {:g}）",
          note != world.outlier_notes.end() ? note->second : "显著低于同组 / far below peers",
          group.first, group.second ? "从重" : "无从重", members.size(), median, threshold,
          group.second ? "aggravated" : "plain", members.size(), median, threshold);
      world.expectations.push_back(std::move(e));
    }
  }
}

}  // namespace tutela::demo
