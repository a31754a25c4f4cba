// CsvBlock: the records of one stretch of CSV text split into fields, with
// quotes and escapes removed. Blocks are tokenized in parallel; each owns
// the text it points into.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "formats/csv_dialect.h"

namespace strata::formats {

namespace internal {
class CsvTokenizer;
}  // namespace internal

// Thread safety: immutable once tokenized; readable from any thread.
class CsvBlock {
 public:
  // The accessors below are defined in the class so that they inline: the
  // column parsers call them once per field.
  int64_t num_rows() const { return static_cast<int64_t>(rows_.size()); }
  // REQUIRES: 0 <= row < num_rows().
  int32_t num_fields(int64_t row) const {
    return static_cast<int32_t>(row_fields_[row + 1] - row_fields_[row]);
  }
  // The unescaped text of a field. REQUIRES: col < num_fields(row).
  std::string_view field(int64_t row, int32_t col) const {
    const FieldRef& ref = fields_[row_fields_[row] + col];
    const char* base =
        (ref.length_and_flags & kUnescapedBit) != 0 ? unescaped_.data() : text_.data();
    return {base + ref.offset, ref.length_and_flags & kLengthMask};
  }
  // True when the field was written in quotes: `""` is an empty string,
  // an empty unquoted field is a null.
  bool quoted(int64_t row, int32_t col) const {
    return (fields_[row_fields_[row] + col].length_and_flags & kQuotedBit) != 0;
  }
  // 1-based physical line on which the record starts in the decompressed input.
  int64_t line(int64_t row) const { return rows_[row].line; }
  // The record's original text, without its line terminator (for quarantine).
  std::string_view raw(int64_t row) const;
  // Empty for a well-formed record; else why it is malformed (a quote inside
  // an unquoted field, text after a closing quote), naming the 1-based column.
  // Its fields are then unspecified. Malformed records are row errors that
  // the reader's --on-error policy handles, so they do not fail the block.
  std::string_view error(int64_t row) const;

 private:
  friend class internal::CsvTokenizer;
  friend Status TokenizeCsv(std::string text, const CsvDialect& dialect, const CsvLimits& limits,
                            int64_t first_line, CsvBlock* out);

  // 8 bytes per field: an offset into text_ (or, for a quoted field whose
  // doubled quotes or escapes were removed, into unescaped_) and the length,
  // whose top two bits flag which buffer and whether it was quoted.
  struct FieldRef {
    uint32_t offset;
    uint32_t length_and_flags;
  };
  static constexpr uint32_t kQuotedBit = 1U << 31;
  static constexpr uint32_t kUnescapedBit = 1U << 30;
  static constexpr uint32_t kLengthMask = kUnescapedBit - 1;

  struct RowRef {
    uint32_t raw_begin;  // The record's text in text_, without its terminator.
    uint32_t raw_end;
    int64_t line;
  };

  std::string text_;
  std::string unescaped_;
  std::vector<FieldRef> fields_;
  // Row r's fields are fields_[row_fields_[r], row_fields_[r + 1]).
  std::vector<uint32_t> row_fields_ = {0};
  std::vector<RowRef> rows_;
  // Malformed rows only, sorted by row: most blocks have none.
  std::vector<std::pair<int64_t, std::string>> errors_;
};

// Splits `text`, which holds whole records only (the chunker guarantees
// it; the last may lack its line terminator), into `out`. Accepts LF and
// CRLF terminators, embedded newlines in quotes, comment lines and blank
// lines (skipped; a blank line has no characters at all, so in a one-column
// file an empty line is skipped rather than read as a null). A lone CR is not
// a terminator. Fails with Invalid only on a limit (more than
// `limits.max_columns` fields, a field of 1 GiB or more) or an unusable
// dialect; malformed records are reported per row by error(). Any previous
// contents of `out` are replaced.
// REQUIRES: text.size() < 4 GiB.
Status TokenizeCsv(std::string text, const CsvDialect& dialect, const CsvLimits& limits,
                   int64_t first_line, CsvBlock* out);

}  // namespace strata::formats
