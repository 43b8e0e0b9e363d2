// Sealed files: the encrypted-at-rest container of every workspace file
// (XChaCha20-Poly1305 per 1 MiB chunk; see docs/storage-format.md). Each
// chunk's additional data binds the file header, the chunk index, a "final"
// flag and a context string (workspace id + file name), so chunks cannot be
// altered, reordered, truncated or moved between files undetected.
// Single-threaded objects; the WritableFile / key must outlive them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "storage/byte_stream.h"
#include "storage/crypto.h"
#include "storage/env.h"

namespace tutela::storage {

constexpr size_t kSealedHeaderSize = 32;
constexpr uint32_t kDefaultChunkSize = 1 << 20;

// Encrypts a plaintext stream into `out`. Call Finish() once at the end; it
// writes the final chunk (it does not sync or close `out`).
class SealedWriter : public ByteSink {
 public:
  SealedWriter(WritableFile* out, const SecretKey& key, std::string context,
               uint32_t chunk_size = kDefaultChunkSize);
  Status Append(const void* data, size_t n) override;
  Status Finish();
  uint64_t bytes_written() const { return bytes_written_; }
  // Plaintext is sealed in batches of 4 * `threads` chunks, on `threads`
  // threads when a batch holds at least `min_bytes` (default: hardware
  // concurrency up to 8, 1 MiB). Call before the first Append.
  void set_parallelism(int threads, size_t min_bytes);

 private:
  Status WriteHeaderIfNeeded();
  // Seals chunk `index` of `n` plaintext bytes into `out` (n + 16 bytes).
  void SealChunk(uint64_t index, const uint8_t* data, size_t n, bool final, uint8_t* out) const;
  // Seals and writes the whole chunks in buffer_ and, when `final`, the rest
  // as the final chunk.
  Status SealBuffer(bool final);

  WritableFile* out_;
  SecretKey key_;
  std::string context_;
  uint32_t chunk_size_;
  uint8_t header_[kSealedHeaderSize];
  bool header_written_ = false;
  bool finished_ = false;
  uint64_t chunk_index_ = 0;
  uint64_t bytes_written_ = 0;
  int threads_ = 1;
  size_t parallel_min_bytes_ = 0;
  size_t batch_bytes_ = 0;
  std::vector<uint8_t> buffer_;  // plaintext not sealed yet
  std::vector<uint8_t> sealed_;  // ciphertext + tags of one batch
};

// Decrypts a sealed file as a ByteSource. Any authentication failure is
// Status::Corruption naming `display_name`.
class SealedReader : public ByteSource {
 public:
  static Result<std::unique_ptr<SealedReader>> Open(Env* env, const std::string& path,
                                                    const SecretKey& key, std::string context,
                                                    std::string display_name);
  Status Read(void* dst, size_t n) override;
  uint64_t Remaining() const override { return plaintext_size_ - consumed_; }
  // Runs of whole chunks totalling at least `min_bytes` are decrypted on
  // `threads` threads (default: hardware concurrency up to 8, 1 MiB).
  void set_parallelism(int threads, size_t min_bytes) {
    threads_ = threads < 1 ? 1 : threads;
    parallel_min_bytes_ = min_bytes;
  }
  // After the last Read: authenticates any chunk not read yet (the final one
  // may be empty) and fails when plaintext is left over. Call it, or a
  // tampered tail may go unnoticed.
  Status ExpectEnd();

 private:
  SealedReader() = default;
  // Reads and authenticates chunk `next_chunk_` into `dst` (its plaintext size).
  Status OpenChunk(uint8_t* dst, size_t plain_len);
  // Reads the next `count` chunks (`bytes` of plaintext) into `dst` and
  // authenticates them in place, on several threads when worth it.
  Status OpenChunks(uint8_t* dst, size_t count, size_t bytes);
  Status Decrypt(uint64_t index, uint8_t* data, size_t plain_len, const uint8_t* tag) const;
  size_t ChunkPlainSize(uint64_t index) const;
  Status Tampered(const std::string& what) const;

  std::unique_ptr<SequentialFile> file_;
  SecretKey key_;
  std::string context_;
  std::string display_name_;
  uint8_t header_[kSealedHeaderSize];
  uint32_t chunk_size_ = 0;
  uint64_t num_chunks_ = 0;
  uint64_t last_plain_ = 0;  // plaintext size of the final chunk
  uint64_t plaintext_size_ = 0;
  uint64_t consumed_ = 0;
  uint64_t next_chunk_ = 0;
  std::vector<uint8_t> buffer_;  // decrypted chunk, partly consumed
  size_t buffer_pos_ = 0;
  int threads_ = 1;
  size_t parallel_min_bytes_ = 1 << 20;
};

// Whole-file helpers for small files (the manifest): atomic write (temp file,
// fsync, rename, directory fsync) and read.
Status WriteSealedFileAtomically(Env* env, const std::string& path, std::string_view plaintext,
                                 const SecretKey& key, const std::string& context);
Result<std::string> ReadSealedFile(Env* env, const std::string& path, const SecretKey& key,
                                   const std::string& context, const std::string& display_name);

}  // namespace tutela::storage
