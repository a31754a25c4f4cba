#include "delta/deletion_vector.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "delta_test_util.h"
#include "io/local_file_system.h"
#include "parquet/codec/crc32.h"
#include "parquet/file_reader.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::delta {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr uint64_t k2To32 = uint64_t{1} << 32;
constexpr uint64_t kAllRows = uint64_t{1} << 63;

using testing::DeltaFixture;

std::string Bytes(std::initializer_list<int> values) {
  std::string out;
  for (const int v : values) out.push_back(static_cast<char>(v));
  return out;
}

void PutU16(std::string* out, uint16_t v) { out->append(reinterpret_cast<const char*>(&v), 2); }
void PutU32(std::string* out, uint32_t v) { out->append(reinterpret_cast<const char*>(&v), 4); }
void PutU64(std::string* out, uint64_t v) { out->append(reinterpret_cast<const char*>(&v), 8); }
void PutBigEndian32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}

// A 64-bit bitmap from hand-made buckets (key, 32-bit portable bitmap).
std::string Bitmap64(const std::vector<std::pair<uint32_t, std::string>>& buckets) {
  std::string out;
  PutU32(&out, 1681511377);
  PutU64(&out, buckets.size());
  for (const auto& [key, bitmap] : buckets) {
    PutU32(&out, key);
    out += bitmap;
  }
  return out;
}

// A 32-bit portable bitmap without run containers: one array container per
// entry (key, values), the values written exactly as given.
std::string ArrayBitmap32(
    const std::vector<std::pair<uint16_t, std::vector<uint16_t>>>& containers) {
  std::string out;
  PutU32(&out, 12346);
  PutU32(&out, static_cast<uint32_t>(containers.size()));
  for (const auto& [key, values] : containers) {
    PutU16(&out, key);
    PutU16(&out, static_cast<uint16_t>(values.size() - 1));
  }
  uint32_t offset = static_cast<uint32_t>(out.size() + containers.size() * 4);
  for (const auto& container : containers) {
    PutU32(&out, offset);
    offset += static_cast<uint32_t>(container.second.size() * 2);
  }
  for (const auto& container : containers) {
    for (const uint16_t v : container.second) PutU16(&out, v);
  }
  return out;
}

// A 32-bit bitmap with one run container holding `runs` (start, length - 1)
// and the stated cardinality.
std::string RunBitmap32(const std::vector<std::pair<uint16_t, uint16_t>>& runs, uint32_t card) {
  std::string out;
  PutU32(&out, 12347);  // One container (count - 1 = 0 in the high half).
  out.push_back(1);     // Container 0 is a run container.
  PutU16(&out, 0);
  PutU16(&out, static_cast<uint16_t>(card - 1));
  PutU16(&out, static_cast<uint16_t>(runs.size()));
  for (const auto& [start, extra] : runs) {
    PutU16(&out, start);
    PutU16(&out, extra);
  }
  return out;
}

std::vector<uint64_t> AllRows(const DeletedRows& rows) { return rows.RangeDeleted(0, kAllRows); }

std::string Encode(const std::vector<uint64_t>& rows) {
  auto bytes = EncodeDeletionBitmap(rows);
  EXPECT_OK(bytes.status());
  return bytes.ok() ? *bytes : std::string();
}

// Rows that exercise every container kind and several buckets, including
// the edges of a bucket and the largest row index the format allows.
std::vector<uint64_t> MixedRows() {
  std::vector<uint64_t> rows = {3, 4, 7, 11, 18, 29};
  for (uint64_t r = 70000; r < 75000; ++r) rows.push_back(r);       // A run.
  for (uint64_t r = 131072; r < 196608; r += 3) rows.push_back(r);  // A bitset.
  for (const uint64_t r :
       {k2To32 - 1, k2To32, k2To32 + 5, 2 * k2To32 - 1, 5 * k2To32 + 1, kAllRows - 1}) {
    rows.push_back(r);
  }
  return rows;
}

// ------------------------------------------------------------------- Z85

