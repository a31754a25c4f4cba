// Buffer: an owned, growable, 64-byte aligned byte region. The alignment and
// zero padding match the Arrow memory layout, so vectors built on Buffers can
// be scanned with wide loads. Growth reports allocation failure as a Status
// instead of throwing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>

#include "common/result.h"

namespace strata {

class Buffer {
 public:
  static constexpr size_t kAlignment = 64;

  Buffer() = default;
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  Buffer(Buffer&& other) noexcept;
  Buffer& operator=(Buffer&& other) noexcept;
  ~Buffer();

  // A buffer of `size` zeroed bytes.
  static Result<std::unique_ptr<Buffer>> Allocate(size_t size);
  // A buffer holding a copy of `bytes`.
  static Result<std::unique_ptr<Buffer>> CopyOf(std::span<const uint8_t> bytes);

  const uint8_t* data() const { return data_; }
  uint8_t* mutable_data() { return data_; }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }
  std::span<const uint8_t> span() const { return {data_, size_}; }
  std::string_view view() const { return {reinterpret_cast<const char*>(data_), size_}; }

  template <typename T>
  const T* data_as() const {
    return reinterpret_cast<const T*>(data_);
  }
  template <typename T>
  T* mutable_data_as() {
    return reinterpret_cast<T*>(data_);
  }

  // Ensures capacity() >= `capacity`; contents are kept and the bytes past
  // size() are zero.
  Status Reserve(size_t capacity);
  // Sets size(); new bytes are zero.
  Status Resize(size_t size);
  // Inline so that small fixed-size appends (one value at a time, as the
  // builders do) compile to a compare and a store.
  Status Append(const void* bytes, size_t length) {
    if (size_ + length > capacity_) return AppendSlow(bytes, length);
    if (length != 0) std::memcpy(data_ + size_, bytes, length);
    size_ += length;
    return Status::OK();
  }
  Status Append(std::span<const uint8_t> bytes) { return Append(bytes.data(), bytes.size()); }
  Status Append(std::string_view bytes) { return Append(bytes.data(), bytes.size()); }
  // Sets size() to 0, keeping the capacity.
  void Clear() { size_ = 0; }

 private:
  Status AppendSlow(const void* bytes, size_t length);

  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace strata
