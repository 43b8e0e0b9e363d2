// End-to-end tests of the `tutela` executable against the contract of
// shared/spec/cli.md: output encoding and order, exit statuses, stderr
// messages, the reject log, --strict, SQL output, and the workspace flow.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "testutil/testutil.h"

namespace tutela {
namespace {

struct Outcome {
  int status = -1;
  std::string out, err;
};

// Runs the binary with `args` (a shell-quoted string) and captures stdout and
// stderr; `env` (VAR=value ...) is set for the process.
Outcome Tutela(const std::string& args, const testing::TempDir& tmp, const std::string& env = "") {
  std::string out_path = tmp.Join("stdout"), err_path = tmp.Join("stderr");
  std::string cmd = (env.empty() ? "" : "env " + env + " ") + std::string(TUTELA_BINARY) + " " +
                    args + " >" + out_path + " 2>" + err_path;
  int rc = std::system(cmd.c_str());
  Outcome r;
  r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = testing::ReadFile(out_path);
  r.err = testing::ReadFile(err_path);
  return r;
}

const char* kEmployment =
    "employer_id,person_id,start_date,hazardous\n"
    "E1,110101201003150134,2024-01-01,是\n"
    "E1,110101201003150134,2024-02-01,否\n"
    "E2,110101201003150134,2026-03-15,0\n"
    "E3,110101198001010221,2024-01-01,1\n"
    "E4,110101201003150135,2020-01-01,\n"
    "E5,110101201003150134,not-a-date,1\n";

TEST(Cli, ScanWritesContractJsonl) {
  testing::TempDir tmp;
  testing::WriteFile(tmp.Join("data/employment.csv"), kEmployment);
  testing::WriteFile(tmp.Join("data/notes.txt"), "not a table\n");
  Outcome r =
      Tutela("scan " + tmp.Join("data") + " --as-of 2026-01-01 --model child_labor --rejects " +
                 tmp.Join("rejects.jsonl"),
             tmp);
  ASSERT_EQ(r.status, 0) << r.err;
  // Two clues, sorted by keys; raw UTF-8; no spaces after separators; keys alphabetical.
  std::string first = r.out.substr(0, r.out.find('\n'));
  EXPECT_EQ(
      first.rfind(
          R"({"model":"child_labor","rule":"child_employed","keys":{"employer_id":"E1","person_id":"110101201003150134"},"department":"criminal","severity":"high","legal_basis":["未成年人保护法 第61条")",
          0),
      0u)
      << first;
  EXPECT_NE(
      first.find(R"("evidence":[{"table":"employment","line":2},{"table":"employment","line":3}])"),
      std::string::npos);
  EXPECT_NE(r.out.find(R"("invalid_ids":["110101201003150135"])"), std::string::npos);
  EXPECT_EQ(r.out.find("\\u"), std::string::npos);
  // stderr: skipped file, per-file reject counts, progress; stdout has only clues.
  EXPECT_NE(r.err.find("notes.txt"), std::string::npos);
  EXPECT_NE(r.err.find("rejected 1"), std::string::npos);
  EXPECT_EQ(testing::ReadFile(tmp.Join("rejects.jsonl")),
            "{\"file\":\"employment.csv\",\"line\":7,\"column\":\"start_date\",\"kind\":\"reject\","
            "\"reason\":\"无法解析的日期 / unparsable date: \\\"not-a-date\\\"\"}\n");
  // Byte-identical on a second run.
  Outcome again =
      Tutela("scan " + tmp.Join("data") + " --as-of 2026-01-01 --model child_labor", tmp);
  EXPECT_EQ(again.out, r.out);
}

TEST(Cli, StrictTurnsRejectsIntoExitTwoAfterTheScan) {
  testing::TempDir tmp;
  testing::WriteFile(tmp.Join("data/employment.csv"), kEmployment);
  Outcome r = Tutela("scan " + tmp.Join("data") + " --as-of 2026-01-01 --strict", tmp);
  EXPECT_EQ(r.status, 2);
  EXPECT_FALSE(r.out.empty());  // the clues are still written
}

TEST(Cli, MissingRequiredTableSkipsRulesWithAMessage) {
  testing::TempDir tmp;
  testing::WriteFile(tmp.Join("data/employment.csv"), kEmployment);
  Outcome r = Tutela("scan " + tmp.Join("data") + " --as-of 2026-01-01", tmp);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("hotel_checkins"), std::string::npos);  // hotel_minor skipped
  EXPECT_EQ(r.out.find("hotel_minor"), std::string::npos);
}

TEST(Cli, BadInputExitsTwoWithAPosition) {
  testing::TempDir tmp;
  testing::WriteFile(tmp.Join("data/persons.csv"), std::string("person_id,name\n1,\xFF\xFE\xFD\n"));
  Outcome r = Tutela("scan " + tmp.Join("data"), tmp);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("persons.csv:2:"), std::string::npos) << r.err;
  EXPECT_EQ(Tutela("scan " + tmp.Join("data") + " --as-of 2026-13-01", tmp).status, 2);
  EXPECT_EQ(Tutela("scan " + tmp.Join("data") + " --model no_such_model", tmp).status, 2);
  EXPECT_EQ(Tutela("scan " + tmp.Join("data") + " --param hotel_minor.nope=1", tmp).status, 2);
  EXPECT_EQ(Tutela("scan", tmp).status, 2);
  EXPECT_EQ(Tutela("frobnicate", tmp).status, 2);
}