TEST(Z85Test, DecodesTheProtocolUuidExamples) {
  // PROTOCOL.md Example 1 (after its "ab" prefix) and the fixture's UUID.
  ASSERT_OK_AND_ASSIGN(std::string uuid, DecodeZ85("^-aqEH.-t@S}K{vb[*k^"));
  EXPECT_EQ(uuid, Bytes({0xd2, 0xc6, 0x39, 0xaa, 0x88, 0x16, 0x43, 0x1a, 0xaa, 0xf6, 0xd3, 0xfe,
                         0x25, 0x12, 0xff, 0x61}));
  ASSERT_OK_AND_ASSIGN(uuid, DecodeZ85("vBn[lx{q8@P<9BNH/isA"));
  EXPECT_EQ(uuid, Bytes({0x61, 0xd1, 0x6c, 0x75, 0x69, 0x94, 0x46, 0xb7, 0xa1, 0x5b, 0x8b, 0x53,
                         0x88, 0x52, 0xe5, 0x0e}));
}

TEST(Z85Test, MatchesTheZ85SpecificationVector) {
  // ZeroMQ RFC 32's test vector.
  const std::string bytes = Bytes({0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B});
  EXPECT_EQ(EncodeZ85(bytes), "HelloWorld");
  ASSERT_OK_AND_ASSIGN(std::string decoded, DecodeZ85("HelloWorld"));
  EXPECT_EQ(decoded, bytes);
}

TEST(Z85Test, RoundTripsEveryByteValue) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  bytes += Bytes({0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0});
  const std::string text = EncodeZ85(bytes);
  EXPECT_EQ(text.size(), bytes.size() / 4 * 5);
  ASSERT_OK_AND_ASSIGN(std::string decoded, DecodeZ85(text));
  EXPECT_EQ(decoded, bytes);
  EXPECT_EQ(EncodeZ85(""), "");
  ASSERT_OK_AND_ASSIGN(decoded, DecodeZ85(""));
  EXPECT_EQ(decoded, "");
}

TEST(Z85Test, RejectsBadText) {
  Status st = DecodeZ85("Hello").status();  // Fine: one group.
  EXPECT_OK(st);
  st = DecodeZ85("HelloWorl").status();
  EXPECT_TRUE(st.IsInvalid()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr("not a multiple of 5"));
  st = DecodeZ85("Hel\"oWorld").status();
  EXPECT_TRUE(st.IsInvalid()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr("'\"' at position 3"));
  st = DecodeZ85("Hello Worl").status();
  EXPECT_THAT(st.message(), HasSubstr("byte 0x20 at position 5"));
  st = DecodeZ85("Hello#####").status();  // 85^5 - 1 > 2^32 - 1.
  EXPECT_TRUE(st.IsInvalid()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr("\"#####\" at position 5 exceeds 32 bits"));
}

// ------------------------------------------------------------ descriptor

TEST(DvDescriptorTest, UniqueIdAddsTheOffsetWhenPresent) {
  DeletionVectorDescriptor dv{.storage_type = "u", .path_or_inline_dv = "ab^-aqEH.-t@S}K{vb[*k^"};
  EXPECT_EQ(dv.UniqueId(), "uab^-aqEH.-t@S}K{vb[*k^");
  dv.offset = 4;
  EXPECT_EQ(dv.UniqueId(), "uab^-aqEH.-t@S}K{vb[*k^@4");
}

TEST(DvDescriptorTest, UuidPathsFollowTheProtocolExample) {
  DeletionVectorDescriptor dv{.storage_type = "u", .path_or_inline_dv = "ab^-aqEH.-t@S}K{vb[*k^"};
  ASSERT_OK_AND_ASSIGN(std::string path, dv.AbsolutePath("s3://mytable/"));
  EXPECT_EQ(path, "s3://mytable/ab/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin");
  dv.path_or_inline_dv = "vBn[lx{q8@P<9BNH/isA";
  ASSERT_OK_AND_ASSIGN(path, dv.AbsolutePath("/data/t"));
  EXPECT_EQ(path, "/data/t/deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin");
}

