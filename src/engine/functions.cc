// Scalar function resolution across the function groups.
#include "engine/functions.h"

#include <fmt/format.h>

namespace tutela::engine {

Status ArgError(const std::string& name, const std::vector<SqlType>& args) {
  std::string list;
  for (size_t i = 0; i < args.size(); ++i) {
    list += (i ? ", " : "") + std::string(SqlTypeName(args[i]));
  }
  return Status::InvalidInput(
      fmt::format("函数参数类型不符 / function {}({}) does not exist", name, list));
}

bool IsTextLike(SqlType t) {
  return t == SqlType::kText || t == SqlType::kPersonId || t == SqlType::kNull;
}

bool IsNumeric(SqlType t) {
  return t == SqlType::kInt || t == SqlType::kDouble || t == SqlType::kNull;
}

bool IsAggregateName(const std::string& name) {
  return name == "count" || name == "sum" || name == "min" || name == "max" || name == "avg" ||
         name == "median" || name == "quantile" || name == "mad" || name == "bool_and" ||
         name == "bool_or" || name == "every";
}

Result<FunctionBinding> ResolveFunction(const std::string& name, const std::vector<SqlType>& args) {
  bool found = false;
  auto r = ResolveTextFunction(name, args, &found);
  if (found) return r;
  r = ResolveMiscFunction(name, args, &found);
  if (found) return r;
  r = ResolveDomainFunction(name, args, &found);
  if (found) return r;
  return Status::NotFound(fmt::format("未知函数 / unknown function \"{}\"", name));
}

}  // namespace tutela::engine
