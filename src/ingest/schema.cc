// The tables of shared/spec/datasets.md, their aliases, kinds and enumerations.
#include "ingest/schema.h"

#include "common/text.h"

namespace tutela::ingest {

namespace {

using K = ValueKind;
using EnumMap = std::vector<std::pair<std::string, std::string>>;

ColumnDef Col(std::string name, std::vector<std::string> aliases, ValueKind kind,
              bool required = false, EnumMap enums = {}) {
  ColumnDef c;
  c.name = std::move(name);
  c.aliases = std::move(aliases);
  c.kind = kind;
  c.required = required;
  c.enum_values = std::move(enums);
  return c;
}
ColumnDef Req(std::string name, std::vector<std::string> aliases, ValueKind kind,
              EnumMap enums = {}) {
  return Col(std::move(name), std::move(aliases), kind, true, std::move(enums));
}

const EnumMap kInstitutionTypes = {
    {"kindergarten", "kindergarten"},
    {"primary_school", "primary_school"},
    {"middle_school", "middle_school"},
    {"high_school", "high_school"},
    {"vocational_school", "vocational_school"},
    {"training", "training"},
    {"child_welfare", "child_welfare"},
    {"hospital", "hospital"},
    {"hotel", "hotel"},
    {"internet_cafe", "internet_cafe"},
    {"bar", "bar"},
    {"entertainment", "entertainment"},
    {"tobacco_retailer", "tobacco_retailer"},
    {"lottery", "lottery"},
    {"employer", "employer"},
    {"幼儿园", "kindergarten"},
    {"小学", "primary_school"},
    {"初中", "middle_school"},
    {"中学", "middle_school"},
    {"高中", "high_school"},
    {"职业学校", "vocational_school"},
    {"校外培训", "training"},
    {"儿童福利机构", "child_welfare"},
    {"医院", "hospital"},
    {"旅馆", "hotel"},
    {"酒店", "hotel"},
    {"宾馆", "hotel"},
    {"网吧", "internet_cafe"},
    {"酒吧", "bar"},
    {"娱乐场所", "entertainment"},
    {"烟草零售", "tobacco_retailer"},
    {"彩票", "lottery"},
    {"用人单位", "employer"},
};

const EnumMap kSentenceTypes = {
    {"fixed_term", "fixed_term"},
    {"criminal_detention", "criminal_detention"},
    {"public_surveillance", "public_surveillance"},
    {"life", "life"},
    {"death", "death"},
    {"exempt", "exempt"},
    {"fine_only", "fine_only"},
    {"有期徒刑", "fixed_term"},
    {"拘役", "criminal_detention"},
    {"管制", "public_surveillance"},
    {"无期徒刑", "life"},
    {"死刑", "death"},
    {"免予刑事处罚", "exempt"},
    {"单处罚金", "fine_only"},
};

const EnumMap kDecisions = {
    {"prosecute", "prosecute"},
    {"conditional_non_prosecution", "conditional_non_prosecution"},
    {"non_prosecution", "non_prosecution"},
    {"pending", "pending"},
    {"起诉", "prosecute"},
    {"附条件不起诉", "conditional_non_prosecution"},
    {"不起诉", "non_prosecution"},
    {"审查中", "pending"},
};

const EnumMap kDetentionKinds = {
    {"detention", "detention"}, {"prison", "prison"}, {"rehab", "rehab"},
    {"羁押", "detention"},      {"服刑", "prison"},   {"戒毒", "rehab"},
};

const EnumMap kTaskKinds = {
    {"report", "report"},
    {"education", "education"},
    {"community_service", "community_service"},
    {"visit", "visit"},
    {"报到", "report"},
    {"教育", "education"},
    {"社区服务", "community_service"},
    {"走访", "visit"},
};

const EnumMap kPurposes = {
    {"judicial", "judicial"}, {"employment", "employment"}, {"other", "other"},
    {"司法", "judicial"},     {"入职", "employment"},       {"就业", "employment"},
    {"其他", "other"},
};

std::vector<TableDef> BuildTables() {
  std::vector<TableDef> t;

  t.push_back({"persons",
               "人口信息",
               {Req("person_id", {"身份证号", "公民身份号码", "证件号码"}, K::kPersonId),
                Col("name", {"姓名"}, K::kText), Col("sex", {"性别"}, K::kSex),
                Col("birth_date", {"出生日期"}, K::kDate), Col("household_id", {"户号"}, K::kText),
                Col("region_code", {"户籍地区划代码", "行政区划代码"}, K::kRegion),
                Col("address", {"住址"}, K::kText), Col("deceased_date", {"死亡日期"}, K::kDate)},
               "person_id",
               "",
               "",
               ""});

  t.push_back(
      {"guardians",
       "监护关系",
       {Req("minor_id", {"未成年人身份证号"}, K::kPersonId),
        Req("guardian_id", {"监护人身份证号"}, K::kPersonId), Col("relation", {"关系"}, K::kText)},
       "",
       "",
       "",
       ""});

  t.push_back({"institutions",
               "机构/场所",
               {Req("institution_id", {"机构编号", "统一社会信用代码", "场所编码"}, K::kText),
                Req("name", {"名称", "机构名称"}, K::kText),
                Req("type", {"类型"}, K::kEnum, kInstitutionTypes),
                Col("region_code", {"行政区划代码"}, K::kRegion),
                Col("address", {"地址"}, K::kText), Col("lat", {"纬度"}, K::kLatitude),
                Col("lon", {"经度"}, K::kLongitude), Col("regulator", {"主管部门"}, K::kText)},
               "institution_id",
               "",
               "",
               ""});

  t.push_back(
      {"staff",
       "从业人员",
       {Req("institution_id", {"机构编号"}, K::kText), Col("person_id", {"身份证号"}, K::kPersonId),
        Col("name", {"姓名"}, K::kText), Col("birth_date", {"出生日期"}, K::kDate),
        Col("position", {"岗位"}, K::kText), Req("hire_date", {"入职日期"}, K::kDate),
        Col("leave_date", {"离职日期"}, K::kDate)},
       "",
       "person_id",
       "name",
       "birth_date"});

  t.push_back(
      {"judgments",
       "刑事判决",
       {Req("case_no", {"案号"}, K::kText), Col("court", {"法院"}, K::kText),
        Col("region_code", {"行政区划代码"}, K::kRegion),
        Req("judgment_date", {"判决日期"}, K::kDate),
        Req("defendant_id", {"被告人身份证号"}, K::kPersonId),
        Col("defendant_name", {"被告人姓名"}, K::kText),
        Col("defendant_occupation", {"被告人职业"}, K::kText), Req("charge", {"罪名"}, K::kText),
        Col("offense_date", {"犯罪日期", "案发日期"}, K::kDate),
        Col("offense_place_id", {"案发场所编号"}, K::kText),
        Col("sentence_type", {"刑种"}, K::kEnum, false, kSentenceTypes),
        Col("prison_months", {"刑期(月)"}, K::kInt), Col("suspended", {"缓刑"}, K::kBool),
        Col("occupational_ban_years", {"从业禁止(年)"}, K::kInt),
        Col("aggravating", {"从重情节"}, K::kText), Col("mitigating", {"从轻减轻情节"}, K::kText)},
       "",
       "",
       "",
       ""});

  t.push_back(
      {"judgment_victims",
       "被害人",
       {Req("case_no", {"案号"}, K::kText), Req("victim_id", {"被害人身份证号"}, K::kPersonId),
        Col("victim_name", {"被害人姓名"}, K::kText)},
       "",
       "",
       "",
       ""});

  t.push_back({"hotel_checkins",
               "旅馆住宿登记",
               {Req("hotel_id", {"旅馆编号"}, K::kText), Req("room_no", {"房间号"}, K::kText),
                Req("person_id", {"身份证号"}, K::kPersonId), Col("name", {"姓名"}, K::kText),
                Req("checkin_time", {"入住时间"}, K::kDateTime),
                Col("checkout_time", {"退房时间"}, K::kDateTime),
                Col("guardian_contact", {"监护人联系方式"}, K::kText)},
               "",
               "",
               "",
               ""});

  t.push_back(
      {"netcafe_sessions",
       "上网记录",
       {Req("cafe_id", {"场所编号"}, K::kText), Req("person_id", {"身份证号"}, K::kPersonId),
        Req("login_time", {"上机时间"}, K::kDateTime),
        Col("logout_time", {"下机时间"}, K::kDateTime), Col("terminal", {"终端号"}, K::kText)},
       "",
       "",
       "",
       ""});

  t.push_back(
      {"medical_visits",
       "诊疗记录",
       {Req("hospital_id", {"医院编号"}, K::kText),
        Req("patient_id", {"患者身份证号"}, K::kPersonId),
        Req("visit_time", {"就诊时间"}, K::kDateTime),
        Req("diagnosis_code", {"诊断编码"}, K::kText), Col("diagnosis", {"诊断名称"}, K::kText)},
       "",
       "",
       "",
       ""});

  t.push_back(
      {"mandatory_reports",
       "强制报告记录",
       {Req("report_id", {"报告编号"}, K::kText), Col("reporter_id", {"报告单位编号"}, K::kText),
        Req("subject_id", {"涉及未成年人身份证号"}, K::kPersonId),
        Req("report_time", {"报告时间"}, K::kDateTime), Col("category", {"类别"}, K::kText)},
       "",
       "",
       "",
       ""});

  t.push_back(
      {"employment",
       "用工/社保记录",
       {Req("employer_id", {"用人单位编号"}, K::kText),
        Req("person_id", {"身份证号"}, K::kPersonId), Req("start_date", {"用工起始日期"}, K::kDate),
        Col("end_date", {"用工终止日期"}, K::kDate), Col("hazardous", {"危重劳动"}, K::kBool)},
       "",
       "",
       "",
       ""});

  t.push_back(
      {"enrollments",
       "学籍",
       {Req("school_id", {"学校编号"}, K::kText), Req("student_id", {"学生身份证号"}, K::kPersonId),
        Req("enroll_date", {"入学日期"}, K::kDate), Col("leave_date", {"离校日期"}, K::kDate)},
       "",
       "",
       "",
       ""});

  t.push_back({"detentions",
               "羁押/服刑/戒毒",
               {Req("person_id", {"身份证号"}, K::kPersonId),
                Col("kind", {"类型"}, K::kEnum, false, kDetentionKinds),
                Req("start_date", {"开始日期"}, K::kDate), Col("end_date", {"结束日期"}, K::kDate)},
               "",
               "",
               "",
               ""});

  t.push_back({"juvenile_cases",
               "未检案件",
               {Req("case_id", {"案件编号"}, K::kText),
                Req("suspect_id", {"犯罪嫌疑人身份证号"}, K::kPersonId),
                Req("charge", {"罪名"}, K::kText), Req("offense_date", {"犯罪日期"}, K::kDate),
                Col("expected_sentence_months", {"可能判处刑期(月)"}, K::kInt),
                Col("confessed", {"认罪悔罪"}, K::kBool),
                Col("decision", {"处理决定"}, K::kEnum, false, kDecisions),
                Col("decision_date", {"决定日期"}, K::kDate),
                Col("probation_months", {"考验期(月)"}, K::kInt)},
               "",
               "",
               "",
               ""});

  t.push_back(
      {"probation_tasks",
       "帮教考察任务",
       {Req("case_id", {"案件编号"}, K::kText), Req("task_id", {"任务编号"}, K::kText),
        Col("kind", {"类型"}, K::kEnum, false, kTaskKinds),
        Req("due_date", {"应完成日期"}, K::kDate), Col("done_date", {"完成日期"}, K::kDate)},
       "",
       "",
       "",
       ""});

  t.push_back(
      {"record_queries",
       "犯罪记录查询",
       {Req("query_id", {"查询编号"}, K::kText),
        Req("subject_id", {"被查询人身份证号"}, K::kPersonId),
        Col("requester", {"查询单位"}, K::kText), Req("query_time", {"查询时间"}, K::kDateTime),
        Col("purpose", {"用途"}, K::kEnum, false, kPurposes),
        Req("disclosed", {"是否提供记录"}, K::kBool)},
       "",
       "",
       "",
       ""});
  return t;
}

}  // namespace

int TableDef::ColumnIndex(std::string_view n) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == n) return static_cast<int>(i);
  }
  return -1;
}