TEST(DvDescriptorTest, AbsolutePathsDropTheFileSchemeAndDecodeEscapes) {
  DeletionVectorDescriptor dv{.storage_type = "p"};
  for (const char* uri :
       {"file:///tmp/a%20b/dv.bin", "file:/tmp/a%20b/dv.bin", "/tmp/a%20b/dv.bin"}) {
    dv.path_or_inline_dv = uri;
    ASSERT_OK_AND_ASSIGN(std::string path, dv.AbsolutePath("/ignored"));
    EXPECT_EQ(path, "/tmp/a b/dv.bin") << uri;
  }
  dv.path_or_inline_dv = "s3://mytable/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin";
  Status st = dv.AbsolutePath("/t").status();
  EXPECT_TRUE(st.IsNotImplemented()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr("s3 URIs are not supported"));
  dv.path_or_inline_dv = "file://otherhost/tmp/x";
  EXPECT_TRUE(dv.AbsolutePath("/t").status().IsNotImplemented());
  dv.path_or_inline_dv = "relative/dv.bin";
  EXPECT_TRUE(dv.AbsolutePath("/t").status().IsInvalid());
  dv.path_or_inline_dv = "/tmp/bad%2";
  st = dv.AbsolutePath("/t").status();
  EXPECT_TRUE(st.IsInvalid()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr("malformed %-escape"));
}

TEST(DvDescriptorTest, AbsolutePathRejectsWhatHasNoFile) {
  DeletionVectorDescriptor dv{
      .storage_type = "i", .path_or_inline_dv = "wi5b=", .size_in_bytes = 4};
  Status st = dv.AbsolutePath("/t").status();
  EXPECT_TRUE(st.IsInvalid()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr("inline deletion vector"));
  dv.storage_type = "x";
  EXPECT_THAT(dv.AbsolutePath("/t").status().message(), HasSubstr("unknown storage type"));
  dv.storage_type = "u";
  dv.path_or_inline_dv = "short";
  EXPECT_THAT(dv.AbsolutePath("/t").status().message(), HasSubstr("at least 20 characters"));
  dv.path_or_inline_dv = "vBn[lx{q8@P<9BNH/is ";
  st = dv.AbsolutePath("/t").status();
  EXPECT_TRUE(st.IsInvalid()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr("position 19"));
  for (const char* prefix : {"../", "a//", "/", "./"}) {
    dv.path_or_inline_dv = std::string(prefix) + "vBn[lx{q8@P<9BNH/isA";
    EXPECT_TRUE(dv.AbsolutePath("/t").status().IsInvalid()) << prefix;
  }
}

// ---------------------------------------------------------------- bitmap

TEST(DeletionBitmapTest, EncodesLikeDeltaWriters) {
  // PROTOCOL.md Example 3's rows in the portable format, as Delta writers
  // produce it (44 bytes; the protocol's own text uses the older native
  // format, see NativeFormatIsReportedAsUnsupported).
  const std::string bytes = Encode({3, 4, 7, 11, 18, 29});
  EXPECT_EQ(bytes.size(), 44U);
  EXPECT_EQ(EncodeZ85(bytes), "^Bg9^0rr910000000000iXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L");
  ASSERT_OK_AND_ASSIGN(DeletedRows rows, DecodeDeletionBitmap(bytes));
  EXPECT_THAT(AllRows(rows), ElementsAre(3, 4, 7, 11, 18, 29));
  EXPECT_EQ(rows.Cardinality(), 6U);
}

TEST(DeletionBitmapTest, EmptySetRoundTrips) {
  const std::string bytes = Encode({});
  EXPECT_EQ(bytes.size(), 12U);  // Magic and a zero bucket count.
  ASSERT_OK_AND_ASSIGN(DeletedRows rows, DecodeDeletionBitmap(bytes));
  EXPECT_TRUE(rows.empty());
  EXPECT_FALSE(rows.Contains(0));
  EXPECT_TRUE(rows.RangeDeleted(0, 100).empty());
  EXPECT_EQ(rows.CountInRange(0, kAllRows), 0U);
  // An empty bucket is legal too.
  ASSERT_OK_AND_ASSIGN(
      rows, DecodeDeletionBitmap(Bitmap64({{7, Bytes({0x3a, 0x30, 0, 0, 0, 0, 0, 0})}})));
  EXPECT_TRUE(rows.empty());
}

