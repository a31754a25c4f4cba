#include "parquet/format_enums.h"

#include <gtest/gtest.h>

namespace strata::parquet {
namespace {

TEST(FormatEnumsTest, ParsesCodecNamesAsUsersWriteThem) {
  CompressionCodec codec = CompressionCodec::kUncompressed;
  EXPECT_TRUE(ParseCompressionCodec("ZSTD", &codec));
  EXPECT_EQ(codec, CompressionCodec::kZstd);
  EXPECT_TRUE(ParseCompressionCodec("lz4", &codec));
  EXPECT_EQ(codec, CompressionCodec::kLz4Raw);  // strata never writes Hadoop LZ4.
  EXPECT_TRUE(ParseCompressionCodec("none", &codec));
  EXPECT_EQ(codec, CompressionCodec::kUncompressed);
  EXPECT_TRUE(ParseCompressionCodec("Brotli", &codec));
  EXPECT_EQ(codec, CompressionCodec::kBrotli);
  EXPECT_FALSE(ParseCompressionCodec("lzo", &codec));
  EXPECT_FALSE(ParseCompressionCodec("", &codec));
  EXPECT_EQ(codec, CompressionCodec::kBrotli);  // Unchanged on failure.
}

TEST(FormatEnumsTest, NamesAsTheSpecSpellsThem) {
  EXPECT_EQ(EncodingName(Encoding::kRleDictionary), "RLE_DICTIONARY");
  EXPECT_EQ(CompressionCodecName(CompressionCodec::kLz4Raw), "LZ4_RAW");
  EXPECT_EQ(PhysicalTypeName(PhysicalType::kFixedLenByteArray), "FIXED_LEN_BYTE_ARRAY");
  EXPECT_EQ(PageTypeName(PageType::kDataPageV2), "DATA_PAGE_V2");
  EXPECT_EQ(ConvertedTypeName(ConvertedType::kTimestampMicros), "TIMESTAMP_MICROS");
  EXPECT_EQ(ConvertedTypeName(ConvertedType::kInterval), "INTERVAL");
  EXPECT_EQ(ConvertedTypeName(static_cast<ConvertedType>(22)), "UNKNOWN");
  EXPECT_EQ(EncodingName(static_cast<Encoding>(1)), "UNKNOWN");
}

TEST(FormatEnumsTest, ValidityOfOnDiskNumbers) {
  EXPECT_TRUE(IsValidEncoding(0));
  EXPECT_FALSE(IsValidEncoding(1));  // GROUP_VAR_INT was never used.
  EXPECT_TRUE(IsValidEncoding(9));
  EXPECT_FALSE(IsValidEncoding(10));
  EXPECT_FALSE(IsValidEncoding(-1));
  EXPECT_TRUE(IsValidCompressionCodec(7));
  EXPECT_FALSE(IsValidCompressionCodec(8));
  EXPECT_TRUE(IsValidPhysicalType(7));
  EXPECT_FALSE(IsValidPhysicalType(8));
  EXPECT_TRUE(IsValidRepetition(2));
  EXPECT_FALSE(IsValidRepetition(3));
  EXPECT_TRUE(IsValidConvertedType(21));
  EXPECT_FALSE(IsValidConvertedType(22));
  EXPECT_TRUE(IsValidPageType(3));
  EXPECT_FALSE(IsValidPageType(4));
}

}  // namespace
}  // namespace strata::parquet
