// Background judgments, victims and custody records.
#include "demo/justice_rows.h"

#include <algorithm>

namespace tutela::demo {

namespace {

constexpr int kYear = 365;

struct ChargeMix {
  std::string_view charge;
  int weight;
  int lo, hi;            // fixed-term months
  bool can_have_victim;  // a person harmed
};

constexpr ChargeMix kAdultMix[] = {
    {"盗窃罪", 25, 6, 36, false},
    {"诈骗罪", 12, 6, 120, true},
    {"危险驾驶罪", 15, 1, 6, false},
    {"故意伤害罪", 12, 6, 60, true},
    {"交通肇事罪", 5, 6, 36, true},
    {"寻衅滋事罪", 6, 6, 36, true},
    {"聚众斗殴罪", 3, 12, 60, false},
    {"抢劫罪", 4, 36, 120, true},
    {"强奸罪", 3, 36, 120, true},
    {"开设赌场罪", 4, 6, 48, false},
    {"帮助信息网络犯罪活动罪", 5, 6, 24, false},
    {"走私、贩卖、运输、制造毒品罪", 3, 12, 180, false},
    {"非法持有毒品罪", 2, 6, 36, false},
    {"妨害公务罪", 1, 6, 24, false},
    {"掩饰、隐瞒犯罪所得罪", 1, 6, 36, false},
};
constexpr ChargeMix kJuvenileMix[] = {
    {"盗窃罪", 4, 6, 24, false},
    {"抢劫罪", 2, 12, 48, true},
    {"寻衅滋事罪", 2, 6, 24, true},
    {"故意伤害罪", 2, 6, 36, true},
};

template <size_t N>
const ChargeMix& PickMix(Rng& rng, const ChargeMix (&mix)[N]) {
  int total = 0;
  for (const ChargeMix& m : mix) total += m.weight;
  int r = static_cast<int>(rng.Below(static_cast<uint64_t>(total)));
  for (const ChargeMix& m : mix) {
    if (r < m.weight) return m;
    r -= m.weight;
  }
  return mix[0];
}

// A registered person aged in [lo, hi] on `day` (and of `sex` unless 0), or -1.
int32_t PickAged(World& world, const std::vector<int32_t>& pool, Days day, int lo, int hi, char sex,
                 Rng& rng) {
  if (pool.empty()) return -1;
  for (int attempt = 0; attempt < 40; ++attempt) {
    int32_t p = rng.Pick(pool);
    const Person& person = world.persons[static_cast<size_t>(p)];
    if (person.birth > day || (sex != 0 && person.sex != sex)) continue;
    int age = AgeAt(person.birth, day);
    if (age >= lo && age <= hi) return p;
  }
  return -1;
}

// Offender flags: a sexual record and a minor victim never meet in one person.
constexpr uint8_t kHadSexual = 1, kHadMinorVictim = 2;

}  // namespace

const std::vector<ChargeInfo>& KnownCharges() {
  static const std::vector<ChargeInfo>* charges =
      new std::vector<ChargeInfo>{{"故意杀人罪", 4, "violent"},
                                  {"故意伤害罪", 4, "violent"},
                                  {"强奸罪", 4, "sexual"},
                                  {"负有照护职责人员性侵罪", 4, "sexual"},
                                  {"强制猥亵、侮辱罪", 4, "sexual"},
                                  {"猥亵儿童罪", 4, "sexual"},
                                  {"非法拘禁罪", 4, "violent"},
                                  {"拐卖妇女、儿童罪", 4, "trafficking"},
                                  {"强迫劳动罪", 4, "abuse"},
                                  {"雇用童工从事危重劳动罪", 4, "child_labor"},
                                  {"虐待罪", 4, "abuse"},
                                  {"虐待被监护、看护人罪", 4, "abuse"},
                                  {"遗弃罪", 4, "abuse"},
                                  {"拐骗儿童罪", 4, "trafficking"},
                                  {"抢劫罪", 5, "violent"},
                                  {"盗窃罪", 5, "other"},
                                  {"诈骗罪", 5, "other"},
                                  {"帮助信息网络犯罪活动罪", 6, "other"},
                                  {"聚众斗殴罪", 6, "violent"},
                                  {"寻衅滋事罪", 6, "other"},
                                  {"开设赌场罪", 6, "other"},
                                  {"走私、贩卖、运输、制造毒品罪", 6, "other"},
                                  {"非法持有毒品罪", 6, "other"},
                                  {"组织卖淫罪", 6, "sexual"},
                                  {"交通肇事罪", 2, "other"},
                                  {"危险驾驶罪", 2, "other"},
                                  {"妨害公务罪", 0, ""},
                                  {"掩饰、隐瞒犯罪所得罪", 0, ""}};
  return *charges;
}

const ChargeInfo* FindCharge(std::string_view name) {
  for (const ChargeInfo& c : KnownCharges()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

void BuildJudgments(World& world, const Pools& pools) {
  Rng rng = world.Stream("judgments");
  const Days a = world.as_of();
  std::vector<int32_t> offenders = pools.offenders;
  for (size_t i = offenders.size(); i > 1; --i)
    std::swap(offenders[i - 1], offenders[rng.Below(i)]);
  std::vector<int32_t> juveniles;  // even-indexed children; odd ones are left to juvenile cases
  for (int32_t c : pools.children) {
    if (c % 2 == 0) juveniles.push_back(c);
  }
  std::vector<uint8_t> flags(world.persons.size(), 0);
  std::vector<uint8_t> used(world.persons.size(), 0);
  const int64_t cases = world.Scaled(260);
  size_t next_offender = 0;
  Rows& rows = world.background;
  for (int64_t k = 0; k < cases; ++k) {
    const bool juvenile = rng.PerMille(100);
    const ChargeMix& mix = juvenile ? PickMix(rng, kJuvenileMix) : PickMix(rng, kAdultMix);
    Days offense = a - static_cast<Days>(rng.Range(120, 8 * kYear));
    int32_t defendant = -1;
    if (juvenile) {
      // A child who was 14-17 on the offense date; offense moved into that span.
      defendant = PickAged(world, juveniles, a - 200, 15, 17, 0, rng);
      if (defendant < 0 || used[static_cast<size_t>(defendant)]) continue;
      const Person& p = world.persons[static_cast<size_t>(defendant)];
      offense = AddYears(p.birth, 14) + static_cast<Days>(rng.Range(30, 3 * kYear));
      if (AgeAt(p.birth, offense) >= 18 || offense > a - 120) continue;
    } else {
      if (offenders.empty()) break;
      defendant = offenders[next_offender++ % offenders.size()];
    }
    const Person& d = world.persons[static_cast<size_t>(defendant)];
    if (!juvenile && AgeAt(d.birth, offense) < 18) offense = AddYears(d.birth, 18) + 400;
    if (offense > a - 90) continue;
    const bool sexual = mix.charge == "强奸罪";
    uint8_t& f = flags[static_cast<size_t>(defendant)];
    if (sexual && (f & kHadMinorVictim)) continue;
    used[static_cast<size_t>(defendant)] = 1;
    JudgmentRow j;
    j.region = world.RandomHomeCounty(rng);
    j.offense = offense;
    j.judgment_date = std::min<Days>(a - 1, offense + static_cast<Days>(rng.Range(60, 300)));
    j.case_no = world.NewCaseNo(CivilFromDays(j.judgment_date).year, j.region);
    j.court = world.CourtName(j.region);
    j.defendant = defendant;
    static constexpr const char* kJobs[] = {"无业", "务工", "个体经营", "司机",   "农民",
                                            "销售", "厨师", "快递员",   "装修工", "无固定职业"};
    j.occupation = juvenile ? "学生" : rng.Pick(kJobs);
    j.charge = std::string(mix.charge);
    const int64_t r = rng.Below(100);
    if (mix.charge == "危险驾驶罪") {
      j.sentence_type = "criminal_detention";
      j.months = static_cast<int32_t>(rng.Range(1, 6));
    } else if (r < 6 && !sexual) {
      j.sentence_type = "fine_only";
    } else if (r < 14 && !sexual) {
      j.sentence_type = "criminal_detention";
      j.months = static_cast<int32_t>(rng.Range(3, 6));
    } else {
      j.sentence_type = "fixed_term";
      j.months = static_cast<int32_t>(rng.Range(juvenile ? 6 : mix.lo, juvenile ? 36 : mix.hi));
    }
    j.suspended =
        (j.months != kNoInt && j.months <= 36 && rng.PerMille(juvenile ? 600 : 300)) ? 1 : 0;
    if (!rng.PerMille(900)) j.suspended = -1;
    j.ban = rng.PerMille(700) ? 0 : kNoInt;
    if (!juvenile && rng.PerMille(20)) j.ban = 3;
    if (!juvenile && rng.PerMille(150)) j.aggravating = rng.Chance(1, 2) ? "repeated" : "gang";
    j.mitigating = juvenile ? "minor_defendant" : (rng.PerMille(300) ? "surrender" : "");
    if (juvenile && rng.PerMille(400)) j.mitigating += ";surrender";
    // Victims: adults, or (never in a sexual case) sometimes a child.
    std::vector<int32_t> victims;
    bool child_victim = false;
    if (mix.can_have_victim && rng.PerMille(700)) {
      const bool child = !sexual && !(f & kHadSexual) && rng.PerMille(150);
      int32_t v =
          child ? PickAged(world, pools.children, offense, 10, 17, 0, rng)
                : PickAged(world, pools.active_adults, offense, 18, 70, sexual ? 'F' : 0, rng);
      if (v >= 0 && v != defendant) {
        victims.push_back(v);
        child_victim = child;
        if (child) f |= kHadMinorVictim;
      }
    }
    if (sexual) f |= kHadSexual;
    // Adult-victim and victimless cases may name the place (never one with a child victim).
    if (!child_victim && rng.PerMille(200)) {
      static constexpr InstType kPlaces[] = {InstType::kBar, InstType::kEntertainment,
                                             InstType::kHotel, InstType::kInternetCafe,
                                             InstType::kEmployer};
      const auto& of = world.OfType(rng.Pick(kPlaces));
      if (!of.empty()) j.place = world.institutions[static_cast<size_t>(rng.Pick(of))].id;
    }
    // Custody: pre-trial detention, then prison for unsuspended fixed terms.
    if (!juvenile && rng.PerMille(500)) {
      rows.detentions.push_back({defendant,
                                 "detention",
                                 offense + static_cast<Days>(rng.Range(1, 10)),
                                 j.judgment_date,
                                 {}});
    }
    if (!juvenile && j.sentence_type == "fixed_term" && j.suspended != 1) {
      rows.detentions.push_back(
          {defendant, "prison", j.judgment_date, AddMonths(j.judgment_date, j.months), {}});
    }
    if (!juvenile && mix.charge == "非法持有毒品罪") {
      rows.detentions.push_back(
          {defendant, "rehab", j.judgment_date - 30, AddMonths(j.judgment_date - 30, 24), {}});
    }
    for (int32_t v : victims) rows.victims.push_back({j.case_no, v, -1, {}});
    // Now and then a second charge of the same defendant in the same case.
    if (!juvenile && !sexual && rng.PerMille(60)) {
      JudgmentRow second = j;
      second.charge = "盗窃罪";
      second.months = 6;
      second.sentence_type = "fixed_term";
      rows.judgments.push_back(std::move(j));
      rows.judgments.push_back(std::move(second));
    } else {
      rows.judgments.push_back(std::move(j));
    }
  }
}

}  // namespace tutela::demo
