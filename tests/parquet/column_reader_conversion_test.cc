// The column chunk reader's value conversions: narrow and unsigned
// integers, decimals of every physical type, FLOAT16, TIME(MILLIS), and the
// UTF-8 check of string columns.
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

using testing::Column;
using testing::Decode;
using testing::EncodeFixed;
using testing::ExpectError;
using testing::LeafOf;
using testing::StringChunk;
using testing::TestChunkWriter;
using testing::ValuesOf;

// ---------------------------------------------------------------- conversions

LeafColumn IntegerLeaf(ConvertedType converted, PhysicalType physical = PhysicalType::kInt32) {
  SchemaElement element = Column("x", physical);
  element.converted_type = converted;
  return LeafOf(element);
}

TestChunkWriter Int32Chunk(const std::vector<int32_t>& values) {
  TestChunkWriter chunk(PhysicalType::kInt32);
  std::vector<int16_t> levels(values.size() + 1, 1);
  levels.back() = 0;  // A trailing null.
  chunk.DataPageV1(Encoding::kPlain, levels, static_cast<int32_t>(levels.size()),
                   EncodeFixed(Encoding::kPlain, values).span());
  return chunk;
}

TEST(ColumnReaderTest, NarrowIntegers) {
  const TestChunkWriter chunk = Int32Chunk({-128, 127, 0});
  ASSERT_OK_AND_ASSIGN(VectorPtr int8, Decode(chunk, IntegerLeaf(ConvertedType::kInt8), 4));
  EXPECT_EQ(ValuesOf<int8_t>(*int8), (std::vector<std::optional<int8_t>>{-128, 127, 0, {}}));
  ASSERT_OK_AND_ASSIGN(VectorPtr int16, Decode(chunk, IntegerLeaf(ConvertedType::kInt16), 4));
  EXPECT_EQ(ValuesOf<int16_t>(*int16), (std::vector<std::optional<int16_t>>{-128, 127, 0, {}}));
  const TestChunkWriter unsigned_chunk = Int32Chunk({255, 65535, 0});
  ASSERT_OK_AND_ASSIGN(VectorPtr uint16,
                       Decode(unsigned_chunk, IntegerLeaf(ConvertedType::kUint16), 4));
  EXPECT_EQ(ValuesOf<uint16_t>(*uint16), (std::vector<std::optional<uint16_t>>{255, 65535, 0, {}}));
  ExpectError(Decode(unsigned_chunk, IntegerLeaf(ConvertedType::kUint8), 4),
              StatusCode::kCorruption, "value 65535 does not fit uint8");
  ExpectError(Decode(Int32Chunk({-1}), IntegerLeaf(ConvertedType::kUint16), 2),
              StatusCode::kCorruption, "value -1 does not fit uint16");
  // UINT_32 keeps the bits.
  ASSERT_OK_AND_ASSIGN(VectorPtr uint32,
                       Decode(Int32Chunk({-1, 7}), IntegerLeaf(ConvertedType::kUint32), 3));
  EXPECT_EQ(ValuesOf<uint32_t>(*uint32),
            (std::vector<std::optional<uint32_t>>{4294967295u, 7, {}}));
}

std::vector<std::optional<std::string>> DecimalsOf(const ColumnVector& vector) {
  std::vector<std::optional<std::string>> values;
  for (int64_t i = 0; i < vector.length(); ++i) {
    if (vector.IsNull(i)) {
      values.emplace_back();
    } else {
      values.emplace_back(vector.GetDecimal(i).ToString(vector.type()->scale()));
    }
  }
  return values;
}

LeafColumn DecimalLeaf(PhysicalType physical, int32_t precision, int32_t scale,
                       int32_t type_length = 0) {
  SchemaElement element = Column("x", physical);
  element.logical_type =
      LogicalType{.kind = LogicalTypeKind::kDecimal, .scale = scale, .precision = precision};
  if (type_length > 0) element.type_length = type_length;
  return LeafOf(element);
}