TEST(DeletionBitmapTest, RoundTripsEveryContainerKindAndBucket) {
  const std::vector<uint64_t> input = MixedRows();
  const std::string bytes = Encode(input);
  // The first bucket holds a run, so it uses the run cookie.
  EXPECT_EQ(static_cast<uint8_t>(bytes[16]) | (static_cast<uint8_t>(bytes[17]) << 8), 12347);
  ASSERT_OK_AND_ASSIGN(DeletedRows rows, DecodeDeletionBitmap(bytes));
  EXPECT_EQ(rows.Cardinality(), input.size());
  EXPECT_EQ(AllRows(rows), input);
  for (const uint64_t row : input) EXPECT_TRUE(rows.Contains(row)) << row;
  for (const uint64_t row :
       std::vector<uint64_t>{0, 5, 69999, 75000, 131073, k2To32 + 1, 3 * k2To32}) {
    EXPECT_FALSE(rows.Contains(row)) << row;
  }
  EXPECT_EQ(rows.Serialize(), bytes);
}

TEST(DeletionBitmapTest, RangesMatchABruteForceCount) {
  const std::vector<uint64_t> input = MixedRows();
  const std::set<uint64_t> set(input.begin(), input.end());
  ASSERT_OK_AND_ASSIGN(DeletedRows rows, DeletedRows::FromRows(input));
  const std::vector<std::pair<uint64_t, uint64_t>> ranges = {{0, 10},
                                                             {4, 8},
                                                             {69990, 70010},
                                                             {74999, 131075},
                                                             {0, 200000},
                                                             {29, 29},
                                                             {k2To32 - 3, k2To32 + 10},
                                                             {k2To32 + 6, 5 * k2To32 + 2},
                                                             {0, kAllRows},
                                                             {kAllRows - 1, kAllRows},
                                                             {100, 50}};
  for (const auto& [begin, end] : ranges) {
    std::vector<uint64_t> expected;
    for (auto it = set.lower_bound(begin); it != set.end() && *it < end; ++it)
      expected.push_back(*it);
    EXPECT_EQ(rows.RangeDeleted(begin, end), expected) << begin << ".." << end;
    EXPECT_EQ(rows.CountInRange(begin, end), expected.size()) << begin << ".." << end;
  }
  std::vector<uint64_t> appended = {42};
  rows.AppendRangeDeleted(0, 8, &appended);
  EXPECT_THAT(appended, ElementsAre(42, 3, 4, 7));
}

TEST(DeletionBitmapTest, AcceptsUnsortedRowsWithDuplicates) {
  ASSERT_OK_AND_ASSIGN(DeletedRows rows, DeletedRows::FromRows(std::vector<uint64_t>{
                                             9, k2To32 + 1, 0, 9, 5, k2To32 + 1}));
  EXPECT_THAT(AllRows(rows), ElementsAre(0, 5, 9, k2To32 + 1));
  EXPECT_EQ(rows.Cardinality(), 4U);
  const Status st = EncodeDeletionBitmap(std::vector<uint64_t>{1, kAllRows}).status();
  EXPECT_TRUE(st.IsInvalid()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr("9223372036854775808"));
}

// ------------------------------------------------------------ corruption

void ExpectCorrupt(const std::string& bytes, const std::string& message) {
  const Status st = DecodeDeletionBitmap(bytes).status();
  EXPECT_TRUE(st.IsCorruption()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr(message));
}

TEST(DeletionBitmapCorruptionTest, RejectsBadHeaders) {
  std::string bytes = Encode({1, 2});
  bytes[0] ^= 2;
  ExpectCorrupt(bytes, "magic number 1681511379 (expected 1681511377)");
  bytes = Encode({1, 2});
  bytes[11] = 0x10;  // 2^60 buckets.
  ExpectCorrupt(bytes, "1152921504606846977 buckets cannot fit in the");
  ExpectCorrupt(Encode({1, 2}) + "x", "1 bytes left over after 1 buckets");
}

