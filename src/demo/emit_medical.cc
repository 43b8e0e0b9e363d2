// Streaming emitter of medical_visits, then mandatory_reports. Background
// visits of children under 14 with a harm diagnosis always come with a report
// a few hours later, so only planted visits can go unreported.
#include <fmt/format.h>

#include <algorithm>

#include "demo/emit.h"

namespace tutela::demo {

namespace {

constexpr Seconds kHour = 3600;

struct Diagnosis {
  const char* code;
  const char* name;
};
// Everyday diagnoses: none starts with a prefix of icd10_minor_harm.csv.
constexpr Diagnosis kCommon[] = {{"J06.9", "急性上呼吸道感染"},
                                 {"J20.9", "急性支气管炎"},
                                 {"J18.9", "肺炎"},
                                 {"K29.7", "胃炎"},
                                 {"K35.8", "急性阑尾炎"},
                                 {"A09.9", "胃肠炎"},
                                 {"R50.9", "发热"},
                                 {"S52.5", "桡骨下端骨折"},
                                 {"S93.4", "踝关节扭伤"},
                                 {"S06.0", "脑震荡"},
                                 {"I10", "原发性高血压"},
                                 {"E11.9", "2型糖尿病"},
                                 {"M54.5", "腰痛"},
                                 {"H10.9", "结膜炎"},
                                 {"L30.9", "皮炎"},
                                 {"N39.0", "泌尿道感染"},
                                 {"B34.9", "病毒感染"},
                                 {"J45.9", "哮喘"},
                                 {"K52.9", "非感染性胃肠炎"},
                                 {"R10.4", "腹痛"},
                                 {"T14.0", "浅表损伤"},
                                 {"Z00.0", "健康体检"},
                                 {"Z23", "预防接种"}};
constexpr Diagnosis kPregnancy[] = {
    {"O80", "单胎顺产"}, {"Z34.0", "正常妊娠监督"}, {"O20.0", "先兆流产"}, {"Z36", "产前筛查"}};
constexpr Diagnosis kChildHarm[] = {{"T74.2", "性虐待"}, {"T76.2", "疑似性虐待"}};
constexpr const char* kCategories[] = {"疑似性侵害", "疑似虐待", "监护缺失", "校园欺凌",
                                       "意外伤害"};

std::vector<int> Iota(int n) {
  std::vector<int> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<size_t>(i)] = i;
  return v;
}

}  // namespace

