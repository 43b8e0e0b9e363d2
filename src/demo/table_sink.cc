// Buffered CSV / JSON Lines writer with temp-file + rename and GB18030 output.
#include "demo/table_sink.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <iconv.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace tutela::demo {

namespace {
constexpr size_t kFlushAt = 4 << 20;

Status Errno(const std::string& what, const std::string& path) {
  return Status::IoError(
      fmt::format("{}: {} 失败 / {} failed: {}", path, what, what, std::strerror(errno)));
}
}  // namespace

TableSink::TableSink(const SinkOptions& options) : options_(options) {}

Result<std::unique_ptr<TableSink>> TableSink::Open(const SinkOptions& options,
                                                   std::vector<std::string> header,
                                                   std::vector<std::string> alt_keys) {
  std::unique_ptr<TableSink> sink(new TableSink(options));
  sink->tmp_path_ = fmt::format("{}.tmp.{}", options.path, getpid());
  sink->fd_ = ::open(sink->tmp_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (sink->fd_ < 0) return Errno("open", sink->tmp_path_);
  if (options.encoding == FileEncoding::kGb18030) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) {
      return Status::Internal("iconv 不支持 GB18030 / iconv cannot convert to GB18030");
    }
    sink->iconv_ = cd;
  }
  sink->buf_.reserve(kFlushAt + (1 << 16));
  if (options.encoding == FileEncoding::kUtf8Bom) sink->WriteOut("\xEF\xBB\xBF");
  sink->keys_ = std::move(header);
  sink->alt_keys_ = std::move(alt_keys);
  if (!options.jsonl) {
    for (size_t i = 0; i < sink->keys_.size(); ++i) {
      if (i) sink->buf_ += ',';
      sink->AppendCsvCell(sink->keys_[i]);
    }
    sink->buf_ += options.crlf ? "\r\n" : "\n";
    sink->line_ = 2;
  }
  return sink;
}

TableSink::~TableSink() {
  if (iconv_ != nullptr) iconv_close(static_cast<iconv_t>(iconv_));
  if (fd_ >= 0) ::close(fd_);
  if (!finished_ && !tmp_path_.empty()) ::unlink(tmp_path_.c_str());
}

void TableSink::Begin(bool alt_keys) {
  record_start_ = buf_.size();
  cell_ = 0;
  alt_ = alt_keys && !alt_keys_.empty();
  if (options_.jsonl) buf_ += '{';
}

void TableSink::NextKey() {
  if (cell_ > 0) buf_ += ',';
  const std::vector<std::string>& keys = alt_ ? alt_keys_ : keys_;
  AppendJsonString(cell_ < keys.size() ? keys[cell_] : std::string_view("_extra"));
  buf_ += ':';
}

void TableSink::Cell(std::string_view text) {
  if (options_.jsonl) {
    NextKey();
    AppendJsonString(text);
  } else {
    if (cell_ > 0) buf_ += ',';
    AppendCsvCell(text);
  }
  ++cell_;
}

void TableSink::Bare(std::string_view text) {
  if (options_.jsonl) {
    NextKey();
  } else if (cell_ > 0) {
    buf_ += ',';
  }
  buf_ += text;
  ++cell_;
}

void TableSink::Null() {
  if (options_.jsonl) {
    NextKey();
    buf_ += "null";
  } else if (cell_ > 0) {
    buf_ += ',';
  }
  ++cell_;
}

int32_t TableSink::End() {
  buf_ += options_.jsonl ? "}\n" : (options_.crlf ? "\r\n" : "\n");
  const int32_t start = line_;
  line_ += static_cast<int32_t>(
      std::count(buf_.begin() + static_cast<std::ptrdiff_t>(record_start_), buf_.end(), '\n'));
  ++records_;
  MaybeFlush();
  return start;
}

int32_t TableSink::RawLine(std::string_view line) {
  buf_ += line;
  buf_ += options_.crlf ? "\r\n" : "\n";
  const int32_t start = line_;
  line_ += static_cast<int32_t>(std::count(line.begin(), line.end(), '\n')) + 1;
  ++records_;
  MaybeFlush();
  return start;
}

void TableSink::BlankLine() {
  buf_ += options_.crlf ? "\r\n" : "\n";
  ++line_;
}

void TableSink::AppendCsvCell(std::string_view text) {
  bool quote = false;
  for (char c : text) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (!quote) {
    buf_ += text;
    return;
  }
  buf_ += '"';
  for (char c : text) {
    if (c == '"') buf_ += '"';
    buf_ += c;
  }
  buf_ += '"';
}

void TableSink::AppendJsonString(std::string_view text) {
  buf_ += '"';
  for (char c : text) {
    switch (c) {
      case '"':
        buf_ += "\\\"";
        break;
      case '\\':
        buf_ += "\\\\";
        break;
      case '\n':
        buf_ += "\\n";
        break;
      case '\r':
        buf_ += "\\r";
        break;
      case '\t':
        buf_ += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          buf_ += fmt::format("\\u{:04x}", static_cast<int>(c));
        } else {
          buf_ += c;
        }
    }
  }
  buf_ += '"';
}

void TableSink::MaybeFlush() {
  if (buf_.size() >= kFlushAt) Flush();
}

void TableSink::Flush() {
  if (buf_.empty()) return;
  if (iconv_ == nullptr) {
    WriteOut(buf_);
  } else {
    converted_.resize(buf_.size() * 2 + 16);
    char* in = buf_.data();
    size_t in_left = buf_.size();
    char* out = converted_.data();
    size_t out_left = converted_.size();
    if (iconv(static_cast<iconv_t>(iconv_), &in, &in_left, &out, &out_left) ==
        static_cast<size_t>(-1)) {
      if (status_.ok()) {
        status_ =
            Status::Internal(fmt::format("{}: 无法编码为 GB18030 / cannot encode as GB18030: {}",
                                         options_.path, std::strerror(errno)));
      }
    } else {
      WriteOut(std::string_view(converted_.data(), converted_.size() - out_left));
    }
  }
  buf_.clear();
  record_start_ = 0;
}

void TableSink::WriteOut(std::string_view bytes) {
  bytes_ += static_cast<int64_t>(bytes.size());
  while (!bytes.empty() && status_.ok()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      status_ = Errno("write", tmp_path_);
      return;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

Status TableSink::Finish() {
  Flush();
  finished_ = true;
  if (status_.ok() && ::fsync(fd_) != 0) status_ = Errno("fsync", tmp_path_);
  ::close(fd_);
  fd_ = -1;
  if (status_.ok() && ::rename(tmp_path_.c_str(), options_.path.c_str()) != 0) {
    status_ = Errno("rename", options_.path);
  }
  if (!status_.ok()) {
    ::unlink(tmp_path_.c_str());
    return status_;
  }
  std::filesystem::path parent = std::filesystem::path(options_.path).parent_path();
  int dfd = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Status::Ok();
}

}  // namespace tutela::demo
