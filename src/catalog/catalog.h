// Catalog: the set of in-memory tables a scan, query or workspace works on,
// with the one PersonDict their person-ID columns are coded against, and the
// reference tables (charges, icd10_minor_harm, regions). Built by one thread
// (loading), then read concurrently by the engine without locks.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/table.h"
#include "identity/person_dict.h"

namespace tutela {

class Catalog {
 public:
  PersonDict& persons() { return persons_; }
  const PersonDict& persons() const { return persons_; }

  // Adds or replaces a table under its name.
  void PutTable(std::shared_ptr<Table> table);
  // nullptr when absent.
  const Table* GetTable(const std::string& name) const;
  std::shared_ptr<Table> GetSharedTable(const std::string& name) const;
  bool HasTable(const std::string& name) const { return GetTable(name) != nullptr; }
  std::vector<std::string> TableNames() const;

 private:
  PersonDict persons_;
  std::map<std::string, std::shared_ptr<Table>> tables_;
};

}  // namespace tutela
