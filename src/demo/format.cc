// Cell spellings of the demo data.
#include "demo/format.h"

#include "identity/id_number.h"

namespace tutela::demo {

namespace {

// Writes into a small stack buffer first: one append per cell part.
char* Put2(char* p, int v) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
  return p + 2;
}
char* Put4(char* p, int v) { return Put2(Put2(p, v / 100), v % 100); }
char* PutInt(char* p, int v) {
  if (v >= 10) *p++ = static_cast<char>('0' + v / 10);
  *p++ = static_cast<char>('0' + v % 10);
  return p;
}
char* PutStr(char* p, std::string_view s) {
  for (char c : s) *p++ = c;
  return p;
}

}  // namespace

void AppendDate(std::string* out, Days d, DateStyle style) {
  const CivilDate c = CivilFromDays(d);
  char buf[32];
  char* p = buf;
  switch (style) {
    case DateStyle::kIso:
      p = Put2(PutStr(Put2(PutStr(Put4(p, c.year), "-"), c.month), "-"), c.day);
      break;
    case DateStyle::kSlash:
      p = PutInt(PutStr(PutInt(PutStr(Put4(p, c.year), "/"), c.month), "/"), c.day);
      break;
    case DateStyle::kCompact:
      p = Put2(Put2(Put4(p, c.year), c.month), c.day);
      break;
    case DateStyle::kChinese:
      p = PutStr(PutInt(PutStr(PutInt(PutStr(Put4(p, c.year), "年"), c.month), "月"), c.day), "日");
      break;
    case DateStyle::kDot:
      p = Put2(PutStr(Put2(PutStr(Put4(p, c.year), "."), c.month), "."), c.day);
      break;
  }
  out->append(buf, static_cast<size_t>(p - buf));
}

void AppendDateTime(std::string* out, Seconds t, DateStyle date_style, TimeStyle time_style) {
  const Days d = DateOf(t);
  AppendDate(out, d, date_style);
  if (time_style == TimeStyle::kNone) return;
  const int sod = static_cast<int>(t - StartOfDay(d));
  char buf[16];
  char* p = buf;
  *p++ = time_style == TimeStyle::kTHms ? 'T' : ' ';
  p = Put2(PutStr(Put2(p, sod / 3600), ":"), sod / 60 % 60);
  if (time_style != TimeStyle::kHm) p = Put2(PutStr(p, ":"), sod % 60);
  out->append(buf, static_cast<size_t>(p - buf));
}

DateStyle MixDate(Rng& rng, DateStyle main, uint32_t per_mille) {
  if (!rng.PerMille(per_mille)) return main;
  return static_cast<DateStyle>(rng.Below(5));
}

TimeStyle MixTime(Rng& rng, TimeStyle main, uint32_t per_mille) {
  if (!rng.PerMille(per_mille)) return main;
  return static_cast<TimeStyle>(1 + rng.Below(3));
}

void AppendId(std::string* out, std::string_view id, IdStyle style) {
  const bool eighteen = id.size() == 18;
  switch (style) {
    case IdStyle::kLowerX:
      if (eighteen && id[17] == 'X') {
        out->append(id.substr(0, 17));
        out->push_back('x');
        return;
      }
      break;
    case IdStyle::kFullWidth:
      for (char c : id) {
        if (c >= '0' && c <= '9') {
          // U+FF10 + digit: EF BC 90..99
          out->push_back('\xEF');
          out->push_back('\xBC');
          out->push_back(static_cast<char>(0x90 + (c - '0')));
        } else {
          out->push_back(c);
        }
      }
      return;
    case IdStyle::kInnerSpace:
      if (eighteen) {
        out->append(id.substr(0, 6));
        out->push_back(' ');
        out->append(id.substr(6, 8));
        out->push_back(' ');
        out->append(id.substr(14));
        return;
      }
      break;
    case IdStyle::kFifteen:
      // Only when normalisation gives back exactly this ID.
      if (eighteen && id.substr(6, 2) == "19" && WithCheck(id.substr(0, 17)) == id) {
        out->append(id.substr(0, 6));
        out->append(id.substr(8, 9));
        return;
      }
      break;
    case IdStyle::kPlain:
      break;
  }
  out->append(id);
}

IdStyle MixId(Rng& rng, uint32_t per_mille) {
  if (!rng.PerMille(per_mille)) return IdStyle::kPlain;
  return static_cast<IdStyle>(1 + rng.Below(4));
}

std::string_view MixEmpty(Rng& rng, uint32_t per_mille) {
  static constexpr std::string_view kMarkers[] = {"NULL", "null", "\\N", "-"};
  if (!rng.PerMille(per_mille)) return "";
  return kMarkers[rng.Below(4)];
}

std::string WithCheck(std::string_view first17) {
  std::string id(first17);
  id.push_back(IdCheckChar(first17));
  return id;
}

}  // namespace tutela::demo
