// Table: an in-memory columnar table with a stable row identity (the source
// file and physical line each row came from). Built by one thread, then
// shared read-only (e.g. through std::shared_ptr<const Table>).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/column.h"

namespace tutela {

struct ColumnSpec {
  std::string name;
  Type type = Type::kString;
};

class Table {
 public:
  Table() = default;
  Table(std::string name, std::vector<ColumnSpec> schema);

  const std::string& name() const { return name_; }
  const std::vector<ColumnSpec>& schema() const { return schema_; }
  size_t num_columns() const { return columns_.size(); }
  size_t num_rows() const { return lines_.size(); }

  // Returns -1 when there is no such column (exact, case-sensitive match).
  int ColumnIndex(std::string_view name) const;
  const Column& column(size_t i) const { return columns_[i]; }
  Column& mutable_column(size_t i) { return columns_[i]; }

  // Pre-sizes every column and the row identity for about n rows (optional).
  void Reserve(size_t n);

  // Adds a column (e.g. an unknown extra column) filled with NULL for the
  // rows already present.
  size_t AddColumn(ColumnSpec spec);

  // Row identity: physical line on which the record starts, and which of
  // files() it came from.
  const std::vector<int32_t>& lines() const { return lines_; }
  const std::vector<uint16_t>& file_index() const { return file_index_; }
  const std::vector<std::string>& files() const { return files_; }
  uint16_t AddFile(std::string base_name);
  // Call after appending one value to every column.
  void FinishRow(uint16_t file, int32_t line) {
    file_index_.push_back(file);
    lines_.push_back(line);
  }
  std::vector<int32_t>& mutable_lines() { return lines_; }
  std::vector<uint16_t>& mutable_file_index() { return file_index_; }
  std::vector<std::string>& mutable_files() { return files_; }

 private:
  std::string name_;
  std::vector<ColumnSpec> schema_;
  std::vector<Column> columns_;
  std::vector<int32_t> lines_;
  std::vector<uint16_t> file_index_;
  std::vector<std::string> files_;
};

}  // namespace tutela
