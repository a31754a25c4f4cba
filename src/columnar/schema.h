// Schema: the named, typed columns of a table or record batch.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/types.h"
#include "common/result.h"

namespace strata {

// Thread safety: immutable, safe to share across threads.
class Schema {
 public:
  explicit Schema(std::vector<Field> fields, KeyValueMetadata metadata = {})
      : fields_(std::move(fields)), metadata_(std::move(metadata)) {}

  int num_fields() const { return static_cast<int>(fields_.size()); }
  // REQUIRES: 0 <= i < num_fields().
  const Field& field(int i) const { return fields_[static_cast<size_t>(i)]; }
  const std::vector<Field>& fields() const { return fields_; }
  const KeyValueMetadata& metadata() const { return metadata_; }

  // Index of the first field named exactly `name`, or -1.
  int FieldIndex(std::string_view name) const;
  // Compares fields in order; metadata (schema and field level) only when
  // asked.
  bool Equals(const Schema& other, bool check_metadata = false) const;
  // One Field::ToString per line, without a trailing newline.
  std::string ToString() const;

 private:
  std::vector<Field> fields_;
  KeyValueMetadata metadata_;
};

using SchemaPtr = std::shared_ptr<const Schema>;

inline SchemaPtr MakeSchema(std::vector<Field> fields, KeyValueMetadata metadata = {}) {
  return std::make_shared<const Schema>(std::move(fields), std::move(metadata));
}

// Parses Schema::ToString's output: one "name: type [not null]" per line.
// Blank lines and lines starting with '#' are skipped.
Result<SchemaPtr> ParseSchema(std::string_view text);

}  // namespace strata