TEST(DeletionBitmapCorruptionTest, NativeFormatIsReportedAsUnsupported) {
  // PROTOCOL.md Example 3, in the native format with big-endian framing.
  ASSERT_OK_AND_ASSIGN(std::string bytes,
                       DecodeZ85("wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L"));
  const Status st = DecodeDeletionBitmap(bytes).status();
  EXPECT_TRUE(st.IsNotImplemented()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr("native RoaringBitmapArray format"));
}

TEST(DeletionBitmapCorruptionTest, EveryTruncationFails) {
  const std::string bytes = Encode({3, 4, 5, 6, 7, 11, 18, 29, 70000, k2To32 + 9, 3 * k2To32});
  for (size_t size = 0; size < bytes.size(); ++size) {
    const Status st = DecodeDeletionBitmap(bytes.substr(0, size)).status();
    EXPECT_TRUE(st.IsCorruption()) << size << ": " << st.ToString();
  }
  // The bitset container of a dense bucket, too.
  std::vector<uint64_t> dense;
  for (uint64_t r = 0; r < 65536; r += 2) dense.push_back(r);
  const std::string bitset = Encode(dense);
  for (size_t size = 0; size < bitset.size(); size += 97) {
    EXPECT_TRUE(DecodeDeletionBitmap(bitset.substr(0, size)).status().IsCorruption()) << size;
  }
}

TEST(DeletionBitmapCorruptionTest, RejectsBadBucketKeys) {
  const std::string one = ArrayBitmap32({{0, {1}}});
  ExpectCorrupt(Bitmap64({{5, one}, {5, one}}), "key 5 does not ascend (previous 5)");
  ExpectCorrupt(Bitmap64({{5, one}, {4, one}}), "key 4 does not ascend");
  ExpectCorrupt(Bitmap64({{0x80000000U, one}}), "key 2147483648 has its top bit set");
}

TEST(DeletionBitmapCorruptionTest, RejectsBadContainers) {
  ExpectCorrupt(Bitmap64({{0, ArrayBitmap32({{0, {1, 5, 5}}})}}),
                "bucket 0: container 0 (key 0): array values not ascending at byte 36: 5 after 5");
  ExpectCorrupt(Bitmap64({{0, ArrayBitmap32({{3, {1}}, {2, {1}}})}}),
                "container keys not ascending: 2 after 3");
  ExpectCorrupt(Bitmap64({{0, RunBitmap32({{10, 4}, {12, 0}}, 6)}}), "runs overlap");
  ExpectCorrupt(Bitmap64({{0, RunBitmap32({{65530, 6}}, 7)}}), "passes 65535");
  ExpectCorrupt(Bitmap64({{0, RunBitmap32({{10, 4}}, 6)}}),
                "run container holds 5 values, its header says 6");
  std::string bad_cookie = ArrayBitmap32({{0, {1}}});
  bad_cookie[0] = 0x39;
  ExpectCorrupt(Bitmap64({{0, bad_cookie}}), "bad Roaring cookie 12345");
  std::string many = ArrayBitmap32({});
  many[6] = 0x02;  // 131072 containers.
  ExpectCorrupt(Bitmap64({{0, many}}), "131072 containers");
  // A bitset container (cardinality > 4096) whose bits disagree.
  std::string bitset;
  PutU32(&bitset, 12346);
  PutU32(&bitset, 1);
  PutU16(&bitset, 0);
  PutU16(&bitset, 4999);  // 5000 values claimed.
  PutU32(&bitset, 16);
  bitset.append(8192, '\0');
  bitset[16] = 0x0F;
  ExpectCorrupt(Bitmap64({{0, bitset}}), "bitset container holds 4 values, its header says 5000");
}

TEST(DeletionBitmapCorruptionTest, FlippedBytesNeverYieldAnInconsistentSet) {
  const std::string bytes = Encode({3, 4, 5, 6, 7, 11, 18, 29, 70000, 70001, k2To32 + 9});
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (const int mask : {0x01, 0x80, 0xFF}) {
      std::string damaged = bytes;
      damaged[i] = static_cast<char>(damaged[i] ^ mask);
      auto rows = DecodeDeletionBitmap(damaged);
      if (!rows.ok()) continue;  // Offsets are not checked, so some flips decode.
      const std::vector<uint64_t> all = AllRows(*rows);
      EXPECT_EQ(all.size(), rows->Cardinality()) << i;
      for (const uint64_t row : all) EXPECT_TRUE(rows->Contains(row)) << i << " " << row;
    }
  }
}

