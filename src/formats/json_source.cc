// Form detection, JSON Lines chunking and document loading. A document's
// records are located twice: the DOM parse validates everything and gives
// the values; an on-demand pass over the same bytes gives where each record
// starts (DOM keeps no offsets), for line numbers in messages.
#include "formats/json_source.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace strata::formats {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr int64_t kMinRead = 64 << 10;

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t FirstNonSpace(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && IsJsonSpace(text[i])) ++i;
  return i;
}

void Pad(std::string* text) { text->append(simdjson::SIMDJSON_PADDING, '\0'); }

// Start offsets of the elements of `array_pointer`'s array ("" for the
// root array), found by an on-demand pass that skips over their contents.
Result<std::vector<int64_t>> LocateElements(const std::string& text, size_t size,
                                            const std::string& array_pointer) {
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  simdjson::ondemand::array array;
  auto fail = [](simdjson::error_code error) {
    return Status::Invalid("locating records: {}", simdjson::error_message(error));
  };
  if (auto error = parser.iterate(text.data(), size, text.size()).get(doc)) return fail(error);
  const simdjson::error_code selected = array_pointer.empty()
                                            ? doc.get_array().get(array)
                                            : doc.at_pointer(array_pointer).get_array().get(array);
  if (selected != simdjson::SUCCESS) return fail(selected);
  std::vector<int64_t> offsets;
  for (auto element : array) {
    std::string_view token;
    if (auto error = element.raw_json_token().get(token)) return fail(error);
    offsets.push_back(token.data() - text.data());
  }
  return offsets;
}

// Fills each record's line from its offset, counting line feeds once.
void AssignLines(std::string_view text, std::vector<JsonRecordRef>* records) {
  int64_t line = 1;
  size_t pos = 0;
  for (JsonRecordRef& record : *records) {
    const auto offset = static_cast<size_t>(record.offset);
    line += std::count(text.begin() + static_cast<ptrdiff_t>(pos),
                       text.begin() + static_cast<ptrdiff_t>(offset), '\n');
    pos = offset;
    record.line = line;
  }
}

std::string_view KindWord(simdjson::dom::element_type type) {
  switch (type) {
    case simdjson::dom::element_type::ARRAY: return "an array";
    case simdjson::dom::element_type::OBJECT: return "an object";
    case simdjson::dom::element_type::STRING: return "a string";
    case simdjson::dom::element_type::BOOL: return "a boolean";
    case simdjson::dom::element_type::NULL_VALUE: return "null";
    default: return "a number";
  }
}

// Whether one of the first lines of `text` (which starts with '{') is a
// complete JSON value starting at the line's beginning: the first line, or
// an unindented one, since a pretty-printed document indents its inner
// lines. A broken first line thus does not turn JSON Lines into a document.
bool LooksLikeJsonLines(std::string_view text) {
  constexpr int kLinesTried = 16;
  simdjson::dom::parser parser;
  size_t pos = 0;
  for (int i = 0; i < kLinesTried && pos < text.size(); ++i) {
    size_t end = text.find('\n', pos);
    const bool complete = end != std::string_view::npos;
    if (!complete) end = text.size();
    if (text[pos] == '{' && (complete || i == 0)) {
      const simdjson::padded_string line(text.data() + pos, end - pos);
      simdjson::dom::element value;
      if (ParseJsonValue(&parser, line.data(), line.size(), &value) == simdjson::SUCCESS) {
        return true;
      }
    }
    pos = end + 1;
  }
  return false;
}

}  // namespace

simdjson::error_code ParseJsonValue(simdjson::dom::parser* parser, const char* text, size_t size,
                                    simdjson::dom::element* out) {
  return parser->parse(text, size, /*realloc_if_needed=*/false).get(*out);
}

JsonSource::JsonSource(std::unique_ptr<InputStream> input, const JsonReadOptions& options)
    : input_(std::move(input)), options_(options) {}
JsonSource::~JsonSource() = default;

Result<std::unique_ptr<JsonSource>> JsonSource::Open(FileSystem* fs, const std::string& path,
                                                     const JsonReadOptions& options) {
  if (!options.carry.empty() && options.records_pointer.empty()) {
    return Status::Invalid(
        "{}: carry needs records_pointer (values are carried from the "
        "document around the records)",
        path);
  }
  ASSIGN_OR_RETURN(auto input, InputStream::Open(fs, path));
  if (options.hash_content) input->HashContent();
  std::unique_ptr<JsonSource> source(new JsonSource(std::move(input), options));
  Status detected = source->Detect();
  if (!detected.ok()) return detected.WithContext(path);
  return source;
}

Result<bool> JsonSource::ReadMore(int64_t n) {
  if (eof_) return false;
  n = std::max(n, kMinRead);
  const size_t old_size = buffer_.size();
  buffer_.resize(old_size + static_cast<size_t>(n));
  Result<int64_t> got = input_->Read(reinterpret_cast<uint8_t*>(buffer_.data() + old_size), n);
  buffer_.resize(old_size + static_cast<size_t>(got.ok() ? *got : 0));
  RETURN_NOT_OK(got.status());
  if (*got == 0) eof_ = true;
  return *got > 0;
}

