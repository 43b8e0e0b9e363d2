// Golden script parsing and inline table construction.
#include "engine/script.h"

#include <fmt/format.h>

#include <charconv>
#include <sstream>

#include "common/text.h"
#include "engine/value.h"
#include "identity/id_number.h"

namespace tutela::engine {

namespace {

std::vector<std::string> Words(std::string_view line) {
  std::vector<std::string> out;
  std::istringstream in{std::string(line)};
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

Result<Type> ParseColumnType(const std::string& t) {
  if (t == "int") return Type::kInt64;
  if (t == "double") return Type::kDouble;
  if (t == "text") return Type::kString;
  if (t == "date") return Type::kDate;
  if (t == "timestamp") return Type::kTimestamp;
  if (t == "bool") return Type::kBool;
  if (t == "id") return Type::kPersonId;
  return Status::InvalidInput("unknown column type " + t);
}

}  // namespace

std::vector<std::string> SplitRow(std::string_view line, std::vector<bool>* quoted) {
  std::vector<std::string> out;
  quoted->clear();
  size_t i = 0;
  while (true) {
    std::string field;
    bool q = false;
    if (i < line.size() && line[i] == '"') {
      q = true;
      ++i;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += line[i++];
      }
      while (i < line.size() && line[i] != ',') ++i;
    } else {
      while (i < line.size() && line[i] != ',') field += line[i++];
    }
    out.push_back(field);
    quoted->push_back(q);
    if (i >= line.size()) break;
    ++i;  // comma
  }
  return out;
}

Result<std::vector<ScriptBlock>> ParseScript(std::string_view script) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= script.size()) {
    size_t end = script.find('\n', start);
    if (end == std::string_view::npos) end = script.size();
    std::string line(script.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
    start = end + 1;
  }
  std::vector<ScriptBlock> blocks;
  size_t i = 0;
  auto blank = [&](size_t k) { return Trim(lines[k]).empty(); };
  while (i < lines.size()) {
    if (blank(i) || lines[i][0] == '#') {
      ++i;
      continue;
    }
    ScriptBlock b;
    b.line = static_cast<int>(i + 1);
    b.header = Words(lines[i]);
    const std::string& d = b.header[0];
    if (d == "table") {
      b.kind = ScriptBlock::Kind::kTable;
      b.text = std::string(Trim(std::string_view(lines[i]).substr(5)));
      ++i;
      while (i < lines.size() && !blank(i)) b.body.push_back(lines[i++]);
    } else if (d == "registry" || d == "param" || d == "asof") {
      b.kind = d == "registry" ? ScriptBlock::Kind::kRegistry
               : d == "param"  ? ScriptBlock::Kind::kParam
                               : ScriptBlock::Kind::kAsOf;
      ++i;
    } else if (d == "query" || d == "error" || d == "explain") {
      b.kind = d == "query"   ? ScriptBlock::Kind::kQuery
               : d == "error" ? ScriptBlock::Kind::kError
                              : ScriptBlock::Kind::kExplain;
      for (size_t w = 1; w < b.header.size(); ++w) {
        if (b.header[w] == "rowsort") {
          b.rowsort = true;
        } else if (b.header[w] == "nosqlite") {
          b.nosqlite = true;
        } else {
          return Status::InvalidInput(
              fmt::format("line {}: unknown option {}", i + 1, b.header[w]));
        }
      }
      ++i;
      std::string sql;
      while (i < lines.size() && lines[i] != "----" && !blank(i)) sql += lines[i++] + "\n";
      if (!sql.empty()) sql.pop_back();
      b.text = sql;
      b.sql_end = static_cast<int>(i);
      if (i < lines.size() && lines[i] == "----") {
        ++i;
        b.body_begin = static_cast<int>(i);
        // Expected output ends at a blank line; error and explain texts may
        // contain lines that are only spaces, so only a truly empty line ends them.
        while (i < lines.size() && !lines[i].empty()) b.body.push_back(lines[i++]);
        b.body_end = static_cast<int>(i);
      }
    } else {
      return Status::InvalidInput(fmt::format("line {}: unknown directive {}", i + 1, d));
    }
    blocks.push_back(std::move(b));
  }
  return blocks;
}

Result<std::shared_ptr<Table>> BuildInlineTable(std::string_view decl,
                                                const std::vector<std::string>& rows,
                                                PersonDict* persons) {
  size_t open = decl.find('('), close = decl.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    return Status::InvalidInput("table declaration needs (columns)");
  }
  std::string name(Trim(decl.substr(0, open)));
  std::vector<ColumnSpec> schema;
  std::string cols(decl.substr(open + 1, close - open - 1));
  std::istringstream in(cols);
  std::string part;
  while (std::getline(in, part, ',')) {
    std::vector<std::string> w = Words(part);
    if (w.size() != 2) return Status::InvalidInput("bad column declaration: " + part);
    ASSIGN_OR_RETURN(Type t, ParseColumnType(w[1]));
    schema.push_back(ColumnSpec{w[0], t});
  }
  auto table = std::make_shared<Table>(name, schema);
  uint16_t file = table->AddFile(name + ".csv");
  for (size_t r = 0; r < rows.size(); ++r) {
    std::vector<bool> quoted;
    std::vector<std::string> cells = SplitRow(rows[r], &quoted);
    if (cells.size() != schema.size()) {
      return Status::InvalidInput(fmt::format("table {} row {}: {} values for {} columns", name,
                                              r + 1, cells.size(), schema.size()));
    }
    for (size_t c = 0; c < cells.size(); ++c) {
      Column& col = table->mutable_column(c);
      const std::string& v = cells[c];
      if (!quoted[c] && (v.empty() || v == "NULL")) {
        col.AppendNull();
        continue;
      }
      auto bad = [&] {
        return Status::InvalidInput(fmt::format("table {} row {}: bad {} value '{}'", name, r + 1,
                                                TypeName(schema[c].type), v));
      };
      switch (schema[c].type) {
        case Type::kInt64: {
          int64_t x;
          auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
          if (ec != std::errc() || p != v.data() + v.size()) return bad();
          col.AppendInt(x);
          break;
        }
        case Type::kDouble: {
          char* end = nullptr;
          double x = std::strtod(v.c_str(), &end);
          if (end != v.c_str() + v.size()) return bad();
          col.AppendDouble(x);
          break;
        }
        case Type::kString:
          col.AppendString(v);
          break;
        case Type::kDate: {
          auto d = ParseIsoDate(v);
          if (!d) return bad();
          col.AppendI32(*d);
          break;
        }
        case Type::kTimestamp: {
          Seconds ts;
          if (!ParseTimestampText(v, &ts)) return bad();
          col.AppendInt(ts);
          break;
        }
        case Type::kBool:
          if (v != "true" && v != "false") return bad();
          col.AppendI32(v == "true");
          break;
        case Type::kPersonId:
          col.AppendI32(persons->Intern(NormalizeIdNumber(v)));
          break;
      }
    }
    table->FinishRow(file, static_cast<int32_t>(r + 1));
  }
  return table;
}

}  // namespace tutela::engine
