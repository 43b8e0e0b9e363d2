// Shared helpers of the benchmark data generators (gen_hotel_checkins.cc, gen_engine_data.cc):
// stateless hashing, civil dates, digit formatting, ID check characters, Chinese names and
// the county codes of areas.csv. Header-only, standard library only; benchmarks, not product.
#ifndef TUTELA_BENCH_GEN_COMMON_H_
#define TUTELA_BENCH_GEN_COMMON_H_

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace bench {

// splitmix64: a stateless, well-mixed hash of (seed, stream, index).
inline uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
inline uint64_t Hash(uint64_t seed, uint64_t stream, uint64_t i) {
  return Mix(seed ^ Mix(stream * 0x632be59bd9b4e019ULL ^ Mix(i)));
}

// Days since 1970-01-01 <-> civil date (H. Hinnant's algorithms).
inline int64_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}
inline void CivilFromDays(int64_t z, int* y, unsigned* m, unsigned* d) {
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
inline void PutDigits(std::string* out, uint64_t v, int width) {
  char buf[24];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  out->append(buf, static_cast<size_t>(width));
}
inline void PutUint(std::string* out, uint64_t v) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) out->push_back(buf[--n]);
}

// "YYYY-MM-DD" for a day count since 1970-01-01.
inline void PutDate(std::string* out, int64_t days) {
  int y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  PutDigits(out, static_cast<uint64_t>(y), 4);
  out->push_back('-');
  PutDigits(out, m, 2);
  out->push_back('-');
  PutDigits(out, d, 2);
}

// "YYYY-MM-DD HH:MM:SS" for a second count since 1970-01-01 00:00:00.
inline void PutDateTime(std::string* out, int64_t secs) {
  PutDate(out, secs / 86400);
  const int64_t s = secs % 86400;
  out->push_back(' ');
  PutDigits(out, static_cast<uint64_t>(s / 3600), 2);
  out->push_back(':');
  PutDigits(out, static_cast<uint64_t>(s / 60 % 60), 2);
  out->push_back(':');
  PutDigits(out, static_cast<uint64_t>(s % 60), 2);
}

// GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits.
inline char CheckChar(const char* first17) {
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kMap[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kMap[sum % 11];
}

// Common surnames (roughly by frequency) and given-name characters.
inline const char* const kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐",   "孙",   "马",   "朱",  "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许",   "韩",   "冯",   "邓",  "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余",   "杜",   "叶",   "程",  "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭",   "陆",   "汪",   "范",  "金",
    "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊",   "秦",   "邱",   "江",  "尹",
    "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾",   "毛",   "郝",   "龚",  "邵",
    "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤", "欧阳", "司马", "诸葛", "上官"};
inline const char* const kGiven[] = {
    "伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
    "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "华", "建", "国", "文", "辉", "鹏",
    "宇", "浩", "然", "子", "轩", "梓", "涵", "欣", "怡", "博", "晨", "雨", "思", "佳", "嘉",
    "俊", "凯", "琳", "婷", "雪", "慧", "倩", "玉", "兰", "红", "梅", "燕", "萍", "玲", "莉",
    "斌", "飞", "波", "鑫", "帅", "旭", "亮", "健", "峰", "龙", "海", "东", "春", "晓", "阳",
    "宁", "安", "志", "永", "林", "诗", "语", "一", "诺", "依", "彤", "瑶", "萱", "泽", "睿",
    "铭", "昊", "天", "翔", "航", "晨", "逸", "辰", "宏", "振", "立", "新", "成", "德", "兴"};
// A few names with the middle dot (transliterated minority names).
inline const char* const kDotted[] = {"阿依古丽·买买提", "艾力·吐尔逊", "古丽娜尔·艾山",
                                      "买买提·托合提", "热依拉·阿不都"};
constexpr size_t kNumSurnames = sizeof(kSurnames) / sizeof(kSurnames[0]);
constexpr size_t kNumGiven = sizeof(kGiven) / sizeof(kGiven[0]);
constexpr size_t kNumDotted = sizeof(kDotted) / sizeof(kDotted[0]);

// A Chinese name chosen by the hash h (one in 997 with a middle dot).
inline void PutName(std::string* out, uint64_t h) {
  if (h % 997 == 0) {
    out->append(kDotted[(h >> 10) % kNumDotted]);
    return;
  }
  out->append(kSurnames[(h >> 8) % kNumSurnames]);
  out->append(kGiven[(h >> 16) % kNumGiven]);
  if ((h >> 24) % 10 < 7) out->append(kGiven[(h >> 28) % kNumGiven]);
}

// County-level codes: the first field of each data line of areas.csv (empty on error).
inline std::vector<std::string> LoadAreaCodes(const std::string& path) {
  std::vector<std::string> areas;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.size() > 6 && line.find_first_not_of("0123456789") == 6) {
      areas.push_back(line.substr(0, 6));
    }
  }
  return areas;
}

// Buffered writer of one output file; Flush() when the buffer is large, Close() at the end.
class Output {
 public:
  explicit Output(const std::string& path) : path_(path), f_(std::fopen(path.c_str(), "wb")) {
    if (f_ == nullptr) std::perror(path.c_str());
    buf_.reserve(1 << 22);
  }
  ~Output() {
    if (f_ != nullptr) std::fclose(f_);
  }
  bool ok() const { return f_ != nullptr && ok_; }
  std::string* buf() { return &buf_; }
  uint64_t written() const { return written_ + buf_.size(); }
  void MaybeFlush() {
    if (buf_.size() >= (1 << 22) - 512) Flush();
  }
  void Flush() {
    if (f_ == nullptr) return;
    if (std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) {
      std::perror(path_.c_str());
      ok_ = false;
    }
    written_ += buf_.size();
    buf_.clear();
  }
  bool Close() {
    Flush();
    if (f_ == nullptr) return false;
    const bool closed = std::fclose(f_) == 0;
    f_ = nullptr;
    if (!closed) std::perror(path_.c_str());
    return ok_ && closed;
  }

 private:
  std::string path_;
  std::FILE* f_;
  std::string buf_;
  uint64_t written_ = 0;
  bool ok_ = true;
};

}  // namespace bench

#endif  // TUTELA_BENCH_GEN_COMMON_H_
