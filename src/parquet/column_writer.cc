// The typed column chunk writer. Encoding choice:
//   - explicit: one encoding for every page; a dictionary falls back to
//     PLAIN once it outgrows dictionary_page_bytes;
//   - auto: the first page is encoded by every candidate at once (the
//     dictionary and the direct encodings the type allows); when it ends,
//     the candidate with the fewest bytes after compression wins and later
//     pages use it. A winning dictionary falls back to the best direct
//     candidate when it outgrows its limit.
#include "parquet/column_writer.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <bit>
#include <limits>
#include <vector>

#include "parquet/encoding/dictionary.h"
#include "parquet/encoding/rle_bit_packed.h"
#include "parquet/page_writer.h"
#include "parquet/value_encoder.h"
#include "parquet/value_gather.h"

namespace strata::parquet {
namespace {

constexpr int64_t kSliceRows = 4096;
// Leveled slices hold about this many entries (more when one row has more).
constexpr size_t kSliceLevels = 4096;

int LevelBitWidth(int16_t max_level) { return std::bit_width(static_cast<uint16_t>(max_level)); }

std::string LeafPathName(const LeafColumn& leaf) {
  return fmt::format("{}", fmt::join(leaf.path, "."));
}

template <typename T>
struct DictionaryFor {
  using type = DictionaryEncoder<T>;
};
template <>
struct DictionaryFor<std::string_view> {
  using type = ByteArrayDictionaryEncoder;
};
// Booleans are never dictionary-encoded.
struct NoDictionary {};
template <>
struct DictionaryFor<uint8_t> {
  using type = NoDictionary;
};

template <typename T>
uint64_t BloomHash(const T& value) {
  if constexpr (std::is_same_v<T, int32_t>) return BloomFilter::HashInt32(value);
  if constexpr (std::is_same_v<T, int64_t>) return BloomFilter::HashInt64(value);
  if constexpr (std::is_same_v<T, float>) return BloomFilter::HashFloat(value);
  if constexpr (std::is_same_v<T, double>) return BloomFilter::HashDouble(value);
  if constexpr (std::is_same_v<T, std::string_view>) return BloomFilter::HashBytes(value);
  return 0;
}

// The direct (non-dictionary) encodings the auto policy tries.
std::vector<Encoding> DirectCandidates(PhysicalType physical) {
  switch (physical) {
    case PhysicalType::kInt32:
    case PhysicalType::kInt64: return {Encoding::kPlain, Encoding::kDeltaBinaryPacked};
    case PhysicalType::kFloat:
    case PhysicalType::kDouble: return {Encoding::kPlain, Encoding::kByteStreamSplit};
    case PhysicalType::kByteArray:
      return {Encoding::kPlain, Encoding::kDeltaLengthByteArray, Encoding::kDeltaByteArray};
    default: return {Encoding::kPlain};
  }
}

SortOrder OrderOf(const LeafColumn& leaf) {
  if (leaf.conversion == ValueConversion::kDecimalFixed) return SortOrder::kSignedFixedDecimal;
  return leaf.unsigned_order ? SortOrder::kUnsigned : SortOrder::kSigned;
}

template <typename T>
class TypedColumnWriter final : public ColumnChunkWriter {
  using Dictionary = typename DictionaryFor<T>::type;
  static constexpr bool kHasDictionary = !std::is_same_v<Dictionary, NoDictionary>;

 public:
  TypedColumnWriter(const LeafColumn& leaf, const ColumnWriterOptions& options,
                    std::unique_ptr<Codec> codec)
      : leaf_(leaf),
        options_(options),
        sink_(leaf_, options_, OrderOf(leaf), std::move(codec)),
        page_stats_(OrderOf(leaf)),
        chunk_stats_(OrderOf(leaf)) {}

  Status Init() { return StartChunk(); }

  Status Write(const ColumnVector& values) override {
    if (leveled_) return MixedCalls();
    wrote_flat_ = true;
    for (int64_t begin = 0; begin < values.length();) {
      // Slices never cross the page row limit, so pages end exactly there.
      int64_t rows = std::min(kSliceRows, options_.page_rows - page_rows_);
      int64_t end = std::min(values.length(), begin + rows);
      RETURN_NOT_OK(WriteSlice(values, begin, end));
      if (PageFull()) RETURN_NOT_OK(FinishPage());
      begin = end;
    }
    return Status::OK();
  }

