// The column chunk reader on chunks built page by page: every encoding of
// every physical type, v1 and v2 pages, compression, nulls across the
// decoding batches, dictionary fallback.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chunk_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using testing::AddDataPage;
using testing::Column;
using testing::Decode;
using testing::EncodeFixed;
using testing::EncodeStrings;
using testing::ExpectError;
using testing::FixedChunk;
using testing::Leaf;
using testing::LeafOf;
using testing::Numbers;
using testing::PlainBools;
using testing::RleBools;
using testing::Slice;
using testing::StringChunk;
using testing::StringsOf;
using testing::TestChunkWriter;
using testing::ValuesOf;
using testing::WithNulls;

// ---------------------------------------------------------------- tests

template <typename T>
void CheckNumbers(PhysicalType type, std::initializer_list<Encoding> encodings) {
  const std::vector<std::optional<T>> rows = WithNulls(Numbers<T>(10'000));
  for (Encoding encoding : encodings) {
    for (bool v2 : {false, true}) {
      SCOPED_TRACE(::testing::Message() << EncodingName(encoding) << (v2 ? " v2" : " v1"));
      // 3000 rows per page: pages span the 4096-row decoding batches.
      const TestChunkWriter chunk = FixedChunk(type, encoding, v2, rows, 3000);
      ASSERT_OK_AND_ASSIGN(VectorPtr vector, Decode(chunk, Leaf(type), 10'000));
      EXPECT_EQ(vector->null_count(), 3333);
      EXPECT_EQ(ValuesOf<T>(*vector), rows);
    }
  }
}

TEST(ColumnReaderTest, Int32EveryEncoding) {
  CheckNumbers<int32_t>(PhysicalType::kInt32,
                        {Encoding::kPlain, Encoding::kRleDictionary, Encoding::kDeltaBinaryPacked,
                         Encoding::kByteStreamSplit});
}

TEST(ColumnReaderTest, Int64EveryEncoding) {
  CheckNumbers<int64_t>(PhysicalType::kInt64,
                        {Encoding::kPlain, Encoding::kRleDictionary, Encoding::kDeltaBinaryPacked,
                         Encoding::kByteStreamSplit});
}

TEST(ColumnReaderTest, FloatAndDoubleEveryEncoding) {
  CheckNumbers<float>(PhysicalType::kFloat,
                      {Encoding::kPlain, Encoding::kRleDictionary, Encoding::kByteStreamSplit});
  CheckNumbers<double>(PhysicalType::kDouble,
                       {Encoding::kPlain, Encoding::kRleDictionary, Encoding::kByteStreamSplit});
}

TEST(ColumnReaderTest, RequiredColumnHasNoValidityBitmap) {
  std::vector<std::optional<int32_t>> rows;
  for (int32_t i = 0; i < 100; ++i) rows.emplace_back(i * i);
  const TestChunkWriter chunk = FixedChunk(PhysicalType::kInt32, Encoding::kPlain, false, rows, 30,
                                           /*optional=*/false, CompressionCodec::kUncompressed);
  ASSERT_OK_AND_ASSIGN(VectorPtr vector,
                       Decode(chunk, Leaf(PhysicalType::kInt32, Repetition::kRequired), 100));
  EXPECT_EQ(vector->null_count(), 0);
  EXPECT_EQ(vector->buffer(0), nullptr);
  EXPECT_EQ(ValuesOf<int32_t>(*vector), rows);
}

TEST(ColumnReaderTest, BitPackedLegacyLevels) {
  const std::vector<std::optional<int64_t>> rows = WithNulls(Numbers<int64_t>(21));
  const auto pages = Slice(rows, 21, true);
  TestChunkWriter chunk(PhysicalType::kInt64);
  chunk.DataPageV1(Encoding::kPlain, pages.levels[0], 21,
                   EncodeFixed(Encoding::kPlain, pages.dense[0]).span(),
                   {.bit_packed_levels = true});
  ASSERT_OK_AND_ASSIGN(VectorPtr vector, Decode(chunk, Leaf(PhysicalType::kInt64), 21));
  EXPECT_EQ(ValuesOf<int64_t>(*vector), rows);
}

std::vector<std::optional<std::string>> StringRows(size_t n) {
  std::vector<std::optional<std::string>> rows;
  for (size_t i = 0; i < n; ++i) {
    if (i % 3 == 1) {
      rows.emplace_back();
    } else if (i % 7 == 0) {
      rows.emplace_back("");
    } else {
      rows.emplace_back("prefix-" + std::to_string(i % 97) + (i % 2 == 0 ? "-é" : ""));
    }
  }
  return rows;
}

TEST(ColumnReaderTest, ByteArrayEveryEncoding) {
  const std::vector<std::optional<std::string>> rows = StringRows(9000);
  SchemaElement utf8 = Column("x", PhysicalType::kByteArray);
  utf8.converted_type = ConvertedType::kUtf8;
  for (Encoding encoding : {Encoding::kPlain, Encoding::kRleDictionary,
                            Encoding::kDeltaLengthByteArray, Encoding::kDeltaByteArray}) {
    for (bool v2 : {false, true}) {
      SCOPED_TRACE(::testing::Message() << EncodingName(encoding) << (v2 ? " v2" : " v1"));
      const TestChunkWriter chunk = StringChunk(PhysicalType::kByteArray, encoding, v2, rows, 2500);
      ASSERT_OK_AND_ASSIGN(VectorPtr strings, Decode(chunk, LeafOf(utf8), 9000));
      EXPECT_EQ(strings->type()->ToString(), "string");
      EXPECT_EQ(StringsOf(*strings), rows);
      ASSERT_OK_AND_ASSIGN(VectorPtr binary, Decode(chunk, Leaf(PhysicalType::kByteArray), 9000));
      EXPECT_EQ(binary->type()->ToString(), "binary");
      EXPECT_EQ(StringsOf(*binary), rows);
    }
  }
}

TEST(ColumnReaderTest, FixedLenByteArrayEveryEncoding) {
  std::vector<std::optional<std::string>> rows;
  for (int i = 0; i < 5000; ++i) {
    if (i % 3 == 1) {
      rows.emplace_back();
    } else {
      rows.emplace_back(
          std::string{static_cast<char>('a' + i % 26), static_cast<char>(i % 5), 'z'});
    }
  }
  SchemaElement element = Column("x", PhysicalType::kFixedLenByteArray);
  element.type_length = 3;
  for (Encoding encoding : {Encoding::kPlain, Encoding::kRleDictionary, Encoding::kDeltaByteArray,
                            Encoding::kByteStreamSplit}) {
    for (bool v2 : {false, true}) {
      SCOPED_TRACE(::testing::Message() << EncodingName(encoding) << (v2 ? " v2" : " v1"));
      const TestChunkWriter chunk =
          StringChunk(PhysicalType::kFixedLenByteArray, encoding, v2, rows, 1800, 3);
      ASSERT_OK_AND_ASSIGN(VectorPtr vector, Decode(chunk, LeafOf(element), 5000));
      EXPECT_EQ(vector->type()->ToString(), "fixed_size_binary(3)");
      EXPECT_EQ(StringsOf(*vector), rows);
    }
  }
}

TEST(ColumnReaderTest, DeltaByteArrayValuesMustMatchTheFixedWidth) {
  TestChunkWriter chunk(PhysicalType::kFixedLenByteArray);
  chunk.DataPageV1(Encoding::kDeltaByteArray, {1, 1}, 2,
                   EncodeStrings(Encoding::kDeltaByteArray, {"abc", "abcd"}).span());
  SchemaElement element = Column("x", PhysicalType::kFixedLenByteArray);
  element.type_length = 3;
  ExpectError(Decode(chunk, LeafOf(element), 2), StatusCode::kCorruption,
              "a FIXED_LEN_BYTE_ARRAY(3) value holds 4 bytes");
}

TEST(ColumnReaderTest, Uuid) {
  SchemaElement element = Column("x", PhysicalType::kFixedLenByteArray, Repetition::kRequired);
  element.type_length = 16;
  element.logical_type = LogicalType{.kind = LogicalTypeKind::kUuid};
  const std::string uuid("\x12\x34\x56\x78\x9a\xbc\xde\xf0\x01\x23\x45\x67\x89\xab\xcd\xef", 16);
  TestChunkWriter chunk(PhysicalType::kFixedLenByteArray);
  chunk.DataPageV1(Encoding::kPlain, {}, 1, EncodeStrings(Encoding::kPlain, {uuid}, 16).span());
  ASSERT_OK_AND_ASSIGN(VectorPtr vector, Decode(chunk, LeafOf(element), 1));
  EXPECT_EQ(vector->type()->ToString(), "uuid");
  EXPECT_EQ(vector->GetView(0), uuid);
}

TEST(ColumnReaderTest, BooleansPlainAndRle) {
  std::vector<std::optional<bool>> rows;
  for (int i = 0; i < 9000; ++i) {
    if (i % 3 == 1) {
      rows.emplace_back();
    } else {
      rows.emplace_back(i % 4 == 0 || i % 11 == 0);
    }
  }
  const auto pages = Slice(rows, 4500, true);
  for (Encoding encoding : {Encoding::kPlain, Encoding::kRle}) {
    for (bool v2 : {false, true}) {
      SCOPED_TRACE(::testing::Message() << EncodingName(encoding) << (v2 ? " v2" : " v1"));
      TestChunkWriter chunk(PhysicalType::kBoolean, CompressionCodec::kGzip);
      for (size_t p = 0; p < pages.dense.size(); ++p) {
        const std::vector<uint8_t> bytes(pages.dense[p].begin(), pages.dense[p].end());
        AddDataPage(&chunk, v2, encoding, pages.levels[p], pages.counts[p],
                    encoding == Encoding::kPlain ? PlainBools(bytes) : RleBools(bytes));
      }
      ASSERT_OK_AND_ASSIGN(VectorPtr vector, Decode(chunk, Leaf(PhysicalType::kBoolean), 9000));
      ASSERT_EQ(vector->length(), 9000);
      for (int64_t i = 0; i < 9000; ++i) {
        ASSERT_EQ(vector->IsNull(i), !rows[static_cast<size_t>(i)].has_value()) << i;
        const std::optional<bool>& expected = rows[static_cast<size_t>(i)];
        if (expected.has_value()) {
          ASSERT_EQ(vector->GetBool(i), *expected) << i;
        }
      }
    }
  }
}

Int96 MakeInt96(uint64_t nanos_of_day, int32_t julian_day) {
  Int96 value;
  std::memcpy(value.value, &nanos_of_day, 8);
  std::memcpy(&value.value[2], &julian_day, 4);
  return value;
}

TEST(ColumnReaderTest, Int96BecomesMicrosecondTimestamps) {
  // 2009-01-01 is Julian day 2454833 (14245 days after 1970-01-01).
  const int64_t day = int64_t{86400} * 1'000'000;
  const std::vector<std::optional<Int96>> rows = {
      MakeInt96(0, 2440588), MakeInt96(60'000'001'999, 2454833), std::nullopt,
      MakeInt96(1'000, 2440587),
      // Year 290000: past int64 nanoseconds, but microseconds hold it.
      MakeInt96(0, 2440588 + 105'192'000)};
  for (Encoding encoding : {Encoding::kPlain, Encoding::kRleDictionary}) {
    const TestChunkWriter chunk = FixedChunk(PhysicalType::kInt96, encoding, false, rows, 2);
    ASSERT_OK_AND_ASSIGN(VectorPtr vector, Decode(chunk, Leaf(PhysicalType::kInt96), 5));
    EXPECT_EQ(vector->type()->ToString(), "timestamp(us)");
    const std::vector<std::optional<int64_t>> expected = {0, 14245 * day + 60'000'001, std::nullopt,
                                                          -day + 1, int64_t{105'192'000} * day};
    EXPECT_EQ(ValuesOf<int64_t>(*vector), expected);
  }
}

TEST(ColumnReaderTest, DictionaryFallbackMidChunk) {
  // Two dictionary pages, then the writer's dictionary filled up and the
  // chunk went on PLAIN: the encoding changes between pages.
  DictionaryEncoder<int64_t> dictionary;
  const std::vector<int64_t> first = {5, 6, 5, 5}, second = {6, 6, 7}, third = {100, 200};
  Buffer indices1, indices2, page;
  CHECK_OK(dictionary.Put(first.data(), 4));
  CHECK_OK(dictionary.FlushIndices(&indices1));
  CHECK_OK(dictionary.Put(second.data(), 3));
  CHECK_OK(dictionary.FlushIndices(&indices2));
  CHECK_OK(dictionary.WriteDictionaryPage(&page));
  TestChunkWriter chunk(PhysicalType::kInt64, CompressionCodec::kSnappy);
  chunk.DictionaryPage(page.span(), dictionary.num_entries());
  chunk.DataPageV1(Encoding::kPlainDictionary, {1, 1, 1, 1}, 4, indices1.span());
  chunk.DataPageV2(Encoding::kRleDictionary, {1, 1, 0, 1}, 4, indices2.span());
  chunk.DataPageV1(Encoding::kPlain, {1, 1}, 2, EncodeFixed(Encoding::kPlain, third).span());
  ASSERT_OK_AND_ASSIGN(VectorPtr vector, Decode(chunk, Leaf(PhysicalType::kInt64), 10));
  const std::vector<std::optional<int64_t>> expected = {5, 6,   5,  5, 6, 6, std::nullopt,
                                                        7, 100, 200};
  EXPECT_EQ(ValuesOf<int64_t>(*vector), expected);
}

TEST(ColumnReaderTest, AllNullV2PageHasNoValuesToDecompress) {
  TestChunkWriter chunk(PhysicalType::kDouble, CompressionCodec::kZstd);
  chunk.DataPageV2(Encoding::kPlain, {0, 0, 0}, 3, {});
  chunk.DataPageV2(Encoding::kRleDictionary, {0, 0}, 2, {});  // Nothing to look up.
  ASSERT_OK_AND_ASSIGN(VectorPtr vector, Decode(chunk, Leaf(PhysicalType::kDouble), 5));
  EXPECT_EQ(vector->null_count(), 5);
}

TEST(ColumnReaderTest, IndexPagesAreSkipped) {
  TestChunkWriter chunk(PhysicalType::kInt32);
  chunk.Raw(PageHeader{.type = PageType::kIndexPage, .index_page_header = IndexPageHeader{}},
            std::vector<uint8_t>{1, 2, 3});
  chunk.DataPageV1(Encoding::kPlain, {}, 2, EncodeFixed<int32_t>(Encoding::kPlain, {4, 5}).span());
  ASSERT_OK_AND_ASSIGN(VectorPtr vector,
                       Decode(chunk, Leaf(PhysicalType::kInt32, Repetition::kRequired), 2));
  EXPECT_EQ(ValuesOf<int32_t>(*vector), (std::vector<std::optional<int32_t>>{4, 5}));
}

}  // namespace
}  // namespace strata::parquet