// ---------------------------------------------------------------- loading

class LoadDeletionVectorTest : public ::testing::Test {
 protected:
  // Writes a DV file holding `bitmaps` at `name` under the temp dir; returns
  // each DV's offset.
  std::vector<int32_t> WriteDvFile(const std::string& name, const std::vector<std::string>& bitmaps,
                                   int version = 1) {
    std::string file(1, static_cast<char>(version));
    std::vector<int32_t> offsets;
    for (const std::string& bitmap : bitmaps) {
      offsets.push_back(static_cast<int32_t>(file.size()));
      PutBigEndian32(&file, static_cast<uint32_t>(bitmap.size()));
      file += bitmap;
      PutBigEndian32(&file, parquet::Crc32(AsBytes(bitmap)));
    }
    CHECK_OK(WriteWholeFile(fs_.get(), dir_.Join(name), AsBytes(file)));
    return offsets;
  }

  DeletionVectorDescriptor UuidDv(int32_t offset, const std::string& bitmap, int64_t cardinality) {
    return {.storage_type = "u",
            .path_or_inline_dv = "vBn[lx{q8@P<9BNH/isA",
            .offset = offset,
            .size_in_bytes = static_cast<int32_t>(bitmap.size()),
            .cardinality = cardinality};
  }

  Status LoadError(const DeletionVectorDescriptor& dv) {
    return LoadDeletionVector(fs_.get(), dir_.path(), dv).status();
  }

  static constexpr const char* kUuidFile =
      "deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin";
  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
};

