// ColumnVector::Validate and ValidateFull. Readers call these on vectors
// assembled from untrusted bytes, so every check guards a later
// out-of-bounds read, and the checks themselves read only what earlier
// checks proved to be in bounds.
#include <fmt/format.h>

#include "columnar/utf8.h"
#include "columnar/vector.h"

namespace strata {
namespace {

class Validator {
 public:
  Validator(const ColumnVector& vector, bool full) : v_(vector), full_(full) {}

  Status Run() {
    if (v_.type() == nullptr) return Status::Invalid("invalid vector: no type");
    Status status = Check();
    if (status.ok()) return status;
    return status.WithContext(fmt::format("invalid {} vector", v_.type()->ToString()));
  }

 private:
  Status Check() {
    RETURN_NOT_OK(CheckShape());
    RETURN_NOT_OK(CheckValidity());
    const DataType& type = *v_.type();
    switch (type.id()) {
      case TypeId::kStruct: return CheckStruct();
      case TypeId::kList: return CheckList();
      case TypeId::kMap: return CheckMap();
      case TypeId::kString:
      case TypeId::kJson: return CheckString();
      case TypeId::kBinary: return CheckBinary();
      case TypeId::kDecimal: return CheckDecimal();
      default: return CheckFixedWidth();
    }
  }

  // Rows the buffers must cover: offset + length, which must not overflow.
  int64_t end() const { return v_.offset() + v_.length(); }

  Status CheckShape() {
    // Keeps offset + length + 1 representable for the offset checks.
    if (v_.length() < 0 || v_.offset() < 0 || v_.offset() >= INT64_MAX - v_.length()) {
      return Status::Invalid("bad length {} or offset {}", v_.length(), v_.offset());
    }
    const int expected = v_.type()->num_buffers();
    if (static_cast<int>(v_.buffers().size()) != expected) {
      return Status::Invalid("expected {} buffers, got {}", expected, v_.buffers().size());
    }
    if (!v_.type()->is_nested() && v_.num_children() != 0) {
      return Status::Invalid("a {} vector has no children, got {}", v_.type()->ToString(),
                             v_.num_children());
    }
    return Status::OK();
  }

  Status CheckValidity() {
    if (v_.null_count() < 0 || v_.null_count() > v_.length()) {
      return Status::Invalid("null count {} outside [0, {}]", v_.null_count(), v_.length());
    }
    const Buffer* bitmap = v_.buffer(0);
    if (bitmap == nullptr) {
      if (v_.null_count() == 0) return Status::OK();
      return Status::Invalid("null count {} but no validity bitmap", v_.null_count());
    }
    RETURN_NOT_OK(CheckSize(*bitmap, bit_util::BytesForBits(end()), "validity bitmap"));
    const int64_t nulls =
        v_.length() - bit_util::CountSetBits(bitmap->data(), v_.offset(), v_.length());
    if (nulls != v_.null_count()) {
      return Status::Invalid("null count {} but the validity bitmap has {} nulls", v_.null_count(),
                             nulls);
    }
    return Status::OK();
  }

  static Status CheckSize(const Buffer& buffer, int64_t needed, std::string_view what) {
    if (static_cast<int64_t>(buffer.size()) < needed) {
      return Status::Invalid("{} has {} bytes, needs {}", what, buffer.size(), needed);
    }
    return Status::OK();
  }

  Status CheckFixedWidth() {
    const int64_t bits = v_.type()->bit_width();
    int64_t needed;
    if (bits == 1) {
      needed = bit_util::BytesForBits(end());
    } else if (__builtin_mul_overflow(end(), bits / 8, &needed)) {
      return Status::Invalid("values size overflows");
    }
    if (needed == 0) return Status::OK();
    if (v_.buffer(1) == nullptr) return Status::Invalid("missing values buffer");
    return CheckSize(*v_.buffer(1), needed, "values buffer");
  }

