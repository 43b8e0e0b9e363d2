// Shared CLI plumbing.
#include "cli/loading.h"

#include <chrono>
#include <cstdio>
#include <map>

#include <fmt/format.h>

#include "common/atomic_file.h"

namespace tutela::cli {

int ReportError(const Status& status) {
  std::fprintf(stderr, "tutela: %s\n", status.message().c_str());
  switch (status.code()) {
    case StatusCode::kInvalidInput:
    case StatusCode::kNotFound:
    case StatusCode::kCorruption: return kExitBadInput;
    default: return kExitInternal;
  }
}

ingest::ImportOptions ProgressOptions(ingest::Encoding encoding) {
  ingest::ImportOptions opts;
  opts.encoding = encoding;
  auto start = std::make_shared<std::map<std::string, std::chrono::steady_clock::time_point>>();
  opts.progress = [start](const std::string& file, int64_t rows) {
    auto now = std::chrono::steady_clock::now();
    auto it = start->find(file);
    if (it == start->end()) {
      start->emplace(file, now);
      std::fprintf(stderr, "加载 / loading %s ...\n", file.c_str());
      return;
    }
    double secs = std::chrono::duration<double>(now - it->second).count();
    double rate = secs > 0 ? static_cast<double>(rows) / secs : 0;
    std::fprintf(stderr, "  %s: %lld 行 rows (%.0f 行/秒 rows/s)\n", file.c_str(),
                 static_cast<long long>(rows), rate);
  };
  return opts;
}

Status WriteRejectLog(const std::string& path, const std::vector<ingest::RejectEntry>& rejects) {
  std::string out;
  for (const ingest::RejectEntry& e : rejects) {
    out += ingest::RejectEntryToJson(e);
    out += '\n';
  }
  return WriteFileAtomically(path, out);
}

void PrintLoadSummary(const ingest::DataDirLoad& load) {
  for (const std::string& f : load.skipped_files) {
    std::fprintf(stderr, "跳过 / skipped %s (不是标准数据表 / not a table of the standard)\n",
                 f.c_str());
  }
  for (const ingest::ImportResult& imp : load.imports) {
    for (const ingest::FileImportStats& f : imp.files) {
      std::fprintf(stderr,
                   "%s: 读取 %lld 行, 拒绝 %lld, 警告 %lld / read %lld rows, rejected %lld, "
                   "warned %lld (%s)\n",
                   f.base_name.c_str(), static_cast<long long>(f.rows_read),
                   static_cast<long long>(f.rows_rejected), static_cast<long long>(f.rows_warned),
                   static_cast<long long>(f.rows_read), static_cast<long long>(f.rows_rejected),
                   static_cast<long long>(f.rows_warned), f.encoding.c_str());
    }
  }
}

int64_t CountRejected(const std::vector<ingest::RejectEntry>& rejects) {
  int64_t n = 0;
  for (const ingest::RejectEntry& e : rejects) n += e.kind == ingest::RejectKind::kReject;
  return n;
}

Result<ingest::Encoding> EncodingFlag(const std::string& value) {
  if (value.empty()) return ingest::Encoding::kAuto;
  return ingest::ParseEncodingName(value);
}

}  // namespace tutela::cli
