// libFuzzer target for ingest::CsvReader: line numbers increase and stay in
// the input, fields come from the input (or are unescaped quoted fields of
// it), and well-formed records survive a write-then-read round trip.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "ingest/csv_reader.h"

namespace {

using tutela::ingest::CsvReader;
using tutela::ingest::CsvRecord;

struct Good {
  std::vector<std::string> fields;
};

std::string Quoted(std::string_view field) {
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

bool Inside(std::string_view part, std::string_view whole) {
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const int64_t max_line = 1 + std::count(text.begin(), text.end(), '\n');

  CsvReader reader(text);
  CsvRecord rec;
  int32_t last_line = 0;
  std::vector<Good> good;
  while (reader.Next(&rec)) {
    FUZZ_CHECK(rec.line > last_line);
    FUZZ_CHECK(rec.line <= max_line);
    FUZZ_CHECK(!rec.fields.empty());
    last_line = rec.line;
    for (std::string_view f : rec.fields) {
      // Not a view into the input: unescaped storage, whose quoted form must
      // be in the input.
      if (!Inside(f, text)) {
        FUZZ_CHECK(f.find('"') != std::string_view::npos);
        FUZZ_CHECK(text.find(Quoted(f)) != std::string_view::npos);
      }
    }
    if (rec.error.empty()) good.push_back(Good{{rec.fields.begin(), rec.fields.end()}});
  }
  FUZZ_CHECK(!reader.Next(&rec));  // the end is sticky

  // Write every well-formed record back with all fields quoted; reading that
  // must give the same fields, no errors, and lines that follow the text.
  std::string out;
  std::vector<int32_t> lines;
  int32_t line = 1;
  for (const Good& g : good) {
    lines.push_back(line);
    for (size_t i = 0; i < g.fields.size(); ++i) {
      if (i > 0) out += ',';
      out += Quoted(g.fields[i]);
      line += static_cast<int32_t>(std::count(g.fields[i].begin(), g.fields[i].end(), '\n'));
    }
    out += (g.fields.size() % 2 == 0) ? "\r\n" : "\n";
    ++line;
  }
  CsvReader again(out);
  size_t k = 0;
  while (again.Next(&rec)) {
    FUZZ_CHECK(k < good.size());
    FUZZ_CHECK(rec.error.empty());
    FUZZ_CHECK(rec.line == lines[k]);
    FUZZ_CHECK(rec.fields.size() == good[k].fields.size());
    for (size_t i = 0; i < rec.fields.size(); ++i) FUZZ_CHECK(rec.fields[i] == good[k].fields[i]);
    ++k;
  }
  FUZZ_CHECK(k == good.size());
  return 0;
}
