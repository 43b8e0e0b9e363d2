// Reference rules about places: hotel_minor (travel lodging), netcafe_minor
// (internet cafés) and near_school_vendor (vendors near schools).
#include <algorithm>
#include <map>
#include <set>

#include "ref_internal.h"

namespace tutela::reference::internal {

namespace {

constexpr Seconds kTwelveHours = 12 * 3600;

bool InYearWindow(Days d, Days a) { return a - 365 < d && d <= a; }

struct Located {
  size_t row;
  std::string id;
  double lat, lon;
};

// Institutions whose type satisfies `pred`, with both coordinates present.
template <typename Pred>
std::vector<Located> LocatedInstitutions(const Ctx& ctx, Pred pred) {
  const TableRef& t = ctx.institutions;
  const int id = t.Col("institution_id"), type = t.Col("type"), lat = t.Col("lat"),
            lon = t.Col("lon");
  std::vector<Located> v;
  for (size_t r = 0; r < t.rows(); ++r) {
    if (!pred(t.Str(r, type)) || !t.Dbl(r, lat) || !t.Dbl(r, lon)) continue;
    v.push_back({r, t.Str(r, id), *t.Dbl(r, lat), *t.Dbl(r, lon)});
  }
  return v;
}

}  // namespace

void RunHotelMinor(const Ctx& ctx, std::vector<Clue>* out) {
  if (!ctx.Require("hotel_minor", {&ctx.hotel})) return;
  const std::vector<std::string> basis = SplitLegalBasis("未成年人保护法 第57条; 刑法 第236条");
  const TableRef& h = ctx.hotel;
  const int c_hotel = h.Col("hotel_id"), c_room = h.Col("room_no"), c_person = h.Col("person_id"),
            c_in = h.Col("checkin_time"), c_out = h.Col("checkout_time"),
            c_contact = h.Col("guardian_contact");
  struct Stay {
    size_t row;
    int32_t person;
    Seconds in, out;
  };
  auto is_minor = [&](const Stay& s) {
    std::optional<int> age = ctx.Age(s.person, DateOf(s.in));
    return age && *age < 18;
  };
  auto is_adult = [&](const Stay& s) {
    std::optional<int> age = ctx.Age(s.person, DateOf(s.in));
    return age && *age >= 18;
  };
  std::map<std::pair<std::string, std::string>, std::vector<Stay>> rooms;
  std::map<std::string, std::vector<size_t>> no_contact;  // hotel -> minor check-ins in window
  for (size_t r = 0; r < h.rows(); ++r) {
    std::optional<Seconds> in = h.Time(r, c_in);
    int32_t p = h.Person(r, c_person);
    if (!in || p < 0) continue;
    Stay s{r, p, *in, h.Time(r, c_out).value_or(*in + kTwelveHours)};
    rooms[{h.Str(r, c_hotel), h.Str(r, c_room)}].push_back(s);
    if (is_minor(s) && InYearWindow(DateOf(*in), ctx.A) && h.Null(r, c_contact)) {
      no_contact[h.Str(r, c_hotel)].push_back(r);
    }
  }

  // minor_with_unrelated_adult: overlapping stays of different people in one room.
  auto emit_pair = [&](const std::string& hotel, const Stay& m, const Stay& a) {
    if (!is_minor(m) || !is_adult(a) || ctx.Related(m.person, a.person)) return;
    char sm = ctx.Sex(m.person), sa = ctx.Sex(a.person);
    Severity sev = (sm != 0 && sa != 0 && sm != sa) ? Severity::kHigh : Severity::kMedium;
    Clue c = MakeClue("hotel_minor", "minor_with_unrelated_adult", "criminal", sev, basis);
    SetPersonKey(ctx, "minor_id", m.person, &c);
    SetPersonKey(ctx, "adult_id", a.person, &c);
    c.keys["hotel_id"] = hotel;
    c.keys["checkin_date"] = FormatDate(DateOf(m.in));
    c.target = {{"kind", "public_security"}, {"name", ctx.Regulator(hotel)}};
    AddEvidence(ctx, h, m.row, &c);
    AddEvidence(ctx, h, a.row, &c);
    out->push_back(std::move(c));
  };
  for (auto& [room, stays] : rooms) {
    std::stable_sort(stays.begin(), stays.end(),
                     [](const Stay& x, const Stay& y) { return x.in < y.in; });
    for (size_t i = 0; i < stays.size(); ++i) {
      for (size_t j = i + 1; j < stays.size() && stays[j].in < stays[i].out; ++j) {
        const Stay& a = stays[i];
        const Stay& b = stays[j];
        if (a.person == b.person || !(a.in < b.out)) continue;
        emit_pair(room.first, a, b);
        emit_pair(room.first, b, a);
      }
    }
  }

  // guardian_contact_not_recorded.
  const double min_count = ctx.Param("hotel_minor.min_count", 3);
  for (const auto& [hotel, rows] : no_contact) {
    if (static_cast<double>(rows.size()) < min_count) continue;
    Clue c = MakeClue("hotel_minor", "guardian_contact_not_recorded", "administrative",
                      Severity::kMedium, basis);
    c.keys["hotel_id"] = hotel;
    c.target = RegulatorTarget(ctx.Regulator(hotel));
    for (size_t r : rows) AddEvidence(ctx, h, r, &c);
    out->push_back(std::move(c));
  }
}

void RunNetcafeMinor(const Ctx& ctx, std::vector<Clue>* out) {
  const std::vector<std::string> basis =
      SplitLegalBasis("未成年人保护法 第58条; 互联网上网服务营业场所管理条例 第21条, 第9条");
  if (ctx.Require("netcafe_minor.minor_admitted", {&ctx.netcafe})) {
    const TableRef& n = ctx.netcafe;
    const int c_cafe = n.Col("cafe_id"), c_person = n.Col("person_id"), c_in = n.Col("login_time");
    std::map<std::string, std::vector<size_t>> sessions;
    std::map<std::string, std::set<int32_t>> minors;
    for (size_t r = 0; r < n.rows(); ++r) {
      std::optional<Seconds> in = n.Time(r, c_in);
      if (!in || !InYearWindow(DateOf(*in), ctx.A)) continue;
      std::optional<int> age = ctx.Age(n.Person(r, c_person), DateOf(*in));
      if (!age || *age >= 18) continue;
      sessions[n.Str(r, c_cafe)].push_back(r);
      minors[n.Str(r, c_cafe)].insert(n.Person(r, c_person));
    }
    for (const auto& [cafe, rows] : sessions) {
      Severity sev = minors[cafe].size() >= 5 ? Severity::kHigh : Severity::kMedium;
      Clue c = MakeClue("netcafe_minor", "minor_admitted", "administrative", sev, basis);
      c.keys["cafe_id"] = cafe;
      c.target = RegulatorTarget(ctx.Regulator(cafe));
      for (size_t r : rows) AddEvidence(ctx, n, r, &c);
      out->push_back(std::move(c));
    }
  }
  if (ctx.Require("netcafe_minor.too_close_to_school", {&ctx.institutions})) {
    const double dist = ctx.Param("netcafe_minor.distance_m", 200);
    auto cafes =
        LocatedInstitutions(ctx, [](const std::string& t) { return t == "internet_cafe"; });
    auto schools = LocatedInstitutions(ctx, [](const std::string& t) {
      return t == "primary_school" || t == "middle_school" || t == "high_school";
    });
    for (const Located& cafe : cafes) {
      for (const Located& school : schools) {
        if (HaversineMetres(cafe.lat, cafe.lon, school.lat, school.lon) > dist) continue;
        Clue c = MakeClue("netcafe_minor", "too_close_to_school", "administrative",
                          Severity::kMedium, basis);
        c.keys["cafe_id"] = cafe.id;
        c.keys["school_id"] = school.id;
        c.target = RegulatorTarget(ctx.Regulator(cafe.id));
        AddEvidence(ctx, ctx.institutions, cafe.row, &c);
        AddEvidence(ctx, ctx.institutions, school.row, &c);
        out->push_back(std::move(c));
      }
    }
  }
}

void RunNearSchoolVendor(const Ctx& ctx, std::vector<Clue>* out) {
  if (!ctx.Require("near_school_vendor", {&ctx.institutions})) return;
  const std::vector<std::string> basis = SplitLegalBasis("未成年人保护法 第58条, 第59条");
  const double dist = ctx.Param("near_school_vendor.distance_m", 100);
  auto vendors = LocatedInstitutions(ctx, [](const std::string& t) {
    return t == "tobacco_retailer" || t == "lottery" || t == "bar" || t == "entertainment";
  });
  auto schools = LocatedInstitutions(ctx, IsSchoolType);
  for (const Located& v : vendors) {
    for (const Located& s : schools) {
      if (HaversineMetres(v.lat, v.lon, s.lat, s.lon) > dist) continue;
      Clue c = MakeClue("near_school_vendor", "vendor_near_school", "public_interest",
                        Severity::kMedium, basis);
      c.keys["vendor_id"] = v.id;
      c.keys["school_id"] = s.id;
      c.target = RegulatorTarget(ctx.Regulator(v.id));
      AddEvidence(ctx, ctx.institutions, v.row, &c);
      AddEvidence(ctx, ctx.institutions, s.row, &c);
      out->push_back(std::move(c));
    }
  }
}

}  // namespace tutela::reference::internal
