// Golden import suite: every case folder of tests/golden/import holds source
// files named like tables, an optional `args` file and the expected table
// dump, reject log and quality report. Each case is loaded exactly as
// `tutela scan` loads a data directory (ingest::LoadDataDir) and compared;
// with TUTELA_REWRITE=1 the expected files are rewritten instead.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/date.h"
#include "ingest/catalog_builder.h"
#include "ingest/quality.h"
#include "ingest/schema.h"
#include "testutil/testutil.h"

namespace tutela::ingest {
namespace {

namespace fs = std::filesystem;

const char* const kCasesDir = "tests/golden/import";

// "..." with \, ", newline, CR and tab escaped, so that text "NULL" and a
// NULL stay distinct and multi-line values keep one row per line.
std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

std::string RenderValue(const Catalog& catalog, const Column& col, size_t r) {
  if (col.IsNull(r)) return "NULL";
  switch (col.type()) {
    case Type::kBool:
      return col.GetI32(r) ? "true" : "false";
    case Type::kInt64:
      return fmt::format("{}", col.GetInt(r));
    case Type::kDouble:
      return fmt::format("{}", col.GetDouble(r));
    case Type::kDate:
      return FormatDate(col.GetI32(r));
    case Type::kTimestamp:
      return FormatTimestamp(col.GetInt(r));
    case Type::kString:
      return Quote(col.GetString(r));
    case Type::kPersonId: {
      const int32_t code = col.GetI32(r);
      std::string s = catalog.persons().Id(code);
      const IdProblem p = catalog.persons().Info(code).problem;
      if (p != IdProblem::kNone) s += fmt::format("!{}", IdProblemName(p));
      return s;
    }
  }
  return "?";
}

// Readable dump of every table of the standard in the catalog.
std::string RenderTables(const Catalog& catalog, const DataDirLoad& load) {
  std::string out;
  for (const std::string& f : load.skipped_files) out += fmt::format("skipped: {}\n", f);
  for (const TableDef& def : AllTables()) {
    const Table* t = catalog.GetTable(def.name);
    if (t == nullptr) continue;
    out += fmt::format("== {} ({} rows) ==\n", def.name, t->num_rows());
    out += "line";
    for (const ColumnSpec& c : t->schema())
      out += fmt::format(" | {}:{}", c.name, TypeName(c.type));
    out += "\n";
    for (size_t r = 0; r < t->num_rows(); ++r) {
      out += fmt::format("{}:{}", t->files()[t->file_index()[r]], t->lines()[r]);
      for (size_t c = 0; c < t->num_columns(); ++c) {
        out += " | " + RenderValue(catalog, t->column(c), r);
      }
      out += "\n";
    }
  }
  return out;
}

std::map<std::string, std::string> ReadArgs(const fs::path& dir) {
  std::map<std::string, std::string> args;
  if (!fs::exists(dir / "args")) return args;
  std::string text = testing::ReadFile((dir / "args").string());
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find('=');
    if (eq != std::string::npos) args[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return args;
}

bool IsExpectedFile(const std::string& name) {
  return name == "args" || name.rfind("expected.", 0) == 0;
}

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  const fs::path root = testing::SourcePath(kCasesDir);
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root, ec)) {
    if (e.is_directory()) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Compares `actual` with the file `dir/name`, or rewrites it. A missing
// expected file compares as empty, so a case without rejects needs no
// (empty) reject file.
void CheckOrRewrite(const fs::path& dir, const std::string& name, const std::string& actual) {
  const fs::path path = dir / name;
  const char* rewrite = std::getenv("TUTELA_REWRITE");
  if (rewrite != nullptr && std::string(rewrite) == "1") {
    if (actual.empty()) {
      fs::remove(path);
    } else {
      testing::WriteFile(path.string(), actual);
    }
    return;
  }
  const std::string expected = fs::exists(path) ? testing::ReadFile(path.string()) : "";
  EXPECT_EQ(expected, actual) << "golden file " << path.string()
                              << " differs (TUTELA_REWRITE=1 rewrites it; then check by hand)";
}

class GoldenImportTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenImportTest, MatchesExpected) {
  const fs::path dir = fs::path(testing::SourcePath(kCasesDir)) / GetParam();
  // Copy the inputs alone, so that the expected files are not "skipped" files.
  testing::TempDir tmp;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (IsExpectedFile(name)) continue;
    fs::copy(e.path(), fs::path(tmp.path()) / name, fs::copy_options::recursive);
  }
  const std::map<std::string, std::string> args = ReadArgs(dir);
  ImportOptions options;
  if (auto it = args.find("encoding"); it != args.end()) {
    Result<Encoding> enc = ParseEncodingName(it->second);
    ASSERT_TRUE(enc.ok()) << enc.status().ToString();
    options.encoding = *enc;
  }
  Catalog catalog;
  Result<DataDirLoad> load = LoadDataDir(tmp.path(), options, &catalog);
  if (!load.ok()) {
    // Only the error's kind and where it is ("file:line:column"): the wording
    // belongs to the readers and may be polished without touching the cases.
    const std::string& m = load.status().message();
    const std::string where = m.substr(0, m.find(": "));
    Status located(load.status().code(), where);
    CheckOrRewrite(dir, "expected.error", located.ToString() + "\n");
    CheckOrRewrite(dir, "expected.table", "");
    CheckOrRewrite(dir, "expected.rejects.jsonl", "");
    CheckOrRewrite(dir, "expected.quality.json", "");
    return;
  }
  CheckOrRewrite(dir, "expected.error", "");
  CheckOrRewrite(dir, "expected.table", RenderTables(catalog, *load));
  std::string rejects;
  for (const RejectEntry& e : load->rejects) rejects += RejectEntryToJson(e) + "\n";
  CheckOrRewrite(dir, "expected.rejects.jsonl", rejects);
  QualityReport report = BuildQualityReport(catalog, load->imports, load->rejects, load->links);
  CheckOrRewrite(dir, "expected.quality.json", QualityReportJson(report, true) + "\n");
}

std::string CaseTestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = info.param;
  for (char& c : n) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return n;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenImportTest, ::testing::ValuesIn(CaseNames()), CaseTestName);

// Guards against a wrong source root silently running zero cases.
TEST(GoldenImportSuite, HasCases) { EXPECT_GE(CaseNames().size(), 30u); }

}  // namespace
}  // namespace tutela::ingest
