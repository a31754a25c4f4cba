#include "formats/json_values.h"

#include <fmt/format.h>

#include <iterator>

namespace strata::formats {

JsonKind KindOf(simdjson::dom::element value) {
  switch (value.type()) {
    case simdjson::dom::element_type::NULL_VALUE: return JsonKind::kNull;
    case simdjson::dom::element_type::BOOL: return JsonKind::kBool;
    case simdjson::dom::element_type::STRING: return JsonKind::kString;
    case simdjson::dom::element_type::OBJECT: return JsonKind::kObject;
    case simdjson::dom::element_type::ARRAY: return JsonKind::kArray;
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE: return JsonKind::kNumber;
  }
  return JsonKind::kNull;
}

std::string_view KindName(JsonKind kind) {
  switch (kind) {
    case JsonKind::kNull: return "null";
    case JsonKind::kBool: return "a boolean";
    case JsonKind::kNumber: return "a number";
    case JsonKind::kString: return "a string";
    case JsonKind::kObject: return "an object";
    case JsonKind::kArray: return "an array";
  }
  return "?";
}

ScalarText ScalarTextOf(simdjson::dom::element value, std::string* scratch) {
  scratch->clear();
  switch (value.type()) {
    case simdjson::dom::element_type::STRING:
      return ScalarText{.text = value.get_string().value_unsafe(), .quoted = true};
    case simdjson::dom::element_type::BOOL:
      return ScalarText{.text = value.get_bool().value_unsafe() ? "true" : "false"};
    case simdjson::dom::element_type::INT64:
      fmt::format_to(std::back_inserter(*scratch), "{}", value.get_int64().value_unsafe());
      break;
    case simdjson::dom::element_type::UINT64:
      fmt::format_to(std::back_inserter(*scratch), "{}", value.get_uint64().value_unsafe());
      break;
    case simdjson::dom::element_type::DOUBLE: {
      // The shortest round-trip form; "2.0" must stay fractional ("2" would
      // be an integer to the values layer).
      fmt::format_to(std::back_inserter(*scratch), "{}", value.get_double().value_unsafe());
      if (scratch->find_first_of(".eEn") == std::string::npos) scratch->append(".0");
      break;
    }
    default: break;
  }
  return ScalarText{.text = *scratch};
}

std::string JsonTextOf(simdjson::dom::element value) { return simdjson::minify(value); }

FieldInference::FieldInference(std::string name, const ValueOptions* values, bool flatten,
                               bool kinds_only)
    : name_(std::move(name)),
      options_(values),
      flatten_(flatten),
      kinds_only_(kinds_only),
      values_(values) {}

bool FieldInference::Compatible(JsonKind a, JsonKind b) const { return a == b; }

void FieldInference::Observe(simdjson::dom::element value, int64_t line) {
  const JsonKind kind = KindOf(value);
  ObserveKind(kind, line);
  if (kind == JsonKind::kNumber || (kind == JsonKind::kString && !kinds_only_)) {
    const ScalarText scalar = ScalarTextOf(value, &scratch_);
    values_.Observe(scalar.text, scalar.quoted);
  } else if (kind == JsonKind::kObject || kind == JsonKind::kArray) {
    if (shape_ == nullptr) {
      shape_ = std::make_unique<JsonShapeInference>(kinds_only_ ? nullptr : options_);
    }
    shape_->Observe(value, line);
  }
}

void FieldInference::ObserveKind(JsonKind kind, int64_t line) {
  if (kind == JsonKind::kNull) return;
  if (kinds_ == 0) {
    first_kind_ = kind;
    first_line_ = line;
  } else if (!conflict_ && !Compatible(first_kind_, kind)) {
    conflict_ = true;
    conflict_kind_ = kind;
    conflict_line_ = line;
  }
  kinds_ |= Bit(kind);
}

bool FieldInference::is_column() const {
  if (conflict_) return true;
  return !(flatten_ && kinds_ == Bit(JsonKind::kObject));
}

Result<TypePtr> FieldInference::Type(bool on_conflict_json) const {
  if (conflict_) {
    if (on_conflict_json) return Json();
    return Status::Invalid(
        "field '{}' holds {} (line {}) and {} (line {}); on_conflict_json reads such a field "
        "as json text",
        name_, KindName(first_kind_), first_line_, KindName(conflict_kind_), conflict_line_);
  }
  if (kinds_ == 0) return String();
  if ((kinds_ & (Bit(JsonKind::kObject) | Bit(JsonKind::kArray))) != 0) {
    // With flatten, objects are walked into and never observed whole.
    if (shape_ == nullptr) return Json();
    return shape_->Type(name_, on_conflict_json);
  }
  if (kinds_ == Bit(JsonKind::kBool)) return Bool();
  if (kinds_ == Bit(JsonKind::kString) && kinds_only_) return String();
  ASSIGN_OR_RETURN(TypePtr type, values_.Type());
  return kinds_ == Bit(JsonKind::kString) ? JsonStringType(type) : type;
}

}  // namespace strata::formats
