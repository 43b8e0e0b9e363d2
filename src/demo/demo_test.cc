// Tests of the demo-data generator: determinism, every table present, the
// data loads with exactly the planted rejects, IDs valid except the planted
// invalid ones, every rule planted with clues and near misses.
#include "demo/demo.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "catalog/catalog.h"
#include "common/refdata_blobs.h"
#include "demo/format.h"
#include "demo/justice_rows.h"
#include "demo/names.h"
#include "identity/id_number.h"
#include "identity/name.h"
#include "ingest/catalog_builder.h"
#include "ingest/schema.h"
#include "testutil/testutil.h"

namespace tutela::demo {
namespace {

using testing::ReadFile;
using testing::TempDir;

DemoOptions Small(const std::string& dir, uint64_t seed = 7) {
  DemoOptions o;
  o.out_dir = dir;
  o.scale = 0.05;
  o.seed = seed;
  o.as_of = DefaultAsOf();
  return o;
}

std::vector<std::string> FilesOf(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(DemoDataTest, SameSeedGivesByteIdenticalFiles) {
  TempDir a, b, c;
  ASSERT_TRUE(GenerateDemoData(Small(a.path())).ok());
  ASSERT_TRUE(GenerateDemoData(Small(b.path())).ok());
  ASSERT_TRUE(GenerateDemoData(Small(c.path(), 8)).ok());
  const std::vector<std::string> files = FilesOf(a.path());
  ASSERT_EQ(files, FilesOf(b.path()));
  int differing = 0;
  for (const std::string& f : files) {
    EXPECT_EQ(ReadFile(a.Join(f)), ReadFile(b.Join(f))) << f;
    differing += ReadFile(a.Join(f)) != ReadFile(c.Join(f)) ? 1 : 0;
  }
  EXPECT_GT(differing, 10) << "another seed should give other data";
}

TEST(DemoDataTest, EveryTableFileIsWritten) {
  TempDir dir;
  auto summary = GenerateDemoData(Small(dir.path()));
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  std::set<std::string> tables;
  for (const std::string& f : FilesOf(dir.path())) {
    if (f.size() > 4 && f.substr(f.size() - 4) == ".csv") tables.insert(f.substr(0, f.size() - 4));
    if (f.size() > 6 && f.substr(f.size() - 6) == ".jsonl")
      tables.insert(f.substr(0, f.size() - 6));
  }
  for (const ingest::TableDef& t : ingest::AllTables()) EXPECT_TRUE(tables.count(t.name)) << t.name;
  for (const auto& [file, stats] : summary->files) EXPECT_GT(stats.first, 0) << file;
  EXPECT_TRUE(std::filesystem::exists(dir.Join("README.txt")));
  // persons.csv is GB18030: not valid UTF-8.
  const std::string persons = ReadFile(dir.Join("persons.csv"));
  EXPECT_NE(persons.find("\xB9\xAB\xC3\xF1"), std::string::npos) << "公民 in GBK";
  EXPECT_NE(ReadFile(dir.Join("staff.csv")).find("\r\n"), std::string::npos);
  EXPECT_EQ(ReadFile(dir.Join("institutions.csv")).substr(0, 3), "\xEF\xBB\xBF");
}

TEST(DemoDataTest, LoadsWithExactlyThePlantedRejectsAndValidIds) {
  TempDir dir;
  auto summary = GenerateDemoData(Small(dir.path()));
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  Catalog catalog;
  auto load = ingest::LoadDataDir(dir.path(), {}, &catalog);
  ASSERT_TRUE(load.ok()) << load.status().ToString();
  std::set<std::tuple<std::string, int32_t, std::string, bool>> got, want;
  for (const ingest::RejectEntry& e : load->rejects) {
    got.emplace(e.file, e.line, e.column.value_or("-"), e.kind == ingest::RejectKind::kWarning);
  }
  for (const ExpectedReject& e : summary->rejects)
    want.emplace(e.file, e.line, e.column.value_or("-"), e.warning);
  EXPECT_EQ(got, want);
  EXPECT_GE(want.size(), 10u);
  // Every table loaded, with most rows accepted.
  for (const ingest::TableDef& t : ingest::AllTables()) {
    const Table* table = catalog.GetTable(t.name);
    ASSERT_NE(table, nullptr) << t.name;
    EXPECT_GT(table->num_rows(), 0u) << t.name;
  }
  // IDs: valid except the planted invalid ones, which all occur.
  const std::set<std::string> planted(summary->invalid_ids.begin(), summary->invalid_ids.end());
  std::set<std::string> seen_invalid;
  const PersonDict& dict = catalog.persons();
  for (size_t i = 0; i < dict.size(); ++i) {
    const std::string& id = dict.Id(static_cast<int32_t>(i));
    if (dict.Info(static_cast<int32_t>(i)).problem == IdProblem::kNone) continue;
    EXPECT_TRUE(planted.count(id)) << "unplanted invalid ID " << id;
    seen_invalid.insert(id);
  }
  EXPECT_EQ(seen_invalid, planted);
  // Staff identities: linked, ambiguous and unlinked rows are all there.
  const ingest::LinkStats& staff = load->links.at("staff");
  EXPECT_GE(staff.linked, 3);
  EXPECT_GE(staff.ambiguous, 1);
  EXPECT_GE(staff.unlinked, 2);
}

TEST(DemoDataTest, EveryRuleHasClueAndNearMisses) {
  TempDir dir;
  DemoOptions o = Small(dir.path());
  auto summary = GenerateDemoData(o);
  ASSERT_TRUE(summary.ok());
  std::map<std::pair<std::string, std::string>, std::pair<int, int>> counts;
  for (const Expectation& e : summary->expectations) {
    auto& c = counts[{e.model, e.rule}];
    (e.fires ? c.first : c.second)++;
  }
  EXPECT_EQ(AllRules().size(), 26u);
  for (const auto& [model, rule] : AllRules()) {
    const auto c = counts[{std::string(model), std::string(rule)}];
    EXPECT_GE(c.first, 2) << model << "." << rule << " clues";
    EXPECT_GE(c.second, 1) << model << "." << rule << " near misses";
  }
  EXPECT_EQ(counts.size(), 26u) << "expectations name only rules of models.md";
  const std::string expected = ReadFile(dir.Join("expected_clues.jsonl"));
  EXPECT_NE(expected.find("\"rule\":\"sentence_outlier\""), std::string::npos);
}

TEST(DemoDataTest, PlantedCountsScaleWithScale) {
  TempDir one, two;
  DemoOptions a = Small(one.path());
  a.scale = 0.4;  // one copy of the plants
  DemoOptions b = Small(two.path());
  b.scale = 2;  // two copies
  auto sa = GenerateDemoData(a);
  auto sb = GenerateDemoData(b);
  ASSERT_TRUE(sa.ok() && sb.ok());
  // Outliers depend on the size of the peer groups, which grow with the copies.
  auto count = [](const DemoSummary& s) {
    size_t n = 0;
    for (const Expectation& e : s.expectations) n += e.rule != "sentence_outlier" ? 1 : 0;
    return n;
  };
  EXPECT_EQ(count(*sb), 2 * count(*sa));
  EXPECT_GT(sb->persons, 4 * sa->persons);
}

TEST(DemoDataTest, RejectsBadScale) {
  TempDir dir;
  DemoOptions o = Small(dir.path());
  o.scale = 0;
  EXPECT_FALSE(GenerateDemoData(o).ok());
}

TEST(DemoFormatTest, EverySpellingNormalisesBack) {
  const std::string id = WithCheck("11010519491231002");
  ASSERT_EQ(id, "11010519491231002X");
  for (int s = 0; s <= 4; ++s) {
    std::string out;
    AppendId(&out, id, static_cast<IdStyle>(s));
    EXPECT_EQ(NormalizeIdNumber(out), id) << out;
  }
  std::string fifteen;
  AppendId(&fifteen, id, IdStyle::kFifteen);
  EXPECT_EQ(fifteen, "110105491231002");
  std::string d;
  for (int s = 0; s <= 4; ++s) {
    AppendDate(&d, DaysFromCivil(2024, 1, 5), static_cast<DateStyle>(s));
    d += '|';
  }
  EXPECT_EQ(d, "2024-01-05|2024/1/5|20240105|2024年1月5日|2024.01.05|");
  std::string t;
  AppendDateTime(&t, StartOfDay(DaysFromCivil(2024, 1, 5)) + 3600 * 9 + 65, DateStyle::kSlash,
                 TimeStyle::kTHms);
  EXPECT_EQ(t, "2024/1/5T09:01:05");
}

TEST(DemoNamesTest, TraditionalNamesMapBackToSimplified) {
  if (!NameConverterAvailable()) GTEST_SKIP() << NameConverterError();
  for (size_t i = 0; i < TraditionalPairCount(); ++i) {
    auto [s, t] = TraditionalPair(i);
    EXPECT_EQ(NormalizeName(t), NormalizeName(s)) << s << " / " << t;
  }
  Rng rng(3);
  for (int i = 0; i < 200; ++i) {
    std::string name = RandomName(rng, i % 2 ? 'M' : 'F', 1960 + i % 60);
    std::string trad = ToTraditional(name);
    if (!trad.empty()) {
      EXPECT_EQ(NormalizeName(trad), NormalizeName(name)) << trad;
    }
  }
  EXPECT_NE(DistinctiveName(1, 'M'), DistinctiveName(2, 'M'));
}

TEST(DemoChargesTest, ChargeTableMatchesReferenceData) {
  std::map<std::string, std::pair<int, std::string>> ref;
  std::string_view csv = refdata::kChargesCsv;
  size_t pos = csv.find('\n') + 1;
  while (pos < csv.size()) {
    size_t end = csv.find('\n', pos);
    std::string line(
        csv.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    pos = end == std::string_view::npos ? csv.size() : end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    size_t c1 = line.find(','), c2 = line.find(',', c1 + 1), c3 = line.find(',', c2 + 1);
    ref[line.substr(0, c1)] = {std::stoi(line.substr(c2 + 1, c3 - c2 - 1)), line.substr(c3 + 1)};
  }
  for (const ChargeInfo& c : KnownCharges()) {
    auto it = ref.find(std::string(c.name));
    if (c.chapter == 0) {
      EXPECT_EQ(it, ref.end()) << c.name << " is meant to be unknown";
      continue;
    }
    ASSERT_NE(it, ref.end()) << c.name;
    EXPECT_EQ(it->second.first, c.chapter) << c.name;
    EXPECT_EQ(it->second.second, c.category) << c.name;
  }
}

}  // namespace
}  // namespace tutela::demo
