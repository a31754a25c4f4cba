#include "parquet/column_builder.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "columnar/bit_util.h"
#include "columnar/utf8.h"
#include "parquet/encoding/bit_util.h"
#include "parquet/value_conversion.h"

namespace strata::parquet {
namespace {

// Moves the `valid` dense values at the front of `values` to the rows whose
// level is `max_level` and zeroes the null slots. Back to front, so it works
// in place; it stops once the rows left are all valid, hence in place.
template <int kWidth>
void SpreadFixedImpl(uint8_t* values, size_t runtime_width, const int16_t* levels,
                     int16_t max_level, int64_t n, int64_t valid) {
  const size_t width = kWidth > 0 ? static_cast<size_t>(kWidth) : runtime_width;
  int64_t k = valid;
  for (int64_t j = n - 1; j >= k; --j) {
    uint8_t* row = values + static_cast<size_t>(j) * width;
    if (levels[j] == max_level) {
      --k;
      std::memcpy(row, values + static_cast<size_t>(k) * width, width);
    } else {
      std::memset(row, 0, width);
    }
  }
}

void SpreadFixed(uint8_t* values, int width, const int16_t* levels, int16_t max_level, int64_t n,
                 int64_t valid) {
  switch (width) {
    case 1: return SpreadFixedImpl<1>(values, 1, levels, max_level, n, valid);
    case 2: return SpreadFixedImpl<2>(values, 2, levels, max_level, n, valid);
    case 4: return SpreadFixedImpl<4>(values, 4, levels, max_level, n, valid);
    case 8: return SpreadFixedImpl<8>(values, 8, levels, max_level, n, valid);
    case 16: return SpreadFixedImpl<16>(values, 16, levels, max_level, n, valid);
    default:
      return SpreadFixedImpl<0>(values, static_cast<size_t>(width), levels, max_level, n, valid);
  }
}

// The same for offsets: offsets[0] is where the batch starts and
// offsets[1..valid] end the dense values; afterwards offsets[1 + j] ends row
// j, a null row repeating the end before it.
void SpreadOffsets(int32_t* offsets, const int16_t* levels, int16_t max_level, int64_t n,
                   int64_t valid) {
  int64_t k = valid;
  for (int64_t j = n - 1; j >= k; --j) {
    offsets[j + 1] = offsets[k];
    if (levels[j] == max_level) --k;
  }
}

// Sets bit `offset + j` of `bits` for each level j equal to `max_level` and
// returns how many there were. The bits past `offset` must be zero. Whole
// bytes are assembled at once, which matters: every optional value passes
// through here.
int64_t SetValidityBits(const int16_t* levels, int16_t max_level, int64_t n, uint8_t* bits,
                        int64_t offset) {
  int64_t valid = 0;
  int64_t j = 0;
  for (; j < n && ((offset + j) & 7) != 0; ++j) {
    if (levels[j] == max_level) {
      bit_util::SetBit(bits, offset + j);
      ++valid;
    }
  }
  for (; j + 8 <= n; j += 8) {
    unsigned byte = 0;
    for (int b = 0; b < 8; ++b) {
      const auto is_valid = static_cast<unsigned>(levels[j + b] == max_level);
      byte |= is_valid << b;
      valid += is_valid;
    }
    bits[(offset + j) >> 3] = static_cast<uint8_t>(byte);
  }
  for (; j < n; ++j) {
    if (levels[j] == max_level) {
      bit_util::SetBit(bits, offset + j);
      ++valid;
    }
  }
  return valid;
}

// True when no byte of `data` has its high bit set, eight bytes at a time.
bool IsAscii(std::string_view data) {
  size_t i = 0;
  uint64_t high = 0;
  for (; i + 8 <= data.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, data.data() + i, 8);
    high |= word;
  }
  for (; i < data.size(); ++i) high |= static_cast<uint8_t>(data[i]);
  return (high & 0x8080808080808080ull) == 0;
}

}  // namespace

