#include "cli/schema_file.h"

#include <fmt/format.h>

#include "columnar/json_writer.h"

namespace strata::cli {

std::string SchemaFileText(const Schema& schema) {
  std::string out = "{\n  \"columns\": [\n";
  for (int i = 0; i < schema.num_fields(); ++i) {
    const Field& field = schema.field(i);
    out += "    {\"name\": ";
    AppendJsonString(field.name, &out);
    out += ", \"type\": ";
    AppendJsonString(field.type->ToString(), &out);
    out += fmt::format(", \"nullable\": {}}}", field.nullable);
    out += i + 1 < schema.num_fields() ? ",\n" : "\n";
  }
  out += "  ]\n}\n";
  return out;
}

}  // namespace strata::cli
