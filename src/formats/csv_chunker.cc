// The chunker reads the input in block-sized pieces and cuts each chunk at
// the last line feed outside quotes. The quote state comes from one forward
// scan with memchr: every quote toggles it (a doubled quote toggles twice),
// an escape skips the next byte inside quotes, and with a comment prefix a
// comment line is skipped whole. The tokenizer (csv_block.cc) follows the
// same rules, so its records never straddle two chunks.
#include "formats/csv_chunker.h"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "formats/csv_block.h"
#include "formats/csv_internal.h"

namespace strata::formats {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Every chunk's bytes are counted once, on the one thread that cuts chunks,
// so this runs at memory speed: 16 bytes per step, with per-lane byte
// counters summed before they can overflow (std::count widens each byte to
// a 64-bit counter and runs several times slower).
int64_t CountLineFeeds(std::string_view text) {
  const char* p = text.data();
  size_t n = text.size();
  int64_t total = 0;
#if defined(__SSE2__)
  const __m128i lf = _mm_set1_epi8('\n');
  while (n >= 16) {
    const size_t blocks = std::min<size_t>(n / 16, 255);
    __m128i counts = _mm_setzero_si128();
    for (size_t b = 0; b < blocks; ++b, p += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(bytes, lf));  // A match is -1.
    }
    const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());
    total += _mm_cvtsi128_si64(sums) + _mm_extract_epi16(sums, 4);
    n -= blocks * 16;
  }
#endif
  return total + static_cast<int64_t>(std::count(p, p + n, '\n'));
}

// Finds record boundaries (the position after a line feed outside quotes)
// in a buffer that grows at its end, keeping its state between calls so
// every byte is scanned once.
class BoundaryScanner {
 public:
  explicit BoundaryScanner(const CsvDialect& dialect)
      : quote_(dialect.quote),
        escape_(internal::EffectiveEscape(dialect)),
        comment_(dialect.comment_prefix) {}

  // Scans text[pos(), text.size()). With `stop_at_first` it stops right
  // after the first boundary. `at_eof`: nothing will be appended, so a line
  // start shorter than the comment prefix is no comment (otherwise the scan
  // waits there for more bytes).
  void Scan(std::string_view text, bool stop_at_first, bool at_eof) {
    if (comment_.empty()) {
      ScanPlain(text, stop_at_first);
    } else {
      ScanWithComments(text, stop_at_first, at_eof);
    }
  }

  // The buffer dropped its first `n` bytes. REQUIRES: n <= last_boundary()
  // or n == pos().
  void Shift(size_t n) {
    pos_ -= n;
    last_boundary_ = last_boundary_ > n ? last_boundary_ - n : 0;
    if (in_quote_) quote_open_ -= n;
  }

  // Back to the start of a record at position 0.
  void Reset() {
    pos_ = 0;
    last_boundary_ = 0;
    in_quote_ = false;
    in_comment_ = false;
    at_line_start_ = true;
  }

  // How far the scan got; past the end after an escape that ends the buffer.
  size_t pos() const { return pos_; }
  // Just past the last boundary found; 0 when none was.
  size_t last_boundary() const { return last_boundary_; }
  bool in_quote() const { return in_quote_; }
  // Where the open quote is. REQUIRES: in_quote().
  size_t quote_open() const { return quote_open_; }

 private:
  // Returns the position after the closing quote, or where the text ends.
  size_t SkipQuoted(std::string_view text, size_t i) {
    const size_t n = text.size();
    if (escape_ == '\0') {
      const void* q = std::memchr(text.data() + i, quote_, n - i);
      if (q == nullptr) return n;
      in_quote_ = false;
      return static_cast<const char*>(q) - text.data() + 1;
    }
    for (; i < n; ++i) {
      if (text[i] == escape_) {
        ++i;  // May step past the end: the escaped byte is still to come.
      } else if (text[i] == quote_) {
        in_quote_ = false;
        return i + 1;
      }
    }
    return i;
  }

  void ScanPlain(std::string_view text, bool stop_at_first) {
    const char* data = text.data();
    const size_t n = text.size();
    size_t i = pos_;
    while (i < n) {
      if (in_quote_) {
        i = SkipQuoted(text, i);
        continue;
      }
      const void* q = std::memchr(data + i, quote_, n - i);
      const size_t stop = q == nullptr ? n : static_cast<const char*>(q) - data;
      const void* lf =
          stop_at_first ? std::memchr(data + i, '\n', stop - i) : memrchr(data + i, '\n', stop - i);
      if (lf != nullptr) {
        last_boundary_ = static_cast<const char*>(lf) - data + 1;
        if (stop_at_first) {
          pos_ = last_boundary_;
          return;
        }
      }
      if (q == nullptr) {
        i = n;
        break;
      }
      in_quote_ = true;
      quote_open_ = stop;
      i = stop + 1;
    }
    pos_ = i;
  }

