#include "common/status.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace strata {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalid: return "invalid";
    case StatusCode::kIOError: return "io error";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kAlreadyExists: return "already exists";
    case StatusCode::kConflict: return "conflict";
    case StatusCode::kCorruption: return "corruption";
    case StatusCode::kNotImplemented: return "not implemented";
    case StatusCode::kResourceExhausted: return "resource exhausted";
    case StatusCode::kCancelled: return "cancelled";
    case StatusCode::kInternal: return "internal error";
  }
  return "unknown";
}

Status::Status(StatusCode code, std::string message) {
  if (code != StatusCode::kOk) {
    state_ = std::make_unique<State>(State{code, std::move(message)});
  }
}

Status::Status(const Status& other)
    : state_(other.state_ ? std::make_unique<State>(*other.state_) : nullptr) {}

Status& Status::operator=(const Status& other) {
  if (this != &other) {
    state_ = other.state_ ? std::make_unique<State>(*other.state_) : nullptr;
  }
  return *this;
}

Status Status::FromErrno(int err, std::string_view operation, std::string_view context) {
  StatusCode code = StatusCode::kIOError;
  if (err == ENOENT) code = StatusCode::kNotFound;
  if (err == EEXIST) code = StatusCode::kAlreadyExists;
  if (err == ENOMEM) code = StatusCode::kResourceExhausted;
  return Status(code, fmt::format("{} '{}': {}", operation, context, std::strerror(err)));
}

std::string_view Status::message() const {
  if (ok()) return {};
  return state_->message;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return fmt::format("{}: {}", StatusCodeName(state_->code), state_->message);
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return {};
  return Status(state_->code, fmt::format("{}: {}", context, state_->message));
}

void DieOnError(const Status& status, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: fatal: %s\n", file, line, status.ToString().c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace strata
