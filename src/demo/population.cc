// Background households, guardianship and the activity pools.
#include "demo/population.h"

#include "demo/names.h"

namespace tutela::demo {

namespace {

constexpr int kYear = 365;

class HouseholdBuilder {
 public:
  HouseholdBuilder(World& world, Rng& rng) : world_(world), rng_(rng), a_(world.as_of()) {}

  // Born `years` (plus up to a year) before A.
  Days BornAged(int lo, int hi) {
    return a_ - static_cast<Days>(rng_.Range(lo, hi)) * kYear - static_cast<Days>(rng_.Below(365));
  }

  int32_t Add(Days birth, char sex, uint32_t household, int32_t region, std::string_view surname,
              Role role) {
    World::PersonSpec spec;
    spec.birth = birth;
    spec.sex = sex;
    spec.household = household;
    spec.region = region;
    spec.role = role;
    spec.name = RandomName(rng_, sex, CivilFromDays(birth).year, surname);
    int32_t p = world_.NewPerson(spec, rng_);
    Person& person = world_.persons[static_cast<size_t>(p)];
    if (rng_.PerMille(10) && !ToTraditional(person.name).empty()) person.flags |= kTradName;
    return p;
  }

  Role AdultRole() {
    uint64_t r = rng_.Below(100);
    return r < 25 ? Role::kStaff : r < 31 ? Role::kOffender : Role::kWorker;
  }

  void Family() {
    const uint32_t h = world_.NewHousehold();
    const int32_t region = world_.RandomHomeCounty(rng_);
    const Days father_birth = BornAged(24, 55);
    const Days mother_birth = father_birth + static_cast<Days>(rng_.Range(-2 * kYear, 5 * kYear));
    const int32_t father = Add(father_birth, 'M', h, region, {}, Role::kParent);
    const int32_t mother = Add(mother_birth, 'F', h, region, {}, Role::kParent);
    const std::string surname(SurnameOf(world_.persons[static_cast<size_t>(father)].name));
    int32_t grandparent = -1;
    if (rng_.PerMille(150)) {
      Days gb = father_birth - static_cast<Days>(rng_.Range(24, 32)) * kYear;
      grandparent = Add(gb, rng_.Chance(1, 2) ? 'M' : 'F', h, region, {}, Role::kElder);
    }
    const int kids = rng_.PerMille(550) ? 1 : rng_.PerMille(900) ? 2 : 3;
    bool any_minor = false;
    for (int k = 0; k < kids; ++k) {
      Days birth = mother_birth + static_cast<Days>(rng_.Range(22 * kYear, 40 * kYear));
      if (birth >= a_) continue;
      const char sex = rng_.Chance(1, 2) ? 'M' : 'F';
      const bool minor = AgeAt(birth, a_) < 18;
      const int32_t child = Add(birth, sex, h, region, surname, minor ? Role::kChild : AdultRole());
      if (!minor) continue;
      any_minor = true;
      if (rng_.PerMille(930)) world_.background.guardians.push_back({child, father, "父", {}});
      if (rng_.PerMille(930)) world_.background.guardians.push_back({child, mother, "母", {}});
      if (grandparent >= 0 && rng_.PerMille(400)) {
        world_.background.guardians.push_back({child, grandparent, "祖父母", {}});
      }
      families.emplace_back(rng_.Chance(1, 2) ? father : mother, child);
    }
    if (!any_minor) {
      world_.persons[static_cast<size_t>(father)].role = AdultRole();
      world_.persons[static_cast<size_t>(mother)].role = AdultRole();
    }
  }

  void Couple(int lo, int hi, bool elderly) {
    const uint32_t h = world_.NewHousehold();
    const int32_t region = world_.RandomHomeCounty(rng_);
    const Days b1 = BornAged(lo, hi);
    const Days b2 = b1 + static_cast<Days>(rng_.Range(-3 * kYear, 3 * kYear));
    for (auto [birth, sex] : {std::pair<Days, char>{b1, 'M'}, {b2, 'F'}}) {
      int32_t p = Add(birth, sex, h, region, {}, elderly ? Role::kElder : AdultRole());
      if (elderly && rng_.PerMille(150)) {
        world_.persons[static_cast<size_t>(p)].deceased =
            a_ - static_cast<Days>(rng_.Range(1, 1000));
      }
    }
  }

  void Single() {
    const uint32_t h = world_.NewHousehold();
    const Days birth = BornAged(18, 85);
    const bool elder = AgeAt(birth, a_) >= 60;
    Add(birth, rng_.Chance(1, 2) ? 'M' : 'F', h, world_.RandomHomeCounty(rng_), {},
        elder ? Role::kElder : AdultRole());
  }

  std::vector<std::pair<int32_t, int32_t>> families;

 private:
  World& world_;
  Rng& rng_;
  Days a_;
};

}  // namespace

Pools BuildPopulation(World& world) {
  Rng rng = world.Stream("population");
  const int64_t target = world.Scaled(10000, 200);
  world.persons.reserve(static_cast<size_t>(target + target / 10));
  HouseholdBuilder hb(world, rng);
  while (static_cast<int64_t>(world.persons.size()) < target) {
    uint64_t r = rng.Below(100);
    if (r < 48) {
      hb.Family();
    } else if (r < 66) {
      hb.Couple(22, 70, false);
    } else if (r < 86) {
      hb.Single();
    } else {
      hb.Couple(60, 90, true);
    }
  }
  Pools pools;
  pools.families = std::move(hb.families);
  const Days a = world.as_of();
  const Days ws = world.window_start();
  for (size_t i = 0; i < world.persons.size(); ++i) {
    const Person& p = world.persons[i];
    const int32_t idx = static_cast<int32_t>(i);
    const bool alive = p.deceased == kNoDay;
    const int age = AgeAt(p.birth, a);
    if (alive && AgeAt(p.birth, ws) >= 18) pools.active_adults.push_back(idx);
    if (alive && age >= 18 && age <= 60) pools.workers.push_back(idx);
    if (alive && age < 18) pools.children.push_back(idx);
    const bool staff_age = age >= 22 && age <= 60;
    if (p.role == Role::kStaff || (p.role == Role::kParent && staff_age && rng.PerMille(300))) {
      if (staff_age) pools.staff.push_back(idx);
    }
    if (p.role == Role::kOffender && age >= 20) pools.offenders.push_back(idx);
  }
  return pools;
}

}  // namespace tutela::demo
