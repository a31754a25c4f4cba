// Builders of nested types, MakeBuilder and MakeNullVector.
#include <utility>

#include "columnar/builder.h"

namespace strata {
namespace {

BufferPtr Share(Buffer&& buffer) { return std::make_shared<const Buffer>(std::move(buffer)); }

Status CheckChildLength(const VectorBuilder& child, int64_t expected, std::string_view name) {
  if (child.length() == expected) return Status::OK();
  return Status::Invalid("{} builder has {} rows, expected {}", name, child.length(), expected);
}

}  // namespace

// StructBuilder

StructBuilder::StructBuilder(TypePtr type, std::vector<std::unique_ptr<VectorBuilder>> children)
    : VectorBuilder(std::move(type)), children_(std::move(children)) {
  DCHECK(this->type()->id() == TypeId::kStruct);
  DCHECK(static_cast<int>(children_.size()) == this->type()->num_fields());
}

Status StructBuilder::AppendNulls(int64_t n) {
  for (auto& child : children_) RETURN_NOT_OK(child->AppendNulls(n));
  return AppendValidity(n, false);
}

Status StructBuilder::Reserve(int64_t additional) {
  for (auto& child : children_) RETURN_NOT_OK(child->Reserve(additional));
  return Status::OK();
}

Result<VectorPtr> StructBuilder::FinishInternal(BufferPtr validity) {
  // All lengths are checked before any child is finished, so a failure
  // leaves every child intact.
  for (size_t k = 0; k < children_.size(); ++k) {
    const std::string& name = type()->field(static_cast<int>(k)).name;
    RETURN_NOT_OK(CheckChildLength(*children_[k], length(), "struct field '" + name + "'"));
  }
  std::vector<VectorPtr> children;
  children.reserve(children_.size());
  for (auto& child_builder : children_) {
    ASSIGN_OR_RETURN(VectorPtr child, child_builder->Finish());
    children.push_back(std::move(child));
  }
  return ColumnVector::Make(type(), length(), {std::move(validity)}, std::move(children),
                            null_count());
}

// OffsetsBuilder

Status OffsetsBuilder::Reserve(int64_t additional) {
  return offsets_.Reserve(offsets_.size() + static_cast<size_t>(additional + 1) * sizeof(int32_t));
}

Status OffsetsBuilder::Append(int64_t child_length) { return AppendRepeated(child_length, 1); }

Status OffsetsBuilder::AppendRepeated(int64_t child_length, int64_t n) {
  if (child_length > INT32_MAX) {
    return Status::ResourceExhausted(
        "list or map vector would exceed {} child rows (int32 offsets); split it into smaller "
        "vectors",
        INT32_MAX);
  }
  const auto offset = static_cast<int32_t>(child_length);
  for (int64_t i = 0; i < n; ++i) RETURN_NOT_OK(offsets_.Append(&offset, sizeof(offset)));
  return Status::OK();
}

Result<BufferPtr> OffsetsBuilder::Finish(int64_t child_length) {
  RETURN_NOT_OK(Append(child_length));
  return Share(std::exchange(offsets_, Buffer()));
}

// ListBuilder

ListBuilder::ListBuilder(TypePtr type, std::unique_ptr<VectorBuilder> value_builder)
    : VectorBuilder(std::move(type)), value_builder_(std::move(value_builder)) {
  DCHECK(this->type()->id() == TypeId::kList);
  DCHECK(value_builder_->type()->Equals(*this->type()->field(0).type));
}

Status ListBuilder::Append(bool valid) {
  RETURN_NOT_OK(offsets_.Append(value_builder_->length()));
  return AppendValidity(1, valid);
}

Status ListBuilder::AppendNulls(int64_t n) {
  RETURN_NOT_OK(offsets_.AppendRepeated(value_builder_->length(), n));
  return AppendValidity(n, false);
}

Status ListBuilder::Reserve(int64_t additional) { return offsets_.Reserve(additional); }

Result<VectorPtr> ListBuilder::FinishInternal(BufferPtr validity) {
  ASSIGN_OR_RETURN(BufferPtr offsets, offsets_.Finish(value_builder_->length()));
  ASSIGN_OR_RETURN(VectorPtr values, value_builder_->Finish());
  return ColumnVector::Make(type(), length(), {std::move(validity), std::move(offsets)},
                            {std::move(values)}, null_count());
}

// MapBuilder

MapBuilder::MapBuilder(TypePtr type, std::unique_ptr<VectorBuilder> key_builder,
                       std::unique_ptr<VectorBuilder> item_builder)
    : VectorBuilder(std::move(type)),
      key_builder_(std::move(key_builder)),
      item_builder_(std::move(item_builder)) {
  DCHECK(this->type()->id() == TypeId::kMap);
}

Status MapBuilder::Append(bool valid) {
  RETURN_NOT_OK(offsets_.Append(key_builder_->length()));
  return AppendValidity(1, valid);
}

Status MapBuilder::AppendNulls(int64_t n) {
  RETURN_NOT_OK(offsets_.AppendRepeated(key_builder_->length(), n));
  return AppendValidity(n, false);
}

Status MapBuilder::Reserve(int64_t additional) { return offsets_.Reserve(additional); }

Result<VectorPtr> MapBuilder::FinishInternal(BufferPtr validity) {
  const int64_t entry_count = key_builder_->length();
  RETURN_NOT_OK(CheckChildLength(*item_builder_, entry_count, "map item"));
  if (key_builder_->null_count() != 0) return Status::Invalid("map keys must not be null");
  ASSIGN_OR_RETURN(BufferPtr offsets, offsets_.Finish(entry_count));
  ASSIGN_OR_RETURN(VectorPtr keys, key_builder_->Finish());
  ASSIGN_OR_RETURN(VectorPtr items, item_builder_->Finish());
  VectorPtr entries = ColumnVector::Make(type()->field(0).type, entry_count, {nullptr},
                                         {std::move(keys), std::move(items)}, 0);
  return ColumnVector::Make(type(), length(), {std::move(validity), std::move(offsets)},
                            {std::move(entries)}, null_count());
}

// Factories

namespace {

Result<std::unique_ptr<VectorBuilder>> MakeNestedBuilder(const TypePtr& type) {
  if (type->id() == TypeId::kList) {
    ASSIGN_OR_RETURN(auto values, MakeBuilder(type->field(0).type));
    return std::make_unique<ListBuilder>(type, std::move(values));
  }
  if (type->id() == TypeId::kMap) {
    const DataType& entries = *type->field(0).type;
    ASSIGN_OR_RETURN(auto keys, MakeBuilder(entries.field(0).type));
    ASSIGN_OR_RETURN(auto items, MakeBuilder(entries.field(1).type));
    return std::make_unique<MapBuilder>(type, std::move(keys), std::move(items));
  }
  std::vector<std::unique_ptr<VectorBuilder>> children;
  for (const Field& field : type->fields()) {
    ASSIGN_OR_RETURN(auto child, MakeBuilder(field.type));
    children.push_back(std::move(child));
  }
  return std::make_unique<StructBuilder>(type, std::move(children));
}

}  // namespace

Result<std::unique_ptr<VectorBuilder>> MakeBuilder(const TypePtr& type) {
  switch (type->id()) {
    case TypeId::kBool: return std::make_unique<BoolBuilder>();
    case TypeId::kInt8: return std::make_unique<Int8Builder>(type);
    case TypeId::kInt16: return std::make_unique<Int16Builder>(type);
    case TypeId::kInt32:
    case TypeId::kDate: return std::make_unique<Int32Builder>(type);
    case TypeId::kInt64:
    case TypeId::kTime:
    case TypeId::kTimestamp: return std::make_unique<Int64Builder>(type);
    case TypeId::kUInt8: return std::make_unique<UInt8Builder>(type);
    case TypeId::kUInt16: return std::make_unique<UInt16Builder>(type);
    case TypeId::kUInt32: return std::make_unique<UInt32Builder>(type);
    case TypeId::kUInt64: return std::make_unique<UInt64Builder>(type);
    case TypeId::kFloat32: return std::make_unique<Float32Builder>(type);
    case TypeId::kFloat64: return std::make_unique<Float64Builder>(type);
    case TypeId::kDecimal: return std::make_unique<DecimalBuilder>(type);
    case TypeId::kFixedSizeBinary:
    case TypeId::kUuid: return std::make_unique<FixedSizeBinaryBuilder>(type);
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kJson: return std::make_unique<BinaryBuilder>(type);
    case TypeId::kStruct:
    case TypeId::kList:
    case TypeId::kMap: return MakeNestedBuilder(type);
  }
  return Status::NotImplemented("no builder for type {}", type->ToString());
}

Result<VectorPtr> MakeNullVector(const TypePtr& type, int64_t length) {
  ASSIGN_OR_RETURN(auto builder, MakeBuilder(type));
  RETURN_NOT_OK(builder->AppendNulls(length));
  return builder->Finish();
}

}  // namespace strata
