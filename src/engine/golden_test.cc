// Golden SQL suite: runs every *.test script under tests/sql/, subfolders
// included (e.g. tests/sql/rules/; format in engine/script.h), through the
// engine with all optimizer passes on and off, and through SQLite for the
// blocks not marked nosqlite. TUTELA_REWRITE=1 rewrites the expected outputs
// in place.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "engine/engine.h"
#include "engine/optimizer.h"
#include "engine/script.h"
#include "engine/sqlite_oracle.h"
#include "identity/id_number.h"
#include "testutil/testutil.h"

namespace tutela::engine {
namespace {

// TUTELA_SQL_DIR overrides the script directory (for trying out scripts).
std::string ScriptDir() {
  const char* env = std::getenv("TUTELA_SQL_DIR");
  return env ? std::string(env) : tutela::testing::SourcePath("tests/sql");
}

std::vector<std::string> ScriptFiles() {
  std::vector<std::string> files;
  std::string dir = ScriptDir();
  if (!std::filesystem::exists(dir)) return files;
  // Paths relative to the script directory, so tests/sql/rules/x.test is "rules/x.test".
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".test") {
      files.push_back(std::filesystem::relative(e.path(), dir).generic_string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += s + "\n";
  return out;
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, Script) {
  std::string path = ScriptDir() + "/" + GetParam();
  std::string text = tutela::testing::ReadFile(path);
  auto blocks = ParseScript(text);
  ASSERT_TRUE(blocks.ok()) << blocks.status().message();
  bool rewrite = std::getenv("TUTELA_REWRITE") && std::string(std::getenv("TUTELA_REWRITE")) == "1";
  Catalog catalog;
  QueryOptions options;
  options.as_of = *ParseIsoDate("2024-06-30");
  auto sqlite = testing::SqliteOracle::Open();
  if (!sqlite) ADD_FAILURE() << "libsqlite3 could not be loaded; differential checks skipped";
  std::vector<std::vector<std::string>> actual(blocks->size());
  for (size_t k = 0; k < blocks->size(); ++k) {
    const ScriptBlock& b = (*blocks)[k];
    std::string where = GetParam() + ":" + std::to_string(b.line);
    switch (b.kind) {
      case ScriptBlock::Kind::kTable: {
        auto t = BuildInlineTable(b.text, b.body, &catalog.persons());
        ASSERT_TRUE(t.ok()) << where << ": " << t.status().message();
        catalog.PutTable(*t);
        if (sqlite) {
          std::string err;
          ASSERT_TRUE(sqlite->LoadTable(**t, catalog.persons(), &err)) << where << ": " << err;
        }
        break;
      }
      case ScriptBlock::Kind::kRegistry: {
        ASSERT_GE(b.header.size(), 4u) << where;
        int32_t code = catalog.persons().Intern(NormalizeIdNumber(b.header[1]));
        std::optional<Days> birth;
        if (b.header[2] != "-") birth = ParseIsoDate(b.header[2]);
        char sex = b.header[3] == "-" ? 0 : b.header[3][0];
        catalog.persons().SetRegistry(code, birth, sex);
        break;
      }
      case ScriptBlock::Kind::kParam:
        ASSERT_EQ(b.header.size(), 3u) << where;
        options.params[b.header[1]] = ParseParamValue(b.header[2]);
        break;
      case ScriptBlock::Kind::kAsOf: {
        ASSERT_EQ(b.header.size(), 2u) << where;
        auto d = ParseIsoDate(b.header[1]);
        ASSERT_TRUE(d) << where;
        options.as_of = *d;
        break;
      }
      case ScriptBlock::Kind::kQuery: {
        auto result = ExecuteQuery(catalog, b.text, options);
        if (!result.ok()) {
          ADD_FAILURE() << where << ": query failed: " << result.status().message() << "\n"
                        << b.text;
          actual[k] = {"ERROR: " + result.status().message()};
          break;
        }
        std::vector<std::string> rows = testing::RenderRows(**result, catalog.persons());
        actual[k] = b.rowsort ? Sorted(rows) : rows;
        if (!rewrite) {
          EXPECT_EQ(Join(b.rowsort ? Sorted(b.body) : b.body), Join(actual[k])) << where << "\n"
                                                                                << b.text;
        }
        // Same multiset with every optimizer pass off.
        QueryOptions plain = options;
        for (const std::string& p : OptimizerPassNames()) plain.disabled_passes.insert(p);
        auto unopt = ExecuteQuery(catalog, b.text, plain);
        ASSERT_TRUE(unopt.ok()) << where << ": " << unopt.status().message();
        EXPECT_EQ(Join(Sorted(rows)), Join(Sorted(testing::RenderRows(**unopt, catalog.persons()))))
            << where << ": optimizer changed the result\n"
            << b.text;
        if (sqlite && !b.nosqlite) {
          std::vector<Type> types;
          for (const ColumnSpec& c : (*result)->schema()) types.push_back(c.type);
          std::vector<std::string> lite;
          std::string err;
          bool ok = sqlite->Query(testing::ForSqlite(b.text), options.params, types, &lite, &err);
          EXPECT_TRUE(ok) << where << ": sqlite: " << err << "\n" << b.text;
          if (ok) {
            EXPECT_EQ(Join(Sorted(rows)), Join(Sorted(lite))) << where << ": differs from SQLite\n"
                                                              << b.text;
          }
        }
        break;
      }
      case ScriptBlock::Kind::kError: {
        auto result = ExecuteQuery(catalog, b.text, options);
        if (result.ok()) {
          ADD_FAILURE() << where << ": expected an error\n" << b.text;
          actual[k] = {"(no error)"};
          break;
        }
        std::string msg = result.status().message();
        size_t start = 0;
        actual[k].clear();
        while (start <= msg.size()) {
          size_t end = msg.find('\n', start);
          if (end == std::string::npos) end = msg.size();
          actual[k].push_back(msg.substr(start, end - start));
          start = end + 1;
        }
        if (!rewrite) {
          EXPECT_EQ(Join(b.body), Join(actual[k])) << where << "\n" << b.text;
        }
        break;
      }
      case ScriptBlock::Kind::kExplain: {
        auto plan = Explain(catalog, b.text, options);
        ASSERT_TRUE(plan.ok()) << where << ": " << plan.status().message();
        std::string p = *plan;
        if (!p.empty() && p.back() == '\n') p.pop_back();
        actual[k].clear();
        size_t start = 0;
        while (start <= p.size()) {
          size_t end = p.find('\n', start);
          if (end == std::string::npos) end = p.size();
          actual[k].push_back(p.substr(start, end - start));
          start = end + 1;
        }
        if (!rewrite) {
          EXPECT_EQ(Join(b.body), Join(actual[k])) << where << "\n" << b.text;
        }
        break;
      }
    }
  }
  if (!rewrite) return;
  // Rebuild the file with the actual outputs.
  std::vector<std::string> lines;
  {
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      lines.push_back(text.substr(start, end - start));
      start = end + 1;
    }
  }
  std::string out;
  size_t next = 0;
  for (size_t k = 0; k < blocks->size(); ++k) {
    const ScriptBlock& b = (*blocks)[k];
    if (b.sql_end < 0) continue;
    for (; next < static_cast<size_t>(b.sql_end); ++next) out += lines[next] + "\n";
    out += "----\n";
    for (const std::string& l : actual[k]) out += (l.empty() ? " " : l) + "\n";
    next = b.body_end >= 0 ? static_cast<size_t>(b.body_end) : static_cast<size_t>(b.sql_end);
  }
  for (; next < lines.size(); ++next) out += lines[next] + (next + 1 < lines.size() ? "\n" : "");
  tutela::testing::WriteFile(path, out);
}

INSTANTIATE_TEST_SUITE_P(Sql, GoldenTest, ::testing::ValuesIn(ScriptFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           // "rules/entry_ban.barred_record_employed.test" ->
                           // "rules_entry_ban_barred_record_employed".
                           std::string name = info.param.substr(0, info.param.rfind(".test"));
                           for (char& c : name) {
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace tutela::engine
