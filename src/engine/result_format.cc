// Result formatting: table, CSV and JSON Lines.
#include "engine/result_format.h"

#include <fmt/format.h>

#include <sstream>
#include <vector>

#include "common/text.h"
#include "engine/value.h"

namespace tutela::engine {

namespace {

bool IsWide(int32_t cp) {
  return cp >= 0x1100 && (cp <= 0x115f || cp == 0x2329 || cp == 0x232a ||
                          (cp >= 0x2e80 && cp <= 0x303e) || (cp >= 0x3041 && cp <= 0x33ff) ||
                          (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
                          (cp >= 0xa000 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
                          (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) ||
                          (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) ||
                          (cp >= 0x1f300 && cp <= 0x1f64f) || (cp >= 0x20000 && cp <= 0x3fffd));
}

std::string CsvField(std::string_view s) {
  bool quote = s.empty() || s.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (u < 0x20) {
          out += fmt::format("\\u{:04x}", u);
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

bool RightAligned(Type t) { return t == Type::kInt64 || t == Type::kDouble; }

}  // namespace

size_t DisplayWidth(std::string_view s) {
  size_t w = 0, pos = 0;
  while (pos < s.size()) {
    int32_t cp = DecodeUtf8(s, &pos);
    w += cp >= 0 && IsWide(cp) ? 2 : 1;
  }
  return w;
}

Result<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "jsonl") return OutputFormat::kJsonl;
  return Status::InvalidInput(
      fmt::format("未知输出格式 / unknown format \"{}\" (table, csv, jsonl)", name));
}

std::optional<std::string> CellText(const Table& t, size_t c, size_t r, const PersonDict* persons) {
  const Column& col = t.column(c);
  if (col.IsNull(r)) return std::nullopt;
  switch (col.type()) {
    case Type::kBool:
      return std::string(col.GetI32(r) ? "true" : "false");
    case Type::kInt64:
      return std::to_string(col.GetInt(r));
    case Type::kDouble:
      return FormatDouble(col.GetDouble(r));
    case Type::kDate:
      return FormatDate(col.GetI32(r));
    case Type::kTimestamp:
      return FormatTimestamp(col.GetInt(r));
    case Type::kString:
      return col.GetString(r);
    case Type::kPersonId:
      if (!persons) return fmt::format("#{}", col.GetI32(r));
      return persons->Id(col.GetI32(r));
  }
  return std::nullopt;
}

void WriteResult(const Table& t, OutputFormat format, const PersonDict* persons,
                 std::ostream& out) {
  size_t nc = t.num_columns(), nr = t.num_rows();
  if (format == OutputFormat::kCsv) {
    for (size_t c = 0; c < nc; ++c) out << (c ? "," : "") << CsvField(t.schema()[c].name);
    out << "\n";
    for (size_t r = 0; r < nr; ++r) {
      for (size_t c = 0; c < nc; ++c) {
        if (c) out << ",";
        auto cell = CellText(t, c, r, persons);
        if (cell) out << CsvField(*cell);
      }
      out << "\n";
    }
    return;
  }
  if (format == OutputFormat::kJsonl) {
    for (size_t r = 0; r < nr; ++r) {
      out << "{";
      for (size_t c = 0; c < nc; ++c) {
        if (c) out << ",";
        out << JsonString(t.schema()[c].name) << ":";
        auto cell = CellText(t, c, r, persons);
        Type type = t.schema()[c].type;
        if (!cell) {
          out << "null";
        } else if (type == Type::kInt64 || type == Type::kBool) {
          out << *cell;
        } else if (type == Type::kDouble) {
          double d = t.column(c).GetDouble(r);
          out << (std::isfinite(d) ? *cell : JsonString(*cell));
        } else {
          out << JsonString(*cell);
        }
      }
      out << "}\n";
    }
    return;
  }
  // Aligned table.
  std::vector<std::vector<std::string>> cells(nr, std::vector<std::string>(nc));
  std::vector<size_t> width(nc, 0);
  for (size_t c = 0; c < nc; ++c) width[c] = DisplayWidth(t.schema()[c].name);
  for (size_t r = 0; r < nr; ++r) {
    for (size_t c = 0; c < nc; ++c) {
      auto cell = CellText(t, c, r, persons);
      cells[r][c] = cell ? *cell : "";
      width[c] = std::max(width[c], DisplayWidth(cells[r][c]));
    }
  }
  auto pad = [](const std::string& s, size_t w, bool right) {
    std::string fill(w - std::min(w, DisplayWidth(s)), ' ');
    return right ? fill + s : s + fill;
  };
  std::string line;
  for (size_t c = 0; c < nc; ++c) {
    line += (c ? " | " : " ") + pad(t.schema()[c].name, width[c], false);
  }
  out << line << "\n";
  line.clear();
  for (size_t c = 0; c < nc; ++c) line += (c ? "-+-" : "-") + std::string(width[c], '-');
  out << line << "-\n";
  for (size_t r = 0; r < nr; ++r) {
    line.clear();
    for (size_t c = 0; c < nc; ++c) {
      line += (c ? " | " : " ") + pad(cells[r][c], width[c], RightAligned(t.schema()[c].type));
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
  out << fmt::format("({} {})\n", nr, nr == 1 ? "row" : "rows");
}

std::string FormatResult(const Table& t, OutputFormat format, const PersonDict* persons) {
  std::ostringstream out;
  WriteResult(t, format, persons, out);
  return out.str();
}

}  // namespace tutela::engine
