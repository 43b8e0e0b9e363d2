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

// Trim, remove inner spaces, full-width to ASCII, final x to X, 15 -> 18 digits
// (insert "19" after the sixth digit and compute the check character).
std::string NormalizeIdNumber(std::string_view raw);

// The ISO 7064 MOD 11-2 check character for 17 digits ('0'-'9' or 'X').
// Precondition: first17 holds 17 ASCII digits.
char IdCheckChar(std::string_view first17);

// Validates a normalised ID. Checks, in order: length, characters, birth
// date, province code, check character; returns the first failure.
IdProblem ValidateIdNumber(std::string_view normalized);

// Digits 7-14 as a date whenever they form a real one, even for an otherwise
// invalid ID; nullopt when they do not (or the ID is too short).
std::optional<Days> BirthFromId(std::string_view normalized);
// 17th character odd = 'M', even = 'F'; 0 when it is not a digit.
char SexFromId(std::string_view normalized);

// Packs a well-formed 18-character ID (17 digits + digit/X) into 64 bits;
// nullopt for anything else.
std::optional<uint64_t> PackIdNumber(std::string_view normalized);

}  // namespace tutela
