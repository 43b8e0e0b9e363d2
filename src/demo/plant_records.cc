// Planted cases of record_sealing and integration_review.
#include <fmt/format.h>

#include <algorithm>

#include "demo/names.h"
#include "demo/plant.h"

namespace tutela::demo {

namespace {

constexpr int kYear = 365;

// --- record_sealing ---

struct PastCase {
  int age;            // at the offense
  int judged_before;  // days before A
  std::string sentence_type = "fixed_term";
  int32_t months = 12;
  bool turned = false;  // turned `age` the day before the offense
};

void Sealing(Planter& p, const std::vector<PastCase>& history, int query_before,
             std::string purpose, int8_t disclosed, std::string note) {
  // The birth date follows from the first case.
  const PastCase& first = history.front();
  const Days first_offense = p.A - first.judged_before - 120;
  const Days birth = first.turned ? Planter::BornTurning(first_offense - 1, first.age)
                                  : Planter::BornAged(first_offense, first.age, p.rng);
  const int32_t person = p.NewPerson(birth, 'M');
  const Seconds t = Planter::At(p.A - query_before, 10, 30);
  bool any = false, all_sealable = true;
  for (size_t i = 0; i < history.size(); ++i) {
    const PastCase& c = history[i];
    const Days judged = p.A - c.judged_before;
    // Later cases happen at the given age (a little after that birthday).
    const Days offense = i == 0 ? first_offense : AddYears(birth, c.age) + 30;
    JudgmentRow j = p.Judgment(person, c.months > 36 ? "抢劫罪" : "盗窃罪", offense, judged,
                               c.sentence_type, c.months, 0, 0);
    const bool sealable = AgeAt(birth, offense) < 18 && c.sentence_type != "life" &&
                          c.sentence_type != "death" && (c.months == kNoInt ? 0 : c.months) <= 60;
    if (judged <= DateOf(t)) {
      any = true;
      all_sealable = all_sealable && sealable;
    }
    p.Add(std::move(j));
  }
  QueryRow q;
  q.id = p.w.NewSerial("CX", CivilFromDays(DateOf(t)).year);
  q.subject = person;
  q.requester = purpose == "judicial" ? p.w.CountyName(p.P(person).region) + "人民检察院"
                                      : std::string(RandomBrandWord(p.rng)) + "物业管理有限公司";
  q.time = t;
  q.purpose = std::move(purpose);
  q.disclosed = disclosed;
  const bool fires = disclosed == 1 && q.purpose != "judicial" && any && all_sealable;
  p.Expect("record_sealing", "sealed_record_disclosed", {{"query_id", q.id}}, "high", fires,
           std::move(note));
  p.w.planted.queries.push_back(std::move(q));
}

// --- integration_review ---

struct Case {
  std::string case_no;
  int32_t defendant = -1;
  Days offense = kNoDay, judged = kNoDay;
  std::vector<int32_t> victims;
};

// A judgment of `defendant` with victims aged `ages` at the offense; `place`
// is an institution index (-1 none) or `place_id` a literal id.
Case Crime(Planter& p, int32_t defendant, std::string_view charge, Days offense,
           std::vector<int> ages, int32_t place, std::string place_id = "", Days judged = kNoDay,
           bool keep_offense = true) {
  Case c;
  c.defendant = defendant;
  c.offense = offense;
  if (judged == kNoDay) judged = offense + static_cast<Days>(p.rng.Range(90, 240));
  JudgmentRow j = p.Judgment(defendant, charge, keep_offense ? offense : kNoDay, judged,
                             "fixed_term", charge == "强奸罪" ? 60 : 30, 0, 0);
  j.place = place >= 0 ? p.I(place).id : place_id;
  c.case_no = j.case_no;
  c.judged = judged;
  p.Add(std::move(j));
  for (int age : ages) {
    const int32_t v = p.Aged(offense, age, p.rng.Chance(1, 2) ? 'M' : 'F');
    p.Victim(c.case_no, v);
    c.victims.push_back(v);
  }
  return c;
}

int32_t Adult(Planter& p) { return p.Aged(p.A, static_cast<int>(p.rng.Range(28, 55)), 'M'); }
Days Recent(Planter& p) { return p.A - static_cast<Days>(p.rng.Range(200, 700)); }

void ExpectPlace(Planter& p, const Case& c, int32_t inst, bool fires, std::string note) {
  p.Expect("integration_review", "offense_at_regulated_place",
           {{"case_no", c.case_no}, {"institution_id", p.I(inst).id}}, "medium", fires,
           std::move(note));
}

}  // namespace

void PlantRecordSealing(Planter& p) {
  Sealing(p, {{16, 2 * kYear, "fixed_term", 12}}, 30, "employment", 1,
          "16岁时盗窃被判12个月，入职查询提供了记录 / convicted at 16, disclosed for employment");
  Sealing(
      p, {{15, 4 * kYear, "fixed_term", 60}, {17, 2 * kYear, "fixed_term", 6}}, 60, "", 1,
      "两次未成年时判决均可封存（含60个月），用途为空 / two sealable juvenile judgments (one 60 "
      "months), purpose empty");
  Sealing(p, {{17, kYear, "fine_only", kNoInt}}, 20, "other", 1,
          "单处罚金、刑期为空，用途其他 / fine only, prison months empty, purpose other");
  Sealing(p, {{16, 2 * kYear}}, 40, "judicial", 1, "近似：司法用途 / near miss: judicial purpose");
  Sealing(p, {{16, 4 * kYear}, {19, kYear, "fixed_term", 10}}, 30, "employment", 1,
          "近似：另有成年后的判决 / near miss: also an adult conviction");
  Sealing(p, {{16, 2 * kYear, "fixed_term", 61}}, 30, "employment", 1,
          "近似：刑期61个月不可封存 / near miss: 61 months is not sealable");
  Sealing(p, {{16, 100}}, 200, "employment", 1,
          "近似：查询早于判决 / near miss: the query predates the judgment");
  Sealing(p, {{16, 2 * kYear}}, 30, "employment", 0, "近似：未提供记录 / near miss: not disclosed");
  Sealing(p, {{18, 2 * kYear, "fixed_term", 12, true}}, 30, "employment", 1,
          "近似：案发前一日满18岁 / near miss: turned 18 the day before the offense");
}

void PlantIntegrationReview(Planter& p) {
  const Days A = p.A;
  // --- guardian_offender ---
  {
    const int32_t father = Adult(p);
    const Days d = Recent(p);
    Case c = Crime(p, father, "虐待罪", d, {10}, -1);
    p.P(c.victims[0]).household = p.P(father).household;
    p.w.planted.guardians.push_back({c.victims[0], father, "父", {}});
    p.Expect("integration_review", "guardian_offender",
             {{"case_no", c.case_no}, {"victim_id", p.Id(c.victims[0])}}, "high", true,
             "父亲虐待10岁儿子 / father abused his son of 10");
  }
  {
    const int32_t mother = p.Aged(A, 45, 'F');
    const Days d = Recent(p);
    Case c = Crime(p, mother, "遗弃罪", d, {6, 19}, -1);
    for (int32_t v : c.victims) {
      p.w.planted.guardians.push_back({v, mother, "母", {}});
      p.Expect("integration_review", "guardian_offender",
               {{"case_no", c.case_no}, {"victim_id", p.Id(v)}}, "high", true,
               p.AgeOn(v, d) < 18
                   ? "母亲遗弃6岁女儿 / mother abandoned her daughter of 6"
                   : "同案另一被害人19岁，仍登记为监护关系 / the other victim is 19, "
                     "still registered as her ward");
    }
  }
  {
    const int32_t grandfather = p.Aged(A, 66, 'M');
    Case c = Crime(p, grandfather, "故意伤害罪", Recent(p), {13}, -1);
    p.w.planted.guardians.push_back({c.victims[0], grandfather, "祖父母", {}});
    p.Expect("integration_review", "guardian_offender",
             {{"case_no", c.case_no}, {"victim_id", p.Id(c.victims[0])}}, "high", true,
             "祖父伤害13岁孙子 / grandfather injured his grandchild of 13");
  }
  {
    const int32_t uncle = Adult(p);
    Case c = Crime(p, uncle, "故意伤害罪", Recent(p), {12}, -1);
    p.P(c.victims[0]).household = p.P(uncle).household;
    p.Expect("integration_review", "guardian_offender",
             {{"case_no", c.case_no}, {"victim_id", p.Id(c.victims[0])}}, "", false,
             "近似：同户叔叔，非登记监护人 / near miss: an uncle in the household, not a "
             "registered guardian");
  }
  {
    const int32_t parent = Adult(p);
    const int32_t own_child = p.Aged(A, 9, 'F');
    p.w.planted.guardians.push_back({own_child, parent, "父", {}});
    Case c = Crime(p, parent, "故意伤害罪", Recent(p), {14}, -1);
    p.Expect(
        "integration_review", "guardian_offender",
        {{"case_no", c.case_no}, {"victim_id", p.Id(c.victims[0])}}, "", false,
        "近似：被告人是另一儿童的监护人 / near miss: the defendant is guardian of another child");
  }
  {
    const int32_t mother = p.Aged(A, 50, 'F');
    Case c = Crime(p, mother, "虐待罪", Recent(p), {19}, -1);
    p.w.planted.guardians.push_back({c.victims[0], mother, "母", {}});
    p.Expect("integration_review", "guardian_offender",
             {{"case_no", c.case_no}, {"victim_id", p.Id(c.victims[0])}}, "", false,
             "近似：被害人已满18岁，案件不在范围 / near miss: the victim is 19, case out of scope");
  }

  // --- offense_at_regulated_place ---
  {
    const int32_t hotel = p.Place(InstType::kHotel);
    ExpectPlace(p, Crime(p, Adult(p), "强奸罪", Recent(p), {15}, hotel), hotel, true,
                "在旅馆强奸15岁少女 / rape of a girl of 15 at a hotel");
    const int32_t cafe = p.Place(InstType::kInternetCafe);
    ExpectPlace(p, Crime(p, Adult(p), "故意伤害罪", Recent(p), {16}, cafe), cafe, true,
                "在网吧伤害16岁少年 / assault on a boy of 16 in an internet café");
    const int32_t school = p.Place(InstType::kMiddle);
    ExpectPlace(p, Crime(p, Adult(p), "抢劫罪", Recent(p), {13}, school), school, true,
                "在初中校园抢劫 / robbery at a middle school");
    const int32_t hospital = p.Place(InstType::kHospital);
    ExpectPlace(p, Crime(p, Adult(p), "故意伤害罪", Recent(p), {12}, hospital), hospital, false,
                "近似：案发场所为医院 / near miss: the place is a hospital");
    const int32_t hotel2 = p.Place(InstType::kHotel);
    ExpectPlace(p, Crime(p, Adult(p), "抢劫罪", Recent(p), {18}, hotel2), hotel2, false,
                "近似：被害人18岁 / near miss: the victim is 18");
    const std::string unknown_id = fmt::format("X{:09d}", p.rng.Below(1000000000));
    Case unknown = Crime(p, Adult(p), "抢劫罪", Recent(p), {15}, -1, unknown_id);
    p.Expect("integration_review", "offense_at_regulated_place",
             {{"case_no", unknown.case_no}, {"institution_id", unknown_id}}, "", false,
             "近似：案发场所编号不在机构表 / near miss: the place id is not in institutions");
  }

  // --- systemic_risk_institution ---
  auto systemic = [&](int32_t inst, bool fires, std::string note) {
    p.Expect("integration_review", "systemic_risk_institution", {{"institution_id", p.I(inst).id}},
             "high", fires, std::move(note));
  };
  {
    const int32_t bar = p.Place(InstType::kBar);
    Case a = Crime(p, Adult(p), "抢劫罪", Recent(p), {16}, bar);
    Case b = Crime(p, Adult(p), "故意伤害罪", Recent(p), {17}, bar);
    ExpectPlace(p, a, bar, true, "酒吧系统性风险案件之一 / one of the bar's cases");
    ExpectPlace(p, b, bar, true, "酒吧系统性风险案件之二 / the bar's other case");
    systemic(bar, true, "同一酒吧发生两起侵害未成年人案件 / two cases against minors at one bar");
  }
  {
    const int32_t training = p.Place(InstType::kTraining);
    const int32_t worker = Adult(p);
    const Days d = Recent(p);
    p.Staff(training, worker, "培训讲师", d - kYear, d + 10);
    Crime(p, worker, "故意伤害罪", d, {12}, -1, "", d + 150);
    Crime(p, Adult(p), "抢劫罪", Recent(p), {14}, training);
    systemic(
        training, true,
        "培训机构：一案被告人案发时在此任职，另一案发生于此 / a training centre: one defendant "
        "worked there, another case happened there");
  }
  {
    const int32_t hotel = p.Place(InstType::kHotel);
    for (int age : {15, 16, 17}) {
      Case c = Crime(p, Adult(p), age == 16 ? "抢劫罪" : "故意伤害罪", Recent(p), {age}, hotel);
      ExpectPlace(p, c, hotel, true, "旅馆三起案件之一 / one of three cases at a hotel");
    }
    systemic(hotel, true, "同一旅馆三起案件 / three cases at one hotel");
  }
  {
    const int32_t employer = p.Place(InstType::kEmployer);
    const int32_t d1 = Adult(p);
    Case c = Crime(p, d1, "故意伤害罪", Recent(p), {16}, employer);
    JudgmentRow second = p.w.planted.judgments.back();  // the row Crime just added
    second.charge = "寻衅滋事罪";
    second.months = 12;
    p.Add(std::move(second));
    systemic(employer, false,
             "近似：同一案件两个罪名，只算一案 / near miss: two charge rows of one case");
  }
  {
    const int32_t employer = p.Place(InstType::kEmployer);
    Crime(p, Adult(p), "故意伤害罪", Recent(p), {15}, employer);
    Crime(p, Adult(p), "故意伤害罪", Recent(p), {25}, employer);
    systemic(employer, false,
             "近似：另一案被害人为成年人 / near miss: the other case has an adult victim");
  }
  {
    const int32_t kg = p.Place(InstType::kKindergarten);
    const int32_t worker = Adult(p);
    const Days d = Recent(p);
    p.Staff(kg, worker, "厨师", d - 2 * kYear, d - 1);
    Crime(p, worker, "故意伤害罪", d, {11}, -1, "", d + 120);
    ExpectPlace(p, Crime(p, Adult(p), "抢劫罪", Recent(p), {6}, kg), kg, true,
                "在幼儿园抢劫 / robbery at a kindergarten");
    systemic(
        kg, false,
        "近似：另一被告人案发前一日已离职 / near miss: the other defendant left the day before");
  }

  // --- repeat_offender ---
  auto repeat = [&](std::string_view prior, int prior_years_before, std::string_view charge,
                    int victim_age, bool same_day, bool keep_offense, std::string note) {
    const int32_t d = Adult(p);
    const Days offense = Recent(p);
    const Days prior_judged = same_day ? offense : offense - prior_years_before * kYear;
    Crime(p, d, prior, prior_judged - 150, {26}, -1, "", prior_judged);
    Case c = Crime(p, d, charge, offense, {victim_age}, -1, "", kNoDay, keep_offense);
    const bool sexual = prior == "强奸罪" || prior == "组织卖淫罪" || prior == "强制猥亵、侮辱罪";
    p.Expect("integration_review", "repeat_offender",
             {{"case_no", c.case_no}, {"defendant_id", p.Id(d)}}, "high", sexual && !same_day,
             std::move(note));
  };
  repeat("强奸罪", 8, "猥亵儿童罪", 9, false, true,
         "曾犯强奸罪，又猥亵9岁儿童 / prior rape, now child molestation");
  repeat("组织卖淫罪", 6, "故意伤害罪", 15, false, true,
         "曾犯组织卖淫罪 / prior organising prostitution");
  repeat("强制猥亵、侮辱罪", 5, "抢劫罪", 16, false, false,
         "前罪为性犯罪；本案无犯罪日期，以判决日期比较 / prior sexual offense; no offense date, "
         "judgment date used");
  repeat("故意伤害罪", 5, "抢劫罪", 15, false, true,
         "近似：前罪不是性犯罪 / near miss: the prior is not sexual");
  repeat("强奸罪", 0, "故意伤害罪", 14, true, true,
         "近似：前罪判决日与本案犯罪日同一天 / near miss: prior judged on the day of this offense");
}

}  // namespace tutela::demo
