// Emitters of persons, guardians, institutions, staff, enrollments and employment.
#include <fmt/format.h>

#include <algorithm>

#include "demo/emit.h"
#include "demo/names.h"

namespace tutela::demo {

namespace {

std::vector<int> Iota(int n) {
  std::vector<int> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<size_t>(i)] = i;
  return v;
}

void PersonAddress(const World& world, const Person& p, size_t index, bool alternate,
                   std::string* out) {
  Rng rng(world.config().seed ^ Mix64(index + (alternate ? 0x5A5A : 0)), 0x0ADD);
  const std::string county = world.CountyName(p.region);
  fmt::format_to(std::back_inserter(*out), "浙江省{}{}{}号", county, RandomStreet(rng),
                 rng.Range(1, 399));
  if (rng.PerMille(40))
    fmt::format_to(std::back_inserter(*out), ",{}幢{}单元", rng.Range(1, 30), rng.Range(1, 6));
}

}  // namespace

Status EmitPersons(World& world, const std::string& dir) {
  FileSpec spec{
      "persons",
      "persons.csv",
      false,
      false,
      FileEncoding::kGb18030,
      {"公民身份号码", "姓名", "性别", "出生日期", "户号", "户籍地区划代码", "住址", "死亡日期"},
      Iota(8),
      {},
      "GBK(GB18030) 编码、中文表头、性别男/女、出生日期多种写法、15位/全角/小写x身份证号、"
      "繁体姓名、重复身份证号、缺身份证号的行（拒绝）、性别“未知”（警告）/ GBK, Chinese "
      "headers, 男/女, mixed date spellings, 15-digit / full-width / lowercase-x IDs, "
      "traditional names, repeated IDs, a row without ID (reject), sex 未知 (warning)"};
  ASSIGN_OR_RETURN(auto w, RowWriter::Open(world, dir, spec));
  std::vector<int32_t> background, planted;
  for (size_t i = 0; i < world.persons.size(); ++i) {
    const Person& p = world.persons[i];
    if (!(p.flags & kRegistered)) continue;
    (p.role == Role::kPlanted ? planted : background).push_back(static_cast<int32_t>(i));
  }
  const size_t n_planted = planted.size();
  auto write = [&](int32_t index, bool alternate, const CellOverride& ov) {
    const Person& p = world.persons[static_cast<size_t>(index)];
    w->Reset();
    PutId(*w, 0, p.Id(), -1, 20);
    if (p.flags & kTradName) {
      std::string t = ToTraditional(p.name);
      w->Set(1, t.empty() ? p.name : t);
    } else {
      w->Set(1, p.name);
    }
    w->Set(2, w->rng().PerMille(950) ? (p.sex == 'M' ? "男" : "女") : (p.sex == 'M' ? "M" : "F"));
    if (!(p.flags & kNoBirthDate)) PutDate(*w, 3, p.birth, DateStyle::kSlash, 150);
    fmt::format_to(std::back_inserter(w->Text(4)), "{}{:07d}", p.region, p.household);
    fmt::format_to(std::back_inserter(w->Text(5)), "{}", p.region);
    PersonAddress(world, p, static_cast<size_t>(index), alternate, &w->Text(6));
    if (p.deceased != kNoDay) {
      PutDate(*w, 7, p.deceased, DateStyle::kSlash, 150);
    } else {
      PutEmpty(*w, 7, 300);
    }
    w->Write(ov);
  };
  Rng& rng = w->rng();
  const auto& extras = world.planted.person_extras;
  // Position of each background person in `background` (repeats come after it).
  std::vector<size_t> after(n_planted + extras.size(), 0);
  for (size_t k = 0; k < extras.size(); ++k) {
    auto it = std::lower_bound(background.begin(), background.end(), extras[k].person);
    after[n_planted + k] = static_cast<size_t>(it - background.begin()) + 1;
  }
  Interleave(
      background.size(), n_planted + extras.size(), rng,
      [&](int kind, size_t i) {
        if (kind == 0) {
          const int32_t idx = background[i];
          auto ov = world.person_overrides.find(idx);
          write(idx, false, ov == world.person_overrides.end() ? CellOverride{} : ov->second);
        } else if (i < n_planted) {
          write(planted[i], false, {});
        } else {
          const PersonExtraRow& e = extras[i - n_planted];
          write(e.person, true, e.ov);
        }
      },
      [&](size_t j) { return after[j]; });
  return w->Finish();
}

