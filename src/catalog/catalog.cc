// Catalog implementation.
#include "catalog/catalog.h"

namespace tutela {

void Catalog::PutTable(std::shared_ptr<Table> table) {
  std::string name = table->name();
  tables_[name] = std::move(table);
}

const Table* Catalog::GetTable(const std::string& name) const {
  auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : it->second.get();
}

std::shared_ptr<Table> Catalog::GetSharedTable(const std::string& name) const {
  auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : it->second;
}

std::vector<std::string> Catalog::TableNames() const {
  std::vector<std::string> names;
  for (const auto& [name, t] : tables_) names.push_back(name);
  return names;
}

}  // namespace tutela
