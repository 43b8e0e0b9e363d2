// Engine-benchmark data generator: writes deterministic hotel_checkins.csv, persons.csv and
// institutions.csv (datasets.md columns) sized by --scale, for bench/run_engine.sh.
// Single-threaded, standard library only; built with g++ -O2. Benchmarks, not product.
//
// Usage: gen_engine_data --areas AREAS_CSV --out DIR --scale S [--seed N]
//
// Scale 1 is issue 5's sizes:
//   persons        10 M rows: distinct valid IDs (person index 0 .. P-1, P = 10 M x S)
//   hotel_checkins 20 M rows: 10 000 hotels of 20-200 rooms; guests drawn from a pool of
//                  8 M x S people, indices P/2 .. P/2 + 8 M x S, so 5/8 of the check-ins
//                  join persons and 3/8 do not (the anti-join); stays of 2-8 hours (30 %)
//                  or 1-3 nights, all in 2024, checkout always present
//   institutions   2.1 M rows: 2 M vendors (tobacco_retailer, lottery, bar, entertainment)
//                  and 100 k schools (kindergarten .. high_school), uniform in discs of
//                  12-30 km around 12 city centres
// Person IDs are valid GB 11643 numbers: index -> (county code of areas.csv, birth date
// 1950-2012, 3-digit sequence) through a bijection, so distinct indices give distinct IDs.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <string>
#include <vector>

#include "gen_common.h"

namespace {

using bench::CivilFromDays;
using bench::DaysFromCivil;
using bench::Hash;
using bench::Mix;
using bench::Output;
using bench::PutDate;
using bench::PutDateTime;
using bench::PutDigits;
using bench::PutName;
using bench::PutUint;

constexpr uint64_t kHotels = 10'000;
constexpr double kMetresPerDegree = 6371008.8 * M_PI / 180.0;

// Index -> person ID: p = (i * mul + add) mod M is a bijection on [0, M) when gcd(mul, M) = 1;
// p's mixed-radix digits pick the sequence, the birth day and the county.
class IdMaker {
 public:
  IdMaker(std::vector<std::string> areas, uint64_t seed) : areas_(std::move(areas)) {
    first_day_ = DaysFromCivil(1950, 1, 1);
    days_ = static_cast<uint64_t>(DaysFromCivil(2012, 12, 31) - first_day_ + 1);
    m_ = areas_.size() * days_ * 1000;
    mul_ = 2654435761ULL;
    while (std::gcd(mul_, m_) != 1) mul_ += 2;
    add_ = Mix(seed) % m_;
  }
  // Writes the 18 characters of person i's ID into id; returns the birth day.
  int64_t Make(uint64_t i, char* id) const {
    const uint64_t p =
        static_cast<uint64_t>((static_cast<unsigned __int128>(i) * mul_ + add_) % m_);
    const uint64_t seq = p % 1000, rest = p / 1000;
    const int64_t day = first_day_ + static_cast<int64_t>(rest % days_);
    const std::string& area = areas_[rest / days_];
    int y;
    unsigned m, d;
    CivilFromDays(day, &y, &m, &d);
    std::string s = area;
    PutDigits(&s, static_cast<uint64_t>(y), 4);
    PutDigits(&s, m, 2);
    PutDigits(&s, d, 2);
    PutDigits(&s, seq, 3);
    for (int k = 0; k < 17; ++k) id[k] = s[static_cast<size_t>(k)];
    id[17] = bench::CheckChar(id);
    return day;
  }
  const std::string& Area(uint64_t h) const { return areas_[h % areas_.size()]; }

