// libFuzzer target for the model-file header parser: any text must parse or
// fail with an InvalidInput status whose message names a file position.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "models/model_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto m = tutela::models::ParseModelFile("fuzz.sql", text);
  if (!m.ok()) {
    FUZZ_CHECK(m.status().code() == tutela::StatusCode::kInvalidInput);
    FUZZ_CHECK(m.status().message().rfind("fuzz.sql:", 0) == 0);
    return 0;
  }
  FUZZ_CHECK(!m->id.empty());
  FUZZ_CHECK(!m->rules.empty());
  for (const auto& r : m->rules) {
    FUZZ_CHECK(!r.keys.empty());
    FUZZ_CHECK(r.sql_line >= 1);
  }
  return 0;
}