TEST(ColumnReaderTest, Decimals) {
  ASSERT_OK_AND_ASSIGN(VectorPtr from_int32, Decode(Int32Chunk({12345, -5, 999999999}),
                                                    DecimalLeaf(PhysicalType::kInt32, 9, 2), 4));
  EXPECT_EQ(DecimalsOf(*from_int32),
            (std::vector<std::optional<std::string>>{"123.45", "-0.05", "9999999.99", {}}));
  ExpectError(Decode(Int32Chunk({12345}), DecimalLeaf(PhysicalType::kInt32, 4, 2), 2),
              StatusCode::kCorruption, "value 123.45 does not fit decimal(4,2)");

  TestChunkWriter int64_chunk(PhysicalType::kInt64);
  int64_chunk.DataPageV1(Encoding::kPlain, {}, 2,
                         EncodeFixed<int64_t>(Encoding::kPlain, {-123456789012345678, 1}).span());
  LeafColumn int64_leaf = DecimalLeaf(PhysicalType::kInt64, 18, 3);
  int64_leaf.max_definition_level = 0;
  ASSERT_OK_AND_ASSIGN(VectorPtr from_int64, Decode(int64_chunk, int64_leaf, 2));
  EXPECT_EQ(DecimalsOf(*from_int64),
            (std::vector<std::optional<std::string>>{"-123456789012345.678", "0.001"}));

  // Big-endian two's complement: 0x00FF = 255, 0xFF01 = -255.
  const std::vector<std::optional<std::string>> fixed_rows = {
      std::string("\x00\xff", 2), std::nullopt, std::string("\xff\x01", 2)};
  const TestChunkWriter fixed =
      StringChunk(PhysicalType::kFixedLenByteArray, Encoding::kPlain, false, fixed_rows, 10, 2);
  ASSERT_OK_AND_ASSIGN(VectorPtr from_fixed,
                       Decode(fixed, DecimalLeaf(PhysicalType::kFixedLenByteArray, 4, 1, 2), 3));
  EXPECT_EQ(DecimalsOf(*from_fixed),
            (std::vector<std::optional<std::string>>{"25.5", std::nullopt, "-25.5"}));

  const std::vector<std::optional<std::string>> varying = {std::string("\x01", 1), std::nullopt,
                                                           std::string("\x80\x00\x00", 3)};
  const TestChunkWriter bytes =
      StringChunk(PhysicalType::kByteArray, Encoding::kDeltaLengthByteArray, true, varying, 10);
  ASSERT_OK_AND_ASSIGN(VectorPtr from_bytes,
                       Decode(bytes, DecimalLeaf(PhysicalType::kByteArray, 10, 0), 3));
  EXPECT_EQ(DecimalsOf(*from_bytes),
            (std::vector<std::optional<std::string>>{"1", std::nullopt, "-8388608"}));
  const TestChunkWriter empty =
      StringChunk(PhysicalType::kByteArray, Encoding::kPlain, false, {std::string()}, 10);
  ExpectError(Decode(empty, DecimalLeaf(PhysicalType::kByteArray, 10, 0), 1),
              StatusCode::kCorruption, "1 to 16 bytes");
}

TEST(ColumnReaderTest, Float16) {
  // 1.0, -2.5, the smallest subnormal, 65504 (max), +inf, a quiet NaN, -0.0.
  const std::vector<uint16_t> halves = {0x3C00, 0xC100, 0x0001, 0x7BFF, 0x7C00, 0x7E00, 0x8000};
  std::vector<std::optional<std::string>> rows;
  for (uint16_t half : halves)
    rows.emplace_back(std::string(reinterpret_cast<const char*>(&half), 2));
  SchemaElement element = Column("x", PhysicalType::kFixedLenByteArray);
  element.type_length = 2;
  element.logical_type = LogicalType{.kind = LogicalTypeKind::kFloat16};
  const TestChunkWriter chunk =
      StringChunk(PhysicalType::kFixedLenByteArray, Encoding::kPlain, false, rows, 10, 2);
  ASSERT_OK_AND_ASSIGN(VectorPtr vector, Decode(chunk, LeafOf(element), 7));
  ASSERT_EQ(vector->type()->ToString(), "float32");
  EXPECT_EQ(vector->Value<float>(0), 1.0f);
  EXPECT_EQ(vector->Value<float>(1), -2.5f);
  EXPECT_EQ(vector->Value<float>(2), std::ldexp(1.0f, -24));
  EXPECT_EQ(vector->Value<float>(3), 65504.0f);
  EXPECT_EQ(vector->Value<float>(4), std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(vector->Value<float>(5)));
  EXPECT_EQ(std::bit_cast<uint32_t>(vector->Value<float>(6)), 0x80000000u);
}

TEST(ColumnReaderTest, TimeMillisWidensToInt64) {
  SchemaElement element = Column("x", PhysicalType::kInt32);
  element.converted_type = ConvertedType::kTimeMillis;
  ASSERT_OK_AND_ASSIGN(VectorPtr vector, Decode(Int32Chunk({0, 86'399'999}), LeafOf(element), 3));
  EXPECT_EQ(vector->type()->ToString(), "time(ms)");
  EXPECT_EQ(ValuesOf<int64_t>(*vector),
            (std::vector<std::optional<int64_t>>{0, 86'399'999, std::nullopt}));
}

TEST(ColumnReaderTest, InvalidUtf8InAStringColumn) {
  SchemaElement element = Column("x", PhysicalType::kByteArray);
  element.converted_type = ConvertedType::kUtf8;
  // "\xc3" + "\xa9" would be valid together, but they are two values.
  const TestChunkWriter chunk =
      StringChunk(PhysicalType::kByteArray, Encoding::kPlain, false,
                  {std::string("ok"), std::string("\xc3"), std::string("\xa9")}, 10);
  ExpectError(Decode(chunk, LeafOf(element), 3), StatusCode::kCorruption,
              "row 1 is not valid UTF-8");
}

}  // namespace
}  // namespace strata::parquet
