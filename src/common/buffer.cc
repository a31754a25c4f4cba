#include "common/buffer.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <utility>

namespace strata {
namespace {

size_t RoundUpToAlignment(size_t n) {
  return (n + Buffer::kAlignment - 1) & ~(Buffer::kAlignment - 1);
}

}  // namespace

Buffer::Buffer(Buffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      capacity_(std::exchange(other.capacity_, 0)) {}

Buffer& Buffer::operator=(Buffer&& other) noexcept {
  if (this != &other) {
    std::free(data_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
  }
  return *this;
}

Buffer::~Buffer() { std::free(data_); }

Result<std::unique_ptr<Buffer>> Buffer::Allocate(size_t size) {
  auto buffer = std::make_unique<Buffer>();
  RETURN_NOT_OK(buffer->Resize(size));
  return buffer;
}

Result<std::unique_ptr<Buffer>> Buffer::CopyOf(std::span<const uint8_t> bytes) {
  auto buffer = std::make_unique<Buffer>();
  RETURN_NOT_OK(buffer->Append(bytes));
  return buffer;
}

Status Buffer::Reserve(size_t capacity) {
  if (capacity <= capacity_) return Status::OK();
  constexpr size_t kMax = std::numeric_limits<size_t>::max() / 4;
  if (capacity > kMax) {
    return Status::ResourceExhausted("buffer of {} bytes is larger than addressable", capacity);
  }
  // Grow geometrically so appends are amortised O(1).
  size_t new_capacity = RoundUpToAlignment(std::max(capacity, capacity_ * 2));
  auto* fresh = static_cast<uint8_t*>(std::aligned_alloc(kAlignment, new_capacity));
  if (fresh == nullptr) {
    return Status::ResourceExhausted("out of memory allocating {} bytes", new_capacity);
  }
  if (size_ > 0) std::memcpy(fresh, data_, size_);
  std::memset(fresh + size_, 0, new_capacity - size_);
  std::free(data_);
  data_ = fresh;
  capacity_ = new_capacity;
  return Status::OK();
}

Status Buffer::Resize(size_t size) {
  if (size > capacity_) {
    RETURN_NOT_OK(Reserve(size));  // Zeroes every byte past size_ already.
  } else if (size > size_) {
    std::memset(data_ + size_, 0, size - size_);  // Old bytes may linger there.
  }
  size_ = size;
  return Status::OK();
}

Status Buffer::AppendSlow(const void* bytes, size_t length) {
  RETURN_NOT_OK(Reserve(size_ + length));
  std::memcpy(data_ + size_, bytes, length);
  size_ += length;
  return Status::OK();
}

}  // namespace strata
