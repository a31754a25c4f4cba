#include "delta/delta_schema.h"

#include <charconv>

#include "columnar/json_writer.h"
#include "delta/json_reader.h"

namespace strata::delta {

using internal::JsonObject;
using internal::JsonValue;

namespace {

constexpr std::string_view kPhysicalNameKey = "delta.columnMapping.physicalName";
constexpr std::string_view kColumnIdKey = "delta.columnMapping.id";
constexpr int kMaxDepth = 64;

Result<TypePtr> ParseType(const JsonValue& value, const std::string& path, int depth);

Result<TypePtr> ParseDecimal(std::string_view name, const std::string& path) {
  // "decimal(10,2)", also written with spaces: "decimal(10, 2)".
  std::string digits;
  for (const char c : name.substr(8)) {
    if (c != ' ') digits.push_back(c);
  }
  int32_t precision = 0;
  int32_t scale = 0;
  const char* end = digits.data() + digits.size();
  auto [p_end, p_error] = std::from_chars(digits.data(), end, precision);
  if (p_error == std::errc() && p_end < end && *p_end == ',') {
    auto [s_end, s_error] = std::from_chars(p_end + 1, end, scale);
    if (s_error == std::errc() && s_end + 1 == end && *s_end == ')') {
      Result<TypePtr> type = Decimal(precision, scale);
      if (type.ok()) return type;
    }
  }
  return Status::Corruption("column {}: malformed decimal type \"{}\"", path, name);
}

Result<TypePtr> ParsePrimitive(std::string_view name, const std::string& path) {
  if (name == "string") return String();
  if (name == "long") return Int64();
  if (name == "integer") return Int32();
  if (name == "short") return Int16();
  if (name == "byte") return Int8();
  if (name == "float") return Float32();
  if (name == "double") return Float64();
  if (name == "boolean") return Bool();
  if (name == "binary") return Binary();
  if (name == "date") return Date();
  if (name == "timestamp") return Timestamp(TimeUnit::kMicro, /*utc=*/true);
  if (name == "timestamp_ntz") return Timestamp(TimeUnit::kMicro, /*utc=*/false);
  if (name.starts_with("decimal(")) return ParseDecimal(name, path);
  if (name == "decimal") return Decimal(10, 0);  // Spark's default precision.
  return Status::NotImplemented("column {}: Delta type \"{}\" is not supported", path, name);
}

Result<KeyValueMetadata> ParseFieldMetadata(const JsonObject& field) {
  KeyValueMetadata metadata;
  ASSIGN_OR_RETURN(std::optional<JsonObject> object, field.OptionalObject("metadata"));
  if (!object) return metadata;
  for (const auto& [key, value] : object->Members()) {
    metadata.emplace_back(std::string(key), simdjson::minify(value.element()));
  }
  return metadata;
}

Result<Field> ParseField(const JsonObject& object, const std::string& parent, int depth) {
  ASSIGN_OR_RETURN(std::string name, object.RequiredString("name"));
  const std::string path = parent.empty() ? name : parent + "." + name;
  std::optional<JsonValue> type_value = object.Find("type");
  if (!type_value) return Status::Corruption("column {}: no type", path);
  ASSIGN_OR_RETURN(TypePtr type, ParseType(*type_value, path, depth + 1));
  Result<std::optional<bool>> nullable = object.OptionalBool("nullable");
  RETURN_NOT_OK_CTX(nullable.status(), "column " + path);
  Result<KeyValueMetadata> metadata = ParseFieldMetadata(object);
  RETURN_NOT_OK_CTX(metadata.status(), "column " + path);
  return Field(name, std::move(type), nullable->value_or(true), std::move(*metadata));
}

Result<std::vector<Field>> ParseFields(const JsonObject& object, const std::string& path,
                                       int depth) {
  std::optional<JsonValue> fields_value = object.Find("fields");
  simdjson::dom::array array;
  if (!fields_value || fields_value->element().get(array) != simdjson::SUCCESS) {
    return Status::Corruption("column {}: struct without a \"fields\" array", path);
  }
  std::vector<Field> fields;
  for (simdjson::dom::element element : array) {
    ASSIGN_OR_RETURN(JsonObject field_object, JsonValue(element).AsObject("field"));
    ASSIGN_OR_RETURN(Field field, ParseField(field_object, path, depth));
    fields.push_back(std::move(field));
  }
  return fields;
}

Result<TypePtr> ParseComplex(const JsonObject& object, const std::string& path, int depth) {
  ASSIGN_OR_RETURN(std::string kind, object.RequiredString("type"));
  const std::string element_path = path.empty() ? std::string("element") : path;
  if (kind == "struct") {
    ASSIGN_OR_RETURN(std::vector<Field> fields, ParseFields(object, path, depth));
    return Struct(std::move(fields));
  }
  if (kind == "array") {
    std::optional<JsonValue> element = object.Find("elementType");
    if (!element) return Status::Corruption("column {}: array without elementType", path);
    ASSIGN_OR_RETURN(TypePtr element_type, ParseType(*element, element_path + "[]", depth + 1));
    Result<std::optional<bool>> contains_null = object.OptionalBool("containsNull");
    RETURN_NOT_OK_CTX(contains_null.status(), "column " + path);
    return List(Field("element", element_type, contains_null->value_or(true)));
  }
  if (kind == "map") {
    std::optional<JsonValue> key = object.Find("keyType");
    std::optional<JsonValue> value = object.Find("valueType");
    if (!key || !value) return Status::Corruption("column {}: map without keyType/valueType", path);
    ASSIGN_OR_RETURN(TypePtr key_type, ParseType(*key, path + ".key", depth + 1));
    ASSIGN_OR_RETURN(TypePtr value_type, ParseType(*value, path + ".value", depth + 1));
    Result<std::optional<bool>> value_null = object.OptionalBool("valueContainsNull");
    RETURN_NOT_OK_CTX(value_null.status(), "column " + path);
    return Map(Field("key", key_type, false),
               Field("value", value_type, value_null->value_or(true)));
  }
  return Status::NotImplemented("column {}: Delta type \"{}\" is not supported", path, kind);
}

Result<TypePtr> ParseType(const JsonValue& value, const std::string& path, int depth) {
  if (depth > kMaxDepth) return Status::Corruption("column {}: types nested too deeply", path);
  std::string_view name;
  if (value.element().get(name) == simdjson::SUCCESS) return ParsePrimitive(name, path);
  Result<JsonObject> object = value.AsObject("type");
  RETURN_NOT_OK_CTX(object.status(), "column " + path);
  return ParseComplex(*object, path, depth);
}

}  // namespace

Result<SchemaPtr> ParseDeltaSchema(std::string_view schema_string) {
  internal::JsonDocument document;
  Result<JsonObject> root = document.Parse(schema_string);
  if (!root.ok()) return root.status().WithContext("schemaString");
  ASSIGN_OR_RETURN(std::string kind, root->RequiredString("type"));
  if (kind != "struct") return Status::Corruption("schemaString: the root type is not a struct");
  ASSIGN_OR_RETURN(std::vector<Field> fields, ParseFields(*root, "", 0));
  return MakeSchema(std::move(fields));
}

std::optional<std::string> DeltaFieldMetadata(const Field& field, std::string_view key) {
  for (const auto& [name, value] : field.metadata) {
    if (name != key) continue;
    if (value.size() >= 2 && value.front() == '"') {
      internal::JsonDocument document;
      Result<JsonValue> parsed = document.ParseValue(value);
      std::string_view text;
      if (parsed.ok() && parsed->element().get(text) == simdjson::SUCCESS) return std::string(text);
    }
    return value;
  }
  return std::nullopt;
}

Result<ColumnMappingMode> ParseColumnMappingMode(std::string_view mode) {
  if (mode.empty() || mode == "none") return ColumnMappingMode::kNone;
  if (mode == "name") return ColumnMappingMode::kName;
  if (mode == "id") return ColumnMappingMode::kId;
  return Status::NotImplemented("column mapping mode \"{}\" is not supported", mode);
}

std::string PhysicalName(const Field& field, ColumnMappingMode mode) {
  if (mode == ColumnMappingMode::kNone) return field.name;
  return DeltaFieldMetadata(field, kPhysicalNameKey).value_or(field.name);
}

namespace {

Result<Field> PhysicalField(const Field& field, ColumnMappingMode mode);

Result<TypePtr> PhysicalType(const TypePtr& type, ColumnMappingMode mode) {
  switch (type->id()) {
    case TypeId::kStruct: {
      std::vector<Field> fields;
      for (const Field& child : type->fields()) {
        ASSIGN_OR_RETURN(Field physical, PhysicalField(child, mode));
        fields.push_back(std::move(physical));
      }
      return Struct(std::move(fields));
    }
    case TypeId::kList: {
      const Field& element = type->field(0);
      ASSIGN_OR_RETURN(TypePtr element_type, PhysicalType(element.type, mode));
      return List(Field(element.name, element_type, element.nullable));
    }
    case TypeId::kMap: {
      const Field& key = type->field(0).type->field(0);
      const Field& value = type->field(0).type->field(1);
      ASSIGN_OR_RETURN(TypePtr key_type, PhysicalType(key.type, mode));
      ASSIGN_OR_RETURN(TypePtr value_type, PhysicalType(value.type, mode));
      return Map(Field(key.name, key_type, key.nullable),
                 Field(value.name, value_type, value.nullable));
    }
    default: return type;
  }
}

Result<Field> PhysicalField(const Field& field, ColumnMappingMode mode) {
  ASSIGN_OR_RETURN(TypePtr type, PhysicalType(field.type, mode));
  KeyValueMetadata metadata;
  if (mode == ColumnMappingMode::kId) {
    std::optional<std::string> id = DeltaFieldMetadata(field, kColumnIdKey);
    if (!id)
      return Status::Corruption("column {}: no {} under column mapping mode id", field.name,
                                kColumnIdKey);
    metadata.emplace_back("PARQUET:field_id", *id);
  }
  return Field(PhysicalName(field, mode), std::move(type), field.nullable, std::move(metadata));
}

}  // namespace

Result<SchemaPtr> PhysicalSchema(const SchemaPtr& schema, ColumnMappingMode mode) {
  if (mode == ColumnMappingMode::kNone) return schema;
  std::vector<Field> fields;
  for (const Field& field : schema->fields()) {
    ASSIGN_OR_RETURN(Field physical, PhysicalField(field, mode));
    fields.push_back(std::move(physical));
  }
  return MakeSchema(std::move(fields));
}

}  // namespace strata::delta
