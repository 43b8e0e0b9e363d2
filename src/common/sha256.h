// SHA-256 of in-memory bytes (libsodium), as lower-case hex. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace tutela {

std::string Sha256Hex(std::string_view data);

}  // namespace tutela
