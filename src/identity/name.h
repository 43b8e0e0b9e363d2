// Person-name normalisation for identity linking: trim, remove spaces and
// middle-dot variants, full-width to half-width, traditional to simplified
// Chinese (OpenCC t2s). Thread-safe (the converter is created once, under a lock).
#pragma once

#include <string>
#include <string_view>

namespace tutela {

std::string NormalizeName(std::string_view raw);

}  // namespace tutela
