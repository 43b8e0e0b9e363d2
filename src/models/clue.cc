// Clue ordering, merging and JSON Lines rendering.
#include "models/clue.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>

namespace tutela::models {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kLow:
      return "low";
    case Severity::kMedium:
      return "medium";
    case Severity::kHigh:
      return "high";
  }
  return "medium";
}

bool ParseSeverity(const std::string& s, Severity* out) {
  if (s == "low")
    *out = Severity::kLow;
  else if (s == "medium")
    *out = Severity::kMedium;
  else if (s == "high")
    *out = Severity::kHigh;
  else
    return false;
  return true;
}

bool Evidence::operator<(const Evidence& o) const {
  return std::tie(table, file, line) < std::tie(o.table, o.file, o.line);
}
bool Evidence::operator==(const Evidence& o) const {
  return table == o.table && file == o.file && line == o.line;
}
bool IdentityLink::operator<(const IdentityLink& o) const {
  return std::tie(table, line, person_id, method) <
         std::tie(o.table, o.line, o.person_id, o.method);
}
bool IdentityLink::operator==(const IdentityLink& o) const {
  return table == o.table && line == o.line && person_id == o.person_id && method == o.method;
}

bool Clue::operator<(const Clue& o) const {
  if (model != o.model) return model < o.model;
  if (rule != o.rule) return rule < o.rule;
  // keys is a std::map, so iteration is in name order; compare values bytewise.
  auto a = keys.begin();
  auto b = o.keys.begin();
  for (; a != keys.end() && b != o.keys.end(); ++a, ++b) {
    if (a->first != b->first) return a->first < b->first;
    if (a->second != b->second) return a->second < b->second;
  }
  return a == keys.end() && b != o.keys.end();
}

std::string Clue::IdentityString() const {
  std::string s = model + '\x1f' + rule;
  for (const auto& [k, v] : keys) s += '\x1f' + k + '=' + v;
  return s;
}

std::string ClueToJson(const Clue& c) {
  using J = nlohmann::ordered_json;
  J j;
  j["model"] = c.model;
  j["rule"] = c.rule;
  J keys = J::object();
  for (const auto& [k, v] : c.keys) keys[k] = v;
  j["keys"] = keys;
  j["department"] = c.department;
  j["severity"] = SeverityName(c.severity);
  j["legal_basis"] = c.legal_basis;
  J target = J::object();
  for (const auto& [k, v] : c.target) target[k] = v;
  j["target"] = target;
  J ev = J::array();
  for (const Evidence& e : c.evidence) {
    J x;
    x["table"] = e.table;
    if (e.print_file) x["file"] = e.file;
    x["line"] = e.line;
    ev.push_back(std::move(x));
  }
  j["evidence"] = ev;
  if (!c.identity_links.empty()) {
    J links = J::array();
    for (const IdentityLink& l : c.identity_links) {
      links.push_back(J{
          {"table", l.table}, {"line", l.line}, {"person_id", l.person_id}, {"method", l.method}});
    }
    j["identity_link"] = links;
  }
  if (!c.invalid_ids.empty()) j["invalid_ids"] = c.invalid_ids;
  return j.dump(-1, ' ', false, J::error_handler_t::replace);
}

namespace {
template <typename T>
void SortUnique(std::vector<T>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}
}  // namespace

std::vector<Clue> MergeClues(std::vector<Clue> clues) {
  std::stable_sort(clues.begin(), clues.end());
  std::vector<Clue> out;
  for (Clue& c : clues) {
    if (!out.empty() && out.back().model == c.model && out.back().rule == c.rule &&
        out.back().keys == c.keys) {
      Clue& m = out.back();
      if (c.severity > m.severity) {
        m.severity = c.severity;
        m.department = c.department;
        m.target = c.target;
      }
      m.evidence.insert(m.evidence.end(), c.evidence.begin(), c.evidence.end());
      m.identity_links.insert(m.identity_links.end(), c.identity_links.begin(),
                              c.identity_links.end());
      m.invalid_ids.insert(m.invalid_ids.end(), c.invalid_ids.begin(), c.invalid_ids.end());
    } else {
      out.push_back(std::move(c));
    }
  }
  for (Clue& c : out) {
    SortUnique(&c.evidence);
    SortUnique(&c.identity_links);
    SortUnique(&c.invalid_ids);
  }
  return out;
}

}  // namespace tutela::models
