// Streaming emitters of the big activity tables: hotel check-ins, internet
// café sessions, medical visits (and the mandatory reports that go with them).
// Background rows are generated day by day and written at once; planted rows
// are merged in by time.
#include <fmt/format.h>

#include <algorithm>

#include "demo/emit.h"
#include "demo/names.h"
#include "identity/id_number.h"

namespace tutela::demo {

namespace {

constexpr Seconds kHour = 3600;

std::vector<int> Iota(int n) {
  std::vector<int> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<size_t>(i)] = i;
  return v;
}

// A guest: a registered adult or a visitor from anywhere (ID sequence
// 800-999, never a registered person's), who is an adult throughout.
struct Guest {
  char id[18];
  std::string name;
  std::string_view Id() const { return {id, 18}; }
};

void PickGuest(World& world, const Pools& pools, Rng& rng, uint32_t registered_per_mille,
               Guest* g) {
  if (!pools.active_adults.empty() && rng.PerMille(registered_per_mille)) {
    const Person& p = world.persons[static_cast<size_t>(rng.Pick(pools.active_adults))];
    std::copy(p.id.begin(), p.id.end(), g->id);
    g->name = p.name;
    return;
  }
  const int32_t county = world.RandomAnyCounty(rng);
  // At least 20 full years old on A: an adult throughout the two-year window.
  const Days birth = AddYears(world.as_of(), -20) - static_cast<Days>(rng.Range(0, 50 * 365));
  const CivilDate c = CivilFromDays(birth);
  const int seq = 800 + static_cast<int>(rng.Below(200));
  fmt::format_to_n(g->id, 17, "{:06d}{:04d}{:02d}{:02d}{:03d}", county, c.year, c.month, c.day,
                   seq);
  g->id[17] = IdCheckChar(std::string_view(g->id, 17));
  g->name = NameFromHash(StreamId(g->Id()), seq % 2 == 1 ? 'M' : 'F', c.year);
}

std::vector<int32_t> Background(const World& world, InstType type) {
  std::vector<int32_t> out;
  for (int32_t i : world.OfType(type)) {
    if (static_cast<size_t>(i) < world.background_institutions) out.push_back(i);
  }
  return out;
}

template <typename Row, typename Key>
std::vector<const Row*> SortedBy(const std::vector<Row>& rows, Key key) {
  std::vector<const Row*> out;
  for (const Row& r : rows) out.push_back(&r);
  std::stable_sort(out.begin(), out.end(),
                   [&](const Row* a, const Row* b) { return key(*a) < key(*b); });
  return out;
}

}  // namespace

