// LoadTables: read/decode in parallel, parse pieces in parallel, merge in order.
#include "ingest/table_loader.h"

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <tuple>

#include "common/parallel.h"
#include "ingest/source_file.h"
#include "ingest/table_assembler.h"

namespace tutela::ingest {

namespace {

// Serialises progress calls from the parsing threads and keeps their order
// readable: only the first file (in file order) whose parsing is not over
// reports its running count; when it is over, the next file becomes current
// and is announced (its first call), so files appear in file order.
class ProgressRelay {
 public:
  ProgressRelay(const ImportOptions& options, std::vector<std::string> bases)
      : options_(options),
        bases_(std::move(bases)),
        counts_(bases_.size(), 0),
        last_(bases_.size(), -1),
        done_(bases_.size(), 0) {}

  RowsProgress For(size_t file) {
    if (!options_.progress) return nullptr;
    return [this, file](int64_t rows) { Add(file, rows); };
  }
  // Rows read in `file` since the last call (any thread).
  void Add(size_t file, int64_t rows) {
    std::lock_guard<std::mutex> lock(mu_);
    counts_[file] += rows;
    if (file == current_) Call(file, counts_[file]);
  }
  // All of `file` has been parsed.
  void Done(size_t file) {
    if (!options_.progress) return;
    std::lock_guard<std::mutex> lock(mu_);
    done_[file] = 1;
    while (current_ < bases_.size() && done_[current_]) {
      if (!announced_) Call(current_, counts_[current_]);
      ++current_;
      announced_ = false;
      if (current_ < bases_.size()) Call(current_, counts_[current_]);
    }
  }
  // The exact final count, in file order (not repeated when it was the last
  // count passed on).
  void Final(size_t file, int64_t rows) {
    if (!options_.progress) return;
    std::lock_guard<std::mutex> lock(mu_);
    if (last_[file] != rows) Call(file, rows);
  }

 private:
  void Call(size_t file, int64_t rows) {
    if (file == current_) announced_ = true;
    last_[file] = rows;
    options_.progress(bases_[file], rows);
  }

  const ImportOptions& options_;
  std::vector<std::string> bases_;
  std::mutex mu_;
  std::vector<int64_t> counts_;
  std::vector<int64_t> last_;  // last count passed on, -1 before the first call
  std::vector<char> done_;
  size_t current_ = 0;
  bool announced_ = false;
};

struct FileSlot {
  size_t job = 0;
  std::string path;
  std::string base;
};

Result<FileBytes> RawBytes(const TableJob& job, const FileSlot& slot) {
  if (job.text.has_value()) return FileBytes::View(*job.text);
  return ReadWholeFile(slot.path);
}

Result<std::vector<ImportResult>> LoadOneThread(const std::vector<TableJob>& jobs,
                                                const std::vector<FileSlot>& files,
                                                PersonDict* persons, const ImportOptions& options,
                                                ProgressRelay* relay) {
  std::vector<ImportResult> results;
  size_t f = 0;
  for (const TableJob& job : jobs) {
    TableAssembler assembler(*job.def, job.base, persons, 1);
    for (size_t k = 0; k < job.paths.size(); ++k, ++f) {
      ASSIGN_OR_RETURN(FileBytes raw, RawBytes(job, files[f]));
      ASSIGN_OR_RETURN(PreparedFile file, PrepareFile(*job.def, files[f].path, files[f].base,
                                                      std::move(raw), options, 1, 0));
      assembler.BeginFile(file);
      assembler.ParseWhole(file, relay->For(f));
      relay->Final(f, assembler.EndFile());
      relay->Done(f);
    }
    results.push_back(assembler.TakeResult());
  }
  return results;
}

// The parallel import. `threads` workers read and decode files and parse
// their pieces — pieces first (parsing frees memory), each kind in file
// order — while the calling thread merges the files in file order as soon as
// each is parsed, so that merging overlaps parsing.
class ParallelLoad {
 public:
  ParallelLoad(const std::vector<TableJob>& jobs, std::vector<FileSlot> files, PersonDict* persons,
               const ImportOptions& options, int threads, ProgressRelay* relay)
      : jobs_(jobs),
        files_(std::move(files)),
        options_(options),
        threads_(threads),
        relay_(relay),
        prepared_(files_.size()),
        status_(files_.size(), Status::Ok()),
        pieces_(files_.size()),
        left_(files_.size(), 0),
        ready_(files_.size(), 0) {
    for (const TableJob& job : jobs) {
      assemblers_.push_back(std::make_unique<TableAssembler>(*job.def, job.base, persons, threads));
    }
  }

