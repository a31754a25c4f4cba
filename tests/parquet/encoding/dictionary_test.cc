#include "parquet/encoding/dictionary.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "encoding_test_util.h"
#include "parquet/encoding/plain.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using testing::Bytes;
using testing::FromArrow;
using testing::RandomStrings;
using testing::ToVector;
using testing::TruncationSweep;
using testing::Views;

template <typename T>
class DictionaryTest : public ::testing::Test {};
using ValueTypes = ::testing::Types<int32_t, int64_t, float, double>;
TYPED_TEST_SUITE(DictionaryTest, ValueTypes);

template <typename T>
std::vector<T> FewDistinct(int64_t n, int distinct) {
  std::vector<T> out;
  for (int64_t i = 0; i < n; ++i) out.push_back(static_cast<T>((i * 7919) % distinct - 3));
  return out;
}

template <typename T>
struct Encoded {
  std::vector<uint8_t> dictionary;
  std::vector<uint8_t> indices;
  int32_t entries;
};

template <typename T>
Encoded<T> EncodeDict(const std::vector<T>& values) {
  DictionaryEncoder<T> encoder;
  CHECK_OK(encoder.Put(values.data(), static_cast<int64_t>(values.size())));
  Buffer dictionary;
  Buffer indices;
  CHECK_OK(encoder.FlushIndices(&indices));
  CHECK_OK(encoder.WriteDictionaryPage(&dictionary));
  return {ToVector(dictionary), ToVector(indices), encoder.num_entries()};
}

template <typename T>
Status DecodeDict(const Encoded<T>& encoded, int64_t n, std::vector<T>* out) {
  DictionaryDecoder<T> decoder;
  RETURN_NOT_OK(decoder.SetDictionary(encoded.dictionary, encoded.entries));
  RETURN_NOT_OK(decoder.Init(encoded.indices));
  out->assign(static_cast<size_t>(n), T{});
  return decoder.Decode(out->data(), n);
}

TYPED_TEST(DictionaryTest, RoundTripsBoundaryCounts) {
  using T = TypeParam;
  for (int64_t n : {0, 1, 8, 32, 128, 129, 10000}) {
    for (int distinct : {1, 2, 100, 1000}) {
      const std::vector<T> values = FewDistinct<T>(n, distinct);
      const Encoded<T> encoded = EncodeDict(values);
      EXPECT_LE(encoded.entries, distinct);
      std::vector<T> decoded;
      ASSERT_OK(DecodeDict(encoded, n, &decoded));
      EXPECT_EQ(decoded, values) << n << " " << distinct;
    }
  }
}

TYPED_TEST(DictionaryTest, DictionaryPageIsPlainInFirstSeenOrder) {
  using T = TypeParam;
  const std::vector<T> values = {T{5}, T{3}, T{5}, T{9}, T{3}};
  const Encoded<T> encoded = EncodeDict(values);
  ASSERT_EQ(encoded.entries, 3);
  PlainDecoder<T> plain;
  ASSERT_OK(plain.Init(encoded.dictionary));
  std::vector<T> entries(3);
  ASSERT_OK(plain.Decode(entries.data(), 3));
  EXPECT_EQ(entries, (std::vector<T>{T{5}, T{3}, T{9}}));
  // Indices 0 1 0 2 1 with 3 entries: bit width 2, one padded bit-packed
  // group: 00 01 00 10 01 -> bits 2, 7, 8 -> 84 01.
  EXPECT_EQ(encoded.indices, Bytes({0x02, 0x03, 0x84, 0x01}));
}

TYPED_TEST(DictionaryTest, SizeAccountingForFallback) {
  using T = TypeParam;
  DictionaryEncoder<T> encoder;
  EXPECT_EQ(encoder.dictionary_byte_size(), 0);
  std::vector<T> values = FewDistinct<T>(1000, 50);
  ASSERT_OK(encoder.Put(values.data(), 1000));
  EXPECT_EQ(encoder.num_entries(), 50);
  EXPECT_EQ(encoder.dictionary_byte_size(), 50 * static_cast<int64_t>(sizeof(T)));
  EXPECT_EQ(encoder.num_buffered_indices(), 1000);
  const int64_t estimate = encoder.EstimatedDataPageSize();
  Buffer page;
  ASSERT_OK(encoder.FlushIndices(&page));
  EXPECT_LE(static_cast<int64_t>(page.size()), estimate);
  EXPECT_EQ(encoder.num_buffered_indices(), 0);
  // Repeats do not grow the dictionary; new values do, by sizeof(T) each.
  ASSERT_OK(encoder.Put(values.data(), 1000));
  EXPECT_EQ(encoder.dictionary_byte_size(), 50 * static_cast<int64_t>(sizeof(T)));
  const T fresh = static_cast<T>(100000);
  ASSERT_OK(encoder.Put(&fresh, 1));
  EXPECT_EQ(encoder.dictionary_byte_size(), 51 * static_cast<int64_t>(sizeof(T)));
  Buffer dictionary;
  ASSERT_OK(encoder.WriteDictionaryPage(&dictionary));
  EXPECT_EQ(static_cast<int64_t>(dictionary.size()), encoder.dictionary_byte_size());
}

