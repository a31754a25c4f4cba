#include "formats/json_reader.h"

#include "formats/json_chunk_parser.h"
#include "formats/json_nested.h"
#include "formats/json_source.h"

namespace strata::formats {

struct JsonReader::Shared {
  JsonReadOptions options;
  JsonContext context;  // Points into options.
};

JsonReader::JsonReader(std::unique_ptr<JsonSource> source, std::shared_ptr<const Shared> shared,
                       TextReadPolicy policy)
    : TextReader(shared->context.schema, policy),
      source_(std::move(source)),
      shared_(std::move(shared)) {}

JsonReader::~JsonReader() = default;

Result<std::unique_ptr<JsonReader>> JsonReader::Open(FileSystem* fs, const std::string& path,
                                                     SchemaPtr schema, JsonReadOptions options) {
  ASSIGN_OR_RETURN(auto source, JsonSource::Open(fs, path, options));
  const TextReadPolicy policy{.on_error = options.on_error,
                              .max_errors = options.max_errors,
                              .read_ahead = options.read_ahead,
                              .pool = options.pool};
  auto shared = std::make_shared<Shared>();
  shared->options = std::move(options);
  shared->context = MakeJsonContext(path, std::move(schema), &shared->options);
  return std::unique_ptr<JsonReader>(new JsonReader(std::move(source), std::move(shared), policy));
}

Result<std::optional<TextReader::ParseTask>> JsonReader::NextTask() {
  ASSIGN_OR_RETURN(std::optional<JsonChunk> chunk, source_->Next());
  if (!chunk.has_value()) return std::optional<ParseTask>();
  return std::optional<ParseTask>(
      [shared = shared_, records = std::make_shared<JsonChunk>(std::move(*chunk))] {
        return ParseJsonChunk(*records, shared->context);
      });
}

const InputStream& JsonReader::input() const { return source_->input(); }

Status CheckJsonReadable(const Schema& schema, const JsonReadOptions& options) {
  const ValueOptions values = JsonValueOptions(options.values);
  for (int col = 0; col < schema.num_fields(); ++col) {
    const Field& field = schema.field(col);
    Status status = field.type->is_nested() ? JsonNestedParser::Make(field.type, values).status()
                                            : ColumnParser::Make(field.type, values).status();
    if (status.code() == StatusCode::kNotImplemented) {
      return Status::NotImplemented("column {} '{}': {}", col + 1, field.name, status.message());
    }
  }
  return Status::OK();
}

}  // namespace strata::formats
