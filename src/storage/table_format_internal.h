// Constants of the table storage format shared by its writer
// (table_format.cc) and reader (table_reader.cc). Internal to src/storage.
#pragma once

#include <bit>
#include <cstdint>

#include "common/column.h"

namespace tutela::storage::format {

static_assert(std::endian::native == std::endian::little, "storage format is little-endian");

constexpr char kMagic[8] = {'T', 'U', 'T', 'T', 'A', 'B', 'L', 'E'};
constexpr char kEndMagic[8] = {'T', 'U', 'T', 'T', 'E', 'N', 'D', '\0'};
constexpr uint32_t kVersion = 1;

// Which value vector of a Column holds a type's values.
inline bool IsI32(Type t) {
  return t == Type::kBool || t == Type::kDate || t == Type::kString || t == Type::kPersonId;
}
inline bool IsI64(Type t) { return t == Type::kInt64 || t == Type::kTimestamp; }

}  // namespace tutela::storage::format
