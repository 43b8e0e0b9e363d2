// Shared CLI plumbing.
#include "cli/loading.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <map>

#include "common/atomic_file.h"

namespace tutela::cli {

int ReportError(const Status& status) {
  std::fprintf(stderr, "tutela: %s\n", status.message().c_str());
  switch (status.code()) {
    case StatusCode::kInvalidInput:
    case StatusCode::kNotFound:
    case StatusCode::kCorruption:
      return kExitBadInput;
    default:
      return kExitInternal;
  }
}

ingest::ImportOptions ProgressOptions(ingest::Encoding encoding) {
  using Clock = std::chrono::steady_clock;
  struct FileProgress {
    Clock::time_point start, last;
  };
  ingest::ImportOptions opts;
  opts.encoding = encoding;
  auto files = std::make_shared<std::map<std::string, FileProgress>>();
  // At most one line per file per second, so a 10M-row file stays readable.
  opts.progress = [files](const std::string& file, int64_t rows) {
    auto now = Clock::now();
    auto it = files->find(file);
    if (it == files->end()) {
      files->emplace(file, FileProgress{now, now});
      std::fprintf(stderr, "加载 / loading %s ...\n", file.c_str());
      return;
    }
    if (now - it->second.last < std::chrono::seconds(1)) return;
    it->second.last = now;
    double secs = std::chrono::duration<double>(now - it->second.start).count();
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