// The binary re-executes itself once with glibc's huge-page tunable, unless
// switched off or the user set that tunable; the query is unaffected.
TEST(Cli, HugePagesOnByDefaultAndSwitchable) {
  testing::TempDir tmp;
  testing::WriteFile(tmp.Join("data/employment.csv"), kEmployment);
  std::string q =
      "sql --timing --data " + tmp.Join("data") + " \"SELECT count(*) AS n FROM employment\"";
  struct Case {
    std::string env, want;
  };
  for (const Case& c : {Case{"", "huge_pages=on"}, Case{"TUTELA_HUGE_PAGES=0", "huge_pages=off"},
                        Case{"GLIBC_TUNABLES=glibc.malloc.hugetlb=0", "huge_pages=off"},
                        Case{"GLIBC_TUNABLES=glibc.malloc.perturb=0", "huge_pages=on"}}) {
    Outcome r = Tutela(q, tmp, c.env);
    ASSERT_EQ(r.status, 0) << c.env << ": " << r.err;
    EXPECT_EQ(r.out, "n\n5\n") << c.env;
    EXPECT_NE(r.err.find(c.want), std::string::npos) << c.env << ": " << r.err;
  }
}

TEST(Cli, SqlFormatsAndErrors) {
  testing::TempDir tmp;
  testing::WriteFile(tmp.Join("data/employment.csv"), kEmployment);
  Outcome r = Tutela("sql --data " + tmp.Join("data") +
                         " --format csv \"SELECT employer_id, start_date, hazardous, "
                         "birth_of(person_id) AS b FROM employment ORDER BY _line LIMIT 2\"",
                     tmp);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "employer_id,start_date,hazardous,b\n"
            "E1,2024-01-01,true,2010-03-15\n"
            "E1,2024-02-01,false,2010-03-15\n");
  Outcome j = Tutela("sql --data " + tmp.Join("data") +
                         " --format jsonl \"SELECT count(*) AS n, 0.1 + 0.2 AS x FROM charges\"",
                     tmp);
  EXPECT_EQ(j.out, "{\"n\":54,\"x\":0.30000000000000004}\n");
  Outcome e = Tutela("sql --data " + tmp.Join("data") + " \"SELECT nme FROM employment\"", tmp);
  EXPECT_EQ(e.status, 2);
  EXPECT_NE(e.err.find("1:8:"), std::string::npos) << e.err;
  EXPECT_NE(e.err.find("^"), std::string::npos);
}