Status EmitHotelCheckins(World& world, const Pools& pools, const std::string& dir) {
  FileSpec spec{
      "hotel_checkins",
      "hotel_checkins.csv",
      false,
      false,
      FileEncoding::kUtf8,
      {"旅馆编号", "房间号", "身份证号", "姓名", "入住时间", "退房时间", "监护人联系方式"},
      Iota(7),
      {},
      "中文表头、日期时间多种写法（含T分隔）、全角/小写x/带空格身份证号、完全重复的行、"
      "字段数不足的行和无法解析的入住时间（拒绝）、无法解析的退房时间（警告）/ Chinese "
      "headers, mixed date-time spellings (T separator too), full-width / lowercase-x / "
      "spaced IDs, exact duplicate rows, a short row and an unparsable check-in time "
      "(rejects), an unparsable checkout (warning)"};
  ASSIGN_OR_RETURN(auto w, RowWriter::Open(world, dir, spec));
  Rng rng = world.Stream("hotel-background");
  const std::vector<int32_t> hotels = Background(world, InstType::kHotel);
  int64_t rooms = 0;
  for (int32_t h : hotels) rooms += world.institutions[static_cast<size_t>(h)].rooms;
  const Days ws = world.window_start(), a = world.as_of();
  const double slots = static_cast<double>(rooms) * (a - ws + 1);
  const double p =
      std::min(0.9, static_cast<double>(world.Scaled(100000)) / (1.38 * std::max(1.0, slots)));
  const uint64_t threshold = static_cast<uint64_t>(p * 4294967296.0);
  const auto planted = SortedBy(world.planted.hotel, [](const HotelRow& r) { return r.in; });
  const auto& raw = world.RawLines("hotel_checkins.csv");
  std::vector<Days> raw_days;
  for (size_t i = 0; i < raw.size(); ++i)
    raw_days.push_back(ws + static_cast<Days>(rng.Below(730)));
  size_t next = 0;
  auto write_planted = [&](const HotelRow& r) {
    const Person& g = world.persons[static_cast<size_t>(r.person)];
    w->Reset();
    w->Set(0, world.institutions[static_cast<size_t>(r.hotel)].id);
    w->Set(1, r.room);
    PutId(*w, 2, g.Id(), r.style, 10);
    w->Set(3, g.name);
    PutDateTime(*w, 4, r.in, DateStyle::kIso, TimeStyle::kHms, 80);
    PutDateTime(*w, 5, r.out, DateStyle::kIso, TimeStyle::kHms, 80);
    if (!r.contact.empty()) w->Set(6, r.contact);
    w->Write(r.ov);
  };
  Guest guest;
  std::string room, phone;
  auto write_guest = [&](int32_t hotel_id_index, Seconds in, Seconds out,
                         std::string_view contact) {
    w->Reset();
    w->Set(0, world.institutions[static_cast<size_t>(hotel_id_index)].id);
    w->Set(1, room);
    PutId(*w, 2, guest.Id(), -1, 8);
    w->Set(3, guest.name);
    PutDateTime(*w, 4, in, DateStyle::kIso, TimeStyle::kHms, 80);
    if (out != kNoTime) {
      PutDateTime(*w, 5, out, DateStyle::kIso, TimeStyle::kHms, 80);
    } else {
      PutEmpty(*w, 5, 300);
    }
    if (!contact.empty()) w->Set(6, contact);
    w->Write();
    if (rng.Below(20000) == 0) w->Write();  // an exact duplicate row
  };
  for (Days day = ws; day <= a; ++day) {
    const Seconds start = StartOfDay(day);
    while (next < planted.size() && planted[next]->in < start + kSecondsPerDay)
      write_planted(*planted[next++]);
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw_days[i] == day) w->Raw(raw[i]);
    }
    for (int32_t h : hotels) {
      const int n_rooms = world.institutions[static_cast<size_t>(h)].rooms;
      for (int r = 0; r < n_rooms; ++r) {
        if ((rng.Next() >> 32) >= threshold) continue;
        room.clear();
        fmt::format_to(std::back_inserter(room), "{}{:02d}", 2 + r / 20, r % 20 + 1);
        const Seconds in = start + rng.Range(14 * kHour, 23 * kHour + 3540);
        const Seconds out =
            rng.PerMille(970) ? start + kSecondsPerDay + rng.Range(7 * kHour, 12 * kHour) : kNoTime;
        const uint64_t kind = rng.Below(100);
        if (kind >= 95 && !pools.families.empty()) {
          const auto [parent, child] = rng.Pick(pools.families);
          const Person& c = world.persons[static_cast<size_t>(child)];
          if (c.birth < day - 365) {
            const Person& pp = world.persons[static_cast<size_t>(parent)];
            std::copy(pp.id.begin(), pp.id.end(), guest.id);
            guest.name = pp.name;
            write_guest(h, in, out, "");
            std::copy(c.id.begin(), c.id.end(), guest.id);
            guest.name = c.name;
            phone.clear();
            fmt::format_to(std::back_inserter(phone), "1{}{:09d}", 3 + rng.Below(6),
                           rng.Below(1000000000));
            write_guest(h, in + 60, out, phone);
            continue;
          }
        }
        PickGuest(world, pools, rng, 600, &guest);
        write_guest(h, in, out, "");
        if (kind >= 62) {
          PickGuest(world, pools, rng, 600, &guest);
          write_guest(h, in + rng.Range(0, 1800), out, "");
        }
      }
    }
  }
  while (next < planted.size()) write_planted(*planted[next++]);
  return w->Finish();
}

