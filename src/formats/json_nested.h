// Internal to the JSON reader: struct and list columns from JSON objects
// and arrays. Inference merges the shapes of a field's values (the union of
// an object's members, every element of an array) into a type whose leaves
// are bool, int64, float64 or string; the column's parser appends values of
// that type, checking a whole value before appending any of it, so a value
// that does not fit leaves nothing behind.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/builder.h"
#include "columnar/types.h"
#include "columnar/vector.h"
#include "common/result.h"
#include "formats/value_parser.h"

namespace strata::formats {

// The type of JSON values seen one by one. Thread safety: none.
class JsonShapeInference {
 public:
  // Nesting below this depth is kept as json text.
  static constexpr int kMaxDepth = 32;

  explicit JsonShapeInference(int depth = 0) : depth_(depth) {}

  void Observe(simdjson::dom::element value, int64_t line);
  // The merged type. Kinds that cannot merge (an object and an array, a
  // string and a number, ...) are json with `on_conflict_json`, else Invalid
  // naming `name` (the dotted path below the column), both kinds and lines.
  Result<TypePtr> Type(const std::string& name, bool on_conflict_json) const;

 private:
  JsonShapeInference& Member(std::string_view name);

  int depth_;
  uint8_t kinds_ = 0;  // Bit per JsonKind seen, nulls excluded.
  int first_kind_ = -1;
  int64_t first_line_ = 0;
  int conflict_kind_ = -1;
  int64_t conflict_line_ = 0;
  bool fractional_ = false;  // A number that is not an int64.
  std::vector<std::pair<std::string, std::unique_ptr<JsonShapeInference>>> members_;
  std::unique_ptr<JsonShapeInference> element_;
};

// Appends JSON values to a struct or list column, as the JSON reader's
// parser of such a column. Thread safety: none.
class JsonNestedParser final : public ColumnParser {
 public:
  // REQUIRES: `type` is struct or list. NotImplemented for leaves other than
  // bool, int64, float64, string and json.
  static Result<std::unique_ptr<JsonNestedParser>> Make(const TypePtr& type);

  // Appends `value`, or nothing with Invalid saying where it does not fit
  // ("member 'a.b': a string does not fit int64").
  Status AppendJson(simdjson::dom::element value);
  // Text is never a struct or list value: Invalid.
  Status Append(std::string_view text, bool quoted) override;
  Status AppendNull() override { return builder_->AppendNull(); }
  Status Reserve(int64_t rows) override { return builder_->Reserve(rows); }
  int64_t length() const override { return builder_->length(); }
  Result<VectorPtr> Finish() override;

 private:
  JsonNestedParser(TypePtr type, std::unique_ptr<VectorBuilder> builder)
      : ColumnParser(std::move(type)), builder_(std::move(builder)) {}

  std::unique_ptr<VectorBuilder> builder_;
};

}  // namespace strata::formats