  Result<std::vector<ImportResult>> Run() {
    // A file is cut only as far as it is larger than a thread's share of all
    // the bytes: whole files keep the threads busy otherwise, and merging a
    // piece costs more than adopting a whole file.
    std::vector<uintmax_t> sizes(files_.size(), 0);
    uintmax_t total = 0;
    for (size_t i = 0; i < files_.size(); ++i) {
      const TableJob& job = jobs_[files_[i].job];
      std::error_code ec;
      sizes[i] =
          job.text.has_value() ? job.text->size() : std::filesystem::file_size(files_[i].path, ec);
      if (ec) sizes[i] = 0;
      total += sizes[i];
    }
    max_pieces_.assign(files_.size(), 1);
    for (size_t i = 0; i < files_.size(); ++i) {
      if (!assemblers_[files_[i].job]->CanMerge()) continue;
      if (!options_.balance_pieces || total == 0) {
        max_pieces_[i] = static_cast<size_t>(threads_);
        continue;
      }
      const uintmax_t share = (sizes[i] * static_cast<uintmax_t>(threads_) + total - 1) / total;
      max_pieces_[i] =
          static_cast<size_t>(std::clamp<uintmax_t>(share, 1, static_cast<uintmax_t>(threads_)));
    }
    for (size_t i = 0; i < files_.size(); ++i) queue_.insert({kPrepare, i, 0});
    std::vector<std::thread> workers;
    for (int t = 0; t < threads_; ++t) workers.emplace_back([this] { Work(); });
    Status error = Status::Ok();
    std::vector<ImportResult> results;
    for (size_t i = 0, j = 0; j < jobs_.size() && error.ok(); ++j) {
      TableAssembler& assembler = *assemblers_[j];
      for (size_t k = 0; k < jobs_[j].paths.size() && error.ok(); ++k, ++i) {
        WaitReady(i);
        // The first error in file order is the one a one-file-at-a-time import meets.
        error = status_[i];
        if (error.ok()) Merge(i, &assembler);
      }
      results.push_back(assembler.TakeResult());
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      cancelled_ = true;  // after an error: skip what is left
    }
    cv_.notify_all();
    for (std::thread& t : workers) t.join();
    if (!error.ok()) return error;
    return results;
  }

 private:
  enum Kind { kParse = 0, kPrepare = 1 };  // parse tasks go first
  struct Task {
    Kind kind;
    size_t file, piece;
    bool operator<(const Task& o) const {
      return std::tie(kind, file, piece) < std::tie(o.kind, o.file, o.piece);
    }
  };

  void Work() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      if (queue_.empty() || cancelled_) {
        if (running_ == 0 || cancelled_) {
          cv_.notify_all();
          return;
        }
        cv_.wait(lock);
        continue;
      }
      const Task task = *queue_.begin();
      queue_.erase(queue_.begin());
      ++running_;
      lock.unlock();
      if (task.kind == kPrepare) {
        Prepare(task.file);
      } else {
        Parse(task.file, task.piece);
      }
      lock.lock();
      --running_;
      cv_.notify_all();
    }
  }