Status EmitGuardians(World& world, const std::string& dir) {
  FileSpec spec{"guardians",
                "guardians.csv",
                false,
                false,
                FileEncoding::kUtf8,
                {"未成年人身份证号", "监护人身份证号", "关系"},
                Iota(3),
                {},
                "中文表头 / Chinese headers"};
  ASSIGN_OR_RETURN(auto w, RowWriter::Open(world, dir, spec));
  const auto& bg = world.background.guardians;
  const auto& pl = world.planted.guardians;
  Interleave(bg.size(), pl.size(), w->rng(), [&](int kind, size_t i) {
    const GuardianRow& r = kind == 0 ? bg[i] : pl[i];
    w->Reset();
    PutId(*w, 0, world.persons[static_cast<size_t>(r.minor)].Id(), -1, 5);
    PutId(*w, 1, world.persons[static_cast<size_t>(r.guardian)].Id(), -1, 5);
    w->Set(2, r.relation);
    w->Write(r.ov);
  });
  return w->Finish();
}

Status EmitInstitutions(World& world, const std::string& dir) {
  // Column order differs from the standard; header cells padded or full-width.
  FileSpec spec{
      "institutions",
      "institutions.csv",
      false,
      false,
      FileEncoding::kUtf8Bom,
      {" 机构编号", "名称\u3000", "类型", "纬度", "ｌｏｎ", "地址", "主管部门", "行政区划代码"},
      {0, 1, 2, 5, 6, 4, 7, 3},
      {},
      "UTF-8 BOM、列顺序不同、表头含空格与全角字符、类型中文写法、地址含逗号（加引号）、"
      "重复机构编号、无坐标机构、无法解析的纬度（警告）/ UTF-8 with BOM, reordered columns, "
      "padded and full-width header cells, Chinese type names, quoted addresses with "
      "commas, a repeated institution id, places without coordinates, an unparsable "
      "latitude (warning)"};
  ASSIGN_OR_RETURN(auto w, RowWriter::Open(world, dir, spec));
  Rng& rng = w->rng();
  auto write = [&](const Institution& inst, bool duplicate) {
    w->Reset();
    w->Set(0, inst.id);
    w->Set(1, duplicate ? inst.name + "（旧址）" : inst.name);
    if (rng.PerMille(700)) {
      w->Set(2, InstTypeZh(inst.type, rng));
    } else {
      w->Set(2, InstTypeName(inst.type));
    }
    fmt::format_to(std::back_inserter(w->Text(3)), "{}", inst.region);
    w->Set(4, inst.address);
    if (rng.PerMille(30)) fmt::format_to(std::back_inserter(w->Text(4)), ",{}楼", rng.Range(1, 5));
    if (inst.coords) {
      // Duplicates (dropped by the importer) point somewhere else entirely.
      const double shift = duplicate ? 0.05 : 0;
      fmt::format_to(std::back_inserter(w->Text(5)), "{:.7f}", inst.lat + shift);
      fmt::format_to(std::back_inserter(w->Text(6)), "{:.7f}", inst.lon + shift);
    }
    w->Set(7, inst.regulator);
    w->Write(duplicate ? CellOverride{} : inst.ov);
  };
  const size_t n = world.institutions.size();
  // A few repeated ids, after their first row (counted as duplicates, not loaded).
  std::vector<size_t> dups;
  for (int c = 0; c < world.copies(); ++c) dups.push_back(rng.Below(n));
  Interleave(
      n, dups.size(), rng,
      [&](int kind, size_t i) {
        if (kind == 0) {
          write(world.institutions[i], false);
        } else {
          write(world.institutions[dups[i]], true);
        }
      },
      [&](size_t j) { return dups[j] + 1; });
  return w->Finish();
}

