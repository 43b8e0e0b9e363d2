// Background juvenile cases, probation tasks and criminal-record queries.
#include <algorithm>

#include "demo/justice_rows.h"
#include "demo/names.h"

namespace tutela::demo {

namespace {

constexpr int kYear = 365;

constexpr std::string_view kJuvenileCharges[] = {"盗窃罪",
                                                 "盗窃罪",
                                                 "寻衅滋事罪",
                                                 "故意伤害罪",
                                                 "抢劫罪",
                                                 "聚众斗殴罪",
                                                 "帮助信息网络犯罪活动罪",
                                                 "诈骗罪",
                                                 "危险驾驶罪"};
constexpr const char* kTaskKinds[] = {"report", "education", "community_service", "visit"};

bool Eligible(const World& world, int32_t suspect, std::string_view charge, Days offense,
              int32_t expected, int8_t confessed) {
  const Person& p = world.persons[static_cast<size_t>(suspect)];
  const ChargeInfo* c = FindCharge(charge);
  return AgeAt(p.birth, offense) < 18 && c != nullptr && c->chapter >= 4 && c->chapter <= 6 &&
         expected != kNoInt && expected <= 12 && confessed == 1;
}

}  // namespace

void AddTasksOnTime(World& world, Rows* rows, const std::string& case_id, Days start, Days end,
                    Rng& rng) {
  const Days a = world.as_of();
  const int n = static_cast<int>(rng.Range(3, 6));
  const Days span = std::max<Days>(n + 1, end - start - 20);
  for (int i = 0; i < n; ++i) {
    TaskRow t;
    t.case_id = case_id;
    t.task_id = world.NewSerial("RW", CivilFromDays(start).year);
    t.kind = rng.Pick(kTaskKinds);
    t.due = start + 15 + static_cast<Days>(span * (i + 1) / (n + 1));
    if (t.due < a) {
      // Done at most 7 days late (and not after A).
      t.done = std::min<Days>(a, t.due + static_cast<Days>(rng.Range(-10, 7)));
    } else if (rng.PerMille(300) && t.due - 10 <= a) {
      t.done = t.due - 10;
    }
    rows->tasks.push_back(std::move(t));
  }
}

void BuildJuvenileCases(World& world, const Pools& pools) {
  Rng rng = world.Stream("juvenile_cases");
  const Days a = world.as_of();
  std::vector<int32_t> kids;  // odd-indexed children (even ones may be convicted)
  for (int32_t c : pools.children) {
    if (c % 2 == 1) kids.push_back(c);
  }
  for (size_t i = kids.size(); i > 1; --i) std::swap(kids[i - 1], kids[rng.Below(i)]);
  const int64_t n = world.Scaled(60);
  size_t next = 0;
  for (int64_t k = 0; k < n && next < kids.size(); ++next) {
    const int32_t suspect = kids[next];
    const Person& p = world.persons[static_cast<size_t>(suspect)];
    const Days earliest = std::max<Days>(AddYears(p.birth, 14), a - 3 * kYear);
    const Days latest = std::min<Days>(AddYears(p.birth, 18) - 1, a - 30);
    if (earliest > latest) continue;
    ++k;
    CaseRow c;
    c.suspect = suspect;
    c.offense = static_cast<Days>(rng.Range(earliest, latest));
    c.case_id = world.NewJuvenileCaseId(CivilFromDays(c.offense).year, p.region);
    c.charge = std::string(rng.Pick(kJuvenileCharges));
    c.expected = static_cast<int32_t>(rng.PerMille(650) ? rng.Range(3, 12) : rng.Range(13, 36));
    c.confessed = rng.PerMille(850) ? 1 : (rng.PerMille(500) ? 0 : -1);
    const bool eligible = Eligible(world, suspect, c.charge, c.offense, c.expected, c.confessed);
    const int64_t r = rng.Below(100);
    c.decision = eligible ? (r < 60   ? "conditional_non_prosecution"
                             : r < 85 ? "non_prosecution"
                                      : "pending")
                          : (r < 70   ? "prosecute"
                             : r < 90 ? "non_prosecution"
                                      : "pending");
    if (c.decision != "pending") {
      c.decision_date = c.offense + static_cast<Days>(rng.Range(30, 120));
      if (c.decision_date > a) c.decision = "pending", c.decision_date = kNoDay;
    }
    if (c.decision == "conditional_non_prosecution") {
      c.probation = static_cast<int32_t>(rng.Range(6, 12));
      Days end = AddMonths(c.decision_date, c.probation);
      // Keep clear of "ending within 30 days" (that is a planted case).
      if (end > a && end <= a + 30) {
        Days earlier = c.decision_date - 45;
        c.decision_date = earlier > c.offense ? earlier : c.decision_date + 35;
        end = AddMonths(c.decision_date, c.probation);
      }
      AddTasksOnTime(world, &world.background, c.case_id, c.decision_date, end, rng);
    }
    world.background.cases.push_back(std::move(c));
  }
}

void BuildRecordQueries(World& world, const Pools& pools) {
  Rng rng = world.Stream("record_queries");
  const Days a = world.as_of();
  std::vector<int32_t> adult_offenders, juvenile_offenders;
  for (const JudgmentRow& j : world.background.judgments) {
    const Person& d = world.persons[static_cast<size_t>(j.defendant)];
    (AgeAt(d.birth, j.offense) < 18 ? juvenile_offenders : adult_offenders).push_back(j.defendant);
  }
  const int64_t n = world.Scaled(500);
  for (int64_t k = 0; k < n; ++k) {
    QueryRow q;
    q.time = static_cast<Seconds>(a - static_cast<Days>(rng.Range(0, 2 * kYear))) * kSecondsPerDay +
             rng.Range(9 * 3600, 17 * 3600);
    q.id = world.NewSerial("CX", CivilFromDays(DateOf(q.time)).year);
    const int64_t r = rng.Below(100);
    const int32_t county = world.RandomHomeCounty(rng);
    if (r < 55 || (r < 85 && adult_offenders.empty()) || (r >= 85 && juvenile_offenders.empty())) {
      q.subject = rng.Pick(pools.workers.empty() ? pools.active_adults : pools.workers);
      const bool judicial = rng.PerMille(250);
      q.purpose = judicial ? "judicial" : (rng.PerMille(800) ? "employment" : "other");
      q.requester = judicial ? world.CountyName(county) + "公安局"
                             : std::string(RandomBrandWord(rng)) + "科技有限公司";
      q.disclosed = judicial ? 1 : 0;
    } else if (r < 85) {
      // Adult records may be disclosed for employment checks.
      q.subject = rng.Pick(adult_offenders);
      q.purpose = rng.PerMille(600) ? "employment" : "judicial";
      q.requester = q.purpose == "judicial" ? world.CountyName(county) + "人民检察院"
                                            : world.CountyName(county) + "教育局";
      q.disclosed = 1;
    } else {
      // Sealed juvenile records: disclosed only for judicial use.
      q.subject = rng.Pick(juvenile_offenders);
      const bool judicial = rng.PerMille(500);
      q.purpose = judicial ? "judicial" : "employment";
      q.requester = judicial ? world.CountyName(county) + "人民法院"
                             : std::string(RandomBrandWord(rng)) + "物流有限公司";
      q.disclosed = judicial ? 1 : 0;
    }
    world.background.queries.push_back(std::move(q));
  }
}

}  // namespace tutela::demo
