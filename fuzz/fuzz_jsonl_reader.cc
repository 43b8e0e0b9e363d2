// libFuzzer target for ingest::JsonlReader: line numbers, valid UTF-8 error
// messages, agreement with nlohmann's DOM parser on every line, and a
// write-then-read round trip of the fields.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "fuzz_check.h"
#include "ingest/jsonl_reader.h"

namespace {

using nlohmann::json;
using tutela::ingest::JsonField;
using tutela::ingest::JsonlReader;
using tutela::ingest::JsonlRecord;

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (;;) {
    const size_t nl = text.find('\n', start);
    lines.push_back(text.substr(start, nl == std::string_view::npos ? nl : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

// The field's text must be what the DOM holds for that key.
void CheckAgainstDom(const JsonField& f, const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      FUZZ_CHECK(!f.text.has_value() && !f.unsupported);
      break;
    case json::value_t::object:
    case json::value_t::array:
      FUZZ_CHECK(f.unsupported && !f.text.has_value());
      break;
    case json::value_t::string:
      FUZZ_CHECK(f.text && *f.text == v.get<std::string>());
      break;
    case json::value_t::boolean:
      FUZZ_CHECK(f.text && *f.text == (v.get<bool>() ? "true" : "false"));
      break;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      FUZZ_CHECK(f.text && *f.text == v.dump());
      break;
    case json::value_t::number_float: {
      FUZZ_CHECK(f.text.has_value());
      const double d = v.get<double>();
      // Either the shortest form, or (an integer literal too big for 64 bits)
      // the literal's digits, which read back as the same double.
      FUZZ_CHECK(*f.text == fmt::format("{}", d) || std::strtod(f.text->c_str(), nullptr) == d);
      break;
    }
    default:
      FUZZ_CHECK(false);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::vector<std::string_view> lines = SplitLines(text);

  JsonlReader reader(text);
  JsonlRecord rec;
  int32_t last_line = 0;
  std::string rewritten;
  std::vector<JsonlRecord> good;
  while (reader.Next(&rec)) {
    FUZZ_CHECK(rec.line > last_line);
    FUZZ_CHECK(static_cast<size_t>(rec.line) <= lines.size());
    // Every line skipped in between is blank.
    for (int32_t l = last_line + 1; l < rec.line; ++l) {
      FUZZ_CHECK(lines[l - 1].find_first_not_of(" \t\r") == std::string_view::npos);
    }
    last_line = rec.line;
    FUZZ_CHECK(tutela::IsValidUtf8(rec.error));

    std::string_view line = lines[rec.line - 1];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const json dom = json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
    if (!rec.error.empty()) {
      FUZZ_CHECK(rec.fields.empty());
      FUZZ_CHECK(dom.is_discarded() || !dom.is_object());
      continue;
    }
    FUZZ_CHECK(dom.is_object());
    // The DOM keeps the last of repeated keys; so must our last occurrence.
    std::vector<std::string> keys;
    for (size_t i = 0; i < rec.fields.size(); ++i) {
      const JsonField& f = rec.fields[i];
      keys.push_back(f.key);
      FUZZ_CHECK(dom.contains(f.key));
      bool last = true;
      for (size_t j = i + 1; j < rec.fields.size(); ++j) last = last && rec.fields[j].key != f.key;
      if (last) CheckAgainstDom(f, dom.at(f.key));
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    FUZZ_CHECK(keys.size() == dom.size());

    // Rewrite: text as JSON strings, null, [] for unsupported values.
    rewritten += "{";
    for (size_t i = 0; i < rec.fields.size(); ++i) {
      const JsonField& f = rec.fields[i];
      if (i > 0) rewritten += ",";
      rewritten += json(f.key).dump() + ":";
      rewritten += f.unsupported ? "[]" : f.text ? json(*f.text).dump() : "null";
    }
    rewritten += "}\r\n";
    good.push_back(rec);
  }
  FUZZ_CHECK(!reader.Next(&rec));

  JsonlReader again(rewritten);
  size_t k = 0;
  while (again.Next(&rec)) {
    FUZZ_CHECK(k < good.size());
    FUZZ_CHECK(rec.error.empty());
    FUZZ_CHECK(rec.line == static_cast<int32_t>(k) + 1);
    FUZZ_CHECK(rec.fields.size() == good[k].fields.size());
    for (size_t i = 0; i < rec.fields.size(); ++i) {
      FUZZ_CHECK(rec.fields[i].key == good[k].fields[i].key);
      FUZZ_CHECK(rec.fields[i].text == good[k].fields[i].text);
      FUZZ_CHECK(rec.fields[i].unsupported == good[k].fields[i].unsupported);
    }
    ++k;
  }
  FUZZ_CHECK(k == good.size());
  return 0;
}
