// Internal to the CSV reader: one chunk of CSV text to a record batch of
// the reader's schema, with the rows that could not be read set aside and
// the widenings a value asked for. Runs on pool threads, one chunk per task.
#pragma once

#include <string>
#include <vector>

#include "columnar/record_batch.h"
#include "formats/csv_chunker.h"
#include "formats/csv_reader.h"
#include "formats/text_reader.h"

namespace strata::formats {

struct ChunkContext {
  std::string path;
  SchemaPtr schema;
  CsvReadOptions options;
};

// Tokenizes and converts `chunk`. Fails only on a limit or allocation
// failure; bad rows and widenings are reported in the result.
Result<ParsedTextChunk> ParseCsvChunk(CsvChunk chunk, const ChunkContext& context);

}  // namespace strata::formats