  Status WriteLevels(const ColumnVector& values, std::span<const int16_t> def,
                     std::span<const int16_t> rep) override {
    if (wrote_flat_) return MixedCalls();
    leveled_ = true;
    RETURN_NOT_OK(CheckLevels(values, def, rep));
    int64_t next_value = 0;
    for (size_t begin = 0; begin < def.size();) {
      int64_t rows = 0;
      const size_t end = LevelSliceEnd(rep, begin, def.size(), &rows);
      const size_t n = end - begin;
      RETURN_NOT_OK(WriteLeveledSlice(values, def.subspan(begin, n),
                                      rep.empty() ? rep : rep.subspan(begin, n), rows,
                                      &next_value));
      if (PageFull()) RETURN_NOT_OK(FinishPage());
      begin = end;
    }
    return Status::OK();
  }

  int64_t buffered_bytes() const override { return sink_.buffered_bytes() + EstimatedPageBytes(); }

  Result<EncodedChunk> Finish() override {
    RETURN_NOT_OK(FinishPage());
    EncodedChunk chunk;
    if constexpr (kHasDictionary) {
      if (dictionary_used_) RETURN_NOT_OK(WriteDictionaryPage());
    }
    RETURN_NOT_OK(sink_.Finish(&chunk));
    if (options_.write_statistics) {
      std::optional<MinMax> bounds;
      if (chunk_stats_.has_min_max()) bounds = chunk_stats_.Encode();
      chunk.metadata.statistics = MakeStatistics(bounds, chunk_stats_.null_count(), OrderOf(leaf_),
                                                 options_.statistics_truncate_length);
    }
    ASSIGN_OR_RETURN(chunk.bloom_filter, BuildBloomFilter());
    RETURN_NOT_OK(StartChunk());
    return chunk;
  }

 private:
  enum class Mode { kTrial, kDictionary, kDirect };

  Status StartChunk() {
    chunk_stats_.Reset();
    hashes_.clear();
    direct_.clear();
    dictionary_.reset();
    dictionary_used_ = false;
    if (options_.encoding && *options_.encoding != Encoding::kRleDictionary) {
      mode_ = Mode::kDirect;
      return AddDirect(*options_.encoding);
    }
    if constexpr (kHasDictionary) {
      dictionary_ = MakeDictionary();
    }
    if (options_.encoding || !kHasDictionary) {
      // Explicit dictionary (fallback PLAIN), or booleans: PLAIN only.
      mode_ = dictionary_ ? Mode::kDictionary : Mode::kDirect;
      return AddDirect(Encoding::kPlain);
    }
    mode_ = Mode::kTrial;
    for (Encoding e : DirectCandidates(leaf_.physical_type)) RETURN_NOT_OK(AddDirect(e));
    return Status::OK();
  }

  std::unique_ptr<Dictionary> MakeDictionary() {
    if constexpr (std::is_same_v<T, std::string_view>) {
      const bool fixed = leaf_.physical_type == PhysicalType::kFixedLenByteArray;
      return std::make_unique<Dictionary>(fixed ? leaf_.type_length : 0);
    } else {
      return std::make_unique<Dictionary>();
    }
  }

  Status AddDirect(Encoding encoding) {
    ASSIGN_OR_RETURN(auto encoder,
                     MakeValueEncoder<T>(encoding, leaf_.physical_type, leaf_.type_length));
    direct_.push_back(std::move(encoder));
    return Status::OK();
  }

