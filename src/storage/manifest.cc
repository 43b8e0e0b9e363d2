// Manifest JSON encoding (nlohmann::json; its exceptions stop here).
#include "storage/manifest.h"

#include <fmt/format.h>

#include <ctime>
#include <nlohmann/json.hpp>

namespace tutela::storage {
namespace {

using nlohmann::json;

constexpr const char* kFormat = "tutela-manifest";
constexpr int kVersion = 1;

json SourceToJson(const SourceInfo& s) {
  return json{{"path", s.path},
              {"name", s.name},
              {"sha256", s.sha256},
              {"bytes", s.bytes},
              {"encoding", s.encoding},
              {"format", s.format},
              {"rows_read", s.rows_read},
              {"rows_accepted", s.rows_accepted},
              {"rows_rejected", s.rows_rejected},
              {"rows_warned", s.rows_warned},
              {"rows_duplicate_key", s.rows_duplicate_key},
              {"imported_at", s.imported_at}};
}

SourceInfo SourceFromJson(const json& j) {
  SourceInfo s;
  s.path = j.at("path").get<std::string>();
  s.name = j.at("name").get<std::string>();
  s.sha256 = j.at("sha256").get<std::string>();
  s.bytes = j.at("bytes").get<int64_t>();
  s.encoding = j.at("encoding").get<std::string>();
  s.format = j.at("format").get<std::string>();
  s.rows_read = j.at("rows_read").get<int64_t>();
  s.rows_accepted = j.at("rows_accepted").get<int64_t>();
  s.rows_rejected = j.at("rows_rejected").get<int64_t>();
  s.rows_warned = j.at("rows_warned").get<int64_t>();
  s.rows_duplicate_key = j.at("rows_duplicate_key").get<int64_t>();
  s.imported_at = j.at("imported_at").get<std::string>();
  return s;
}

}  // namespace

Result<Type> ParseTypeName(std::string_view name) {
  for (Type t : {Type::kBool, Type::kInt64, Type::kDouble, Type::kDate, Type::kTimestamp,
                 Type::kString, Type::kPersonId}) {
    if (name == TypeName(t)) return t;
  }
  return Status::Corruption(fmt::format("未知列类型 / unknown column type: {}", name));
}

Result<std::string> EncodeManifest(const Manifest& m) try {
  json tables = json::object();
  for (const auto& [name, t] : m.tables) {
    json cols = json::array();
    for (const ColumnSpec& c : t.columns)
      cols.push_back({{"name", c.name}, {"type", TypeName(c.type)}});
    json sources = json::array();
    for (const SourceInfo& s : t.sources) sources.push_back(SourceToJson(s));
    tables[name] = json{{"file", t.file},
                        {"generation", t.generation},
                        {"file_bytes", t.file_bytes},
                        {"rows", t.rows},
                        {"columns", std::move(cols)},
                        {"sources", std::move(sources)},
                        {"updated_at", t.updated_at}};
  }
  json j{{"format", kFormat},
         {"version", kVersion},
         {"workspace_id", m.workspace_id},
         {"generation", m.generation},
         {"tables", std::move(tables)}};
  // Paths that are not valid UTF-8 (e.g. GBK file names) get U+FFFD.
  return j.dump(1, ' ', false, json::error_handler_t::replace);
} catch (const json::exception& e) {
  return Status::Internal(fmt::format("无法编码清单 / cannot encode the manifest: {}", e.what()));
}

Result<Manifest> DecodeManifest(std::string_view text) {
  try {
    json j = json::parse(text);
    if (j.at("format").get<std::string>() != kFormat) {
      return Status::Corruption("清单格式错误 / not a workspace manifest");
    }
    int version = j.at("version").get<int>();
    if (version != kVersion) {
      return Status::Corruption(
          fmt::format("不支持的清单版本 / unsupported manifest version {}", version));
    }
    Manifest m;
    m.workspace_id = j.at("workspace_id").get<std::string>();
    m.generation = j.at("generation").get<uint64_t>();
    for (const auto& [name, t] : j.at("tables").items()) {
      TableInfo info;
      info.name = name;
      info.file = t.at("file").get<std::string>();
      info.generation = t.at("generation").get<uint64_t>();
      info.file_bytes = t.at("file_bytes").get<uint64_t>();
      info.rows = t.at("rows").get<int64_t>();
      for (const json& c : t.at("columns")) {
        ColumnSpec spec;
        spec.name = c.at("name").get<std::string>();
        ASSIGN_OR_RETURN(spec.type, ParseTypeName(c.at("type").get<std::string>()));
        info.columns.push_back(std::move(spec));
      }
      for (const json& s : t.at("sources")) info.sources.push_back(SourceFromJson(s));
      info.updated_at = t.at("updated_at").get<std::string>();
      m.tables.emplace(name, std::move(info));
    }
    return m;
  } catch (const json::exception& e) {
    return Status::Corruption(fmt::format("清单内容错误 / malformed manifest: {}", e.what()));
  }
}

std::string UtcNowIso8601() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

}  // namespace tutela::storage
