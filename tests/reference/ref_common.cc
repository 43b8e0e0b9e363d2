// Reference checker plumbing: table access, indexes, clue construction, and
// ReferenceClues, which runs every model and merges the clues.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>

#include "identity/id_number.h"
#include "ingest/schema.h"
#include "ref_internal.h"

namespace tutela::reference {

namespace internal {

TableRef::TableRef(const Catalog& catalog, std::string name)
    : t_(catalog.GetTable(name)), name_(std::move(name)) {}

bool TableRef::Null(size_t r, int c) const { return c < 0 || t_->column(c).IsNull(r); }

std::string TableRef::Str(size_t r, int c) const {
  if (Null(r, c)) return "";
  const Column& col = t_->column(c);
  if (col.type() == Type::kString) return col.GetString(r);
  if (col.type() == Type::kInt64) return std::to_string(col.GetInt(r));
  return "";
}

std::optional<int64_t> TableRef::Int(size_t r, int c) const {
  if (Null(r, c)) return std::nullopt;
  const Column& col = t_->column(c);
  if (col.type() == Type::kInt64) return col.GetInt(r);
  if (col.type() == Type::kDouble) return static_cast<int64_t>(col.GetDouble(r));
  return std::nullopt;
}

bool TableRef::Bool(size_t r, int c) const {
  return !Null(r, c) && t_->column(c).type() == Type::kBool && t_->column(c).GetI32(r) != 0;
}

std::optional<Days> TableRef::Date(size_t r, int c) const {
  if (Null(r, c)) return std::nullopt;
  const Column& col = t_->column(c);
  if (col.type() == Type::kDate) return col.GetI32(r);
  if (col.type() == Type::kTimestamp) return DateOf(col.GetInt(r));
  return std::nullopt;
}

std::optional<Seconds> TableRef::Time(size_t r, int c) const {
  if (Null(r, c)) return std::nullopt;
  const Column& col = t_->column(c);
  if (col.type() == Type::kTimestamp) return col.GetInt(r);
  if (col.type() == Type::kDate) return StartOfDay(col.GetI32(r));
  return std::nullopt;
}

std::optional<double> TableRef::Dbl(size_t r, int c) const {
  if (Null(r, c) || t_->column(c).type() != Type::kDouble) return std::nullopt;
  return t_->column(c).GetDouble(r);
}

int32_t TableRef::Person(size_t r, int c) const {
  if (Null(r, c) || t_->column(c).type() != Type::kPersonId) return -1;
  return t_->column(c).GetI32(r);
}

models::Evidence TableRef::Ev(size_t r) const {
  models::Evidence e;
  e.table = name_;
  e.file = t_->files()[t_->file_index()[r]];
  e.line = t_->lines()[r];
  e.print_file = t_->files().size() > 1;
  return e;
}

Ctx::Ctx(const Catalog& catalog, const ReferenceOptions& options, std::vector<std::string>* n)
    : cat(catalog),
      A(options.as_of),
      opt(options),
      notes(n),
      persons(catalog, "persons"),
      guardians(catalog, "guardians"),
      institutions(catalog, "institutions"),
      staff(catalog, "staff"),
      judgments(catalog, "judgments"),
      victims(catalog, "judgment_victims"),
      hotel(catalog, "hotel_checkins"),
      netcafe(catalog, "netcafe_sessions"),
      medical(catalog, "medical_visits"),
      reports(catalog, "mandatory_reports"),
      employment(catalog, "employment"),
      enrollments(catalog, "enrollments"),
      detentions(catalog, "detentions"),
      cases(catalog, "juvenile_cases"),
      tasks(catalog, "probation_tasks"),
      queries(catalog, "record_queries"),
      charges(catalog, "charges"),
      icd(catalog, "icd10_minor_harm") {
  int iid = institutions.Col("institution_id");
  for (size_t r = 0; r < institutions.rows(); ++r) {
    if (!institutions.Null(r, iid)) inst_row.emplace(institutions.Str(r, iid), r);
  }
  int pid = persons.Col("person_id");
  for (size_t r = 0; r < persons.rows(); ++r) {
    if (persons.Person(r, pid) >= 0) person_row.emplace(persons.Person(r, pid), r);
  }
  int ch = charges.Col("charge"), chap = charges.Col("chapter"), cat_col = charges.Col("category");
  for (size_t r = 0; r < charges.rows(); ++r) {
    charge_info.emplace(charges.Str(r, ch),
                        ChargeInfo{charges.IntOr0(r, chap), charges.Str(r, cat_col)});
  }
  int gm = guardians.Col("minor_id"), gg = guardians.Col("guardian_id");
  for (size_t r = 0; r < guardians.rows(); ++r) {
    int32_t m = guardians.Person(r, gm), g = guardians.Person(r, gg);
    if (m >= 0 && g >= 0) guardian_rows[{m, g}].push_back(r);
  }
}

double Ctx::Param(const std::string& key, double fallback) const {
  auto it = opt.params.find(key);
  return it == opt.params.end() ? fallback : it->second;
}

std::optional<int> Ctx::Age(int32_t person, Days on) const {
  if (person < 0) return std::nullopt;
  Days birth = cat.persons().Info(person).birth;
  if (birth == kNoDate) return std::nullopt;
  return AgeAt(birth, on);
}

char Ctx::Sex(int32_t person) const { return person < 0 ? 0 : cat.persons().Info(person).sex; }

bool Ctx::Invalid(int32_t person) const {
  return person >= 0 && cat.persons().Info(person).problem != IdProblem::kNone;
}

std::string Ctx::InstType(const std::string& id) const {
  auto it = inst_row.find(id);
  return it == inst_row.end() ? "" : institutions.Str(it->second, institutions.Col("type"));
}

std::string Ctx::Regulator(const std::string& id) const {
  auto it = inst_row.find(id);
  return it == inst_row.end() ? "" : institutions.Str(it->second, institutions.Col("regulator"));
}

const ChargeInfo* Ctx::Charge(const std::string& charge) const {
  auto it = charge_info.find(charge);
  return it == charge_info.end() ? nullptr : &it->second;
}

bool Ctx::Related(int32_t a, int32_t b) const {
  if (guardian_rows.count({a, b}) || guardian_rows.count({b, a})) return true;
  auto ia = person_row.find(a), ib = person_row.find(b);
  if (ia == person_row.end() || ib == person_row.end()) return false;
  int hh = persons.Col("household_id");
  std::string ha = persons.Str(ia->second, hh), hb = persons.Str(ib->second, hh);
  return !ha.empty() && ha == hb;
}

bool Ctx::Require(const std::string& rule, std::initializer_list<const TableRef*> tables) const {
  for (const TableRef* t : tables) {
    if (!t->present()) {
      if (notes) notes->push_back(rule + ": 缺少必需的表 / required table missing: " + t->name());
      return false;
    }
  }
  return true;
}

bool IsChildContactType(const std::string& t) {
  static const std::set<std::string> kTypes = {"kindergarten", "primary_school",    "middle_school",
                                               "high_school",  "vocational_school", "training",
                                               "child_welfare"};
  return kTypes.count(t) > 0;
}

bool IsSchoolType(const std::string& t) {
  return t == "kindergarten" || t == "primary_school" || t == "middle_school" || t == "high_school";
}

Clue MakeClue(const std::string& model, const std::string& rule, const std::string& department,
              Severity severity, const std::vector<std::string>& legal_basis) {
  Clue c;
  c.model = model;
  c.rule = rule;
  c.department = department;
  c.severity = severity;
  c.legal_basis = legal_basis;
  return c;
}

void AddEvidence(const Ctx& ctx, const TableRef& t, size_t row, Clue* clue) {
  clue->evidence.push_back(t.Ev(row));
  const Table* table = t.table();
  for (size_t c = 0; c < table->num_columns(); ++c) {
    int32_t p = t.Person(row, static_cast<int>(c));
    if (p >= 0 && ctx.Invalid(p)) clue->invalid_ids.push_back(ctx.Id(p));
  }
  int linked = t.Col("_linked");
  const ingest::TableDef* def = ingest::FindTable(t.name());
  if (linked >= 0 && def != nullptr && !def->link_id.empty() && t.Bool(row, linked)) {
    int32_t p = t.Person(row, t.Col(def->link_id));
    if (p >= 0) {
      models::IdentityLink link;
      link.table = t.name();
      link.line = t.table()->lines()[row];
      link.person_id = ctx.Id(p);
      clue->identity_links.push_back(link);
    }
  }
}

void SetPersonKey(const Ctx& ctx, const std::string& key, int32_t person, Clue* clue) {
  clue->keys[key] = ctx.Id(person);
  if (ctx.Invalid(person)) clue->invalid_ids.push_back(ctx.Id(person));
}

std::map<std::string, std::string> RegulatorTarget(const std::string& name) {
  return {{"kind", "regulator"}, {"name", name}};
}

double HaversineMetres(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRadius = 6371008.8;
  constexpr double kRad = std::numbers::pi / 180.0;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * kRad) *
                                                           std::cos(lat2 * kRad) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kRadius * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace internal

std::vector<std::string> SplitLegalBasis(const std::string& printed) {
  std::vector<std::string> out;
  auto trim = [](std::string s) {
    size_t b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  size_t start = 0;
  while (start <= printed.size()) {
    size_t semi = printed.find(';', start);
    std::string law_part =
        trim(printed.substr(start, semi == std::string::npos ? semi : semi - start));
    size_t sp = law_part.find(' ');
    std::string law = law_part.substr(0, sp);
    std::string rest = sp == std::string::npos ? "" : law_part.substr(sp + 1);
    size_t a = 0;
    while (a <= rest.size()) {
      size_t comma = rest.find(',', a);
      std::string art = trim(rest.substr(a, comma == std::string::npos ? comma : comma - a));
      if (!art.empty()) out.push_back(law + " " + art);
      if (comma == std::string::npos) break;
      a = comma + 1;
    }
    if (semi == std::string::npos) break;
    start = semi + 1;
  }
  return out;
}

std::vector<models::Clue> ReferenceClues(const Catalog& catalog, const ReferenceOptions& options,
                                         std::vector<std::string>* notes) {
  internal::Ctx ctx(catalog, options, notes);
  std::vector<models::Clue> all;
  internal::RunEntryBan(ctx, &all);
  internal::RunSexualSentencing(ctx, &all);
  internal::RunHotelMinor(ctx, &all);
  internal::RunNetcafeMinor(ctx, &all);
  internal::RunNearSchoolVendor(ctx, &all);
  internal::RunMandatoryReport(ctx, &all);
  internal::RunChildLabor(ctx, &all);
  internal::RunDropout(ctx, &all);
  internal::RunGuardianAbsent(ctx, &all);
  internal::RunConditionalNonProsecution(ctx, &all);
  internal::RunRecordSealing(ctx, &all);
  internal::RunIntegrationReview(ctx, &all);
  return models::MergeClues(std::move(all));
}

}  // namespace tutela::reference
