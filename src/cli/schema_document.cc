#include "cli/schema_document.h"

#include <simdjson.h>
#include <yaml.h>

namespace strata::cli {
namespace {

// Deeper documents are refused: a schema file is three levels deep, and the
// YAML reader recurses.
constexpr int kMaxDepth = 64;

Status CheckNewKey(const DocNode& map, std::string_view key, const std::string& path) {
  if (map.Find(key) != nullptr) return Status::Invalid("{}: duplicate key '{}'", path, key);
  return Status::OK();
}

Result<DocNode> FromJson(simdjson::dom::element element, const std::string& path) {
  DocNode node;
  switch (element.type()) {
    case simdjson::dom::element_type::ARRAY: {
      node.kind = DocNode::Kind::kList;
      // Handles are copied out of the temporary results before ranging
      // over them (ranging over value_unsafe() of a temporary dangles).
      const simdjson::dom::array items = element.get_array().value_unsafe();
      for (simdjson::dom::element item : items) {
        ASSIGN_OR_RETURN(DocNode child, FromJson(item, path));
        node.items.push_back(std::move(child));
      }
      return node;
    }
    case simdjson::dom::element_type::OBJECT: {
      node.kind = DocNode::Kind::kMap;
      const simdjson::dom::object fields = element.get_object().value_unsafe();
      for (simdjson::dom::key_value_pair field : fields) {
        RETURN_NOT_OK(CheckNewKey(node, field.key, path));
        ASSIGN_OR_RETURN(DocNode child, FromJson(field.value, path));
        node.entries.push_back({std::string(field.key), std::move(child)});
      }
      return node;
    }
    case simdjson::dom::element_type::STRING:
      node.kind = DocNode::Kind::kString;
      node.text = element.get_string().value_unsafe();
      return node;
    case simdjson::dom::element_type::BOOL:
      node.kind = DocNode::Kind::kBool;
      node.text = element.get_bool().value_unsafe() ? "true" : "false";
      return node;
    case simdjson::dom::element_type::NULL_VALUE: return node;
    default:
      node.kind = DocNode::Kind::kNumber;
      node.text = simdjson::minify(element);
      return node;
  }
}

bool IsOneOf(std::string_view text, std::initializer_list<std::string_view> spellings) {
  for (std::string_view spelling : spellings) {
    if (text == spelling) return true;
  }
  return false;
}

// Owns one libyaml event.
struct YamlEvent {
  YamlEvent() = default;
  YamlEvent(const YamlEvent&) = delete;
  YamlEvent& operator=(const YamlEvent&) = delete;
  ~YamlEvent() {
    if (parsed) yaml_event_delete(&event);
  }
  yaml_event_t event{};
  bool parsed = false;
};

// A recursive descent over libyaml's event stream.
class YamlReader {
 public:
  YamlReader(std::string_view text, const std::string& path) : path_(path) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~YamlReader() { yaml_parser_delete(&parser_); }
  YamlReader(const YamlReader&) = delete;
  YamlReader& operator=(const YamlReader&) = delete;

  Result<DocNode> ReadDocument() {
    YamlEvent stream_start;
    YamlEvent document_start;
    RETURN_NOT_OK(Next(&stream_start));
    RETURN_NOT_OK(Next(&document_start));
    if (document_start.event.type != YAML_DOCUMENT_START_EVENT) {
      return Status::Invalid("{}: empty YAML document", path_);
    }
    YamlEvent first;
    RETURN_NOT_OK(Next(&first));
    ASSIGN_OR_RETURN(DocNode root, ReadNode(first, 0));
    YamlEvent document_end;
    YamlEvent after;
    RETURN_NOT_OK(Next(&document_end));
    RETURN_NOT_OK(Next(&after));
    if (after.event.type != YAML_STREAM_END_EVENT) {
      return Error(after, "a schema file holds one YAML document");
    }
    return root;
  }

 private:
  Status Next(YamlEvent* out) {
    if (yaml_parser_parse(&parser_, &out->event) == 0) {
      const yaml_mark_t mark = parser_.problem_mark;
      return Status::Invalid("{}:{}:{}: malformed YAML: {}{}{}", path_, mark.line + 1,
                             mark.column + 1, parser_.problem != nullptr ? parser_.problem : "",
                             parser_.context != nullptr ? " " : "",
                             parser_.context != nullptr ? parser_.context : "");
    }
    out->parsed = true;
    return Status::OK();
  }

