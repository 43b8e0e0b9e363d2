// The background population of the demo world: households (families with
// children, couples, single adults, elderly people), their guardianship rows,
// and the pools the activity generators draw from. Functions over a World;
// single-threaded.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "demo/world.h"

namespace tutela::demo {

struct Pools {
  std::vector<int32_t> active_adults;  // registered, alive, adult through the activity window
  std::vector<int32_t> staff;          // staff candidates (never offenders)
  std::vector<int32_t> offenders;      // adults who are nobody's guardian and never staff
  std::vector<int32_t> workers;        // adults 18-60 at A (employment)
  std::vector<int32_t> children;       // registered, alive, under 18 at A
  std::vector<std::pair<int32_t, int32_t>> families;  // (parent, child under 18 at A)
};

// Creates about 10 000 x scale registered people in households, with the
// guardian rows of their minors (parents, sometimes a grandparent), and
// returns the pools.
Pools BuildPopulation(World& world);

}  // namespace tutela::demo