TEST(Cli, WorkspaceImportRunAndStaleClues) {
  testing::TempDir tmp;
  std::string key = tmp.Join("keys/ws.key");
  std::string ws = tmp.Join("ws");
  testing::WriteFile(tmp.Join("employment.csv"), kEmployment);
  testing::WriteFile(
      tmp.Join("employment2.csv"),
      "employer_id,person_id,start_date,hazardous\nE1,110101201003150134,2024-01-01,1\n");
  ASSERT_EQ(Tutela("init " + ws + " --key-file " + key, tmp).status, 0);
  Outcome imp = Tutela(
      "import " + ws + " employment " + tmp.Join("employment.csv") + " --key-file " + key, tmp);
  ASSERT_EQ(imp.status, 0) << imp.err;
  // The same file again changes nothing.
  Outcome again = Tutela(
      "import " + ws + " employment " + tmp.Join("employment.csv") + " --key-file " + key, tmp);
  EXPECT_NE(again.out.find("unchanged"), std::string::npos) << again.out;
  Outcome tables = Tutela("tables " + ws + " --key-file " + key + " --format json", tmp);
  EXPECT_NE(tables.out.find("\"rows\": 5"), std::string::npos) << tables.out;

  Outcome run1 = Tutela("run " + ws + " --as-of 2026-01-01 --key-file " + key, tmp);
  ASSERT_EQ(run1.status, 0) << run1.err;
  EXPECT_NE(run1.out.find("new 2"), std::string::npos) << run1.out;
  // Mark one clue as being handled, then re-run on new data that no longer supports the other.
  Outcome list = Tutela("clues " + ws + " --key-file " + key + " --format csv", tmp);
  std::string id = list.out.substr(list.out.find('\n') + 1, 32);
  ASSERT_EQ(
      Tutela("clues " + ws + " " + id + " --set-state reviewing --key-file " + key, tmp).status, 0);
  ASSERT_EQ(
      Tutela("import " + ws + " employment " + tmp.Join("employment2.csv") + " --key-file " + key,
             tmp)
          .status,
      0);
  Outcome run2 = Tutela("run " + ws + " --as-of 2026-01-01 --key-file " + key, tmp);
  EXPECT_NE(run2.out.find("stale 1"), std::string::npos) << run2.out;
  Outcome stale = Tutela("clues " + ws + " --stale --format jsonl --key-file " + key, tmp);
  Outcome current = Tutela("clues " + ws + " --current --format jsonl --key-file " + key, tmp);
  EXPECT_NE(stale.out.find("E4"), std::string::npos);
  EXPECT_NE(current.out.find("\"state\":\"reviewing\""), std::string::npos) << current.out;
  // Nothing is deleted: both clues are still listed.
  Outcome all = Tutela("clues " + ws + " --format csv --key-file " + key, tmp);
  EXPECT_EQ(std::count(all.out.begin(), all.out.end(), '\n'), 3);
  // Each run records its models' hashes, parameters and input table hashes.
  Outcome runs = Tutela("clues " + ws + " --runs --key-file " + key, tmp);
  EXPECT_EQ(std::count(runs.out.begin(), runs.out.end(), '\n'), 2);
  EXPECT_NE(runs.out.find("\"sha256\":\""), std::string::npos) << runs.out;
  EXPECT_NE(runs.out.find("\"hotel_minor.min_count\":\"3\""), std::string::npos);
  EXPECT_NE(runs.out.find("\"table\":\"employment\""), std::string::npos);
  // A wrong key is refused with a clear error.
  testing::TempDir other;
  ASSERT_EQ(Tutela("init " + other.Join("ws2") + " --key-file " + other.Join("k2"), tmp).status, 0);
  Outcome wrong = Tutela("tables " + ws + " --key-file " + other.Join("k2"), tmp);
  EXPECT_EQ(wrong.status, 2) << wrong.err;
}

}  // namespace
}  // namespace tutela
