// Sealed (encrypted, authenticated, chunked) files.
#include "storage/sealed_file.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <thread>

namespace tutela::storage {
namespace {

static_assert(std::endian::native == std::endian::little, "storage format is little-endian");

constexpr char kMagic[8] = {'T', 'U', 'T', 'E', 'L', 'A', 'E', '1'};
constexpr uint32_t kVersion = 1;
constexpr size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr uint32_t kMinChunk = 64;
constexpr uint32_t kMaxChunk = 64u << 20;
static_assert(kTag == 16);
static_assert(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == 24);

void MakeNonce(const uint8_t* header, uint64_t index, uint8_t nonce[24]) {
  std::memcpy(nonce, header + 16, 16);
  std::memcpy(nonce + 16, &index, 8);
}

std::string MakeAd(const uint8_t* header, uint64_t index, bool final, const std::string& context) {
  std::string ad(reinterpret_cast<const char*>(header), kSealedHeaderSize);
  ad.append(reinterpret_cast<const char*>(&index), 8);
  ad.push_back(final ? 1 : 0);
  ad.append(context);
  return ad;
}

int DefaultThreads() {
  return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 8u));
}

}  // namespace

SealedWriter::SealedWriter(WritableFile* out, const SecretKey& key, std::string context,
                           uint32_t chunk_size)
    : out_(out),
      key_(key),
      context_(std::move(context)),
      chunk_size_(std::clamp(chunk_size, kMinChunk, kMaxChunk)) {
  std::memcpy(header_, kMagic, 8);
  std::memcpy(header_ + 8, &kVersion, 4);
  std::memcpy(header_ + 12, &chunk_size_, 4);
  randombytes_buf(header_ + 16, 16);
  set_parallelism(DefaultThreads(), size_t{1} << 20);
}

void SealedWriter::set_parallelism(int threads, size_t min_bytes) {
  threads_ = threads < 1 ? 1 : threads;
  parallel_min_bytes_ = min_bytes;
  batch_bytes_ = size_t{chunk_size_} * 4 * static_cast<size_t>(threads_);
}

Status SealedWriter::WriteHeaderIfNeeded() {
  if (header_written_) return Status::Ok();
  header_written_ = true;
  bytes_written_ += kSealedHeaderSize;
  return out_->Append(std::string_view(reinterpret_cast<const char*>(header_), kSealedHeaderSize));
}

void SealedWriter::SealChunk(uint64_t index, const uint8_t* data, size_t n, bool final,
                             uint8_t* out) const {
  uint8_t nonce[24];
  MakeNonce(header_, index, nonce);
  std::string ad = MakeAd(header_, index, final, context_);
  static const uint8_t kEmpty = 0;
  if (data == nullptr) data = &kEmpty;  // libsodium wants non-null pointers
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out, &clen, data, n,
                                             reinterpret_cast<const unsigned char*>(ad.data()),
                                             ad.size(), nullptr, nonce, key_.data());
}

Status SealedWriter::SealBuffer(bool final) {
  const size_t size = buffer_.size();
  // Full chunks are never final; with `final`, the rest (maybe empty) is.
  size_t count = size / chunk_size_;
  size_t tail = size - count * chunk_size_;
  if (final) ++count;
  if (count == 0) return Status::Ok();
  const size_t consumed = final ? size : size - tail;
  sealed_.resize(consumed + count * kTag);
  auto seal = [&](size_t j) {
    size_t plain = j * chunk_size_ + chunk_size_ <= size ? chunk_size_ : size - j * chunk_size_;
    SealChunk(chunk_index_ + j, buffer_.data() + j * chunk_size_, plain, final && j + 1 == count,
              sealed_.data() + j * (chunk_size_ + kTag));
  };
  size_t nthreads = std::min<size_t>(static_cast<size_t>(threads_), count);
  if (nthreads <= 1 || consumed < parallel_min_bytes_) {
    for (size_t j = 0; j < count; ++j) seal(j);
  } else {
    auto work = [&](size_t t) {
      for (size_t j = t; j < count; j += nthreads) seal(j);
    };
    std::vector<std::thread> workers;
    for (size_t t = 1; t < nthreads; ++t) workers.emplace_back(work, t);
    work(0);
    for (std::thread& w : workers) w.join();
  }
  chunk_index_ += count;
  bytes_written_ += sealed_.size();
  buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(consumed));
  return out_->Append(
      std::string_view(reinterpret_cast<const char*>(sealed_.data()), sealed_.size()));
}

Status SealedWriter::Append(const void* data, size_t n) {
  if (finished_) return Status::Internal("SealedWriter::Append after Finish");
  RETURN_IF_ERROR(WriteHeaderIfNeeded());
  const uint8_t* p = static_cast<const uint8_t*>(data);
  while (n > 0) {
    size_t take = std::min(n, batch_bytes_ - buffer_.size());
    buffer_.insert(buffer_.end(), p, p + take);
    p += take;
    n -= take;
    if (buffer_.size() == batch_bytes_) RETURN_IF_ERROR(SealBuffer(false));
  }
  return Status::Ok();
}

