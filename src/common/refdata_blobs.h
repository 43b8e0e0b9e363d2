// Reference data files compiled into the binary (see cmake/embed_data.cmake).
// Immutable; thread-safe.
#pragma once

#include <string_view>

namespace tutela::refdata {
extern const std::string_view kChargesCsv;    // data/charges.csv
extern const std::string_view kIcd10Csv;      // data/icd10_minor_harm.csv
extern const std::string_view kProvincesCsv;  // data/regions/provinces.csv
extern const std::string_view kCitiesCsv;     // data/regions/cities.csv
extern const std::string_view kAreasCsv;      // data/regions/areas.csv
}  // namespace tutela::refdata
