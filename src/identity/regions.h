// Administrative division codes (provinces, cities, counties) from the
// embedded reference data. Loaded once on first use; read-only afterwards and
// thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tutela {

struct RegionEntry {
  std::string code;  // 2, 4 or 6 digits
  std::string name;
  std::string level;   // "province", "city" or "county"
  std::string parent;  // code of the enclosing region, empty for provinces
};

class Regions {
 public:
  static const Regions& Get();
  bool IsKnownProvince(std::string_view two_digits) const;
  // Name of a 2-, 4- or 6-digit code; empty when unknown.
  std::string NameOf(std::string_view code) const;
  // The entry of a 2-, 4- or 6-digit code; nullptr when unknown.
  const RegionEntry* Find(std::string_view code) const;
  const std::vector<RegionEntry>& entries() const { return entries_; }

 private:
  Regions();
  // Parses one embedded CSV (header line first) into entries_.
  void Load(std::string_view csv, const char* level, size_t code_len);

  std::vector<RegionEntry> entries_;                  // provinces, then cities, then counties
  std::map<std::string, size_t, std::less<>> index_;  // code -> index in entries_
  bool province_known_[100] = {};
};

}  // namespace tutela