Status EmitMedical(World& world, const Pools& pools, const std::string& dir) {
  FileSpec spec{
      "medical_visits",
      "medical_visits.csv",
      false,
      false,
      FileEncoding::kUtf8,
      {" hospital_id ", "Patient_ID", "visit_time", "diagnosis_code", "diagnosis"},
      Iota(5),
      {},
      "英文表头（含空格、大小写不同）、诊断编码大小写和空格、缺少就诊时间的行（拒绝）/ English "
      "headers (padded, mixed case), diagnosis codes in lower case or padded, a row "
      "without visit time (reject)"};
  ASSIGN_OR_RETURN(auto w, RowWriter::Open(world, dir, spec));
  Rng rng = world.Stream("medical-background");
  std::vector<int32_t> hospitals;
  for (int32_t i : world.OfType(InstType::kHospital)) {
    if (static_cast<size_t>(i) < world.background_institutions) hospitals.push_back(i);
  }
  std::vector<int32_t> patients = pools.active_adults;
  patients.insert(patients.end(), pools.children.begin(), pools.children.end());
  const int64_t n = world.Scaled(20000);
  const int64_t harm = world.Scaled(6);
  std::vector<int64_t> harm_at;
  for (int64_t k = 0; k < harm; ++k)
    harm_at.push_back(static_cast<int64_t>(rng.Below(static_cast<uint64_t>(n))));
  std::sort(harm_at.begin(), harm_at.end());
  const Days ws = world.window_start();
  std::vector<const MedicalRow*> planted;
  for (const MedicalRow& r : world.planted.medical) planted.push_back(&r);
  std::stable_sort(planted.begin(), planted.end(),
                   [](const MedicalRow* x, const MedicalRow* y) { return x->time < y->time; });
  size_t next = 0, next_harm = 0;
  auto write = [&](int32_t hospital, const Person& p, Seconds t, std::string_view code,
                   std::string_view name, const CellOverride& ov) {
    w->Reset();
    w->Set(0, world.institutions[static_cast<size_t>(hospital)].id);
    PutId(*w, 1, p.Id(), -1, 5);
    PutDateTime(*w, 2, t, DateStyle::kIso, TimeStyle::kHm, 100);
    w->Set(3, code);
    w->Set(4, name);
    w->Write(ov);
  };
  for (int64_t i = 0; i < n && !hospitals.empty() && !patients.empty(); ++i) {
    const Days day = ws + static_cast<Days>(i * 730 / n);
    const Seconds t = StartOfDay(day) + rng.Range(8 * kHour, 20 * kHour);
    while (next < planted.size() && planted[next]->time < t) {
      const MedicalRow& r = *planted[next++];
      write(r.hospital, world.persons[static_cast<size_t>(r.patient)], r.time, r.code, r.diagnosis,
            r.ov);
    }
    const int32_t hospital = rng.Pick(hospitals);
    if (next_harm < harm_at.size() && harm_at[next_harm] <= i && !pools.children.empty()) {
      // A child under 14 with a harm diagnosis, reported by the hospital within hours.
      const int32_t child = rng.Pick(pools.children);
      const Person& c = world.persons[static_cast<size_t>(child)];
      const int age = AgeAt(c.birth, day);
      if (c.birth < day && age >= 5 && age < 14) {
        ++next_harm;
        const Diagnosis& d = rng.Pick(kChildHarm);
        write(hospital, c, t, d.code, d.name, {});
        const Seconds rt = t + rng.Range(kHour, 20 * kHour);
        world.background.reports.push_back({world.NewSerial("BG", CivilFromDays(DateOf(rt)).year),
                                            hospital,
                                            child,
                                            rt,
                                            "疑似性侵害",
                                            {}});
        continue;
      }
    }
    const Person& p = world.persons[static_cast<size_t>(rng.Pick(patients))];
    if (p.birth >= day) continue;
    const bool pregnancy =
        p.sex == 'F' && AgeAt(p.birth, day) >= 20 && AgeAt(p.birth, day) <= 42 && rng.PerMille(40);
    const Diagnosis& d = pregnancy ? rng.Pick(kPregnancy) : rng.Pick(kCommon);
    std::string_view code = d.code;
    std::string lowered;
    if (rng.PerMille(10)) {  // lower-case codes now and then
      lowered = code;
      for (char& ch : lowered) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
      code = lowered;
    }
    write(hospital, p, t, code, d.name, {});
    if (rng.Below(20000) == 0) w->Write();  // an exact duplicate row
  }
  while (next < planted.size()) {
    const MedicalRow& r = *planted[next++];
    write(r.hospital, world.persons[static_cast<size_t>(r.patient)], r.time, r.code, r.diagnosis,
          r.ov);
  }
  RETURN_IF_ERROR(w->Finish());

  // Other reports (neglect, bullying, ...) about background children.
  const int64_t others = world.Scaled(80);
  std::vector<int32_t> reporters = world.OfType(InstType::kPrimary);
  reporters.insert(reporters.end(), hospitals.begin(), hospitals.end());
  for (int64_t k = 0; k < others && !pools.children.empty() && !reporters.empty(); ++k) {
    const Seconds t =
        StartOfDay(ws + static_cast<Days>(rng.Below(730))) + rng.Range(8 * kHour, 18 * kHour);
    const int32_t reporter = rng.Pick(reporters);
    if (static_cast<size_t>(reporter) >= world.background_institutions) continue;
    world.background.reports.push_back({world.NewSerial("BG", CivilFromDays(DateOf(t)).year),
                                        reporter,
                                        rng.Pick(pools.children),
                                        t,
                                        rng.Pick(kCategories),
                                        {}});
  }
  FileSpec rspec{"mandatory_reports",
                 "mandatory_reports.csv",
                 false,
                 false,
                 FileEncoding::kGb18030,
                 {"报告编号", "报告单位编号", "涉及未成年人身份证号", "报告时间", "类别"},
                 Iota(5),
                 {},
                 "GBK(GB18030) 编码、中文表头、日期时间 2024年1月5日 写法 / GBK, Chinese headers, "
                 "2024年1月5日 date-times"};
  ASSIGN_OR_RETURN(auto rw, RowWriter::Open(world, dir, rspec));
  const auto& bg = world.background.reports;
  const auto& pl = world.planted.reports;
  Interleave(bg.size(), pl.size(), rw->rng(), [&](int kind, size_t i) {
    const ReportRow& r = kind == 0 ? bg[i] : pl[i];
    rw->Reset();
    rw->Set(0, r.id);
    if (r.reporter >= 0) rw->Set(1, world.institutions[static_cast<size_t>(r.reporter)].id);
    PutId(*rw, 2, world.persons[static_cast<size_t>(r.subject)].Id(), -1, 10);
    PutDateTime(*rw, 3, r.time, DateStyle::kChinese, TimeStyle::kHm, 300);
    rw->Set(4, r.category);
    rw->Write(r.ov);
  });
  return rw->Finish();
}

}  // namespace tutela::demo
