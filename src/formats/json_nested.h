// Internal to the JSON reader: struct, list and map columns from JSON
// objects and arrays. Inference merges the shapes of a field's values (the
// union of an object's members, every element of an array) into a type
// whose leaves are bool, int64, float64, or what the text inference makes of
// strings (date, time, timestamp, uuid, else string), as for top-level
// fields; the column's parser appends values of that type (or of any type a
// schema declares), checking a whole value before appending any of it, so a
// value that does not fit leaves nothing behind. Members are found by name
// in O(1) (name_index.h), so wide objects cost linear time.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/builder.h"
#include "columnar/types.h"
#include "columnar/vector.h"
#include "common/result.h"
#include "formats/name_index.h"
#include "formats/value_inference.h"
#include "formats/value_options.h"
#include "formats/value_parser.h"

namespace strata::formats {

// The type of JSON values seen one by one. Thread safety: none.
class JsonShapeInference {
 public:
  // Nesting below this depth is kept as json text.
  static constexpr int kMaxDepth = 32;

  // `values`: how strings are typed (ColumnInference, as for top-level
  // string fields); null: strings stay string. REQUIRES: `values` outlives
  // this object.
  explicit JsonShapeInference(const ValueOptions* values = nullptr, int depth = 0);
  ~JsonShapeInference();
  JsonShapeInference(JsonShapeInference&&) = delete;
  JsonShapeInference& operator=(JsonShapeInference&&) = delete;

  void Observe(simdjson::dom::element value, int64_t line);
  // The merged type. Kinds that cannot merge (an object and an array, a
  // string and a number, ...) are json with `on_conflict_json`, else Invalid
  // naming `name` (the dotted path below the column), both kinds and lines.
  // A member or element whose strings are dates in a day/month order other
  // than values->date_format carries that format as kDateFormatKey metadata
  // on its field. Ambiguous dates are Invalid naming the member.
  Result<TypePtr> Type(const std::string& name, bool on_conflict_json) const;

 private:
  // The field a member or element becomes: its type, and its date format.
  Result<Field> FieldOf(std::string field_name, const std::string& path,
                        bool on_conflict_json) const;

  const ValueOptions* values_;
  int depth_;
  uint8_t kinds_ = 0;  // Bit per JsonKind seen, nulls excluded.
  int first_kind_ = -1;
  int64_t first_line_ = 0;
  int conflict_kind_ = -1;
  int64_t conflict_line_ = 0;
  bool fractional_ = false;  // A number that is not an int64.
  NameIndex member_names_;
  std::vector<std::unique_ptr<JsonShapeInference>> members_;  // By position in member_names_.
  std::unique_ptr<JsonShapeInference> element_;
  std::unique_ptr<ColumnInference> strings_;  // Of the strings, when values_ is set.
};

// The type of JSON strings whose text ColumnInference typed as `inferred`.
// A JSON string is text its writer chose not to make a number or a boolean,
// so only the temporal and uuid readings are kept; the rest is string.
TypePtr JsonStringType(const TypePtr& inferred);

// Appends JSON values to a struct, list or map column, as the JSON reader's
// parser of such a column: objects fill structs (members by name; a
// missing member is null) and maps (members as entries, keys converted
// from their text), arrays fill lists. Leaves take JSON scalars as the
// top-level columns do: strings (and the text of numbers and booleans) are
// converted by the leaf type's ValueConverter, so a string fills a date,
// timestamp, uuid or decimal leaf, and a number a decimal leaf; a string
// leaf also takes an object's or array's JSON text, and a json leaf any
// value's. A leaf value that fits only a wider leaf type (int64 → float64,
// date → timestamp) is found by WidenMisfit(), so that the reader can ask
// for the wider column type as it does for a top-level column.
// Thread safety: none.
class JsonNestedParser final : public ColumnParser {
 public:
  // REQUIRES: `type` is struct, list or map. Leaves read with `values`,
  // where a leaf field's kDateFormatKey / kTimestampFormatKey metadata
  // replaces its date / timestamp format. NotImplemented, naming the
  // member, for a leaf type text cannot be read as.
  static Result<std::unique_ptr<JsonNestedParser>> Make(const TypePtr& type,
                                                        const ValueOptions& values);
  ~JsonNestedParser() override;

  // Appends `value`, or nothing with Invalid saying where it does not fit:
  // "member 'a.b': 'x' is not a valid int64", "member 'a.w' is not in
  // struct<...>", "member 'a.b' is missing; it is not nullable". A JSON
  // object's duplicate member counts once (the first).
  Status AppendJson(simdjson::dom::element value);
  // A leaf whose value did not fit, and the wider type it asks for.
  struct LeafWidening {
    std::string path;      // Dotted, below the column; "" for the column's own elements.
    bool element = false;  // A list's element or a map's value.
    TypePtr type;          // The leaf's wider type.
  };
  // After AppendJson() failed because a leaf's value does not fit the
  // leaf's type: when the value fits a safe widening of that type
  // (SafeWidening in value_parser.h), notes the widening, so that
  // WidenedType() includes it, and returns it. An int64 leaf widens to
  // float64, never to a decimal, as nested inference types fractional
  // numbers. Nullopt for any other failure (a kind that does not fit, an
  // unknown or missing member), for a value no widening fits, and for a leaf
  // already widened: one widening per leaf, since the caller restarts with
  // the wider type and values are checked against it then.
  std::optional<LeafWidening> WidenMisfit();
  // The column's type with the widenings WidenMisfit() noted (the same
  // pointer as type() when there are none); other fields keep their
  // nullability and metadata.
  TypePtr WidenedType() const;
  // Text is never a struct or list value: Invalid.
  Status Append(std::string_view text, bool quoted) override;
  Status AppendNull() override { return builder_->AppendNull(); }
  Status Reserve(int64_t rows) override { return builder_->Reserve(rows); }
  int64_t length() const override { return builder_->length(); }
  Result<VectorPtr> Finish() override;

  // The parser's view of one struct, list, map or leaf of the type; defined
  // in json_nested_parser.cc.
  struct Node;

 private:
  JsonNestedParser(TypePtr type, std::unique_ptr<Node> root,
                   std::unique_ptr<VectorBuilder> builder);

  // Checks `value` against `node` throughout, converting its leaves into
  // pending_ in document order; appends nothing.
  Status Check(Node& node, simdjson::dom::element value);
  Status CheckObject(Node& node, simdjson::dom::element value);
  Status CheckMap(Node& node, simdjson::dom::element value);
  Status CheckLeaf(Node& node, simdjson::dom::element value);
  // Appends a value Check accepted, taking its leaves from pending_.
  Status Put(Node& node, simdjson::dom::element value, VectorBuilder* builder);
  Status PutObject(Node& node, simdjson::dom::object object, VectorBuilder* builder);
  Status PutLeaf(const Node& node, simdjson::dom::element value, VectorBuilder* builder);

  std::unique_ptr<Node> root_;
  std::unique_ptr<VectorBuilder> builder_;
  // One entry per non-null leaf value (and map key) of the value being
  // appended; monostate where Put takes the text from the JSON value.
  std::vector<ScalarValue> pending_;
  size_t next_pending_ = 0;
  std::string scratch_;
  // The leaf whose value the last AppendJson() could not convert, and that
  // value's text; for WidenMisfit().
  Node* misfit_ = nullptr;
  std::string misfit_text_;
};

}  // namespace strata::formats
