// Row predicates for `strata cat --where`: a conjunction of comparisons
// between a column and literals, parsed from text, bound to a schema,
// evaluated on record batches, and used to skip row groups, pages and bloom
// filter misses that cannot hold a matching row.
//
//   ASSIGN_OR_RETURN(Predicate parsed, ParsePredicate("id >= 5 AND name = 'x'"));
//   ASSIGN_OR_RETURN(BoundPredicate bound, Bind(parsed, *schema));
//   if (!RowGroupMightMatch(bound, leaves, row_group, column_orders)) skip it;
//   ASSIGN_OR_RETURN(std::vector<uint8_t> keep, Evaluate(bound, *batch));
//   ASSIGN_OR_RETURN(RecordBatchPtr rows, FilterBatch(batch, keep));
//
// Semantics are SQL's, as DuckDB implements them: a comparison with NULL is
// not true, so null rows only match IS NULL; floats order NaN above every
// other value (+inf included) and NaN = NaN is true, while -0.0 = 0.0.
// Every pruning function answers "might a row match?": true whenever the
// metadata is missing, unreadable or not trustworthy, so pruning can only
// ever skip data that certainly has no match.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "columnar/decimal.h"
#include "columnar/record_batch.h"
#include "columnar/schema.h"
#include "common/result.h"
#include "parquet/codec/bloom_filter.h"
#include "parquet/row_range.h"
#include "parquet/schema.h"
#include "parquet/thrift/metadata.h"

namespace strata::parquet {

// A literal bound to a column's type. The alternative follows the type:
//   bool                              bool
//   int8..int64, date, time, timestamp int64_t (days or time units)
//   uint8..uint64                     uint64_t
//   float32, float64                  double (a float32 literal is rounded to float)
//   decimal(p,s)                      Int128, unscaled at the column's scale
//   string, json, binary, uuid,       std::string of the value's bytes
//   fixed_size_binary
using Value = std::variant<bool, int64_t, uint64_t, double, Int128, std::string>;

// Three-way comparison of two values of the same alternative: negative,
// zero or positive. Doubles follow the DuckDB order above (NaN largest and
// equal to itself); strings compare as unsigned bytes.
// REQUIRES: a.index() == b.index() (a mismatch compares by index).
int CompareValues(const Value& a, const Value& b);
// The value as text for messages (bytes are printed as they are).
std::string ValueToString(const Value& value);

enum class CompareOp : uint8_t {
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kIn,
  kNotIn,
  kIsNull,
  kIsNotNull,
  // Binding found the comparison can never be true (e.g. int8 = 1000).
  kFalse,
};

// "=", "IN", "IS NULL", ...
std::string_view CompareOpName(CompareOp op);

// ---- Parsing -------------------------------------------------------------

enum class LiteralKind : uint8_t {
  kNumber,  // Integer, decimal or exponent form; also NaN, Inf, Infinity.
  kString,  // A 'quoted' string, quotes removed and '' unescaped.
  kBool,    // TRUE or FALSE; text is "true" or "false".
};

struct Literal {
  LiteralKind kind = LiteralKind::kNumber;
  std::string text;  // Numbers keep their sign: "-1.5e3", "-inf".
  int position = 0;  // 1-based column in the predicate text, for messages.
};

struct Comparison {
  std::string column;
  CompareOp op = CompareOp::kEq;  // Never kFalse after parsing.
  std::vector<Literal> values;    // One for =..>=, one or more for IN, none for IS.
  int position = 0;               // 1-based column of the column name.
};

// comparison [AND comparison]...
struct Predicate {
  std::vector<Comparison> conjuncts;
};

// Parses
//   predicate  := comparison (AND comparison)*
//   comparison := column op value | column [NOT] IN (value, ...)
//               | column IS [NOT] NULL
//   op         := = | == | != | <> | < | <= | > | >=
//   column     := identifier | "double quoted" ("" escapes a quote)
//   value      := [+|-] number | [+|-] NaN | [+|-] Inf[inity]
//               | 'string' ('' escapes a quote) | TRUE | FALSE
// Keywords are case-insensitive. Errors (Invalid) name the 1-based column:
// "expected a value after '>=' at column 14, found end of input"; OR and NOT
// outside NOT IN are NotImplemented. Callers add their option's name with
// WithContext("--where").
Result<Predicate> ParsePredicate(std::string_view text);

// ---- Binding -------------------------------------------------------------

// One comparison resolved against a schema, its literals coerced to the
// column's type. Comparisons that cannot be represented exactly in the
// column's type are rewritten to equivalents, so evaluation and pruning
// never see them: on an int8 column `x = 3.5` and `x = 1000` become kFalse,
// `x != 1000` and `x < 1000` become kIsNotNull, `x < 3.5` becomes `x <= 3`,
// `x > 3.5` becomes `x >= 4`; IN lists drop values that cannot occur. The
// same holds for timestamps and times compared with a finer literal.
struct BoundComparison {
  int field_index = 0;  // In the schema it was bound to.
  std::string column;   // As written: "x", or "s.a.b" for a struct member.
  // The struct members below the field, for "s.a.b": {"a", "b"}; the row's
  // value is null where the field or any of these structs is null.
  std::vector<std::string> members;
  TypePtr type;
  CompareOp op = CompareOp::kEq;
  // One value for kEq..kGe; the sorted, distinct set for kIn and kNotIn;
  // none for kIsNull, kIsNotNull and kFalse.
  std::vector<Value> values;

