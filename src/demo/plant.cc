// The planting toolkit and the driver that runs every plant.
#include "demo/plant.h"

#include <algorithm>

#include "demo/names.h"
#include "demo/registry_rows.h"

namespace tutela::demo {

Planter::Planter(World& world, int copy_index)
    : w(world),
      rng(world.config().seed, StreamId("plant") + static_cast<uint64_t>(copy_index) * 7919),
      A(world.as_of()),
      copy(copy_index) {}

int32_t Planter::NewPerson(Days birth, char sex, bool registered) {
  World::PersonSpec spec;
  spec.birth = birth;
  spec.sex = sex;
  spec.registered = registered;
  spec.role = Role::kPlanted;
  return w.NewPerson(spec, rng);
}

Days Planter::BornAged(Days on, int years, Rng& rng) {
  return AddYears(on, -years) - static_cast<Days>(rng.Range(20, 340));
}

int32_t Planter::Distinctive(Days birth, char sex) {
  World::PersonSpec spec;
  spec.birth = birth;
  spec.sex = sex;
  spec.role = Role::kPlanted;
  spec.name = DistinctiveName(w.next_distinctive++, sex);
  return w.NewPerson(spec, rng);
}

int32_t Planter::DistinctiveTraditional(Days birth, char sex) {
  World::PersonSpec spec;
  spec.birth = birth;
  spec.sex = sex;
  spec.role = Role::kPlanted;
  spec.name = DistinctiveTradableName(w.next_tradable++);
  int32_t person = w.NewPerson(spec, rng);
  P(person).flags |= kTradName;
  return person;
}

JudgmentRow Planter::Judgment(int32_t defendant, std::string_view charge, Days offense, Days judged,
                              std::string_view sentence_type, int32_t months, int8_t suspended,
                              int32_t ban) {
  JudgmentRow j;
  j.region = w.RandomHomeCounty(rng);
  j.case_no = w.NewCaseNo(CivilFromDays(judged).year, j.region);
  j.court = w.CourtName(j.region);
  j.judgment_date = judged;
  j.defendant = defendant;
  j.occupation = "无业";
  j.charge = std::string(charge);
  j.offense = offense;
  j.sentence_type = std::string(sentence_type);
  j.months = months;
  j.suspended = suspended;
  j.ban = ban;
  return j;
}

void Planter::Staff(int32_t inst, int32_t person, std::string_view position, Days hire,
                    Days leave) {
  StaffRow s;
  s.inst = inst;
  s.person = person;
  s.position = std::string(position);
  s.hire = hire;
  s.leave = leave;
  w.planted.staff.push_back(std::move(s));
}

void Planter::Expect(std::string_view model, std::string_view rule,
                     std::initializer_list<std::pair<std::string_view, std::string>> keys,
                     std::string_view severity, bool fires, std::string note) {
  Expectation e;
  e.model = std::string(model);
  e.rule = std::string(rule);
  for (const auto& [k, v] : keys) e.keys.emplace_back(std::string(k), v);
  std::sort(e.keys.begin(), e.keys.end());
  e.severity = std::string(severity);
  e.fires = fires;
  e.note = std::move(note);
  w.expectations.push_back(std::move(e));
}

void PlantAll(World& world) {
  for (int copy = 0; copy < world.copies(); ++copy) {
    Planter p(world, copy);
    PlantEntryBan(p);
    PlantSexualSentencing(p);
    PlantHotels(p);
    PlantNetcafes(p);
    PlantNearSchool(p);
    PlantMandatoryReport(p);
    PlantChildLabor(p);
    PlantDropout(p);
    PlantGuardianAbsent(p);
    PlantConditionalNonProsecution(p);
    PlantRecordSealing(p);
    PlantIntegrationReview(p);
    PlantQuirks(p);
  }
  // Planted children of school age go to school like everyone else, unless
  // their missing enrolment is the planted case.
  Rng rng = world.Stream("plant-enroll");
  const Days a = world.as_of();
  for (size_t i = 0; i < world.persons.size(); ++i) {
    const Person& person = world.persons[i];
    if (person.role != Role::kPlanted || !(person.flags & kRegistered)) continue;
    if (person.flags & kNoAutoEnroll) continue;
    if (person.deceased != kNoDay && person.deceased <= a) continue;
    EnrollChild(world, &world.planted, static_cast<int32_t>(i), rng);
  }
  ExpectSentenceOutliers(world);
}

}  // namespace tutela::demo
