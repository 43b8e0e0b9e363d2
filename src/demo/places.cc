// Institution names, addresses, regulators and the background institutions.
#include "demo/places.h"

#include <fmt/format.h>

#include "demo/names.h"
#include "identity/regions.h"

namespace tutela::demo {

namespace {

constexpr const char* kIdPrefix[] = {"K", "P", "M", "G", "V", "T", "W", "Y",
                                     "H", "C", "B", "E", "S", "L", "U"};
constexpr const char* kIndustries[] = {"机械制造", "服装",     "电子科技", "建筑工程", "物流",
                                       "餐饮管理", "包装材料", "五金制品", "食品",     "纺织"};

std::string Ordinal(Rng& rng) { return fmt::format("第{}", rng.Range(1, 24)); }

std::string StreetStem(std::string_view street) {
  // "文三路" -> "文三"; keeps names like 文三路小学 readable either way.
  if (street.size() > 3) return std::string(street.substr(0, street.size() - 3));
  return std::string(street);
}

}  // namespace

void DescribeInstitution(World& world, Institution* inst, Rng& rng) {
  const Regions& regions = Regions::Get();
  const std::string county_code = std::to_string(inst->region);
  const std::string county = regions.NameOf(county_code);
  const std::string& city = world.cities[inst->city].name;
  const std::string_view street = RandomStreet(rng);
  const std::string_view brand = RandomBrandWord(rng);
  const int t = static_cast<int>(inst->type);
  inst->id =
      fmt::format("{}{}{:04d}", kIdPrefix[t], county_code, world.OfType(inst->type).size() + 1);
  switch (inst->type) {
    case InstType::kKindergarten:
      inst->name = rng.Chance(1, 2) ? fmt::format("{}{}幼儿园", county, brand)
                                    : fmt::format("{}{}幼儿园", city, Ordinal(rng));
      inst->regulator = county + "教育局";
      break;
    case InstType::kPrimary:
      inst->name = rng.Chance(1, 2) ? fmt::format("{}{}小学", county, StreetStem(street))
                                    : fmt::format("{}实验小学{}分校", county, brand);
      inst->regulator = county + "教育局";
      break;
    case InstType::kMiddle:
      inst->name = rng.Chance(1, 2) ? fmt::format("{}{}中学", city, Ordinal(rng))
                                    : fmt::format("{}{}初级中学", county, StreetStem(street));
      inst->regulator = county + "教育局";
      break;
    case InstType::kHigh:
      inst->name = fmt::format("{}{}高级中学", city, Ordinal(rng));
      inst->regulator = city + "教育局";
      break;
    case InstType::kVocational:
      inst->name = fmt::format("{}{}职业技术学校", city, brand);
      inst->regulator = city + "教育局";
      break;
    case InstType::kTraining: {
      static constexpr const char* kKinds[] = {"教育培训中心", "艺术培训学校", "体育培训俱乐部",
                                               "英语培训学校"};
      inst->name = fmt::format("{}{}{}", county, brand, rng.Pick(kKinds));
      inst->regulator = county + "教育局";
      break;
    }
    case InstType::kChildWelfare:
      inst->name = fmt::format("{}儿童福利院", city);
      inst->regulator = city + "民政局";
      break;
    case InstType::kHospital: {
      int k = static_cast<int>(rng.Below(3));
      inst->name = k == 0   ? fmt::format("{}{}人民医院", city, Ordinal(rng))
                   : k == 1 ? fmt::format("{}中医院", county)
                            : fmt::format("{}妇幼保健院", county);
      inst->regulator = county + "卫生健康局";
      break;
    }
    case InstType::kHotel: {
      static constexpr const char* kChains[] = {"如家酒店", "汉庭酒店", "7天连锁酒店", "锦江之星"};
      int k = static_cast<int>(rng.Below(3));
      inst->name = k == 0   ? fmt::format("{}({}{}店)", rng.Pick(kChains), county, street)
                   : k == 1 ? fmt::format("{}宾馆", brand)
                            : fmt::format("{}{}大酒店", city.substr(0, city.size() - 3), brand);
      inst->regulator = county + "公安分局";
      inst->rooms = static_cast<int16_t>(rng.Range(20, 80));
      break;
    }
    case InstType::kInternetCafe:
      inst->name = fmt::format("{}{}", brand, rng.Chance(1, 2) ? "网吧" : "网咖");
      inst->regulator = county + "文化和旅游局";
      break;
    case InstType::kBar:
      inst->name = fmt::format("{}{}", brand, rng.Chance(1, 2) ? "酒吧" : "清吧");
      inst->regulator = county + "市场监督管理局";
      break;
    case InstType::kEntertainment:
      inst->name = fmt::format("{}{}", brand, rng.Chance(1, 2) ? "KTV" : "娱乐会所");
      inst->regulator = county + "文化和旅游局";
      break;
    case InstType::kTobacco:
      inst->name = fmt::format("{}{}", brand, rng.Chance(1, 2) ? "烟酒店" : "便利店");
      inst->regulator = county + "烟草专卖局";
      break;
    case InstType::kLottery:
      inst->name = rng.Chance(1, 2) ? fmt::format("中国福利彩票{}号投注站", rng.Range(1000, 9999))
                                    : fmt::format("中国体育彩票{}号站", rng.Range(1000, 9999));
      inst->regulator = city + "民政局";
      break;
    case InstType::kEmployer:
    case InstType::kCount:
      inst->name = fmt::format("{}{}{}有限公司", city.substr(0, city.size() - 3), brand,
                               rng.Pick(kIndustries));
      inst->regulator = county + "人力资源和社会保障局";
      break;
  }
  inst->address = fmt::format("浙江省{}{}{}{}号", city, county, street, rng.Range(1, 399));
}

void BuildInstitutions(World& world) {
  Rng rng = world.Stream("institutions");
  struct Quota {
    InstType type;
    double per_scale;
  };
  static constexpr Quota kQuota[] = {
      {InstType::kKindergarten, 20},  {InstType::kPrimary, 12},     {InstType::kMiddle, 6},
      {InstType::kHigh, 3},           {InstType::kVocational, 1.5}, {InstType::kTraining, 6},
      {InstType::kChildWelfare, 0.5}, {InstType::kHospital, 4},     {InstType::kHotel, 30},
      {InstType::kInternetCafe, 8},   {InstType::kBar, 5},          {InstType::kEntertainment, 5},
      {InstType::kTobacco, 15},       {InstType::kLottery, 6},      {InstType::kEmployer, 40},
  };
  // Interleave the types so that every city gets a mix.
  std::vector<InstType> order;
  for (const Quota& q : kQuota) {
    for (int64_t i = 0; i < world.Scaled(q.per_scale); ++i) order.push_back(q.type);
  }
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.Below(i)]);
  for (InstType t : order) world.NewInstitution(t, rng);
}

}  // namespace tutela::demo