  void ScanWithComments(std::string_view text, bool stop_at_first, bool at_eof) {
    const char* data = text.data();
    const size_t n = text.size();
    size_t i = pos_;
    while (i < n) {
      if (in_quote_) {
        i = SkipQuoted(text, i);
        continue;
      }
      if (in_comment_) {
        const void* lf = std::memchr(data + i, '\n', n - i);
        if (lf == nullptr) {
          i = n;
          break;
        }
        i = static_cast<const char*>(lf) - data;
        in_comment_ = false;
      } else if (at_line_start_) {
        if (n - i < comment_.size() && !at_eof) break;
        at_line_start_ = false;
        if (text.substr(i).starts_with(comment_)) {
          in_comment_ = true;
          i += comment_.size();
        }
        continue;
      } else {
        while (i < n && data[i] != quote_ && data[i] != '\n') ++i;
        if (i == n) break;
        if (data[i] == quote_) {
          in_quote_ = true;
          quote_open_ = i++;
          continue;
        }
      }
      // data[i] is a line feed outside quotes.
      last_boundary_ = ++i;
      at_line_start_ = true;
      if (stop_at_first) break;
    }
    pos_ = i;
  }

  const char quote_;
  const char escape_;
  const std::string comment_;
  size_t pos_ = 0;
  size_t last_boundary_ = 0;
  size_t quote_open_ = 0;
  bool in_quote_ = false;
  bool in_comment_ = false;
  bool at_line_start_ = true;
};

class CsvChunkerImpl final : public CsvChunker {
 public:
  CsvChunkerImpl(std::unique_ptr<InputStream> input, const CsvDialect& dialect,
                 const CsvLimits& limits)
      : input_(std::move(input)),
        dialect_(dialect),
        block_bytes_(static_cast<size_t>(std::max<int64_t>(limits.block_bytes, 1))),
        max_record_bytes_(static_cast<size_t>(std::max<int64_t>(limits.max_record_bytes, 1))),
        limits_(limits),
        scanner_(dialect) {}

  // Drops the BOM and the skipped rows, then reads the header.
  Status Init();

  Result<std::optional<CsvChunk>> Next() override;

  const InputStream& input() const override { return *input_; }

 private:
  const std::string& path() const { return input_->path(); }
  // Appends up to block_bytes_ from the input; sets eof_ at its end.
  Status ReadMore();
  // Scans what was appended and enforces max_record_bytes_.
  Status Scan(bool stop_at_first);
  Status SkipRows();
  Status ReadHeader();
  // The first record (header mode): its end, 0 when there is no record.
  Result<size_t> FindFirstRecord();
  // Moves buffer_[0, cut) out as the next chunk.
  CsvChunk TakeChunk(size_t cut);
  int64_t LineAt(size_t pos) const {
    return next_line_ + CountLineFeeds(std::string_view{buffer_}.substr(0, pos));
  }

  std::unique_ptr<InputStream> input_;
  const CsvDialect dialect_;
  const size_t block_bytes_;
  const size_t max_record_bytes_;
  const CsvLimits limits_;
  BoundaryScanner scanner_;
  std::string buffer_;     // Input read but not yet handed out.
  int64_t next_line_ = 1;  // Physical line of buffer_[0].
  int64_t next_index_ = 0;
  bool eof_ = false;
};

Status CsvChunkerImpl::ReadMore() {
  const size_t old_size = buffer_.size();
  // Topping the buffer up to block_bytes_ keeps chunks near that size; a
  // record that does not fit yet gets whole blocks more.
  const size_t want = old_size < block_bytes_ ? block_bytes_ - old_size : block_bytes_;
  buffer_.resize(old_size + want);
  Result<int64_t> n = input_->Read(reinterpret_cast<uint8_t*>(buffer_.data() + old_size),
                                   static_cast<int64_t>(want));
  if (!n.ok()) {
    buffer_.resize(old_size);
    return n.status();
  }
  buffer_.resize(old_size + static_cast<size_t>(*n));
  if (*n == 0) eof_ = true;
  return Status::OK();
}

Status CsvChunkerImpl::Scan(bool stop_at_first) {
  scanner_.Scan(buffer_, stop_at_first, eof_);
  const size_t record_begin = scanner_.last_boundary();
  if (scanner_.pos() - record_begin > max_record_bytes_) {
    return Status::Invalid("{}: line {}: record longer than {} bytes (unterminated quote?)", path(),
                           LineAt(record_begin), max_record_bytes_);
  }
  return Status::OK();
}

