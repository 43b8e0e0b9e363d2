// Clue: one finding of a supervision model (models.md), and its canonical
// JSON Lines form (cli.md). Value type; thread-compatible.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tutela::models {

enum class Severity { kLow = 0, kMedium = 1, kHigh = 2 };
const char* SeverityName(Severity s);  // "low", "medium", "high"
bool ParseSeverity(const std::string& s, Severity* out);

struct Evidence {
  std::string table;
  std::string file;  // base name; printed only when the table came from several files
  int32_t line = 0;
  bool print_file = false;
  bool operator<(const Evidence& o) const;
  bool operator==(const Evidence& o) const;
};

struct IdentityLink {
  std::string table;
  int32_t line = 0;
  std::string person_id;
  std::string method = "name+birth_date";
  bool operator<(const IdentityLink& o) const;
  bool operator==(const IdentityLink& o) const;
};

struct Clue {
  std::string model;
  std::string rule;
  std::map<std::string, std::string> keys;  // name -> value (std::map: alphabetical)
  std::string department;                   // criminal, civil, administrative, public_interest
  Severity severity = Severity::kMedium;
  std::vector<std::string> legal_basis;
  std::map<std::string, std::string> target;  // e.g. {"kind":"regulator","name":"..."}
  std::vector<Evidence> evidence;             // sorted, unique
  std::vector<IdentityLink> identity_links;   // sorted, unique
  std::vector<std::string> invalid_ids;       // sorted, unique
  std::string title_zh;                       // rule title for human output (not in JSONL)

  // Sort order of cli.md: model, rule, then key values in key-name order (bytes).
  bool operator<(const Clue& o) const;
  // model + rule + keys, the clue's identity.
  std::string IdentityString() const;
};

// One JSON object on one line: raw UTF-8, no spaces, keys alphabetical.
std::string ClueToJson(const Clue& clue);

// Sorts and merges clues with equal (model, rule, keys): highest severity
// (with its department), union of evidence, links and invalid IDs.
std::vector<Clue> MergeClues(std::vector<Clue> clues);

}  // namespace tutela::models
