// The CSV tokenizer: one forward pass over a block's text that records, per
// field, where its text is. Unquoted fields and quoted fields without
// doubled quotes or escapes point into the text; only fields that need
// unescaping are copied (into a side buffer).
//
// Record boundaries must agree with the chunker's quote-parity scan
// (csv_chunker.cc), or a block boundary could fall inside a record: every
// quote toggles the quote state, an escape skips the next byte inside
// quotes, and a malformed record runs to the next line feed outside quotes
// in that same sense.
#include "formats/csv_block.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <limits>

#include "formats/csv_internal.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace strata::formats {

namespace internal {

Status ValidateCsvDialect(const CsvDialect& dialect) {
  auto is_special = [](char c) { return c == '\n' || c == '\r' || c == '\0'; };
  if (is_special(dialect.delimiter) || is_special(dialect.quote)) {
    return Status::Invalid("CSV delimiter and quote must not be a line terminator or NUL");
  }
  if (dialect.delimiter == dialect.quote) {
    return Status::Invalid("CSV delimiter and quote must differ (both are '{}')",
                           dialect.delimiter);
  }
  if (dialect.escape == '\n' || dialect.escape == '\r') {
    return Status::Invalid("CSV escape must not be a line terminator");
  }
  if (dialect.comment_prefix.find_first_of("\r\n") != std::string::npos) {
    return Status::Invalid("CSV comment prefix must not contain a line terminator");
  }
  if (dialect.skip_rows < 0) {
    return Status::Invalid("CSV skip_rows must not be negative, got {}", dialect.skip_rows);
  }
  return Status::OK();
}

// Fills one CsvBlock. Positions are `const char*` into the block's text,
// which always has a NUL after its last byte (std::string guarantees it):
// the scanning loops stop on that sentinel and check for the end only then.
class CsvTokenizer {
 public:
  CsvTokenizer(const CsvDialect& dialect, const CsvLimits& limits, CsvBlock* block)
      : block_(block),
        delimiter_(dialect.delimiter),
        quote_(dialect.quote),
        escape_(EffectiveEscape(dialect)),
        comment_(dialect.comment_prefix),
        max_columns_(std::max(limits.max_columns, 1)) {
    for (char c : {delimiter_, quote_, '\n', '\0'}) stop_unquoted_[Byte(c)] = true;
    for (char c : {quote_, escape_, '\n', '\0'}) stop_quoted_[Byte(c)] = true;
  }

  Status Run(int64_t first_line);

 private:
  static constexpr size_t kSampleBytes = 64 << 10;

  static uint8_t Byte(char c) { return static_cast<uint8_t>(c); }
  // Reserves room for the whole block, extrapolated from its first
  // `sampled_bytes`.
  void ReserveFromSample(size_t sampled_bytes);
  // True when a comment or blank line starts at `p`; then *next is past it.
  bool SkipIgnoredLine(const char* p, const char** next);
  // Tokenizes the record starting at `p` into a new row; returns where the
  // next record starts, or nullptr with status_ set when a limit is exceeded.
  const char* ParseRecord(const char* p);
  // `p` is at an opening quote. Returns the closing quote, or nullptr when
  // the text ends first; counts embedded line feeds.
  const char* FindClosingQuote(const char* p, bool* needs_unescape);
  // Defined in the class so that it inlines: it runs once per field.
  bool AddField(const char* begin, const char* end, uint32_t flags) {
    const auto length = static_cast<size_t>(end - begin);
    if (length > CsvBlock::kLengthMask) [[unlikely]] {
      return FieldTooLong();
    }
    block_->fields_.push_back(
        {static_cast<uint32_t>(begin - text_begin_), static_cast<uint32_t>(length) | flags});
    return true;
  }
  [[gnu::noinline]] bool FieldTooLong();
  // The first delimiter, quote, line feed or NUL at or after `p`. Sixteen
  // bytes per step while they lie inside the text (most fields end within
  // the first step), then a byte at a time up to the NUL after the text.
  const char* FindUnquotedStop(const char* p) const {
#if defined(__SSE2__)
    const __m128i delimiter = _mm_set1_epi8(delimiter_);
    const __m128i quote = _mm_set1_epi8(quote_);
    const __m128i line_feed = _mm_set1_epi8('\n');
    const __m128i nul = _mm_setzero_si128();
    for (; text_end_ - p >= 16; p += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i stops =
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, delimiter), _mm_cmpeq_epi8(bytes, quote)),
                       _mm_or_si128(_mm_cmpeq_epi8(bytes, line_feed), _mm_cmpeq_epi8(bytes, nul)));
      const int mask = _mm_movemask_epi8(stops);
      if (mask != 0) return p + std::countr_zero(static_cast<unsigned>(mask));
    }
