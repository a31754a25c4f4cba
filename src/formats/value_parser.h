// Text to typed values for one column, and the safe widenings that let a
// column whose inferred type a later value does not fit grow instead of
// failing.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <variant>

#include "columnar/builder.h"
#include "columnar/decimal.h"
#include "columnar/types.h"
#include "columnar/vector.h"
#include "common/result.h"
#include "formats/value_options.h"

namespace strata::formats {

// Parses the values of one column into a vector of its type.
// Thread safety: none; one parser per column per task.
class ColumnParser {
 public:
  // Supports bool, int8..int64, uint8..uint64, float32/64, decimal,
  // string, binary, json (kept as text), date, time, timestamp (any unit,
  // with or without UTC), uuid. Other types fail with NotImplemented.
  static Result<std::unique_ptr<ColumnParser>> Make(const TypePtr& type,
                                                    const ValueOptions& options);
  virtual ~ColumnParser() = default;

  const TypePtr& type() const { return type_; }
  // Appends the value `text` (an unquoted null token appends null). When the text
  // does not fit the type, appends nothing and fails with Invalid whose
  // message is the reason only, e.g. "'12x' is not a valid int64"; the
  // caller adds file, line and column. Nothing is rounded or truncated:
  // a decimal with more non-zero fractional digits than its scale, or a
  // time/timestamp with non-zero digits finer than its unit, is an error.
  // Numbers, booleans, dates, times, timestamps and uuids may be surrounded
  // by spaces and tabs; strings keep them. string and json must be UTF-8.
  // A timestamp column in UTC takes only values with 'Z' or an offset
  // (converted to UTC); one without time zone takes only values without.
  virtual Status Append(std::string_view text, bool quoted) = 0;
  // Appends texts[i] (quoted when quoted[i] is non-zero) for i = 0, 1, ...
  // as Append() does, up to the first that fails: returns how many were
  // appended, and sets *error to why texts[result] failed when result < n.
  // One virtual call per batch of values instead of one per value.
  virtual int64_t AppendMany(const std::string_view* texts, const uint8_t* quoted, int64_t n,
                             Status* error);
  virtual Status AppendNull() = 0;
  // Makes room for `rows` more values, so a block's appends do not regrow.
  virtual Status Reserve(int64_t rows) = 0;
  virtual int64_t length() const = 0;
  // The vector of the values appended so far; resets the parser.
  virtual Result<VectorPtr> Finish() = 0;

 protected:
  explicit ColumnParser(TypePtr type) : type_(std::move(type)) {}

 private:
  TypePtr type_;
};

// The 16 bytes of a uuid, in RFC 4122 order.
using UuidBytes = std::array<uint8_t, 16>;

// One non-null value converted from text but not appended yet: the
// alternative the type's builder takes (bool; the integer or float type;
// int32_t days for date; int64_t units for time and timestamp; Decimal128;
// the text itself for string, binary and json; UuidBytes).
using ScalarValue =
    std::variant<std::monostate, bool, int8_t, int16_t, int32_t, int64_t, uint8_t, uint16_t,
                 uint32_t, uint64_t, float, double, Decimal128, std::string_view, UuidBytes>;

// Text to a value of one type, as ColumnParser reads it, in two steps, so
// that a caller can check every value of a nested value before appending
// any of them (JSON objects into struct columns). Null tokens are the
// caller's business. Thread safety: const methods are safe to share.
class ValueConverter {
 public:
  // The types and errors of ColumnParser::Make.
  static Result<std::unique_ptr<ValueConverter>> Make(const TypePtr& type,
                                                      const ValueOptions& options);
  virtual ~ValueConverter() = default;

  const TypePtr& type() const { return type_; }
  // `text` as a value of type(), or Invalid with the reason
  // ColumnParser::Append gives. A string, binary or json value points into
  // `text`, which must outlive the append.
  virtual Status Convert(std::string_view text, ScalarValue* out) const = 0;
  // Appends a value Convert() produced. REQUIRES: `builder` builds type().
  virtual Status Append(const ScalarValue& value, VectorBuilder* builder) const = 0;

 protected:
  explicit ValueConverter(TypePtr type) : type_(std::move(type)) {}

 private:
  TypePtr type_;
};

// When `text` does not fit `type` but would fit a type that holds every
// value of `type` as well, returns that type; otherwise nullopt and the
// value is a row error. The widenings are the ones inference would have
// made had it seen `text`: int64 → float64, or with options.exact_decimals
// → decimal(max(19, digits) + scale, scale) while that fits 38 digits;
// decimal → a decimal with more integer digits or scale (exact decimals,
// up to 38 digits), else float64; date → timestamp without time zone for
// an ISO timestamp without offset (only when no date/timestamp format is
// set). Everything else, and text that already fits, gives nullopt.
std::optional<TypePtr> SafeWidening(const TypePtr& type, std::string_view text,
                                    const ValueOptions& options);

}  // namespace strata::formats
