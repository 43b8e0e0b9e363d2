// Reference rules of sexual_sentencing (性侵未成年人案件监督): statutory floor,
// suspended sentence for a child victim, missing occupational ban, and
// sentence outliers within peer groups (median / MAD).
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

#include "ref_internal.h"

namespace tutela::reference::internal {

namespace {

const char kModel[] = "sexual_sentencing";
constexpr int64_t kInfinite = std::numeric_limits<int64_t>::max();

bool InScopeCharge(const std::string& c) {
  return c == "强奸罪" || c == "负有照护职责人员性侵罪" || c == "强制猥亵、侮辱罪" ||
         c == "猥亵儿童罪";
}

// Statutory floor in months, or -1 when the charge has none in this case.
int64_t Floor(const std::string& charge, bool aggravated) {
  if (charge == "强奸罪") return aggravated ? 120 : 36;
  if (charge == "猥亵儿童罪" || charge == "强制猥亵、侮辱罪") return aggravated ? 60 : -1;
  if (charge == "负有照护职责人员性侵罪") return aggravated ? 36 : -1;
  return -1;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

bool OccupationKeyword(const std::string& occupation) {
  static const char* const kWords[] = {"教师", "老师", "教练", "保育",
                                       "辅导", "培训", "校车", "医生"};
  for (const char* w : kWords) {
    if (occupation.find(w) != std::string::npos) return true;
  }
  return false;
}

struct InScope {
  size_t row;
  std::vector<size_t> minor_victims;
  int victim_age;
};

}  // namespace

void RunSexualSentencing(const Ctx& ctx, std::vector<Clue>* out) {
  if (!ctx.Require(kModel, {&ctx.judgments, &ctx.victims})) return;
  const std::vector<std::string> basis =
      SplitLegalBasis("刑法 第236条, 第236条之一, 第237条, 第37条之一; 未成年人保护法 第62条");
  const TableRef& jd = ctx.judgments;
  const TableRef& vt = ctx.victims;
  const int j_case = jd.Col("case_no"), j_def = jd.Col("defendant_id"), j_charge = jd.Col("charge"),
            j_off = jd.Col("offense_date"), j_date = jd.Col("judgment_date"),
            j_type = jd.Col("sentence_type"), j_months = jd.Col("prison_months"),
            j_susp = jd.Col("suspended"), j_ban = jd.Col("occupational_ban_years"),
            j_agg = jd.Col("aggravating"), j_mit = jd.Col("mitigating"),
            j_occ = jd.Col("defendant_occupation"), j_court = jd.Col("court");
  const int v_case = vt.Col("case_no"), v_id = vt.Col("victim_id");
  std::unordered_map<std::string, std::vector<size_t>> victims_by_case;
  for (size_t r = 0; r < vt.rows(); ++r) victims_by_case[vt.Str(r, v_case)].push_back(r);

  // Staff rows by person, for "worked at D at a child-contact institution".
  const TableRef& st = ctx.staff;
  const int s_person = st.Col("person_id"), s_inst = st.Col("institution_id"),
            s_hire = st.Col("hire_date"), s_leave = st.Col("leave_date");
  std::unordered_map<int32_t, std::vector<size_t>> staff_by_person;
  for (size_t r = 0; r < st.rows(); ++r) {
    if (st.Person(r, s_person) >= 0) staff_by_person[st.Person(r, s_person)].push_back(r);
  }

  std::vector<InScope> scope;
  for (size_t r = 0; r < jd.rows(); ++r) {
    if (!InScopeCharge(jd.Str(r, j_charge))) continue;
    std::optional<Days> d = jd.Date(r, j_off);
    if (!d) d = jd.Date(r, j_date);
    if (!d) continue;
    InScope s{r, {}, 1000};
    auto it = victims_by_case.find(jd.Str(r, j_case));
    if (it == victims_by_case.end()) continue;
    for (size_t v : it->second) {
      std::optional<int> age = ctx.Age(vt.Person(v, v_id), *d);
      if (age && *age < 18) {
        s.minor_victims.push_back(v);
        s.victim_age = std::min(s.victim_age, *age);
      }
    }
    if (!s.minor_victims.empty()) scope.push_back(std::move(s));
  }

  auto emit = [&](const InScope& s, const char* rule, Severity sev,
                  const std::vector<size_t>& staff_rows) {
    Clue c = MakeClue(kModel, rule, "criminal", sev, basis);
    c.keys["case_no"] = jd.Str(s.row, j_case);
    SetPersonKey(ctx, "defendant_id", jd.Person(s.row, j_def), &c);
    c.target = {{"kind", "court"}, {"name", jd.Str(s.row, j_court)}};
    AddEvidence(ctx, jd, s.row, &c);
    for (size_t v : s.minor_victims) AddEvidence(ctx, vt, v, &c);
    for (size_t w : staff_rows) AddEvidence(ctx, st, w, &c);
    out->push_back(std::move(c));
  };

  // Peer groups for sentence_outlier: (charge, aggravating non-empty).
  std::map<std::pair<std::string, bool>, std::vector<const InScope*>> groups;

  for (const InScope& s : scope) {
    const size_t r = s.row;
    const std::string charge = jd.Str(r, j_charge);
    const std::string type = jd.Str(r, j_type);
    const bool aggravated = !jd.Null(r, j_agg);

    int64_t months = jd.IntOr0(r, j_months);
    if (type == "exempt" || type == "fine_only" || type == "criminal_detention" ||
        type == "public_surveillance") {
      months = 0;
    } else if (type == "life" || type == "death") {
      months = kInfinite;
    }
    int64_t floor = Floor(charge, aggravated);
    if (floor >= 0 && months < floor && jd.Null(r, j_mit)) {
      emit(s, "below_statutory_floor", Severity::kHigh, {});
    }

    if (jd.Bool(r, j_susp) && s.victim_age < 14) {
      emit(s, "suspended_for_child_victim", Severity::kHigh, {});
    }

    if (jd.IntOr0(r, j_ban) == 0) {
      std::optional<Days> d = jd.Date(r, j_off);
      if (!d) d = jd.Date(r, j_date);
      std::vector<size_t> jobs;
      auto it = staff_by_person.find(jd.Person(r, j_def));
      if (it != staff_by_person.end()) {
        for (size_t w : it->second) {
          std::optional<Days> hire = st.Date(w, s_hire);
          Days leave = st.Date(w, s_leave).value_or(ctx.A);
          if (hire && *hire <= *d && *d <= leave &&
              IsChildContactType(ctx.InstType(st.Str(w, s_inst)))) {
            jobs.push_back(w);
          }
        }
      }
      if (!jobs.empty() || OccupationKeyword(jd.Str(r, j_occ))) {
        emit(s, "missing_occupational_ban", Severity::kMedium, jobs);
      }
    }

    if (type == "fixed_term" && !jd.Bool(r, j_susp) && !jd.Null(r, j_months)) {
      groups[{charge, aggravated}].push_back(&s);
    }
  }

  const double min_group = ctx.Param("sexual_sentencing.min_group", 8);
  const double k = ctx.Param("sexual_sentencing.k", 2.5);
  for (const auto& [key, members] : groups) {
    if (static_cast<double>(members.size()) < min_group) continue;
    std::vector<double> x;
    for (const InScope* m : members) x.push_back(static_cast<double>(*jd.Int(m->row, j_months)));
    const double med = Median(x);
    std::vector<double> dev;
    for (double v : x) dev.push_back(std::fabs(v - med));
    const double mad = Median(dev);
    const double s = mad == 0 ? 0.25 * med : 1.4826 * mad;
    for (const InScope* m : members) {
      if (static_cast<double>(*jd.Int(m->row, j_months)) < med - k * s) {
        emit(*m, "sentence_outlier", Severity::kMedium, {});
      }
    }
  }
}

}  // namespace tutela::reference::internal
