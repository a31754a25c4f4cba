// Result<T>: either a value of T or a non-OK Status.
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

#include "common/status.h"

namespace strata {

template <typename T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<T, Status>, "use Status directly");

 public:
  // REQUIRES: !status.ok(). An OK status without a value is our own bug and
  // becomes an internal error rather than undefined behaviour.
  Result(Status status)  // NOLINT(google-explicit-constructor)
      : storage_(status.ok() ? Status::Internal("Result constructed from OK status")
                             : std::move(status)) {}
  Result(T value)  // NOLINT(google-explicit-constructor)
      : storage_(std::in_place_index<1>, std::move(value)) {}
  template <typename U, typename = std::enable_if_t<std::is_convertible_v<U&&, T> &&
                                                    !std::is_same_v<std::decay_t<U>, T> &&
                                                    !std::is_same_v<std::decay_t<U>, Status>>>
  Result(U&& value)  // NOLINT(google-explicit-constructor)
      : storage_(std::in_place_index<1>, std::forward<U>(value)) {}

  bool ok() const { return storage_.index() == 1; }

  // OK when a value is held.
  Status status() const { return ok() ? Status::OK() : std::get<0>(storage_); }

  // REQUIRES: ok(). Checked in debug builds.
  const T& value() const& {
    DCHECK(ok());
    return std::get<1>(storage_);
  }
  T& value() & {
    DCHECK(ok());
    return std::get<1>(storage_);
  }
  T&& value() && {
    DCHECK(ok());
    return std::get<1>(std::move(storage_));
  }

  // Aborts with the error when not ok(). For tests and examples only.
  T ValueOrDie() && {
    if (!ok()) DieOnError(std::get<0>(storage_), __FILE__, __LINE__);
    return std::get<1>(std::move(storage_));
  }
  T ValueOr(T fallback) && { return ok() ? std::get<1>(std::move(storage_)) : std::move(fallback); }

  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<Status, T> storage_;
};

}  // namespace strata

// Evaluates `rexpr` (a Result<T>); on error returns its Status from the
// enclosing function, otherwise moves the value into `lhs`, which may be a
// declaration ("auto x") or an existing variable.
// NOLINTBEGIN(bugprone-macro-parentheses): lhs may be a declaration.
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  ASSIGN_OR_RETURN_IMPL(STRATA_CONCAT(_result_, __LINE__), lhs, rexpr)

#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                          \
  if (!tmp.ok()) [[unlikely]]                  \
    return tmp.status();                       \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)
