// Reference rules of record_sealing (sealed juvenile records disclosed) and
// integration_review (the four prosecutions over judgments with minor victims).
#include <map>
#include <set>
#include <unordered_map>

#include "ref_internal.h"

namespace tutela::reference::internal {

namespace {

// Offense date, or the judgment date when it is missing.
std::optional<Days> OffenseDay(const TableRef& jd, size_t r) {
  std::optional<Days> d = jd.Date(r, jd.Col("offense_date"));
  return d ? d : jd.Date(r, jd.Col("judgment_date"));
}

}  // namespace

void RunRecordSealing(const Ctx& ctx, std::vector<Clue>* out) {
  if (!ctx.Require("record_sealing", {&ctx.queries, &ctx.judgments})) return;
  const std::vector<std::string> basis =
      SplitLegalBasis("刑事诉讼法 第286条; 预防未成年人犯罪法 第59条");
  const TableRef& jd = ctx.judgments;
  const int j_def = jd.Col("defendant_id"), j_date = jd.Col("judgment_date"),
            j_type = jd.Col("sentence_type"), j_months = jd.Col("prison_months");
  std::unordered_map<int32_t, std::vector<size_t>> by_person;
  for (size_t r = 0; r < jd.rows(); ++r) {
    if (jd.Person(r, j_def) >= 0) by_person[jd.Person(r, j_def)].push_back(r);
  }
  auto sealable = [&](size_t r) {
    std::optional<Days> d = OffenseDay(jd, r);
    std::optional<int> age = d ? ctx.Age(jd.Person(r, j_def), *d) : std::nullopt;
    const std::string type = jd.Str(r, j_type);
    return age && *age < 18 && type != "life" && type != "death" && jd.IntOr0(r, j_months) <= 60;
  };
  const TableRef& q = ctx.queries;
  const int q_id = q.Col("query_id"), q_subject = q.Col("subject_id"), q_time = q.Col("query_time"),
            q_purpose = q.Col("purpose"), q_disc = q.Col("disclosed"), q_req = q.Col("requester");
  for (size_t r = 0; r < q.rows(); ++r) {
    std::optional<Seconds> t = q.Time(r, q_time);
    if (!t || !q.Bool(r, q_disc) || q.Str(r, q_purpose) == "judicial") continue;
    auto it = by_person.find(q.Person(r, q_subject));
    if (it == by_person.end()) continue;
    std::vector<size_t> record;
    bool all_sealable = true;
    for (size_t j : it->second) {
      std::optional<Days> jdate = jd.Date(j, j_date);
      if (!jdate || StartOfDay(*jdate) > *t) continue;
      record.push_back(j);
      all_sealable = all_sealable && sealable(j);
    }
    if (record.empty() || !all_sealable) continue;
    Clue c = MakeClue("record_sealing", "sealed_record_disclosed", "administrative",
                      Severity::kHigh, basis);
    c.keys["query_id"] = q.Str(r, q_id);
    c.target = {{"kind", "requester"}, {"name", q.Str(r, q_req)}};
    AddEvidence(ctx, q, r, &c);
    for (size_t j : record) AddEvidence(ctx, jd, j, &c);
    out->push_back(std::move(c));
  }
}

void RunIntegrationReview(const Ctx& ctx, std::vector<Clue>* out) {
  if (!ctx.Require("integration_review", {&ctx.judgments, &ctx.victims})) return;
  const TableRef& jd = ctx.judgments;
  const TableRef& vt = ctx.victims;
  const TableRef& st = ctx.staff;
  const int j_case = jd.Col("case_no"), j_def = jd.Col("defendant_id"),
            j_place = jd.Col("offense_place_id"), j_date = jd.Col("judgment_date"),
            j_charge = jd.Col("charge");
  const int v_case = vt.Col("case_no"), v_id = vt.Col("victim_id");
  const int s_person = st.Col("person_id"), s_inst = st.Col("institution_id"),
            s_hire = st.Col("hire_date"), s_leave = st.Col("leave_date");
  std::unordered_map<std::string, std::vector<size_t>> victims_by_case;
  for (size_t r = 0; r < vt.rows(); ++r) victims_by_case[vt.Str(r, v_case)].push_back(r);
  std::unordered_map<int32_t, std::vector<size_t>> judgments_by_person, staff_by_person;
  for (size_t r = 0; r < jd.rows(); ++r) {
    if (jd.Person(r, j_def) >= 0) judgments_by_person[jd.Person(r, j_def)].push_back(r);
  }
  for (size_t r = 0; r < st.rows(); ++r) {
    if (st.Person(r, s_person) >= 0) staff_by_person[st.Person(r, s_person)].push_back(r);
  }
  auto make = [&](const char* rule, const char* dept, Severity sev, const char* basis) {
    Clue c = MakeClue("integration_review", rule, dept, sev, SplitLegalBasis(basis));
    c.target = {{"kind", "procuratorate"}, {"name", "未成年人检察部门"}};
    return c;
  };
  struct Systemic {
    std::set<std::string> cases;
    std::set<size_t> judgment_rows, staff_rows;
  };
  std::map<std::string, Systemic> systemic;

  for (size_t r = 0; r < jd.rows(); ++r) {
    std::optional<Days> d = OffenseDay(jd, r);
    if (!d) continue;
    const std::string case_no = jd.Str(r, j_case);
    const int32_t def = jd.Person(r, j_def);
    auto vit = victims_by_case.find(case_no);
    if (vit == victims_by_case.end()) continue;
    std::vector<size_t> minors;
    for (size_t v : vit->second) {
      std::optional<int> age = ctx.Age(vt.Person(v, v_id), *d);
      if (age && *age < 18) minors.push_back(v);
    }
    if (minors.empty()) continue;
    auto base_evidence = [&](Clue* c) {
      AddEvidence(ctx, jd, r, c);
      for (size_t v : minors) AddEvidence(ctx, vt, v, c);
    };

    // guardian_offender: the defendant is a registered guardian of a victim of the case.
    for (size_t v : vit->second) {
      int32_t victim = vt.Person(v, v_id);
      auto g = ctx.guardian_rows.find({victim, def});
      if (def < 0 || victim < 0 || g == ctx.guardian_rows.end()) continue;
      Clue c = make("guardian_offender", "civil", Severity::kHigh,
                    "民法典 第36条; 未成年人保护法 第108条");
      c.keys["case_no"] = case_no;
      SetPersonKey(ctx, "victim_id", victim, &c);
      base_evidence(&c);
      AddEvidence(ctx, vt, v, &c);
      for (size_t gr : g->second) AddEvidence(ctx, ctx.guardians, gr, &c);
      out->push_back(std::move(c));
    }

    // offense_at_regulated_place.
    const std::string place = jd.Str(r, j_place);
    if (!place.empty()) {
      const std::string type = ctx.InstType(place);
      if (type == "hotel" || type == "internet_cafe" || type == "bar" || type == "entertainment" ||
          IsSchoolType(type)) {
        Clue c = make("offense_at_regulated_place", "administrative", Severity::kMedium,
                      "未成年人保护法 第57条, 第58条, 第106条");
        c.keys["case_no"] = case_no;
        c.keys["institution_id"] = place;
        base_evidence(&c);
        AddEvidence(ctx, ctx.institutions, ctx.inst_row.at(place), &c);
        out->push_back(std::move(c));
      }
      Systemic& s = systemic[place];
      s.cases.insert(case_no);
      s.judgment_rows.insert(r);
    }
    // systemic_risk_institution, staff links: child-contact jobs held on D.
    if (auto it = staff_by_person.find(def); it != staff_by_person.end()) {
      for (size_t w : it->second) {
        std::optional<Days> hire = st.Date(w, s_hire);
        Days leave = st.Date(w, s_leave).value_or(ctx.A);
        const std::string inst = st.Str(w, s_inst);
        if (!hire || *hire > *d || *d > leave || !IsChildContactType(ctx.InstType(inst))) continue;
        Systemic& s = systemic[inst];
        s.cases.insert(case_no);
        s.judgment_rows.insert(r);
        s.staff_rows.insert(w);
      }
    }

    // repeat_offender: an earlier judgment with a sexual charge.
    std::vector<size_t> earlier;
    if (auto it = judgments_by_person.find(def); it != judgments_by_person.end()) {
      for (size_t e : it->second) {
        std::optional<Days> ed = jd.Date(e, j_date);
        const ChargeInfo* ci = ctx.Charge(jd.Str(e, j_charge));
        if (ed && *ed < *d && ci != nullptr && ci->category == "sexual") earlier.push_back(e);
      }
    }
    if (!earlier.empty()) {
      Clue c = make("repeat_offender", "criminal", Severity::kHigh,
                    "刑法 第65条; 未成年人保护法 第62条");
      c.keys["case_no"] = case_no;
      SetPersonKey(ctx, "defendant_id", def, &c);
      base_evidence(&c);
      for (size_t e : earlier) AddEvidence(ctx, jd, e, &c);
      out->push_back(std::move(c));
    }
  }

  for (const auto& [inst, s] : systemic) {
    if (s.cases.size() < 2) continue;
    Clue c = make("systemic_risk_institution", "public_interest", Severity::kHigh,
                  "未成年人保护法 第106条");
    c.keys["institution_id"] = inst;
    c.target = RegulatorTarget(ctx.Regulator(inst));
    if (auto it = ctx.inst_row.find(inst); it != ctx.inst_row.end()) {
      AddEvidence(ctx, ctx.institutions, it->second, &c);
    }
    for (size_t j : s.judgment_rows) AddEvidence(ctx, jd, j, &c);
    for (size_t w : s.staff_rows) AddEvidence(ctx, st, w, &c);
    out->push_back(std::move(c));
  }
}

}  // namespace tutela::reference::internal