  Status WriteSlice(const ColumnVector& values, int64_t begin, int64_t end) {
    RETURN_NOT_OK(GatherValues(leaf_, values, begin, end, &scratch_values_, &gather_scratch_));
    const auto n = static_cast<int64_t>(scratch_values_.size());
    if (leaf_.max_definition_level > 0) {
      for (int64_t i = begin; i < end; ++i) levels_.push_back(values.IsValid(i) ? 1 : 0);
    } else if (n != end - begin) {
      return Status::Invalid("column '{}' is required but has {} nulls", leaf_.path.back(),
                             end - begin - n);
    }
    page_stats_.Update(scratch_values_.data(), n);
    page_stats_.AddNulls(end - begin - n);
    page_rows_ += end - begin;
    page_values_ += n;
    if (options_.bloom_filter) {
      for (const T& v : scratch_values_) hashes_.push_back(BloomHash(v));
    }
    return PutValues(scratch_values_.data(), n);
  }

  Status MixedCalls() const {
    return Status::Internal("column '{}': Write and WriteLevels mixed on one writer",
                            LeafPathName(leaf_));
  }

  // Checks everything WriteLevels' contract asks up front, so that bad input
  // leaves no partial page behind.
  Status CheckLevels(const ColumnVector& values, std::span<const int16_t> def,
                     std::span<const int16_t> rep) const {
    const int16_t max_def = leaf_.max_definition_level;
    const int16_t max_rep = leaf_.max_repetition_level;
    if (rep.size() != (max_rep > 0 ? def.size() : 0)) {
      return Status::Invalid("{} repetition levels for {} definition levels (max level {})",
                             rep.size(), def.size(), max_rep);
    }
    if (!rep.empty() && rep[0] != 0) {
      return Status::Invalid("the first entry has repetition level {}, not 0", rep[0]);
    }
    if (values.null_count() != 0) return Status::Invalid("leveled values must not hold nulls");
    int64_t present = 0;
    bool in_range = true;
    for (int16_t d : def) {
      present += d == max_def;
      in_range &= d >= 0 && d <= max_def;
    }
    for (int16_t r : rep) in_range &= r >= 0 && r <= max_rep;
    if (!in_range) {
      return Status::Invalid("levels outside 0..{} (definition) or 0..{} (repetition)", max_def,
                             max_rep);
    }
    if (present != values.length()) {
      return Status::Invalid("{} values for {} entries at the maximum definition level",
                             values.length(), present);
    }
    return Status::OK();
  }

  // The end of the leveled slice starting at `begin`: whole rows only, at
  // most the rows left in the page and about kSliceLevels entries. Sets
  // `*rows` to the rows it holds.
  size_t LevelSliceEnd(std::span<const int16_t> rep, size_t begin, size_t size,
                       int64_t* rows) const {
    const int64_t max_rows = std::min(kSliceRows, options_.page_rows - page_rows_);
    if (rep.empty()) {  // Every entry is a row.
      *rows = std::min(max_rows, static_cast<int64_t>(size - begin));
      return begin + static_cast<size_t>(*rows);
    }
    *rows = 0;
    size_t end = begin;
    for (; end < size; ++end) {
      if (rep[end] != 0) continue;
      if (*rows == max_rows || end - begin >= kSliceLevels) break;
      ++*rows;
    }
    return end;
  }

  Status WriteLeveledSlice(const ColumnVector& values, std::span<const int16_t> def,
                           std::span<const int16_t> rep, int64_t rows, int64_t* next_value) {
    const int16_t max_def = leaf_.max_definition_level;
    int64_t n = 0;
    for (int16_t d : def) n += d == max_def;
    RETURN_NOT_OK(GatherValues(leaf_, values, *next_value, *next_value + n, &scratch_values_,
                               &gather_scratch_));
    *next_value += n;
    def_levels_.insert(def_levels_.end(), def.begin(), def.end());
    rep_levels_.insert(rep_levels_.end(), rep.begin(), rep.end());
    const auto entries = static_cast<int64_t>(def.size());
    page_stats_.Update(scratch_values_.data(), n);
    // Every entry short of a value counts as a null, as parquet-mr and Arrow
    // count them (an empty list too).
    page_stats_.AddNulls(entries - n);
    page_rows_ += rows;
    page_values_ += n;
    if (options_.bloom_filter) {
      for (const T& v : scratch_values_) hashes_.push_back(BloomHash(v));
    }
    return PutValues(scratch_values_.data(), n);
  }

