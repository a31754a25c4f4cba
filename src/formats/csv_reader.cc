#include "formats/csv_reader.h"

#include "formats/csv_block_parser.h"

namespace strata::formats {

struct CsvReader::Shared {
  ChunkContext context;
};

CsvReader::CsvReader(std::unique_ptr<CsvChunker> chunker, std::shared_ptr<const Shared> shared,
                     TextReadPolicy policy)
    : TextReader(shared->context.schema, policy),
      chunker_(std::move(chunker)),
      shared_(std::move(shared)) {}

CsvReader::~CsvReader() = default;

Result<std::unique_ptr<CsvReader>> CsvReader::Open(FileSystem* fs, const std::string& path,
                                                   SchemaPtr schema, CsvReadOptions options) {
  ASSIGN_OR_RETURN(auto input, InputStream::Open(fs, path));
  if (options.hash_content) input->HashContent();
  ASSIGN_OR_RETURN(auto chunker,
                   CsvChunker::Open(std::move(input), options.dialect, options.limits));
  const size_t width = chunker->header().size();
  if (options.dialect.header && width != 0 && static_cast<int>(width) != schema->num_fields()) {
    return Status::Invalid("{}: the header has {} columns but the schema has {}", path, width,
                           schema->num_fields());
  }
  const TextReadPolicy policy{.on_error = options.on_error,
                              .max_errors = options.max_errors,
                              .read_ahead = options.read_ahead,
                              .pool = options.pool};
  auto shared = std::make_shared<const Shared>(Shared{
      ChunkContext{.path = path, .schema = std::move(schema), .options = std::move(options)}});
  return std::unique_ptr<CsvReader>(new CsvReader(std::move(chunker), std::move(shared), policy));
}

const std::vector<std::string>& CsvReader::header() const { return chunker_->header(); }

Result<std::optional<TextReader::ParseTask>> CsvReader::NextTask() {
  ASSIGN_OR_RETURN(std::optional<CsvChunk> chunk, chunker_->Next());
  if (!chunk.has_value()) return std::optional<ParseTask>();
  return std::optional<ParseTask>(
      [shared = shared_, text = std::make_shared<CsvChunk>(std::move(*chunk))] {
        return ParseCsvChunk(std::move(*text), shared->context);
      });
}

const InputStream& CsvReader::input() const { return chunker_->input(); }

}  // namespace strata::formats
