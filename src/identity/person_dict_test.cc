// Tests for PersonDict: interning, lookups, ID-derived info and registry overrides.
#include "identity/person_dict.h"

#include <gtest/gtest.h>

#include <string>

namespace tutela {
namespace {

constexpr char kValidF[] = "11010519491231002X";    // female, 1949-12-31
constexpr char kValidM[] = "440524188001010014";    // male, 1880-01-01
constexpr char kBadCheck[] = "110105200802290031";  // male, 2008-02-29, wrong check

TEST(PersonDictTest, InternAndFind) {
  PersonDict d;
  EXPECT_EQ(d.size(), 0u);
  EXPECT_EQ(d.Find(kValidF), -1);
  const int32_t a = d.Intern(kValidF);
  const int32_t b = d.Intern(kValidM);
  EXPECT_EQ(a, 0);
  EXPECT_EQ(b, 1);
  EXPECT_EQ(d.Intern(std::string(kValidF)), a);  // same content, different storage
  EXPECT_EQ(d.size(), 2u);
  EXPECT_EQ(d.Find(kValidM), b);
  EXPECT_EQ(d.Find("nobody"), -1);
  EXPECT_EQ(d.Id(a), kValidF);
  EXPECT_EQ(d.Id(b), kValidM);
}

TEST(PersonDictTest, ManyCodesStayDenseAndStable) {
  PersonDict d;
  d.Reserve(100);
  for (int i = 0; i < 5000; ++i) EXPECT_EQ(d.Intern("P" + std::to_string(i)), i);
  for (int i = 0; i < 5000; ++i) {
    const std::string id = "P" + std::to_string(i);
    EXPECT_EQ(d.Find(id), i);
    EXPECT_EQ(d.Id(i), id);
  }
  EXPECT_EQ(d.size(), 5000u);
}

TEST(PersonDictTest, InfoFromId) {
  PersonDict d;
  const PersonInfo& f = d.Info(d.Intern(kValidF));
  EXPECT_EQ(f.problem, IdProblem::kNone);
  EXPECT_EQ(f.id_birth, DaysFromCivil(1949, 12, 31));
  EXPECT_EQ(f.id_sex, 'F');
  EXPECT_EQ(f.birth, f.id_birth);
  EXPECT_EQ(f.sex, 'F');
  EXPECT_FALSE(f.registered);

  const PersonInfo bad = d.Info(d.Intern(kBadCheck));
  EXPECT_EQ(bad.problem, IdProblem::kCheckDigit);
  EXPECT_EQ(bad.birth, DaysFromCivil(2008, 2, 29));
  EXPECT_EQ(bad.sex, 'M');

  const PersonInfo junk = d.Info(d.Intern("ABC"));
  EXPECT_EQ(junk.problem, IdProblem::kLength);
  EXPECT_EQ(junk.id_birth, kNoDate);
  EXPECT_EQ(junk.birth, kNoDate);
  EXPECT_EQ(junk.sex, 0);

  const PersonInfo bad_date = d.Info(d.Intern("110105200702290031"));
  EXPECT_EQ(bad_date.problem, IdProblem::kBirthDate);
  EXPECT_EQ(bad_date.birth, kNoDate);
  EXPECT_EQ(bad_date.sex, 'M');
}

TEST(PersonDictTest, RegistryOverridesAndClear) {
  PersonDict d;
  const int32_t f = d.Intern(kValidF);
  const int32_t m = d.Intern(kValidM);
  const int32_t j = d.Intern("ABC");
  const Days reg_birth = DaysFromCivil(1950, 1, 2);

  d.SetRegistry(f, reg_birth, 'M');
  EXPECT_EQ(d.Info(f).birth, reg_birth);
  EXPECT_EQ(d.Info(f).sex, 'M');
  EXPECT_EQ(d.Info(f).id_birth, DaysFromCivil(1949, 12, 31));
  EXPECT_EQ(d.Info(f).id_sex, 'F');
  EXPECT_TRUE(d.Info(f).registered);

  // Empty birth date / sex in the persons row keep the ID's values.
  d.SetRegistry(m, std::nullopt, 0);
  EXPECT_EQ(d.Info(m).birth, DaysFromCivil(1880, 1, 1));
  EXPECT_EQ(d.Info(m).sex, 'M');
  EXPECT_TRUE(d.Info(m).registered);

  // A person whose ID carries nothing gets everything from the registry.
  d.SetRegistry(j, reg_birth, 'F');
  EXPECT_EQ(d.Info(j).birth, reg_birth);
  EXPECT_EQ(d.Info(j).sex, 'F');

  d.ClearRegistry();
  EXPECT_EQ(d.Info(f).birth, DaysFromCivil(1949, 12, 31));
  EXPECT_EQ(d.Info(f).sex, 'F');
  EXPECT_FALSE(d.Info(f).registered);
  EXPECT_EQ(d.Info(j).birth, kNoDate);
  EXPECT_EQ(d.Info(j).sex, 0);
  EXPECT_EQ(d.Info(j).problem, IdProblem::kLength);
}

}  // namespace
}  // namespace tutela
