// The demo world: cities, people, institutions and identifiers.
#include "demo/world.h"

#include <fmt/format.h>

#include <cmath>

#include "demo/format.h"
#include "demo/names.h"
#include "demo/places.h"
#include "identity/id_number.h"
#include "identity/regions.h"

namespace tutela::demo {

namespace {

constexpr double kMetresPerDegree = 6371008.8 * 3.14159265358979323846 / 180.0;
constexpr double kSlotSpacing = 600.0;  // metres between background grid slots

struct CitySeed {
  int32_t code;
  double lat, lon;
  int weight;
};
// Real centres (WGS-84) of seven cities of Zhejiang, the home province.
constexpr CitySeed kCities[] = {{3301, 30.2741, 120.1551, 5}, {3302, 29.8683, 121.5440, 4},
                                {3303, 28.0006, 120.6994, 4}, {3304, 30.7469, 120.7555, 2},
                                {3306, 29.9958, 120.5861, 2}, {3307, 29.0791, 119.6474, 2},
                                {3310, 28.6564, 121.4208, 2}};

uint64_t Pack17(std::string_view first17) {
  uint64_t v = 0;
  for (char c : first17) v = v * 10 + static_cast<uint64_t>(c - '0');
  return v;
}

}  // namespace

const char* InstTypeName(InstType t) {
  static constexpr const char* kNames[] = {
      "kindergarten", "primary_school", "middle_school",    "high_school", "vocational_school",
      "training",     "child_welfare",  "hospital",         "hotel",       "internet_cafe",
      "bar",          "entertainment",  "tobacco_retailer", "lottery",     "employer"};
  return kNames[static_cast<int>(t)];
}

std::string_view InstTypeZh(InstType t, Rng& rng) {
  switch (t) {
    case InstType::kKindergarten:
      return "幼儿园";
    case InstType::kPrimary:
      return "小学";
    case InstType::kMiddle:
      return rng.Chance(1, 2) ? "初中" : "中学";
    case InstType::kHigh:
      return "高中";
    case InstType::kVocational:
      return "职业学校";
    case InstType::kTraining:
      return "校外培训";
    case InstType::kChildWelfare:
      return "儿童福利机构";
    case InstType::kHospital:
      return "医院";
    case InstType::kHotel: {
      static constexpr std::string_view kHotel[] = {"旅馆", "酒店", "宾馆"};
      return rng.Pick(kHotel);
    }
    case InstType::kInternetCafe:
      return "网吧";
    case InstType::kBar:
      return "酒吧";
    case InstType::kEntertainment:
      return "娱乐场所";
    case InstType::kTobacco:
      return "烟草零售";
    case InstType::kLottery:
      return "彩票";
    case InstType::kEmployer:
    case InstType::kCount:
      break;
  }
  return "用人单位";
}

World::World(const DemoConfig& config) : config_(config) {
  copies_ = std::max(1, static_cast<int>(std::llround(config.scale)));
  const Regions& regions = Regions::Get();
  for (const RegionEntry& e : regions.entries()) {
    if (e.level != "county") continue;
    int32_t code = std::stoi(e.code);
    all_counties_.push_back(code);
    if (e.code.compare(0, 2, "33") == 0) home_counties_.push_back(code);
  }
  for (const CitySeed& s : kCities) {
    City c;
    c.code = s.code;
    c.name = regions.NameOf(std::to_string(s.code));
    c.lat = s.lat;
    c.lon = s.lon;
    c.weight = s.weight;
    for (const RegionEntry& e : regions.entries()) {
      if (e.level == "county" && e.parent == std::to_string(s.code)) {
        c.counties.push_back(std::stoi(e.code));
      }
    }
    cities.push_back(std::move(c));
  }
}

int64_t World::Scaled(double x, int64_t min) const {
  return std::max<int64_t>(min, std::llround(x * config_.scale));
}

int32_t World::RandomHomeCounty(Rng& rng) const {
  // Most people live in the seven modelled cities.
  int total = 0;
  for (const City& c : cities) total += c.weight;
  int pick = static_cast<int>(rng.Below(static_cast<uint64_t>(total)));
  for (const City& c : cities) {
    if (pick < c.weight) return rng.Pick(c.counties);
    pick -= c.weight;
  }
  return rng.Pick(home_counties_);
}

int32_t World::RandomAnyCounty(Rng& rng) const {
  return rng.PerMille(700) ? rng.Pick(home_counties_) : rng.Pick(all_counties_);
}

std::array<char, 18> World::UniqueId(int32_t county, Days birth, char sex, Rng& rng) {
  CivilDate c = CivilFromDays(birth);
  for (;;) {
    // Sequence numbers 000-799 (odd = male); 800-999 are left to visitors.
    int seq = static_cast<int>(rng.Below(400)) * 2 + (sex == 'M' ? 1 : 0);
    std::string first17 =
        fmt::format("{:06d}{:04d}{:02d}{:02d}{:03d}", county, c.year, c.month, c.day, seq);
    if (!used_ids_.insert(Pack17(first17)).second) continue;
    std::string id = WithCheck(first17);
    std::array<char, 18> out;
    std::copy(id.begin(), id.end(), out.begin());
    return out;
  }
}

int32_t World::NewPerson(const PersonSpec& spec, Rng& rng) {
  Person p;
  p.birth = spec.birth;
  p.sex = spec.sex;
  p.role = spec.role;
  p.flags = spec.registered ? kRegistered : 0;
  p.region = spec.region != 0 ? spec.region : RandomHomeCounty(rng);
  if (spec.registered) p.household = spec.household != 0 ? spec.household : NewHousehold();
  const int32_t id_county = rng.PerMille(850) ? p.region : RandomAnyCounty(rng);
  p.id = UniqueId(id_county, p.birth, p.sex, rng);
  p.name = spec.name.empty() ? RandomName(rng, p.sex, CivilFromDays(p.birth).year) : spec.name;
  persons.push_back(std::move(p));
  return static_cast<int32_t>(persons.size() - 1);
}

void World::BreakCheckDigit(int32_t person) {
  Person& p = persons[static_cast<size_t>(person)];
  char good = p.id[17];
  p.id[17] =
      good == '0' ? '1' : (good == 'X' ? '3' : static_cast<char>(good == '9' ? '0' : good + 1));
  p.flags |= kInvalidId;
  invalid_ids.emplace_back(p.Id());
}

void World::BreakBirthDigits(int32_t person) {
  Person& p = persons[static_cast<size_t>(person)];
  // Month 13: digits 7-14 are no date; the check character is made right.
  p.id[10] = '1';
  p.id[11] = '3';
  std::string fixed = WithCheck(std::string_view(p.id.data(), 17));
  p.id[17] = fixed[17];
  p.flags |= kInvalidId;
  invalid_ids.emplace_back(p.Id());
}

std::pair<double, double> World::SlotPosition(City& city) {
  const int k = city.next_slot++;
  int x = 0, y = 0;
  if (k > 0) {
    int r = 1;
    while ((2 * r + 1) * (2 * r + 1) <= k) ++r;
    const int j = k - (2 * r - 1) * (2 * r - 1);
    const int side = j / (2 * r), t = j % (2 * r);
    switch (side) {
      case 0:
        x = r, y = -r + 1 + t;
        break;
      case 1:
        x = r - 1 - t, y = r;
        break;
      case 2:
        x = -r, y = r - 1 - t;
        break;
      default:
        x = -r + 1 + t, y = -r;
        break;
    }
  }
  const double lat = city.lat + y * kSlotSpacing / kMetresPerDegree;
  const double lon =
      city.lon +
      x * kSlotSpacing / (kMetresPerDegree * std::cos(city.lat * 3.14159265358979323846 / 180.0));
  return {lat, lon};
}

int32_t World::NewInstitution(InstType type, Rng& rng, bool exact, int city_index) {
  if (city_index < 0) {
    int total = 0;
    for (const City& c : cities) total += c.weight;
    int pick = static_cast<int>(rng.Below(static_cast<uint64_t>(total)));
    city_index = 0;
    while (pick >= cities[static_cast<size_t>(city_index)].weight) {
      pick -= cities[static_cast<size_t>(city_index)].weight;
      ++city_index;
    }
  }
  City& city = cities[static_cast<size_t>(city_index)];
  Institution inst;
  inst.type = type;
  inst.city = static_cast<uint8_t>(city_index);
  inst.region = rng.Pick(city.counties);
  auto [lat, lon] = SlotPosition(city);
  if (!exact) {
    lat += static_cast<double>(rng.Range(-50, 50)) / kMetresPerDegree;
    lon += static_cast<double>(rng.Range(-50, 50)) / kMetresPerDegree;
  }
  inst.lat = lat;
  inst.lon = lon;
  DescribeInstitution(*this, &inst, rng);
  institutions.push_back(std::move(inst));
  const int32_t index = static_cast<int32_t>(institutions.size() - 1);
  by_type_[static_cast<size_t>(type)].push_back(index);
  return index;
}

int32_t World::NewInstitutionNear(InstType type, int32_t anchor, double metres, Rng& rng) {
  const Institution& a = institutions[static_cast<size_t>(anchor)];
  Institution inst;
  inst.type = type;
  inst.city = a.city;
  inst.region = a.region;
  inst.lat = a.lat + metres / kMetresPerDegree;
  inst.lon = a.lon;
  DescribeInstitution(*this, &inst, rng);
  institutions.push_back(std::move(inst));
  const int32_t index = static_cast<int32_t>(institutions.size() - 1);
  by_type_[static_cast<size_t>(type)].push_back(index);
  return index;
}

std::string World::CountyName(int32_t county) const {
  const Regions& r = Regions::Get();
  std::string code = std::to_string(county);
  std::string city = r.NameOf(code.substr(0, 4));
  if (city == "市辖区" || city == "县") city.clear();
  return city + r.NameOf(code);
}

std::string World::CourtName(int32_t county) const { return CountyName(county) + "人民法院"; }

std::string World::NewCaseNo(int year, int32_t county) {
  int n = ++counters_[fmt::format("case-{}-{}", year, county)];
  return fmt::format("({}){}{:04d}刑初{}号", year, "浙", county % 10000, n);
}

std::string World::NewJuvenileCaseId(int year, int32_t county) {
  int n = ++counters_[fmt::format("jcase-{}-{}", year, county)];
  return fmt::format("浙{:04d}未检〔{}〕{}号", county % 10000, year, n);
}

std::string World::NewSerial(std::string_view prefix, int year) {
  int n = ++counters_[fmt::format("{}-{}", prefix, year)];
  return fmt::format("{}{}{:06d}", prefix, year, n);
}

}  // namespace tutela::demo