#endif
    while (!stop_unquoted_[Byte(*p)]) ++p;
    return p;
  }
  bool AddUnescapedField(const char* begin, const char* end);
  // Ends a malformed record: from `p` (outside quotes, or at the offending
  // quote) to the next line feed outside quotes. Returns the next record.
  const char* SkipMalformed(const char* record_begin, size_t first_field, int64_t line,
                            const char* p, std::string reason);
  void AddRow(const char* raw_begin, const char* raw_end, int64_t line);
  // The terminator at `p` (LF, or the end) ends the raw text before any CR.
  const char* TrimCr(const char* begin, const char* p) const {
    return p > begin && p[-1] == '\r' ? p - 1 : p;
  }

  CsvBlock* block_;
  const char* text_begin_ = nullptr;
  const char* text_end_ = nullptr;
  const char delimiter_;
  const char quote_;
  const char escape_;
  const std::string& comment_;
  const int32_t max_columns_;
  std::array<bool, 256> stop_unquoted_{};
  std::array<bool, 256> stop_quoted_{};
  int64_t line_ = 0;  // Physical line of the current position.
  Status status_;
};

Status CsvTokenizer::Run(int64_t first_line) {
  const std::string& text = block_->text_;
  text_begin_ = text.data();
  text_end_ = text.data() + text.size();
  line_ = first_line;
  // Sizing the arrays from a sample of the block avoids copying them as
  // they grow: the first rows predict the rest well in practice.
  const char* sample_end = text_begin_ + std::min<size_t>(text.size(), kSampleBytes);
  bool sized = text.size() <= kSampleBytes;
  const char* p = text_begin_;
  while (p < text_end_) {
    if (!sized && p >= sample_end) {
      ReserveFromSample(static_cast<size_t>(p - text_begin_));
      sized = true;
    }
    const char* next = nullptr;
    if (SkipIgnoredLine(p, &next)) {
      ++line_;
      p = next;
      continue;
    }
    p = ParseRecord(p);
    if (p == nullptr) return status_;
  }
  return Status::OK();
}

void CsvTokenizer::ReserveFromSample(size_t sampled_bytes) {
  const size_t total = block_->text_.size();
  auto scale = [&](size_t count) { return count * total / sampled_bytes + count / 8 + 16; };
  block_->fields_.reserve(scale(block_->fields_.size()));
  block_->rows_.reserve(scale(block_->rows_.size()));
  block_->row_fields_.reserve(scale(block_->row_fields_.size()));
}

bool CsvTokenizer::SkipIgnoredLine(const char* p, const char** next) {
  if (*p == '\n') {
    *next = p + 1;
    return true;
  }
  if (*p == '\r' && p[1] == '\n') {
    *next = p + 2;
    return true;
  }
  if (!comment_.empty() && static_cast<size_t>(text_end_ - p) >= comment_.size() &&
      std::memcmp(p, comment_.data(), comment_.size()) == 0) {
    const void* lf = std::memchr(p, '\n', text_end_ - p);
    *next = lf == nullptr ? text_end_ : static_cast<const char*>(lf) + 1;
    return true;
  }
  return false;
}

const char* CsvTokenizer::FindClosingQuote(const char* p, bool* needs_unescape) {
  ++p;
  while (true) {
    while (!stop_quoted_[Byte(*p)]) ++p;
    const char c = *p;
    if (c == quote_) {
      if (p[1] != quote_) return p;
      *needs_unescape = true;
      p += 2;
    } else if (c == '\n') {
      ++line_;
      ++p;
    } else if (p == text_end_) {
      return nullptr;
    } else if (c == escape_ && c != '\0') {
      if (p + 1 == text_end_) return nullptr;
      *needs_unescape = true;
      if (p[1] == '\n') ++line_;
      p += 2;
    } else {
      ++p;  // A NUL byte inside the text.
    }
  }
}

bool CsvTokenizer::FieldTooLong() {
  status_ =
      Status::Invalid("line {}: a field is longer than {} bytes", line_, CsvBlock::kLengthMask);
  return false;
}

bool CsvTokenizer::AddUnescapedField(const char* begin, const char* end) {
  std::string& out = block_->unescaped_;
  const size_t offset = out.size();
  for (const char* s = begin; s < end; ++s) {
    // Inside the quotes every quote is doubled and every escape has a
    // successor, so the skipped byte always exists.
    if (*s == quote_ || (*s == escape_ && escape_ != '\0')) ++s;
    out.push_back(*s);
  }
  const size_t length = out.size() - offset;
  if (length > CsvBlock::kLengthMask || out.size() > std::numeric_limits<uint32_t>::max())
      [[unlikely]] {
    return FieldTooLong();
  }
  block_->fields_.push_back({static_cast<uint32_t>(offset), static_cast<uint32_t>(length) |
                                                                CsvBlock::kQuotedBit |
                                                                CsvBlock::kUnescapedBit});
  return true;
}

