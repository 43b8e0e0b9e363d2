// Golden tests for the built-in models: each case folder under tests/models/
// holds a data directory's files, an optional `args` file and `expected.jsonl`
// (the scan output). TUTELA_REWRITE=1 rewrites the expected files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/catalog_builder.h"
#include "models/runner.h"
#include "testutil/testutil.h"

namespace tutela::models {
namespace {

namespace fs = std::filesystem;

struct CaseArgs {
  Days as_of = DaysFromCivil(2026, 6, 30);
  std::map<std::string, std::string> params;
  std::vector<std::string> models;
};

// `args` lines: "as_of=YYYY-MM-DD", "param=model.name=value", "model=id".
CaseArgs ReadArgs(const fs::path& dir) {
  CaseArgs a;
  std::ifstream in(dir / "args");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string k = line.substr(0, eq), v = line.substr(eq + 1);
    if (k == "as_of") {
      a.as_of = *ParseIsoDate(v);
    } else if (k == "param") {
      size_t eq2 = v.find('=');
      a.params[v.substr(0, eq2)] = v.substr(eq2 + 1);
    } else if (k == "model") {
      a.models.push_back(v);
    }
  }
  return a;
}

std::string RunCase(const fs::path& dir) {
  CaseArgs args = ReadArgs(dir);
  Catalog catalog;
  ingest::ImportOptions io;
  auto load = ingest::LoadDataDir(dir.string(), io, &catalog);
  if (!load.ok()) return "LOAD ERROR: " + load.status().ToString() + "\n";
  RunOptions opts;
  opts.as_of = args.as_of;
  opts.params = args.params;
  for (const std::string& t : catalog.TableNames()) {
    if (ingest::FindTable(t)) opts.present_tables.insert(t);
  }
  AddEmptyStandardTables(&catalog);
  auto builtin = BuiltinModels();
  if (!builtin.ok()) return "MODEL ERROR: " + builtin.status().ToString() + "\n";
  std::vector<ModelDef> models;
  for (const ModelDef& m : *builtin) {
    if (args.models.empty() ||
        std::find(args.models.begin(), args.models.end(), m.id) != args.models.end()) {
      models.push_back(m);
    }
  }
  auto run = RunModels(catalog, models, opts);
  if (!run.ok()) return "RUN ERROR: " + run.status().ToString() + "\n";
  std::string out;
  for (const Clue& c : run->clues) out += ClueToJson(c) + "\n";
  return out;
}

std::vector<fs::path> Cases() {
  std::vector<fs::path> cases;
  fs::path root = testing::SourcePath("tests/models");
  if (!fs::exists(root)) return cases;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_directory() &&
        (fs::exists(e.path() / "expected.jsonl") || fs::exists(e.path() / "args"))) {
      cases.push_back(e.path());
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

class GoldenModels : public ::testing::TestWithParam<fs::path> {};

TEST_P(GoldenModels, MatchesExpected) {
  const fs::path& dir = GetParam();
  std::string got = RunCase(dir);
  fs::path expected = dir / "expected.jsonl";
  if (std::getenv("TUTELA_REWRITE") != nullptr) {
    testing::WriteFile(expected.string(), got);
    return;
  }
  EXPECT_EQ(testing::ReadFile(expected.string()), got) << "case " << dir.string();
}

std::string CaseName(const ::testing::TestParamInfo<fs::path>& info) {
  fs::path rel = fs::relative(info.param, testing::SourcePath("tests/models"));
  std::string name;
  for (char c : rel.string()) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenModels, ::testing::ValuesIn(Cases()), CaseName);

}  // namespace
}  // namespace tutela::models
