// Behaviour every codec shares: round trips, exact output sizes, and never
// crashing, hanging or over-allocating on damaged input. Codec-specific
// formats are tested beside each codec.
#include "parquet/codec/codec.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/mman.h>

#include <random>
#include <thread>

#include "parquet/codec/codec_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using codec_test::Bytes;
using codec_test::CompressedForm;
using codec_test::Concat;
using codec_test::MakeCodec;
using codec_test::RandomBytes;
using codec_test::RepetitiveBytes;
using ::testing::HasSubstr;

constexpr CompressionCodec kReadableCodecs[] = {
    CompressionCodec::kUncompressed, CompressionCodec::kSnappy, CompressionCodec::kGzip,
    CompressionCodec::kBrotli,       CompressionCodec::kLz4,    CompressionCodec::kZstd,
    CompressionCodec::kLz4Raw,
};
// All but the deprecated LZ4, which is only ever read.
constexpr CompressionCodec kWritableCodecs[] = {
    CompressionCodec::kUncompressed, CompressionCodec::kSnappy, CompressionCodec::kGzip,
    CompressionCodec::kBrotli,       CompressionCodec::kZstd,   CompressionCodec::kLz4Raw,
};

std::string CodecParamName(const ::testing::TestParamInfo<CompressionCodec>& param) {
  return std::string(CompressionCodecName(param.param));
}

class CodecTest : public ::testing::TestWithParam<CompressionCodec> {
 protected:
  void SetUp() override { codec_ = MakeCodec(GetParam()); }

  // Decompresses the compressed form of `raw` and checks it comes back.
  void ExpectRoundTrip(const Bytes& raw) {
    Bytes compressed = CompressedForm(GetParam(), raw);
    Bytes out(raw.size());
    ASSERT_OK(codec_->Decompress(compressed, out));
    EXPECT_TRUE(out == raw) << "round trip of " << raw.size() << " bytes differs";
  }

  Status DecompressInto(const Bytes& compressed, size_t output_size) {
    Bytes out(output_size);
    return codec_->Decompress(compressed, out);
  }

  bool Writes() const { return GetParam() != CompressionCodec::kLz4; }

  std::unique_ptr<Codec> codec_;
};

TEST_P(CodecTest, ReportsItsEnumAndName) {
  EXPECT_EQ(codec_->codec(), GetParam());
  EXPECT_EQ(codec_->name(), CompressionCodecName(GetParam()));
}

TEST_P(CodecTest, RoundTripsEmpty) { ExpectRoundTrip({}); }

TEST_P(CodecTest, RoundTripsOneByte) {
  ExpectRoundTrip({0x00});
  ExpectRoundTrip({0xff});
}

TEST_P(CodecTest, RoundTripsOneMiBOfRandomBytes) { ExpectRoundTrip(RandomBytes(1 << 20, 1)); }

TEST_P(CodecTest, RoundTripsTenMiBOfRepetitiveBytes) {
  Bytes raw = RepetitiveBytes(10 << 20);
  ExpectRoundTrip(raw);
  if (GetParam() != CompressionCodec::kUncompressed) {
    EXPECT_LT(CompressedForm(GetParam(), raw).size(), raw.size() / 3);
  }
}

TEST_P(CodecTest, RoundTripsManySmallSizes) {
  for (size_t size = 0; size < 300; size += 7) ExpectRoundTrip(RandomBytes(size, size));
}

using WritableCodecTest = CodecTest;

TEST_P(WritableCodecTest, EmptyInputCompressesToTheCodecsEmptyForm) {
  Buffer out;
  ASSERT_OK(codec_->Compress({}, &out));
  EXPECT_EQ(out.empty(), GetParam() == CompressionCodec::kUncompressed);
  EXPECT_OK(codec_->Decompress(out.span(), {}));
}

TEST_P(WritableCodecTest, CompressAppendsAfterExistingBytes) {
  Buffer out;
  ASSERT_OK(out.Append(std::string_view("header")));
  Bytes raw = RepetitiveBytes(5000);
  ASSERT_OK(codec_->Compress(raw, &out));
  EXPECT_EQ(out.view().substr(0, 6), "header");
  Bytes back(raw.size());
  ASSERT_OK(codec_->Decompress(out.span().subspan(6), back));
  EXPECT_TRUE(back == raw);
}

