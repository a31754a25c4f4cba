#include "formats/json_nested.h"

#include <fmt/format.h>

#include "formats/json_values.h"

namespace strata::formats {
namespace {

uint8_t Bit(JsonKind kind) { return static_cast<uint8_t>(1U << static_cast<int>(kind)); }

std::string Child(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : fmt::format("{}.{}", path, name);
}

Status Misfit(const std::string& path, simdjson::dom::element value, const DataType& type) {
  return Status::Invalid("{}{} does not fit {}",
                         path.empty() ? "" : "member '" + path + "': ", KindName(KindOf(value)),
                         type.ToString());
}

// Whether `value` (not null) fits `type` throughout; nothing is appended.
Status Check(const DataType& type, simdjson::dom::element value, const std::string& path) {
  if (value.is_null()) return Status::OK();
  switch (type.id()) {
    case TypeId::kStruct: {
      if (!value.is_object()) return Misfit(path, value, type);
      // Named: ranging over value_unsafe() of a temporary result outlives it.
      const simdjson::dom::object object = value.get_object().value_unsafe();
      for (simdjson::dom::key_value_pair member : object) {
        int k = 0;
        while (k < type.num_fields() && type.field(k).name != member.key) ++k;
        const std::string where = Child(path, member.key);
        if (k == type.num_fields()) {
          // Dropping it would lose data the schema has no place for.
          return Status::Invalid("member '{}' is not in {}", where, type.ToString());
        }
        RETURN_NOT_OK(Check(*type.field(k).type, member.value, where));
      }
      return Status::OK();
    }
    case TypeId::kList: {
      if (!value.is_array()) return Misfit(path, value, type);
      const simdjson::dom::array items = value.get_array().value_unsafe();
      for (simdjson::dom::element item : items) {
        RETURN_NOT_OK(Check(*type.field(0).type, item, path));
      }
      return Status::OK();
    }
    case TypeId::kBool: return value.is_bool() ? Status::OK() : Misfit(path, value, type);
    case TypeId::kInt64: return value.is_int64() ? Status::OK() : Misfit(path, value, type);
    case TypeId::kFloat64: return value.is_number() ? Status::OK() : Misfit(path, value, type);
    case TypeId::kString: return value.is_string() ? Status::OK() : Misfit(path, value, type);
    case TypeId::kJson: return Status::OK();
    default: return Misfit(path, value, type);
  }
}

// Appends a value Check accepted.
Status Put(const DataType& type, simdjson::dom::element value, VectorBuilder* builder) {
  if (value.is_null()) return builder->AppendNull();
  switch (type.id()) {
    case TypeId::kStruct: {
      auto* out = static_cast<StructBuilder*>(builder);
      RETURN_NOT_OK(out->Append(true));
      simdjson::dom::object object = value.get_object().value_unsafe();
      for (int k = 0; k < type.num_fields(); ++k) {
        simdjson::dom::element member;
        if (object.at_key(type.field(k).name).get(member) == simdjson::SUCCESS) {
          RETURN_NOT_OK(Put(*type.field(k).type, member, out->child(k)));
        } else {
          RETURN_NOT_OK(out->child(k)->AppendNull());
        }
      }
      return Status::OK();
    }
    case TypeId::kList: {
      auto* out = static_cast<ListBuilder*>(builder);
      RETURN_NOT_OK(out->Append(true));
      const simdjson::dom::array items = value.get_array().value_unsafe();
      for (simdjson::dom::element item : items) {
        RETURN_NOT_OK(Put(*type.field(0).type, item, out->value_builder()));
      }
      return Status::OK();
    }
    case TypeId::kBool:
      return static_cast<BoolBuilder*>(builder)->Append(value.get_bool().value_unsafe());
    case TypeId::kInt64:
      return static_cast<Int64Builder*>(builder)->Append(value.get_int64().value_unsafe());
    case TypeId::kFloat64:
      return static_cast<Float64Builder*>(builder)->Append(value.get_double().value_unsafe());
    case TypeId::kString:
      return static_cast<BinaryBuilder*>(builder)->Append(value.get_string().value_unsafe());
    default: return static_cast<BinaryBuilder*>(builder)->Append(JsonTextOf(value));
  }
}

Status CheckBuildable(const DataType& type) {
  switch (type.id()) {
    case TypeId::kStruct:
    case TypeId::kList:
      for (const Field& field : type.fields()) RETURN_NOT_OK(CheckBuildable(*field.type));
      return Status::OK();
    case TypeId::kBool:
    case TypeId::kInt64:
    case TypeId::kFloat64:
    case TypeId::kString:
    case TypeId::kJson: return Status::OK();
    default:
      return Status::NotImplemented(
          "JSON values inside structs and lists read as bool, int64, float64, string or json, "
          "not {}",
          type.ToString());
  }
}

}  // namespace

JsonShapeInference& JsonShapeInference::Member(std::string_view name) {
  for (auto& [member, shape] : members_) {
    if (member == name) return *shape;
  }
  members_.emplace_back(std::string(name), std::make_unique<JsonShapeInference>(depth_ + 1));
  return *members_.back().second;
}

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
  if (depth_ >= kMaxDepth) return;
  if (kind == JsonKind::kObject) {
    const simdjson::dom::object object = value.get_object().value_unsafe();
    for (simdjson::dom::key_value_pair member : object) {
      Member(member.key).Observe(member.value, line);
    }
  } else if (kind == JsonKind::kArray) {
    if (element_ == nullptr) element_ = std::make_unique<JsonShapeInference>(depth_ + 1);
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
  if (kinds_ == Bit(JsonKind::kString)) return String();
  // Too deep, or objects without members (a struct needs one): json text.
  if (depth_ >= kMaxDepth) return Json();
  if (kinds_ == Bit(JsonKind::kArray)) {
    if (element_ == nullptr) return List(String());
    ASSIGN_OR_RETURN(TypePtr element, element_->Type(name, on_conflict_json));
    return List(std::move(element));
  }
  if (members_.empty()) return Json();
  std::vector<Field> fields;
  for (const auto& [member, shape] : members_) {
    ASSIGN_OR_RETURN(TypePtr type, shape->Type(Child(name, member), on_conflict_json));
    fields.emplace_back(member, std::move(type));
  }
  return Struct(std::move(fields));
}

Result<std::unique_ptr<JsonNestedParser>> JsonNestedParser::Make(const TypePtr& type) {
  RETURN_NOT_OK(CheckBuildable(*type));
  ASSIGN_OR_RETURN(auto builder, MakeBuilder(type));
  return std::unique_ptr<JsonNestedParser>(new JsonNestedParser(type, std::move(builder)));
}

Status JsonNestedParser::AppendJson(simdjson::dom::element value) {
  RETURN_NOT_OK(Check(*type(), value, ""));
  return Put(*type(), value, builder_.get());
}

Status JsonNestedParser::Append(std::string_view /*text*/, bool /*quoted*/) {
  return Status::Invalid("a scalar does not fit {}", type()->ToString());
}

Result<VectorPtr> JsonNestedParser::Finish() {
  ASSIGN_OR_RETURN(VectorPtr vector, builder_->Finish());
  ASSIGN_OR_RETURN(builder_, MakeBuilder(type()));
  return vector;
}

}  // namespace strata::formats