  Status PutValues(const T* values, int64_t n) {
    if constexpr (kHasDictionary) {
      if (mode_ != Mode::kDirect && dictionary_) RETURN_NOT_OK(dictionary_->Put(values, n));
    }
    if (mode_ == Mode::kDictionary) return Status::OK();
    for (auto& encoder : direct_) RETURN_NOT_OK(encoder->Put(values, n));
    return Status::OK();
  }

  int64_t EstimatedPageBytes() const {
    int64_t bytes = 0;
    if constexpr (kHasDictionary) {
      if (mode_ != Mode::kDirect && dictionary_) bytes = dictionary_->EstimatedDataPageSize();
    }
    if (mode_ != Mode::kDictionary) {
      for (const auto& encoder : direct_) bytes = std::max(bytes, encoder->EstimatedSize());
    }
    // Levels of nested leaves can outweigh their values (lists of nulls).
    if (leveled_) bytes += LevelBytesBound();
    return bytes;
  }

  // Bit-packed size of the page's levels: RLE runs only make it smaller.
  int64_t LevelBytesBound() const {
    const int bits =
        LevelBitWidth(leaf_.max_definition_level) + LevelBitWidth(leaf_.max_repetition_level);
    return (static_cast<int64_t>(def_levels_.size()) * bits + 7) / 8;
  }

  bool DictionaryTooBig() const {
    if constexpr (kHasDictionary) {
      return dictionary_ && dictionary_->dictionary_byte_size() > options_.dictionary_page_bytes;
    }
    return false;
  }

  bool PageFull() const {
    return page_rows_ >= options_.page_rows || EstimatedPageBytes() >= options_.page_bytes ||
           (mode_ == Mode::kDictionary && DictionaryTooBig());
  }

  Status FinishPage() {
    if (page_rows_ == 0) return Status::OK();
    DataPageParts page;
    RETURN_NOT_OK(EncodeLevels(&page));
    Buffer values;
    ASSIGN_OR_RETURN(page.encoding, EncodeValues(&values));
    page.values = values.span();
    // Entries: one per row when flat, one per level when leveled.
    const int64_t entries = leveled_ ? static_cast<int64_t>(def_levels_.size()) : page_rows_;
    page.num_values = static_cast<int32_t>(entries);
    page.num_rows = static_cast<int32_t>(page_rows_);
    page.num_nulls = static_cast<int32_t>(entries - page_values_);
    if (page_stats_.has_min_max()) page.bounds = page_stats_.Encode();
    page.has_values_without_bounds = page_values_ > 0 && !page_stats_.has_min_max();
    RETURN_NOT_OK(sink_.AddDataPage(page));
    chunk_stats_.Merge(page_stats_);
    page_stats_.Reset();
    levels_.clear();
    def_levels_.clear();
    rep_levels_.clear();
    page_rows_ = page_values_ = 0;
    return MaybeFallBack();
  }

  Status EncodeLevels(DataPageParts* page) {
    levels_buffer_.Clear();
    if (leveled_) return EncodeLeveledLevels(page);
    if (leaf_.max_definition_level == 0) return Status::OK();
    const auto n = static_cast<int64_t>(levels_.size());
    if (options_.data_page_version == 2) {
      RleBitPackedEncoder encoder(1);
      RETURN_NOT_OK(encoder.Put(levels_.data(), n));
      RETURN_NOT_OK(encoder.Flush(&levels_buffer_));
    } else {
      RETURN_NOT_OK(EncodeRleWithLengthPrefix(levels_.data(), n, 1, &levels_buffer_));
    }
    page->levels = levels_buffer_.span();
    return Status::OK();
  }

  // Repetition levels, then definition levels, each at the bit width of
  // its maximum; a maximum of 0 means no section at all.
  Status EncodeLeveledLevels(DataPageParts* page) {
    RETURN_NOT_OK(EncodeLevelRuns(rep_levels_, leaf_.max_repetition_level));
    page->repetition_levels_bytes = static_cast<int32_t>(levels_buffer_.size());
    RETURN_NOT_OK(EncodeLevelRuns(def_levels_, leaf_.max_definition_level));
    page->levels = levels_buffer_.span();
    return Status::OK();
  }

