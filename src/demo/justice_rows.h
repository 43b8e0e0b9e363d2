// Background rows of the justice tables: criminal judgments with their
// victims and custody records, juvenile cases with probation tasks, and
// criminal-record queries. Built so that none of them gives a clue (each
// offender has one kind of record, minor-victim cases happen at no regulated
// place, probations run to time, sealed records are only disclosed for
// judicial use). Functions over a World; single-threaded.
#pragma once

#include <string_view>

#include "demo/population.h"
#include "demo/world.h"

namespace tutela::demo {

// Charges the generator uses, with their Criminal Law chapter and category
// as in shared/data/charges.csv (checked by a test). Unknown charges (not in
// charges.csv) have chapter 0.
struct ChargeInfo {
  std::string_view name;
  int chapter;
  std::string_view category;
};
const std::vector<ChargeInfo>& KnownCharges();
const ChargeInfo* FindCharge(std::string_view name);

void BuildJudgments(World& world, const Pools& pools);
void BuildJuvenileCases(World& world, const Pools& pools);
void BuildRecordQueries(World& world, const Pools& pools);

// Probation tasks of a conditional non-prosecution running [start, end),
// all done in time, appended to `rows`.
void AddTasksOnTime(World& world, Rows* rows, const std::string& case_id, Days start, Days end,
                    Rng& rng);

}  // namespace tutela::demo
