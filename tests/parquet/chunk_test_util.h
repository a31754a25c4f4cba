// Helpers of the column reader tests: leaves, chunk decoding, and chunks of
// rows written in any encoding with the encoder classes of encoding/.
#pragma once

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parquet/column_reader.h"
#include "parquet/encoding/byte_stream_split.h"
#include "parquet/encoding/delta_binary_packed.h"
#include "parquet/encoding/delta_byte_array.h"
#include "parquet/encoding/dictionary.h"
#include "parquet/encoding/plain.h"
#include "parquet/encoding/types.h"
#include "parquet/schema.h"
#include "reader_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet::testing {

inline constexpr const char* kLocation = "file test.parquet, row group 0, column 'x'";

inline LeafColumn LeafOf(SchemaElement element) {
  Result<ParquetSchema> schema = FromParquetSchema(FlatSchema({std::move(element)}));
  CHECK_OK(schema.status());
  return schema->leaves[0];
}

inline LeafColumn Leaf(PhysicalType type, Repetition repetition = Repetition::kOptional) {
  return LeafOf(Column("x", type, repetition));
}

inline Result<VectorPtr> Decode(const TestChunkWriter& chunk, const LeafColumn& leaf,
                                int64_t num_rows, bool verify_checksums = true) {
  const ColumnMetaData metadata = chunk.Metadata(num_rows);
  const ColumnChunkSpec spec{.leaf = &leaf,
                             .metadata = &metadata,
                             .num_rows = num_rows,
                             .verify_checksums = verify_checksums,
                             .file_path = "test.parquet",
                             .row_group = 0};
  Result<VectorPtr> vector = DecodeColumnChunk(chunk.bytes().span(), spec);
  if (vector.ok()) CHECK_OK((*vector)->ValidateFull());
  return vector;
}

inline void ExpectError(const Result<VectorPtr>& result, StatusCode code, std::string_view text) {
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), code) << result.status().ToString();
  EXPECT_NE(result.status().message().find(text), std::string::npos)
      << result.status().ToString() << "\nexpected: " << text;
}

// Rows with a null at every third row, split into pages.
template <typename T>
struct PageSlices {
  std::vector<std::vector<int16_t>> levels;  // Empty vectors for a required column.
  std::vector<std::vector<T>> dense;
  std::vector<int32_t> counts;
};

template <typename T>
PageSlices<T> Slice(const std::vector<std::optional<T>>& rows, size_t rows_per_page,
                    bool optional) {
  PageSlices<T> pages;
  for (size_t start = 0; start < rows.size(); start += rows_per_page) {
    const size_t end = std::min(rows.size(), start + rows_per_page);
    std::vector<int16_t> levels;
    std::vector<T> dense;
    for (size_t i = start; i < end; ++i) {
      if (optional) levels.push_back(rows[i].has_value() ? 1 : 0);
      if (rows[i]) dense.push_back(*rows[i]);
    }
    pages.levels.push_back(std::move(levels));
    pages.dense.push_back(std::move(dense));
    pages.counts.push_back(static_cast<int32_t>(end - start));
  }
  return pages;
}

template <typename T>
std::vector<std::optional<T>> WithNulls(const std::vector<T>& values) {
  std::vector<std::optional<T>> rows;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i % 3 == 1) {
      rows.emplace_back();
    } else {
      rows.emplace_back(values[i]);
    }
  }
  return rows;
}

inline void AddDataPage(TestChunkWriter* chunk, bool v2, Encoding encoding,
                        const std::vector<int16_t>& levels, int32_t count, const Buffer& values) {
  if (v2) {
    chunk->DataPageV2(encoding, levels, count, values.span());
  } else {
    chunk->DataPageV1(encoding, levels, count, values.span());
  }
}

// ---------------------------------------------------------------- value encoders

template <typename T>
inline Buffer EncodeFixed(Encoding encoding, const std::vector<T>& values) {
  Buffer out;
  const auto n = static_cast<int64_t>(values.size());
  if (encoding == Encoding::kPlain) {
    PlainEncoder<T> encoder;
    CHECK_OK(encoder.Put(values.data(), n));
    CHECK_OK(encoder.Flush(&out));
  } else if (encoding == Encoding::kByteStreamSplit) {
    ByteStreamSplitEncoder encoder(sizeof(T));
    CHECK_OK(encoder.Put(values.data(), n));
    CHECK_OK(encoder.Flush(&out));
  } else if constexpr (std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>) {
    DeltaBinaryPackedEncoder<T> encoder;
    CHECK_OK(encoder.Put(values.data(), n));
    CHECK_OK(encoder.Flush(&out));
  }
  return out;
}

