// Emitters of judgments, judgment_victims, detentions, juvenile_cases,
// probation_tasks and record_queries.
#include <fmt/format.h>

#include "demo/emit.h"

namespace tutela::demo {

namespace {

std::vector<int> Iota(int n) {
  std::vector<int> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<size_t>(i)] = i;
  return v;
}

std::string_view SentenceZh(std::string_view s) {
  if (s == "fixed_term") return "有期徒刑";
  if (s == "criminal_detention") return "拘役";
  if (s == "public_surveillance") return "管制";
  if (s == "life") return "无期徒刑";
  if (s == "death") return "死刑";
  if (s == "exempt") return "免予刑事处罚";
  if (s == "fine_only") return "单处罚金";
  return s;
}

std::string_view DecisionZh(std::string_view d) {
  if (d == "prosecute") return "起诉";
  if (d == "conditional_non_prosecution") return "附条件不起诉";
  if (d == "non_prosecution") return "不起诉";
  if (d == "pending") return "审查中";
  return d;
}

std::string_view KindZh(std::string_view k) {
  if (k == "detention") return "羁押";
  if (k == "prison") return "服刑";
  if (k == "rehab") return "戒毒";
  if (k == "report") return "报到";
  if (k == "education") return "教育";
  if (k == "community_service") return "社区服务";
  if (k == "visit") return "走访";
  return k;
}

std::string_view PurposeZh(std::string_view p, Rng& rng) {
  if (p == "judicial") return "司法";
  if (p == "employment") return rng.Chance(1, 2) ? "入职" : "就业";
  if (p == "other") return "其他";
  return p;
}

const Person& P(const World& w, int32_t i) { return w.persons[static_cast<size_t>(i)]; }

}  // namespace

Status EmitJudgments(World& world, const std::string& dir) {
  FileSpec spec{
      "judgments",
      "judgments.csv",
      false,
      false,
      FileEncoding::kUtf8,
      {"案号", "法院", "行政区划代码", "判决日期", "被告人身份证号", "被告人姓名", "被告人职业",
       "罪名", "案发日期", "案发场所编号", "刑种", "刑期（月）", "缓刑", "从业禁止（年）",
       "从重情节", "从轻减轻情节", "备注"},
      Iota(17),
      {},
      "中文表头（含全角括号）、刑种中文、缓刑 是/否/Y/N、额外列“备注”含逗号和换行（引号内）、"
      "罪名表外的罪名、无法解析的刑期（警告）/ Chinese headers (full-width parentheses), "
      "Chinese sentence types, 是/否/Y/N, an extra column 备注 with quoted commas and "
      "newlines, charges not in charges.csv, an unparsable prison term (warning)"};
  ASSIGN_OR_RETURN(auto w, RowWriter::Open(world, dir, spec));
  const auto& bg = world.background.judgments;
  const auto& pl = world.planted.judgments;
  Interleave(bg.size(), pl.size(), w->rng(), [&](int kind, size_t i) {
    const JudgmentRow& r = kind == 0 ? bg[i] : pl[i];
    Rng& rng = w->rng();
    w->Reset();
    w->Set(0, r.case_no);
    w->Set(1, r.court);
    PutInt(*w, 2, r.region);
    PutDate(*w, 3, r.judgment_date, DateStyle::kIso, 250);
    PutId(*w, 4, P(world, r.defendant).Id(), r.style, 10);
    w->Set(5, P(world, r.defendant).name);
    w->Set(6, r.occupation);
    w->Set(7, r.charge);
    PutDate(*w, 8, r.offense, DateStyle::kIso, 250);
    w->Set(9, r.place);
    if (!r.sentence_type.empty()) {
      w->Set(10,
             rng.PerMille(800) ? SentenceZh(r.sentence_type) : std::string_view(r.sentence_type));
    }
    if (r.months != kNoInt) PutInt(*w, 11, r.months);
    PutBool(*w, 12, r.suspended, rng.PerMille(700) ? 0 : static_cast<int>(rng.Below(4)));
    if (r.ban != kNoInt) PutInt(*w, 13, r.ban);
    w->Set(14, r.aggravating);
    w->Set(15, r.mitigating);
    if (!r.remark.empty()) {
      w->Set(16, r.remark);
    } else if (rng.PerMille(30)) {
      w->Set(16, "被告人当庭认罪,\n已赔偿被害人损失");
    }
    w->Write(r.ov);
  });
  return w->Finish();
}

Status EmitVictims(World& world, const std::string& dir) {
  FileSpec spec{"judgment_victims",
                "judgment_victims.csv",
                false,
                false,
                FileEncoding::kUtf8,
                {"case_no", "victim_id", "victim_name"},
                Iota(3),
                {},
                "英文表头、缺少被害人身份证号的行（拒绝）/ English headers, a row without victim "
                "ID (reject)"};
  ASSIGN_OR_RETURN(auto w, RowWriter::Open(world, dir, spec));
  const auto& bg = world.background.victims;
  const auto& pl = world.planted.victims;
  Interleave(bg.size(), pl.size(), w->rng(), [&](int kind, size_t i) {
    const VictimRow& r = kind == 0 ? bg[i] : pl[i];
    w->Reset();
    w->Set(0, r.case_no);
    PutId(*w, 1, P(world, r.victim).Id(), r.style, 10);
    w->Set(2, P(world, r.victim).name);
    w->Write(r.ov);
  });
  return w->Finish();
}

