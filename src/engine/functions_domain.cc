// Domain functions: ID-number checks (id_valid, id_birth, id_sex,
// id_problem, normalize_id), region_of, region_name, birth_of, sex_of,
// normalize_name and haversine_m.
#include <cmath>

#include "engine/functions.h"
#include "engine/haversine.h"
#include "identity/id_number.h"
#include "identity/name.h"
#include "identity/regions.h"

namespace tutela::engine {

namespace {

using T = SqlType;

// Facts about one ID: from the PersonDict for person columns, else computed
// from the (normalised) text.
struct IdFacts {
  IdProblem problem = IdProblem::kNone;
  Days id_birth = kNoDate;
  char id_sex = 0;
  Days birth = kNoDate;  // effective (persons row first)
  char sex = 0;
  std::string_view id;
};

IdFacts FactsOf(const Vec& v, size_t r, const EvalContext& ctx, std::string* store) {
  IdFacts f;
  if (v.type == T::kPersonId) {
    int32_t code = static_cast<int32_t>(v.i[r]);
    const PersonInfo& info = ctx.persons->Info(code);
    f.problem = info.problem;
    f.id_birth = info.id_birth;
    f.id_sex = info.id_sex;
    f.birth = info.birth;
    f.sex = info.sex;
    f.id = ctx.persons->Id(code);
    return f;
  }
  *store = NormalizeIdNumber(v.s[r]);
  f.id = *store;
  int32_t code = ctx.persons ? ctx.persons->Find(*store) : -1;
  if (code >= 0) {
    const PersonInfo& info = ctx.persons->Info(code);
    f.problem = info.problem;
    f.id_birth = info.id_birth;
    f.id_sex = info.id_sex;
    f.birth = info.birth;
    f.sex = info.sex;
    return f;
  }
  f.problem = ValidateIdNumber(*store);
  auto b = BirthFromId(*store);
  f.id_birth = b ? *b : kNoDate;
  f.id_sex = SexFromId(*store);
  f.birth = f.id_birth;
  f.sex = f.id_sex;
  return f;
}

enum class Fact { kValid, kIdBirth, kIdSex, kProblem, kBirth, kSex, kRegion, kNormalized };

template <Fact kFact>
Result<Vec> FnIdFact(const FnArgs& a, size_t n, const EvalContext& ctx) {
  constexpr T kRet = kFact == Fact::kValid                                ? T::kBool
                     : (kFact == Fact::kIdBirth || kFact == Fact::kBirth) ? T::kDate
                                                                          : T::kText;
  Vec out = Vec::Nulls(kRet, n);
  std::string store;
  for (size_t r = 0; r < n; ++r) {
    if (!a[0].valid[r]) continue;
    IdFacts f = FactsOf(a[0], r, ctx, &store);
    auto set_sex = [&](char sex) {
      if (sex == 0) return;
      out.valid[r] = 1;
      out.s[r] = sex == 'M' ? "M" : "F";
    };
    switch (kFact) {
      case Fact::kValid:
        out.valid[r] = 1;
        out.i[r] = f.problem == IdProblem::kNone;
        break;
      case Fact::kIdBirth:
      case Fact::kBirth: {
        Days d = kFact == Fact::kBirth ? f.birth : f.id_birth;
        if (d == kNoDate) break;
        out.valid[r] = 1;
        out.i[r] = d;
        break;
      }
      case Fact::kIdSex:
        set_sex(f.id_sex);
        break;
      case Fact::kSex:
        set_sex(f.sex);
        break;
      case Fact::kProblem:
        out.valid[r] = 1;
        out.s[r] = IdProblemName(f.problem);
        break;
      case Fact::kRegion: {
        std::string_view id = f.id;
        if (id.size() < 6) break;
        bool digits = true;
        for (size_t k = 0; k < 6; ++k) digits = digits && id[k] >= '0' && id[k] <= '9';
        if (!digits) break;
        out.valid[r] = 1;
        out.s[r] = out.Own(std::string(id.substr(0, 6)));
        break;
      }
      case Fact::kNormalized:
        out.valid[r] = 1;
        out.s[r] = out.Own(std::string(f.id));
        break;
    }
  }
  return out;
}

Result<Vec> FnRegionName(const FnArgs& a, size_t n, const EvalContext&) {
  Vec out = Vec::Nulls(T::kText, n);
  const Regions& regions = Regions::Get();
  for (size_t r = 0; r < n; ++r) {
    if (!a[0].valid[r]) continue;
    std::string name = regions.NameOf(a[0].s[r]);
    if (name.empty()) continue;
    out.valid[r] = 1;
    out.s[r] = out.Own(std::move(name));
  }
  return out;
}

Result<Vec> FnNormalizeName(const FnArgs& a, size_t n, const EvalContext&) {
  Vec out = Vec::Nulls(T::kText, n);
  for (size_t r = 0; r < n; ++r) {
    if (!a[0].valid[r]) continue;
    out.valid[r] = 1;
    out.s[r] = out.Own(NormalizeName(a[0].s[r]));
  }
  return out;
}

Result<Vec> FnHaversine(const FnArgs& a, size_t n, const EvalContext&) {
  Vec out = Vec::Nulls(T::kDouble, n);
  for (size_t r = 0; r < n; ++r) {
    if (!a[0].valid[r] || !a[1].valid[r] || !a[2].valid[r] || !a[3].valid[r]) continue;
    out.valid[r] = 1;
    out.d[r] = HaversineM(a[0].d[r], a[1].d[r], a[2].d[r], a[3].d[r]);
  }
  return out;
}

}  // namespace

Result<FunctionBinding> ResolveDomainFunction(const std::string& name,
                                              const std::vector<SqlType>& args, bool* found) {
  *found = true;
  FunctionBinding b;
  b.arg_types = args;
  struct IdEntry {
    const char* name;
    ScalarImpl fn;
    SqlType ret;
  };
  static const IdEntry kIdFns[] = {
      {"id_valid", FnIdFact<Fact::kValid>, T::kBool},
      {"id_birth", FnIdFact<Fact::kIdBirth>, T::kDate},
      {"id_sex", FnIdFact<Fact::kIdSex>, T::kText},
      {"id_problem", FnIdFact<Fact::kProblem>, T::kText},
      {"birth_of", FnIdFact<Fact::kBirth>, T::kDate},
      {"sex_of", FnIdFact<Fact::kSex>, T::kText},
      {"region_of", FnIdFact<Fact::kRegion>, T::kText},
      {"normalize_id", FnIdFact<Fact::kNormalized>, T::kText},
  };
  for (const IdEntry& e : kIdFns) {
    if (name != e.name) continue;
    if (args.size() != 1 || !IsTextLike(args[0])) return ArgError(name, args);
    if (args[0] == T::kNull) b.arg_types[0] = T::kText;
    b.fn = e.fn;
    b.ret = e.ret;
    return b;
  }
  if (name == "region_name" || name == "normalize_name") {
    if (args.size() != 1 || !IsTextLike(args[0])) return ArgError(name, args);
    b.arg_types[0] = T::kText;
    b.fn = name == "region_name" ? FnRegionName : FnNormalizeName;
    b.ret = T::kText;
    return b;
  }
  if (name == "haversine_m") {
    if (args.size() != 4) return ArgError(name, args);
    for (SqlType t : args) {
      if (!IsNumeric(t)) return ArgError(name, args);
    }
    b.arg_types.assign(4, T::kDouble);
    b.fn = FnHaversine;
    b.ret = T::kDouble;
    return b;
  }
  *found = false;
  return Status::NotFound(name);
}

}  // namespace tutela::engine