Status EmitStaff(World& world, const std::string& dir) {
  FileSpec spec{
      "staff",
      "staff.csv",
      false,
      true,
      FileEncoding::kUtf8,
      {"person_id", "name", "institution_id", "position", "birth_date", "hire_date", "leave_date"},
      {1, 2, 0, 4, 3, 5, 6},
      {},
      "CRLF 换行、英文表头不同顺序、岗位含逗号、中文日期写法、无身份证号按姓名+出生日期关联"
      "（可关联、歧义、无法关联）、不存在的入职日期（拒绝）/ CRLF, English headers in another "
      "order, positions with commas, 2024年1月5日 dates, rows without ID linked by name + "
      "birth date (linkable, ambiguous, unlinkable), an impossible hire date (reject)"};
  ASSIGN_OR_RETURN(auto w, RowWriter::Open(world, dir, spec));
  const auto& bg = world.background.staff;
  const auto& pl = world.planted.staff;
  Interleave(bg.size(), pl.size(), w->rng(), [&](int kind, size_t i) {
    const StaffRow& r = kind == 0 ? bg[i] : pl[i];
    Rng& rng = w->rng();
    w->Reset();
    w->Set(0, world.institutions[static_cast<size_t>(r.inst)].id);
    const Person* p = r.person >= 0 ? &world.persons[static_cast<size_t>(r.person)] : nullptr;
    if (r.blank_id) {
      PutEmpty(*w, 1, 300);
    } else if (p != nullptr) {
      PutId(*w, 1, p->Id(), -1, 10);
    }
    w->Set(2, r.name.empty() && p != nullptr ? p->name : r.name);
    const Days birth =
        r.blank_id ? r.birth : (p != nullptr && rng.PerMille(500) ? p->birth : kNoDay);
    PutDate(*w, 3, birth, DateStyle::kIso, 200);
    w->Set(4, r.position == "教师" && rng.PerMille(100) ? "教师,班主任" : r.position);
    PutDate(*w, 5, r.hire, DateStyle::kChinese, 500);
    PutDate(*w, 6, r.leave, DateStyle::kChinese, 500);
    w->Write(r.ov);
  });
  return w->Finish();
}

Status EmitEnrollments(World& world, const std::string& dir) {
  FileSpec spec{"enrollments",
                "enrollments.csv",
                false,
                false,
                FileEncoding::kUtf8,
                {"school_id", "student_id", "enroll_date", "leave_date"},
                Iota(4),
                {},
                "英文表头、日期为 20230901 写法、字段数过多的行（拒绝）/ English headers, 20230901 "
                "dates, a row with too many fields (reject)"};
  ASSIGN_OR_RETURN(auto w, RowWriter::Open(world, dir, spec));
  const auto& bg = world.background.enrollments;
  const auto& pl = world.planted.enrollments;
  const auto& raw = world.RawLines("enrollments.csv");
  Interleave(bg.size(), pl.size() + raw.size(), w->rng(), [&](int kind, size_t i) {
    if (kind == 1 && i >= pl.size()) return w->Raw(raw[i - pl.size()]);
    const EnrollmentRow& r = kind == 0 ? bg[i] : pl[i];
    w->Reset();
    w->Set(0, world.institutions[static_cast<size_t>(r.school)].id);
    PutId(*w, 1, world.persons[static_cast<size_t>(r.student)].Id(), -1, 5);
    PutDate(*w, 2, r.enroll, DateStyle::kCompact, 100);
    PutDate(*w, 3, r.leave, DateStyle::kCompact, 100);
    w->Write(r.ov);
  });
  return w->Finish();
}

Status EmitEmployment(World& world, const std::string& dir) {
  FileSpec spec{
      "employment",
      "employment.csv",
      false,
      false,
      FileEncoding::kUtf8,
      {"用人单位编号", "身份证号", "用工起始日期", "用工终止日期", "危重劳动"},
      Iota(5),
      {},
      "中文表头、布尔值 是/否/Y/N、无法解析的布尔值（警告）、校验码错误的身份证号 / Chinese "
      "headers, 是/否/Y/N booleans, an unparsable boolean (warning), an ID with a bad check digit"};
  ASSIGN_OR_RETURN(auto w, RowWriter::Open(world, dir, spec));
  const auto& bg = world.background.employment;
  const auto& pl = world.planted.employment;
  Interleave(bg.size(), pl.size(), w->rng(), [&](int kind, size_t i) {
    const EmploymentRow& r = kind == 0 ? bg[i] : pl[i];
    w->Reset();
    w->Set(0, world.institutions[static_cast<size_t>(r.employer)].id);
    PutId(*w, 1, world.persons[static_cast<size_t>(r.person)].Id(), -1, 5);
    PutDate(*w, 2, r.start, DateStyle::kIso, 150);
    PutDate(*w, 3, r.end, DateStyle::kIso, 150);
    PutBool(*w, 4, r.hazardous, w->rng().PerMille(800) ? 0 : 1);
    w->Write(r.ov);
  });
  return w->Finish();
}

}  // namespace tutela::demo
