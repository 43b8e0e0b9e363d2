// Benchmark data generator: writes a deterministic, realistic hotel_checkins.csv
// (datasets.md columns) of a requested size. Single-threaded, no dependencies
// beyond the standard library; built by bench/run_import.sh with g++ -O2.
//
// Usage: gen_hotel_checkins --areas AREAS_CSV --out FILE --size-mb N [--seed S]
//
// The output for a given seed is a stream: a smaller size is an exact prefix
// (in rows) of a larger one, so the "tenth" file is the first tenth of the
// full file. Every person_id is a valid 18-digit number (real county code from
// areas.csv, real birth date, correct ISO 7064 MOD 11-2 check character).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "gen_common.h"

namespace {

using bench::CheckChar;
using bench::CivilFromDays;
using bench::DaysFromCivil;
using bench::Hash;
using bench::Mix;
using bench::PutDateTime;
using bench::PutDigits;
using bench::PutName;
using bench::PutUint;

constexpr uint64_t kPersons = 4'000'000;  // guests repeat: a fixed pool, independent of size
constexpr uint64_t kHotels = 30'000;

struct Person {
  char id[18];
  int64_t birth_day;  // days since epoch
  uint64_t h;         // hash for name and phone
};

Person MakePerson(uint64_t seed, uint64_t idx, const std::vector<std::string>& areas) {
  Person p;
  const uint64_t h = Hash(seed, 1, idx);
  p.h = Hash(seed, 2, idx);
  const std::string& area = areas[h % areas.size()];
  // Birth dates 1945-01-01 .. 2013-12-31, with extra weight on 1995-2010 so
  // that a realistic share of guests are minors at check-in time.
  const int64_t lo = DaysFromCivil(1945, 1, 1), hi = DaysFromCivil(2013, 12, 31);
  const int64_t young_lo = DaysFromCivil(1995, 1, 1), young_hi = DaysFromCivil(2010, 12, 31);
  const uint64_t hb = h >> 20;
  p.birth_day = (hb & 3) == 0 ? young_lo + static_cast<int64_t>((hb >> 2) % (young_hi - young_lo))
                              : lo + static_cast<int64_t>((hb >> 2) % (hi - lo));
  int y;
  unsigned m, d;
  CivilFromDays(p.birth_day, &y, &m, &d);
  std::string s = area;
  PutDigits(&s, static_cast<uint64_t>(y), 4);
  PutDigits(&s, m, 2);
  PutDigits(&s, d, 2);
  PutDigits(&s, (h >> 50) % 1000, 3);  // sequence + sex digit
  std::memcpy(p.id, s.data(), 17);
  p.id[17] = CheckChar(p.id);
  return p;
}

int Usage() {
  std::fprintf(stderr,
               "usage: gen_hotel_checkins --areas AREAS_CSV --out FILE --size-mb N [--seed S]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string areas_path, out_path;
  double size_mb = 0;
  uint64_t seed = 20240105;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    if (k == "--areas")
      areas_path = argv[i + 1];
    else if (k == "--out")
      out_path = argv[i + 1];
    else if (k == "--size-mb")
      size_mb = std::atof(argv[i + 1]);
    else if (k == "--seed")
      seed = std::strtoull(argv[i + 1], nullptr, 10);
    else
      return Usage();
  }
  if (areas_path.empty() || out_path.empty() || size_mb <= 0) return Usage();

  const std::vector<std::string> areas = bench::LoadAreaCodes(areas_path);
  if (areas.empty()) {
    std::fprintf(stderr, "gen_hotel_checkins: no region codes in %s\n", areas_path.c_str());
    return 1;
  }

  std::FILE* f = std::fopen(out_path.c_str(), "wb");
  if (f == nullptr) {
    std::perror(out_path.c_str());
    return 1;
  }
  const uint64_t target = static_cast<uint64_t>(size_mb * 1024 * 1024);
  std::string buf;
  buf.reserve(1 << 22);
  buf.append("hotel_id,room_no,person_id,name,checkin_time,checkout_time,guardian_contact\n");
  uint64_t written = 0, rows = 0;
  const int64_t t_lo = DaysFromCivil(2022, 1, 1) * 86400;
  const int64_t t_span = (DaysFromCivil(2025, 1, 1) - DaysFromCivil(2022, 1, 1)) * 86400;
  while (written + buf.size() < target) {
    const uint64_t h = Hash(seed, 3, rows);
    const Person p = MakePerson(seed, h % kPersons, areas);
    const uint64_t g = Hash(seed, 4, rows);
    // hotel_id: "HT" + 6-digit county code + 4-digit serial.
    const uint64_t hotel = (h >> 32) % kHotels;
    buf.append("HT");
    buf.append(areas[Mix(hotel ^ seed) % areas.size()]);
    PutDigits(&buf, hotel % 10000, 4);
    buf.push_back(',');
    PutUint(&buf, 1 + g % 25);  // floor
    PutDigits(&buf, 1 + (g >> 8) % 40, 2);
    buf.push_back(',');
    buf.append(p.id, 18);
    buf.push_back(',');
    PutName(&buf, p.h);
    buf.push_back(',');
    const int64_t in = t_lo + static_cast<int64_t>((g >> 16) % static_cast<uint64_t>(t_span));
    PutDateTime(&buf, in);
    buf.push_back(',');
    if ((g >> 40) % 100 >= 4) {  // 4% still checked in: empty checkout_time
      const int64_t nights = 1 + static_cast<int64_t>((g >> 48) % 4);
      const int64_t out_day = in / 86400 + nights;
      const int64_t out_sec = 7 * 3600 + static_cast<int64_t>((g >> 52) % (6 * 3600));
      PutDateTime(&buf, out_day * 86400 + out_sec);
    }
    buf.push_back(',');
    // Minors (age < 18 at check-in) mostly carry a guardian's mobile number.
    int by, iy;
    unsigned bm, bd, im, id;
    CivilFromDays(p.birth_day, &by, &bm, &bd);
    CivilFromDays(in / 86400, &iy, &im, &id);
    const int age = iy - by - ((im < bm || (im == bm && id < bd)) ? 1 : 0);
    if (age < 18 && (g >> 56) % 10 < 8) {
      buf.push_back('1');
      PutUint(&buf, 3 + (p.h >> 40) % 7);
      PutDigits(&buf, (p.h >> 3) % 1000000000ULL, 9);
    }
    buf.push_back('\n');
    ++rows;
    if (buf.size() >= (1 << 22) - 512) {
      if (std::fwrite(buf.data(), 1, buf.size(), f) != buf.size()) {
        std::perror(out_path.c_str());
        return 1;
      }
      written += buf.size();
      buf.clear();
    }
  }
  if (std::fwrite(buf.data(), 1, buf.size(), f) != buf.size() || std::fclose(f) != 0) {
    std::perror(out_path.c_str());
    return 1;
  }
  written += buf.size();
  std::fprintf(stderr, "gen_hotel_checkins: %s: %llu rows, %llu bytes\n", out_path.c_str(),
               static_cast<unsigned long long>(rows), static_cast<unsigned long long>(written));
  return 0;
}
