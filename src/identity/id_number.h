// PRC resident identity numbers (GB 11643): normalisation, validation, and
// the birth date and sex they encode. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"

namespace tutela {

// Why an ID number failed validation. Order is stable (used in reports).
enum class IdProblem : uint8_t {
  kNone = 0,        // valid
  kLength = 1,      // not 18 characters after normalisation
  kCharacters = 2,  // not 17 digits followed by a digit or X
  kBirthDate = 3,   // digits 7-14 are not a real calendar date
  kRegion = 4,      // first two digits are not a known province code
  kCheckDigit = 5,  // ISO 7064 MOD 11-2 check character does not match
};
// Stable English name: "ok", "length", "characters", "birth_date", "region", "check_digit".
const char* IdProblemName(IdProblem p);
// Chinese label for reports, e.g. "校验码错误".
const char* IdProblemLabelZh(IdProblem p);

// Birth years accepted as "a real birth date" (inclusive). Digits 7-14 must
// form a valid calendar date with a year in this range; the clock is never
// consulted, so a date after today is not rejected here.
constexpr int kMinIdBirthYear = 1800;
constexpr int kMaxIdBirthYear = 2099;

// Trim, remove inner spaces (ASCII whitespace, U+3000, U+00A0), full-width
// digits and letters (U+FF10-FF19, U+FF21-FF3A, U+FF41-FF5A) to ASCII, final
// x to X, and 15 all-digit characters -> 18 (insert "19" after the sixth digit
// and compute the check character). Anything else is kept as written: a
// 15-character value that is not all digits stays as it is (and fails
// validation on length); letters other than a final x keep their case; other
// characters, including malformed UTF-8 bytes, are kept unchanged.
std::string NormalizeIdNumber(std::string_view raw);

// The ISO 7064 MOD 11-2 check character for 17 digits ('0'-'9' or 'X').
// Precondition: first17 holds 17 ASCII digits.
char IdCheckChar(std::string_view first17);

// Validates a normalised ID. Checks, in order: length, characters, birth
// date, province code, check character; returns the first failure.
IdProblem ValidateIdNumber(std::string_view normalized);

// Digits 7-14 as a date whenever they form a real one (same rule as
// validation, years kMinIdBirthYear..kMaxIdBirthYear), even for an otherwise
// invalid ID (bad check character, unknown region, wrong length); nullopt when
// there are fewer than 14 characters or characters 7-14 are not such a date.
std::optional<Days> BirthFromId(std::string_view normalized);
// 17th character odd = 'M', even = 'F' (for any length); 0 when there is no
// 17th character or it is not a digit.
char SexFromId(std::string_view normalized);

// Packs a well-formed 18-character ID (17 digits + digit/X) into 64 bits as
// first17 * 11 + check (X = 10); the check character need not be correct.
// nullopt for anything else.
std::optional<uint64_t> PackIdNumber(std::string_view normalized);
// Inverse of PackIdNumber; nullopt for a value PackIdNumber cannot produce.
std::optional<std::string> UnpackIdNumber(uint64_t packed);

}  // namespace tutela
