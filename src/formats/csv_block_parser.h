// Internal to the CSV reader: one chunk of CSV text to a record batch of
// the reader's schema, with the rows that could not be read set aside and
// the widenings a value asked for. Runs on pool threads, one chunk per task.
#pragma once

#include <string>
#include <vector>

#include "columnar/record_batch.h"
#include "formats/csv_chunker.h"
#include "formats/csv_reader.h"

namespace strata::formats {

struct ParsedChunk {
  RecordBatchPtr batch;  // The good rows.
  int64_t rows = 0;      // Records in the chunk, good and bad.
  // Bad rows in line order (for kFail only the first matters).
  std::vector<RejectedRow> rejected;
  // Columns that need a wider type, and the first line that asked for one.
  std::vector<std::pair<int, TypePtr>> widenings;
  int64_t widening_line = 0;
  std::string widening_message;
};

struct ChunkContext {
  std::string path;
  SchemaPtr schema;
  const CsvReadOptions* options = nullptr;
};

// Tokenizes and converts `chunk`. Fails only on a limit or allocation
// failure; bad rows and widenings are reported in the result.
Result<ParsedChunk> ParseCsvChunk(CsvChunk chunk, const ChunkContext& context);

}  // namespace strata::formats
