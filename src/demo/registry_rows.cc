// Background staff, enrolment and employment rows.
#include "demo/registry_rows.h"

#include <algorithm>

namespace tutela::demo {

namespace {

constexpr int kYear = 365;

struct StaffPlan {
  InstType type;
  int lo, hi;
  std::vector<const char*> positions;  // the first is the most common
};

const std::vector<StaffPlan>& StaffPlans() {
  static const std::vector<StaffPlan>* plans = new std::vector<StaffPlan>{
      {InstType::kKindergarten, 8, 15, {"幼师", "保育员", "保安", "厨师"}},
      {InstType::kPrimary, 20, 40, {"教师", "班主任", "保安", "食堂厨师", "校医"}},
      {InstType::kMiddle, 25, 50, {"教师", "班主任", "保安", "宿管员"}},
      {InstType::kHigh, 30, 60, {"教师", "班主任", "宿管员", "保安"}},
      {InstType::kVocational, 20, 40, {"专业课教师", "实训指导", "保安"}},
      {InstType::kTraining, 3, 10, {"培训讲师", "教练", "前台"}},
      {InstType::kChildWelfare, 10, 20, {"护理员", "社工", "保育员"}},
      {InstType::kHospital, 30, 60, {"医生", "护士", "药剂师", "收费员"}},
      {InstType::kHotel, 3, 8, {"前台", "客房服务员", "保安"}},
      {InstType::kInternetCafe, 2, 4, {"网管", "收银员"}},
      {InstType::kBar, 3, 6, {"服务员", "调酒师"}},
      {InstType::kEntertainment, 4, 8, {"服务员", "保安"}},
      {InstType::kTobacco, 1, 2, {"店员"}},
      {InstType::kLottery, 1, 1, {"销售员"}},
  };
  return *plans;
}

}  // namespace

int32_t SchoolFor(World& world, InstType type, int32_t region, Rng& rng) {
  const std::vector<int32_t>& all = world.OfType(type);
  // A few draws for one in the child's city, else any.
  for (int attempt = 0; attempt < 6; ++attempt) {
    int32_t s = rng.Pick(all);
    const Institution& inst = world.institutions[static_cast<size_t>(s)];
    if (world.cities[inst.city].code == region / 100) return s;
  }
  return rng.Pick(all);
}

void EnrollChild(World& world, Rows* rows, int32_t child, Rng& rng) {
  const Person& p = world.persons[static_cast<size_t>(child)];
  const Days a = world.as_of();
  const CivilDate c = CivilFromDays(a);
  const int sy = c.month >= 9 ? c.year : c.year - 1;
  const int age = AgeAt(p.birth, a);
  auto sept = [](int y) { return DaysFromCivil(y, 9, 1); };
  auto july = [](int y) { return DaysFromCivil(y, 7, static_cast<int>(10)); };
  auto add = [&](InstType t, Days enroll, Days leave) {
    rows->enrollments.push_back({SchoolFor(world, t, p.region, rng), child, enroll, leave, {}});
  };
  if (age < 3 || age >= 18) return;
  if (age <= 6) {
    add(InstType::kKindergarten, sept(sy - (age - 3)), kNoDay);
  } else if (age <= 12) {
    const int g = age - 7;
    add(InstType::kKindergarten, sept(sy - g - 3), july(sy - g));
    add(InstType::kPrimary, sept(sy - g), kNoDay);
  } else if (age <= 15) {
    const int g = age - 13;
    add(InstType::kPrimary, sept(sy - g - 6), july(sy - g));
    add(InstType::kMiddle, sept(sy - g), kNoDay);
  } else {
    const int g = age - 16;
    add(InstType::kMiddle, sept(sy - g - 3), july(sy - g));
    uint64_t r = rng.Below(100);
    if (r < 72) {
      add(InstType::kHigh, sept(sy - g), kNoDay);
    } else if (r < 88) {
      add(InstType::kVocational, sept(sy - g), kNoDay);
    }
    // else: left school after compulsory education (no clue: aged 16+)
  }
}

void BuildEnrollments(World& world, const Pools& pools) {
  Rng rng = world.Stream("enrollments");
  for (int32_t child : pools.children) EnrollChild(world, &world.background, child, rng);
}

void BuildStaff(World& world, const Pools& pools) {
  Rng rng = world.Stream("staff");
  std::vector<int32_t> pool = pools.staff;
  for (size_t i = pool.size(); i > 1; --i) std::swap(pool[i - 1], pool[rng.Below(i)]);
  if (pool.empty()) return;
  size_t next = 0;
  const Days a = world.as_of();
  const size_t background_institutions = world.institutions.size();
  for (size_t i = 0; i < background_institutions; ++i) {
    const Institution& inst = world.institutions[i];
    const StaffPlan* plan = nullptr;
    for (const StaffPlan& sp : StaffPlans()) {
      if (sp.type == inst.type) plan = &sp;
    }
    if (plan == nullptr) continue;
    const int64_t n = rng.Range(plan->lo, plan->hi);
    for (int64_t k = 0; k < n; ++k) {
      const int32_t person = pool[next++ % pool.size()];
      const Person& p = world.persons[static_cast<size_t>(person)];
      StaffRow row;
      row.inst = static_cast<int32_t>(i);
      row.person = person;
      row.position = rng.PerMille(600) ? plan->positions[0] : rng.Pick(plan->positions);
      const Days earliest = AddYears(p.birth, 20);
      row.hire = std::max<Days>(earliest, a - static_cast<Days>(rng.Range(30, 20 * kYear)));
      if (row.hire > a) continue;
      if (rng.PerMille(150) && a - row.hire > 200) {
        row.leave = row.hire + static_cast<Days>(rng.Range(90, a - row.hire - 1));
      }
      world.background.staff.push_back(std::move(row));
    }
  }
}

void BuildEmployment(World& world, const Pools& pools) {
  Rng rng = world.Stream("employment");
  const std::vector<int32_t>& employers = world.OfType(InstType::kEmployer);
  if (pools.workers.empty() || employers.empty()) return;
  const Days a = world.as_of();
  const int64_t n = world.Scaled(4000);
  for (int64_t i = 0; i < n; ++i) {
    const int32_t person = rng.Pick(pools.workers);
    const Person& p = world.persons[static_cast<size_t>(person)];
    EmploymentRow row;
    row.employer = rng.Pick(employers);
    row.person = person;
    const Days adult = AddYears(p.birth, 18) + static_cast<Days>(rng.Range(0, 400));
    row.start = std::max<Days>(adult, a - static_cast<Days>(rng.Range(30, 12 * kYear)));
    if (row.start > a) continue;
    if (rng.PerMille(300) && a - row.start > 60) {
      row.end = row.start + static_cast<Days>(rng.Range(30, a - row.start));
    }
    row.hazardous = rng.PerMille(80) ? 1 : (rng.PerMille(900) ? 0 : -1);
    world.background.employment.push_back(std::move(row));
  }
}

}  // namespace tutela::demo
