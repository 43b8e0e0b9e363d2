// The demo-data generator: world, background, plants, files, README.
#include "demo/demo.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <thread>
#include <tuple>

#include "common/atomic_file.h"
#include "demo/emit.h"
#include "demo/justice_rows.h"
#include "demo/places.h"
#include "demo/plant.h"
#include "demo/population.h"
#include "demo/registry_rows.h"

namespace tutela::demo {

Days DefaultAsOf() { return DaysFromCivil(2026, 6, 30); }

const std::vector<std::pair<std::string_view, std::string_view>>& AllRules() {
  static const auto* rules = new std::vector<std::pair<std::string_view, std::string_view>>{
      {"entry_ban", "barred_record_employed"},
      {"entry_ban", "occupational_ban_violated"},
      {"sexual_sentencing", "below_statutory_floor"},
      {"sexual_sentencing", "suspended_for_child_victim"},
      {"sexual_sentencing", "missing_occupational_ban"},
      {"sexual_sentencing", "sentence_outlier"},
      {"hotel_minor", "minor_with_unrelated_adult"},
      {"hotel_minor", "guardian_contact_not_recorded"},
      {"netcafe_minor", "minor_admitted"},
      {"netcafe_minor", "too_close_to_school"},
      {"near_school_vendor", "vendor_near_school"},
      {"mandatory_report", "unreported_harm"},
      {"child_labor", "child_employed"},
      {"dropout", "not_enrolled"},
      {"guardian_absent", "no_available_guardian"},
      {"conditional_non_prosecution", "eligible_but_prosecuted"},
      {"conditional_non_prosecution", "ineligible_but_granted"},
      {"conditional_non_prosecution", "probation_period_invalid"},
      {"conditional_non_prosecution", "tasks_overdue"},
      {"conditional_non_prosecution", "reoffended_during_probation"},
      {"conditional_non_prosecution", "probation_ending"},
      {"record_sealing", "sealed_record_disclosed"},
      {"integration_review", "guardian_offender"},
      {"integration_review", "offense_at_regulated_place"},
      {"integration_review", "systemic_risk_institution"},
      {"integration_review", "repeat_offender"},
  };
  return *rules;
}

namespace {

// One entry per (model, rule, keys); a clue wins over a near miss.
std::vector<Expectation> Dedupe(std::vector<Expectation> all) {
  std::map<std::tuple<std::string, std::string, std::vector<std::pair<std::string, std::string>>>,
           size_t>
      seen;
  std::vector<Expectation> out;
  for (Expectation& e : all) {
    auto key = std::make_tuple(e.model, e.rule, e.keys);
    auto it = seen.find(key);
    if (it == seen.end()) {
      seen.emplace(std::move(key), out.size());
      out.push_back(std::move(e));
    } else if (e.fires && !out[it->second].fires) {
      out[it->second] = std::move(e);
    }
  }
  return out;
}

// Every table but hotel_checkins.
Status EmitRest(World& world, const Pools& pools, const std::string& dir) {
  RETURN_IF_ERROR(EmitInstitutions(world, dir));
  RETURN_IF_ERROR(EmitPersons(world, dir));
  RETURN_IF_ERROR(EmitGuardians(world, dir));
  RETURN_IF_ERROR(EmitStaff(world, dir));
  RETURN_IF_ERROR(EmitEnrollments(world, dir));
  RETURN_IF_ERROR(EmitEmployment(world, dir));
  RETURN_IF_ERROR(EmitJudgments(world, dir));
  RETURN_IF_ERROR(EmitVictims(world, dir));
  RETURN_IF_ERROR(EmitDetentions(world, dir));
  RETURN_IF_ERROR(EmitJuvenileCases(world, dir));
  RETURN_IF_ERROR(EmitProbationTasks(world, dir));
  RETURN_IF_ERROR(EmitRecordQueries(world, dir));
  RETURN_IF_ERROR(EmitNetcafeSessions(world, pools, dir));
  return EmitMedical(world, pools, dir);
}

}  // namespace

Result<DemoSummary> GenerateDemoData(const DemoOptions& options) {
  if (!(options.scale > 0) || options.scale > 10000) {
    return Status::InvalidInput("规模须大于0且不超过10000 / --scale must be > 0 and <= 10000");
  }
  World world({options.scale, options.seed, options.as_of});
  BuildInstitutions(world);
  world.background_institutions = world.institutions.size();
  const Pools pools = BuildPopulation(world);
  BuildStaff(world, pools);
  BuildEnrollments(world, pools);
  BuildEmployment(world, pools);
  BuildJudgments(world, pools);
  BuildJuvenileCases(world, pools);
  BuildRecordQueries(world, pools);
  PlantAll(world);

  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec) {
    return Status::IoError(fmt::format("{}: 无法创建目录 / cannot create directory: {}",
                                       options.out_dir, ec.message()));
  }
  const std::string& dir = options.out_dir;
  // The hotel check-ins (the biggest table) are written on a second thread.
  Status hotel_status;
  std::thread hotel([&] { hotel_status = EmitHotelCheckins(world, pools, dir); });
  Status rest = EmitRest(world, pools, dir);
  hotel.join();
  RETURN_IF_ERROR(rest);
  RETURN_IF_ERROR(hotel_status);

  DemoSummary summary;
  for (const auto& [file, stats] : world.file_stats) summary.files.emplace_back(file, stats);
  summary.expectations = Dedupe(std::move(world.expectations));
  summary.rejects = std::move(world.rejects);
  std::sort(summary.rejects.begin(), summary.rejects.end(),
            [](const ExpectedReject& a, const ExpectedReject& b) {
              return std::tie(a.file, a.line) < std::tie(b.file, b.line);
            });
  summary.invalid_ids = std::move(world.invalid_ids);
  for (const Person& p : world.persons) summary.persons += (p.flags & kRegistered) ? 1 : 0;
  RETURN_IF_ERROR(
      WriteFileAtomically(dir + "/expected_clues.jsonl", ExpectedCluesJsonl(summary.expectations)));
  RETURN_IF_ERROR(
      WriteFileAtomically(dir + "/README.txt", ReadmeText(options, summary, world.file_notes)));
  return summary;
}

}  // namespace tutela::demo