Status SealedWriter::Finish() {
  if (finished_) return Status::Ok();
  RETURN_IF_ERROR(WriteHeaderIfNeeded());
  finished_ = true;
  return SealBuffer(true);
}

Status SealedReader::Tampered(const std::string& what) const {
  return Status::Corruption(fmt::format(
      "数据校验失败，文件已被篡改或损坏 / authentication failed, the file was tampered with or "
      "is corrupted: {} ({})",
      display_name_, what));
}

Result<std::unique_ptr<SealedReader>> SealedReader::Open(Env* env, const std::string& path,
                                                         const SecretKey& key, std::string context,
                                                         std::string display_name) {
  std::unique_ptr<SealedReader> r(new SealedReader());
  r->set_parallelism(DefaultThreads(), size_t{1} << 20);
  r->key_ = key;
  r->context_ = std::move(context);
  r->display_name_ = std::move(display_name);
  ASSIGN_OR_RETURN(FileInfo info, env->Stat(path));
  if (!info.exists) {
    return Status::NotFound(fmt::format("文件不存在 / file is missing: {}", r->display_name_));
  }
  ASSIGN_OR_RETURN(r->file_, env->NewSequentialFile(path));
  // The size of the file actually opened: the path may have been replaced
  // (a manifest commit by another process) between Stat and open.
  ASSIGN_OR_RETURN(info.size, r->file_->Size());
  size_t got = 0;
  if (info.size < kSealedHeaderSize) return r->Tampered("file too short");
  RETURN_IF_ERROR(r->file_->Read(kSealedHeaderSize, reinterpret_cast<char*>(r->header_), &got));
  if (got != kSealedHeaderSize) return r->Tampered("file too short");
  uint32_t version = 0;
  std::memcpy(&version, r->header_ + 8, 4);
  std::memcpy(&r->chunk_size_, r->header_ + 12, 4);
  if (std::memcmp(r->header_, kMagic, 8) != 0) return r->Tampered("bad magic");
  if (version != kVersion) return r->Tampered(fmt::format("unsupported version {}", version));
  if (r->chunk_size_ < kMinChunk || r->chunk_size_ > kMaxChunk) {
    return r->Tampered("bad chunk size");
  }
  uint64_t body = info.size - kSealedHeaderSize;
  uint64_t unit = uint64_t{r->chunk_size_} + kTag;
  uint64_t full = body / unit, rest = body % unit;
  if (rest == 0) {
    if (full == 0) return r->Tampered("no data");
    r->num_chunks_ = full;
    r->last_plain_ = r->chunk_size_;
  } else {
    if (rest < kTag) return r->Tampered("truncated");
    r->num_chunks_ = full + 1;
    r->last_plain_ = rest - kTag;
  }
  r->plaintext_size_ = (r->num_chunks_ - 1) * r->chunk_size_ + r->last_plain_;
  return r;
}

size_t SealedReader::ChunkPlainSize(uint64_t index) const {
  return index + 1 == num_chunks_ ? last_plain_ : chunk_size_;
}

Status SealedReader::Decrypt(uint64_t index, uint8_t* data, size_t plain_len,
                             const uint8_t* tag) const {
  uint8_t nonce[24];
  MakeNonce(header_, index, nonce);
  std::string ad = MakeAd(header_, index, index + 1 == num_chunks_, context_);
  uint8_t empty = 0;
  if (data == nullptr) data = &empty;  // libsodium wants non-null pointers
  if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(
          data, nullptr, data, plain_len, tag, reinterpret_cast<const unsigned char*>(ad.data()),
          ad.size(), nonce, key_.data()) != 0) {
    return Tampered(fmt::format("chunk {}", index));
  }
  return Status::Ok();
}

Status SealedReader::OpenChunk(uint8_t* dst, size_t plain_len) {
  size_t got = 0;
  if (plain_len > 0) {
    RETURN_IF_ERROR(file_->Read(plain_len, reinterpret_cast<char*>(dst), &got));
    if (got != plain_len) return Tampered("truncated");
  }
  uint8_t tag[kTag];
  RETURN_IF_ERROR(file_->Read(kTag, reinterpret_cast<char*>(tag), &got));
  if (got != kTag) return Tampered("truncated");
  RETURN_IF_ERROR(Decrypt(next_chunk_, dst, plain_len, tag));
  ++next_chunk_;
  return Status::Ok();
}

