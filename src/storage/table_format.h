// The columnar binary format of one stored table (docs/storage-format.md):
// header, schema, row identity (lines, file indexes), a file-local person-ID
// dictionary, and per column a validity bitmap plus fixed-width values or
// string-dictionary codes. Fixed-width data moves in bulk (no per-value
// parsing). Stateless functions; thread-safe for distinct arguments.
#pragma once

#include <memory>

#include "common/status.h"
#include "common/table.h"
#include "identity/person_dict.h"
#include "storage/byte_stream.h"

namespace tutela::storage {

// Writes `table`. Person-ID codes are translated through `persons` (the
// dictionary the table was built against) into a file-local dictionary of
// the ID strings the table uses.
Status WriteTable(const Table& table, const PersonDict& persons, ByteSink* out);

// Reads a table written by WriteTable. Person IDs are interned into
// `persons` and their codes remapped. Malformed input is Status::Corruption.
Result<std::shared_ptr<Table>> ReadTable(ByteSource* in, PersonDict* persons);

}  // namespace tutela::storage