const char* CsvTokenizer::ParseRecord(const char* p) {
  const char* record_begin = p;
  const int64_t line = line_;
  const size_t first_field = block_->fields_.size();
  if (first_field + static_cast<size_t>(max_columns_) > std::numeric_limits<uint32_t>::max())
      [[unlikely]] {
    status_ = Status::Invalid("line {}: too many fields in one block", line);
    return nullptr;
  }
  int32_t column = 0;
  while (true) {
    if (column == max_columns_) [[unlikely]] {
      status_ = Status::Invalid("line {}: record has more than {} columns", line, max_columns_);
      return nullptr;
    }
    ++column;
    if (*p == quote_) {
      bool needs_unescape = false;
      const char* close = FindClosingQuote(p, &needs_unescape);
      if (close == nullptr) {
        return SkipMalformed(record_begin, first_field, line, text_end_,
                             fmt::format("quote is never closed in column {}", column));
      }
      const bool added = needs_unescape ? AddUnescapedField(p + 1, close)
                                        : AddField(p + 1, close, CsvBlock::kQuotedBit);
      if (!added) return nullptr;
      p = close + 1;
      if (*p == delimiter_) {
        ++p;
        continue;
      }
      if (*p == '\r' && (p[1] == '\n' || p + 1 == text_end_)) ++p;
      if (*p == '\n' || p == text_end_) break;
      return SkipMalformed(record_begin, first_field, line, p,
                           fmt::format("unexpected text after closing quote at column {}", column));
    }
    const char* begin = p;
    while (true) {
      p = FindUnquotedStop(p);
      if (*p != '\0' || p == text_end_) break;
      ++p;  // A NUL byte inside the text.
    }
    if (*p == delimiter_) {
      if (!AddField(begin, p, 0)) return nullptr;
      ++p;
      continue;
    }
    if (*p == quote_) {
      return SkipMalformed(record_begin, first_field, line, p,
                           fmt::format("unexpected quote in unquoted field at column {}", column));
    }
    if (!AddField(begin, TrimCr(begin, p), 0)) return nullptr;
    break;
  }
  // `p` is at the line feed or the end of the text.
  AddRow(record_begin, TrimCr(record_begin, p), line);
  if (p == text_end_) return p;
  ++line_;
  return p + 1;
}

const char* CsvTokenizer::SkipMalformed(const char* record_begin, size_t first_field, int64_t line,
                                        const char* p, std::string reason) {
  block_->fields_.resize(first_field);
  bool in_quote = false;
  for (; p < text_end_; ++p) {
    const char c = *p;
    if (in_quote) {
      if (c == escape_ && escape_ != '\0') {
        if (p + 1 < text_end_ && p[1] == '\n') ++line_;
        ++p;
      } else if (c == quote_) {
        in_quote = false;
      } else if (c == '\n') {
        ++line_;
      }
    } else if (c == quote_) {
      in_quote = true;
    } else if (c == '\n') {
      break;
    }
  }
  p = std::min(p, text_end_);
  block_->errors_.emplace_back(static_cast<int64_t>(block_->rows_.size()), std::move(reason));
  AddRow(record_begin, TrimCr(record_begin, p), line);
  if (p == text_end_) return p;
  ++line_;
  return p + 1;
}

void CsvTokenizer::AddRow(const char* raw_begin, const char* raw_end, int64_t line) {
  block_->rows_.push_back({static_cast<uint32_t>(raw_begin - text_begin_),
                           static_cast<uint32_t>(raw_end - text_begin_), line});
  block_->row_fields_.push_back(static_cast<uint32_t>(block_->fields_.size()));
}

}  // namespace internal

std::string_view CsvBlock::raw(int64_t row) const {
  const RowRef& ref = rows_[row];
  return std::string_view{text_}.substr(ref.raw_begin, ref.raw_end - ref.raw_begin);
}

std::string_view CsvBlock::error(int64_t row) const {
  auto it = std::lower_bound(errors_.begin(), errors_.end(), row,
                             [](const auto& entry, int64_t r) { return entry.first < r; });
  if (it == errors_.end() || it->first != row) return {};
  return it->second;
}

Status TokenizeCsv(std::string text, const CsvDialect& dialect, const CsvLimits& limits,
                   int64_t first_line, CsvBlock* out) {
  RETURN_NOT_OK(internal::ValidateCsvDialect(dialect));
  if (text.size() >= std::numeric_limits<uint32_t>::max()) {
    return Status::Invalid("CSV block of {} bytes is too large (limit 4 GiB)", text.size());
  }
  *out = CsvBlock();
  out->text_ = std::move(text);
  internal::CsvTokenizer tokenizer(dialect, limits, out);
  return tokenizer.Run(first_line);
}

}  // namespace strata::formats