LeafColumnBuilder::LeafColumnBuilder(const LeafColumn& leaf, ValueDecoder* decoder,
                                     int64_t num_rows, bool keep_levels)
    : leaf_(leaf),
      decoder_(decoder),
      num_rows_(num_rows),
      keep_levels_(keep_levels),
      physical_width_(PhysicalValueWidth(leaf.physical_type, leaf.type_length)) {
  if (leaf.type->id() == TypeId::kBool) {
    output_ = Output::kBool;
  } else if (leaf.physical_type == PhysicalType::kByteArray &&
             leaf.conversion == ValueConversion::kNone) {
    output_ = Output::kBinary;
  } else {
    output_ = Output::kFixedWidth;
    value_width_ = leaf.type->bit_width() / 8;
  }
  DCHECK(output_ != Output::kFixedWidth || !IsIdentityConversion(leaf.conversion) ||
         physical_width_ == value_width_);
}

Status LeafColumnBuilder::Reserve() {
  const int64_t rows = std::min(num_rows_, kReserveRows);
  if (leaf_.max_definition_level > 0) {
    RETURN_NOT_OK(validity_.Reserve(static_cast<size_t>(bit_util::BytesForBits(rows))));
  }
  switch (output_) {
    case Output::kBool: return values_.Reserve(static_cast<size_t>(bit_util::BytesForBits(rows)));
    case Output::kBinary:
      RETURN_NOT_OK(offsets_.Reserve(static_cast<size_t>(rows + 1) * sizeof(int32_t)));
      return offsets_.Resize(sizeof(int32_t));  // The leading 0.
    case Output::kFixedWidth:
      return values_.Reserve(static_cast<size_t>(rows) * static_cast<size_t>(value_width_));
  }
  return Status::OK();
}

Status LeafColumnBuilder::AddPage(const DataPage& page) {
  const int64_t n = page.num_values;
  if (n > num_rows_ - rows_) {
    return Status::Corruption(
        "the page holds {} values but only {} of the row group's {} rows "
        "remain",
        n, num_rows_ - rows_, num_rows_);
  }
  const int16_t max_level = leaf_.max_definition_level;
  if (max_level == 0 && page.num_nulls.value_or(0) > 0) {
    return Status::Corruption("the column is required but the page counts {} nulls",
                              *page.num_nulls);
  }
  if (max_level > 0) {
    bit_packed_levels_ = page.definition_level_encoding == Encoding::kBitPacked;
    const int width = BitWidthOf(static_cast<uint64_t>(max_level));
    RETURN_NOT_OK(bit_packed_levels_ ? legacy_levels_.Init(page.definition_levels, width)
                                     : level_runs_.Init(page.definition_levels, width));
  }
  RETURN_NOT_OK(levels_.Resize(static_cast<size_t>(std::min(n, kBatchValues)) * sizeof(int16_t)));
  if (keep_levels_) RETURN_NOT_OK(ReadRepetitionLevels(page));
  // Started on the first non-null value: a page of nulls may have no values
  // section at all, which some decoders would reject.
  bool started = false;
  for (int64_t done = 0; done < n;) {
    const int64_t batch = std::min(kBatchValues, n - done);
    int64_t valid = batch;
    if (max_level > 0) {
      ASSIGN_OR_RETURN(valid, ReadLevels(batch));
    }
    if (keep_levels_) RETURN_NOT_OK(KeepDefinitionLevels(batch));
    if (valid > 0 && !started) {
      RETURN_NOT_OK(decoder_->StartPage(page.encoding, page.values));
      started = true;
    }
    RETURN_NOT_OK(DecodeBatch(batch, valid));
    rows_ += batch;
    done += batch;
  }
  return Status::OK();
}

