// Test helpers for the reference checker: valid ID numbers, a scratch data
// directory of CSV files loaded through ingest::LoadDataDir, and clue lookup.
// Not thread-safe; one fixture per test.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "common/date.h"
#include "identity/id_number.h"
#include "ingest/catalog_builder.h"
#include "reference_checker.h"
#include "testutil/testutil.h"

namespace tutela::reference {

// A valid ID number of Beijing Dongcheng (110101) born on `yyyymmdd`; an odd
// `seq` gives a man, an even one a woman.
inline std::string Pid(const std::string& yyyymmdd, int seq) {
  const int n = ((seq % 1000) + 1000) % 1000;
  std::string first17 = "110101" + yyyymmdd + std::to_string(n / 100) +
                        std::to_string(n / 10 % 10) + std::to_string(n % 10);
  return first17 + IdCheckChar(first17);
}

// Rows joined into file text, each followed by "\n".
inline std::string Csv(std::initializer_list<std::string> rows) {
  std::string s;
  for (const std::string& r : rows) s += r + "\n";
  return s;
}

// "case_no=X,defendant_id=Y" style rendering of a clue's identity.
inline std::string KeyString(const models::Clue& c) {
  std::string s = c.rule;
  for (const auto& [k, v] : c.keys) s += "|" + k + "=" + v;
  return s;
}

inline std::string EvidenceString(const models::Clue& c) {
  std::string s;
  for (const models::Evidence& e : c.evidence) {
    if (!s.empty()) s += ",";
    s += e.table + ":" + std::to_string(e.line);
  }
  return s;
}

class RefTest : public ::testing::Test {
 protected:
  void Put(const std::string& file, const std::string& text) {
    testing::WriteFile(dir_.Join(file), text);
  }

  // Loads the directory and runs every rule at `as_of` (YYYY-MM-DD).
  std::vector<models::Clue> Scan(const std::string& as_of,
                                 std::map<std::string, double> params = {}) {
    Catalog catalog;
    auto load = ingest::LoadDataDir(dir_.path(), ingest::ImportOptions{}, &catalog);
    EXPECT_TRUE(load.ok()) << load.status().ToString();
    if (load.ok()) {
      for (const auto& r : load->rejects)
        ADD_FAILURE() << "reject " << r.file << ":" << r.line << " " << r.reason;
    }
    ReferenceOptions opt;
    opt.as_of = *ParseIsoDate(as_of);
    opt.params = std::move(params);
    notes_.clear();
    return ReferenceClues(catalog, opt, &notes_);
  }

  // The identity strings ("rule|key=value|...") of `model`'s clues, sorted.
  std::vector<std::string> Keys(const std::vector<models::Clue>& clues, const std::string& model) {
    std::vector<std::string> v;
    for (const models::Clue& c : clues) {
      if (c.model == model) v.push_back(KeyString(c));
    }
    return v;
  }

  // The clues of `model`, in order.
  std::vector<models::Clue> Of(const std::vector<models::Clue>& clues, const std::string& model) {
    std::vector<models::Clue> v;
    for (const models::Clue& c : clues) {
      if (c.model == model) v.push_back(c);
    }
    return v;
  }

  const models::Clue* Find(const std::vector<models::Clue>& clues, const std::string& model,
                           const std::string& rule) {
    for (const models::Clue& c : clues) {
      if (c.model == model && c.rule == rule) return &c;
    }
    return nullptr;
  }

  testing::TempDir dir_;
  std::vector<std::string> notes_;
};

}  // namespace tutela::reference