inline Buffer EncodeStrings(Encoding encoding, const std::vector<std::string>& values,
                            int width = 0) {
  std::vector<std::string_view> views(values.begin(), values.end());
  const auto n = static_cast<int64_t>(views.size());
  Buffer out;
  if (encoding == Encoding::kPlain && width > 0) {
    PlainFixedLenByteArrayEncoder encoder(width);
    for (const std::string& value : values) {
      CHECK_OK(encoder.Put(reinterpret_cast<const uint8_t*>(value.data()), 1));
    }
    CHECK_OK(encoder.Flush(&out));
  } else if (encoding == Encoding::kPlain) {
    PlainByteArrayEncoder encoder;
    CHECK_OK(encoder.Put(views.data(), n));
    CHECK_OK(encoder.Flush(&out));
  } else if (encoding == Encoding::kDeltaLengthByteArray) {
    DeltaLengthByteArrayEncoder encoder;
    CHECK_OK(encoder.Put(views.data(), n));
    CHECK_OK(encoder.Flush(&out));
  } else if (encoding == Encoding::kDeltaByteArray) {
    DeltaByteArrayEncoder encoder;
    CHECK_OK(encoder.Put(views.data(), n));
    CHECK_OK(encoder.Flush(&out));
  } else if (encoding == Encoding::kByteStreamSplit) {
    ByteStreamSplitEncoder encoder(width);
    for (const std::string& value : values) {
      CHECK_OK(encoder.Put(reinterpret_cast<const uint8_t*>(value.data()), 1));
    }
    CHECK_OK(encoder.Flush(&out));
  }
  return out;
}

// A chunk of `rows` in `encoding`; dictionary encodings get a dictionary
// page holding every distinct value, built before the pages are written.
template <typename T>
inline TestChunkWriter FixedChunk(PhysicalType type, Encoding encoding, bool v2,
                                  const std::vector<std::optional<T>>& rows, size_t rows_per_page,
                                  bool optional = true,
                                  CompressionCodec codec = CompressionCodec::kSnappy) {
  const PageSlices<T> pages = Slice(rows, rows_per_page, optional);
  TestChunkWriter chunk(type, codec);
  if (encoding == Encoding::kRleDictionary) {
    DictionaryEncoder<T> dictionary;
    std::vector<Buffer> bodies;
    for (const std::vector<T>& dense : pages.dense) {
      CHECK_OK(dictionary.Put(dense.data(), static_cast<int64_t>(dense.size())));
      bodies.emplace_back();
      CHECK_OK(dictionary.FlushIndices(&bodies.back()));
    }
    Buffer page;
    CHECK_OK(dictionary.WriteDictionaryPage(&page));
    chunk.DictionaryPage(page.span(), dictionary.num_entries());
    for (size_t p = 0; p < bodies.size(); ++p) {
      AddDataPage(&chunk, v2, encoding, pages.levels[p], pages.counts[p], bodies[p]);
    }
    return chunk;
  }
  for (size_t p = 0; p < pages.dense.size(); ++p) {
    AddDataPage(&chunk, v2, encoding, pages.levels[p], pages.counts[p],
                EncodeFixed(encoding, pages.dense[p]));
  }
  return chunk;
}

inline TestChunkWriter StringChunk(PhysicalType type, Encoding encoding, bool v2,
                                   const std::vector<std::optional<std::string>>& rows,
                                   size_t rows_per_page, int width = 0) {
  const PageSlices<std::string> pages = Slice(rows, rows_per_page, true);
  TestChunkWriter chunk(type, CompressionCodec::kZstd);
  if (encoding == Encoding::kRleDictionary) {
    ByteArrayDictionaryEncoder dictionary(width);
    std::vector<Buffer> bodies;
    for (const std::vector<std::string>& dense : pages.dense) {
      std::vector<std::string_view> views(dense.begin(), dense.end());
      CHECK_OK(dictionary.Put(views.data(), static_cast<int64_t>(views.size())));
      bodies.emplace_back();
      CHECK_OK(dictionary.FlushIndices(&bodies.back()));
    }
    Buffer page;
    CHECK_OK(dictionary.WriteDictionaryPage(&page));
    chunk.DictionaryPage(page.span(), dictionary.num_entries());
    for (size_t p = 0; p < bodies.size(); ++p) {
      AddDataPage(&chunk, v2, encoding, pages.levels[p], pages.counts[p], bodies[p]);
    }
    return chunk;
  }
  for (size_t p = 0; p < pages.dense.size(); ++p) {
    AddDataPage(&chunk, v2, encoding, pages.levels[p], pages.counts[p],
                EncodeStrings(encoding, pages.dense[p], width));
  }
  return chunk;
}

template <typename T>
std::vector<T> Numbers(size_t n) {
  std::vector<T> values;
  for (size_t i = 0; i < n; ++i) {
    const auto x = static_cast<int64_t>(i * 7919 % 1000) - 500;
    if constexpr (std::is_floating_point_v<T>) {
      values.push_back(static_cast<T>(x) / 8);
    } else {
      values.push_back(static_cast<T>(x * (i % 5 == 0 ? 1000003 : 1)));
    }
  }
  return values;
}

inline Buffer PlainBools(const std::vector<uint8_t>& values) {
  PlainBooleanEncoder encoder;
  CHECK_OK(encoder.Put(values.data(), static_cast<int64_t>(values.size())));
  Buffer out;
  CHECK_OK(encoder.Flush(&out));
  return out;
}

inline Buffer RleBools(const std::vector<uint8_t>& values) {
  Buffer out;
  CHECK_OK(EncodeRleWithLengthPrefix(values.data(), static_cast<int64_t>(values.size()), 1, &out));
  return out;
}

}  // namespace strata::parquet::testing
