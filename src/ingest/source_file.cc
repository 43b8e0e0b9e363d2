// Source files: reading, decoding, the CSV header, and cutting the records
// into pieces for parallel parsing.
#include "ingest/source_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "common/text.h"
#include "ingest/csv_reader.h"
#include "ingest/encoding.h"

namespace tutela::ingest {

namespace {

bool EndsWithCi(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && AsciiLower(s.substr(s.size() - suffix.size())) == suffix;
}

// Occurrences of byte `c` in [p, p + n), 16 bytes at a time.
size_t CountByte(const char* p, size_t n, char c) {
  size_t total = 0;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i needle = _mm_set1_epi8(c);
  while (n - i >= 16) {
    // Up to 255 blocks per byte-wide accumulator, then a horizontal sum.
    __m128i acc = _mm_setzero_si128();
    const size_t blocks = std::min<size_t>((n - i) / 16, 255);
    for (size_t b = 0; b < blocks; ++b, i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, needle));
    }
    const __m128i sums = _mm_sad_epu8(acc, _mm_setzero_si128());
    total += static_cast<size_t>(_mm_cvtsi128_si32(sums)) +
             static_cast<size_t>(_mm_extract_epi16(sums, 4));
  }
#endif
  for (; i < n; ++i) total += p[i] == c;
  return total;
}

}  // namespace

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

void FileBytes::Free::operator()(char* p) const { std::free(p); }

Result<FileBytes> ReadWholeFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr)
    return Status::NotFound(fmt::format("{}: 无法打开文件 / cannot open file", path));
  FileBytes bytes;
  size_t capacity = 0;
  bool ok = std::fseek(f, 0, SEEK_END) == 0;
  const long size = ok ? std::ftell(f) : -1;
  ok = ok && size >= 0 && std::fseek(f, 0, SEEK_SET) == 0;
  const auto grow = [&](size_t want) {
    char* p = static_cast<char*>(std::realloc(bytes.owned_.get(), want == 0 ? 1 : want));
    if (p == nullptr) return false;
    (void)bytes.owned_.release();
    bytes.owned_.reset(p);
    capacity = want;
    return true;
  };
  if (ok) ok = grow(static_cast<size_t>(size));
  if (ok) {
    bytes.size_ = std::fread(bytes.owned_.get(), 1, capacity, f);
    ok = bytes.size_ == capacity;
    // Whatever a growing file gained since ftell is read too.
    char extra[65536];
    size_t n;
    while (ok && (n = std::fread(extra, 1, sizeof extra, f)) > 0) {
      ok = grow(bytes.size_ + n);
      if (ok) std::memcpy(bytes.owned_.get() + bytes.size_, extra, n);
      bytes.size_ += n;
    }
    ok = ok && !std::ferror(f);
  }
  std::fclose(f);
  if (!ok) return Status::IoError(fmt::format("{}: 读取失败 / read failed", path));
  bytes.data_ = bytes.owned_.get();
  return bytes;
}

std::vector<size_t> FindCuts(std::string_view text, size_t begin, size_t pieces, bool csv) {
  std::vector<size_t> cuts;
  const char* const base = text.data();
  const size_t end = text.size();
  if (begin >= end) return cuts;
  size_t pos = 0;  // quotes are counted in [0, pos)
  size_t quotes = 0;
  const auto count_to = [&](size_t to) {
    if (csv) quotes += CountByte(base + pos, to - pos, '"');
    pos = to;
  };
  for (size_t i = 1; i < pieces; ++i) {
    const size_t target = begin + (end - begin) * i / pieces;
    if (target <= pos) continue;
    count_to(target);
    for (;;) {
      const void* nl = std::memchr(base + pos, '\n', end - pos);
      if (nl == nullptr) return cuts;
      const size_t cut = static_cast<size_t>(static_cast<const char*>(nl) - base) + 1;
      count_to(cut);
      if (cut >= end) return cuts;
      if (quotes % 2 == 0) {
        cuts.push_back(cut);
        break;
      }
    }
  }
  return cuts;
}

Result<PreparedFile> PrepareFile(const TableDef& def, const std::string& path,
                                 const std::string& base, FileBytes raw,
                                 const ImportOptions& options, size_t max_pieces,
                                 size_t min_piece_bytes) {
  PreparedFile file;
  file.path = path;
  file.base = base;
  file.bytes = static_cast<int64_t>(raw.view().size());
  file.jsonl = EndsWithCi(base, ".jsonl") || EndsWithCi(base, ".json");
  if (!file.jsonl && !EndsWithCi(base, ".csv")) {
    return Status::InvalidInput(
        fmt::format("{}: 不支持的文件类型，应为 .csv 或 .jsonl / unsupported file type, expected "
                    ".csv or .jsonl",
                    base));
  }
  ASSIGN_OR_RETURN(const Encoding detected, DecodeInPlace(raw.view(), options.encoding, base,
                                                          &file.text_begin, &file.converted));
  file.encoding = EncodingName(detected);
  file.utf8 = detected == Encoding::kUtf8;
  if (file.utf8) {
    file.raw = std::move(raw);
  } else {
    file.text_begin = 0;
  }
  const std::string_view text = file.text();

  size_t start = 0;
  int64_t start_line = 1;
  if (!file.jsonl) {
    CsvReader reader(text);
    CsvRecord rec;
    if (!reader.Next(&rec)) {  // empty file: empty table
      file.cuts = {text.size()};
      file.cut_lines = {reader.line()};
      return file;
    }
    if (!rec.error.empty()) {
      return Status::InvalidInput(
          fmt::format("{}:{}:1: 表头无法解析 / malformed header: {}", base, rec.line, rec.error));
    }
    std::vector<int> seen(def.columns.size(), 0);
    for (size_t i = 0; i < rec.fields.size(); ++i) {
      const int canonical = MatchHeader(def, rec.fields[i]);
      if (canonical >= 0 && seen[static_cast<size_t>(canonical)]++) {
        const std::string& name = def.columns[static_cast<size_t>(canonical)].name;
        return Status::InvalidInput(
            fmt::format("{}:{}:{}: 列 {} 在表头中出现两次 / column {} appears twice in the header",
                        base, rec.line, i + 1, name, name));
      }
      file.header.emplace_back(rec.fields[i]);
    }
    file.has_header = true;
    start = reader.offset();
    start_line = reader.line();
  }

  const size_t body = text.size() - std::min(start, text.size());
  size_t pieces = std::max<size_t>(1, min_piece_bytes == 0 ? max_pieces : body / min_piece_bytes);
  pieces = std::min(pieces, std::max<size_t>(1, max_pieces));
  file.cuts.push_back(start);
  file.cut_lines.push_back(start_line);
  if (pieces > 1) {
    size_t counted = 0;  // newlines are counted in [0, counted)
    int64_t line = 1;
    for (size_t cut : FindCuts(text, start, pieces, !file.jsonl)) {
      line += static_cast<int64_t>(CountByte(text.data() + counted, cut - counted, '\n'));
      counted = cut;
      file.cuts.push_back(cut);
      file.cut_lines.push_back(line);
    }
  }
  file.cuts.push_back(text.size());
  file.cut_lines.push_back(-1);  // unused: nothing starts at the end
  return file;
}

}  // namespace tutela::ingest
