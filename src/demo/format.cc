// Cell spellings of the demo data.
#include "demo/format.h"

#include "identity/id_number.h"

namespace tutela::demo {

namespace {

void Append2(std::string* out, int v) {
  out->push_back(static_cast<char>('0' + v / 10));
  out->push_back(static_cast<char>('0' + v % 10));
}
void Append4(std::string* out, int v) {
  Append2(out, v / 100);
  Append2(out, v % 100);
}
void AppendInt(std::string* out, int v) {
  if (v >= 10) out->push_back(static_cast<char>('0' + v / 10));
  out->push_back(static_cast<char>('0' + v % 10));
}

}  // namespace

void AppendDate(std::string* out, Days d, DateStyle style) {
  CivilDate c = CivilFromDays(d);
  switch (style) {
    case DateStyle::kIso:
      Append4(out, c.year);
      out->push_back('-');
      Append2(out, c.month);
      out->push_back('-');
      Append2(out, c.day);
      break;
    case DateStyle::kSlash:
      Append4(out, c.year);
      out->push_back('/');
      AppendInt(out, c.month);
      out->push_back('/');
      AppendInt(out, c.day);
      break;
    case DateStyle::kCompact:
      Append4(out, c.year);
      Append2(out, c.month);
      Append2(out, c.day);
      break;
    case DateStyle::kChinese:
      Append4(out, c.year);
      *out += "年";
      AppendInt(out, c.month);
      *out += "月";
      AppendInt(out, c.day);
      *out += "日";
      break;
    case DateStyle::kDot:
      Append4(out, c.year);
      out->push_back('.');
      Append2(out, c.month);
      out->push_back('.');
      Append2(out, c.day);
      break;
  }
}

void AppendDateTime(std::string* out, Seconds t, DateStyle date_style, TimeStyle time_style) {
  Days d = DateOf(t);
  AppendDate(out, d, date_style);
  const int sod = static_cast<int>(t - StartOfDay(d));
  switch (time_style) {
    case TimeStyle::kNone: return;
    case TimeStyle::kTHms: out->push_back('T'); break;
    default: out->push_back(' '); break;
  }
  Append2(out, sod / 3600);
  out->push_back(':');
  Append2(out, sod / 60 % 60);
  if (time_style != TimeStyle::kHm) {
    out->push_back(':');
    Append2(out, sod % 60);
  }
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
    case IdStyle::kPlain: break;
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
