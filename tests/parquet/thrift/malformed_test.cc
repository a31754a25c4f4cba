// Malformed input must end in an error: no crash, no hang, no allocation a
// few bytes of input can make arbitrarily large.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "parquet/thrift/metadata.h"
#include "parquet/thrift/thrift_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using testing::Bytes;
using testing::DataFile;
using testing::EncodeWith;
using testing::FooterBytes;
using testing::ReadFileBytes;

Bytes FixtureFooter(const std::string& name) {
  const Bytes file = ReadFileBytes(DataFile(name));
  std::span<const uint8_t> footer = FooterBytes(file);
  EXPECT_FALSE(footer.empty()) << name;
  return {footer.begin(), footer.end()};
}

std::vector<Bytes> SampleFooters() {
  return {FixtureFooter("alltypes_plain.parquet"),
          FixtureFooter("data_index_bloom_encoding_stats.parquet"),
          FixtureFooter("datapage_v2.snappy.parquet"), FixtureFooter("nested_maps.snappy.parquet"),
          FixtureFooter("int96_from_spark.parquet")};
}

TEST(MalformedTest, EveryTruncationOfAValidFooterFails) {
  for (const Bytes& footer : SampleFooters()) {
    ASSERT_OK(ReadFileMetaData(footer).status());
    for (size_t length = 0; length < footer.size(); ++length) {
      Result<FileMetaData> result = ReadFileMetaData(std::span(footer).first(length));
      ASSERT_TRUE(result.status().IsCorruption()) << "length " << length;
    }
  }
}

TEST(MalformedTest, EveryTruncationOfPageMetadataFails) {
  const Bytes file = ReadFileBytes(DataFile("data_index_bloom_encoding_stats.parquet"));
  ASSERT_GT(file.size(), 300u);
  const std::span<const uint8_t> bytes(file);
  for (size_t length = 0; length < 25; ++length) {
    EXPECT_FALSE(ReadPageHeader(bytes.subspan(4, length), nullptr).ok()) << length;
    EXPECT_FALSE(ReadColumnIndex(bytes.subspan(156, length)).ok()) << length;
  }
  for (size_t length = 0; length < 16; ++length) {
    EXPECT_FALSE(ReadBloomFilterHeader(bytes.subspan(192, length), nullptr).ok()) << length;
  }
  for (size_t length = 0; length < 11; ++length) {
    EXPECT_FALSE(ReadOffsetIndex(bytes.subspan(181, length)).ok()) << length;
  }
}

// Random edits of real footers decode or fail; whatever decodes re-encodes.
TEST(MalformedTest, RandomByteFlipsNeverCrash) {
  const std::vector<Bytes> footers = SampleFooters();
  std::mt19937 rng(20240611);
  int decoded = 0;
  for (int i = 0; i < 4000; ++i) {
    Bytes input = footers[i % footers.size()];
    const int flips = 1 + static_cast<int>(rng() % 3);
    for (int f = 0; f < flips; ++f)
      input[rng() % input.size()] ^= static_cast<uint8_t>(1 + rng() % 255);
    Result<FileMetaData> result = ReadFileMetaData(input);
    if (!result.ok()) {
      // An unknown encoding or codec number is NotImplemented, anything else
      // malformed is Corruption.
      ASSERT_TRUE(result.status().IsCorruption() || result.status().IsNotImplemented())
          << result.status().ToString();
      continue;
    }
    ++decoded;
    Buffer buffer;
    Status written = WriteFileMetaData(*result, &buffer);
    if (written.IsNotImplemented()) continue;  // a flip produced encryption fields
    ASSERT_OK(written);
    ASSERT_OK(ReadFileMetaData(buffer.span()).status());
  }
  // Many flips land in values (offsets, sizes, names) and still decode.
  EXPECT_GT(decoded, 100);
}

