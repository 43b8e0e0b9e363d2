// Planting true cases and near misses: a small toolkit shared by the
// plant_*.cc files (fresh people and places, dates relative to the as-of
// date, judgment rows, expectations), and one entry point per model group.
// Every planted case uses people and places of its own, so cases do not
// interact with each other or with the background. Single-threaded.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "demo/world.h"

namespace tutela::demo {

// datasets.md: child-contact and school types.
inline bool ChildContact(InstType t) {
  return t == InstType::kKindergarten || t == InstType::kPrimary || t == InstType::kMiddle ||
         t == InstType::kHigh || t == InstType::kVocational || t == InstType::kTraining ||
         t == InstType::kChildWelfare;
}
inline bool SchoolType(InstType t) {
  return t == InstType::kKindergarten || t == InstType::kPrimary || t == InstType::kMiddle ||
         t == InstType::kHigh;
}

// Person flag: a planted child whose missing enrolment is the point.
constexpr uint8_t kNoAutoEnroll = 16;

class Planter {
 public:
  Planter(World& world, int copy);

  World& w;
  Rng rng;
  const Days A;
  const int copy;

  // A planted person born on `birth`.
  int32_t NewPerson(Days birth, char sex, bool registered = true);
  // Born so that the age on `on` is `years` (birthday well away from `on`).
  static Days BornAged(Days on, int years, Rng& rng);
  int32_t Aged(Days on, int years, char sex, bool registered = true) {
    return NewPerson(BornAged(on, years, rng), sex, registered);
  }
  // Born exactly `years` before `day`: the person turns `years` on `day`.
  static Days BornTurning(Days day, int years) { return AddYears(day, -years); }
  // A person whose (name, birth date) is unique in the data.
  int32_t Distinctive(Days birth, char sex);
  // The same, whose persons row spells the name in traditional characters.
  int32_t DistinctiveTraditional(Days birth, char sex);
  Person& P(int32_t i) { return w.persons[static_cast<size_t>(i)]; }
  std::string Id(int32_t person) { return std::string(P(person).Id()); }
  int AgeOn(int32_t person, Days d) { return AgeAt(P(person).birth, d); }

  // A fresh institution on an exact grid slot (far from everything else).
  int32_t Place(InstType type) { return w.NewInstitution(type, rng, true); }
  const Institution& I(int32_t i) { return w.institutions[static_cast<size_t>(i)]; }

  static Seconds At(Days d, int hour, int minute) {
    return StartOfDay(d) + hour * 3600 + minute * 60;
  }

  // A judgment row of a fresh case (not yet added).
  JudgmentRow Judgment(int32_t defendant, std::string_view charge, Days offense, Days judged,
                       std::string_view sentence_type, int32_t months, int8_t suspended,
                       int32_t ban);
  void Add(JudgmentRow row) { w.planted.judgments.push_back(std::move(row)); }
  void Victim(const std::string& case_no, int32_t victim, int8_t style = -1) {
    w.planted.victims.push_back({case_no, victim, style, {}});
  }
  void Staff(int32_t inst, int32_t person, std::string_view position, Days hire, Days leave);

  // Records a planted case: a clue is expected when `fires`, else it is a near miss.
  void Expect(std::string_view model, std::string_view rule,
              std::initializer_list<std::pair<std::string_view, std::string>> keys,
              std::string_view severity, bool fires, std::string note);
};

void PlantEntryBan(Planter& p);
void PlantSexualSentencing(Planter& p);
// The peer-group rule needs every in-scope judgment: run after all plants.
void ExpectSentenceOutliers(World& world);
void PlantHotels(Planter& p);
void PlantNetcafes(Planter& p);
void PlantNearSchool(Planter& p);
void PlantMandatoryReport(Planter& p);
void PlantChildLabor(Planter& p);
void PlantDropout(Planter& p);
void PlantGuardianAbsent(Planter& p);
void PlantConditionalNonProsecution(Planter& p);
void PlantRecordSealing(Planter& p);
void PlantIntegrationReview(Planter& p);
// Input quirks of datasets.md carried by planted rows (bad rows, duplicate
// IDs, identity links by name and birth date, invalid IDs).
void PlantQuirks(Planter& p);

// Runs every plant for every copy, then enrols the planted school-age
// children that should be enrolled and computes the sentence outliers.
void PlantAll(World& world);

}  // namespace tutela::demo
