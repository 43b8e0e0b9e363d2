// Scalar function registry: resolves a function name and argument types to
// a column-at-a-time implementation. Immutable static tables; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "engine/eval.h"

namespace tutela::engine {

struct FunctionBinding {
  ScalarImpl fn = nullptr;
  SqlType ret = SqlType::kNull;
  std::vector<SqlType> arg_types;  // the binder casts each argument to these
};

// Resolves name(args). Variadic functions that unify their argument types
// (coalesce, greatest, least, nullif) expect already-unified types.
// Error: kNotFound for an unknown name, kInvalidInput for bad arguments.
Result<FunctionBinding> ResolveFunction(const std::string& name, const std::vector<SqlType>& args);

// True for the names the binder treats as aggregates.
bool IsAggregateName(const std::string& name);

// Implementations grouped by file (functions_text.cc, functions_misc.cc,
// functions_domain.cc); each returns nullptr when `name` is not its own.
Result<FunctionBinding> ResolveTextFunction(const std::string& name,
                                            const std::vector<SqlType>& args, bool* found);
Result<FunctionBinding> ResolveMiscFunction(const std::string& name,
                                            const std::vector<SqlType>& args, bool* found);
Result<FunctionBinding> ResolveDomainFunction(const std::string& name,
                                              const std::vector<SqlType>& args, bool* found);

// Helpers shared by the function files.
Status ArgError(const std::string& name, const std::vector<SqlType>& args);
bool IsTextLike(SqlType t);  // text, person id or NULL
bool IsNumeric(SqlType t);   // int, double or NULL

}  // namespace tutela::engine