 private:
  std::vector<std::string> areas_;
  int64_t first_day_;
  uint64_t days_, m_, mul_, add_;
};

int AgeOn(int64_t birth_day, int64_t day) {
  int by, y;
  unsigned bm, bd, m, d;
  CivilFromDays(birth_day, &by, &bm, &bd);
  CivilFromDays(day, &y, &m, &d);
  return y - by - ((m < bm || (m == bm && d < bd)) ? 1 : 0);
}

bool WritePersons(const IdMaker& ids, uint64_t seed, uint64_t n, const std::string& path) {
  Output out(path);
  std::string* b = out.buf();
  b->append("person_id,name,sex,birth_date,household_id,region_code\n");
  char id[18];
  for (uint64_t i = 0; i < n && out.ok(); ++i) {
    const int64_t birth = ids.Make(i, id);
    b->append(id, 18);
    b->push_back(',');
    PutName(b, Hash(seed, 2, i));
    b->push_back(',');
    b->push_back((id[16] - '0') % 2 == 1 ? 'M' : 'F');
    b->push_back(',');
    PutDate(b, birth);
    b->append(",H");
    PutDigits(b, i / 3, 10);  // households of three consecutive people
    b->push_back(',');
    b->append(id, 6);
    b->push_back('\n');
    out.MaybeFlush();
  }
  return out.Close();
}

bool WriteCheckins(const IdMaker& ids, uint64_t seed, uint64_t n, uint64_t pool_lo, uint64_t pool,
                   const std::string& path) {
  Output out(path);
  std::string* b = out.buf();
  b->append("hotel_id,room_no,person_id,name,checkin_time,checkout_time,guardian_contact\n");
  const int64_t t_lo = DaysFromCivil(2024, 1, 1) * 86400;
  const uint64_t span = 366 * 86400;
  char id[18];
  for (uint64_t r = 0; r < n && out.ok(); ++r) {
    const uint64_t h = Hash(seed, 3, r), g = Hash(seed, 4, r);
    const uint64_t hotel = h % kHotels;
    const uint64_t rooms = 20 + Mix(hotel * 7 + 1) % 181;
    const uint64_t room = (h >> 16) % rooms;
    const uint64_t guest = pool_lo + (h >> 32) % pool;
    const int64_t birth = ids.Make(guest, id);
    b->append("HT");
    b->append(ids.Area(Mix(hotel ^ seed)));
    PutDigits(b, hotel, 4);
    b->push_back(',');
    PutUint(b, 1 + room / 30);  // floor, then the room on it
    PutDigits(b, 1 + room % 30, 2);
    b->push_back(',');
    b->append(id, 18);
    b->push_back(',');
    PutName(b, Hash(seed, 2, guest));
    b->push_back(',');
    const int64_t in = t_lo + static_cast<int64_t>((g >> 8) % span);
    PutDateTime(b, in);
    b->push_back(',');
    int64_t leave;
    if ((g >> 40) % 10 < 3) {  // an hourly room: 2 to 8 hours
      leave = in + 7200 + static_cast<int64_t>((g >> 44) % (6 * 3600));
    } else {  // 1 to 3 nights, out between 07:00 and 13:00
      leave = (in / 86400 + 1 + static_cast<int64_t>((g >> 44) % 3)) * 86400 + 7 * 3600 +
              static_cast<int64_t>((g >> 50) % (6 * 3600));
    }
    PutDateTime(b, leave);
    b->push_back(',');
    if (AgeOn(birth, in / 86400) < 18 && (g >> 58) % 10 < 8) {  // most minors: a guardian's mobile
      b->push_back('1');
      PutUint(b, 3 + Mix(guest) % 7);
      PutDigits(b, Mix(guest + 1) % 1000000000ULL, 9);
    }
    b->push_back('\n');
    out.MaybeFlush();
  }
  return out.Close();
}

struct City {
  const char* name;
  const char* region;
  double lat, lon, radius_km;
};
const City kCities[] = {
    {"北京市", "110105", 39.9042, 116.4074, 30}, {"上海市", "310101", 31.2304, 121.4737, 28},
    {"广州市", "440106", 23.1291, 113.2644, 24}, {"深圳市", "440304", 22.5431, 114.0579, 22},
    {"成都市", "510104", 30.5728, 104.0668, 20}, {"武汉市", "420102", 30.5928, 114.3055, 18},
    {"西安市", "610113", 34.3416, 108.9398, 16}, {"杭州市", "330106", 30.2741, 120.1551, 16},
    {"重庆市", "500103", 29.5630, 106.5516, 18}, {"南京市", "320106", 32.0603, 118.7969, 14},
    {"天津市", "120101", 39.3434, 117.3616, 14}, {"哈尔滨市", "230102", 45.8038, 126.5349, 12}};
constexpr size_t kNumCities = sizeof(kCities) / sizeof(kCities[0]);

bool WriteInstitutions(uint64_t seed, uint64_t vendors, uint64_t schools, const std::string& path) {
  static const char* const kVendorType[] = {
      "tobacco_retailer", "tobacco_retailer", "tobacco_retailer", "tobacco_retailer",
      "tobacco_retailer", "lottery",          "lottery",          "bar",
      "entertainment",    "entertainment"};
  static const char* const kSchoolType[] = {
      "kindergarten",   "kindergarten",   "kindergarten",  "kindergarten",  "primary_school",
      "primary_school", "primary_school", "middle_school", "middle_school", "high_school"};
  double total_area = 0;  // cities are picked in proportion to their area
  for (const City& c : kCities) total_area += c.radius_km * c.radius_km;
  Output out(path);
  std::string* b = out.buf();
  b->append("institution_id,name,type,region_code,lat,lon,regulator\n");
  const uint64_t n = vendors + schools;
  char num[64];
  for (uint64_t i = 0; i < n && out.ok(); ++i) {
    const bool school = (i + 1) * schools / n > i * schools / n;  // spread evenly
    const uint64_t h = Hash(seed, 5, i);
    double pick = static_cast<double>(h % 1000000) / 1e6 * total_area;
    size_t c = 0;
    while (c + 1 < kNumCities && pick >= kCities[c].radius_km * kCities[c].radius_km) {
      pick -= kCities[c].radius_km * kCities[c].radius_km;
      ++c;
    }
    const City& city = kCities[c];
    const double u1 = static_cast<double>(Hash(seed, 6, i) >> 11) / 9007199254740992.0;
    const double u2 = static_cast<double>(Hash(seed, 7, i) >> 11) / 9007199254740992.0;
    const double r = city.radius_km * 1000 * std::sqrt(u2), a = 2 * M_PI * u1;
    const double lat = city.lat + r * std::sin(a) / kMetresPerDegree;
    const double lon =
        city.lon + r * std::cos(a) / (kMetresPerDegree * std::cos(city.lat * M_PI / 180));
    const char* type = school ? kSchoolType[(h >> 24) % 10] : kVendorType[(h >> 24) % 10];
    b->append(school ? "52" : "92");
    b->append(city.region);
    PutDigits(b, i, 10);
    b->push_back(',');
    b->append(city.name);
    b->append(school ? "第" : "");
    PutUint(b, i);
    b->append(school ? "学校" : "号店");
    b->push_back(',');
    b->append(type);
    b->push_back(',');
    b->append(city.region);
    std::snprintf(num, sizeof(num), ",%.6f,%.6f,", lat, lon);
    b->append(num);
    b->append(city.name);
    b->append(school ? "教育局" : (type[0] == 't' ? "烟草专卖局" : "文化和旅游局"));
    b->push_back('\n');
    out.MaybeFlush();
  }
  return out.Close();
}

int Usage() {
  std::fprintf(stderr, "usage: gen_engine_data --areas AREAS_CSV --out DIR --scale S [--seed N]\n");
  return 2;
}

uint64_t Scaled(double base, double scale) {
  return static_cast<uint64_t>(std::llround(base * scale));
}

}  // namespace

