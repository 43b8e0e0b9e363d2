// Status and Result<T>: the error type every fallible Tutela function returns.
// Value types; not thread-safe to mutate concurrently, safe to copy across threads.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace tutela {

// Error categories. Only the server layer maps these to HTTP codes and only
// the CLI maps them to exit statuses (kInvalidInput/kNotFound -> 2, others -> 1).
enum class StatusCode {
  kOk = 0,
  kInvalidInput,       // bad user input: file content, arguments, query text
  kNotFound,           // a named file, table, column or model does not exist
  kCorruption,         // stored data failed authentication or is malformed
  kIoError,            // the operating system refused a read or write
  kResourceExhausted,  // an operator or buffer would exceed its memory budget
  kInternal,           // a bug: an invariant did not hold
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string m) { return {StatusCode::kInvalidInput, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status ResourceExhausted(std::string m) {
    return {StatusCode::kResourceExhausted, std::move(m)};
  }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid input: <message>" style text for logs.
  std::string ToString() const;
  // Adds context in front of the message: "context: message".
  Status WithContext(const std::string& context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT(runtime/explicit)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(runtime/explicit)
    assert(!status_.ok() && "Result constructed from an OK status");
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace tutela

#define TUTELA_CONCAT_INNER(a, b) a##b
#define TUTELA_CONCAT(a, b) TUTELA_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function if `expr` is not OK.
#define RETURN_IF_ERROR(expr)                \
  do {                                       \
    ::tutela::Status _tutela_st = (expr);    \
    if (!_tutela_st.ok()) return _tutela_st; \
  } while (0)

// Evaluates a Result<T> expression; on error returns its Status, else moves
// the value into `lhs` (which may be a declaration such as `auto x`).
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(TUTELA_CONCAT(_tutela_res_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()
