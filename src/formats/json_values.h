// Internal to the JSON reader: JSON values as the values layer sees them.
// Scalars become text for ColumnInference / ColumnParser (strings decoded,
// numbers in their shortest round-trip form), objects and arrays their
// minified JSON text. FieldInference adds the JSON kinds on top of
// ColumnInference, so a field's kinds can conflict.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "columnar/types.h"
#include "common/result.h"
#include "formats/json_nested.h"
#include "formats/value_inference.h"

namespace strata::formats {

enum class JsonKind : uint8_t { kNull, kBool, kNumber, kString, kObject, kArray };

JsonKind KindOf(simdjson::dom::element value);
// "null", "a boolean", "a number", "a string", "an object", "an array".
std::string_view KindName(JsonKind kind);

// A scalar's text for the values layer. `quoted` is true for strings, which
// are never null tokens.
struct ScalarText {
  std::string_view text;
  bool quoted = false;
};

// REQUIRES: `value` is a bool, number or string. Numbers are formatted into
// `scratch`; the result may point into it or into the parser's strings.
ScalarText ScalarTextOf(simdjson::dom::element value, std::string* scratch);

// The value's minified JSON text (strings re-escaped, numbers in simdjson's
// round-trip form).
std::string JsonTextOf(simdjson::dom::element value);

// Calls visit(name, value) for each field of `object`, recursing into
// objects with `flatten` when descend(name) is true; nested names are the
// path joined with '.'. `path` is scratch space.
template <typename Visit, typename Descend>
void WalkFields(simdjson::dom::object object, bool flatten, std::string* path, Visit&& visit,
                Descend&& descend) {
  const size_t prefix = path->size();
  for (simdjson::dom::key_value_pair field : object) {
    std::string_view name = field.key;
    if (prefix > 0) {
      path->resize(prefix);
      path->append(field.key);
      name = *path;
    }
    if (flatten && field.value.is_object() && descend(name)) {
      std::string nested(name);
      nested.push_back('.');
      WalkFields(field.value.get_object().value_unsafe(), flatten, &nested, visit, descend);
    } else {
      visit(name, field.value);
    }
  }
  path->resize(prefix);
}

// The type one field's values ask for: objects become structs and arrays
// lists (JsonShapeInference), strings at any depth are typed by the text
// inference. Kinds conflict unless they are the same. Thread safety: none.
class FieldInference {
 public:
  // REQUIRES: `values` outlives this object. `flatten`: objects are walked
  // into, so this field only becomes a column if something else conflicts.
  // `kinds_only`: strings stay string (inside objects and arrays too), so
  // only names, kinds and nesting are inferred and nothing about a string
  // can fail.
  FieldInference(std::string name, const ValueOptions* values, bool flatten,
                 bool kinds_only = false);

  const std::string& name() const { return name_; }
  void Observe(simdjson::dom::element value, int64_t line);
  // Notes a value's kind only (an object walked into with flatten).
  void ObserveKind(JsonKind kind, int64_t line);
  bool conflict() const { return conflict_; }
  // Whether some value was an object walked into (flatten).
  bool saw_object() const { return (kinds_ & Bit(JsonKind::kObject)) != 0; }
  // Whether the field is a column: false for one holding only objects
  // (or nulls) with flatten, whose fields are the columns; true on a conflict.
  bool is_column() const;
  // The column's type. A conflict is json with `on_conflict_json`, else
  // Invalid naming the field, both kinds and their lines.
  Result<TypePtr> Type(bool on_conflict_json) const;
  std::string date_format() const { return values_.date_format(); }

 private:
  static uint8_t Bit(JsonKind kind) { return static_cast<uint8_t>(1U << static_cast<int>(kind)); }
  bool Compatible(JsonKind a, JsonKind b) const;

  std::string name_;
  const ValueOptions* options_;
  bool flatten_;
  bool kinds_only_;
  uint8_t kinds_ = 0;
  JsonKind first_kind_ = JsonKind::kNull;
  int64_t first_line_ = 0;
  bool conflict_ = false;
  JsonKind conflict_kind_ = JsonKind::kNull;
  int64_t conflict_line_ = 0;
  ColumnInference values_;
  std::unique_ptr<JsonShapeInference> shape_;  // Of objects and arrays.
  std::string scratch_;
};

}  // namespace strata::formats