TEST(MalformedTest, ArbitrarySmallInputsNeverCrash) {
  EXPECT_TRUE(ReadFileMetaData({}).status().IsCorruption());
  EXPECT_TRUE(ReadPageHeader({}, nullptr).status().IsCorruption());
  std::mt19937 rng(7);
  for (int i = 0; i < 3000; ++i) {
    Bytes input(rng() % 24);
    for (uint8_t& byte : input) byte = static_cast<uint8_t>(rng());
    (void)ReadFileMetaData(input);
    (void)ReadPageHeader(input, nullptr);
    (void)ReadColumnIndex(input);
    (void)ReadOffsetIndex(input);
    (void)ReadBloomFilterHeader(input, nullptr);
  }
}

TEST(MalformedTest, HugeListClaimFailsBeforeAllocating) {
  // version 1, then schema: a list of 2^31 structs with three bytes left. The
  // memory budget is tiny, so reserving first would fail differently.
  const Bytes bytes = {0x15, 0x02, 0x19, 0xFC, 0x80, 0x80, 0x80, 0x80, 0x08, 0x48, 0x00, 0x00};
  ThriftLimits limits;
  limits.max_total_bytes = 64;
  Result<FileMetaData> result = ReadFileMetaData(bytes, limits);
  ASSERT_TRUE(result.status().IsCorruption());
  EXPECT_NE(result.status().message().find(
                "FileMetaData.schema: thrift: container of 2147483648 elements at offset 3 "
                "cannot fit in the 3 bytes left"),
            std::string::npos)
      << result.status().ToString();
}

TEST(MalformedTest, ManyTinyStructsHitTheMemoryBudget) {
  // row_groups: 100k elements, each an (invalid) empty struct of one byte.
  Bytes bytes = {0x15, 0x02, 0x19, 0x0C, 0x16, 0x00, 0x19, 0xFC, 0xA0, 0x8D, 0x06};
  bytes.resize(bytes.size() + 100'000, 0x00);
  ThriftLimits limits;
  limits.max_total_bytes = 1 << 20;
  Result<FileMetaData> result = ReadFileMetaData(bytes, limits);
  ASSERT_TRUE(result.status().IsCorruption());
  EXPECT_NE(result.status().message().find("more than the limit of 1048576 bytes of memory"),
            std::string::npos)
      << result.status().ToString();
  // With the default budget the same input fails on the first empty row group.
  result = ReadFileMetaData(bytes);
  EXPECT_NE(result.status().message().find("RowGroup: missing required field 'columns'"),
            std::string::npos)
      << result.status().ToString();
}

TEST(MalformedTest, DeepNestingHitsTheDepthLimit) {
  Bytes footer = {0x15, 0x02};  // version 1, then field 2 as a struct nested 10k deep
  footer.insert(footer.end(), 10'000, 0x1C);
  Result<FileMetaData> result = ReadFileMetaData(footer);
  ASSERT_TRUE(result.status().IsCorruption());
  EXPECT_NE(result.status().message().find("nesting deeper than 64 levels"), std::string::npos)
      << result.status().ToString();

  Bytes page(10'000, 0x19);  // list in list in list...
  page[0] = 0x99;            // PageHeader field 9: a list
  EXPECT_TRUE(ReadPageHeader(page, nullptr).status().IsCorruption());
}

TEST(MalformedTest, LongStringsRespectTheLimit) {
  FileMetaData metadata;
  metadata.schema.push_back(SchemaElement{.name = "root"});
  metadata.created_by = std::string(5000, 'w');
  const Bytes bytes = EncodeWith(WriteFileMetaData, metadata);
  ThriftLimits limits;
  limits.max_string_length = 4999;
  Result<FileMetaData> result = ReadFileMetaData(bytes, limits);
  ASSERT_TRUE(result.status().IsCorruption());
  EXPECT_NE(result.status().message().find("FileMetaData.created_by"), std::string::npos);
  limits.max_string_length = 5000;
  EXPECT_OK(ReadFileMetaData(bytes, limits).status());
}

}  // namespace
}  // namespace strata::parquet
