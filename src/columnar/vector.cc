#include "columnar/vector.h"

#include <algorithm>

namespace strata {

ColumnVector::ColumnVector(TypePtr type, int64_t length, std::vector<BufferPtr> buffers,
                           std::vector<VectorPtr> children, int64_t null_count, int64_t offset)
    : type_(std::move(type)),
      length_(length),
      offset_(offset),
      null_count_(null_count),
      buffers_(std::move(buffers)),
      children_(std::move(children)) {}

VectorPtr ColumnVector::Make(TypePtr type, int64_t length, std::vector<BufferPtr> buffers,
                             std::vector<VectorPtr> children, int64_t null_count, int64_t offset) {
  return std::make_shared<const ColumnVector>(std::move(type), length, std::move(buffers),
                                              std::move(children), null_count, offset);
}

const Buffer* ColumnVector::buffer(int i) const {
  if (i < 0 || static_cast<size_t>(i) >= buffers_.size()) return nullptr;
  return buffers_[static_cast<size_t>(i)].get();
}

std::string_view ColumnVector::GetView(int64_t i) const {
  if (type_->is_binary_like()) {
    const int32_t* offsets = Offsets();
    const auto size = static_cast<size_t>(offsets[i + 1] - offsets[i]);
    // An all-empty column may have no data bytes at all.
    if (size == 0) return {};
    return {reinterpret_cast<const char*>(data(2)) + offsets[i], size};
  }
  DCHECK(type_->bit_width() % 8 == 0);
  const int64_t width = type_->bit_width() / 8;
  return {reinterpret_cast<const char*>(data(1)) + (offset_ + i) * width,
          static_cast<size_t>(width)};
}

VectorPtr ColumnVector::Slice(int64_t offset, int64_t length) const {
  offset = std::clamp<int64_t>(offset, 0, length_);
  length = std::clamp<int64_t>(length, 0, length_ - offset);
  int64_t null_count = 0;
  if (null_count_ == length_) {
    null_count = length;
  } else if (null_count_ != 0) {
    null_count = length - bit_util::CountSetBits(data(0), offset_ + offset, length);
  }
  std::vector<VectorPtr> children = children_;
  if (type_->id() == TypeId::kStruct) {
    for (VectorPtr& child : children) child = child->Slice(offset, length);
  }
  return Make(type_, length, buffers_, std::move(children), null_count, offset_ + offset);
}

bool ColumnVector::Equals(const ColumnVector& other) const {
  if (this == &other) return true;
  if (!type_->Equals(*other.type_) || length_ != other.length_ ||
      null_count_ != other.null_count_) {
    return false;
  }
  for (int64_t i = 0; i < length_; ++i) {
    if (!RowEquals(i, other, i)) return false;
  }
  return true;
}

bool ColumnVector::RowEquals(int64_t i, const ColumnVector& other, int64_t j) const {
  const bool null = IsNull(i);
  if (null != other.IsNull(j)) return false;
  if (null) return true;
  switch (type_->id()) {
    case TypeId::kBool: return GetBool(i) == other.GetBool(j);
    case TypeId::kStruct:
      for (int k = 0; k < num_children(); ++k) {
        if (!child(k)->RowEquals(i, *other.child(k), j)) return false;
      }
      return true;
    case TypeId::kList:
    case TypeId::kMap: {
      const ValueRange mine = ListRange(i);
      const ValueRange theirs = other.ListRange(j);
      if (mine.size() != theirs.size()) return false;
      for (int64_t k = 0; k < mine.size(); ++k) {
        if (!child(0)->RowEquals(mine.begin + k, *other.child(0), theirs.begin + k)) return false;
      }
      return true;
    }
    default: return GetView(i) == other.GetView(j);
  }
}

}  // namespace strata
