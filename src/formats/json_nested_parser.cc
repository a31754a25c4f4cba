// JsonNestedParser: a tree of nodes made once per column type (a struct's
// member names indexed, a converter per leaf), then two walks per value:
// Check converts every leaf into pending_ and stops at the first misfit
// (remembering a leaf that failed to convert, for WidenMisfit), Put appends. Both walk a value's
// members in the same order and skip the same duplicates, so Put takes pending_ in order.
#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "formats/json_nested.h"
#include "formats/json_values.h"
#include "formats/read_options.h"

namespace strata::formats {

struct JsonNestedParser::Node {
  TypePtr type;
  // Below the column, dotted ("a.b"); a list's element shares its list's.
  std::string path;
  bool nullable = true;
  // Struct: one per field; list: the element; map: the key, the value.
  std::vector<std::unique_ptr<Node>> children;
  NameIndex members;  // Struct: the fields' names.
  // Struct: scratch per object, whether each field was met; all zero
  // between objects. A node is walked by one value at a time.
  std::vector<uint8_t> seen;
  std::unique_ptr<ValueConverter> converter;  // Leaves other than json.
  ValueOptions values;                        // What the converter reads with.
  bool element = false;                       // A list's element or a map's value.
  TypePtr widened;                            // Set by WidenMisfit().
};

namespace {

using Node = JsonNestedParser::Node;

std::string Child(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : fmt::format("{}.{}", path, name);
}

// "member 'a.b': " before a reason, or nothing for the column itself.
std::string Where(const std::string& path) {
  return path.empty() ? std::string() : fmt::format("member '{}': ", path);
}

Status Misfit(const Node& node, simdjson::dom::element value) {
  return Status::Invalid("{}{} does not fit {}", Where(node.path), KindName(KindOf(value)),
                         node.type->ToString());
}

// A leaf's value options: the reader's, with the field's own format.
ValueOptions LeafValues(const Field& field, ValueOptions values) {
  for (const auto& [key, value] : field.metadata) {
    if (key == kDateFormatKey) values.date_format = value;
    if (key == kTimestampFormatKey) values.timestamp_format = value;
  }
  return values;
}

bool IsText(TypeId id) { return id == TypeId::kString || id == TypeId::kBinary; }

Result<std::unique_ptr<Node>> MakeNode(const Field& field, std::string path,
                                       const ValueOptions& values) {
  auto node = std::make_unique<Node>();
  node->type = field.type;
  node->path = std::move(path);
  node->nullable = field.nullable;
  const DataType& type = *field.type;
  switch (type.id()) {
    case TypeId::kStruct:
      for (const Field& member : type.fields()) {
        // Duplicate field names: lookups find the first, as for any struct.
        node->members.Add(member.name);
        ASSIGN_OR_RETURN(auto child, MakeNode(member, Child(node->path, member.name), values));
        node->children.push_back(std::move(child));
      }
      node->seen.assign(node->children.size(), 0);
      return node;
    case TypeId::kList: {
      ASSIGN_OR_RETURN(auto element, MakeNode(type.field(0), node->path, values));
      element->element = true;
      node->children.push_back(std::move(element));
      return node;
    }
    case TypeId::kMap: {
      const DataType& entries = *type.field(0).type;
      // Keys come from member names, which are text.
      const TypeId key = entries.field(0).type->id();
      if (key == TypeId::kJson || entries.field(0).type->is_nested()) {
        return Status::NotImplemented("{}map keys of type {} cannot be read from JSON",
                                      Where(node->path), entries.field(0).type->ToString());
      }
      for (const Field& part : entries.fields()) {
        ASSIGN_OR_RETURN(auto child, MakeNode(part, node->path, values));
        node->children.push_back(std::move(child));
      }
      node->children[1]->element = true;
      return node;
    }
    case TypeId::kJson: return node;
    default: break;
  }
  node->values = LeafValues(field, values);
  Result<std::unique_ptr<ValueConverter>> converter =
      ValueConverter::Make(field.type, node->values);
  if (!converter.ok()) {
    if (converter.status().code() != StatusCode::kNotImplemented) return converter.status();
    return Status::NotImplemented("{}{} cannot be read from JSON", Where(node->path),
                                  type.ToString());
  }
  node->converter = std::move(converter).value();
  return node;
}

// `node`'s type with the widenings noted below it; node.type itself when
// there are none, so unchanged subtrees are shared, not copied.
TypePtr WidenedTypeOf(const Node& node) {
  if (node.widened != nullptr) return node.widened;
  const DataType& type = *node.type;
  switch (type.id()) {
    case TypeId::kStruct: {
      std::vector<Field> fields;
      for (size_t k = 0; k < node.children.size(); ++k) {
        TypePtr member = WidenedTypeOf(*node.children[k]);
        if (member == type.field(static_cast<int>(k)).type) continue;
        if (fields.empty()) fields = type.fields();
        fields[k].type = std::move(member);
      }
      return fields.empty() ? node.type : Struct(std::move(fields));
    }
    case TypeId::kList: {
      TypePtr element = WidenedTypeOf(*node.children[0]);
      if (element == type.field(0).type) return node.type;
      Field field = type.field(0);
      field.type = std::move(element);
      return List(std::move(field));
    }
    case TypeId::kMap: {
      const DataType& entries = *type.field(0).type;
      TypePtr item = WidenedTypeOf(*node.children[1]);
      if (item == entries.field(1).type) return node.type;
      Field field = entries.field(1);
      field.type = std::move(item);
      return Map(entries.field(0), std::move(field));
    }
    default: return node.type;
  }
}

}  // namespace

JsonNestedParser::JsonNestedParser(TypePtr type, std::unique_ptr<Node> root,
                                   std::unique_ptr<VectorBuilder> builder)
    : ColumnParser(std::move(type)), root_(std::move(root)), builder_(std::move(builder)) {}

JsonNestedParser::~JsonNestedParser() = default;

Result<std::unique_ptr<JsonNestedParser>> JsonNestedParser::Make(const TypePtr& type,
                                                                 const ValueOptions& values) {
  ASSIGN_OR_RETURN(auto root, MakeNode(Field("", type), "", values));
  ASSIGN_OR_RETURN(auto builder, MakeBuilder(type));
  return std::unique_ptr<JsonNestedParser>(
      new JsonNestedParser(type, std::move(root), std::move(builder)));
}

Status JsonNestedParser::AppendJson(simdjson::dom::element value) {
  pending_.clear();
  misfit_ = nullptr;
  RETURN_NOT_OK(Check(*root_, value));
  next_pending_ = 0;
  RETURN_NOT_OK(Put(*root_, value, builder_.get()));
  DCHECK(next_pending_ == pending_.size());
  return Status::OK();
}

std::optional<JsonNestedParser::LeafWidening> JsonNestedParser::WidenMisfit() {
  Node* leaf = std::exchange(misfit_, nullptr);
  if (leaf == nullptr || leaf->widened != nullptr) return std::nullopt;
  ValueOptions values = leaf->values;
  // Nested inference makes any fractional number float64, whatever
  // exact_decimals says; widening ends where inference would have.
  if (leaf->type->id() == TypeId::kInt64) values.exact_decimals = false;
  std::optional<TypePtr> wider = SafeWidening(leaf->type, misfit_text_, values);
  if (!wider.has_value()) return std::nullopt;
  leaf->widened = *wider;
  return LeafWidening{.path = leaf->path, .element = leaf->element, .type = std::move(*wider)};
}

TypePtr JsonNestedParser::WidenedType() const { return WidenedTypeOf(*root_); }

Status JsonNestedParser::Append(std::string_view /*text*/, bool /*quoted*/) {
  return Status::Invalid("a scalar does not fit {}", type()->ToString());
}

Result<VectorPtr> JsonNestedParser::Finish() {
  ASSIGN_OR_RETURN(VectorPtr vector, builder_->Finish());
  ASSIGN_OR_RETURN(builder_, MakeBuilder(type()));
  return vector;
}

Status JsonNestedParser::Check(Node& node, simdjson::dom::element value) {
  if (value.is_null()) {
    if (node.nullable) return Status::OK();
    return Status::Invalid("{}null does not fit {} (not nullable)", Where(node.path),
                           node.type->ToString());
  }
  switch (node.type->id()) {
    case TypeId::kStruct: return CheckObject(node, value);
    case TypeId::kMap: return CheckMap(node, value);
    case TypeId::kList: {
      if (!value.is_array()) return Misfit(node, value);
      // Named: ranging over value_unsafe() of a temporary result outlives it.
      const simdjson::dom::array items = value.get_array().value_unsafe();
      for (simdjson::dom::element item : items) {
        RETURN_NOT_OK(Check(*node.children[0], item));
      }
      return Status::OK();
    }
    default: return CheckLeaf(node, value);
  }
}

Status JsonNestedParser::CheckObject(Node& node, simdjson::dom::element value) {
  if (!value.is_object()) return Misfit(node, value);
  const simdjson::dom::object object = value.get_object().value_unsafe();
  Status status;
  int expected = 0;
  for (simdjson::dom::key_value_pair member : object) {
    const int k = node.members.Find(member.key, expected);
    if (k < 0) {
      // Dropping it would lose data the schema has no place for.
      status = Status::Invalid("member '{}' is not in {}", Child(node.path, member.key),
                               node.type->ToString());
      break;
    }
    expected = k + 1;
    uint8_t& seen = node.seen[static_cast<size_t>(k)];
    if (seen != 0) continue;  // A duplicate: the first counts.
    seen = 1;
    status = Check(*node.children[static_cast<size_t>(k)], member.value);
    if (!status.ok()) break;
  }
  for (size_t k = 0; k < node.children.size(); ++k) {
    if (status.ok() && node.seen[k] == 0 && !node.children[k]->nullable) {
      status =
          Status::Invalid("member '{}' is missing; it is not nullable", node.children[k]->path);
    }
    node.seen[k] = 0;
  }
  return status;
}

Status JsonNestedParser::CheckMap(Node& node, simdjson::dom::element value) {
  if (!value.is_object()) return Misfit(node, value);
  const simdjson::dom::object object = value.get_object().value_unsafe();
  const Node& key = *node.children[0];
  for (simdjson::dom::key_value_pair member : object) {
    if (IsText(key.type->id())) {
      pending_.emplace_back(member.key);
    } else {
      ScalarValue converted;
      Status status = key.converter->Convert(member.key, &converted);
      if (!status.ok()) return Status::Invalid("{}key {}", Where(node.path), status.message());
      pending_.push_back(converted);
    }
    RETURN_NOT_OK(Check(*node.children[1], member.value));
  }
  return Status::OK();
}

// Pushes exactly one pending_ entry for a non-null leaf value.
Status JsonNestedParser::CheckLeaf(Node& node, simdjson::dom::element value) {
  const TypeId id = node.type->id();
  const JsonKind kind = KindOf(value);
  // json takes any value, and string or binary the text of any value that
  // is not a string (as top-level columns do): Put writes it from the JSON.
  if (id == TypeId::kJson || (IsText(id) && kind != JsonKind::kString)) {
    pending_.emplace_back();
    return Status::OK();
  }
  if (kind == JsonKind::kObject || kind == JsonKind::kArray) return Misfit(node, value);
  // The common leaves skip the text round trip.
  if (id == TypeId::kString) {
    // simdjson validated the UTF-8 when it parsed the document.
    pending_.emplace_back(value.get_string().value_unsafe());
    return Status::OK();
  }
  if (id == TypeId::kInt64 && value.is_int64()) {
    pending_.emplace_back(value.get_int64().value_unsafe());
    return Status::OK();
  }
  if (id == TypeId::kFloat64 && kind == JsonKind::kNumber) {
    pending_.emplace_back(value.get_double().value_unsafe());
    return Status::OK();
  }
  if (id == TypeId::kBool && kind == JsonKind::kBool) {
    pending_.emplace_back(value.get_bool().value_unsafe());
    return Status::OK();
  }
  // Only strings reach here for binary, so a converted text points into
  // the parser's strings, not into scratch_.
  const ScalarText scalar = ScalarTextOf(value, &scratch_);
  ScalarValue converted;
  Status status = node.converter->Convert(scalar.text, &converted);
  if (!status.ok()) {
    misfit_ = &node;
    misfit_text_.assign(scalar.text);
    return Status::Invalid("{}{}", Where(node.path), status.message());
  }
  pending_.push_back(converted);
  return Status::OK();
}

Status JsonNestedParser::Put(Node& node, simdjson::dom::element value, VectorBuilder* builder) {
  if (value.is_null()) return builder->AppendNull();
  switch (node.type->id()) {
    case TypeId::kStruct: return PutObject(node, value.get_object().value_unsafe(), builder);
    case TypeId::kList: {
      auto* out = static_cast<ListBuilder*>(builder);
      RETURN_NOT_OK(out->Append(true));
      const simdjson::dom::array items = value.get_array().value_unsafe();
      for (simdjson::dom::element item : items) {
        RETURN_NOT_OK(Put(*node.children[0], item, out->value_builder()));
      }
      return Status::OK();
    }
    case TypeId::kMap: {
      auto* out = static_cast<MapBuilder*>(builder);
      RETURN_NOT_OK(out->Append(true));
      const simdjson::dom::object object = value.get_object().value_unsafe();
      for (simdjson::dom::key_value_pair member : object) {
        const Node& key = *node.children[0];
        RETURN_NOT_OK(key.converter->Append(pending_[next_pending_++], out->key_builder()));
        RETURN_NOT_OK(Put(*node.children[1], member.value, out->item_builder()));
      }
      return Status::OK();
    }
    default: return PutLeaf(node, value, builder);
  }
}

Status JsonNestedParser::PutObject(Node& node, simdjson::dom::object object,
                                   VectorBuilder* builder) {
  auto* out = static_cast<StructBuilder*>(builder);
  RETURN_NOT_OK(out->Append(true));
  Status status;
  int expected = 0;
  for (simdjson::dom::key_value_pair member : object) {
    const int k = node.members.Find(member.key, expected);
    expected = k + 1;
    uint8_t& seen = node.seen[static_cast<size_t>(k)];
    if (seen != 0) continue;
    seen = 1;
    status = Put(*node.children[static_cast<size_t>(k)], member.value, out->child(k));
    if (!status.ok()) break;
  }
  for (size_t k = 0; k < node.children.size(); ++k) {
    if (status.ok() && node.seen[k] == 0) status = out->child(static_cast<int>(k))->AppendNull();
    node.seen[k] = 0;
  }
  return status;
}

Status JsonNestedParser::PutLeaf(const Node& node, simdjson::dom::element value,
                                 VectorBuilder* builder) {
  const ScalarValue& pending = pending_[next_pending_++];
  if (!std::holds_alternative<std::monostate>(pending)) {
    return node.converter->Append(pending, builder);
  }
  auto* out = static_cast<BinaryBuilder*>(builder);
  const JsonKind kind = KindOf(value);
  if (node.type->id() == TypeId::kJson || kind == JsonKind::kObject || kind == JsonKind::kArray) {
    return out->Append(JsonTextOf(value));
  }
  return out->Append(ScalarTextOf(value, &scratch_).text);
}

}  // namespace strata::formats
