// Regions: parses the embedded provinces/cities/areas CSVs once, on first use.
#include "identity/regions.h"

#include <cassert>

#include "common/refdata_blobs.h"

namespace tutela {

namespace {

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Splits one CSV line. Quoted fields may contain commas but not quotes (the
// embedded files never need "" escapes).
std::vector<std::string_view> SplitCsvLine(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t pos = 0;
  for (;;) {
    if (pos < line.size() && line[pos] == '"') {
      const size_t close = line.find('"', pos + 1);
      if (close == std::string_view::npos) {  // unterminated: take the rest
        fields.push_back(line.substr(pos + 1));
        return fields;
      }
      fields.push_back(line.substr(pos + 1, close - pos - 1));
      pos = close + 1;
      if (pos >= line.size()) return fields;
      // Skip to the next comma (nothing is expected between the quote and it).
      const size_t comma = line.find(',', pos);
      if (comma == std::string_view::npos) return fields;
      pos = comma + 1;
    } else {
      const size_t comma = line.find(',', pos);
      if (comma == std::string_view::npos) {
        fields.push_back(line.substr(pos));
        return fields;
      }
      fields.push_back(line.substr(pos, comma - pos));
      pos = comma + 1;
    }
  }
}

}  // namespace

const Regions& Regions::Get() {
  static const Regions* const regions = new Regions();  // never destroyed
  return *regions;
}

Regions::Regions() {
  Load(refdata::kProvincesCsv, "province", 2);
  Load(refdata::kCitiesCsv, "city", 4);
  Load(refdata::kAreasCsv, "county", 6);
}

void Regions::Load(std::string_view csv, const char* level, size_t code_len) {
  bool header = true;
  size_t pos = 0;
  while (pos < csv.size()) {
    size_t end = csv.find('\n', pos);
    if (end == std::string_view::npos) end = csv.size();
    std::string_view line = csv.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (header) {  // "code,name[,...]"
      header = false;
      continue;
    }
    const std::vector<std::string_view> f = SplitCsvLine(line);
    // provinces: code,name; cities: code,name,provinceCode;
    // areas: code,name,cityCode,provinceCode.
    const size_t want = code_len == 2 ? 2 : (code_len == 4 ? 3 : 4);
    if (f.size() < want || f[0].size() != code_len || !IsDigits(f[0])) {
      assert(false && "malformed embedded region row");
      continue;
    }
    RegionEntry e;
    e.code = std::string(f[0]);
    e.name = std::string(f[1]);
    e.level = level;
    if (code_len > 2) e.parent = std::string(f[2]);
    if (index_.emplace(e.code, entries_.size()).second) {
      if (code_len == 2) province_known_[(e.code[0] - '0') * 10 + (e.code[1] - '0')] = true;
      entries_.push_back(std::move(e));
    }
  }
}

bool Regions::IsKnownProvince(std::string_view two_digits) const {
  if (two_digits.size() != 2 || !IsDigits(two_digits)) return false;
  return province_known_[(two_digits[0] - '0') * 10 + (two_digits[1] - '0')];
}

const RegionEntry* Regions::Find(std::string_view code) const {
  const auto it = index_.find(code);
  return it == index_.end() ? nullptr : &entries_[it->second];
}

std::string Regions::NameOf(std::string_view code) const {
  const RegionEntry* e = Find(code);
  return e == nullptr ? std::string() : e->name;
}

}  // namespace tutela