TEST(DictionaryFloatTest, NaNsAndSignedZerosKeepTheirBits) {
  const double nan_a = std::numeric_limits<double>::quiet_NaN();
  double nan_b;
  const uint64_t payload = 0x7FF8000000000123ULL;
  std::memcpy(&nan_b, &payload, 8);
  const std::vector<double> values = {
      0.0, -0.0, nan_a, nan_b, nan_a, std::numeric_limits<double>::infinity(), -0.0};
  const Encoded<double> encoded = EncodeDict(values);
  EXPECT_EQ(encoded.entries, 5);
  std::vector<double> decoded;
  ASSERT_OK(DecodeDict(encoded, 7, &decoded));
  EXPECT_TRUE(testing::SameBytes(decoded, values));
}

TEST(DictionaryInt96Test, RoundTrips) {
  const std::vector<Int96> values = {{{1, 2, 3}}, {{4, 5, 6}}, {{1, 2, 3}}, {{1, 2, 4}}};
  const Encoded<Int96> encoded = EncodeDict(values);
  EXPECT_EQ(encoded.entries, 3);
  std::vector<Int96> decoded;
  ASSERT_OK(DecodeDict(encoded, 4, &decoded));
  EXPECT_EQ(decoded, values);
}

TEST(DictionaryIndexTest, SingleEntryUsesBitWidthZero) {
  const std::vector<int64_t> values(100, 42);
  const Encoded<int64_t> encoded = EncodeDict(values);
  // Width byte 0, then one RLE run of 100 with no value bytes.
  EXPECT_EQ(encoded.indices, Bytes({0x00, 0xC8, 0x01}));
  std::vector<int64_t> decoded;
  ASSERT_OK(DecodeDict(encoded, 100, &decoded));
  EXPECT_EQ(decoded, values);
}

TEST(DictionaryIndexTest, IndexBeyondDictionaryIsCorruption) {
  // Width 2, RLE run of 8 threes, against a dictionary of 3 entries.
  const std::vector<uint8_t> page = Bytes({0x02, 0x10, 0x03});
  DictionaryDecoder<int32_t> decoder;
  const std::vector<uint8_t> dictionary = Bytes({1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0});
  ASSERT_OK(decoder.SetDictionary(dictionary, 3));
  ASSERT_OK(decoder.Init(page));
  std::vector<int32_t> out(8, -1);
  EXPECT_TRUE(decoder.Decode(out.data(), 8).IsCorruption());
  EXPECT_EQ(out, std::vector<int32_t>(8, -1));  // Nothing written.
  // Any index into an empty dictionary.
  ASSERT_OK(decoder.SetDictionary({}, 0));
  const std::vector<uint8_t> one_zero_index = Bytes({0x00, 0x02});
  ASSERT_OK(decoder.Init(one_zero_index));
  EXPECT_TRUE(decoder.Decode(out.data(), 1).IsCorruption());
  ASSERT_OK(decoder.Decode(out.data(), 0));
}

TEST(DictionaryIndexTest, GatherChecksEveryIndex) {
  const std::vector<double> dictionary = {1.5, 2.5};
  const std::vector<int32_t> good = {1, 0, 1};
  std::vector<double> out(3);
  ASSERT_OK(GatherDictionary(dictionary.data(), 2, good.data(), 3, out.data()));
  EXPECT_EQ(out, (std::vector<double>{2.5, 1.5, 2.5}));
  const std::vector<int32_t> negative = {0, -1};
  EXPECT_TRUE(
      GatherDictionary(dictionary.data(), 2, negative.data(), 2, out.data()).IsCorruption());
  const std::vector<int32_t> too_big = {0, 2};
  EXPECT_TRUE(GatherDictionary(dictionary.data(), 2, too_big.data(), 2, out.data()).IsCorruption());
}

TEST(DictionaryIndexTest, BadPagesAreCorruption) {
  DictionaryIndexDecoder decoder;
  EXPECT_TRUE(decoder.Init({}).IsCorruption());
  EXPECT_TRUE(decoder.Init(Bytes({33, 0x02, 0x00})).IsCorruption());
  DictionaryDecoder<int64_t> dict;
  // 2^31 entries claimed by a 16-byte page: rejected before allocating.
  EXPECT_TRUE(dict.SetDictionary(std::vector<uint8_t>(16), int64_t{1} << 31).IsCorruption());
  EXPECT_TRUE(dict.SetDictionary(std::vector<uint8_t>(16), 3).IsCorruption());
  EXPECT_TRUE(dict.SetDictionary(std::vector<uint8_t>(16), -1).IsCorruption());
}

TEST(DictionaryIndexTest, EveryTruncationIsCorruption) {
  const Encoded<int32_t> encoded = EncodeDict(FewDistinct<int32_t>(500, 37));
  TruncationSweep(encoded.indices, [&](std::span<const uint8_t> prefix) {
    Encoded<int32_t> cut = encoded;
    cut.indices.assign(prefix.begin(), prefix.end());
    std::vector<int32_t> decoded;
    RETURN_NOT_OK(DecodeDict(cut, 500, &decoded));
    EXPECT_EQ(decoded, FewDistinct<int32_t>(500, 37));
    return Status::OK();
  });
  TruncationSweep(encoded.dictionary, [&](std::span<const uint8_t> prefix) {
    DictionaryDecoder<int32_t> decoder;
    return decoder.SetDictionary(prefix, encoded.entries);
  });
}

