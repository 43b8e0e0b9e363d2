// Name tables and generators for the demo data.
#include "demo/names.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace tutela::demo {

namespace {

// Common surnames, roughly by frequency; the first ones get extra weight.
constexpr const char* kSurnames[] = {
    "王", "李", "张", "刘", "陈",   "杨",   "黄",   "赵",  "吴", "周", "徐", "孙", "马", "朱",
    "胡", "郭", "何", "高", "林",   "罗",   "郑",   "梁",  "谢", "宋", "唐", "许", "韩", "冯",
    "邓", "曹", "彭", "曾", "肖",   "田",   "董",   "袁",  "潘", "于", "蒋", "蔡", "杜", "叶",
    "程", "苏", "魏", "吕", "丁",   "任",   "沈",   "姚",  "卢", "姜", "崔", "钟", "谭", "陆",
    "汪", "范", "金", "石", "廖",   "贾",   "夏",   "韦",  "方", "白", "邹", "孟", "熊", "秦",
    "邱", "江", "尹", "薛", "段",   "雷",   "侯",   "龙",  "史", "陶", "黎", "贺", "顾", "毛",
    "郝", "龚", "邵", "万", "钱",   "严",   "武",   "戴",  "莫", "孔", "向", "汤", "楼", "应",
    "章", "俞", "项", "裘", "诸葛", "欧阳", "司马", "上官"};
constexpr size_t kHeavySurnames = 10;  // 王 .. 吴 are drawn three times as often

constexpr const char* kMaleOld[] = {"伟", "强", "军", "勇", "刚", "平", "辉", "华", "明", "建",
                                    "国", "志", "文", "斌", "海", "亮", "东", "林", "兵", "荣",
                                    "庆", "进", "贵", "春", "忠", "德", "福", "生", "长", "水",
                                    "根", "新", "龙", "峰", "波", "涛", "民", "卫", "红", "光"};
constexpr const char* kMaleNew[] = {"浩", "宇", "轩", "然", "睿", "泽", "子", "梓", "博", "晨",
                                    "杰", "凯", "鹏", "鑫", "帅", "旭", "宁", "欢", "阳", "俊",
                                    "帆", "皓", "航", "铭", "哲", "昊", "逸", "宸", "嘉", "豪",
                                    "锦", "一", "诺", "辰", "伟", "磊", "涛", "超", "飞", "健"};
constexpr const char* kFemaleOld[] = {"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀",
                                      "英", "华", "慧", "巧", "美", "兰", "玲", "萍", "红",
                                      "凤", "云", "珍", "琴", "桂", "梅", "燕", "莉", "春",
                                      "月", "淑", "荣", "玉", "彩", "金", "爱", "素", "翠"};
constexpr const char* kFemaleNew[] = {"婷", "雪", "琳", "晶", "妍", "茜", "颖", "倩", "佳", "欣",
                                      "怡", "萱", "涵", "梦", "雨", "诗", "琪", "悦", "馨", "瑶",
                                      "露", "璐", "可", "思", "语", "若", "依", "晴", "彤", "钰",
                                      "心", "子", "梓", "一", "诺", "菲", "蕾", "媛", "薇", "洁"};

// Characters of distinctive names (rare, used by no other pool).
constexpr const char* kRareSurnames[] = {"慕容", "端木", "皇甫", "公孙",
                                         "澹台", "轩辕", "南宫", "西门"};
constexpr const char* kRareGiven[] = {"珏", "琮", "璟", "翊", "竑", "湉", "玥", "珺", "骁", "昶",
                                      "琰", "晔", "岚", "翀", "棣", "樾", "沅", "祎", "煦", "曜"};

// Simplified -> traditional; every traditional form is mapped back by OpenCC t2s.
constexpr std::pair<const char*, const char*> kTraditional[] = {
    {"张", "張"}, {"刘", "劉"}, {"陈", "陳"}, {"杨", "楊"}, {"黄", "黃"}, {"赵", "趙"},
    {"吴", "吳"}, {"孙", "孫"}, {"马", "馬"}, {"郑", "鄭"}, {"谢", "謝"}, {"韩", "韓"},
    {"冯", "馮"}, {"邓", "鄧"}, {"许", "許"}, {"苏", "蘇"}, {"卢", "盧"}, {"龙", "龍"},
    {"伟", "偉"}, {"强", "強"}, {"军", "軍"}, {"涛", "濤"}, {"刚", "剛"}, {"辉", "輝"},
    {"华", "華"}, {"国", "國"}, {"东", "東"}, {"凤", "鳳"}, {"红", "紅"}, {"兰", "蘭"},
    {"庆", "慶"}, {"进", "進"}, {"贵", "貴"}, {"荣", "榮"}, {"丽", "麗"}, {"鹏", "鵬"},
    {"飞", "飛"}, {"凯", "凱"}, {"帅", "帥"}, {"宁", "寧"}, {"欢", "歡"}, {"阳", "陽"},
    {"颖", "穎"}, {"梦", "夢"}, {"诗", "詩"}, {"瑶", "瑤"}, {"轩", "軒"}, {"泽", "澤"},
    {"杰", "傑"}, {"钟", "鍾"}, {"汤", "湯"}, {"顾", "顧"}, {"贺", "賀"}, {"陆", "陸"},
    {"蒋", "蔣"}, {"龚", "龔"}, {"严", "嚴"}, {"钱", "錢"}, {"邹", "鄒"}, {"罗", "羅"},
    {"长", "長"}, {"卫", "衛"}, {"爱", "愛"}, {"锦", "錦"}, {"铭", "銘"},
};

constexpr const char* kStreets[] = {
    "人民路", "解放路",   "中山路",   "建设路",   "文化路", "和平路",   "新华路",   "胜利路",
    "青年路", "环城北路", "延安路",   "庆春路",   "凤起路", "体育场路", "文三路",   "学院路",
    "教工路", "莫干山路", "天目山路", "江南大道", "滨江路", "钱江路",   "解放东路", "百丈路",
    "中兴路", "鼓楼街",   "府前街",   "南大街",   "北大街", "东门街",   "西湖大道", "湖滨路",
    "光明路", "振兴路",   "工业路",   "站前路",   "车站路", "长安路",   "望江路",   "沿河路"};

constexpr const char* kBrandWords[] = {
    "阳光", "金桥", "星光", "华美", "东方", "新世纪", "明珠", "金色", "红星", "蓝天",
    "绿洲", "银河", "百合", "彩虹", "春晖", "锦绣",   "天成", "恒信", "鸿运", "顺达",
    "嘉禾", "瑞丰", "和顺", "飞扬", "启航", "海纳",   "博雅", "悦来", "聚福", "万家"};

template <size_t N>
const char* PickWith(uint64_t* h, const char* const (&a)[N]) {
  const char* v = a[*h % N];
  *h = Mix64(*h + 0x51ED27);
  return v;
}

std::string BuildName(uint64_t h, char sex, int birth_year, std::string_view surname) {
  std::string name(surname);
  // Surnames: the first kHeavySurnames entries count three times.
  const size_t n = std::size(kSurnames);
  size_t slot = h % (n + 2 * kHeavySurnames);
  h = Mix64(h + 1);
  if (name.empty()) name += slot < n ? kSurnames[slot] : kSurnames[(slot - n) % kHeavySurnames];
  const bool modern = birth_year >= 1990;
  const bool two = modern ? (h % 100) < 75 : (h % 100) < 60;
  h = Mix64(h + 2);
  for (int i = 0; i < (two ? 2 : 1); ++i) {
    if (sex == 'F') {
      name += modern ? PickWith(&h, kFemaleNew) : PickWith(&h, kFemaleOld);
    } else {
      name += modern ? PickWith(&h, kMaleNew) : PickWith(&h, kMaleOld);
    }
  }
  return name;
}

}  // namespace

