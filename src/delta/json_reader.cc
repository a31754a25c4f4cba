#include "delta/json_reader.h"

#include <limits>

namespace strata::delta::internal {

namespace {

Status WrongType(std::string_view key, std::string_view expected) {
  return Status::Corruption("field \"{}\" is not {}", key, expected);
}

template <typename T>
Result<std::optional<T>> GetOptional(const JsonObject& object, std::string_view key,
                                     std::string_view expected) {
  std::optional<JsonValue> value = object.Find(key);
  if (!value || value->IsNull()) return std::nullopt;
  T out;
  if (value->element().get(out) != simdjson::SUCCESS) return WrongType(key, expected);
  return std::optional<T>(out);
}

template <typename T>
Result<T> Require(Result<std::optional<T>> value, std::string_view key) {
  if (!value.ok()) return value.status();
  if (!value->has_value()) return Status::Corruption("required field \"{}\" is missing", key);
  return **value;
}

}  // namespace

Result<JsonObject> JsonValue::AsObject(std::string_view what) const {
  simdjson::dom::object object;
  if (element_.get(object) != simdjson::SUCCESS) return WrongType(what, "an object");
  return JsonObject(object);
}

std::vector<std::pair<std::string_view, JsonValue>> JsonObject::Members() const {
  std::vector<std::pair<std::string_view, JsonValue>> members;
  for (simdjson::dom::key_value_pair field : object_) {
    members.emplace_back(field.key, JsonValue(field.value));
  }
  return members;
}

std::optional<JsonValue> JsonObject::Find(std::string_view key) const {
  simdjson::dom::element element;
  if (object_.at_key(key).get(element) != simdjson::SUCCESS) return std::nullopt;
  return JsonValue(element);
}

Result<std::optional<std::string>> JsonObject::OptionalString(std::string_view key) const {
  ASSIGN_OR_RETURN(std::optional<std::string_view> text,
                   GetOptional<std::string_view>(*this, key, "a string"));
  if (!text) return std::nullopt;
  return std::optional<std::string>(std::string(*text));
}

Result<std::optional<int64_t>> JsonObject::OptionalInt64(std::string_view key) const {
  return GetOptional<int64_t>(*this, key, "an integer");
}

Result<std::optional<int32_t>> JsonObject::OptionalInt32(std::string_view key) const {
  ASSIGN_OR_RETURN(std::optional<int64_t> value, OptionalInt64(key));
  if (!value) return std::nullopt;
  if (*value < std::numeric_limits<int32_t>::min() ||
      *value > std::numeric_limits<int32_t>::max()) {
    return Status::Corruption("field \"{}\" = {} does not fit a 32-bit integer", key, *value);
  }
  return std::optional<int32_t>(static_cast<int32_t>(*value));
}

Result<std::optional<bool>> JsonObject::OptionalBool(std::string_view key) const {
  return GetOptional<bool>(*this, key, "a boolean");
}

Result<std::string> JsonObject::RequiredString(std::string_view key) const {
  return Require(OptionalString(key), key);
}

Result<int64_t> JsonObject::RequiredInt64(std::string_view key) const {
  return Require(OptionalInt64(key), key);
}

Result<int32_t> JsonObject::RequiredInt32(std::string_view key) const {
  return Require(OptionalInt32(key), key);
}

Result<std::optional<JsonObject>> JsonObject::OptionalObject(std::string_view key) const {
  ASSIGN_OR_RETURN(std::optional<simdjson::dom::object> object,
                   GetOptional<simdjson::dom::object>(*this, key, "an object"));
  if (!object) return std::nullopt;
  return std::optional<JsonObject>(JsonObject(*object));
}

Result<std::optional<std::vector<std::string>>> JsonObject::OptionalStringList(
    std::string_view key) const {
  ASSIGN_OR_RETURN(std::optional<simdjson::dom::array> array,
                   GetOptional<simdjson::dom::array>(*this, key, "an array"));
  if (!array) return std::nullopt;
  std::vector<std::string> out;
  for (simdjson::dom::element element : *array) {
    std::string_view text;
    if (element.get(text) != simdjson::SUCCESS) return WrongType(key, "an array of strings");
    out.emplace_back(text);
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

Result<std::optional<std::map<std::string, std::string>>> JsonObject::OptionalStringMap(
    std::string_view key) const {
  ASSIGN_OR_RETURN(auto values, OptionalNullableStringMap(key));
  if (!values) return std::nullopt;
  std::map<std::string, std::string> out;
  for (auto& [name, value] : *values) {
    if (!value) return Status::Corruption("field \"{}\" has a null value for \"{}\"", key, name);
    out.emplace(name, std::move(*value));
  }
  return std::optional<std::map<std::string, std::string>>(std::move(out));
}

Result<std::optional<std::map<std::string, std::optional<std::string>>>>
JsonObject::OptionalNullableStringMap(std::string_view key) const {
  ASSIGN_OR_RETURN(std::optional<JsonObject> object, OptionalObject(key));
  if (!object) return std::nullopt;
  std::map<std::string, std::optional<std::string>> out;
  for (const auto& [name, value] : object->Members()) {
    if (value.IsNull()) {
      out.emplace(name, std::nullopt);
      continue;
    }
    // Writers put strings here; numbers and booleans are accepted as their text.
    Result<std::string> text = ScalarText(value, name);
    if (!text.ok()) return text.status().WithContext(fmt::format("field \"{}\"", key));
    out.emplace(name, std::move(*text));
  }
  return std::optional<std::map<std::string, std::optional<std::string>>>(std::move(out));
}

std::optional<std::map<std::string, std::string>> JsonObject::LenientStringMap(
    std::string_view key) const {
  Result<std::optional<JsonObject>> object = OptionalObject(key);
  if (!object.ok() || !object->has_value()) return std::nullopt;
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : (*object)->Members()) {
    std::string_view text;
    if (value.element().get(text) == simdjson::SUCCESS) {
      out.emplace(name, std::string(text));
    } else {
      out.emplace(name, simdjson::minify(value.element()));
    }
  }
  return out;
}

std::string JsonObject::Minified() const { return simdjson::minify(object_); }

Result<JsonValue> JsonDocument::ParseValue(std::string_view text) {
  simdjson::dom::element element;
  const simdjson::padded_string padded(text);
  if (auto error = parser_.parse(padded).get(element)) {
    return Status::Corruption("malformed JSON: {}", simdjson::error_message(error));
  }
  return JsonValue(element);
}

Result<JsonObject> JsonDocument::Parse(std::string_view text) {
  ASSIGN_OR_RETURN(JsonValue value, ParseValue(text));
  simdjson::dom::object object;
  if (value.element().get(object) != simdjson::SUCCESS) {
    return Status::Corruption("expected a JSON object");
  }
  return JsonObject(object);
}

Result<std::string> ScalarText(const JsonValue& value, std::string_view what) {
  const simdjson::dom::element& element = value.element();
  std::string_view text;
  if (element.get(text) == simdjson::SUCCESS) return std::string(text);
  if (element.is_number() || element.is_bool()) return simdjson::minify(element);
  return Status::Corruption("\"{}\" is not a string, number or boolean", what);
}

}  // namespace strata::delta::internal
