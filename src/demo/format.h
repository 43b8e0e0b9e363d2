// Cell spellings of the demo data: every date and date-time spelling of
// datasets.md, ID-number spellings (full-width, lowercase x, 15 digits, inner
// space) and empty markers. Appends to a caller's buffer; pure functions,
// thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/date.h"
#include "demo/rng.h"

namespace tutela::demo {

enum class DateStyle : uint8_t { kIso, kSlash, kCompact, kChinese, kDot };
enum class TimeStyle : uint8_t { kNone, kHm, kHms, kTHms };
enum class IdStyle : uint8_t { kPlain, kLowerX, kFullWidth, kInnerSpace, kFifteen };

// 2024-01-05, 2024/1/5, 20240105, 2024年1月5日, 2024.01.05.
void AppendDate(std::string* out, Days d, DateStyle style);
// A date followed by " HH:MM", " HH:MM:SS" or "THH:MM:SS" (kNone: date only).
void AppendDateTime(std::string* out, Seconds t, DateStyle date_style, TimeStyle time_style);

// Mostly `main`, sometimes (per_mille / 1000) any other spelling.
DateStyle MixDate(Rng& rng, DateStyle main, uint32_t per_mille);
TimeStyle MixTime(Rng& rng, TimeStyle main, uint32_t per_mille);

// The ID (18 characters) in a spelling that normalises back to it. A style
// that does not apply (lowercase x without a final X, 15 digits for a birth
// year outside 1900-1999 or a non-digit check) falls back to plain.
void AppendId(std::string* out, std::string_view id18, IdStyle style);
// Plain mostly; per_mille / 1000 of the time one of the other spellings.
IdStyle MixId(Rng& rng, uint32_t per_mille);

// One of "", NULL, null, \N, - (mostly "": per_mille / 1000 a marker).
std::string_view MixEmpty(Rng& rng, uint32_t per_mille);

// 17 digits -> the full 18-character ID with its check character.
std::string WithCheck(std::string_view first17);

}  // namespace tutela::demo
