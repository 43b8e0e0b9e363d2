// Model file parser.
#include "models/model_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "common/sha256.h"
#include "common/text.h"

namespace tutela::models {

namespace {

struct Line {
  int number;
  std::string_view text;
};

std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  int n = 1;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back({n++, l});
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

// Splits "a, b, c" (or "a | b" with sep '|').
std::vector<std::string> SplitList(std::string_view v, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= v.size()) {
    size_t end = v.find(sep, start);
    if (end == std::string_view::npos) end = v.size();
    std::string_view item = Trim(v.substr(start, end - start));
    if (!item.empty()) out.emplace_back(item);
    if (end == v.size()) break;
    start = end + 1;
  }
  return out;
}

bool IsIdentifier(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (c >= 'A' && c <= 'Z'))) {
      return false;
    }
  }
  return !(s[0] >= '0' && s[0] <= '9');
}

// "-- key: value" -> (key, value, column of value); false when not metadata.
bool ParseMeta(std::string_view line, std::string* key, std::string* value, int* value_col) {
  std::string_view t = line;
  size_t lead = 0;
  while (lead < t.size() && (t[lead] == ' ' || t[lead] == '\t')) ++lead;
  t.remove_prefix(lead);
  if (t.substr(0, 2) != "--") return false;
  std::string_view rest = t.substr(2);
  size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view k = Trim(rest.substr(0, colon));
  if (!IsIdentifier(k)) return false;
  // Field names are lower-case; "-- Note: ..." and other prose stay comments.
  if (k.front() >= 'A' && k.front() <= 'Z') return false;
  *key = std::string(k);
  std::string_view v = rest.substr(colon + 1);
  size_t vlead = 0;
  while (vlead < v.size() && v[vlead] == ' ') ++vlead;
  *value = std::string(Trim(v));
  *value_col = static_cast<int>(lead + 2 + colon + 1 + vlead + 1);
  return true;
}

Status Error(const std::string& path, int line, int col, const std::string& msg) {
  return Status::InvalidInput(fmt::format("{}:{}:{}: {}", path, line, col, msg));
}

Status ParsePairs(const std::string& path, const Line& l, int col, const std::string& value,
                  std::vector<std::pair<std::string, std::string>>* out) {
  for (const std::string& item : SplitList(value, ',')) {
    size_t eq = item.find('=');
    if (eq == std::string::npos) {
      return Error(path, l.number, col,
                   "应为 名称=表达式 / expected name=expression: \"" + item + "\"");
    }
    std::string name(Trim(std::string_view(item).substr(0, eq)));
    std::string expr(Trim(std::string_view(item).substr(eq + 1)));
    if (!IsIdentifier(name) || expr.empty()) {
      return Error(path, l.number, col, "无效的项 / invalid item: \"" + item + "\"");
    }
    out->emplace_back(std::move(name), std::move(expr));
  }
  return Status::Ok();
}

Status ApplyRuleMeta(const std::string& path, const Line& l, int col, const std::string& key,
                     const std::string& value, RuleDef* r) {
  if (key == "title_zh")
    r->title_zh = value;
  else if (key == "title_en")
    r->title_en = value;
  else if (key == "keys")
    r->keys = SplitList(value, ',');
  else if (key == "department")
    r->department = value;
  else if (key == "severity")
    r->severity = value;
  else if (key == "legal_basis")
    r->legal_basis = SplitList(value, '|');
  else if (key == "requires")
    r->required_tables = SplitList(value, ',');
  else if (key == "target")
    return ParsePairs(path, l, col, value, &r->target);
  else if (key == "evidence")
    return ParsePairs(path, l, col, value, &r->evidence);
  else
    return Error(path, l.number, 4, "未知的规则字段 / unknown rule field \"" + key + "\"");
  return Status::Ok();
}

Status ApplyModelMeta(const std::string& path, const Line& l, int col, const std::string& key,
                      const std::string& value, ModelDef* m) {
  if (key == "model")
    m->id = value;
  else if (key == "title_zh")
    m->title_zh = value;
  else if (key == "title_en")
    m->title_en = value;
  else if (key == "description_zh")
    m->description_zh += (m->description_zh.empty() ? "" : " ") + value;
  else if (key == "description_en")
    m->description_en += (m->description_en.empty() ? "" : " ") + value;
  else if (key == "legal_basis")
    m->legal_basis = SplitList(value, '|');
  else if (key == "requires")
    m->required_tables = SplitList(value, ',');
  else if (key == "param") {
    // param: name = default  # description
    ParamDef p;
    std::string v = value;
    size_t hash = v.find('#');
    if (hash != std::string::npos) {
      p.description = std::string(Trim(std::string_view(v).substr(hash + 1)));
      v = v.substr(0, hash);
    }
    size_t eq = v.find('=');
    if (eq == std::string::npos) {
      return Error(path, l.number, col, "参数应为 名称 = 默认值 / param must be name = default");
    }
    p.name = std::string(Trim(std::string_view(v).substr(0, eq)));
    p.default_value = std::string(Trim(std::string_view(v).substr(eq + 1)));
    if (!IsIdentifier(p.name))
      return Error(path, l.number, col, "无效的参数名 / invalid param name");
    m->params.push_back(std::move(p));
  } else {
    return Error(path, l.number, 4, "未知的模型字段 / unknown model field \"" + key + "\"");
  }
  return Status::Ok();
}