TEST_F(LoadDeletionVectorTest, LoadsTheSparkFixture) {
  const std::string table = DeltaFixture("table-with-dv-small");
  // The descriptor of the add action in _delta_log/00000000000000000001.json,
  // written by Databricks Runtime for `DELETE ... WHERE value IN (0, 9)`.
  ASSERT_OK_AND_ASSIGN(auto log,
                       ReadWholeFile(fs_.get(), table + "/_delta_log/00000000000000000001.json"));
  ASSERT_THAT(std::string(log->view()),
              HasSubstr(R"("deletionVector":{"storageType":"u","pathOrInlineDv":)"
                        R"("vBn[lx{q8@P<9BNH/isA","offset":1,"sizeInBytes":36,"cardinality":2})"));
  const DeletionVectorDescriptor dv{.storage_type = "u",
                                    .path_or_inline_dv = "vBn[lx{q8@P<9BNH/isA",
                                    .offset = 1,
                                    .size_in_bytes = 36,
                                    .cardinality = 2};
  ASSERT_OK_AND_ASSIGN(DeletedRows rows, LoadDeletionVector(fs_.get(), table, dv));
  EXPECT_EQ(rows.Cardinality(), 2U);
  EXPECT_THAT(rows.RangeDeleted(0, 10), ElementsAre(0, 9));
  EXPECT_TRUE(rows.Contains(0));
  EXPECT_FALSE(rows.Contains(1));
  EXPECT_TRUE(rows.Contains(9));
  // Our encoder writes the same bytes Spark did.
  ASSERT_OK_AND_ASSIGN(auto file, ReadWholeFile(fs_.get(), table + "/" + kUuidFile));
  EXPECT_EQ(Encode({0, 9}), std::string(file->view().substr(5, 36)));
}

// Reads the one int column of a fixture table's only data file.
std::vector<int64_t> FixtureValues(FileSystem* fs, const std::string& table) {
  std::vector<int64_t> values;
  auto files = fs->Glob(table + "/*.parquet");
  EXPECT_TRUE(files.ok() && files->size() == 1) << table;
  if (!files.ok() || files->size() != 1) return values;
  auto reader = parquet::ParquetReader::Open(fs, files->front());
  EXPECT_OK(reader.status());
  if (!reader.ok()) return values;
  auto batches = (*reader)->ReadAll({0});
  EXPECT_OK(batches.status());
  if (!batches.ok()) return values;
  for (const auto& batch : *batches) {
    const auto& column = batch->column(0);
    for (int64_t i = 0; i < batch->num_rows(); ++i) {
      values.push_back(column->type()->bit_width() == 32 ? column->Value<int32_t>(i)
                                                         : column->Value<int64_t>(i));
    }
  }
  return values;
}

TEST_F(LoadDeletionVectorTest, FixtureDeletesTheRowsTheDeleteMatched) {
  // The twin table without a DV holds all ten rows; the DV table's file holds
  // the same ten, and its DV must remove exactly value IN (0, 9).
  EXPECT_THAT(FixtureValues(fs_.get(), DeltaFixture("table-without-dv-small")),
              ElementsAre(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
  const std::string table = DeltaFixture("table-with-dv-small");
  const std::vector<int64_t> values = FixtureValues(fs_.get(), table);
  ASSERT_EQ(values.size(), 10U);
  ASSERT_OK_AND_ASSIGN(
      DeletedRows rows,
      LoadDeletionVector(fs_.get(), table, {"u", "vBn[lx{q8@P<9BNH/isA", 1, 36, 2}));
  std::vector<int64_t> live;
  std::vector<int64_t> deleted;
  for (size_t i = 0; i < values.size(); ++i)
    (rows.Contains(i) ? deleted : live).push_back(values[i]);
  EXPECT_THAT(deleted, ElementsAre(0, 9));
  EXPECT_THAT(live, ElementsAre(1, 2, 3, 4, 5, 6, 7, 8));
}

TEST_F(LoadDeletionVectorTest, LoadsEachDvOfAFileByOffset) {
  const std::string first = Encode({1, 2, 3});
  const std::string second = Encode({k2To32, k2To32 + 7});
  const std::vector<int32_t> offsets = WriteDvFile(kUuidFile, {first, second});
  ASSERT_OK_AND_ASSIGN(DeletedRows rows,
                       LoadDeletionVector(fs_.get(), dir_.path(), UuidDv(offsets[0], first, 3)));
  EXPECT_THAT(AllRows(rows), ElementsAre(1, 2, 3));
  ASSERT_OK_AND_ASSIGN(rows,
                       LoadDeletionVector(fs_.get(), dir_.path(), UuidDv(offsets[1], second, 2)));
  EXPECT_THAT(AllRows(rows), ElementsAre(k2To32, k2To32 + 7));
  // The same file through an absolute "p" URI.
  const DeletionVectorDescriptor by_path{.storage_type = "p",
                                         .path_or_inline_dv = "file://" + dir_.Join(kUuidFile),
                                         .offset = offsets[1],
                                         .size_in_bytes = static_cast<int32_t>(second.size()),
                                         .cardinality = 2};
  ASSERT_OK_AND_ASSIGN(rows, LoadDeletionVector(fs_.get(), "/elsewhere", by_path));
  EXPECT_EQ(rows.Cardinality(), 2U);
}

TEST_F(LoadDeletionVectorTest, FileErrorsNameTheFileAndOffset) {
  const std::string bitmap = Encode({1, 2, 3});
  const std::vector<int32_t> offsets = WriteDvFile(kUuidFile, {bitmap});
  const std::string where = dir_.Join(kUuidFile) + " at offset 1";

  Status st = LoadError(UuidDv(offsets[0], bitmap, 4));
  EXPECT_TRUE(st.IsCorruption()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr(where));
  EXPECT_THAT(st.message(), HasSubstr("holds 3 rows, the descriptor's cardinality is 4"));

  DeletionVectorDescriptor dv = UuidDv(offsets[0], bitmap, 3);
  dv.size_in_bytes += 1;
  st = LoadError(dv);
  EXPECT_TRUE(st.IsCorruption()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr("sizeInBytes"));

  dv = UuidDv(offsets[0], bitmap, 3);
  dv.offset.reset();  // Absent means 0: the version byte.
  EXPECT_THAT(LoadError(dv).message(), HasSubstr("points at the format version byte"));

  dv.offset = 1000;
  st = LoadError(dv);
  EXPECT_TRUE(st.IsCorruption()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr("passes the end of the"));

  WriteDvFile(kUuidFile, {bitmap}, /*version=*/2);
  st = LoadError(UuidDv(offsets[0], bitmap, 3));
  EXPECT_TRUE(st.IsCorruption()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr(where + ": format version 2 (expected 1)"));

  ASSERT_OK(fs_->DeleteFile(dir_.Join(kUuidFile)));
  st = LoadError(UuidDv(offsets[0], bitmap, 3));
  EXPECT_TRUE(st.IsNotFound()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr(where));
}

TEST_F(LoadDeletionVectorTest, DetectsDamagedBytes) {
  const std::string bitmap = Encode({1, 2, 3});
  const std::vector<int32_t> offsets = WriteDvFile(kUuidFile, {bitmap});
  ASSERT_OK_AND_ASSIGN(auto file, ReadWholeFile(fs_.get(), dir_.Join(kUuidFile)));
  const std::string original(file->view());
  // Every flipped byte after the version byte is caught: by the size check,
  // the CRC or the bounds.
  for (size_t i = 1; i < original.size(); ++i) {
    std::string damaged = original;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x10);
    ASSERT_OK(WriteWholeFile(fs_.get(), dir_.Join(kUuidFile), AsBytes(damaged)));
    const Status st = LoadError(UuidDv(offsets[0], bitmap, 3));
    EXPECT_TRUE(st.IsCorruption()) << i << ": " << st.ToString();
  }
  std::string bad_crc = original;
  bad_crc.back() = static_cast<char>(bad_crc.back() ^ 1);
  ASSERT_OK(WriteWholeFile(fs_.get(), dir_.Join(kUuidFile), AsBytes(bad_crc)));
  EXPECT_THAT(LoadError(UuidDv(offsets[0], bitmap, 3)).message(), HasSubstr("CRC-32 mismatch"));
}

TEST_F(LoadDeletionVectorTest, LoadsInlineDvs) {
  // The portable twin of PROTOCOL.md Example 3 (see EncodesLikeDeltaWriters).
  DeletionVectorDescriptor dv{
      .storage_type = "i",
      .path_or_inline_dv = "^Bg9^0rr910000000000iXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L",
      .size_in_bytes = 44,
      .cardinality = 6};
  ASSERT_OK_AND_ASSIGN(DeletedRows rows, LoadDeletionVector(fs_.get(), dir_.path(), dv));
  EXPECT_THAT(AllRows(rows), ElementsAre(3, 4, 7, 11, 18, 29));

  // A bitmap whose size is not a multiple of 4 is padded before Z85.
  std::string odd = Encode({100, 101, 102, 103, 104, 105, 106, 107, 108, 109});
  ASSERT_NE(odd.size() % 4, 0U) << "expected a run container";
  const auto size = static_cast<int32_t>(odd.size());
  odd.resize((odd.size() + 3) / 4 * 4, '\0');
  dv = {.storage_type = "i",
        .path_or_inline_dv = EncodeZ85(odd),
        .size_in_bytes = size,
        .cardinality = 10};
  ASSERT_OK_AND_ASSIGN(rows, LoadDeletionVector(fs_.get(), dir_.path(), dv));
  EXPECT_EQ(rows.CountInRange(100, 110), 10U);

  dv.size_in_bytes = size - 4;
  Status st = LoadError(dv);
  EXPECT_TRUE(st.IsCorruption()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr("inline deletion vector"));
  dv.size_in_bytes = size;
  dv.cardinality = 11;
  EXPECT_THAT(LoadError(dv).message(), HasSubstr("cardinality is 11"));
  dv.cardinality = 10;
  dv.offset = 1;
  EXPECT_TRUE(LoadError(dv).IsInvalid());
  dv.offset.reset();
  dv.path_or_inline_dv += "\"";
  EXPECT_TRUE(LoadError(dv).IsInvalid());
  dv.size_in_bytes = -1;
  EXPECT_TRUE(LoadError(dv).IsInvalid());
}

}  // namespace
}  // namespace strata::delta
