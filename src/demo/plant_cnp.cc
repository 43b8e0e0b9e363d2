// Planted cases of the conditional_non_prosecution model.
#include <fmt/format.h>

#include "demo/justice_rows.h"
#include "demo/plant.h"

namespace tutela::demo {

namespace {

constexpr int kYear = 365;
constexpr std::string_view kModel = "conditional_non_prosecution";
constexpr std::string_view kCnp = "conditional_non_prosecution";

struct Suspect {
  int age = 16;             // at the offense date
  bool turns_next = false;  // turns age+1 the day after the offense
  bool turned = false;      // turned `age` on the offense date
  bool unknown_age = false;
};

// Records the expectations of every rule for a planted case: all rules that
// fire, plus the target rule as a near miss when it does not.
void Evaluate(Planter& p, const CaseRow& c, bool age_known, const std::vector<TaskRow>& tasks,
              const std::vector<Days>& reoffenses, std::string_view target,
              const std::string& note) {
  const Days A = p.A;
  const ChargeInfo* charge = FindCharge(c.charge);
  const bool eligible = age_known && p.AgeOn(c.suspect, c.offense) < 18 && charge != nullptr &&
                        charge->chapter >= 4 && charge->chapter <= 6 && c.expected != kNoInt &&
                        c.expected <= 12 && c.confessed == 1;
  const bool cnp = c.decision == kCnp;
  const bool has_probation = cnp && c.decision_date != kNoDay && c.probation != kNoInt;
  const Days end = has_probation ? AddMonths(c.decision_date, c.probation) : kNoDay;
  const bool running = has_probation && c.decision_date <= A && A < end;
  int overdue = 0;
  for (const TaskRow& t : tasks) {
    if (t.due < A && (t.done == kNoDay || t.done > t.due + 7)) ++overdue;
  }
  bool reoffended = false;
  for (Days d : reoffenses)
    reoffended = reoffended || (has_probation && d >= c.decision_date && d < end);
  struct R {
    std::string_view rule;
    bool fires;
    std::string_view severity;
  };
  const R rules[] = {
      {"eligible_but_prosecuted", eligible && c.decision == "prosecute", "medium"},
      {"ineligible_but_granted", cnp && !eligible, "medium"},
      {"probation_period_invalid",
       cnp && (c.probation == kNoInt || c.probation < 6 || c.probation > 12), "medium"},
      {"tasks_overdue", running && overdue >= 2, overdue >= 3 ? "high" : "medium"},
      {"reoffended_during_probation", reoffended, "medium"},
      {"probation_ending", has_probation && A < end && end <= A + 30, "medium"},
  };
  for (const R& r : rules) {
    if (!r.fires && r.rule != target) continue;
    p.Expect(kModel, r.rule, {{"case_id", c.case_id}}, r.severity, r.fires,
             r.rule == target ? note : "同时触发 / also fires: " + note);
  }
}

CaseRow NewCase(Planter& p, const Suspect& s, std::string_view charge, Days offense,
                int32_t expected, int8_t confessed, std::string_view decision, Days decision_date,
                int32_t probation) {
  const Days birth = s.turned       ? Planter::BornTurning(offense, s.age)
                     : s.turns_next ? Planter::BornTurning(offense + 1, s.age + 1)
                                    : Planter::BornAged(offense, s.age, p.rng);
  CaseRow c;
  c.suspect = p.NewPerson(birth, p.rng.Chance(4, 5) ? 'M' : 'F', !s.unknown_age);
  if (s.unknown_age) p.w.BreakBirthDigits(c.suspect);
  c.case_id = p.w.NewJuvenileCaseId(CivilFromDays(offense).year, p.P(c.suspect).region);
  c.charge = std::string(charge);
  c.offense = offense;
  c.expected = expected;
  c.confessed = confessed;
  c.decision = std::string(decision);
  c.decision_date = decision_date;
  c.probation = probation;
  return c;
}

void Simple(Planter& p, const Suspect& s, std::string_view charge, int32_t expected,
            int8_t confessed, std::string_view decision, Days offense, int32_t probation,
            std::string_view target, std::string note) {
  CaseRow c =
      NewCase(p, s, charge, offense, expected, confessed, decision, offense + 60, probation);
  Evaluate(p, c, !s.unknown_age, {}, {}, target, note);
  p.w.planted.cases.push_back(std::move(c));
}

TaskRow Task(Planter& p, const std::string& case_id, Days due, Days done) {
  static constexpr const char* kKinds[] = {"report", "education", "community_service", "visit"};
  return {case_id, p.w.NewSerial("RW", CivilFromDays(due).year), p.rng.Pick(kKinds), due, done, {}};
}

// A running (or ended) probation with tasks given as (due, done) offsets from A.
void WithTasks(Planter& p, Days decision_date, int32_t months,
               std::vector<std::pair<int, int>> tasks, std::string note) {
  const Days offense = decision_date - 60;
  CaseRow c = NewCase(p, {16}, "盗窃罪", offense, 6, 1, kCnp, decision_date, months);
  std::vector<TaskRow> rows;
  for (auto [due, done] : tasks) {
    rows.push_back(Task(p, c.case_id, p.A + due, done == INT32_MIN ? kNoDay : p.A + done));
  }
  Evaluate(p, c, true, rows, {}, "tasks_overdue", note);
  for (TaskRow& t : rows) p.w.planted.tasks.push_back(std::move(t));
  p.w.planted.cases.push_back(std::move(c));
}

// A probation that ends exactly on `end`.
void Ending(Planter& p, Days end, std::string note) {
  Days dd = kNoDay;
  int32_t months = 0;
  for (int32_t m = 12; m >= 6 && dd == kNoDay; --m) {
    Days candidate = AddMonths(end, -m);
    if (AddMonths(candidate, m) == end) dd = candidate, months = m;
  }
  CaseRow c = NewCase(p, {15}, "寻衅滋事罪", dd - 45, 8, 1, kCnp, dd, months);
  Evaluate(p, c, true, {}, {}, "probation_ending", note);
  p.w.planted.cases.push_back(std::move(c));
}

}  // namespace

void PlantConditionalNonProsecution(Planter& p) {
  const Days A = p.A;
  auto recent = [&] { return A - static_cast<Days>(p.rng.Range(100, 600)); };
  const std::string_view ebp = "eligible_but_prosecuted";
  Simple(p, {16}, "盗窃罪", 6, 1, "prosecute", recent(), kNoInt, ebp,
         "16岁盗窃，可能判6个月，认罪，被起诉 / eligible, prosecuted");
  Simple(p, {17, true}, "故意伤害罪", 12, 1, "prosecute", recent(), kNoInt, ebp,
         "案发次日满18岁，可能判12个月 / turned 18 the day after, 12 months expected");
  Simple(p, {15}, "寻衅滋事罪", 10, 1, "prosecute", recent(), kNoInt, ebp,
         "15岁寻衅滋事 / aged 15, affray");
  Simple(p, {16}, "盗窃罪", 13, 1, "prosecute", recent(), kNoInt, ebp,
         "近似：可能判13个月 / near miss: 13 months expected");
  Simple(p, {18, false, true}, "盗窃罪", 6, 1, "prosecute", recent(), kNoInt, ebp,
         "近似：案发当日满18岁 / near miss: turned 18 on the offense date");
  Simple(p, {17}, "交通肇事罪", 6, 1, "prosecute", recent(), kNoInt, ebp,
         "近似：第二章罪名 / near miss: a chapter-2 charge");
  Simple(p, {16}, "盗窃罪", 6, 0, "prosecute", recent(), kNoInt, ebp,
         "近似：未认罪 / near miss: did not confess");
  Simple(p, {16}, "盗窃罪", kNoInt, 1, "prosecute", recent(), kNoInt, ebp,
         "近似：可能刑期为空 / near miss: expected sentence empty");

  const Days old = A - 2 * kYear - 100;  // probations long over by A
  const std::string_view ibg = "ineligible_but_granted";
  Simple(p, {16}, "盗窃罪", 24, 1, kCnp, old, 6, ibg,
         "可能判24个月仍附条件不起诉 / 24 months expected, granted");
  Simple(p, {16}, "妨害公务罪", 6, 1, kCnp, old, 6, ibg,
         "罪名不在罪名表 / charge not in charges.csv");
  {
    Suspect adult{18};
    Simple(p, adult, "盗窃罪", 6, 1, kCnp, old, 6, ibg, "案发时已满18岁 / aged 18 at the offense");
  }
  Simple(p, {15}, "盗窃罪", 6, -1, kCnp, old, 6, ibg,
         "认罪悔罪为空（视为否）/ confession empty (false)");
  Simple(p, {16, false, false, true}, "盗窃罪", 6, 1, kCnp, old, 6, ibg,
         "身份证号无有效出生日期、无人口登记，年龄未知 / age unknown (ID without a date, no "
         "persons row)");
  Simple(p, {16}, "盗窃罪", 6, 1, kCnp, old, 6, ibg,
         "近似：完全符合条件 / near miss: fully eligible");
  Simple(p, {17}, "诈骗罪", 12, 1, kCnp, old, 12, ibg,
         "近似：可能判恰12个月 / near miss: exactly 12 months expected");

  const std::string_view ppi = "probation_period_invalid";
  Simple(p, {16}, "盗窃罪", 6, 1, kCnp, old, 5, ppi, "考验期5个月 / probation 5 months");
  Simple(p, {16}, "抢劫罪", 10, 1, kCnp, old, 13, ppi, "考验期13个月 / probation 13 months");
  Simple(p, {14}, "盗窃罪", 6, 1, kCnp, old, kNoInt, ppi, "考验期为空 / probation empty");
  Simple(p, {16}, "盗窃罪", 6, 1, kCnp, old, 6, ppi, "近似：考验期6个月 / near miss: 6 months");
  Simple(p, {16}, "盗窃罪", 6, 1, kCnp, old, 12, ppi, "近似：考验期12个月 / near miss: 12 months");

  constexpr int kNotDone = INT32_MIN;
  WithTasks(
      p, A - 150, 12, {{-120, -125}, {-60, -52}, {-1, kNotDone}, {30, kNotDone}},
      "2项逾期：晚8天完成、基准日前一日到期未完成 / two overdue: 8 days late, and due yesterday");
  WithTasks(p, A - 150, 12, {{-90, kNotDone}, {-60, -50}, {-30, -20}, {20, kNotDone}},
            "3项逾期（严重）/ three overdue (high)");
  WithTasks(p, A - 200, 12, {{-100, -92}, {-45, kNotDone}, {-10, -12}}, "2项逾期 / two overdue");
  WithTasks(p, A - 150, 12, {{-60, -53}, {-40, -32}},
            "近似：一项晚7天（不算）、一项晚8天 / near miss: 7 days late (fine) and 8 days late: "
            "one overdue");
  WithTasks(p, A - 200, 6, {{-150, kNotDone}, {-120, kNotDone}, {-90, kNotDone}},
            "近似：考验期已结束 / near miss: the probation is over");
  WithTasks(p, A - 150, 12, {{0, kNotDone}, {-20, kNotDone}},
            "近似：一项基准日当天到期（不算）/ near miss: one task is due on A itself");

  const std::string_view rdp = "reoffended_during_probation";
  {
    const Days dd = A - 300;
    CaseRow c = NewCase(p, {16}, "盗窃罪", dd - 60, 6, 1, kCnp, dd, 12);
    JudgmentRow j = p.Judgment(c.suspect, "盗窃罪", dd + 100, dd + 180, "fixed_term", 6, 1, 0);
    Evaluate(p, c, true, {}, {j.offense}, rdp,
             "考验期内再犯并被判决 / convicted of a new offense during probation");
    p.Add(std::move(j));
    p.w.planted.cases.push_back(std::move(c));
  }
  {
    const Days dd = A - 2 * kYear;
    CaseRow c = NewCase(p, {15}, "寻衅滋事罪", dd - 60, 8, 1, kCnp, dd, 10);
    CaseRow again = c;
    again.case_id = p.w.NewJuvenileCaseId(CivilFromDays(dd + 50).year, p.P(c.suspect).region);
    again.charge = "盗窃罪";
    again.offense = dd + 50;
    again.decision = "pending";
    again.decision_date = kNoDay;
    again.probation = kNoInt;
    Evaluate(p, c, true, {}, {again.offense}, rdp,
             "考验期内另案（未检案件）/ another juvenile case during probation");
    p.w.planted.cases.push_back(std::move(c));
    p.w.planted.cases.push_back(std::move(again));
  }
  {
    const Days dd = A - 2 * kYear;
    CaseRow c = NewCase(p, {16}, "盗窃罪", dd - 60, 6, 1, kCnp, dd, 12);
    JudgmentRow j = p.Judgment(c.suspect, "诈骗罪", kNoDay, dd + 200, "fixed_term", 8, 1, 0);
    Evaluate(p, c, true, {}, {j.judgment_date}, rdp,
             "判决无犯罪日期，以判决日期计，在考验期内 / judgment without offense date, judged "
             "during probation");
    p.Add(std::move(j));
    p.w.planted.cases.push_back(std::move(c));
  }
  {
    const Days dd = A - 2 * kYear;
    CaseRow c = NewCase(p, {16}, "盗窃罪", dd - 60, 6, 1, kCnp, dd, 6);
    const Days end = AddMonths(dd, 6);
    JudgmentRow j = p.Judgment(c.suspect, "盗窃罪", end, end + 90, "fixed_term", 6, 1, 0);
    Evaluate(p, c, true, {}, {j.offense}, rdp,
             "近似：再犯日恰为考验期届满日 / near miss: offense on the day probation ended");
    p.Add(std::move(j));
    p.w.planted.cases.push_back(std::move(c));
  }
  {
    const Days dd = A - 2 * kYear;
    CaseRow c = NewCase(p, {15}, "盗窃罪", dd - 60, 6, 1, kCnp, dd, 12);
    CaseRow before = c;
    before.case_id = p.w.NewJuvenileCaseId(CivilFromDays(dd - 1).year, p.P(c.suspect).region);
    before.offense = dd - 1;
    before.decision = "pending";
    before.decision_date = kNoDay;
    before.probation = kNoInt;
    Evaluate(p, c, true, {}, {before.offense}, rdp,
             "近似：另案发生在决定日前一日 / near miss: the other offense was the day before the "
             "decision");
    p.w.planted.cases.push_back(std::move(c));
    p.w.planted.cases.push_back(std::move(before));
  }

  Ending(p, A + 30, "考验期于基准日后第30天届满 / probation ends 30 days after A");
  Ending(p, A + 1, "考验期于基准日次日届满 / probation ends the day after A");
  Ending(p, A + 15, "考验期于15天后届满 / probation ends in 15 days");
  Ending(p, A + 31, "近似：31天后届满 / near miss: ends in 31 days");
  Ending(p, A, "近似：基准日当天届满（已结束）/ near miss: ended on A itself");
}

}  // namespace tutela::demo
