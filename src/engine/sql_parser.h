// Recursive-descent parser for the SQL dialect (docs/sql.md): tokens to AST.
// Pure; thread-safe. Errors carry line:column and a caret line.
#pragma once

#include <string_view>

#include "common/status.h"
#include "engine/ast.h"

namespace tutela::engine {

// Parses one statement: [EXPLAIN] query [;].
Result<AstStatement> ParseStatement(std::string_view sql);

}  // namespace tutela::engine
