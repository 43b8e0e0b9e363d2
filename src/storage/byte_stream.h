// ByteSink / ByteSource: the byte streams the table format is written to and
// read from (an encrypted file, or memory in tests). Single-threaded objects.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "common/status.h"

namespace tutela::storage {

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual Status Append(const void* data, size_t n) = 0;
};

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads exactly `n` bytes; Corruption when fewer remain.
  virtual Status Read(void* dst, size_t n) = 0;
  // Bytes not yet read (an exact count, known in advance).
  virtual uint64_t Remaining() const = 0;
};

class StringSink : public ByteSink {
 public:
  Status Append(const void* data, size_t n) override {
    data_.append(static_cast<const char*>(data), n);
    return Status::Ok();
  }
  const std::string& data() const { return data_; }
  std::string& mutable_data() { return data_; }

 private:
  std::string data_;
};

// Reads from memory the caller keeps alive.
class StringSource : public ByteSource {
 public:
  explicit StringSource(std::string_view data) : data_(data) {}
  Status Read(void* dst, size_t n) override {
    if (n > data_.size() - pos_) {
      return Status::Corruption("数据意外结束 / unexpected end of data");
    }
    if (n > 0) std::memcpy(dst, data_.data() + pos_, n);
    pos_ += n;
    return Status::Ok();
  }
  uint64_t Remaining() const override { return data_.size() - pos_; }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace tutela::storage