TEST_P(WritableCodecTest, CompressedSizeStaysWithinMaxCompressedLength) {
  for (size_t size : {size_t{0}, size_t{1}, size_t{100}, size_t{70000}, size_t{1} << 20}) {
    Buffer out;
    ASSERT_OK(codec_->Compress(RandomBytes(size, size), &out));
    EXPECT_LE(static_cast<int64_t>(out.size()), codec_->MaxCompressedLength(size)) << size;
  }
}

TEST_P(CodecTest, OutputSmallerThanTheDataIsCorruptionNamingBothSizes) {
  Bytes compressed = CompressedForm(GetParam(), RepetitiveBytes(1000));
  Status st = DecompressInto(compressed, 999);
  EXPECT_TRUE(st.IsCorruption()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr(std::string(codec_->name()) + ":"));
  EXPECT_THAT(st.message(), HasSubstr("expected 999 bytes, got 1000"));
}

TEST_P(CodecTest, OutputLargerThanTheDataIsCorruptionNamingBothSizes) {
  Bytes compressed = CompressedForm(GetParam(), RepetitiveBytes(1000));
  Status st = DecompressInto(compressed, 1001);
  EXPECT_TRUE(st.IsCorruption()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr(std::string(codec_->name()) + ":"));
  EXPECT_THAT(st.message(), HasSubstr("expected 1001 bytes, got 1000"));
}

TEST_P(CodecTest, EmptyInputForNonEmptyOutputIsCorruption) {
  Status st = DecompressInto({}, 10);
  EXPECT_TRUE(st.IsCorruption()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr("expected 10 bytes, got 0"));
}

TEST_P(CodecTest, DataForNonEmptyOutputDoesNotFitAnEmptyOne) {
  Bytes compressed = CompressedForm(GetParam(), RepetitiveBytes(100));
  Status st = DecompressInto(compressed, 0);
  EXPECT_TRUE(st.IsCorruption()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr("expected 0 bytes, got 100"));
}

TEST_P(CodecTest, EveryTruncationIsCorruption) {
  Bytes raw = Concat(RepetitiveBytes(3000), RandomBytes(500, 7));
  Bytes compressed = CompressedForm(GetParam(), raw);
  for (size_t keep = 0; keep < compressed.size(); ++keep) {
    Bytes prefix(compressed.begin(), compressed.begin() + static_cast<ptrdiff_t>(keep));
    Status st = DecompressInto(prefix, raw.size());
    ASSERT_TRUE(st.IsCorruption())
        << "kept " << keep << " of " << compressed.size() << ": " << st.ToString();
  }
}

TEST_P(CodecTest, DamagedBytesGiveCorruptionOrDataNeverACrash) {
  Bytes raw = Concat(RepetitiveBytes(4000), RandomBytes(1000, 3));
  Bytes compressed = CompressedForm(GetParam(), raw);
  std::mt19937_64 rng(42);
  for (int trial = 0; trial < 2000; ++trial) {
    Bytes damaged = compressed;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < flips; ++i) damaged[rng() % damaged.size()] ^= 1 + rng() % 255;
    Status st = DecompressInto(damaged, raw.size());
    ASSERT_TRUE(st.ok() || st.IsCorruption()) << st.ToString();
  }
}

TEST_P(CodecTest, RandomGarbageIsCorruptionNeverACrash) {
  for (size_t size = 1; size < 2000; size += 13) {
    Bytes garbage = RandomBytes(size, size * 7);
    for (size_t output : {size_t{0}, size, size * 3}) {
      Status st = DecompressInto(garbage, output);
      // Uncompressed garbage of the right size is valid data.
      ASSERT_TRUE(st.ok() || st.IsCorruption()) << st.ToString();
    }
  }
}

// A small input claiming a huge output must fail fast within the caller's
// size: the decompressors write into the caller's span and allocate at most
// a bounded diagnosis buffer beside it.
TEST_P(CodecTest, BombIsBoundedByTheCallersSize) {
  Bytes zeros(size_t{32} << 20);
  Bytes bomb = CompressedForm(GetParam(), zeros);
  if (GetParam() != CompressionCodec::kUncompressed) {
    ASSERT_LT(bomb.size(), zeros.size() / 20);
  }
  zeros = {};
  Status st = DecompressInto(bomb, 4096);
  EXPECT_TRUE(st.IsCorruption()) << st.ToString();
  EXPECT_THAT(st.message(), HasSubstr("expected 4096"));
}

