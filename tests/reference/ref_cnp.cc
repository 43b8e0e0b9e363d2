// Reference rules of conditional_non_prosecution (附条件不起诉帮教考察):
// eligibility, probation validity, overdue tasks, reoffending and the
// approaching end of probation.
#include <unordered_map>

#include "ref_internal.h"

namespace tutela::reference::internal {

void RunConditionalNonProsecution(const Ctx& ctx, std::vector<Clue>* out) {
  if (!ctx.Require("conditional_non_prosecution", {&ctx.cases})) return;
  const std::vector<std::string> basis = SplitLegalBasis("刑事诉讼法 第282条, 第283条, 第284条");
  const TableRef& jc = ctx.cases;
  const int c_id = jc.Col("case_id"), c_suspect = jc.Col("suspect_id"), c_charge = jc.Col("charge"),
            c_off = jc.Col("offense_date"), c_exp = jc.Col("expected_sentence_months"),
            c_conf = jc.Col("confessed"), c_dec = jc.Col("decision"),
            c_ddate = jc.Col("decision_date"), c_months = jc.Col("probation_months");
  const TableRef& tk = ctx.tasks;
  const int t_case = tk.Col("case_id"), t_due = tk.Col("due_date"), t_done = tk.Col("done_date");
  std::unordered_map<std::string, std::vector<size_t>> tasks_by_case;
  for (size_t r = 0; r < tk.rows(); ++r) tasks_by_case[tk.Str(r, t_case)].push_back(r);
  const TableRef& jd = ctx.judgments;
  const int j_def = jd.Col("defendant_id"), j_off = jd.Col("offense_date"),
            j_date = jd.Col("judgment_date");
  std::unordered_map<int32_t, std::vector<size_t>> judgments_by_person, cases_by_person;
  for (size_t r = 0; r < jd.rows(); ++r) {
    if (jd.Person(r, j_def) >= 0) judgments_by_person[jd.Person(r, j_def)].push_back(r);
  }
  for (size_t r = 0; r < jc.rows(); ++r) {
    if (jc.Person(r, c_suspect) >= 0) cases_by_person[jc.Person(r, c_suspect)].push_back(r);
  }
  const double min_overdue = ctx.Param("conditional_non_prosecution.min_overdue", 2);

  for (size_t r = 0; r < jc.rows(); ++r) {
    const std::string case_id = jc.Str(r, c_id);
    const int32_t suspect = jc.Person(r, c_suspect);
    const std::string decision = jc.Str(r, c_dec);
    const bool granted = decision == "conditional_non_prosecution";
    std::optional<Days> off = jc.Date(r, c_off);
    std::optional<int> age = off ? ctx.Age(suspect, *off) : std::nullopt;
    const ChargeInfo* ci = ctx.Charge(jc.Str(r, c_charge));
    std::optional<int64_t> expected = jc.Int(r, c_exp);
    const bool eligible = age && *age < 18 && ci != nullptr &&
                          (ci->chapter == 4 || ci->chapter == 5 || ci->chapter == 6) && expected &&
                          *expected <= 12 && jc.Bool(r, c_conf);
    auto make = [&](const char* rule, Severity sev) {
      Clue c = MakeClue("conditional_non_prosecution", rule, "criminal", sev, basis);
      c.keys["case_id"] = case_id;
      c.target = {{"kind", "procuratorate"}, {"name", "未成年人检察部门"}};
      AddEvidence(ctx, jc, r, &c);
      return c;
    };
    if (eligible && decision == "prosecute")
      out->push_back(make("eligible_but_prosecuted", Severity::kMedium));
    if (granted && !eligible) out->push_back(make("ineligible_but_granted", Severity::kMedium));
    std::optional<int64_t> months = jc.Int(r, c_months);
    if (granted && (!months || *months < 6 || *months > 12)) {
      out->push_back(make("probation_period_invalid", Severity::kMedium));
    }

    std::optional<Days> start = jc.Date(r, c_ddate);
    if (!granted || !start || !months) continue;
    const Days end = AddMonths(*start, *months);  // probation is [start, end)
    auto inside = [&](Days d) { return *start <= d && d < end; };

    if (inside(ctx.A)) {
      std::vector<size_t> overdue;
      auto it = tasks_by_case.find(case_id);
      if (it != tasks_by_case.end()) {
        for (size_t t : it->second) {
          std::optional<Days> due = tk.Date(t, t_due), done = tk.Date(t, t_done);
          if (due && *due < ctx.A && (!done || *done > *due + 7)) overdue.push_back(t);
        }
      }
      if (static_cast<double>(overdue.size()) >= min_overdue) {
        Clue c = make("tasks_overdue", overdue.size() >= 3 ? Severity::kHigh : Severity::kMedium);
        for (size_t t : overdue) AddEvidence(ctx, tk, t, &c);
        out->push_back(std::move(c));
      }
    }

    Clue re = make("reoffended_during_probation", Severity::kMedium);
    bool reoffended = false;
    if (auto it = judgments_by_person.find(suspect); it != judgments_by_person.end()) {
      for (size_t j : it->second) {
        std::optional<Days> d = jd.Date(j, j_off);
        if (!d) d = jd.Date(j, j_date);
        if (d && inside(*d)) {
          AddEvidence(ctx, jd, j, &re);
          reoffended = true;
        }
      }
    }
    if (auto it = cases_by_person.find(suspect); it != cases_by_person.end()) {
      for (size_t o : it->second) {
        std::optional<Days> d = jc.Date(o, c_off);
        if (jc.Str(o, c_id) != case_id && d && inside(*d)) {
          AddEvidence(ctx, jc, o, &re);
          reoffended = true;
        }
      }
    }
    if (reoffended) out->push_back(std::move(re));

    if (ctx.A < end && end <= ctx.A + 30)
      out->push_back(make("probation_ending", Severity::kMedium));
  }
}

}  // namespace tutela::reference::internal