Status LeafColumnBuilder::ReadRepetitionLevels(const DataPage& page) {
  const int64_t n = page.num_values;
  const size_t old_size = all_rep_.size();
  const int16_t max_level = leaf_.max_repetition_level;
  if (max_level == 0) return Status::OK();
  RETURN_NOT_OK(all_rep_.Resize(old_size + static_cast<size_t>(n) * sizeof(int16_t)));
  auto* levels = reinterpret_cast<int16_t*>(all_rep_.mutable_data() + old_size);
  const int width = BitWidthOf(static_cast<uint64_t>(max_level));
  if (page.repetition_level_encoding == Encoding::kBitPacked) {
    BitPackedLegacyDecoder decoder;
    RETURN_NOT_OK_CTX(decoder.Init(page.repetition_levels, width), "repetition levels");
    RETURN_NOT_OK_CTX(decoder.GetBatch(levels, n), "repetition levels");
  } else {
    RleBitPackedDecoder decoder;
    RETURN_NOT_OK_CTX(decoder.Init(page.repetition_levels, width), "repetition levels");
    RETURN_NOT_OK_CTX(decoder.GetBatch(levels, n), "repetition levels");
  }
  bool in_range = true;
  for (int64_t j = 0; j < n; ++j) in_range &= levels[j] >= 0 && levels[j] <= max_level;
  if (!in_range) {
    return Status::Corruption("repetition levels exceed the maximum {}", max_level);
  }
  return Status::OK();
}

// Definition levels of a required leaf are all zero and never stored.
Status LeafColumnBuilder::KeepDefinitionLevels(int64_t n) {
  const size_t old_size = all_def_.size();
  const size_t bytes = static_cast<size_t>(n) * sizeof(int16_t);
  RETURN_NOT_OK(all_def_.Resize(old_size + bytes));
  uint8_t* out = all_def_.mutable_data() + old_size;
  if (leaf_.max_definition_level == 0) {
    std::memset(out, 0, bytes);
  } else {
    std::memcpy(out, levels_.data(), bytes);
  }
  return Status::OK();
}

Result<int64_t> LeafColumnBuilder::ReadLevels(int64_t n) {
  auto* levels = levels_.mutable_data_as<int16_t>();
  RETURN_NOT_OK_CTX(
      bit_packed_levels_ ? legacy_levels_.GetBatch(levels, n) : level_runs_.GetBatch(levels, n),
      "definition levels");
  const int16_t max_level = leaf_.max_definition_level;
  bool in_range = true;
  for (int64_t j = 0; j < n; ++j) in_range &= levels[j] >= 0 && levels[j] <= max_level;
  if (!in_range) {
    return Status::Corruption("definition levels exceed the maximum {}", max_level);
  }
  RETURN_NOT_OK(validity_.Resize(static_cast<size_t>(bit_util::BytesForBits(rows_ + n))));
  const int64_t valid = SetValidityBits(levels, max_level, n, validity_.mutable_data(), rows_);
  null_count_ += n - valid;
  return valid;
}

Status LeafColumnBuilder::DecodeBatch(int64_t n, int64_t valid) {
  switch (output_) {
    case Output::kBool: return DecodeBooleans(n, valid);
    case Output::kBinary: return DecodeBinary(n, valid);
    case Output::kFixedWidth: return DecodeFixedWidth(n, valid);
  }
  return Status::OK();
}

Status LeafColumnBuilder::DecodeBooleans(int64_t n, int64_t valid) {
  RETURN_NOT_OK(scratch_.Resize(static_cast<size_t>(valid)));
  if (valid > 0) RETURN_NOT_OK(decoder_->Decode(valid, scratch_.mutable_data()));
  RETURN_NOT_OK(values_.Resize(static_cast<size_t>(bit_util::BytesForBits(rows_ + n))));
  uint8_t* bits = values_.mutable_data();
  const uint8_t* dense = scratch_.data();
  if (valid == n) {
    for (int64_t j = 0; j < n; ++j) {
      if (dense[j] != 0) bit_util::SetBit(bits, rows_ + j);
    }
    return Status::OK();
  }
  const int16_t* levels = levels_.data_as<int16_t>();
  int64_t k = 0;
  for (int64_t j = 0; j < n; ++j) {
    if (levels[j] == leaf_.max_definition_level && dense[k++] != 0) {
      bit_util::SetBit(bits, rows_ + j);
    }
  }
  return Status::OK();
}

