// JsonShapeInference: the merged shape of a field's objects and arrays. The
// parser is in json_nested_parser.cc.
#include "formats/json_nested.h"

#include <fmt/format.h>

#include "formats/json_values.h"
#include "formats/read_options.h"

namespace strata::formats {
namespace {

uint8_t Bit(JsonKind kind) { return static_cast<uint8_t>(1U << static_cast<int>(kind)); }

std::string Child(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : fmt::format("{}.{}", path, name);
}

}  // namespace

JsonShapeInference::JsonShapeInference(const ValueOptions* values, int depth)
    : values_(values), depth_(depth) {}

JsonShapeInference::~JsonShapeInference() = default;

void JsonShapeInference::Observe(simdjson::dom::element value, int64_t line) {
  const JsonKind kind = KindOf(value);
  if (kind == JsonKind::kNull) return;
  const int index = static_cast<int>(kind);
  if (kinds_ == 0) {
    first_kind_ = index;
    first_line_ = line;
  } else if (conflict_kind_ < 0 && (kinds_ & Bit(kind)) == 0) {
    conflict_kind_ = index;
    conflict_line_ = line;
  }
  kinds_ |= Bit(kind);
  if (kind == JsonKind::kNumber) fractional_ |= !value.is_int64();
  if (kind == JsonKind::kString && values_ != nullptr) {
    if (strings_ == nullptr) strings_ = std::make_unique<ColumnInference>(values_);
    strings_->Observe(value.get_string().value_unsafe(), /*quoted=*/true);
  }
  if (depth_ >= kMaxDepth) return;
  if (kind == JsonKind::kObject) {
    const simdjson::dom::object object = value.get_object().value_unsafe();
    int expected = 0;  // Records usually repeat the member order.
    for (simdjson::dom::key_value_pair member : object) {
      int position = member_names_.Find(member.key, expected);
      if (position < 0) {
        position = member_names_.Add(member.key);
        members_.push_back(std::make_unique<JsonShapeInference>(values_, depth_ + 1));
      }
      members_[static_cast<size_t>(position)]->Observe(member.value, line);
      expected = position + 1;
    }
  } else if (kind == JsonKind::kArray) {
    if (element_ == nullptr) element_ = std::make_unique<JsonShapeInference>(values_, depth_ + 1);
    const simdjson::dom::array items = value.get_array().value_unsafe();
    for (simdjson::dom::element item : items) {
      element_->Observe(item, line);
    }
  }
}

Result<TypePtr> JsonShapeInference::Type(const std::string& name, bool on_conflict_json) const {
  if (conflict_kind_ >= 0) {
    if (on_conflict_json) return Json();
    return Status::Invalid(
        "'{}' holds {} (line {}) and {} (line {}); on_conflict_json reads it as json text", name,
        KindName(static_cast<JsonKind>(first_kind_)), first_line_,
        KindName(static_cast<JsonKind>(conflict_kind_)), conflict_line_);
  }
  if (kinds_ == 0) return String();
  if (kinds_ == Bit(JsonKind::kBool)) return Bool();
  if (kinds_ == Bit(JsonKind::kNumber)) return fractional_ ? Float64() : Int64();
  if (kinds_ == Bit(JsonKind::kString)) {
    if (strings_ == nullptr) return String();
    Result<TypePtr> type = strings_->Type();
    if (!type.ok()) return type.status().WithContext(fmt::format("member '{}'", name));
    return JsonStringType(*type);
  }
  // Too deep, or objects without members (a struct needs one): json text.
  if (depth_ >= kMaxDepth) return Json();
  if (kinds_ == Bit(JsonKind::kArray)) {
    if (element_ == nullptr) return List(String());
    ASSIGN_OR_RETURN(Field element, element_->FieldOf("element", name, on_conflict_json));
    return List(std::move(element));
  }
  if (members_.empty()) return Json();
  std::vector<Field> fields;
  for (int k = 0; k < member_names_.size(); ++k) {
    const std::string& member = member_names_.name(k);
    ASSIGN_OR_RETURN(Field field, members_[static_cast<size_t>(k)]->FieldOf(
                                      member, Child(name, member), on_conflict_json));
    fields.push_back(std::move(field));
  }
  return Struct(std::move(fields));
}

Result<Field> JsonShapeInference::FieldOf(std::string field_name, const std::string& path,
                                          bool on_conflict_json) const {
  ASSIGN_OR_RETURN(TypePtr type, Type(path, on_conflict_json));
  KeyValueMetadata metadata;
  // The parser reads one date form; a proven day/month order is kept
  // beside the type, as for top-level columns.
  if (type->id() == TypeId::kDate && strings_ != nullptr) {
    std::string format = strings_->date_format();
    if (!format.empty() && format != values_->date_format) {
      metadata.emplace_back(std::string(kDateFormatKey), std::move(format));
    }
  }
  return Field(std::move(field_name), std::move(type), /*nullable_in=*/true, std::move(metadata));
}

TypePtr JsonStringType(const TypePtr& inferred) {
  if (inferred->is_integer() || inferred->is_floating() || inferred->id() == TypeId::kDecimal ||
      inferred->id() == TypeId::kBool) {
    return String();
  }
  return inferred;
}

}  // namespace strata::formats
