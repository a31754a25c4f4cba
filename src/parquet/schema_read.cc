// Interpreting footer schemas written by any writer: the logical type when it
// is one strata knows, else the legacy converted type, else the physical type
// (LogicalTypes.md, including its backward-compatibility rules for lists).
#include "parquet/schema_read.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "parquet/schema.h"

namespace strata::parquet {
namespace {

// Deeper trees are not data anyone writes; the bound keeps recursion safe.
constexpr int kMaxSchemaDepth = 100;
// Decimal128 holds at most 16 big-endian bytes.
constexpr int32_t kMaxDecimalBytes = 16;

struct SchemaNode {
  const SchemaElement* element = nullptr;
  int schema_index = 0;
  bool leaf = false;
  std::vector<SchemaNode> children;

  const std::string& name() const { return element->name; }
  bool repeated() const { return element->repetition_type == Repetition::kRepeated; }
};

// What a leaf holds in memory, as decided by its annotations.
struct LeafInfo {
  TypePtr type;
  ValueConversion conversion = ValueConversion::kNone;
  bool unsigned_order = false;
};

Status BuildNode(const std::vector<SchemaElement>& elements, size_t* pos, int depth,
                 SchemaNode* node) {
  if (depth > kMaxSchemaDepth) {
    return Status::Corruption("schema: groups nest deeper than {} levels", kMaxSchemaDepth);
  }
  // Counts checked below bound each group by what follows it, but not its
  // children's subtrees taken together.
  if (*pos >= elements.size()) {
    return Status::Corruption("schema: the children counts need more than the {} elements",
                              elements.size());
  }
  const size_t index = (*pos)++;
  const SchemaElement& e = elements[index];
  node->element = &e;
  node->schema_index = static_cast<int>(index);
  const int32_t num_children = e.num_children.value_or(0);
  if (num_children < 0) {
    return Status::Corruption("schema: element '{}' has {} children", e.name, num_children);
  }
  if (!e.num_children && !e.type) {
    return Status::Corruption("schema: element '{}' has neither a type nor children", e.name);
  }
  // Each child takes at least one element, so this also bounds the vector.
  if (static_cast<size_t>(num_children) > elements.size() - *pos) {
    return Status::Corruption("schema: element '{}' claims {} children but {} elements follow",
                              e.name, num_children, elements.size() - *pos);
  }
  node->leaf = num_children == 0 && e.type.has_value();
  node->children.resize(static_cast<size_t>(num_children));
  for (SchemaNode& child : node->children) {
    RETURN_NOT_OK(BuildNode(elements, pos, depth + 1, &child));
  }
  return Status::OK();
}

std::string_view LogicalTypeName(LogicalTypeKind kind) {
  switch (kind) {
    case LogicalTypeKind::kString: return "STRING";
    case LogicalTypeKind::kMap: return "MAP";
    case LogicalTypeKind::kList: return "LIST";
    case LogicalTypeKind::kEnum: return "ENUM";
    case LogicalTypeKind::kDecimal: return "DECIMAL";
    case LogicalTypeKind::kDate: return "DATE";
    case LogicalTypeKind::kTime: return "TIME";
    case LogicalTypeKind::kTimestamp: return "TIMESTAMP";
    case LogicalTypeKind::kInteger: return "INTEGER";
    case LogicalTypeKind::kNull: return "UNKNOWN";
    case LogicalTypeKind::kJson: return "JSON";
    case LogicalTypeKind::kBson: return "BSON";
    case LogicalTypeKind::kUuid: return "UUID";
    case LogicalTypeKind::kFloat16: return "FLOAT16";
    case LogicalTypeKind::kVariant: return "VARIANT";
    case LogicalTypeKind::kGeometry: return "GEOMETRY";
    case LogicalTypeKind::kGeography: return "GEOGRAPHY";
    case LogicalTypeKind::kNone: break;
  }
  return "an unknown logical type";
}

// Corruption unless the leaf's physical type is one of `allowed`.
Status RequirePhysical(const SchemaElement& e, std::string_view annotation,
                       std::initializer_list<PhysicalType> allowed) {
  for (PhysicalType type : allowed) {
    if (*e.type == type) return Status::OK();
  }
  return Status::Corruption("{} annotation on a {} column", annotation, PhysicalTypeName(*e.type));
}

Status RequireFixedLength(const SchemaElement& e, std::string_view annotation, int32_t length) {
  RETURN_NOT_OK(RequirePhysical(e, annotation, {PhysicalType::kFixedLenByteArray}));
  if (e.type_length != length) {
    return Status::Corruption("{} annotation on FIXED_LEN_BYTE_ARRAY({}), expected length {}",
                              annotation, e.type_length.value_or(0), length);
  }
  return Status::OK();
}

Result<LeafInfo> FromPhysicalType(const SchemaElement& e) {
  switch (*e.type) {
    case PhysicalType::kBoolean: return LeafInfo{Bool()};
    case PhysicalType::kInt32: return LeafInfo{Int32()};
    case PhysicalType::kInt64: return LeafInfo{Int64()};
    case PhysicalType::kInt96:
      return LeafInfo{Timestamp(strata::TimeUnit::kMicro, /*utc=*/false),
                      ValueConversion::kInt96Timestamp};
    case PhysicalType::kFloat: return LeafInfo{Float32()};
    case PhysicalType::kDouble: return LeafInfo{Float64()};
    case PhysicalType::kByteArray: return LeafInfo{Binary(), ValueConversion::kNone, true};
    case PhysicalType::kFixedLenByteArray: {
      ASSIGN_OR_RETURN(TypePtr type, FixedSizeBinary(e.type_length.value_or(0)));
      return LeafInfo{std::move(type), ValueConversion::kNone, true};
    }
  }
  return Status::Corruption("unknown physical type {}", static_cast<int>(*e.type));
}

Result<LeafInfo> DecimalLeaf(const SchemaElement& e, int32_t precision, int32_t scale) {
  if (precision < 1) return Status::Corruption("DECIMAL precision {}", precision);
  if (precision > kMaxDecimalPrecision) {
    return Status::NotImplemented("DECIMAL precision {} is above the {} digits strata supports",
                                  precision, kMaxDecimalPrecision);
  }
  if (scale < 0) return Status::NotImplemented("negative DECIMAL scale {}", scale);
  if (scale > precision) {
    return Status::Corruption("DECIMAL scale {} exceeds its precision {}", scale, precision);
  }
  ASSIGN_OR_RETURN(TypePtr type, Decimal(precision, scale));
  switch (*e.type) {
    case PhysicalType::kInt32: return LeafInfo{type, ValueConversion::kDecimalInt32};
    case PhysicalType::kInt64: return LeafInfo{type, ValueConversion::kDecimalInt64};
    case PhysicalType::kFixedLenByteArray:
      if (e.type_length > kMaxDecimalBytes) {
        return Status::NotImplemented("DECIMAL stored in {} bytes (at most {} are supported)",
                                      *e.type_length, kMaxDecimalBytes);
      }
      return LeafInfo{type, ValueConversion::kDecimalFixed};
    case PhysicalType::kByteArray: return LeafInfo{type, ValueConversion::kDecimalFixed};
    default:
      return Status::Corruption("DECIMAL annotation on a {} column", PhysicalTypeName(*e.type));
  }
}

Result<LeafInfo> IntegerLeaf(const SchemaElement& e, int bit_width, bool is_signed) {
  const PhysicalType physical = bit_width == 64 ? PhysicalType::kInt64 : PhysicalType::kInt32;
  RETURN_NOT_OK(RequirePhysical(e, "INTEGER", {physical}));
  const ValueConversion narrow = ValueConversion::kNarrowInt;
  switch (bit_width) {
    case 8: return is_signed ? LeafInfo{Int8(), narrow} : LeafInfo{UInt8(), narrow, true};
    case 16: return is_signed ? LeafInfo{Int16(), narrow} : LeafInfo{UInt16(), narrow, true};
    case 32:
      return is_signed ? LeafInfo{Int32()} : LeafInfo{UInt32(), ValueConversion::kUInt32, true};
    case 64:
      return is_signed ? LeafInfo{Int64()} : LeafInfo{UInt64(), ValueConversion::kNone, true};
    default: return Status::Corruption("INTEGER bit width {}", bit_width);
  }
}

Result<LeafInfo> TimeLeaf(const SchemaElement& e, parquet::TimeUnit unit) {
  switch (unit) {
    case parquet::TimeUnit::kMillis:
      RETURN_NOT_OK(RequirePhysical(e, "TIME(MILLIS)", {PhysicalType::kInt32}));
      return LeafInfo{Time(strata::TimeUnit::kMilli), ValueConversion::kTimeMillis};
    case parquet::TimeUnit::kMicros:
      RETURN_NOT_OK(RequirePhysical(e, "TIME(MICROS)", {PhysicalType::kInt64}));
      return LeafInfo{Time(strata::TimeUnit::kMicro)};
    case parquet::TimeUnit::kNanos:
      RETURN_NOT_OK(RequirePhysical(e, "TIME(NANOS)", {PhysicalType::kInt64}));
      return LeafInfo{Time(strata::TimeUnit::kNano)};
  }
  return Status::NotImplemented("TIME with an unknown unit");
}

Result<LeafInfo> TimestampLeaf(const SchemaElement& e, parquet::TimeUnit unit, bool utc) {
  RETURN_NOT_OK(RequirePhysical(e, "TIMESTAMP", {PhysicalType::kInt64}));
  switch (unit) {
    case parquet::TimeUnit::kMillis: return LeafInfo{Timestamp(strata::TimeUnit::kMilli, utc)};
    case parquet::TimeUnit::kMicros: return LeafInfo{Timestamp(strata::TimeUnit::kMicro, utc)};
    case parquet::TimeUnit::kNanos: return LeafInfo{Timestamp(strata::TimeUnit::kNano, utc)};
  }
  return Status::NotImplemented("TIMESTAMP with an unknown unit");
}

// STRING, ENUM, JSON, BSON and the like: BYTE_ARRAY compared bytewise.
Result<LeafInfo> ByteArrayLeaf(const SchemaElement& e, std::string_view annotation, TypePtr type) {
  RETURN_NOT_OK(RequirePhysical(e, annotation, {PhysicalType::kByteArray}));
  return LeafInfo{std::move(type), ValueConversion::kNone, true};
}

Result<LeafInfo> FromLogicalType(const SchemaElement& e, const LogicalType& logical) {
  const std::string_view name = LogicalTypeName(logical.kind);
  switch (logical.kind) {
    case LogicalTypeKind::kString:
    case LogicalTypeKind::kEnum: return ByteArrayLeaf(e, name, String());
    case LogicalTypeKind::kJson: return ByteArrayLeaf(e, name, Json());
    case LogicalTypeKind::kBson:
    case LogicalTypeKind::kGeometry:  // Well-known binary, as DuckDB and Arrow read it.
    case LogicalTypeKind::kGeography: return ByteArrayLeaf(e, name, Binary());
    case LogicalTypeKind::kUuid:
      RETURN_NOT_OK(RequireFixedLength(e, name, 16));
      return LeafInfo{Uuid(), ValueConversion::kNone, true};
    case LogicalTypeKind::kFloat16:
      RETURN_NOT_OK(RequireFixedLength(e, name, 2));
      return LeafInfo{Float32(), ValueConversion::kFloat16};
    case LogicalTypeKind::kDate:
      RETURN_NOT_OK(RequirePhysical(e, name, {PhysicalType::kInt32}));
      return LeafInfo{Date()};
    case LogicalTypeKind::kTime: return TimeLeaf(e, logical.unit);
    case LogicalTypeKind::kTimestamp:
      return TimestampLeaf(e, logical.unit, logical.is_adjusted_to_utc);
    case LogicalTypeKind::kInteger: return IntegerLeaf(e, logical.bit_width, logical.is_signed);
    case LogicalTypeKind::kDecimal: return DecimalLeaf(e, logical.precision, logical.scale);
    case LogicalTypeKind::kNull: return FromPhysicalType(e);  // Every value is null.
    case LogicalTypeKind::kMap:
    case LogicalTypeKind::kList:
    case LogicalTypeKind::kVariant:
      return Status::Corruption("{} annotation on a primitive column", name);
    case LogicalTypeKind::kNone: break;
  }
  return Status::NotImplemented("{} is not supported", name);
}

Result<LeafInfo> FromConvertedType(const SchemaElement& e, ConvertedType converted) {
  switch (converted) {
    case ConvertedType::kUtf8: return ByteArrayLeaf(e, "UTF8", String());
    case ConvertedType::kEnum: return ByteArrayLeaf(e, "ENUM", String());
    case ConvertedType::kJson: return ByteArrayLeaf(e, "JSON", Json());
    case ConvertedType::kBson: return ByteArrayLeaf(e, "BSON", Binary());
    case ConvertedType::kDecimal:
      if (!e.precision) return Status::Corruption("DECIMAL without a precision");
      return DecimalLeaf(e, *e.precision, e.scale.value_or(0));
    case ConvertedType::kDate:
      RETURN_NOT_OK(RequirePhysical(e, "DATE", {PhysicalType::kInt32}));
      return LeafInfo{Date()};
    case ConvertedType::kTimeMillis: return TimeLeaf(e, parquet::TimeUnit::kMillis);
    case ConvertedType::kTimeMicros: return TimeLeaf(e, parquet::TimeUnit::kMicros);
    // The legacy timestamps are instants: LogicalTypes.md maps them to UTC.
    case ConvertedType::kTimestampMillis: return TimestampLeaf(e, parquet::TimeUnit::kMillis, true);
    case ConvertedType::kTimestampMicros: return TimestampLeaf(e, parquet::TimeUnit::kMicros, true);
    case ConvertedType::kUint8: return IntegerLeaf(e, 8, false);
    case ConvertedType::kUint16: return IntegerLeaf(e, 16, false);
    case ConvertedType::kUint32: return IntegerLeaf(e, 32, false);
    case ConvertedType::kUint64: return IntegerLeaf(e, 64, false);
    case ConvertedType::kInt8: return IntegerLeaf(e, 8, true);
    case ConvertedType::kInt16: return IntegerLeaf(e, 16, true);
    case ConvertedType::kInt32: return IntegerLeaf(e, 32, true);
    case ConvertedType::kInt64: return IntegerLeaf(e, 64, true);
    case ConvertedType::kInterval:
      // Three little-endian u32 (months, days, millis) with no useful order.
      {
        RETURN_NOT_OK(RequireFixedLength(e, "INTERVAL", 12));
        ASSIGN_OR_RETURN(TypePtr type, FixedSizeBinary(12));
        return LeafInfo{std::move(type)};
      }
    case ConvertedType::kMap:
    case ConvertedType::kMapKeyValue:
    case ConvertedType::kList: break;
  }
  return Status::Corruption("converted type {} on a primitive column", static_cast<int>(converted));
}

Result<LeafInfo> InterpretLeaf(const SchemaElement& e) {
  if (*e.type == PhysicalType::kFixedLenByteArray && e.type_length.value_or(0) <= 0) {
    return Status::Corruption("FIXED_LEN_BYTE_ARRAY without a positive type_length");
  }
  if (e.logical_type && e.logical_type->kind != LogicalTypeKind::kNone) {
    return FromLogicalType(e, *e.logical_type);
  }
  if (e.converted_type) return FromConvertedType(e, *e.converted_type);
  // An annotation from a newer writer: its bare physical type could mislead.
  if (e.logical_type) return Status::NotImplemented("its logical type is not one strata knows");
  return FromPhysicalType(e);
}

std::string ColumnName(const std::vector<std::string>& path) {
  return fmt::format("{}", fmt::join(path, "."));
}

// Keeps the first error of a field.
void NoteError(Status* field_status, const Status& error) {
  if (field_status->ok()) *field_status = error;
}

// Appends the leaves under `node` with their levels; problems go to
// `field_status`, and a leaf whose annotation failed gets its plain type.
void CollectLeaves(const SchemaNode& node, int16_t def, int16_t rep, int field_index,
                   std::vector<std::string>* path, std::vector<LeafColumn>* leaves,
                   Status* field_status) {
  path->push_back(node.name());
  const std::optional<Repetition> repetition = node.element->repetition_type;
  if (!repetition) {
    NoteError(field_status,
              Status::Corruption("column '{}': no repetition type", ColumnName(*path)));
  }
  if (repetition != Repetition::kRequired) ++def;
  if (repetition == Repetition::kRepeated) ++rep;
  if (!node.leaf) {
    for (const SchemaNode& child : node.children) {
      CollectLeaves(child, def, rep, field_index, path, leaves, field_status);
    }
    path->pop_back();
    return;
  }
  const SchemaElement& e = *node.element;
  Result<LeafInfo> info = InterpretLeaf(e);
  if (!info.ok()) {
    NoteError(field_status,
              info.status().WithContext(fmt::format("column '{}'", ColumnName(*path))));
    info = FromPhysicalType(e);
    if (!info.ok()) info = LeafInfo{Binary()};
  }
  leaves->push_back(LeafColumn{.path = *path,
                               .schema_index = node.schema_index,
                               .physical_type = *e.type,
                               .type_length = e.type_length.value_or(0),
                               .max_definition_level = def,
                               .max_repetition_level = rep,
                               .type = info->type,
                               .conversion = info->conversion,
                               .unsigned_order = info->unsigned_order,
                               .field_index = field_index});
  path->pop_back();
}

bool HasAnnotation(const SchemaElement& e, LogicalTypeKind kind,
                   std::initializer_list<ConvertedType> converted) {
  if (e.logical_type && e.logical_type->kind == kind) return true;
  for (ConvertedType c : converted) {
    if (e.converted_type == c) return true;
  }
  return false;
}

Result<LevelNode> ValueNode(const SchemaNode& node, int16_t def, int16_t rep, int* next_leaf);

// The node `node` contributes to a parent whose levels are `def` and `rep`.
// An unannotated repeated field is a required list of required elements.
Result<LevelNode> FieldNode(const SchemaNode& node, int16_t def, int16_t rep, int* next_leaf) {
  if (node.repeated()) {
    LevelNode list{.kind = LevelNode::Kind::kList,
                   .name = node.name(),
                   .def_level = def,
                   .element_def = static_cast<int16_t>(def + 1),
                   .rep_level = static_cast<int16_t>(rep + 1),
                   .first_leaf = *next_leaf};
    ASSIGN_OR_RETURN(LevelNode element,
                     ValueNode(node, list.element_def, list.rep_level, next_leaf));
    element.name = "element";
    list.type = List(Field(element.name, element.type, false));
    list.children.push_back(std::move(element));
    return list;
  }
  const bool optional = node.element->repetition_type != Repetition::kRequired;
  ASSIGN_OR_RETURN(LevelNode value,
                   ValueNode(node, static_cast<int16_t>(def + (optional ? 1 : 0)), rep, next_leaf));
  value.name = node.name();
  value.nullable = optional;
  return value;
}

Field FieldOf(const LevelNode& node) { return Field(node.name, node.type, node.nullable); }

Result<LevelNode> StructNode(const SchemaNode& node, int16_t def, int16_t rep, int* next_leaf) {
  if (node.children.empty()) {
    return Status::NotImplemented("group '{}' has no fields", node.name());
  }
  LevelNode out{.kind = LevelNode::Kind::kStruct, .def_level = def, .first_leaf = *next_leaf};
  std::vector<Field> fields;
  for (const SchemaNode& child : node.children) {
    ASSIGN_OR_RETURN(LevelNode field, FieldNode(child, def, rep, next_leaf));
    fields.push_back(FieldOf(field));
    out.children.push_back(std::move(field));
  }
  out.type = Struct(std::move(fields));
  return out;
}

// A list or map node whose repeated group adds one level of each kind.
LevelNode RepeatedNode(LevelNode::Kind kind, int16_t def, int16_t rep, int first_leaf) {
  return LevelNode{.kind = kind,
                   .def_level = def,
                   .element_def = static_cast<int16_t>(def + 1),
                   .rep_level = static_cast<int16_t>(rep + 1),
                   .first_leaf = first_leaf};
}

// LogicalTypes.md's list rules, the legacy two-level forms included.
Result<LevelNode> ListNode(const SchemaNode& node, int16_t def, int16_t rep, int* next_leaf) {
  if (node.children.size() != 1 || !node.children[0].repeated()) {
    return Status::Corruption("LIST group '{}' must have exactly one repeated child", node.name());
  }
  const SchemaNode& repeated = node.children[0];
  LevelNode list = RepeatedNode(LevelNode::Kind::kList, def, rep, *next_leaf);
  const bool repeated_is_element = repeated.leaf || repeated.children.size() != 1 ||
                                   repeated.name() == "array" ||
                                   repeated.name() == node.name() + "_tuple";
  LevelNode element;
  if (repeated_is_element) {
    ASSIGN_OR_RETURN(element, ValueNode(repeated, list.element_def, list.rep_level, next_leaf));
    element.name = repeated.name();
  } else {
    ASSIGN_OR_RETURN(element,
                     FieldNode(repeated.children[0], list.element_def, list.rep_level, next_leaf));
  }
  list.type = List(FieldOf(element));
  list.children.push_back(std::move(element));
  return list;
}

Result<LevelNode> MapNode(const SchemaNode& node, int16_t def, int16_t rep, int* next_leaf) {
  if (node.children.size() != 1 || !node.children[0].repeated() || node.children[0].leaf) {
    return Status::Corruption("MAP group '{}' must have exactly one repeated group child",
                              node.name());
  }
  const SchemaNode& entries = node.children[0];
  if (entries.children.size() != 2) {
    return Status::NotImplemented("MAP '{}' with {} fields per entry", node.name(),
                                  entries.children.size());
  }
  LevelNode map = RepeatedNode(LevelNode::Kind::kMap, def, rep, *next_leaf);
  LevelNode pairs{.kind = LevelNode::Kind::kStruct,
                  .name = entries.name(),
                  .def_level = map.element_def,
                  .first_leaf = *next_leaf};
  for (const SchemaNode& child : entries.children) {
    ASSIGN_OR_RETURN(LevelNode field, FieldNode(child, map.element_def, map.rep_level, next_leaf));
    pairs.children.push_back(std::move(field));
  }
  map.type = Map(FieldOf(pairs.children[0]), FieldOf(pairs.children[1]));
  pairs.type = map.type->field(0).type;
  map.children.push_back(std::move(pairs));
  return map;
}

// `def` already counts `node` itself when it is optional.
Result<LevelNode> ValueNode(const SchemaNode& node, int16_t def, int16_t rep, int* next_leaf) {
  if (node.leaf) {
    ASSIGN_OR_RETURN(LeafInfo info, InterpretLeaf(*node.element));
    const int leaf = (*next_leaf)++;
    return LevelNode{.type = info.type, .def_level = def, .leaf = leaf, .first_leaf = leaf};
  }
  if (HasAnnotation(*node.element, LogicalTypeKind::kList, {ConvertedType::kList})) {
    return ListNode(node, def, rep, next_leaf);
  }
  if (HasAnnotation(*node.element, LogicalTypeKind::kMap,
                    {ConvertedType::kMap, ConvertedType::kMapKeyValue})) {
    return MapNode(node, def, rep, next_leaf);
  }
  return StructNode(node, def, rep, next_leaf);
}

KeyValueMetadata FieldMetadata(const SchemaElement& e) {
  if (!e.field_id) return {};
  return {{"PARQUET:field_id", std::to_string(*e.field_id)}};
}

// Adds top-level field `node` (number `field_index`), its leaves and its
// layout.
void InterpretField(const SchemaNode& node, int field_index, InterpretedSchema* out,
                    std::vector<Field>* fields) {
  Status status;
  std::vector<LeafColumn>& leaves = out->schema.leaves;
  const auto first_leaf = static_cast<int>(leaves.size());
  std::vector<std::string> path;
  CollectLeaves(node, 0, 0, field_index, &path, &leaves, &status);
  int next_leaf = first_leaf;
  Result<LevelNode> layout = FieldNode(node, 0, 0, &next_leaf);
  if (layout.ok() && next_leaf != static_cast<int>(leaves.size())) {
    layout =
        Status::Corruption("the field's layout covers {} of its {} leaves", next_leaf - first_leaf,
                           static_cast<int>(leaves.size()) - first_leaf);
  }
  Field field;
  if (node.leaf && !node.repeated()) {
    // The plain physical type stands in when the annotation failed.
    field = Field(node.name(), leaves.back().type,
                  node.element->repetition_type != Repetition::kRequired);
    if (layout.ok()) layout->type = leaves.back().type;
  } else if (layout.ok()) {
    field = FieldOf(*layout);
  } else {
    field = Field(node.name(), Binary());
  }
  if (!layout.ok()) {
    if (!node.leaf || node.repeated()) {
      NoteError(&status, layout.status().WithContext(fmt::format("column '{}'", node.name())));
    }
    layout = LevelNode{.name = node.name(), .type = field.type, .leaf = first_leaf};
  }
  field.metadata = FieldMetadata(*node.element);
  fields->push_back(std::move(field));
  out->field_status.push_back(std::move(status));
  out->layouts.push_back(std::move(layout).value());
}

}  // namespace

Result<InterpretedSchema> InterpretParquetSchema(const std::vector<SchemaElement>& elements) {
  if (elements.empty()) return Status::Corruption("schema: no elements");
  SchemaNode root;
  size_t pos = 0;
  RETURN_NOT_OK(BuildNode(elements, &pos, 0, &root));
  if (pos != elements.size()) {
    return Status::Corruption("schema: the tree under '{}' holds {} of the {} elements",
                              root.name(), pos, elements.size());
  }
  if (root.leaf) return Status::Corruption("schema: root '{}' is not a group", root.name());
  InterpretedSchema out;
  out.schema.elements = elements;
  std::vector<Field> fields;
  for (size_t i = 0; i < root.children.size(); ++i) {
    InterpretField(root.children[i], static_cast<int>(i), &out, &fields);
  }
  out.schema.schema = MakeSchema(std::move(fields));
  return out;
}

std::string LeafName(const LeafColumn& leaf) { return ColumnName(leaf.path); }

Result<ParquetSchema> FromParquetSchema(const std::vector<SchemaElement>& elements) {
  ASSIGN_OR_RETURN(InterpretedSchema interpreted, InterpretParquetSchema(elements));
  for (const Status& status : interpreted.field_status) RETURN_NOT_OK(status);
  return std::move(interpreted.schema);
}

}  // namespace strata::parquet
