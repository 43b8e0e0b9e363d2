// Reference rules about children's welfare: mandatory_report (unreported
// harm), child_labor, dropout (school-age children not enrolled) and
// guardian_absent (no available guardian).
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "common/text.h"
#include "ref_internal.h"

namespace tutela::reference::internal {

void RunMandatoryReport(const Ctx& ctx, std::vector<Clue>* out) {
  if (!ctx.Require("mandatory_report", {&ctx.medical, &ctx.reports})) return;
  const std::vector<std::string> basis = SplitLegalBasis("未成年人保护法 第11条; 刑法 第236条");
  auto norm = [](const std::string& s) { return AsciiUpper(Trim(Nfkc(s))); };
  std::vector<std::string> prefixes;
  for (size_t r = 0; r < ctx.icd.rows(); ++r) {
    std::string p = norm(ctx.icd.Str(r, ctx.icd.Col("prefix")));
    if (!p.empty()) prefixes.push_back(p);
  }
  const TableRef& rep = ctx.reports;
  const int r_subject = rep.Col("subject_id"), r_time = rep.Col("report_time");
  std::unordered_map<int32_t, std::vector<Seconds>> reports_by_subject;
  for (size_t r = 0; r < rep.rows(); ++r) {
    std::optional<Seconds> t = rep.Time(r, r_time);
    if (t && rep.Person(r, r_subject) >= 0)
      reports_by_subject[rep.Person(r, r_subject)].push_back(*t);
  }
  const Seconds window =
      static_cast<Seconds>(std::llround(ctx.Param("mandatory_report.window_h", 24) * 3600.0));
  const TableRef& mv = ctx.medical;
  const int m_hosp = mv.Col("hospital_id"), m_patient = mv.Col("patient_id"),
            m_time = mv.Col("visit_time"), m_code = mv.Col("diagnosis_code");
  for (size_t r = 0; r < mv.rows(); ++r) {
    std::optional<Seconds> t = mv.Time(r, m_time);
    int32_t p = mv.Person(r, m_patient);
    if (!t || p < 0) continue;
    std::optional<int> age = ctx.Age(p, DateOf(*t));
    if (!age || *age >= 14) continue;
    const std::string code = norm(mv.Str(r, m_code));
    bool harm = false;
    for (const std::string& pre : prefixes) harm = harm || code.compare(0, pre.size(), pre) == 0;
    if (!harm) continue;
    bool reported = false;
    auto it = reports_by_subject.find(p);
    if (it != reports_by_subject.end()) {
      for (Seconds rt : it->second) reported = reported || (*t - window <= rt && rt <= *t + window);
    }
    if (reported) continue;
    Clue c = MakeClue("mandatory_report", "unreported_harm", "criminal", Severity::kHigh, basis);
    SetPersonKey(ctx, "patient_id", p, &c);
    c.keys["hospital_id"] = mv.Str(r, m_hosp);
    c.keys["visit_date"] = FormatDate(DateOf(*t));
    c.target = RegulatorTarget(ctx.Regulator(mv.Str(r, m_hosp)));
    AddEvidence(ctx, mv, r, &c);
    out->push_back(std::move(c));
  }
}

void RunChildLabor(const Ctx& ctx, std::vector<Clue>* out) {
  if (!ctx.Require("child_labor", {&ctx.employment})) return;
  const std::vector<std::string> basis =
      SplitLegalBasis("未成年人保护法 第61条; 劳动法 第15条; 刑法 第244条之一");
  const TableRef& e = ctx.employment;
  const int c_emp = e.Col("employer_id"), c_person = e.Col("person_id"),
            c_start = e.Col("start_date"), c_haz = e.Col("hazardous");
  for (size_t r = 0; r < e.rows(); ++r) {
    std::optional<Days> start = e.Date(r, c_start);
    int32_t p = e.Person(r, c_person);
    if (!start) continue;
    std::optional<int> age = ctx.Age(p, *start);
    if (!age || *age >= 16) continue;
    const bool hazardous = e.Bool(r, c_haz);
    Clue c = MakeClue("child_labor", "child_employed", hazardous ? "criminal" : "administrative",
                      hazardous ? Severity::kHigh : Severity::kMedium, basis);
    SetPersonKey(ctx, "person_id", p, &c);
    c.keys["employer_id"] = e.Str(r, c_emp);
    c.target = RegulatorTarget(ctx.Regulator(e.Str(r, c_emp)));
    AddEvidence(ctx, e, r, &c);
    out->push_back(std::move(c));
  }
}

void RunDropout(const Ctx& ctx, std::vector<Clue>* out) {
  if (!ctx.Require("dropout", {&ctx.persons, &ctx.enrollments, &ctx.institutions})) return;
  const std::vector<std::string> basis =
      SplitLegalBasis("义务教育法 第5条, 第11条, 第13条; 未成年人保护法 第16条");
  const TableRef& en = ctx.enrollments;
  const int e_school = en.Col("school_id"), e_student = en.Col("student_id"),
            e_in = en.Col("enroll_date"), e_leave = en.Col("leave_date");
  std::set<int32_t> enrolled;
  for (size_t r = 0; r < en.rows(); ++r) {
    std::optional<Days> in = en.Date(r, e_in);
    std::optional<Days> leave = en.Date(r, e_leave);
    if (!in || *in > ctx.A || (leave && *leave <= ctx.A)) continue;
    const std::string type = ctx.InstType(en.Str(r, e_school));
    if (type == "primary_school" || type == "middle_school" || type == "high_school" ||
        type == "vocational_school") {
      enrolled.insert(en.Person(r, e_student));
    }
  }
  const TableRef& ps = ctx.persons;
  const int p_id = ps.Col("person_id"), p_dead = ps.Col("deceased_date"),
            p_region = ps.Col("region_code");
  for (size_t r = 0; r < ps.rows(); ++r) {
    int32_t p = ps.Person(r, p_id);
    if (p < 0 || ctx.person_row.at(p) != r) continue;
    std::optional<Days> dead = ps.Date(r, p_dead);
    if (dead && *dead <= ctx.A) continue;
    std::optional<int> age = ctx.Age(p, ctx.A);
    if (!age || *age < 7 || *age > 15 || enrolled.count(p)) continue;
    Clue c = MakeClue("dropout", "not_enrolled", "administrative", Severity::kMedium, basis);
    SetPersonKey(ctx, "person_id", p, &c);
    c.target = {{"kind", "regulator"}, {"name", "教育行政部门"}, {"region", ps.Str(r, p_region)}};
    AddEvidence(ctx, ps, r, &c);
    out->push_back(std::move(c));
  }
}

void RunGuardianAbsent(const Ctx& ctx, std::vector<Clue>* out) {
  if (!ctx.Require("guardian_absent", {&ctx.guardians})) return;
  const std::vector<std::string> basis =
      SplitLegalBasis("民法典 第27条, 第32条; 未成年人保护法 第92条, 第94条");
  const TableRef& dt = ctx.detentions;
  const int d_person = dt.Col("person_id"), d_start = dt.Col("start_date"),
            d_end = dt.Col("end_date");
  std::unordered_map<int32_t, std::vector<size_t>> active;  // detentions active on A
  for (size_t r = 0; r < dt.rows(); ++r) {
    std::optional<Days> s = dt.Date(r, d_start), e = dt.Date(r, d_end);
    if (s && *s <= ctx.A && (!e || *e >= ctx.A) && dt.Person(r, d_person) >= 0) {
      active[dt.Person(r, d_person)].push_back(r);
    }
  }
  const int p_dead = ctx.persons.Col("deceased_date");
  // The persons row of a person deceased on A, if any.
  auto dead_row = [&](int32_t p) -> std::optional<size_t> {
    auto it = ctx.person_row.find(p);
    if (it == ctx.person_row.end()) return std::nullopt;
    std::optional<Days> d = ctx.persons.Date(it->second, p_dead);
    if (d && *d <= ctx.A) return it->second;
    return std::nullopt;
  };
  // minor -> guardians rows (all guardians of the minor).
  std::map<int32_t, std::vector<std::pair<int32_t, size_t>>> by_minor;
  for (const auto& [pair, rows] : ctx.guardian_rows) {
    for (size_t r : rows) by_minor[pair.first].push_back({pair.second, r});
  }
  for (const auto& [minor, gs] : by_minor) {
    if (dead_row(minor)) continue;
    std::optional<int> age = ctx.Age(minor, ctx.A);
    if (!age || *age < 0 || *age >= 18) continue;  // born after A: not a living minor
    Clue c = MakeClue("guardian_absent", "no_available_guardian", "civil", Severity::kHigh, basis);
    bool all_unavailable = true;
    for (const auto& [g, grow] : gs) {
      std::optional<size_t> dead = dead_row(g);
      auto det = active.find(g);
      if (!dead && det == active.end()) {
        all_unavailable = false;
        break;
      }
      AddEvidence(ctx, ctx.guardians, grow, &c);
      if (dead) AddEvidence(ctx, ctx.persons, *dead, &c);
      if (det != active.end()) {
        for (size_t r : det->second) AddEvidence(ctx, dt, r, &c);
      }
    }
    if (!all_unavailable) continue;
    SetPersonKey(ctx, "minor_id", minor, &c);
    c.target = {{"kind", "civil_affairs"}, {"name", "民政部门"}};
    out->push_back(std::move(c));
  }
}

}  // namespace tutela::reference::internal