TEST(ByteArrayDictionaryTest, RoundTripAndAccounting) {
  std::vector<std::string> values = RandomStrings(3000, 3, 4);  // Many repeats.
  values.push_back("");
  values.push_back(std::string(1 << 20, 'L'));
  const auto views = Views(values);
  ByteArrayDictionaryEncoder encoder;
  ASSERT_OK(encoder.Put(views.data(), static_cast<int64_t>(views.size())));
  int64_t expected_size = 0;
  for (int32_t i = 0; i < encoder.num_entries(); ++i)
    expected_size += 4 + static_cast<int64_t>(encoder.entry(i).size());
  EXPECT_EQ(encoder.dictionary_byte_size(), expected_size);
  EXPECT_LT(encoder.num_entries(), 3000);

  Buffer dictionary;
  Buffer indices;
  ASSERT_OK(encoder.WriteDictionaryPage(&dictionary));
  ASSERT_OK(encoder.FlushIndices(&indices));
  EXPECT_EQ(static_cast<int64_t>(dictionary.size()), encoder.dictionary_byte_size());

  ByteArrayDictionaryDecoder decoder;
  ASSERT_OK(decoder.SetDictionary(dictionary.span(), encoder.num_entries()));
  ASSERT_OK(decoder.Init(indices.span()));
  Buffer offsets;
  Buffer data;
  ASSERT_OK(decoder.DecodeArrow(1000, {&offsets, &data}));
  std::vector<std::string_view> rest(values.size() - 1000);
  ASSERT_OK(decoder.Decode(rest.data(), static_cast<int64_t>(rest.size())));
  std::vector<std::string> decoded = FromArrow(offsets, data);
  decoded.insert(decoded.end(), rest.begin(), rest.end());
  EXPECT_EQ(decoded, values);
}

TEST(ByteArrayDictionaryTest, FixedLenByteArray) {
  const std::vector<std::string> values = {"abcd", "wxyz", "abcd", "0000"};
  const auto views = Views(values);
  ByteArrayDictionaryEncoder encoder(4);
  ASSERT_OK(encoder.Put(views.data(), 4));
  EXPECT_EQ(encoder.dictionary_byte_size(), 12);
  const std::string_view wrong = "abc";
  EXPECT_TRUE(encoder.Put(&wrong, 1).IsInvalid());
  Buffer dictionary;
  Buffer indices;
  ASSERT_OK(encoder.WriteDictionaryPage(&dictionary));
  EXPECT_EQ(dictionary.view(), "abcdwxyz0000");
  ASSERT_OK(encoder.FlushIndices(&indices));
  ByteArrayDictionaryDecoder decoder;
  ASSERT_OK(decoder.SetDictionary(dictionary.span(), 3, 4));
  ASSERT_OK(decoder.Init(indices.span()));
  Buffer offsets;
  Buffer data;
  ASSERT_OK(decoder.DecodeArrow(4, {&offsets, &data}));
  EXPECT_EQ(FromArrow(offsets, data), values);
  EXPECT_TRUE(decoder.SetDictionary(dictionary.span(), 4, 4).IsCorruption());
}

TEST(ByteArrayDictionaryTest, BadDictionaryPagesAndIndices) {
  ByteArrayDictionaryDecoder decoder;
  // An entry whose length overruns the page.
  EXPECT_TRUE(decoder.SetDictionary(Bytes({9, 0, 0, 0, 'a'}), 1).IsCorruption());
  // A count no page of this size can hold.
  EXPECT_TRUE(decoder.SetDictionary(Bytes({0, 0, 0, 0}), 2).IsCorruption());
  ASSERT_OK(decoder.SetDictionary(Bytes({1, 0, 0, 0, 'a'}), 1));
  const std::vector<uint8_t> index_one = Bytes({0x01, 0x10, 0x01});  // Index 1 of 1 entry.
  ASSERT_OK(decoder.Init(index_one));
  Buffer offsets;
  Buffer data;
  EXPECT_TRUE(decoder.DecodeArrow(8, {&offsets, &data}).IsCorruption());
  std::string_view view;
  ASSERT_OK(decoder.Init(index_one));
  EXPECT_TRUE(decoder.Decode(&view, 1).IsCorruption());
}

TEST(ByteArrayDictionaryTest, PutArrow) {
  const std::vector<uint8_t> data = Bytes({'a', 'b', 'a', 'b', 'c'});
  const std::vector<int32_t> offsets = {0, 2, 4, 5, 5};
  ByteArrayDictionaryEncoder encoder;
  ASSERT_OK(encoder.PutArrow(offsets.data(), data.data(), 4));
  EXPECT_EQ(encoder.num_entries(), 3);  // "ab", "c", "".
  EXPECT_EQ(encoder.entry(2), "");
}

}  // namespace
}  // namespace strata::parquet