  // Checks the offsets of rows [offset, offset + length] and that they
  // index within [0, limit].
  Status CheckOffsets(int64_t limit, std::string_view target) {
    const Buffer* buffer = v_.buffer(1);
    if (buffer == nullptr || buffer->empty()) {
      if (v_.length() == 0) return Status::OK();
      return Status::Invalid("missing offsets buffer");
    }
    int64_t needed;
    if (__builtin_mul_overflow(end() + 1, int64_t{4}, &needed)) {
      return Status::Invalid("offsets size overflows");
    }
    RETURN_NOT_OK(CheckSize(*buffer, needed, "offsets buffer"));
    const int32_t* offsets = v_.Offsets();
    if (offsets[0] < 0) return Status::Invalid("negative first offset {}", offsets[0]);
    for (int64_t i = 0; i < v_.length(); ++i) {
      if (offsets[i + 1] < offsets[i]) {
        return Status::Invalid("offsets decrease at row {}: {} then {}", i, offsets[i],
                               offsets[i + 1]);
      }
    }
    if (offsets[v_.length()] > limit) {
      return Status::Invalid("last offset {} is past the end of the {} ({})", offsets[v_.length()],
                             target, limit);
    }
    return Status::OK();
  }

  Status CheckBinary() {
    const Buffer* data = v_.buffer(2);
    return CheckOffsets(data == nullptr ? 0 : static_cast<int64_t>(data->size()), "data buffer");
  }

  // Checks child `k` against the type's field `k` and validates it.
  Status CheckChild(int k, const Field& field) {
    const VectorPtr& child = v_.child(k);
    if (child == nullptr) return Status::Invalid("child {} is missing", k);
    if (child->type() == nullptr || !child->type()->Equals(*field.type)) {
      return Status::Invalid("child '{}' has type {}, expected {}", field.name,
                             child->type() == nullptr ? "none" : child->type()->ToString(),
                             field.type->ToString());
    }
    RETURN_NOT_OK_CTX(Validator(*child, full_).Check(), fmt::format("child '{}'", field.name));
    return Status::OK();
  }

  Status CheckChildCount() {
    const int expected = v_.type()->num_fields();
    if (v_.num_children() != expected) {
      return Status::Invalid("expected {} children, got {}", expected, v_.num_children());
    }
    return Status::OK();
  }

  Status CheckStruct() {
    RETURN_NOT_OK(CheckChildCount());
    for (int k = 0; k < v_.num_children(); ++k) {
      RETURN_NOT_OK(CheckChild(k, v_.type()->field(k)));
      if (v_.child(k)->length() != v_.length()) {
        return Status::Invalid("child '{}' has {} rows, the struct {}", v_.type()->field(k).name,
                               v_.child(k)->length(), v_.length());
      }
    }
    return Status::OK();
  }

  Status CheckList() {
    RETURN_NOT_OK(CheckChildCount());
    RETURN_NOT_OK(CheckChild(0, v_.type()->field(0)));
    return CheckOffsets(v_.child(0)->length(), "child");
  }

  Status CheckMap() {
    RETURN_NOT_OK(CheckList());
    const ColumnVector& entries = *v_.child(0);
    if (entries.null_count() != 0) return Status::Invalid("map entries contain nulls");
    if (entries.child(0)->null_count() != 0) return Status::Invalid("map keys contain nulls");
    return Status::OK();
  }

  Status CheckString() {
    RETURN_NOT_OK(CheckBinary());
    if (!full_) return Status::OK();
    for (int64_t i = 0; i < v_.length(); ++i) {
      if (v_.IsValid(i) && !utf8::IsValid(v_.GetView(i))) {
        return Status::Invalid("row {} is not valid UTF-8", i);
      }
    }
    return Status::OK();
  }

  Status CheckDecimal() {
    RETURN_NOT_OK(CheckFixedWidth());
    if (!full_) return Status::OK();
    const int32_t precision = v_.type()->precision();
    for (int64_t i = 0; i < v_.length(); ++i) {
      if (v_.IsValid(i) && !v_.GetDecimal(i).FitsInPrecision(precision)) {
        return Status::Invalid("row {} has more than {} digits", i, precision);
      }
    }
    return Status::OK();
  }

  const ColumnVector& v_;
  const bool full_;
};

}  // namespace

Status ColumnVector::Validate() const { return Validator(*this, /*full=*/false).Run(); }

Status ColumnVector::ValidateFull() const { return Validator(*this, /*full=*/true).Run(); }

}  // namespace strata
