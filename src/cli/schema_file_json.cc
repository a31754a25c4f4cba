// Applying a schema file to a JSON input: members are matched by name, so
// the check compares the names a sample holds (at every depth) with the
// declared ones, where the CSV check compares a header's order.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <set>

#include "cli/schema_file.h"

namespace strata::cli {
namespace {

std::string Child(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : fmt::format("{}.{}", path, name);
}

void NestedDifferences(const DataType& declared, const DataType& sample, const std::string& path,
                       std::vector<std::string>* out);

// The members of a struct the sample holds against a declared struct.
void StructDifferences(const DataType& declared, const DataType& sample, const std::string& path,
                       std::vector<std::string>* out) {
  std::set<std::string> present;
  for (const Field& member : sample.fields()) {
    present.insert(member.name);
    const Field* match = nullptr;
    for (const Field& field : declared.fields()) {
      if (field.name == member.name) {
        match = &field;
        break;
      }
    }
    if (match == nullptr) {
      out->push_back(fmt::format("unexpected member '{}'", Child(path, member.name)));
    } else {
      NestedDifferences(*match->type, *member.type, Child(path, member.name), out);
    }
  }
  for (const Field& field : declared.fields()) {
    if (!field.nullable && !present.contains(field.name)) {
      out->push_back(fmt::format("missing member '{}' (not nullable)", Child(path, field.name)));
    }
  }
}

// What a declared nested type lacks for the values the sample holds.
// Types themselves are not compared: a value that does not fit is a row
// error, reported with the value.
void NestedDifferences(const DataType& declared, const DataType& sample, const std::string& path,
                       std::vector<std::string>* out) {
  if (declared.id() == TypeId::kStruct && sample.id() == TypeId::kStruct) {
    StructDifferences(declared, sample, path, out);
  } else if (declared.id() == TypeId::kList && sample.id() == TypeId::kList) {
    NestedDifferences(*declared.field(0).type, *sample.field(0).type, path, out);
  } else if (declared.id() == TypeId::kMap && sample.id() == TypeId::kStruct) {
    // A map takes any member; its values are what the members hold.
    const DataType& value = *declared.field(0).type->field(1).type;
    for (const Field& member : sample.fields()) {
      NestedDifferences(value, *member.type, Child(path, member.name), out);
    }
  }
}

// Whether `name` (a dotted path with flatten) lies inside the declared
// column `from`, which takes its objects whole.
bool Inside(std::string_view name, const std::string& from) {
  return name.size() > from.size() && name.starts_with(from) && name[from.size()] == '.';
}

}  // namespace

std::vector<std::string> JsonShapeDifferences(const Schema& sample, const SchemaFile& file) {
  std::vector<std::string> out;
  std::set<std::string> present;
  for (const Field& field : sample.fields()) {
    present.insert(field.name);
    const SchemaColumn* match = nullptr;
    bool inside = false;
    for (const SchemaColumn& column : file.columns) {
      if (column.from == field.name) match = &column;
      inside = inside || Inside(field.name, column.from);
    }
    if (match != nullptr) {
      NestedDifferences(*match->type, *field.type, field.name, &out);
    } else if (!inside) {
      out.push_back(fmt::format("unexpected member '{}'", field.name));
    }
  }
  for (const SchemaColumn& column : file.columns) {
    if (!column.nullable && !present.contains(column.from)) {
      out.push_back(fmt::format("missing member '{}' (column '{}' is not nullable)", column.from,
                                column.name));
    }
  }
  return out;
}

Result<SchemaPtr> JsonSchemaFromFile(FileSystem* fs, const std::string& input,
                                     const SchemaFile& file, const formats::InferOptions& infer,
                                     formats::JsonReadOptions* options) {
  const SchemaPtr schema = SchemaFileSchema(file);
  options->allow_widening = false;
  options->reject_unknown_fields = true;
  options->field_of_column.clear();
  for (const SchemaColumn& column : file.columns) {
    if (column.from != column.name) options->field_of_column.emplace(column.name, column.from);
  }
  Status readable = formats::CheckJsonReadable(*schema, *options);
  if (!readable.ok()) return readable.WithContext(file.path);
  ASSIGN_OR_RETURN(SchemaPtr sample, formats::InferJsonShape(fs, input, *options, infer));
  // No records (or none with a field): nothing to compare; a non-nullable
  // column's nulls are row errors.
  if (sample->num_fields() == 0) return schema;
  const std::vector<std::string> differences = JsonShapeDifferences(*sample, file);
  if (differences.empty()) return schema;
  return Status::Invalid("{} does not match {}: {}", input, file.path,
                         fmt::join(differences, "; "));
}

}  // namespace strata::cli