  // "x >= 5", "name IN ('a', 'b')": for messages and tests.
  std::string ToString() const;
};

struct BoundPredicate {
  std::vector<BoundComparison> conjuncts;
};

// Resolves each column by exact name and coerces its literals (see Value):
//   integers and decimals: numeric literals or their text, exactly (decimal
//     literals with more fractional digits than the column's scale are
//     Invalid, unless the extra digits are zeros);
//   floats: any numeric literal, 'nan', 'inf', '-inf';
//   bool: TRUE/FALSE, 'true'/'false'/'t'/'f'/'1'/'0', 1/0;
//   date '2025-10-01'; time '12:00[:00[.fraction]]';
//   timestamp '2025-10-01[ |T]12:00:00[.fraction][Z|+hh[:mm]]' (a literal
//     without a zone is in UTC for UTC-adjusted columns, local otherwise);
//   string, json: the text's bytes; binary, fixed_size_binary: the text with
//     \xHH escapes decoded (as `strata cat` prints binary); uuid: canonical
//     text.
// A name that is no top-level column may name a member of a struct column,
// "s.a.b", through structs only (the longest top-level name before a dot
// wins). Errors: NotFound naming the column and listing the available ones;
// Invalid for a literal that is not a value of the column's type (naming
// column, type and literal); NotImplemented for struct, list and map values
// and for members inside lists or maps.
Result<BoundPredicate> Bind(const Predicate& predicate, const Schema& schema);

// ---- Evaluation ----------------------------------------------------------

// One byte per row of `batch`, 1 where every conjunct is true, else 0 (the
// selection format of columnar/compute.h's Filter). Columns are found in
// `batch` by name, so the batch may hold a projection of the bound schema;
// struct members by name within them.
// Errors: NotFound when a column is missing from the batch, Invalid when
// its type differs from the bound type.
Result<std::vector<uint8_t>> Evaluate(const BoundPredicate& predicate, const RecordBatch& batch);

// ---- Pruning -------------------------------------------------------------

// A statistics or page-index bound (PLAIN bytes of `leaf`'s physical type)
// as the Value a bound literal of that column holds; nullopt when it cannot
// serve as a bound (NaN, INT96, malformed bytes, unordered byte arrays).
std::optional<Value> DecodeStatisticsValue(const LeafColumn& leaf, std::string_view bytes);

// The leaf holding the values of `comparison`'s column: the leaf of the
// flat top-level field it was bound to, or of the struct member it names;
// null when there is none (or the leaf repeats, so its pages and statistics
// do not follow rows).
// REQUIRES: `leaves` belong to the schema the predicate was bound to.
const LeafColumn* FindLeaf(const BoundComparison& comparison,
                           const std::vector<LeafColumn>& leaves);

// Whether a column chunk (or page) with these statistics may hold a row
// satisfying `comparison`. `num_values` counts values including nulls (a
// flat column's ColumnMetaData.num_values); pass -1 when unknown. Reads
// min_value/max_value in the leaf's order; falls back to the deprecated
// min/max only for signed numeric physical types (old writers ordered byte
// arrays as signed bytes, so those are never trusted). Truncated byte-array
// bounds are used as bounds; `!=` prunes only on bounds flagged exact.
// Floats: NaN is never a bound, so comparisons NaN satisfies prune only
// when nan_count is present and zero.
// REQUIRES: comparison was bound to the column `leaf` reads, and the file's
// column order for the leaf is known (RowGroupMightMatch checks it).
bool MightMatchStatistics(const BoundComparison& comparison, const LeafColumn& leaf,
                          const Statistics& stats, int64_t num_values);

// Per page of `index`, whether the page may hold a matching row. All true
// (one per page) when the index is inconsistent.
std::vector<bool> PagesMightMatch(const BoundComparison& comparison, const LeafColumn& leaf,
                                  const ColumnIndex& index);

// For kEq and kIn: false when no literal can be in `filter`, hashing each
// literal's PLAIN physical bytes as the writer does (narrow integers as
// INT32, unsigned as their INT32/INT64 bits, decimals as INT32, INT64 or
// big-endian FIXED_LEN_BYTE_ARRAY, strings raw, uuid 16 bytes; 0.0 checks
// both signed zeros). True for every other op, NaN literals, and layouts
// whose bytes are not canonical (BYTE_ARRAY decimals, INT96, float16, bool).
bool BloomMightContain(const BoundComparison& comparison, const LeafColumn& leaf,
                       const BloomFilter& filter);

// Whether a row group may hold a matching row, from each conjunct's column
// chunk statistics. `column_orders` is FileMetaData.column_orders (null
// when absent); statistics of a leaf whose order is unknown are ignored.
bool RowGroupMightMatch(const BoundPredicate& predicate, const std::vector<LeafColumn>& leaves,
                        const RowGroup& row_group, const std::vector<ColumnOrder>* column_orders);

// The rows of the pages whose `keep` flag is set, merged into sorted,
// disjoint, non-adjacent ranges. The whole row group when `keep` and the
// offset index disagree or the index is not monotonic.
std::vector<RowRange> PagesToRowRanges(const std::vector<bool>& keep, const OffsetIndex& offsets,
                                       int64_t num_rows);

// The rows in both `a` and `b`. REQUIRES: both sorted and disjoint, as
// PagesToRowRanges returns them.
std::vector<RowRange> IntersectRowRanges(const std::vector<RowRange>& a,
                                         const std::vector<RowRange>& b);

// The number of rows covered by `ranges`.
int64_t CountRows(const std::vector<RowRange>& ranges);

}  // namespace strata::parquet