Status CsvChunkerImpl::Init() {
  RETURN_NOT_OK(internal::ValidateCsvDialect(dialect_).WithContext(path()));
  while (buffer_.size() < kUtf8Bom.size() && !eof_) RETURN_NOT_OK(ReadMore());
  if (std::string_view{buffer_}.starts_with(kUtf8Bom)) buffer_.erase(0, kUtf8Bom.size());
  RETURN_NOT_OK(SkipRows());
  if (dialect_.header) RETURN_NOT_OK(ReadHeader());
  return Status::OK();
}

// Skipped rows are physical lines, not records: quotes do not matter.
Status CsvChunkerImpl::SkipRows() {
  int64_t skipped = 0;
  size_t begin = 0;
  while (skipped < dialect_.skip_rows) {
    size_t lf = buffer_.find('\n', begin);
    if (lf != std::string::npos) {
      begin = lf + 1;
      ++skipped;
      continue;
    }
    // The rest of the buffer belongs to a dropped line: free it before
    // reading on, so a huge skipped line costs no memory.
    buffer_.clear();
    begin = 0;
    if (eof_) break;
    RETURN_NOT_OK(ReadMore());
  }
  buffer_.erase(0, begin);
  next_line_ += skipped;
  return Status::OK();
}

Result<size_t> CsvChunkerImpl::FindFirstRecord() {
  scanner_.Reset();
  RETURN_NOT_OK(Scan(/*stop_at_first=*/true));
  while (scanner_.last_boundary() == 0 && !eof_) {
    RETURN_NOT_OK(ReadMore());
    RETURN_NOT_OK(Scan(/*stop_at_first=*/true));
  }
  if (scanner_.last_boundary() > 0) return scanner_.last_boundary();
  if (scanner_.in_quote()) {
    return Status::Invalid("{}: line {}: quote opened here is never closed", path(),
                           LineAt(scanner_.quote_open()));
  }
  return buffer_.size();  // The last record lacks its terminator.
}

// The header is the first record that is not a blank or comment line.
Status CsvChunkerImpl::ReadHeader() {
  while (true) {
    ASSIGN_OR_RETURN(size_t end, FindFirstRecord());
    if (end == 0) break;  // No records at all: an empty file.
    CsvBlock block;
    RETURN_NOT_OK(TokenizeCsv(buffer_.substr(0, end), dialect_, limits_, next_line_, &block)
                      .WithContext(path()));
    next_line_ += CountLineFeeds(std::string_view{buffer_}.substr(0, end));
    buffer_.erase(0, end);
    if (block.num_rows() == 0) continue;
    if (!block.error(0).empty()) {
      return Status::Invalid("{}: line {}: malformed header: {}", path(), block.line(0),
                             block.error(0));
    }
    for (int32_t col = 0; col < block.num_fields(0); ++col) {
      header_.emplace_back(block.field(0, col));
    }
    break;
  }
  scanner_.Reset();
  return Status::OK();
}

CsvChunk CsvChunkerImpl::TakeChunk(size_t cut) {
  CsvChunk chunk;
  chunk.first_line = next_line_;
  chunk.index = next_index_++;
  // The chunk takes the buffer itself; only the partial record after the
  // cut is copied, into room for the next read.
  std::string rest;
  if (!eof_) rest.reserve(buffer_.size() - cut + block_bytes_);
  rest.append(buffer_, cut);
  chunk.text = std::move(buffer_);
  chunk.text.resize(cut);
  buffer_ = std::move(rest);
  scanner_.Shift(cut);
  next_line_ += CountLineFeeds(chunk.text);
  return chunk;
}

Result<std::optional<CsvChunk>> CsvChunkerImpl::Next() {
  RETURN_NOT_OK(Scan(/*stop_at_first=*/false));
  while (!eof_ && (buffer_.size() < block_bytes_ || scanner_.last_boundary() == 0)) {
    RETURN_NOT_OK(ReadMore());
    RETURN_NOT_OK(Scan(/*stop_at_first=*/false));
  }
  if (!eof_) return TakeChunk(scanner_.last_boundary());
  if (scanner_.in_quote()) {
    return Status::Invalid("{}: line {}: quote opened here is never closed", path(),
                           LineAt(scanner_.quote_open()));
  }
  if (buffer_.empty()) return std::nullopt;
  CsvChunk chunk = TakeChunk(buffer_.size());
  scanner_.Reset();
  return chunk;
}

}  // namespace

Result<std::unique_ptr<CsvChunker>> CsvChunker::Open(std::unique_ptr<InputStream> input,
                                                     const CsvDialect& dialect,
                                                     const CsvLimits& limits) {
  auto chunker = std::make_unique<CsvChunkerImpl>(std::move(input), dialect, limits);
  RETURN_NOT_OK(chunker->Init());
  return std::unique_ptr<CsvChunker>(std::move(chunker));
}

}  // namespace strata::formats
