// Columnar schemas as Delta schemaStrings.

#include <fmt/format.h>

#include "columnar/json_writer.h"
#include "delta/delta_schema.h"

namespace strata::delta {

namespace {

Result<TypePtr> ToDeltaFields(const TypePtr& type);

Status NoEquivalent(const DataType& type) {
  return Status::NotImplemented("type {} has no lossless Delta equivalent", type.ToString());
}

// The type name of a primitive Delta type; REQUIRES: ToDeltaType's output.
std::string PrimitiveName(const DataType& type) {
  switch (type.id()) {
    case TypeId::kString: return "string";
    case TypeId::kInt64: return "long";
    case TypeId::kInt32: return "integer";
    case TypeId::kInt16: return "short";
    case TypeId::kInt8: return "byte";
    case TypeId::kFloat32: return "float";
    case TypeId::kFloat64: return "double";
    case TypeId::kBool: return "boolean";
    case TypeId::kBinary: return "binary";
    case TypeId::kDate: return "date";
    case TypeId::kTimestamp: return type.utc() ? "timestamp" : "timestamp_ntz";
    case TypeId::kDecimal: return fmt::format("decimal({},{})", type.precision(), type.scale());
    default: return "";
  }
}

void AppendType(const DataType& type, std::string* out);

void AppendField(const Field& field, std::string* out) {
  out->append("{\"name\":");
  AppendJsonString(field.name, out);
  out->append(",\"type\":");
  AppendType(*field.type, out);
  out->append(field.nullable ? ",\"nullable\":true" : ",\"nullable\":false");
  out->append(",\"metadata\":{");
  for (size_t i = 0; i < field.metadata.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendJsonString(field.metadata[i].first, out);
    out->push_back(':');
    // Values are JSON text already (see delta_schema.h); anything else is a string.
    if (!AppendMinifiedJson(field.metadata[i].second, out)) {
      AppendJsonString(field.metadata[i].second, out);
    }
  }
  out->append("}}");
}

void AppendStruct(const std::vector<Field>& fields, std::string* out) {
  out->append("{\"type\":\"struct\",\"fields\":[");
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendField(fields[i], out);
  }
  out->append("]}");
}

void AppendType(const DataType& type, std::string* out) {
  switch (type.id()) {
    case TypeId::kStruct: return AppendStruct(type.fields(), out);
    case TypeId::kList:
      out->append("{\"type\":\"array\",\"elementType\":");
      AppendType(*type.field(0).type, out);
      out->append(type.field(0).nullable ? ",\"containsNull\":true}" : ",\"containsNull\":false}");
      return;
    case TypeId::kMap: {
      const DataType& entries = *type.field(0).type;
      out->append("{\"type\":\"map\",\"keyType\":");
      AppendType(*entries.field(0).type, out);
      out->append(",\"valueType\":");
      AppendType(*entries.field(1).type, out);
      out->append(entries.field(1).nullable ? ",\"valueContainsNull\":true}"
                                            : ",\"valueContainsNull\":false}");
      return;
    }
    default: AppendJsonString(PrimitiveName(type), out);
  }
}

Result<std::vector<Field>> ToDeltaFieldList(const std::vector<Field>& fields) {
  std::vector<Field> out;
  for (const Field& field : fields) {
    Result<TypePtr> type = ToDeltaType(field.type);
    if (!type.ok()) return type.status().WithContext(fmt::format("column {}", field.name));
    out.emplace_back(field.name, *type, field.nullable, field.metadata);
  }
  return out;
}

Result<TypePtr> ToDeltaFields(const TypePtr& type) {
  if (type->id() == TypeId::kStruct) {
    ASSIGN_OR_RETURN(std::vector<Field> fields, ToDeltaFieldList(type->fields()));
    return Struct(std::move(fields));
  }
  if (type->id() == TypeId::kList) {
    const Field& element = type->field(0);
    ASSIGN_OR_RETURN(TypePtr element_type, ToDeltaType(element.type));
    return List(Field("element", element_type, element.nullable));
  }
  const Field& key = type->field(0).type->field(0);
  const Field& value = type->field(0).type->field(1);
  ASSIGN_OR_RETURN(TypePtr key_type, ToDeltaType(key.type));
  ASSIGN_OR_RETURN(TypePtr value_type, ToDeltaType(value.type));
  return Map(Field("key", key_type, false), Field("value", value_type, value.nullable));
}

}  // namespace

std::string DeltaTypeName(const DataType& type) { return PrimitiveName(type); }

Result<TypePtr> ToDeltaType(const TypePtr& type) {
  switch (type->id()) {
    case TypeId::kUInt8: return Int16();
    case TypeId::kUInt16: return Int32();
    case TypeId::kUInt32: return Int64();
    case TypeId::kUuid:
    case TypeId::kJson: return String();
    case TypeId::kFixedSizeBinary: return Binary();
    case TypeId::kTimestamp: return Timestamp(TimeUnit::kMicro, type->utc());
    case TypeId::kStruct:
    case TypeId::kList:
    case TypeId::kMap: return ToDeltaFields(type);
    default:
      if (PrimitiveName(*type).empty()) return NoEquivalent(*type);
      return type;
  }
}

Result<std::string> ToDeltaSchemaString(const Schema& schema) {
  ASSIGN_OR_RETURN(std::vector<Field> fields, ToDeltaFieldList(schema.fields()));
  std::string out;
  AppendStruct(fields, &out);
  return out;
}

}  // namespace strata::delta
