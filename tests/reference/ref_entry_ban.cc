// Reference rules of entry_ban (入职查询/从业禁止): barred_record_employed and
// occupational_ban_violated, straight from models.md.
#include <unordered_map>

#include "ref_internal.h"

namespace tutela::reference::internal {

namespace {

const char kModel[] = "entry_ban";

bool BarredCategory(const std::string& c) {
  return c == "sexual" || c == "abuse" || c == "trafficking" || c == "violent";
}

}  // namespace

void RunEntryBan(const Ctx& ctx, std::vector<Clue>* out) {
  const std::vector<std::string> basis = SplitLegalBasis("未成年人保护法 第62条; 刑法 第37条之一");
  const TableRef& st = ctx.staff;
  const TableRef& jd = ctx.judgments;
  const bool barred_ok = ctx.Require("entry_ban.barred_record_employed",
                                     {&ctx.staff, &ctx.judgments, &ctx.institutions});
  const bool ban_ok =
      ctx.Require("entry_ban.occupational_ban_violated", {&ctx.staff, &ctx.judgments});
  if (!barred_ok && !ban_ok) return;

  const int j_def = jd.Col("defendant_id"), j_date = jd.Col("judgment_date"),
            j_charge = jd.Col("charge"), j_case = jd.Col("case_no"),
            j_months = jd.Col("prison_months"), j_susp = jd.Col("suspended"),
            j_ban = jd.Col("occupational_ban_years");
  std::unordered_map<int32_t, std::vector<size_t>> by_person;
  for (size_t r = 0; r < jd.rows(); ++r) {
    if (jd.Person(r, j_def) >= 0) by_person[jd.Person(r, j_def)].push_back(r);
  }

  const int s_inst = st.Col("institution_id"), s_person = st.Col("person_id"),
            s_hire = st.Col("hire_date"), s_leave = st.Col("leave_date");
  for (size_t s = 0; s < st.rows(); ++s) {
    int32_t p = st.Person(s, s_person);
    std::optional<Days> hire = st.Date(s, s_hire);
    if (p < 0 || !hire) continue;
    auto it = by_person.find(p);
    if (it == by_person.end()) continue;
    const std::string inst = st.Str(s, s_inst);
    const Days emp_end = st.Date(s, s_leave).value_or(ctx.A);

    // barred_record_employed: child-contact institution, hired by A, a barred
    // conviction dated no later than the end of this employment.
    if (barred_ok && *hire <= ctx.A && IsChildContactType(ctx.InstType(inst))) {
      for (size_t j : it->second) {
        const ChargeInfo* ci = ctx.Charge(jd.Str(j, j_charge));
        std::optional<Days> jdate = jd.Date(j, j_date);
        if (ci == nullptr || !BarredCategory(ci->category) || !jdate || *jdate > emp_end) continue;
        Clue c = MakeClue(kModel, "barred_record_employed", "administrative",
                          ci->category == "sexual" ? Severity::kHigh : Severity::kMedium, basis);
        SetPersonKey(ctx, "person_id", p, &c);
        c.keys["institution_id"] = inst;
        c.target = RegulatorTarget(ctx.Regulator(inst));
        AddEvidence(ctx, st, s, &c);
        AddEvidence(ctx, ctx.institutions, ctx.inst_row.at(inst), &c);
        AddEvidence(ctx, jd, j, &c);
        out->push_back(std::move(c));
      }
    }

    // occupational_ban_violated: employment [hire, end] overlaps the ban [start, stop).
    if (ban_ok) {
      for (size_t j : it->second) {
        int64_t years = jd.IntOr0(j, j_ban);
        std::optional<Days> jdate = jd.Date(j, j_date);
        if (years <= 0 || !jdate) continue;
        int64_t months = jd.Bool(j, j_susp) ? 0 : jd.IntOr0(j, j_months);
        Days start = AddMonths(*jdate, months);
        Days stop = AddYears(start, years);
        if (!(*hire < stop && emp_end >= start)) continue;
        Clue c = MakeClue(kModel, "occupational_ban_violated", "criminal", Severity::kHigh, basis);
        SetPersonKey(ctx, "person_id", p, &c);
        c.keys["institution_id"] = inst;
        c.keys["case_no"] = jd.Str(j, j_case);
        c.target = RegulatorTarget(ctx.Regulator(inst));
        AddEvidence(ctx, st, s, &c);
        AddEvidence(ctx, jd, j, &c);
        out->push_back(std::move(c));
      }
    }
  }
}

}  // namespace tutela::reference::internal