Status SealedReader::OpenChunks(uint8_t* dst, size_t count, size_t bytes) {
  if (count == 1 || threads_ == 1 || bytes < parallel_min_bytes_) {
    for (size_t j = 0; j < count; ++j) {
      size_t plain = ChunkPlainSize(next_chunk_);
      RETURN_IF_ERROR(OpenChunk(dst, plain));
      dst += plain;
    }
    return Status::Ok();
  }
  struct Piece {
    uint64_t index;
    uint8_t* data;
    size_t size;
    uint8_t tag[kTag];
  };
  std::vector<Piece> pieces(count);
  for (Piece& p : pieces) {
    p.index = next_chunk_;
    p.data = dst;
    p.size = ChunkPlainSize(next_chunk_);
    size_t got = 0;
    RETURN_IF_ERROR(file_->Read(p.size, reinterpret_cast<char*>(p.data), &got));
    if (got != p.size) return Tampered("truncated");
    RETURN_IF_ERROR(file_->Read(kTag, reinterpret_cast<char*>(p.tag), &got));
    if (got != kTag) return Tampered("truncated");
    dst += p.size;
    ++next_chunk_;
  }
  size_t nthreads = std::min<size_t>(static_cast<size_t>(threads_), count);
  std::vector<Status> results(nthreads);
  auto work = [&](size_t t) {
    for (size_t j = t; j < count && results[t].ok(); j += nthreads) {
      results[t] = Decrypt(pieces[j].index, pieces[j].data, pieces[j].size, pieces[j].tag);
    }
  };
  std::vector<std::thread> workers;
  for (size_t t = 1; t < nthreads; ++t) workers.emplace_back(work, t);
  work(0);
  for (std::thread& w : workers) w.join();
  for (const Status& st : results) RETURN_IF_ERROR(st);
  return Status::Ok();
}

Status SealedReader::Read(void* dst, size_t n) {
  if (n > Remaining()) return Tampered("unexpected end of data");
  uint8_t* out = static_cast<uint8_t*>(dst);
  while (n > 0) {
    if (buffer_pos_ < buffer_.size()) {
      size_t take = std::min(n, buffer_.size() - buffer_pos_);
      std::memcpy(out, buffer_.data() + buffer_pos_, take);
      buffer_pos_ += take;
      out += take;
      n -= take;
      consumed_ += take;
      continue;
    }
    // Whole chunks are decrypted in place in the caller's buffer, a batch
    // at a time; a partial chunk goes through buffer_.
    size_t batch = 0, bytes = 0;
    size_t max_batch = 4 * static_cast<size_t>(threads_);
    while (batch < max_batch && next_chunk_ + batch < num_chunks_ &&
           bytes + ChunkPlainSize(next_chunk_ + batch) <= n) {
      bytes += ChunkPlainSize(next_chunk_ + batch);
      ++batch;
      if (bytes == n) break;  // never run past the request onto an empty final chunk
    }
    if (batch > 0 && bytes > 0) {
      RETURN_IF_ERROR(OpenChunks(out, batch, bytes));
      out += bytes;
      n -= bytes;
      consumed_ += bytes;
    } else {
      size_t plain = ChunkPlainSize(next_chunk_);
      buffer_.resize(plain);
      buffer_pos_ = 0;
      RETURN_IF_ERROR(OpenChunk(buffer_.data(), plain));
    }
  }
  return Status::Ok();
}

Status SealedReader::ExpectEnd() {
  if (Remaining() != 0) return Tampered("unexpected trailing data");
  while (next_chunk_ < num_chunks_) {
    if (ChunkPlainSize(next_chunk_) != 0) return Tampered("unexpected trailing data");
    RETURN_IF_ERROR(OpenChunk(nullptr, 0));
  }
  return Status::Ok();
}

Status WriteSealedFileAtomically(Env* env, const std::string& path, std::string_view plaintext,
                                 const SecretKey& key, const std::string& context) {
  std::string tmp = path + ".tmp";
  {
    ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, env->NewWritableFile(tmp, 0600));
    SealedWriter writer(file.get(), key, context);
    RETURN_IF_ERROR(writer.Append(plaintext.data(), plaintext.size()));
    RETURN_IF_ERROR(writer.Finish());
    RETURN_IF_ERROR(file->Sync());
    RETURN_IF_ERROR(file->Close());
  }
  RETURN_IF_ERROR(env->RenameFile(tmp, path));
  return env->SyncDir(DirName(path));
}

Result<std::string> ReadSealedFile(Env* env, const std::string& path, const SecretKey& key,
                                   const std::string& context, const std::string& display_name) {
  ASSIGN_OR_RETURN(std::unique_ptr<SealedReader> reader,
                   SealedReader::Open(env, path, key, context, display_name));
  std::string out(reader->Remaining(), '\0');
  RETURN_IF_ERROR(reader->Read(out.data(), out.size()));
  RETURN_IF_ERROR(reader->ExpectEnd());
  return out;
}

}  // namespace tutela::storage
