#include "cli/schema_file.h"

#include <fmt/format.h>

#include <map>

#include "cli/parquet_options.h"
#include "cli/schema_document.h"
#include "columnar/json_writer.h"
#include "formats/value_parser.h"

namespace strata::cli {
namespace {

constexpr std::string_view kColumnKeys =
    "name, from, type, nullable, format, encoding or compression";

// "column 3 'price'", or "column 3" before the name is known.
std::string ColumnLabel(size_t index, std::string_view name) {
  if (name.empty()) return fmt::format("column {}", index + 1);
  return fmt::format("column {} '{}'", index + 1, name);
}

// Reads one column's keys, knowing its index and (once read) its name for
// the messages.
class ColumnReader {
 public:
  ColumnReader(const DocNode& node, size_t index, const std::string& path)
      : node_(node), index_(index), path_(path) {}

  Result<SchemaColumn> Read() {
    if (node_.kind != DocNode::Kind::kMap) {
      return Error("expected an object with name and type, got {}", node_.Describe());
    }
    ASSIGN_OR_RETURN(column_.name, String("name", /*required=*/true));
    for (const DocNode::Entry& entry : node_.entries) {
      if (!IsColumnKey(entry.key)) {
        return Error("unknown key '{}' (expected {})", entry.key, kColumnKeys);
      }
    }
    ASSIGN_OR_RETURN(column_.from, String("from", /*required=*/false));
    if (column_.from.empty()) column_.from = column_.name;
    ASSIGN_OR_RETURN(const std::string type, String("type", /*required=*/true));
    Result<TypePtr> parsed = ParseType(type);
    if (!parsed.ok()) return Error("unknown type '{}' ({})", type, parsed.status().message());
    column_.type = *parsed;
    RETURN_NOT_OK(ReadNullable());
    RETURN_NOT_OK(ReadFormat());
    RETURN_NOT_OK(ReadEncoding());
    RETURN_NOT_OK(ReadCompression());
    return column_;
  }

 private:
  static bool IsColumnKey(std::string_view key) {
    for (std::string_view known :
         {"name", "from", "type", "nullable", "format", "encoding", "compression"}) {
      if (key == known) return true;
    }
    return false;
  }

  template <typename... Args>
  Status Error(fmt::format_string<Args...> format, Args&&... args) const {
    return Status::Invalid("{}: {}: {}", path_, ColumnLabel(index_, column_.name),
                           fmt::format(format, std::forward<Args>(args)...));
  }

  // A non-empty string, or "" when absent and not required.
  Result<std::string> String(std::string_view key, bool required) const {
    const DocNode* value = node_.Find(key);
    if (value == nullptr) {
      if (required) return Error("missing '{}'", key);
      return std::string();
    }
    if (value->kind != DocNode::Kind::kString || value->text.empty()) {
      return Error("'{}' must be a non-empty string, got {}", key, value->Describe());
    }
    return value->text;
  }

  Status ReadNullable() {
    const DocNode* value = node_.Find("nullable");
    if (value == nullptr) return Status::OK();
    if (value->kind != DocNode::Kind::kBool) {
      return Error("'nullable' must be true or false, got {}", value->Describe());
    }
    column_.nullable = value->text == "true";
    return Status::OK();
  }

  // The format must suit the type: the parser validates it as the reader
  // will use it.
  Status ReadFormat() {
    ASSIGN_OR_RETURN(column_.format, String("format", /*required=*/false));
    if (column_.format.empty()) return Status::OK();
    formats::ValueOptions values;
    if (column_.type->id() == TypeId::kDate) {
      values.date_format = column_.format;
    } else if (column_.type->id() == TypeId::kTimestamp) {
      values.timestamp_format = column_.format;
    } else {
      return Error("'format' applies to date and timestamp columns, not {}",
                   column_.type->ToString());
    }
    Result<std::unique_ptr<formats::ColumnParser>> parser =
        formats::ColumnParser::Make(column_.type, values);
    if (!parser.ok()) return Error("{}", parser.status().message());
    return Status::OK();
  }

  // --encoding's parser knows the names; probing it keeps one list of them.
  Status ReadEncoding() {
    ASSIGN_OR_RETURN(const std::string name, String("encoding", /*required=*/false));
    if (name.empty()) return Status::OK();
    ParquetCliOptions probe;
    probe.encodings = {"column=" + name};
    Result<parquet::WriterOptions> parsed = ToWriterOptions(probe);
    if (!parsed.ok()) {
      const Status status = parsed.status();
      std::string_view message = status.message();
      if (message.starts_with("--encoding: ")) message.remove_prefix(12);
      return Error("{}", message);
    }
    const auto found = parsed->column_encodings.find("column");
    if (found != parsed->column_encodings.end()) column_.encoding = found->second;
    return Status::OK();
  }

