// Internal helpers of the reference checker: typed read access to catalog
// tables by canonical column name, the shared indexes (institutions, persons,
// charges, guardianships) and clue construction (evidence, identity links,
// invalid IDs). Read-only over a Catalog; one Ctx per ReferenceClues call.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "common/date.h"
#include "models/clue.h"
#include "reference_checker.h"

namespace tutela::reference::internal {

using models::Clue;
using models::Severity;

// Read-only view of one catalog table; an absent table has zero rows, and an
// absent column (index -1) reads as NULL everywhere.
class TableRef {
 public:
  TableRef() = default;
  TableRef(const Catalog& catalog, std::string name);

  bool present() const { return t_ != nullptr; }
  size_t rows() const { return t_ ? t_->num_rows() : 0; }
  const std::string& name() const { return name_; }
  const Table* table() const { return t_; }

  int Col(std::string_view column) const { return t_ ? t_->ColumnIndex(column) : -1; }
  bool Null(size_t r, int c) const;
  std::string Str(size_t r, int c) const;  // "" when NULL
  std::optional<int64_t> Int(size_t r, int c) const;
  int64_t IntOr0(size_t r, int c) const { return Int(r, c).value_or(0); }
  bool Bool(size_t r, int c) const;  // NULL is false
  std::optional<Days> Date(size_t r, int c) const;
  std::optional<Seconds> Time(size_t r, int c) const;
  std::optional<double> Dbl(size_t r, int c) const;
  int32_t Person(size_t r, int c) const;  // person code, -1 when NULL

  // The row's identity for clue evidence.
  models::Evidence Ev(size_t r) const;

 private:
  const Table* t_ = nullptr;
  std::string name_;
};

struct ChargeInfo {
  int64_t chapter = 0;
  std::string category;
};

// Everything a rule needs: the as-of date, parameters, tables and indexes.
struct Ctx {
  Ctx(const Catalog& catalog, const ReferenceOptions& options, std::vector<std::string>* notes);

  const Catalog& cat;
  Days A;
  const ReferenceOptions& opt;
  std::vector<std::string>* notes;

  TableRef persons, guardians, institutions, staff, judgments, victims, hotel, netcafe, medical,
      reports, employment, enrollments, detentions, cases, tasks, queries, charges, icd;

  std::unordered_map<std::string, size_t> inst_row;  // institution_id -> first row
  std::unordered_map<int32_t, size_t> person_row;    // person code -> first persons row
  std::unordered_map<std::string, ChargeInfo> charge_info;
  // (minor code, guardian code) -> guardians rows.
  std::map<std::pair<int32_t, int32_t>, std::vector<size_t>> guardian_rows;

  double Param(const std::string& key, double fallback) const;
  // Age in full years at `on`; nullopt for a NULL person or an unknown birth date.
  std::optional<int> Age(int32_t person, Days on) const;
  char Sex(int32_t person) const;  // 'M', 'F' or 0
  const std::string& Id(int32_t person) const { return cat.persons().Id(person); }
  bool Invalid(int32_t person) const;
  // Institution type / regulator by ID; "" when the institution is unknown.
  std::string InstType(const std::string& id) const;
  std::string Regulator(const std::string& id) const;
  const ChargeInfo* Charge(const std::string& charge) const;
  // True when both people are related (guardian either way, or same non-empty household).
  bool Related(int32_t a, int32_t b) const;
  // False (and a note) when one of `tables` is absent.
  bool Require(const std::string& rule, std::initializer_list<const TableRef*> tables) const;
};

bool IsChildContactType(const std::string& type);
bool IsSchoolType(const std::string& type);  // kindergarten .. high_school

// A clue with model, rule, department, severity and legal basis set.
Clue MakeClue(const std::string& model, const std::string& rule, const std::string& department,
              Severity severity, const std::vector<std::string>& legal_basis);
// Adds `row` of `t` as evidence, with its identity link (a `_linked` row) and
// the invalid IDs of all its person-ID columns.
void AddEvidence(const Ctx& ctx, const TableRef& t, size_t row, Clue* clue);
// Sets a person-ID key (normalised ID) and records it when invalid.
void SetPersonKey(const Ctx& ctx, const std::string& key, int32_t person, Clue* clue);
std::map<std::string, std::string> RegulatorTarget(const std::string& name);

// Great-circle distance in metres (haversine, R = 6 371 008.8 m).
double HaversineMetres(double lat1, double lon1, double lat2, double lon2);

// One function per model; each appends its (unmerged) clues.
void RunEntryBan(const Ctx& ctx, std::vector<Clue>* out);
void RunSexualSentencing(const Ctx& ctx, std::vector<Clue>* out);
void RunHotelMinor(const Ctx& ctx, std::vector<Clue>* out);
void RunNetcafeMinor(const Ctx& ctx, std::vector<Clue>* out);
void RunNearSchoolVendor(const Ctx& ctx, std::vector<Clue>* out);
void RunMandatoryReport(const Ctx& ctx, std::vector<Clue>* out);
void RunChildLabor(const Ctx& ctx, std::vector<Clue>* out);
void RunDropout(const Ctx& ctx, std::vector<Clue>* out);
void RunGuardianAbsent(const Ctx& ctx, std::vector<Clue>* out);
void RunConditionalNonProsecution(const Ctx& ctx, std::vector<Clue>* out);
void RunRecordSealing(const Ctx& ctx, std::vector<Clue>* out);
void RunIntegrationReview(const Ctx& ctx, std::vector<Clue>* out);

}  // namespace tutela::reference::internal
