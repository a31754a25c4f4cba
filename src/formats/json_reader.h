// JsonReader: JSON Lines (NDJSON) or a JSON document — an array of records,
// or one object whose records sit under a JSON pointer — as a stream of
// record batches of a given schema, every value checked against it.
// InferJsonSchema proposes that schema. Scalars go through the same values
// layer as CSV (value_inference.h, value_parser.h); objects become struct
// columns and arrays list columns (json_nested.h), or with `flatten`
// objects become dotted columns (`a.b.c`). gzip/zstd input is detected by
// content (input_stream.h), as is the form: JSON Lines when the first
// line is a complete JSON value, otherwise one document.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "columnar/record_batch_reader.h"
#include "columnar/schema.h"
#include "common/result.h"
#include "common/thread_pool.h"
#include "formats/read_options.h"
#include "formats/text_reader.h"
#include "formats/value_options.h"
#include "io/file_system.h"

namespace strata::formats {

// Bounds that keep a malformed or hostile file from exhausting memory.
struct JsonLimits {
  // JSON Lines text handed to one parse task; also the read size.
  int64_t block_bytes = 8 << 20;
  // A JSON Lines line longer than this is an error.
  int64_t max_record_bytes = 64 << 20;
  // A document (array of records, or an object with records_pointer) is
  // parsed whole, so it must fit in memory: larger ones are an error.
  int64_t max_document_bytes = int64_t{1} << 30;
};

struct JsonReadOptions {
  // RFC 6901 pointer (e.g. "/recommendations") to the array of records
  // inside a single-object document. Empty: the input is JSON Lines, a
  // top-level array of records, or one object that is the only record.
  std::string records_pointer;
  // Pointers (e.g. "/timestamp") to values of the document copied into
  // every record as columns named by the pointer's last segment. They come
  // first in the schema, in this order. REQUIRES: records_pointer is set.
  std::vector<std::string> carry;
  // Objects become columns named by their dotted path ("a.b.c"),
  // recursively; arrays stay json. Without it objects are json columns.
  bool flatten = false;
  // A field holding values of conflicting kinds (a number and a string, a
  // number and an object, ...) is a json column of each value's JSON text
  // instead of an inference error.
  bool on_conflict_json = false;
  OnError on_error = OnError::kFail;
  // With kSkip: more bad rows than this fail the read. -1: no limit.
  int64_t max_errors = -1;
  // Hash the file while reading it, for content_checksum().
  bool hash_content = false;
  // How strings are read as typed values (dates, timestamps, ...). A JSON
  // string is never a null token: only JSON null is null.
  ValueOptions values;
  // A value that does not fit its column's type but fits a safe widening
  // (value_parser.h), or a field missing from the schema, fails the read
  // and widened_schema() gives the schema to restart with. When false, the
  // value is a row error and unknown fields are ignored (a schema may
  // select columns), or with reject_unknown_fields are row errors.
  bool allow_widening = true;
  // With allow_widening false: a record with a field the schema lacks
  // (null or not) is a row error naming it ("unexpected member 'x'"),
  // since a declared schema must not drop data silently.
  bool reject_unknown_fields = false;
  // Column name → the record field it is read from, for columns whose
  // name differs from the field's (a schema file's `from`; a dotted path
  // with flatten). Other columns read the field of their own name.
  std::map<std::string, std::string> field_of_column;
  JsonLimits limits;
  // JSON Lines blocks parsed ahead of the consumer.
  int read_ahead = 4;
  ThreadPool* pool = nullptr;  // Null: ThreadPool::Default().
};

// Infers columns from a sample of records: the union of their fields in
// first-seen order (carried values first), every column nullable. Numbers
// are int64, or float64 once any is fractional or beyond int64 (decimal
// with values.exact_decimals); strings are typed by the CSV text inference
// but never become numbers or booleans (dates, timestamps, times and uuids
// do, also inside objects and arrays); true/false are bool; objects are
// structs and arrays lists (json_nested.h). Records that are
// malformed or not objects are left out of the sample (the reader rejects
// them). Fails with Invalid naming the file and field when a field holds
// conflicting kinds (unless on_conflict_json), when there are no records,
// and for a malformed document.
Result<SchemaPtr> InferJsonSchema(FileSystem* fs, const std::string& path,
                                  const JsonReadOptions& options, const InferOptions& infer);

// The fields a sample holds and how they nest, to check a declared schema
// against: as InferJsonSchema, but strings are string at every depth and
// conflicting kinds are json (on_conflict_json), so that nothing a schema
// says how to read (an ambiguous date, a number in one record and a string
// in the next) fails it. No records give an empty schema. Fails for a
// malformed document.
Result<SchemaPtr> InferJsonShape(FileSystem* fs, const std::string& path, JsonReadOptions options,
                                 const InferOptions& infer);

// OK when the reader can fill every column of `schema` from JSON values
// with `options`; else NotImplemented naming the column (1-based index and
// name) and, inside a struct, list or map, the member whose type it cannot
// read. Opening a reader does not check this: its first batch fails.
Status CheckJsonReadable(const Schema& schema, const JsonReadOptions& options);

class JsonSource;

// Thread safety: none; one consumer. Parse tasks run on options.pool.
// One batch per block of JSON Lines, or per block_bytes of a document's
// records. Row errors name the file, the line where the record starts, the
// column and the value; a malformed JSON Lines line is a row error of its
// own. A field the schema lacks asks for a wider schema like a widening
// value does (new fields are appended at the end).
class JsonReader final : public TextReader {
 public:
  // REQUIRES: fs outlives the reader. Columns are matched to fields by name
  // (dotted paths with flatten; carried values by their last segment); a
  // column no record has is all null. Fails for a malformed document, a
  // records_pointer that does not select an array, or a missing carry.
  static Result<std::unique_ptr<JsonReader>> Open(FileSystem* fs, const std::string& path,
                                                  SchemaPtr schema, JsonReadOptions options);
  ~JsonReader() override;

 protected:
  Result<std::optional<ParseTask>> NextTask() override;
  const InputStream& input() const override;

 private:
  struct Shared;
  JsonReader(std::unique_ptr<JsonSource> source, std::shared_ptr<const Shared> shared,
             TextReadPolicy policy);

  std::unique_ptr<JsonSource> source_;
  std::shared_ptr<const Shared> shared_;  // Read by the parse tasks.
};

}  // namespace strata::formats
