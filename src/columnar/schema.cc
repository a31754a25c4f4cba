#include "columnar/schema.h"

#include <fmt/format.h>

namespace strata {

int Schema::FieldIndex(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

bool Schema::Equals(const Schema& other, bool check_metadata) const {
  if (fields_.size() != other.fields_.size()) return false;
  if (check_metadata && metadata_ != other.metadata_) return false;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (!fields_[i].Equals(other.fields_[i], check_metadata)) return false;
  }
  return true;
}

std::string Schema::ToString() const {
  std::vector<std::string> lines;
  lines.reserve(fields_.size());
  for (const Field& field : fields_) lines.push_back(field.ToString());
  return fmt::format("{}", fmt::join(lines, "\n"));
}

Result<SchemaPtr> ParseSchema(std::string_view text) {
  std::vector<Field> fields;
  int line_number = 0;
  while (!text.empty()) {
    const size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    ++line_number;
    const size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#') continue;
    auto field = ParseField(line);
    if (!field.ok()) return field.status().WithContext(fmt::format("line {}", line_number));
    fields.push_back(std::move(field).value());
  }
  return MakeSchema(std::move(fields));
}

}  // namespace strata