  Status EncodeLevelRuns(const std::vector<int16_t>& levels, int16_t max_level) {
    if (max_level == 0) return Status::OK();
    const auto n = static_cast<int64_t>(levels.size());
    const int width = LevelBitWidth(max_level);
    if (options_.data_page_version == 2) {
      RleBitPackedEncoder encoder(width);
      RETURN_NOT_OK(encoder.Put(levels.data(), n));
      return encoder.Flush(&levels_buffer_);
    }
    return EncodeRleWithLengthPrefix(levels.data(), n, width, &levels_buffer_);
  }

  // Encodes the page's values with the current mode; in a trial, picks the
  // winner first.
  Result<Encoding> EncodeValues(Buffer* out) {
    if (mode_ == Mode::kTrial) return FinishTrial(out);
    if (mode_ == Mode::kDictionary) return FlushDictionaryIndices(out);
    RETURN_NOT_OK(direct_.front()->Flush(out));
    return direct_.front()->encoding();
  }

  Result<Encoding> FlushDictionaryIndices(Buffer* out) {
    if constexpr (kHasDictionary) {
      RETURN_NOT_OK(dictionary_->FlushIndices(out));
      dictionary_used_ = true;
      return Encoding::kRleDictionary;
    }
    return Status::Internal("dictionary mode without a dictionary");
  }

  Result<Encoding> FinishTrial(Buffer* out) {
    std::vector<Buffer> encoded(direct_.size());
    int64_t best_size = std::numeric_limits<int64_t>::max();
    size_t best = 0;
    for (size_t i = 0; i < direct_.size(); ++i) {
      RETURN_NOT_OK(direct_[i]->Flush(&encoded[i]));
      ASSIGN_OR_RETURN(int64_t size, sink_.CompressedSize(encoded[i].span()));
      if (size < best_size) {
        best_size = size;
        best = i;
      }
    }
    // The best direct encoding stays as the dictionary's fallback.
    std::swap(direct_[0], direct_[best]);
    std::swap(encoded[0], encoded[best]);
    direct_.resize(1);
    Buffer indices;
    ASSIGN_OR_RETURN(bool dictionary_wins, DictionaryBeats(best_size, &indices));
    if (dictionary_wins) {
      mode_ = Mode::kDictionary;
      dictionary_used_ = true;
      RETURN_NOT_OK(out->Append(indices.span()));
      return Encoding::kRleDictionary;
    }
    dictionary_.reset();
    mode_ = Mode::kDirect;
    RETURN_NOT_OK(out->Append(encoded[0].span()));
    return direct_.front()->encoding();
  }

  // Flushes the trial page's dictionary indices into `indices` and says
  // whether indices plus dictionary page, compressed, are within 10% of the
  // best direct encoding: dictionaries also decode fastest, so near-ties go
  // to them.
  Result<bool> DictionaryBeats(int64_t direct_size, Buffer* indices) {
    if constexpr (kHasDictionary) {
      if (!dictionary_ || DictionaryTooBig()) return false;
      Buffer entries;
      RETURN_NOT_OK(dictionary_->WriteDictionaryPage(&entries));
      RETURN_NOT_OK(dictionary_->FlushIndices(indices));
      ASSIGN_OR_RETURN(int64_t entries_size, sink_.CompressedSize(entries.span()));
      ASSIGN_OR_RETURN(int64_t indices_size, sink_.CompressedSize(indices->span()));
      return (indices_size + entries_size) * 10 <= direct_size * 11;
    }
    return false;
  }

  // A dictionary that outgrew its limit is frozen: later pages go direct.
  Status MaybeFallBack() {
    if (mode_ == Mode::kDictionary && DictionaryTooBig()) mode_ = Mode::kDirect;
    return Status::OK();
  }

  Status WriteDictionaryPage() {
    if constexpr (kHasDictionary) {
      Buffer body;
      RETURN_NOT_OK(dictionary_->WriteDictionaryPage(&body));
      return sink_.SetDictionaryPage(body.span(), dictionary_->num_entries());
    }
    return Status::OK();
  }

