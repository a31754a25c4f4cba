// Typed access to the JSON objects of the Delta log over simdjson's DOM, with
// errors as Status (simdjson's error codes never escape this file's users).
// Internal to the delta module.

#pragma once

#include <simdjson.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace strata::delta::internal {

class JsonObject;

// One JSON value inside a parsed document. Valid while its JsonDocument lives
// and has not parsed another text.
class JsonValue {
 public:
  explicit JsonValue(simdjson::dom::element element) : element_(element) {}

  bool IsNull() const { return element_.is_null(); }
  // kCorruption naming `what` unless the value is an object.
  [[nodiscard]] Result<JsonObject> AsObject(std::string_view what) const;
  const simdjson::dom::element& element() const { return element_; }

 private:
  simdjson::dom::element element_;
};

// An object's members, looked up by name. Optional getters return nullopt for
// an absent member or `null`; all getters fail with kCorruption naming the
// member when it has another type.
class JsonObject {
 public:
  explicit JsonObject(simdjson::dom::object object) : object_(object) {}

  std::vector<std::pair<std::string_view, JsonValue>> Members() const;
  std::optional<JsonValue> Find(std::string_view key) const;

  [[nodiscard]] Result<std::string> RequiredString(std::string_view key) const;
  [[nodiscard]] Result<int64_t> RequiredInt64(std::string_view key) const;
  [[nodiscard]] Result<int32_t> RequiredInt32(std::string_view key) const;
  [[nodiscard]] Result<std::optional<std::string>> OptionalString(std::string_view key) const;
  [[nodiscard]] Result<std::optional<int64_t>> OptionalInt64(std::string_view key) const;
  [[nodiscard]] Result<std::optional<int32_t>> OptionalInt32(std::string_view key) const;
  [[nodiscard]] Result<std::optional<bool>> OptionalBool(std::string_view key) const;
  [[nodiscard]] Result<std::optional<JsonObject>> OptionalObject(std::string_view key) const;
  [[nodiscard]] Result<std::optional<std::vector<std::string>>> OptionalStringList(
      std::string_view key) const;
  // A map of strings; null values are refused.
  [[nodiscard]] Result<std::optional<std::map<std::string, std::string>>> OptionalStringMap(
      std::string_view key) const;
  // A map whose values may be null (partitionValues).
  [[nodiscard]] Result<std::optional<std::map<std::string, std::optional<std::string>>>>
  OptionalNullableStringMap(std::string_view key) const;

  // A map whose values are kept as text, nested ones as minified JSON;
  // nullopt when absent or not an object. Never fails (for free-form fields).
  std::optional<std::map<std::string, std::string>> LenientStringMap(std::string_view key) const;

  // The object as minified JSON text.
  std::string Minified() const;

 private:
  simdjson::dom::object object_;
};

// Owns the parser and the padded copy of the text that values point into.
// Reusing one document for many lines avoids reallocating the parser.
class JsonDocument {
 public:
  // Parses `text`, which must hold a JSON object. Invalidates values from the
  // previous parse. kCorruption with simdjson's reason otherwise.
  [[nodiscard]] Result<JsonObject> Parse(std::string_view text);
  // Parses any JSON value.
  [[nodiscard]] Result<JsonValue> ParseValue(std::string_view text);

 private:
  simdjson::dom::parser parser_;
};

// Reads a JSON string/number/bool value as text, for values whose type is
// decided by the caller (stats, partition values written as numbers).
[[nodiscard]] Result<std::string> ScalarText(const JsonValue& value, std::string_view what);

}  // namespace strata::delta::internal
