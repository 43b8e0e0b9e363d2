// Institutions of the demo world: realistic names, addresses and regulators
// per type, and the background set of schools, hotels, cafés, shops and
// employers placed on a grid around real city centres (no two closer than
// about 500 m, so background places never trigger a distance rule).
// Functions over a World; single-threaded.
#pragma once

#include "demo/world.h"

namespace tutela::demo {

// Fills id, name, address and regulator of a placed institution.
void DescribeInstitution(World& world, Institution* inst, Rng& rng);

// Creates the background institutions, scaled by the world's scale.
void BuildInstitutions(World& world);

}  // namespace tutela::demo
