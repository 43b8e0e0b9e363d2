// Table implementation.
#include "common/table.h"

namespace tutela {

Table::Table(std::string name, std::vector<ColumnSpec> schema)
    : name_(std::move(name)), schema_(std::move(schema)) {
  columns_.reserve(schema_.size());
  for (const ColumnSpec& c : schema_) columns_.emplace_back(c.type);
}

int Table::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < schema_.size(); ++i) {
    if (schema_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

void Table::Reserve(size_t n) {
  for (Column& c : columns_) c.Reserve(n);
  lines_.reserve(n);
  file_index_.reserve(n);
}

size_t Table::AddColumn(ColumnSpec spec) {
  Column col(spec.type);
  for (size_t i = 0; i < num_rows(); ++i) col.AppendNull();
  schema_.push_back(std::move(spec));
  columns_.push_back(std::move(col));
  return columns_.size() - 1;
}

uint16_t Table::AddFile(std::string base_name) {
  for (size_t i = 0; i < files_.size(); ++i) {
    if (files_[i] == base_name) return static_cast<uint16_t>(i);
  }
  files_.push_back(std::move(base_name));
  return static_cast<uint16_t>(files_.size() - 1);
}

}  // namespace tutela