Status LeafColumnBuilder::DecodeBinary(int64_t n, int64_t valid) {
  if (valid > 0) RETURN_NOT_OK(decoder_->DecodeByteArrays(valid, {&offsets_, &data_}));
  if (valid == n) return Status::OK();
  RETURN_NOT_OK(offsets_.Resize(static_cast<size_t>(rows_ + n + 1) * sizeof(int32_t)));
  SpreadOffsets(offsets_.mutable_data_as<int32_t>() + rows_, levels_.data_as<int16_t>(),
                leaf_.max_definition_level, n, valid);
  return Status::OK();
}

Status LeafColumnBuilder::DecodeFixedWidth(int64_t n, int64_t valid) {
  const auto width = static_cast<size_t>(value_width_);
  RETURN_NOT_OK(values_.Resize(static_cast<size_t>(rows_ + n) * width));
  uint8_t* out = values_.mutable_data() + static_cast<size_t>(rows_) * width;
  if (valid > 0 && IsIdentityConversion(leaf_.conversion)) {
    RETURN_NOT_OK(decoder_->Decode(valid, out));
  } else if (valid > 0 && leaf_.physical_type == PhysicalType::kByteArray) {
    scratch_offsets_.Clear();
    scratch_data_.Clear();
    RETURN_NOT_OK(decoder_->DecodeByteArrays(valid, {&scratch_offsets_, &scratch_data_}));
    RETURN_NOT_OK(ConvertByteArrayDecimals(leaf_, scratch_offsets_.data_as<int32_t>(),
                                           scratch_data_.data(), valid, out));
  } else if (valid > 0) {
    RETURN_NOT_OK(scratch_.Resize(static_cast<size_t>(valid) * physical_width_));
    RETURN_NOT_OK(decoder_->Decode(valid, scratch_.mutable_data()));
    RETURN_NOT_OK(ConvertFixedWidthValues(leaf_, scratch_.data(), valid, out));
  }
  if (valid < n) {
    SpreadFixed(out, value_width_, levels_.data_as<int16_t>(), leaf_.max_definition_level, n,
                valid);
  }
  return Status::OK();
}

Status LeafColumnBuilder::ValidateUtf8() const {
  const TypeId id = leaf_.type->id();
  if (id != TypeId::kString && id != TypeId::kJson) return Status::OK();
  const std::string_view data = data_.view();
  const int32_t* offsets = offsets_.data_as<int32_t>();
  // One pass over all bytes, then a check that no value starts inside a
  // character, proves every value valid; the slow path finds the culprit.
  if (IsAscii(data)) return Status::OK();
  bool valid = utf8::IsValid(data);
  for (int64_t i = 0; valid && i < rows_; ++i) {
    const auto start = static_cast<size_t>(offsets[i]);
    valid = start >= data.size() || (static_cast<uint8_t>(data[start]) & 0xC0) != 0x80;
  }
  if (valid) return Status::OK();
  for (int64_t i = 0; i < rows_; ++i) {
    const std::string_view value = data.substr(static_cast<size_t>(offsets[i]),
                                               static_cast<size_t>(offsets[i + 1] - offsets[i]));
    if (!utf8::IsValid(value)) return Status::Corruption("row {} is not valid UTF-8", i);
  }
  return Status::OK();
}

Result<VectorPtr> LeafColumnBuilder::Finish() {
  if (rows_ != num_rows_) {
    return Status::Corruption("the column chunk ends after {} of {} rows", rows_, num_rows_);
  }
  std::vector<BufferPtr> buffers;
  buffers.push_back(null_count_ > 0 ? std::make_shared<Buffer>(std::move(validity_)) : nullptr);
  if (output_ == Output::kBinary) {
    RETURN_NOT_OK(ValidateUtf8());
    buffers.push_back(std::make_shared<Buffer>(std::move(offsets_)));
    buffers.push_back(std::make_shared<Buffer>(std::move(data_)));
  } else {
    buffers.push_back(std::make_shared<Buffer>(std::move(values_)));
  }
  return ColumnVector::Make(leaf_.type, rows_, std::move(buffers), {}, null_count_);
}

}  // namespace strata::parquet