int main(int argc, char** argv) {
  std::string areas_path, dir;
  double scale = 0;
  uint64_t seed = 20240105;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    if (k == "--areas") {
      areas_path = argv[i + 1];
    } else if (k == "--out") {
      dir = argv[i + 1];
    } else if (k == "--scale") {
      scale = std::atof(argv[i + 1]);
    } else if (k == "--seed") {
      seed = std::strtoull(argv[i + 1], nullptr, 10);
    } else {
      return Usage();
    }
  }
  if (areas_path.empty() || dir.empty() || !(scale > 0)) return Usage();
  std::vector<std::string> areas = bench::LoadAreaCodes(areas_path);
  if (areas.empty()) {
    std::fprintf(stderr, "gen_engine_data: no region codes in %s\n", areas_path.c_str());
    return 1;
  }
  const IdMaker ids(std::move(areas), seed);
  const uint64_t persons = std::max<uint64_t>(Scaled(10e6, scale), 2);
  const uint64_t pool = std::max<uint64_t>(Scaled(8e6, scale), 1);
  const uint64_t checkins = Scaled(20e6, scale), vendors = Scaled(2e6, scale);
  const uint64_t schools = Scaled(100e3, scale);
  bool ok = WritePersons(ids, seed, persons, dir + "/persons.csv") &&
            WriteCheckins(ids, seed, checkins, persons / 2, pool, dir + "/hotel_checkins.csv") &&
            WriteInstitutions(seed, vendors, schools, dir + "/institutions.csv");
  if (!ok) return 1;
  std::fprintf(stderr,
               "gen_engine_data: %s: persons %llu, hotel_checkins %llu (guest pool %llu from "
               "index %llu), institutions %llu vendors + %llu schools\n",
               dir.c_str(), static_cast<unsigned long long>(persons),
               static_cast<unsigned long long>(checkins), static_cast<unsigned long long>(pool),
               static_cast<unsigned long long>(persons / 2),
               static_cast<unsigned long long>(vendors), static_cast<unsigned long long>(schools));
  return 0;
}