  void SetReady(size_t i) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      ready_[i] = 1;
    }
    cv_.notify_all();
  }

  void WaitReady(size_t i) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return ready_[i] != 0; });
  }

  // Reads and decodes file i, then queues its pieces.
  void Prepare(size_t i) {
    const TableJob& job = jobs_[files_[i].job];
    const bool merge = assemblers_[files_[i].job]->CanMerge();
    Result<FileBytes> raw = RawBytes(job, files_[i]);
    Result<PreparedFile> file =
        raw.ok() ? PrepareFile(*job.def, files_[i].path, files_[i].base, std::move(*raw), options_,
                               max_pieces_[i], options_.min_piece_bytes)
                 : Result<PreparedFile>(raw.status());
    if (!file.ok()) {
      status_[i] = file.status();
      SetReady(i);
      return;
    }
    prepared_[i] = std::make_unique<PreparedFile>(std::move(*file));
    const size_t count = merge ? prepared_[i]->pieces() : 0;
    if (count == 0) {
      if (merge) relay_->Done(i);
      SetReady(i);  // nothing to parse here (or parsed while merging)
      return;
    }
    pieces_[i].resize(count);
    {
      std::lock_guard<std::mutex> lock(mu_);
      left_[i] = count;
      for (size_t p = 0; p < count; ++p) queue_.insert({kParse, i, p});
    }
    cv_.notify_all();
  }

  void Parse(size_t i, size_t p) {
    const PreparedFile& file = *prepared_[i];
    auto piece = std::make_unique<Piece>(*jobs_[files_[i].job].def, file, p, relay_->For(i));
    piece->parser.ParseUntil(file.cuts[p + 1]);
    {
      std::lock_guard<std::mutex> lock(mu_);
      pieces_[i][p] = std::move(piece);
      if (--left_[i] != 0) return;
    }
    // Last piece of the file: when every piece stopped where the next one
    // starts, the text is no longer needed.
    bool landed = true;
    for (size_t q = 0; q + 1 < pieces_[i].size(); ++q) {
      landed = landed && pieces_[i][q]->parser.ResumableAt(file.cuts[q + 1], file.cut_lines[q + 1]);
    }
    if (landed) prepared_[i]->ReleaseText();
    relay_->Done(i);
    SetReady(i);
  }

  // Merges file i. A piece whose parser did not stop exactly where the next
  // piece starts (a record crossed the cut) reads on instead, and the pieces
  // it covers are dropped.
  void Merge(size_t i, TableAssembler* assembler) {
    const PreparedFile& file = *prepared_[i];
    assembler->BeginFile(file);
    if (!assembler->CanMerge()) {
      assembler->ParseWhole(file, relay_->For(i));
    } else {
      std::vector<std::unique_ptr<Piece>>& ps = pieces_[i];
      for (size_t p = 0; p < ps.size();) {
        size_t next = p + 1;
        while (next < ps.size() &&
               !ps[p]->parser.ResumableAt(file.cuts[next], file.cut_lines[next])) {
          ps[p]->parser.ParseUntil(file.cuts[next + 1]);
          ps[next++].reset();
        }
        assembler->MergePiece(ps[p].get());
        ps[p].reset();
        p = next;
      }
    }
    relay_->Final(i, assembler->EndFile());
    if (!assembler->CanMerge()) relay_->Done(i);
    pieces_[i].clear();
    prepared_[i].reset();
  }

  const std::vector<TableJob>& jobs_;
  const std::vector<FileSlot> files_;
  const ImportOptions& options_;
  const int threads_;
  ProgressRelay* relay_;
  std::vector<std::unique_ptr<TableAssembler>> assemblers_;
  std::vector<size_t> max_pieces_;  // per file, set before the workers start
  // Per file; written by the task that owns it, read by the merger once the
  // file is ready (ready_ and the task queue are guarded by mu_).
  std::vector<std::unique_ptr<PreparedFile>> prepared_;
  std::vector<Status> status_;
  std::vector<std::vector<std::unique_ptr<Piece>>> pieces_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::set<Task> queue_;
  std::vector<size_t> left_;  // pieces not parsed yet
  std::vector<char> ready_;   // prepared (or failed) and parsed
  int running_ = 0;
  bool cancelled_ = false;
};

}  // namespace

Result<std::vector<ImportResult>> LoadTables(const std::vector<TableJob>& jobs, PersonDict* persons,
                                             const ImportOptions& options) {
  const int threads = options.threads > 0 ? options.threads : DefaultThreads();
  std::vector<FileSlot> files;
  std::vector<std::string> bases;
  for (size_t j = 0; j < jobs.size(); ++j) {
    for (const std::string& path : jobs[j].paths) {
      files.push_back({j, path, jobs[j].text.has_value() ? path : BaseName(path)});
      bases.push_back(files.back().base);
    }
  }
  ProgressRelay relay(options, bases);
  if (threads <= 1) return LoadOneThread(jobs, files, persons, options, &relay);
  return ParallelLoad(jobs, std::move(files), persons, options, threads, &relay).Run();
}

}  // namespace tutela::ingest