Type StorageType(ValueKind kind) {
  switch (kind) {
    case K::kPersonId:
      return Type::kPersonId;
    case K::kDate:
      return Type::kDate;
    case K::kDateTime:
      return Type::kTimestamp;
    case K::kBool:
      return Type::kBool;
    case K::kInt:
      return Type::kInt64;
    case K::kDouble:
    case K::kLatitude:
    case K::kLongitude:
      return Type::kDouble;
    case K::kText:
    case K::kRegion:
    case K::kSex:
    case K::kEnum:
      return Type::kString;
  }
  return Type::kString;
}

const std::vector<TableDef>& AllTables() {
  static const std::vector<TableDef>* tables = new std::vector<TableDef>(BuildTables());
  return *tables;
}

const TableDef* FindTable(std::string_view name) {
  for (const TableDef& t : AllTables()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

std::string NormalizeHeader(std::string_view cell) { return std::string(Trim(Nfkc(Trim(cell)))); }

int MatchHeader(const TableDef& table, std::string_view cell) {
  std::string h = NormalizeHeader(cell);
  std::string lower = AsciiLower(h);
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnDef& c = table.columns[i];
    if (c.name == lower) return static_cast<int>(i);
    for (const std::string& a : c.aliases) {
      if (Nfkc(a) == h) return static_cast<int>(i);
    }
  }
  return -1;
}

}  // namespace tutela::ingest