Status JsonSource::Detect() {
  while (buffer_.size() < kUtf8Bom.size() && !eof_) RETURN_NOT_OK(ReadMore(kMinRead).status());
  if (buffer_.starts_with(kUtf8Bom)) buffer_.erase(0, kUtf8Bom.size());
  size_t start = FirstNonSpace(buffer_);
  while (start == buffer_.size() && !eof_) {
    RETURN_NOT_OK(ReadMore(kMinRead).status());
    start = FirstNonSpace(buffer_);
  }
  if (start == buffer_.size()) return Status::OK();  // Empty: JSON Lines without lines.
  const char first = buffer_[start];
  if (!options_.records_pointer.empty() || first == '[') return LoadDocument();
  if (first != '{') return Status::OK();
  // One object per line, or one (pretty-printed) object: the first lines tell.
  size_t newline = buffer_.find('\n', start);
  while (newline == std::string::npos && !eof_ &&
         static_cast<int64_t>(buffer_.size()) <= options_.limits.max_record_bytes) {
    RETURN_NOT_OK(ReadMore(kMinRead).status());
    newline = buffer_.find('\n', start);
  }
  const std::string_view text = buffer_;
  if (!LooksLikeJsonLines(text.substr(start))) return LoadDocument();
  return Status::OK();
}

Status JsonSource::LoadDocument() {
  const int64_t limit = options_.limits.max_document_bytes;
  while (!eof_) {
    if (static_cast<int64_t>(buffer_.size()) > limit) {
      return Status::Invalid(
          "a JSON document larger than {} bytes (max_document_bytes) is parsed whole; use JSON "
          "Lines for inputs this large",
          limit);
    }
    RETURN_NOT_OK(
        ReadMore(std::max<int64_t>(kMinRead, static_cast<int64_t>(buffer_.size()))).status());
  }
  auto document = std::make_shared<JsonDocument>();
  const size_t size = buffer_.size();
  document->text = std::exchange(buffer_, {});
  Pad(&document->text);
  simdjson::dom::element root;
  if (auto error = ParseJsonValue(&document->parser, document->text.data(), size, &root)) {
    return Status::Invalid("malformed JSON document: {}", simdjson::error_message(error));
  }
  const std::string& pointer = options_.records_pointer;
  simdjson::dom::element records = root;
  if (!pointer.empty()) {
    if (auto error = root.at_pointer(pointer).get(records)) {
      return Status::Invalid("records_pointer '{}': {}", pointer, simdjson::error_message(error));
    }
    if (!records.is_array()) {
      return Status::Invalid("records_pointer '{}' selects {}, not an array of records", pointer,
                             KindWord(records.type()));
    }
  }
  for (const std::string& carry : options_.carry) {
    simdjson::dom::element value;
    if (auto error = root.at_pointer(carry).get(value)) {
      return Status::Invalid("carry '{}': {}", carry, simdjson::error_message(error));
    }
    document->carried.push_back(value);
  }
  if (records.is_array()) {
    ASSIGN_OR_RETURN(std::vector<int64_t> offsets, LocateElements(document->text, size, pointer));
    size_t i = 0;
    // Copy the handle out first: ranging over value_unsafe() of the
    // temporary result would read it after its lifetime ends.
    const simdjson::dom::array array = records.get_array().value_unsafe();
    for (simdjson::dom::element record : array) {
      if (i >= offsets.size()) return Status::Invalid("locating records: count mismatch");
      document->records.push_back(JsonRecordRef{.value = record, .offset = offsets[i++]});
    }
  } else {
    const auto offset = static_cast<int64_t>(FirstNonSpace(document->text));
    document->records.push_back(JsonRecordRef{.value = records, .offset = offset});
  }
  AssignLines(std::string_view(document->text.data(), size), &document->records);
  document_ = std::move(document);
  return Status::OK();
}

Result<std::optional<JsonChunk>> JsonSource::Next() {
  if (document_ != nullptr) return NextRecords();
  return NextLines();
}

Result<std::optional<JsonChunk>> JsonSource::NextLines() {
  const auto block = static_cast<size_t>(std::max<int64_t>(1, options_.limits.block_bytes));
  size_t cut = 0;
  for (;;) {
    while (buffer_.size() < block && !eof_)
      RETURN_NOT_OK(ReadMore(static_cast<int64_t>(block)).status());
    // Whole lines up to about one block; a longer line is taken whole.
    const char* data = buffer_.data();
    const size_t size = buffer_.size();
    const size_t head = std::min(block, size);
    const void* last = memrchr(data, '\n', head);
    if (last == nullptr && head < size) last = std::memchr(data + head, '\n', size - head);
    if (last != nullptr) {
      cut = static_cast<size_t>(static_cast<const char*>(last) - data) + 1;
      break;
    }
    if (eof_) {
      cut = buffer_.size();
      break;
    }
    if (static_cast<int64_t>(buffer_.size()) > options_.limits.max_record_bytes) {
      return Status::Invalid("{}:{}: a line longer than {} bytes (max_record_bytes)",
                             input_->path(), next_line_, options_.limits.max_record_bytes);
    }
    RETURN_NOT_OK(ReadMore(static_cast<int64_t>(block)).status());
  }
  if (cut == 0) return std::optional<JsonChunk>();
  JsonChunk chunk;
  chunk.first_line = next_line_;
  chunk.size = cut;
  chunk.text = std::exchange(buffer_, {});
  buffer_.assign(chunk.text, cut);
  chunk.text.resize(cut);
  Pad(&chunk.text);
  next_line_ +=
      std::count(chunk.text.begin(), chunk.text.begin() + static_cast<ptrdiff_t>(cut), '\n');
  return std::optional<JsonChunk>(std::move(chunk));
}

std::optional<JsonChunk> JsonSource::NextRecords() {
  const std::vector<JsonRecordRef>& records = document_->records;
  if (next_record_ >= records.size()) return std::nullopt;
  JsonChunk chunk;
  chunk.document = document_;
  chunk.begin = next_record_;
  size_t end = next_record_ + 1;
  while (end < records.size() &&
         records[end].offset - records[chunk.begin].offset < options_.limits.block_bytes) {
    ++end;
  }
  chunk.end = end;
  chunk.first_line = records[chunk.begin].line;
  next_record_ = end;
  return chunk;
}

}  // namespace strata::formats
