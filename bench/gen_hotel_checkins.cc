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
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

// splitmix64: a stateless, well-mixed hash of (seed, stream, index).
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
uint64_t Hash(uint64_t seed, uint64_t stream, uint64_t i) {
  return Mix(seed ^ Mix(stream * 0x632be59bd9b4e019ULL ^ Mix(i)));
}

// Days since 1970-01-01 <-> civil date (H. Hinnant's algorithms).
int64_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}
void CivilFromDays(int64_t z, int* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int yy = static_cast<int>(yoe) + static_cast<int>(era) * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yy + (*m <= 2);
}

// Appends exactly `width` decimal digits of v (zero-padded).
void PutDigits(std::string* out, uint64_t v, int width) {
  char buf[24];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  out->append(buf, static_cast<size_t>(width));
}
void PutUint(std::string* out, uint64_t v) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) out->push_back(buf[--n]);
}

// "YYYY-MM-DD HH:MM:SS" for a second count since 1970-01-01 00:00:00.
void PutDateTime(std::string* out, int64_t secs) {
  int y;
  unsigned m, d;
  CivilFromDays(secs / 86400, &y, &m, &d);
  const int64_t s = secs % 86400;
  PutDigits(out, static_cast<uint64_t>(y), 4);
  out->push_back('-');
  PutDigits(out, m, 2);
  out->push_back('-');
  PutDigits(out, d, 2);
  out->push_back(' ');
  PutDigits(out, static_cast<uint64_t>(s / 3600), 2);
  out->push_back(':');
  PutDigits(out, static_cast<uint64_t>(s / 60 % 60), 2);
  out->push_back(':');
  PutDigits(out, static_cast<uint64_t>(s % 60), 2);
}

char CheckChar(const char* first17) {
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kMap[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kMap[sum % 11];
}

// Common surnames (roughly by frequency) and given-name characters.
const char* const kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐",   "孙",   "马",   "朱",  "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许",   "韩",   "冯",   "邓",  "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余",   "杜",   "叶",   "程",  "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭",   "陆",   "汪",   "范",  "金",
    "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊",   "秦",   "邱",   "江",  "尹",
    "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾",   "毛",   "郝",   "龚",  "邵",
    "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤", "欧阳", "司马", "诸葛", "上官"};
const char* const kGiven[] = {
    "伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
    "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "华", "建", "国", "文", "辉", "鹏",
    "宇", "浩", "然", "子", "轩", "梓", "涵", "欣", "怡", "博", "晨", "雨", "思", "佳", "嘉",
    "俊", "凯", "琳", "婷", "雪", "慧", "倩", "玉", "兰", "红", "梅", "燕", "萍", "玲", "莉",
    "斌", "飞", "波", "鑫", "帅", "旭", "亮", "健", "峰", "龙", "海", "东", "春", "晓", "阳",
    "宁", "安", "志", "永", "林", "诗", "语", "一", "诺", "依", "彤", "瑶", "萱", "泽", "睿",
    "铭", "昊", "天", "翔", "航", "晨", "逸", "辰", "宏", "振", "立", "新", "成", "德", "兴"};
// A few names with the middle dot (transliterated minority names).
const char* const kDotted[] = {"阿依古丽·买买提", "艾力·吐尔逊", "古丽娜尔·艾山", "买买提·托合提",
                               "热依拉·阿不都"};
constexpr size_t kNumSurnames = sizeof(kSurnames) / sizeof(kSurnames[0]);
constexpr size_t kNumGiven = sizeof(kGiven) / sizeof(kGiven[0]);
constexpr size_t kNumDotted = sizeof(kDotted) / sizeof(kDotted[0]);

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

void PutName(std::string* out, uint64_t h) {
  if (h % 997 == 0) {
    out->append(kDotted[(h >> 10) % kNumDotted]);
    return;
  }
  out->append(kSurnames[(h >> 8) % kNumSurnames]);
  out->append(kGiven[(h >> 16) % kNumGiven]);
  if ((h >> 24) % 10 < 7) out->append(kGiven[(h >> 28) % kNumGiven]);
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

  // County-level codes: the first field of each data line of areas.csv.
  std::vector<std::string> areas;
  {
    std::ifstream in(areas_path);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      if (line.size() > 6 && line.find_first_not_of("0123456789") == 6) {
        areas.push_back(line.substr(0, 6));
      }
    }
  }
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