  // "zstd" or "zstd:9", as --compression COLUMN=CODEC[:LEVEL] takes it.
  Status ReadCompression() {
    ASSIGN_OR_RETURN(const std::string spec, String("compression", /*required=*/false));
    if (spec.empty()) return Status::OK();
    Result<parquet::WriterOptions::ColumnCodec> codec = ParseCodecSpec(spec);
    if (!codec.ok()) return Error("compression '{}': {}", spec, codec.status().message());
    column_.compression = *codec;
    return Status::OK();
  }

  const DocNode& node_;
  const size_t index_;
  const std::string& path_;
  SchemaColumn column_;
};

// Output names and input names must each be unique.
Status CheckUnique(const SchemaFile& file) {
  std::map<std::string, size_t> names;
  std::map<std::string, size_t> froms;
  for (size_t i = 0; i < file.columns.size(); ++i) {
    const SchemaColumn& column = file.columns[i];
    const std::string label = ColumnLabel(i, column.name);
    if (auto [it, inserted] = names.emplace(column.name, i); !inserted) {
      return Status::Invalid("{}: {}: duplicate name (also column {})", file.path, label,
                             it->second + 1);
    }
    if (auto [it, inserted] = froms.emplace(column.from, i); !inserted) {
      return Status::Invalid("{}: {}: duplicate input column '{}' (also column {})", file.path,
                             label, column.from, it->second + 1);
    }
  }
  return Status::OK();
}

Result<SchemaFile> FromDocument(const DocNode& root, const std::string& path) {
  if (root.kind != DocNode::Kind::kMap) {
    return Status::Invalid("{}: expected an object with 'columns', got {}", path, root.Describe());
  }
  for (const DocNode::Entry& entry : root.entries) {
    if (entry.key != "columns") {
      return Status::Invalid("{}: unknown key '{}' (expected columns)", path, entry.key);
    }
  }
  const DocNode* columns = root.Find("columns");
  if (columns == nullptr) return Status::Invalid("{}: missing 'columns'", path);
  if (columns->kind != DocNode::Kind::kList || columns->items.empty()) {
    return Status::Invalid("{}: 'columns' must be a non-empty list, got {}", path,
                           columns->Describe());
  }
  SchemaFile file{.path = path};
  for (size_t i = 0; i < columns->items.size(); ++i) {
    ASSIGN_OR_RETURN(SchemaColumn column, ColumnReader(columns->items[i], i, path).Read());
    file.columns.push_back(std::move(column));
  }
  RETURN_NOT_OK(CheckUnique(file));
  return file;
}

bool IsJson(std::string_view text, const std::string& path) {
  if (path.ends_with(".json")) return true;
  if (path.ends_with(".yaml") || path.ends_with(".yml")) return false;
  const size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{';
}

// The format key a field of `type` keeps its format under, or "".
std::string_view FormatKey(const DataType& type) {
  if (type.id() == TypeId::kDate) return formats::kDateFormatKey;
  if (type.id() == TypeId::kTimestamp) return formats::kTimestampFormatKey;
  return {};
}

}  // namespace

std::string SchemaFileText(const Schema& schema) {
  std::string out = "{\n  \"columns\": [\n";
  for (int i = 0; i < schema.num_fields(); ++i) {
    const Field& field = schema.field(i);
    out += "    {\"name\": ";
    AppendJsonString(field.name, &out);
    out += ", \"type\": ";
    AppendJsonString(field.type->ToString(), &out);
    out += fmt::format(", \"nullable\": {}", field.nullable);
    const std::string_view key = FormatKey(*field.type);
    for (const auto& [name, value] : field.metadata) {
      if (key.empty() || name != key) continue;
      out += ", \"format\": ";
      AppendJsonString(value, &out);
      break;
    }
    out += i + 1 < schema.num_fields() ? "},\n" : "}\n";
  }
  out += "  ]\n}\n";
  return out;
}

Result<SchemaFile> ParseSchemaFile(std::string_view text, const std::string& path) {
  Result<DocNode> root =
      IsJson(text, path) ? ParseJsonDocument(text, path) : ParseYamlDocument(text, path);
  RETURN_NOT_OK(root.status());
  return FromDocument(*root, path);
}

Result<SchemaFile> ReadSchemaFile(FileSystem* fs, const std::string& path) {
  Result<std::unique_ptr<RandomAccessFile>> file = fs->OpenForRead(path);
  if (!file.ok()) return file.status().WithContext("schema file");
  ASSIGN_OR_RETURN(const int64_t size, (*file)->Size());
  std::string text(static_cast<size_t>(size), '\0');
  RETURN_NOT_OK((*file)->ReadAt(0, size, reinterpret_cast<uint8_t*>(text.data())));
  return ParseSchemaFile(text, path);
}

SchemaPtr SchemaFileSchema(const SchemaFile& file) {
  std::vector<Field> fields;
  for (const SchemaColumn& column : file.columns) {
    KeyValueMetadata metadata;
    if (!column.format.empty()) {
      metadata.emplace_back(std::string(FormatKey(*column.type)), column.format);
    }
    fields.emplace_back(column.name, column.type, column.nullable, std::move(metadata));
  }
  return MakeSchema(std::move(fields));
}

}  // namespace strata::cli
