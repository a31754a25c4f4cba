// Status: the one error model of strata. Every fallible operation returns a
// Status or a Result<T> (common/result.h); no exception crosses a module
// boundary. A Status is cheap when OK (a null pointer) and carries a code the
// caller can branch on plus a message meant for a human.
#pragma once

#include <fmt/format.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace strata {

enum class StatusCode : char {
  kOk = 0,
  kInvalid,            // Bad input from the user: a value, an argument, a file.
  kIOError,            // The operating system or storage failed.
  kNotFound,           // A file, column or key does not exist.
  kAlreadyExists,      // Create-if-absent found something there.
  kConflict,           // A concurrent writer won; the operation may be retried.
  kCorruption,         // Stored bytes violate their format.
  kNotImplemented,     // A valid feature strata does not support (yet).
  kResourceExhausted,  // Out of memory, or a configured limit was exceeded.
  kCancelled,          // The caller asked to stop.
  kInternal,           // A bug in strata: an invariant did not hold.
};

// Returns a short lower-case name such as "invalid" or "io error".
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() noexcept = default;
  Status(StatusCode code, std::string message);
  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&& other) noexcept = default;
  Status& operator=(Status&& other) noexcept = default;
  ~Status() = default;

  static Status OK() { return {}; }

  template <typename... Args>
  static Status Invalid(fmt::format_string<Args...> f, Args&&... args) {
    return Make(StatusCode::kInvalid, f, std::forward<Args>(args)...);
  }
  template <typename... Args>
  static Status IOError(fmt::format_string<Args...> f, Args&&... args) {
    return Make(StatusCode::kIOError, f, std::forward<Args>(args)...);
  }
  template <typename... Args>
  static Status NotFound(fmt::format_string<Args...> f, Args&&... args) {
    return Make(StatusCode::kNotFound, f, std::forward<Args>(args)...);
  }
  template <typename... Args>
  static Status AlreadyExists(fmt::format_string<Args...> f, Args&&... args) {
    return Make(StatusCode::kAlreadyExists, f, std::forward<Args>(args)...);
  }
  template <typename... Args>
  static Status Conflict(fmt::format_string<Args...> f, Args&&... args) {
    return Make(StatusCode::kConflict, f, std::forward<Args>(args)...);
  }
  template <typename... Args>
  static Status Corruption(fmt::format_string<Args...> f, Args&&... args) {
    return Make(StatusCode::kCorruption, f, std::forward<Args>(args)...);
  }
  template <typename... Args>
  static Status NotImplemented(fmt::format_string<Args...> f, Args&&... args) {
    return Make(StatusCode::kNotImplemented, f, std::forward<Args>(args)...);
  }
  template <typename... Args>
  static Status ResourceExhausted(fmt::format_string<Args...> f, Args&&... args) {
    return Make(StatusCode::kResourceExhausted, f, std::forward<Args>(args)...);
  }
  template <typename... Args>
  static Status Cancelled(fmt::format_string<Args...> f, Args&&... args) {
    return Make(StatusCode::kCancelled, f, std::forward<Args>(args)...);
  }
  template <typename... Args>
  static Status Internal(fmt::format_string<Args...> f, Args&&... args) {
    return Make(StatusCode::kInternal, f, std::forward<Args>(args)...);
  }
  // Builds a Status from errno after a failed system call on `context`
  // (usually a path): ENOENT maps to kNotFound, EEXIST to kAlreadyExists,
  // ENOMEM to kResourceExhausted, everything else to kIOError.
  static Status FromErrno(int err, std::string_view operation, std::string_view context);

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return ok() ? StatusCode::kOk : state_->code; }
  // The message without the code prefix; empty when OK.
  std::string_view message() const;
  bool IsInvalid() const { return code() == StatusCode::kInvalid; }
  bool IsIOError() const { return code() == StatusCode::kIOError; }
  bool IsNotFound() const { return code() == StatusCode::kNotFound; }
  bool IsAlreadyExists() const { return code() == StatusCode::kAlreadyExists; }
  bool IsConflict() const { return code() == StatusCode::kConflict; }
  bool IsCorruption() const { return code() == StatusCode::kCorruption; }
  bool IsNotImplemented() const { return code() == StatusCode::kNotImplemented; }
  bool IsResourceExhausted() const { return code() == StatusCode::kResourceExhausted; }

  // "OK", or "<code name>: <message>".
  std::string ToString() const;

  // Returns a copy whose message is prefixed with `context` + ": ", so errors
  // read outside-in ("reading a.parquet: row group 3: column x: ...").
  // An OK status stays OK.
  Status WithContext(std::string_view context) const;

 private:
  template <typename... Args>
  static Status Make(StatusCode code, fmt::format_string<Args...> f, Args&&... args) {
    return Status(code, fmt::format(f, std::forward<Args>(args)...));
  }

  struct State {
    StatusCode code;
    std::string message;
  };
  std::unique_ptr<State> state_;
};

// Aborts the process with `status` printed; for tests, examples and for
// states that are provably unreachable from user input.
[[noreturn]] void DieOnError(const Status& status, const char* file, int line);

}  // namespace strata

#define STRATA_CONCAT_INNER(a, b) a##b
#define STRATA_CONCAT(a, b) STRATA_CONCAT_INNER(a, b)

// Evaluates `expr` (a Status) and returns it from the enclosing function when
// it is not OK.
#define RETURN_NOT_OK(expr)        \
  do {                             \
    ::strata::Status _st = (expr); \
    if (!_st.ok()) [[unlikely]]    \
      return _st;                  \
  } while (false)

// Like RETURN_NOT_OK, but prefixes the error with a context string.
#define RETURN_NOT_OK_CTX(expr, context) \
  do {                                   \
    ::strata::Status _st = (expr);       \
    if (!_st.ok()) [[unlikely]]          \
      return _st.WithContext(context);   \
  } while (false)

// Aborts when `expr` is not OK. Only for tests, examples and our own bugs.
#define CHECK_OK(expr)                                            \
  do {                                                            \
    ::strata::Status _st = (expr);                                \
    if (!_st.ok()) ::strata::DieOnError(_st, __FILE__, __LINE__); \
  } while (false)

// DCHECK: an assertion about strata's own invariants, compiled out in
// release builds. Never use it for anything user input can reach.
#ifdef NDEBUG
#define DCHECK(cond) \
  do {               \
  } while (false && (cond))
#else
#define DCHECK(cond)                                                                         \
  do {                                                                                       \
    if (!(cond))                                                                             \
      ::strata::DieOnError(::strata::Status::Internal("DCHECK failed: {}", #cond), __FILE__, \
                           __LINE__);                                                        \
  } while (false)
#endif