Status EmitNetcafeSessions(World& world, const Pools& pools, const std::string& dir) {
  FileSpec spec{
      "netcafe_sessions",
      "netcafe_sessions.jsonl",
      true,
      false,
      FileEncoding::kUtf8,
      {"cafe_id", "person_id", "login_time", "logout_time", "terminal"},
      Iota(5),
      {"场所编号", "身份证号", "上机时间", "下机时间", "终端号"},
      "JSON Lines；部分记录用中文键；终端号为数字或字符串；空行；格式错误的行和无法解析的上机"
      "时间（拒绝）/ JSON Lines; some records with Chinese keys; numeric or string terminals; "
      "blank lines; a broken line and an unparsable login time (rejects)"};
  ASSIGN_OR_RETURN(auto w, RowWriter::Open(world, dir, spec));
  Rng rng = world.Stream("netcafe-background");
  const std::vector<int32_t> cafes = Background(world, InstType::kInternetCafe);
  const int64_t n = world.Scaled(30000);
  const Days ws = world.window_start();
  const auto planted = SortedBy(world.planted.netcafe, [](const NetcafeRow& r) { return r.login; });
  const auto& raw = world.RawLines("netcafe_sessions.jsonl");
  std::vector<int64_t> raw_at, blank_at;
  for (size_t i = 0; i < raw.size(); ++i)
    raw_at.push_back(static_cast<int64_t>(rng.Below(static_cast<uint64_t>(n))));
  for (int c = 0; c < world.copies(); ++c)
    blank_at.push_back(static_cast<int64_t>(rng.Below(static_cast<uint64_t>(n))));
  size_t next = 0;
  Guest guest;
  auto write = [&](const std::string& cafe, std::string_view id, int8_t style, Seconds login,
                   Seconds logout, int32_t terminal, const CellOverride& ov) {
    w->Reset();
    w->Set(0, cafe);
    PutId(*w, 1, id, style, 8);
    PutDateTime(*w, 2, login, DateStyle::kIso, TimeStyle::kTHms, 60);
    PutDateTime(*w, 3, logout, DateStyle::kIso, TimeStyle::kTHms, 60);
    if (rng.PerMille(700)) {
      char buf[16];
      char* end = fmt::format_to(buf, "{}", terminal);
      w->Bare(4, std::string_view(buf, static_cast<size_t>(end - buf)));
    } else {
      fmt::format_to(std::back_inserter(w->Text(4)), "A{:03d}", terminal);
    }
    w->Write(ov, rng.PerMille(30));
  };
  for (int64_t i = 0; i < n && !cafes.empty(); ++i) {
    const Days day = ws + static_cast<Days>(i * 730 / n);
    const Seconds login = StartOfDay(day) + rng.Range(8 * kHour, 23 * kHour);
    while (next < planted.size() && planted[next]->login < login) {
      const NetcafeRow& r = *planted[next++];
      write(world.institutions[static_cast<size_t>(r.cafe)].id,
            world.persons[static_cast<size_t>(r.person)].Id(), r.style, r.login, r.logout,
            r.terminal, r.ov);
    }
    for (size_t k = 0; k < raw.size(); ++k) {
      if (raw_at[k] == i) w->Raw(raw[k]);
    }
    for (int64_t b : blank_at) {
      if (b == i) w->Blank();
    }
    PickGuest(world, pools, rng, 700, &guest);
    const Seconds logout = rng.PerMille(850) ? login + rng.Range(1800, 6 * kHour) : kNoTime;
    const std::string& cafe = world.institutions[static_cast<size_t>(rng.Pick(cafes))].id;
    const int32_t terminal = static_cast<int32_t>(rng.Range(1, 150));
    write(cafe, guest.Id(), -1, login, logout, terminal, {});
    if (rng.Below(20000) == 0) w->Write();  // an exact duplicate record
  }
  while (next < planted.size()) {
    const NetcafeRow& r = *planted[next++];
    write(world.institutions[static_cast<size_t>(r.cafe)].id,
          world.persons[static_cast<size_t>(r.person)].Id(), r.style, r.login, r.logout, r.terminal,
          r.ov);
  }
  return w->Finish();
}

}  // namespace tutela::demo
