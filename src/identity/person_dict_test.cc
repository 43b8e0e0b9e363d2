// Tests for PersonDict: interning, lookups, ID-derived info and registry overrides.
#include "identity/person_dict.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

TEST(PersonDictTest, MalformedIdsLiveBesideWellFormedOnes) {
  PersonDict d;
  const int32_t a = d.Intern(kValidF);
  const int32_t junk = d.Intern("11010519491231002");  // 17 characters
  const int32_t lower = d.Intern("11010519491231002x");
  EXPECT_EQ(d.Intern("11010519491231002"), junk);
  EXPECT_EQ(d.Find("11010519491231002x"), lower);
  EXPECT_EQ(d.Find(kValidF), a);
  EXPECT_EQ(d.Find(""), -1);
  EXPECT_EQ(d.Intern(""), 3);
  EXPECT_EQ(d.Id(lower), "11010519491231002x");
  EXPECT_EQ(d.Info(lower).problem, IdProblem::kCharacters);
}

// Interning a sequence in pieces, each into its own dictionary, then merging
// the pieces in order gives the codes and infos of interning it in one pass.
TEST(PersonDictTest, MergingPiecesInOrderEqualsOnePass) {
  std::vector<std::string> ids;
  for (int i = 0; i < 3000; ++i) {
    std::string first17 = "4405241880" + std::to_string(1000000 + (i * 7919) % 1500);
    std::string id = first17 + IdCheckChar(first17);
    if (i % 97 == 0) id = "bad" + std::to_string(i % 5);
    if (i % 89 == 0) id[17] = '0';  // may make the check character wrong
    ids.push_back(id);
  }
  PersonDict one;
  for (const std::string& id : ids) one.Intern(id);
  for (size_t pieces : {1, 2, 3, 7, 101, 102, 103, 107}) {  // 100+: packed-only pieces
    const bool packed_only = pieces > 100;
    pieces %= 100;
    PersonDict global;
    global.Intern(ids[5]);  // something already there
    global.SetRegistry(0, DaysFromCivil(2000, 1, 1), 'F');
    std::vector<int32_t> codes;
    for (size_t p = 0; p < pieces; ++p) {
      PersonDict local = packed_only ? PersonDict::PackedOnly() : PersonDict();
      std::vector<int32_t> local_codes;
      for (size_t i = ids.size() * p / pieces; i < ids.size() * (p + 1) / pieces; ++i) {
        local_codes.push_back(local.Intern(ids[i]));
      }
      const std::vector<int32_t> map = global.MergeFrom(&local);
      EXPECT_EQ(local.size(), 0u);
      for (int32_t c : local_codes) codes.push_back(map[static_cast<size_t>(c)]);
    }
    // ids[5] came first here; otherwise the order of first appearance.
    PersonDict expect;
    expect.Intern(ids[5]);
    for (const std::string& id : ids) expect.Intern(id);
    ASSERT_EQ(global.size(), expect.size());
    for (size_t c = 0; c < expect.size(); ++c) {
      const auto code = static_cast<int32_t>(c);
      EXPECT_EQ(global.Id(code), expect.Id(code));
      EXPECT_EQ(global.Info(code).problem, expect.Info(code).problem);
      EXPECT_EQ(global.Info(code).id_birth, expect.Info(code).id_birth);
      EXPECT_EQ(global.Info(code).id_sex, expect.Info(code).id_sex);
      EXPECT_EQ(global.Find(expect.Id(code)), code);
    }
    EXPECT_TRUE(global.Info(0).registered);  // existing entries keep their overrides
    EXPECT_EQ(global.Info(0).sex, 'F');
    for (size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(global.Id(codes[i]), ids[i]);
  }
  // A packed-only dictionary finds and describes IDs like a full one.
  PersonDict packed = PersonDict::PackedOnly();
  EXPECT_EQ(packed.Intern(kValidF), 0);
  EXPECT_EQ(packed.Intern("ABC"), 1);
  EXPECT_EQ(packed.Find(kValidF), 0);
  EXPECT_EQ(packed.Find("ABC"), 1);
  EXPECT_EQ(packed.size(), 2u);
  EXPECT_EQ(packed.Info(0).id_sex, 'F');
  // Into an empty dictionary: the codes stay as they are.
  PersonDict empty;
  PersonDict copy = one;
  const std::vector<int32_t> map = empty.MergeFrom(&copy);
  for (size_t c = 0; c < map.size(); ++c) EXPECT_EQ(map[c], static_cast<int32_t>(c));
  EXPECT_EQ(empty.size(), one.size());
  EXPECT_EQ(empty.Find(ids.back()), one.Find(ids.back()));
}

}  // namespace
}  // namespace tutela
