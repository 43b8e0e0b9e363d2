// Differential test of the model library: for several seeds, generate demo
// data, run every built-in model (SQL through the engine) and the independent
// reference checker (plain C++ from models.md), and require identical clues
// (everything but the free-form target). Also checks the generator's planted
// expectations: planted cases fire, near misses do not.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "demo/demo.h"
#include "ingest/catalog_builder.h"
#include "models/runner.h"
#include "reference_checker.h"
#include "testutil/testutil.h"

namespace tutela {
namespace {

std::string Comparable(models::Clue c) {
  c.target.clear();
  return models::ClueToJson(c);
}

std::string KeyString(const std::string& model, const std::string& rule,
                      const std::map<std::string, std::string>& keys) {
  std::string s = model + "." + rule;
  for (const auto& [k, v] : keys) s += " " + k + "=" + v;
  return s;
}

class ScanVsReference : public ::testing::TestWithParam<int> {};

TEST_P(ScanVsReference, SameCluesAndPlantedCasesFire) {
  testing::TempDir dir;
  demo::DemoOptions opts;
  opts.out_dir = dir.Join("data");
  opts.scale = 1;
  opts.seed = static_cast<uint64_t>(GetParam());
  opts.as_of = demo::DefaultAsOf();
  auto summary = demo::GenerateDemoData(opts);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();

  Catalog catalog;
  auto load = ingest::LoadDataDir(opts.out_dir, ingest::ImportOptions(), &catalog);
  ASSERT_TRUE(load.ok()) << load.status().ToString();

  reference::ReferenceOptions ropts;
  ropts.as_of = opts.as_of;
  std::vector<models::Clue> expected = reference::ReferenceClues(catalog, ropts);

  models::RunOptions mopts;
  mopts.as_of = opts.as_of;
  for (const std::string& t : catalog.TableNames()) {
    if (ingest::FindTable(t)) mopts.present_tables.insert(t);
  }
  models::AddEmptyStandardTables(&catalog);
  auto builtin = models::BuiltinModels();
  ASSERT_TRUE(builtin.ok()) << builtin.status().ToString();
  auto run = models::RunModels(catalog, *builtin, mopts);
  ASSERT_TRUE(run.ok()) << run.status().ToString();

  std::vector<std::string> got_lines, want_lines;
  for (const models::Clue& c : run->clues) got_lines.push_back(Comparable(c));
  for (const models::Clue& c : expected) want_lines.push_back(Comparable(c));
  std::vector<std::string> missing, extra;
  std::set_difference(want_lines.begin(), want_lines.end(), got_lines.begin(), got_lines.end(),
                      std::back_inserter(missing));
  std::set_difference(got_lines.begin(), got_lines.end(), want_lines.begin(), want_lines.end(),
                      std::back_inserter(extra));
  for (size_t i = 0; i < missing.size() && i < 10; ++i)
    ADD_FAILURE() << "scan lacks: " << missing[i];
  for (size_t i = 0; i < extra.size() && i < 10; ++i) ADD_FAILURE() << "scan adds: " << extra[i];
  EXPECT_EQ(got_lines.size(), want_lines.size());

  // Every rule of models.md is exercised by the demo data.
  std::set<std::string> rules_hit;
  for (const models::Clue& c : run->clues) rules_hit.insert(c.model + "." + c.rule);
  for (const auto& [model, rule] : demo::AllRules()) {
    EXPECT_TRUE(rules_hit.count(std::string(model) + "." + std::string(rule)))
        << "no clue for " << model << "." << rule;
  }

  // Planted cases fire (with their severity); near misses do not.
  std::map<std::string, const models::Clue*> by_key;
  for (const models::Clue& c : run->clues) by_key[KeyString(c.model, c.rule, c.keys)] = &c;
  for (const demo::Expectation& e : summary->expectations) {
    std::map<std::string, std::string> keys(e.keys.begin(), e.keys.end());
    auto it = by_key.find(KeyString(e.model, e.rule, keys));
    if (e.fires) {
      ASSERT_NE(it, by_key.end()) << "planted clue missing: " << KeyString(e.model, e.rule, keys)
                                  << " (" << e.note << ")";
      EXPECT_EQ(models::SeverityName(it->second->severity), e.severity)
          << KeyString(e.model, e.rule, keys);
    } else {
      EXPECT_EQ(it, by_key.end()) << "near miss fired: " << KeyString(e.model, e.rule, keys) << " ("
                                  << e.note << ")";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, ScanVsReference, ::testing::Values(1, 2, 3));

}  // namespace
}  // namespace tutela