  Status Error(const YamlEvent& at, std::string_view message) const {
    return Status::Invalid("{}:{}:{}: {}", path_, at.event.start_mark.line + 1,
                           at.event.start_mark.column + 1, message);
  }

  Result<DocNode> ReadNode(const YamlEvent& first, int depth) {
    if (depth > kMaxDepth) return Error(first, "the YAML document is nested too deeply");
    switch (first.event.type) {
      case YAML_SCALAR_EVENT: return Scalar(first);
      case YAML_SEQUENCE_START_EVENT: return Sequence(depth);
      case YAML_MAPPING_START_EVENT: return Mapping(depth);
      case YAML_ALIAS_EVENT: return Error(first, "YAML aliases are not supported");
      default: return Error(first, "unexpected YAML event");
    }
  }

  static DocNode Scalar(const YamlEvent& scalar) {
    const auto& data = scalar.event.data.scalar;
    DocNode node;
    node.text.assign(reinterpret_cast<const char*>(data.value), data.length);
    node.kind = DocNode::Kind::kString;
    if (data.style != YAML_PLAIN_SCALAR_STYLE) return node;
    if (IsOneOf(node.text, {"", "~", "null", "Null", "NULL"})) {
      node.kind = DocNode::Kind::kNull;
      node.text.clear();
    } else if (IsOneOf(node.text, {"true", "True", "TRUE"})) {
      node.kind = DocNode::Kind::kBool;
      node.text = "true";
    } else if (IsOneOf(node.text, {"false", "False", "FALSE"})) {
      node.kind = DocNode::Kind::kBool;
      node.text = "false";
    }
    return node;
  }

  Result<DocNode> Sequence(int depth) {
    DocNode node;
    node.kind = DocNode::Kind::kList;
    for (;;) {
      YamlEvent item;
      RETURN_NOT_OK(Next(&item));
      if (item.event.type == YAML_SEQUENCE_END_EVENT) return node;
      ASSIGN_OR_RETURN(DocNode child, ReadNode(item, depth + 1));
      node.items.push_back(std::move(child));
    }
  }

  Result<DocNode> Mapping(int depth) {
    DocNode node;
    node.kind = DocNode::Kind::kMap;
    for (;;) {
      YamlEvent key;
      RETURN_NOT_OK(Next(&key));
      if (key.event.type == YAML_MAPPING_END_EVENT) return node;
      if (key.event.type != YAML_SCALAR_EVENT) return Error(key, "YAML keys must be scalars");
      DocNode name = Scalar(key);
      RETURN_NOT_OK(CheckNewKey(node, name.text, path_));
      YamlEvent value;
      RETURN_NOT_OK(Next(&value));
      ASSIGN_OR_RETURN(DocNode child, ReadNode(value, depth + 1));
      node.entries.push_back({std::move(name.text), std::move(child)});
    }
  }

  const std::string& path_;
  yaml_parser_t parser_{};
};

}  // namespace

const DocNode* DocNode::Find(std::string_view key) const {
  for (const Entry& entry : entries) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

std::string DocNode::Describe() const {
  switch (kind) {
    case Kind::kNull: return "null";
    case Kind::kBool:
    case Kind::kNumber: return text;
    case Kind::kString: return "'" + text + "'";
    case Kind::kList: return "a list";
    case Kind::kMap: return "an object";
  }
  return "?";
}

Result<DocNode> ParseJsonDocument(std::string_view text, const std::string& path) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  // simdjson reports errors as codes, never exceptions.
  if (auto error = parser.parse(simdjson::padded_string(text)).get(root)) {
    return Status::Invalid("{}: malformed JSON: {}", path, simdjson::error_message(error));
  }
  return FromJson(root, path);
}

Result<DocNode> ParseYamlDocument(std::string_view text, const std::string& path) {
  YamlReader reader(text, path);
  return reader.ReadDocument();
}

}  // namespace strata::cli