TEST_P(CodecTest, StaysUsableAfterErrors) {
  Bytes raw = RepetitiveBytes(20000);
  Bytes compressed = CompressedForm(GetParam(), raw);
  for (int round = 0; round < 3; ++round) {
    EXPECT_FALSE(DecompressInto(RandomBytes(300, round), raw.size()).ok());
    Bytes truncated(compressed.begin(), compressed.begin() + 10);
    EXPECT_FALSE(DecompressInto(truncated, raw.size()).ok());
    ExpectRoundTrip(raw);
  }
}

TEST_P(CodecTest, SeparateCodecsWorkInParallel) {
  const CompressionCodec kind = GetParam();
  auto work = [kind](uint64_t seed, bool* ok) {
    auto codec = MakeCodec(kind);
    Bytes raw = Concat(RepetitiveBytes(100000), RandomBytes(1000, seed));
    Bytes compressed = CompressedForm(kind, raw);
    Bytes out(raw.size());
    *ok = codec->Decompress(compressed, out).ok() && out == raw;
  };
  bool ok[4] = {};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) threads.emplace_back(work, i, &ok[i]);
  for (auto& t : threads) t.join();
  for (bool b : ok) EXPECT_TRUE(b);
}

// Sizes past what an i32 page header can state are rejected before any
// library sees them. The span covers reserved, never-touched address space.
TEST_P(CodecTest, RejectsBuffersLargerThanAPage) {
  const size_t size = static_cast<size_t>(Codec::kMaxPageBytes) + 1;
  void* region = mmap(nullptr, size, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  ASSERT_NE(region, MAP_FAILED);
  std::span<uint8_t> huge(static_cast<uint8_t*>(region), size);
  Buffer out;
  Bytes one(1);
  if (Writes()) {
    EXPECT_TRUE(codec_->Compress(huge, &out).IsInvalid());
  }
  EXPECT_TRUE(codec_->Decompress(huge, one).IsInvalid());
  EXPECT_TRUE(codec_->Decompress(one, huge).IsInvalid());
  munmap(region, size);
}

INSTANTIATE_TEST_SUITE_P(AllReadable, CodecTest, ::testing::ValuesIn(kReadableCodecs),
                         CodecParamName);
INSTANTIATE_TEST_SUITE_P(AllWritable, WritableCodecTest, ::testing::ValuesIn(kWritableCodecs),
                         CodecParamName);

TEST(CodecMakeTest, LzoIsNotImplemented) {
  auto codec = Codec::Make(CompressionCodec::kLzo);
  ASSERT_FALSE(codec.ok());
  EXPECT_TRUE(codec.status().IsNotImplemented());
  EXPECT_EQ(codec.status().message(), "LZO-compressed Parquet is not supported");
}

TEST(CodecMakeTest, UnknownEnumValueIsInvalid) {
  auto codec = Codec::Make(static_cast<CompressionCodec>(42));
  ASSERT_FALSE(codec.ok());
  EXPECT_TRUE(codec.status().IsInvalid()) << codec.status().ToString();
}

TEST(CodecMakeTest, LevelsOnlyForCodecsThatHaveThem) {
  for (CompressionCodec c : kReadableCodecs) {
    auto codec = Codec::Make(c, 1);
    EXPECT_EQ(codec.ok(), Codec::SupportsCompressionLevel(c)) << CompressionCodecName(c);
    if (!codec.ok()) {
      EXPECT_TRUE(codec.status().IsInvalid());
      EXPECT_THAT(codec.status().message(), HasSubstr("does not take a compression level"));
    }
  }
  EXPECT_TRUE(Codec::SupportsCompressionLevel(CompressionCodec::kGzip));
  EXPECT_TRUE(Codec::SupportsCompressionLevel(CompressionCodec::kZstd));
  EXPECT_TRUE(Codec::SupportsCompressionLevel(CompressionCodec::kBrotli));
  EXPECT_FALSE(Codec::SupportsCompressionLevel(CompressionCodec::kSnappy));
}

TEST(UncompressedCodecTest, CopiesBytesVerbatim) {
  auto codec = MakeCodec(CompressionCodec::kUncompressed);
  Bytes raw = RandomBytes(1000, 9);
  Buffer out;
  ASSERT_OK(codec->Compress(raw, &out));
  EXPECT_TRUE(Bytes(out.data(), out.data() + out.size()) == raw);
  EXPECT_EQ(codec->MaxCompressedLength(1000), 1000);
}

}  // namespace
}  // namespace strata::parquet
