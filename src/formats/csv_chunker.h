// CsvChunker: cuts a CSV input stream into blocks of whole records, so that
// blocks can be tokenized in parallel. Finding a record boundary needs the
// quote state, which one sequential scan tracks cheaply (no speculation).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "formats/csv_dialect.h"
#include "formats/input_stream.h"

namespace strata::formats {

struct CsvChunk {
  std::string text;        // Whole records (the last may lack a terminator).
  int64_t first_line = 0;  // 1-based physical line of text[0].
  int64_t index = 0;       // 0, 1, 2, ... in input order.
};

// Thread safety: none; call from one thread (the reader's producer).
class CsvChunker {
 public:
  // Drops a UTF-8 BOM and `dialect.skip_rows` lines; when dialect.header is
  // set, reads the header record (header() then returns its fields; a file
  // with no records at all is empty, not an error). REQUIRES: `input`
  // outlives nothing else; the chunker owns it.
  static Result<std::unique_ptr<CsvChunker>> Open(std::unique_ptr<InputStream> input,
                                                  const CsvDialect& dialect,
                                                  const CsvLimits& limits);

  // The header's field names (unquoted), empty when there is no header.
  const std::vector<std::string>& header() const { return header_; }
  // Next chunk of about limits.block_bytes (more when one record is longer),
  // or nullopt at the end. A quote still open at the end of the input, or a
  // record longer than limits.max_record_bytes, fails with Invalid naming the
  // file and the line where the record starts.
  virtual Result<std::optional<CsvChunk>> Next() = 0;

  virtual ~CsvChunker() = default;
  virtual const InputStream& input() const = 0;

 protected:
  CsvChunker() = default;
  std::vector<std::string> header_;
};

}  // namespace strata::formats