std::string RandomName(Rng& rng, char sex, int birth_year, std::string_view surname) {
  return BuildName(rng.Next(), sex, birth_year, surname);
}

std::string NameFromHash(uint64_t hash, char sex, int birth_year) {
  return BuildName(Mix64(hash), sex, birth_year, {});
}

std::string_view SurnameOf(std::string_view name) {
  for (const char* s : kSurnames) {
    std::string_view sv(s);
    if (sv.size() > 3 && name.substr(0, sv.size()) == sv) return sv;
  }
  for (const char* s : kRareSurnames) {
    std::string_view sv(s);
    if (name.substr(0, sv.size()) == sv) return sv;
  }
  return name.substr(0, std::min<size_t>(3, name.size()));
}

std::string DistinctiveName(uint64_t serial, char sex) {
  const size_t ns = std::size(kRareSurnames), ng = std::size(kRareGiven);
  std::string name = kRareSurnames[serial % ns];
  uint64_t rest = serial / ns;
  name += kRareGiven[rest % ng];
  name += kRareGiven[(rest / ng + (sex == 'F' ? 7 : 3)) % ng];
  // Serials beyond ns * ng * ng repeat the pattern with a third character.
  if (rest / ng >= ng) name += kRareGiven[(rest / (ng * ng)) % ng];
  return name;
}

std::string DistinctiveTradableName(uint64_t serial) {
  static constexpr const char* kGiven[] = {"国", "华", "伟", "强", "军", "东", "丽",
                                           "凤", "红", "兰", "庆", "荣", "鹏", "飞",
                                           "凯", "宁", "阳", "颖", "梦", "诗"};
  const size_t ns = std::size(kRareSurnames), ng = std::size(kGiven);
  std::string name = kRareSurnames[serial % ns];
  name += kGiven[(serial / ns) % ng];
  name += kGiven[(serial / ns / ng) % ng];
  if (serial / ns / ng >= ng) name += kGiven[(serial / (ns * ng * ng)) % ng];
  return name;
}

std::string ToTraditional(std::string_view simplified) {
  std::string out;
  bool changed = false;
  size_t i = 0;
  while (i < simplified.size()) {
    bool hit = false;
    for (const auto& [s, t] : kTraditional) {
      std::string_view sv(s);
      if (simplified.substr(i, sv.size()) == sv && sv != t) {
        out += t;
        i += sv.size();
        hit = changed = true;
        break;
      }
    }
    if (!hit) out += simplified[i++];
  }
  return changed ? out : std::string();
}

size_t TraditionalPairCount() { return std::size(kTraditional); }

std::pair<std::string_view, std::string_view> TraditionalPair(size_t i) {
  return {kTraditional[i].first, kTraditional[i].second};
}

std::string_view RandomStreet(Rng& rng) { return rng.Pick(kStreets); }
std::string_view RandomBrandWord(Rng& rng) { return rng.Pick(kBrandWords); }

}  // namespace tutela::demo
