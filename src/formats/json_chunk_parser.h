// Internal to the JSON reader: one chunk (JSON Lines text or a slice of a
// document's records) to a record batch of the reader's schema, with the
// rows that could not be read set aside and the widenings and new fields
// the values asked for. Runs on pool threads, one chunk per task.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "columnar/record_batch.h"
#include "formats/json_reader.h"
#include "formats/json_source.h"
#include "formats/name_index.h"
#include "formats/text_reader.h"

namespace strata::formats {

struct JsonContext {
  std::string path;
  SchemaPtr schema;
  const JsonReadOptions* options = nullptr;
  ColumnIndex columns;  // By field name.
  // The column of each carried value, -1 when the schema lacks it.
  std::vector<int> carried_columns;
  // Per column: the reader's value options with the column's date format.
  std::vector<ValueOptions> column_values;
};

// REQUIRES: `options` outlives the context.
JsonContext MakeJsonContext(std::string path, SchemaPtr schema, const JsonReadOptions* options);

// The column name of a carried value: the pointer's last segment, with
// RFC 6901's ~1 and ~0 unescaped.
std::string CarryName(std::string_view pointer);

// The reader's value options made able to read JSON's true and false.
ValueOptions JsonValueOptions(ValueOptions values);

using ParsedJsonChunk = ParsedTextChunk;

// Parses and converts `chunk`. Fails only on a limit, an allocation failure
// or a new field whose values conflict; bad rows and widenings are
// reported in the result.
Result<ParsedJsonChunk> ParseJsonChunk(const JsonChunk& chunk, const JsonContext& context);

}  // namespace strata::formats