Status EmitDetentions(World& world, const std::string& dir) {
  FileSpec spec{
      "detentions",
      "detentions.csv",
      false,
      false,
      FileEncoding::kUtf8,
      {"身份证号", "类型", "开始日期", "结束日期"},
      Iota(4),
      {},
      "中文表头、类型 羁押/服刑/戒毒、日期 2024.01.05 写法 / Chinese headers, 羁押/服刑/戒毒, "
      "2024.01.05 dates"};
  ASSIGN_OR_RETURN(auto w, RowWriter::Open(world, dir, spec));
  const auto& bg = world.background.detentions;
  const auto& pl = world.planted.detentions;
  Interleave(bg.size(), pl.size(), w->rng(), [&](int kind, size_t i) {
    const DetentionRow& r = kind == 0 ? bg[i] : pl[i];
    w->Reset();
    PutId(*w, 0, P(world, r.person).Id(), -1, 10);
    w->Set(1, KindZh(r.kind));
    PutDate(*w, 2, r.start, DateStyle::kDot, 200);
    PutDate(*w, 3, r.end, DateStyle::kDot, 200);
    if (r.end == kNoDay) PutEmpty(*w, 3, 500);
    w->Write(r.ov);
  });
  return w->Finish();
}

Status EmitJuvenileCases(World& world, const std::string& dir) {
  FileSpec spec{
      "juvenile_cases",
      "juvenile_cases.csv",
      false,
      false,
      FileEncoding::kUtf8,
      {"案件编号", "犯罪嫌疑人身份证号", "罪名", "犯罪日期", "可能判处刑期(月)", "认罪悔罪",
       "处理决定", "决定日期", "考验期(月)"},
      Iota(9),
      {},
      "中文表头、处理决定中文、认罪 是/否、空值标记 / Chinese headers and decisions, 是/否, "
      "empty markers"};
  ASSIGN_OR_RETURN(auto w, RowWriter::Open(world, dir, spec));
  const auto& bg = world.background.cases;
  const auto& pl = world.planted.cases;
  Interleave(bg.size(), pl.size(), w->rng(), [&](int kind, size_t i) {
    const CaseRow& r = kind == 0 ? bg[i] : pl[i];
    Rng& rng = w->rng();
    w->Reset();
    w->Set(0, r.case_id);
    PutId(*w, 1, P(world, r.suspect).Id(), -1, 10);
    w->Set(2, r.charge);
    PutDate(*w, 3, r.offense, DateStyle::kIso, 200);
    if (r.expected != kNoInt) {
      PutInt(*w, 4, r.expected);
    } else {
      PutEmpty(*w, 4, 500);
    }
    PutBool(*w, 5, r.confessed, rng.PerMille(800) ? 0 : 1);
    if (!r.decision.empty())
      w->Set(6, rng.PerMille(850) ? DecisionZh(r.decision) : std::string_view(r.decision));
    PutDate(*w, 7, r.decision_date, DateStyle::kIso, 200);
    if (r.probation != kNoInt) PutInt(*w, 8, r.probation);
    w->Write(r.ov);
  });
  return w->Finish();
}

Status EmitProbationTasks(World& world, const std::string& dir) {
  FileSpec spec{"probation_tasks",
                "probation_tasks.csv",
                false,
                false,
                FileEncoding::kUtf8,
                {"case_id", "task_id", "kind", "due_date", "done_date"},
                Iota(5),
                {},
                "英文表头、类型中文值 / English headers, Chinese kind values"};
  ASSIGN_OR_RETURN(auto w, RowWriter::Open(world, dir, spec));
  const auto& bg = world.background.tasks;
  const auto& pl = world.planted.tasks;
  Interleave(bg.size(), pl.size(), w->rng(), [&](int kind, size_t i) {
    const TaskRow& r = kind == 0 ? bg[i] : pl[i];
    w->Reset();
    w->Set(0, r.case_id);
    w->Set(1, r.task_id);
    w->Set(2, w->rng().PerMille(800) ? KindZh(r.kind) : std::string_view(r.kind));
    PutDate(*w, 3, r.due, DateStyle::kIso, 200);
    PutDate(*w, 4, r.done, DateStyle::kIso, 200);
    w->Write(r.ov);
  });
  return w->Finish();
}

Status EmitRecordQueries(World& world, const std::string& dir) {
  FileSpec spec{
      "record_queries",
      "record_queries.csv",
      false,
      false,
      FileEncoding::kUtf8,
      {"query_id", "subject_id", "requester", "query_time", "purpose", "disclosed"},
      Iota(6),
      {},
      "英文表头、用途中文值（司法/入职/就业/其他）、布尔值 Y/N/1/0/true/false、无法解析的用途"
      "（警告）/ English headers, Chinese purposes, mixed booleans, an unparsable purpose "
      "(warning)"};
  ASSIGN_OR_RETURN(auto w, RowWriter::Open(world, dir, spec));
  const auto& bg = world.background.queries;
  const auto& pl = world.planted.queries;
  Interleave(bg.size(), pl.size(), w->rng(), [&](int kind, size_t i) {
    const QueryRow& r = kind == 0 ? bg[i] : pl[i];
    Rng& rng = w->rng();
    w->Reset();
    w->Set(0, r.id);
    PutId(*w, 1, P(world, r.subject).Id(), -1, 10);
    w->Set(2, r.requester);
    PutDateTime(*w, 3, r.time, DateStyle::kIso, TimeStyle::kHms, 150);
    if (!r.purpose.empty()) {
      w->Set(4, rng.PerMille(800) ? PurposeZh(r.purpose, rng) : std::string_view(r.purpose));
    }
    PutBool(*w, 5, r.disclosed, static_cast<int>(rng.Below(4)));
    w->Write(r.ov);
  });
  return w->Finish();
}

}  // namespace tutela::demo
