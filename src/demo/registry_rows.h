// Background rows of the registry-like tables: staff of institutions, school
// enrolment histories and employment records. None of them gives a clue:
// staff are never offenders, every child of compulsory-school age is
// enrolled, and nobody starts work before 18. Functions over a World;
// single-threaded.
#pragma once

#include "demo/population.h"
#include "demo/world.h"

namespace tutela::demo {

void BuildStaff(World& world, const Pools& pools);
void BuildEnrollments(World& world, const Pools& pools);
void BuildEmployment(World& world, const Pools& pools);

// The enrolment history of one child as of A (kindergarten, primary, middle,
// high or vocational school as fits the age), appended to `rows`. Children
// aged 7-15 at A always end with an active enrolment.
void EnrollChild(World& world, Rows* rows, int32_t child, Rng& rng);

// A random school of `type` in the child's city (any city when none).
int32_t SchoolFor(World& world, InstType type, int32_t region, Rng& rng);

}  // namespace tutela::demo
