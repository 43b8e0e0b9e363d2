// Independent reference implementation of every supervision rule of
// shared/spec/models.md, written directly from the spec in plain C++ (loops and
// hash maps, no SQL), used to cross-check `tutela scan` on generated data.
// Stateless functions over a read-only Catalog; thread-safe for concurrent calls
// on catalogs that nobody mutates.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/date.h"
#include "models/clue.h"

namespace tutela::reference {

struct ReferenceOptions {
  Days as_of = 0;  // the as-of date A
  // Rule parameters by "<model>.<param>", e.g. "hotel_minor.min_count"; absent
  // ones take the defaults of models.md.
  std::map<std::string, double> params;
};

// Every clue of every built-in model over `catalog` (as built by
// ingest::LoadDataDir), merged with models::MergeClues (sorted, same-key clues
// merged). When `notes` is given, it receives one line per rule skipped
// because a required table is absent.
std::vector<models::Clue> ReferenceClues(const Catalog& catalog, const ReferenceOptions& options,
                                         std::vector<std::string>* notes = nullptr);

// "刑法 第236条, 第236条之一; 未成年人保护法 第62条" ->
// {"刑法 第236条", "刑法 第236条之一", "未成年人保护法 第62条"}.
std::vector<std::string> SplitLegalBasis(const std::string& printed);

}  // namespace tutela::reference
