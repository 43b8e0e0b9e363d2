// A source file made ready for parsing: read, decoded to UTF-8, its CSV
// header read and checked, and cut into pieces at record boundaries that can
// be parsed on separate threads. Pure functions; a PreparedFile is read-only
// once made (and may then be shared by the threads parsing its pieces).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "ingest/importer.h"
#include "ingest/schema.h"

namespace tutela::ingest {

// The bytes of a source file: a buffer it owns (read from disk, not zeroed
// first), or a view of bytes the caller keeps alive. Movable; the bytes
// themselves never move.
class FileBytes {
 public:
  FileBytes() = default;
  static FileBytes View(std::string_view bytes) {
    FileBytes b;
    b.data_ = bytes.data();
    b.size_ = bytes.size();
    return b;
  }
  std::string_view view() const { return {data_, size_}; }
  void Release() { *this = FileBytes(); }

 private:
  friend Result<FileBytes> ReadWholeFile(const std::string& path);
  struct Free {
    void operator()(char* p) const;
  };
  std::unique_ptr<char, Free> owned_;
  const char* data_ = nullptr;
  size_t size_ = 0;
};

struct PreparedFile {
  std::string path;  // as given
  std::string base;  // base name, used in the reject log
  bool jsonl = false;
  int64_t bytes = 0;     // size before decoding
  std::string encoding;  // "utf-8" or "gb18030"
  // The decoded UTF-8 text (BOM removed): part of `raw` for UTF-8 input,
  // else `converted`. Valid until ReleaseText.
  std::string_view text() const {
    return (utf8 ? raw.view() : std::string_view(converted)).substr(text_begin);
  }
  void ReleaseText() {
    raw.Release();
    std::string().swap(converted);
    text_begin = 0;
  }
  // CSV: false for an empty file (no header record: no rows, no file entry).
  bool has_header = false;
  std::vector<std::string> header;  // CSV header cells, as written
  // Piece boundaries: cuts.front() is where the records start (after the CSV
  // header), cuts.back() == text().size(); piece i is [cuts[i], cuts[i + 1]).
  // A cut past the first is the start of a line at which quote parity says a
  // record starts; the parser of the previous piece confirms it (see
  // CsvReader::Resumable) before the next piece's records are used.
  std::vector<size_t> cuts;
  std::vector<int64_t> cut_lines;  // physical line at each cut
  size_t pieces() const { return cuts.size() - 1; }

  FileBytes raw;
  std::string converted;
  bool utf8 = true;
  size_t text_begin = 0;
};

// Reads a whole file into one buffer, sized once (files can be gigabytes).
Result<FileBytes> ReadWholeFile(const std::string& path);

// Base name of a path ("a/b/c.csv" -> "c.csv").
std::string BaseName(const std::string& path);

// Decodes `raw` (the format comes from the extension of `base`), reads and
// checks the CSV header, and cuts the records into at most `max_pieces`
// pieces of at least `min_piece_bytes` bytes. Errors are those of a file
// that cannot be read at all: unsupported extension, undecodable bytes, a
// malformed header or one naming a column twice.
Result<PreparedFile> PrepareFile(const TableDef& def, const std::string& path,
                                 const std::string& base, FileBytes raw,
                                 const ImportOptions& options, size_t max_pieces,
                                 size_t min_piece_bytes);

// Cut points for `pieces` pieces of text[begin, end): each cut is just after
// a newline; for CSV only where the number of quote characters before it is
// even. Fewer cuts when no such newline is found. Exposed for tests.
std::vector<size_t> FindCuts(std::string_view text, size_t begin, size_t pieces, bool csv);

}  // namespace tutela::ingest
