// Internal to the JSON reader: the input cut into pieces that parse tasks
// can convert independently. JSON Lines are cut at line feeds (a JSON
// string cannot hold a raw line feed, so no quote state is needed); a
// document is parsed whole once and its records are handed out in slices.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "formats/input_stream.h"
#include "formats/json_reader.h"

namespace strata::formats {

// One record of a document and where it starts.
struct JsonRecordRef {
  simdjson::dom::element value;
  int64_t line = 0;    // 1-based.
  int64_t offset = 0;  // Byte offset in the decompressed input.
};

// A document parsed whole. Immutable once built, so tasks read it
// concurrently.
struct JsonDocument {
  std::string text;  // The input followed by SIMDJSON_PADDING bytes.
  simdjson::dom::parser parser;
  std::vector<JsonRecordRef> records;
  // The values of options.carry, in order.
  std::vector<simdjson::dom::element> carried;
};

struct JsonChunk {
  // JSON Lines: whole lines, then SIMDJSON_PADDING bytes not counted in size.
  std::string text;
  size_t size = 0;
  int64_t first_line = 0;  // 1-based line of text[0].
  // Document: records [begin, end) of `document`; null for JSON Lines.
  std::shared_ptr<const JsonDocument> document;
  size_t begin = 0;
  size_t end = 0;
};

// Thread safety: none; call from one thread (the reader's producer).
class JsonSource {
 public:
  // Opens `path`, drops a UTF-8 BOM and detects the form: a document when
  // records_pointer is set or the input starts with '[', or starts with '{'
  // and its first line is not a complete JSON value; JSON Lines otherwise
  // (an empty input is JSON Lines without lines). A document is read and
  // parsed here: malformed JSON, a document over max_document_bytes, a
  // records_pointer not selecting an array and a missing carry fail with
  // Invalid naming the file. REQUIRES: fs outlives the source.
  static Result<std::unique_ptr<JsonSource>> Open(FileSystem* fs, const std::string& path,
                                                  const JsonReadOptions& options);
  ~JsonSource();

  bool is_document() const { return document_ != nullptr; }
  // REQUIRES: is_document(). The carried values.
  const std::vector<simdjson::dom::element>& carried() const { return document_->carried; }
  // The next piece of about limits.block_bytes, or nullopt at the end. A
  // JSON Lines line longer than limits.max_record_bytes fails with Invalid
  // naming the file and line.
  Result<std::optional<JsonChunk>> Next();
  const InputStream& input() const { return *input_; }

 private:
  JsonSource(std::unique_ptr<InputStream> input, const JsonReadOptions& options);
  // Reads up to `n` more bytes into buffer_; false at the end of the input.
  Result<bool> ReadMore(int64_t n);
  Status Detect();
  Status LoadDocument();
  Result<std::optional<JsonChunk>> NextLines();
  std::optional<JsonChunk> NextRecords();

  std::unique_ptr<InputStream> input_;
  const JsonReadOptions options_;
  std::string buffer_;  // JSON Lines bytes read but not yet handed out.
  bool eof_ = false;
  int64_t next_line_ = 1;
  std::shared_ptr<JsonDocument> document_;
  size_t next_record_ = 0;
};

// Parses one JSON value held in text[0, size), with SIMDJSON_PADDING
// readable bytes after it, into `out` (valid until parser's next parse).
simdjson::error_code ParseJsonValue(simdjson::dom::parser* parser, const char* text, size_t size,
                                    simdjson::dom::element* out);

}  // namespace strata::formats