  Result<std::unique_ptr<BloomFilter>> BuildBloomFilter() {
    if (!options_.bloom_filter) return std::unique_ptr<BloomFilter>();
    std::sort(hashes_.begin(), hashes_.end());
    hashes_.erase(std::unique(hashes_.begin(), hashes_.end()), hashes_.end());
    const auto ndv = static_cast<int64_t>(hashes_.size());
    ASSIGN_OR_RETURN(auto filter, BloomFilter::Make(BloomFilter::OptimalNumBytes(
                                      ndv, options_.bloom_filter_fpp)));
    for (uint64_t h : hashes_) filter->InsertHash(h);
    return filter;
  }

  const LeafColumn leaf_;
  const ColumnWriterOptions options_;
  PageSink sink_;
  Mode mode_ = Mode::kTrial;
  std::unique_ptr<Dictionary> dictionary_;
  bool dictionary_used_ = false;
  std::vector<std::unique_ptr<ValueEncoder<T>>> direct_;
  TypedStatistics<T> page_stats_;
  TypedStatistics<T> chunk_stats_;
  std::vector<T> scratch_values_;
  GatherScratch gather_scratch_;
  std::vector<uint8_t> levels_;  // Flat pages: 1 per non-null row.
  // Leveled pages (WriteLevels): one per entry; rep_levels_ only if repeated.
  std::vector<int16_t> def_levels_;
  std::vector<int16_t> rep_levels_;
  bool leveled_ = false;
  bool wrote_flat_ = false;
  Buffer levels_buffer_;
  std::vector<uint64_t> hashes_;
  int64_t page_rows_ = 0;
  int64_t page_values_ = 0;
};

template <typename T>
Result<std::unique_ptr<ColumnChunkWriter>> MakeTyped(const LeafColumn& leaf,
                                                     const ColumnWriterOptions& options) {
  ASSIGN_OR_RETURN(auto codec, Codec::Make(options.codec, options.compression_level));
  auto writer = std::make_unique<TypedColumnWriter<T>>(leaf, options, std::move(codec));
  RETURN_NOT_OK(writer->Init());
  return std::unique_ptr<ColumnChunkWriter>(std::move(writer));
}

Status CheckOptions(const LeafColumn& leaf, const ColumnWriterOptions& options) {
  if (options.data_page_version != 1 && options.data_page_version != 2) {
    return Status::Invalid("data page version must be 1 or 2, got {}", options.data_page_version);
  }
  if (options.page_bytes <= 0 || options.page_rows <= 0) {
    return Status::Invalid("page size limits must be positive");
  }
  if (!options.encoding || *options.encoding == Encoding::kRleDictionary) {
    if (options.encoding && leaf.physical_type == PhysicalType::kBoolean) {
      return Status::Invalid("column '{}': BOOLEAN columns cannot be dictionary-encoded",
                             LeafPathName(leaf));
    }
    return Status::OK();
  }
  if (!EncodingSupports(*options.encoding, leaf.physical_type)) {
    return Status::Invalid("column '{}': encoding {} cannot store {} values", LeafPathName(leaf),
                           EncodingName(*options.encoding), PhysicalTypeName(leaf.physical_type));
  }
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<ColumnChunkWriter>> ColumnChunkWriter::Make(
    const LeafColumn& leaf, const ColumnWriterOptions& options) {
  RETURN_NOT_OK(CheckOptions(leaf, options));
  switch (leaf.physical_type) {
    case PhysicalType::kBoolean: return MakeTyped<uint8_t>(leaf, options);
    case PhysicalType::kInt32: return MakeTyped<int32_t>(leaf, options);
    case PhysicalType::kInt64: return MakeTyped<int64_t>(leaf, options);
    case PhysicalType::kFloat: return MakeTyped<float>(leaf, options);
    case PhysicalType::kDouble: return MakeTyped<double>(leaf, options);
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray: return MakeTyped<std::string_view>(leaf, options);
    case PhysicalType::kInt96: break;
  }
  return Status::NotImplemented("column '{}': strata never writes INT96", LeafPathName(leaf));
}

}  // namespace strata::parquet
