// Realistic Chinese personal names for the demo data: surnames by frequency,
// given-name characters by sex and generation, and a small simplified ->
// traditional table that OpenCC's t2s maps back. Pure functions over static
// tables; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "demo/rng.h"

namespace tutela::demo {

// A full name (surname + one or two given-name characters) for someone of
// `sex` ('M'/'F') born in `birth_year`; older and younger generations draw
// from different given-name pools.
// With a non-empty `surname` (a child's father's), only the given name is drawn.
std::string RandomName(Rng& rng, char sex, int birth_year, std::string_view surname = {});

// The surname of a generated name (one character, or a compound surname).
std::string_view SurnameOf(std::string_view name);

// The same, derived from a hash (the same visitor ID always gets the same name).
std::string NameFromHash(uint64_t hash, char sex, int birth_year);

// A name made of a rare compound surname and characters used nowhere else, so
// (name, birth date) is unique in the data; `serial` picks the characters.
std::string DistinctiveName(uint64_t serial, char sex);

// Like DistinctiveName, but the given name uses characters that have a
// traditional form, so ToTraditional changes it.
std::string DistinctiveTradableName(uint64_t serial);

// Traditional spelling of a simplified name; characters without an entry stay.
// Returns an empty string when no character changes.
std::string ToTraditional(std::string_view simplified);

// Number of entries of the simplified -> traditional table, and entry i
// (for tests that check OpenCC maps every traditional form back).
size_t TraditionalPairCount();
std::pair<std::string_view, std::string_view> TraditionalPair(size_t i);

// Street names for addresses.
std::string_view RandomStreet(Rng& rng);
// A word for shop and company names ("阳光", "金桥", ...).
std::string_view RandomBrandWord(Rng& rng);

}  // namespace tutela::demo