Status Validate(const std::string& path, const ModelDef& m, int last_line) {
  if (m.id.empty() || !IsIdentifier(m.id)) {
    return Error(path, 1, 1, "缺少 `-- model: 名称` / missing `-- model: <id>` header");
  }
  if (m.rules.empty()) return Error(path, last_line, 1, "模型没有规则 / model has no rule");
  std::set<std::string> names;
  for (const RuleDef& r : m.rules) {
    int line = r.sql_line > 0 ? r.sql_line : r.rule_line;
    if (!names.insert(r.name).second) {
      return Error(path, line, 1, "规则名重复 / duplicate rule \"" + r.name + "\"");
    }
    if (r.keys.empty())
      return Error(path, line, 1, "规则 " + r.name + " 缺少 keys / rule has no keys");
    if (r.department.empty() || r.severity.empty()) {
      return Error(
          path, line, 1,
          "规则 " + r.name + " 缺少 department 或 severity / rule needs department and severity");
    }
    if (Trim(r.sql).empty())
      return Error(path, line, 1, "规则 " + r.name + " 没有 SQL / rule has no SQL");
  }
  return Status::Ok();
}

}  // namespace

Result<ModelDef> ParseModelFile(const std::string& path, std::string_view text) {
  ModelDef m;
  m.path = path;
  m.sha256 = Sha256Hex(text);
  std::vector<Line> lines = SplitLines(text);
  RuleDef* rule = nullptr;
  bool in_sql = false;
  for (const Line& l : lines) {
    std::string key, value;
    int col = 0;
    bool meta = ParseMeta(l.text, &key, &value, &col);
    if (meta && key == "rule") {
      if (!IsIdentifier(value))
        return Error(path, l.number, col, "无效的规则名 / invalid rule name");
      m.rules.emplace_back();
      rule = &m.rules.back();
      rule->name = value;
      rule->rule_line = l.number;
      in_sql = false;
      continue;
    }
    if (rule == nullptr) {
      if (meta) {
        RETURN_IF_ERROR(ApplyModelMeta(path, l, col, key, value, &m));
      } else if (!Trim(l.text).empty() && Trim(l.text).substr(0, 2) != "--") {
        return Error(path, l.number, 1,
                     "SQL 必须在 `-- rule:` 之后 / SQL must follow a `-- rule: <name>` line");
      }
      continue;
    }
    if (!in_sql && meta) {
      RETURN_IF_ERROR(ApplyRuleMeta(path, l, col, key, value, rule));
      continue;
    }
    if (!in_sql) {
      if (Trim(l.text).empty()) continue;
      in_sql = true;
      rule->sql_line = l.number;
    }
    rule->sql.append(l.text);
    rule->sql.push_back('\n');
  }
  RETURN_IF_ERROR(Validate(path, m, static_cast<int>(lines.size())));
  // Strip a trailing semicolon: the runner embeds the query.
  for (RuleDef& r : m.rules) {
    std::string_view s = Trim(r.sql);
    while (!s.empty() && (s.back() == ';' || s.back() == ' ' || s.back() == '\n'))
      s.remove_suffix(1);
    r.sql = std::string(s);
  }
  return m;
}

Result<std::vector<ModelDef>> LoadModelDir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<ModelDef> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".sql") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    ASSIGN_OR_RETURN(ModelDef m, ParseModelFile(p.string(), ss.str()));
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace tutela::models

namespace tutela::models {

extern const std::vector<std::pair<std::string_view, std::string_view>> kBuiltinModelFiles;

Result<std::vector<ModelDef>> BuiltinModels() {
  std::vector<ModelDef> out;
  for (const auto& [name, text] : kBuiltinModelFiles) {
    ASSIGN_OR_RETURN(ModelDef m, ParseModelFile("builtin:" + std::string(name), text));
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(),
            [](const ModelDef& a, const ModelDef& b) { return a.id < b.id; });
  return out;
}

}  // namespace tutela::models
