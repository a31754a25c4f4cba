// Encode and decode throughput of the Parquet encodings, in MB/s of decoded
// values (8 bytes per int64/double, 4 per index, string bytes + 4-byte
// offsets for byte arrays). 1 Mi values per iteration, roughly a row group
// column of a real file.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "common/buffer.h"
#include "parquet/encoding/byte_stream_split.h"
#include "parquet/encoding/delta_binary_packed.h"
#include "parquet/encoding/delta_byte_array.h"
#include "parquet/encoding/dictionary.h"
#include "parquet/encoding/plain.h"
#include "parquet/encoding/rle_bit_packed.h"

namespace strata::parquet {
namespace {

constexpr int64_t kValues = 1 << 20;

std::vector<int64_t> Int64s() {
  std::mt19937_64 rng(1);
  std::vector<int64_t> out(kValues);
  for (auto& v : out) v = static_cast<int64_t>(rng() >> 20);
  return out;
}

std::vector<double> Doubles() {
  std::mt19937_64 rng(2);
  std::uniform_real_distribution<double> price(0, 1000);
  std::vector<double> out(kValues);
  for (auto& v : out) v = static_cast<double>(static_cast<int64_t>(price(rng) * 100)) / 100;
  return out;
}

// Microsecond timestamps about a millisecond apart, sorted.
std::vector<int64_t> Timestamps() {
  std::mt19937_64 rng(3);
  std::vector<int64_t> out(kValues);
  int64_t t = 1'700'000'000'000'000;
  for (auto& v : out) v = t += 1000 + static_cast<int64_t>(rng() % 200);
  return out;
}

// Width-10 dictionary indices with the runs real string columns show.
std::vector<int32_t> Indices() {
  std::mt19937_64 rng(4);
  std::vector<int32_t> out(kValues);
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = (i > 0 && rng() % 4 == 0) ? out[i - 1] : static_cast<int32_t>(rng() % 1024);
  }
  return out;
}

std::vector<std::string> Strings(bool sorted) {
  std::mt19937_64 rng(5);
  std::vector<std::string> out(kValues);
  for (size_t i = 0; i < out.size(); ++i) {
    if (sorted) {
      out[i] = "https://example.com/item/" + std::to_string(10'000'000 + i * 3);
    } else {
      out[i].resize(4 + rng() % 24);
      for (auto& c : out[i]) c = static_cast<char>('a' + rng() % 26);
    }
  }
  return out;
}

int64_t StringBytes(const std::vector<std::string>& strings) {
  int64_t total = 0;
  for (const auto& s : strings) total += static_cast<int64_t>(s.size()) + 4;
  return total;
}

template <typename Encoder, typename T>
Buffer EncodeWith(Encoder& encoder, const std::vector<T>& values) {
  Buffer out;
  CHECK_OK(encoder.Put(values.data(), static_cast<int64_t>(values.size())));
  CHECK_OK(encoder.Flush(&out));
  return out;
}

void SetBytes(benchmark::State& state, int64_t bytes_per_iteration) {
  state.SetBytesProcessed(state.iterations() * bytes_per_iteration);
}

void BM_PlainInt64Encode(benchmark::State& state) {
  const auto values = Int64s();
  PlainEncoder<int64_t> encoder;
  for (auto _ : state) benchmark::DoNotOptimize(EncodeWith(encoder, values));
  SetBytes(state, kValues * 8);
}

void BM_PlainInt64Decode(benchmark::State& state) {
  const auto values = Int64s();
  PlainEncoder<int64_t> encoder;
  const Buffer page = EncodeWith(encoder, values);
  std::vector<int64_t> out(kValues);
  for (auto _ : state) {
    PlainDecoder<int64_t> decoder;
    CHECK_OK(decoder.Init(page.span()));
    CHECK_OK(decoder.Decode(out.data(), kValues));
    benchmark::DoNotOptimize(out.data());
  }
  SetBytes(state, kValues * 8);
}

void BM_PlainDoubleEncode(benchmark::State& state) {
  const auto values = Doubles();
  PlainEncoder<double> encoder;
  for (auto _ : state) benchmark::DoNotOptimize(EncodeWith(encoder, values));
  SetBytes(state, kValues * 8);
}

void BM_PlainDoubleDecode(benchmark::State& state) {
  const auto values = Doubles();
  PlainEncoder<double> encoder;
  const Buffer page = EncodeWith(encoder, values);
  std::vector<double> out(kValues);
  for (auto _ : state) {
    PlainDecoder<double> decoder;
    CHECK_OK(decoder.Init(page.span()));
    CHECK_OK(decoder.Decode(out.data(), kValues));
    benchmark::DoNotOptimize(out.data());
  }
  SetBytes(state, kValues * 8);
}

void BM_RleIndicesWidth10Encode(benchmark::State& state) {
  const auto indices = Indices();
  RleBitPackedEncoder encoder(10);
  for (auto _ : state) benchmark::DoNotOptimize(EncodeWith(encoder, indices));
  SetBytes(state, kValues * 4);
}

void BM_RleIndicesWidth10Decode(benchmark::State& state) {
  const auto indices = Indices();
  RleBitPackedEncoder encoder(10);
  const Buffer page = EncodeWith(encoder, indices);
  std::vector<int32_t> out(kValues);
  for (auto _ : state) {
    RleBitPackedDecoder decoder;
    CHECK_OK(decoder.Init(page.span(), 10));
    CHECK_OK(decoder.GetBatch(out.data(), kValues));
    benchmark::DoNotOptimize(out.data());
  }
  SetBytes(state, kValues * 4);
}

// Indices decoded and gathered from a 1024-entry int64 dictionary.
void BM_DictionaryInt64Decode(benchmark::State& state) {
  const auto indices = Indices();
  Buffer page;
  CHECK_OK(WriteDictionaryIndices(indices.data(), kValues, 1024, &page));
  std::vector<int64_t> dictionary(1024);
  for (size_t i = 0; i < dictionary.size(); ++i) dictionary[i] = static_cast<int64_t>(i * 977);
  DictionaryDecoder<int64_t> decoder;
  CHECK_OK(
      decoder.SetDictionary({reinterpret_cast<const uint8_t*>(dictionary.data()), 1024 * 8}, 1024));
  std::vector<int64_t> out(kValues);
  for (auto _ : state) {
    CHECK_OK(decoder.Init(page.span()));
    CHECK_OK(decoder.Decode(out.data(), kValues));
    benchmark::DoNotOptimize(out.data());
  }
  SetBytes(state, kValues * 8);
}

void BM_DeltaTimestampsEncode(benchmark::State& state) {
  const auto values = Timestamps();
  DeltaBinaryPackedEncoder<int64_t> encoder;
  for (auto _ : state) benchmark::DoNotOptimize(EncodeWith(encoder, values));
  SetBytes(state, kValues * 8);
}

void BM_DeltaTimestampsDecode(benchmark::State& state) {
  const auto values = Timestamps();
  DeltaBinaryPackedEncoder<int64_t> encoder;
  const Buffer page = EncodeWith(encoder, values);
  std::vector<int64_t> out(kValues);
  for (auto _ : state) {
    DeltaBinaryPackedDecoder<int64_t> decoder;
    CHECK_OK(decoder.Init(page.span()));
    CHECK_OK(decoder.Decode(out.data(), kValues));
    benchmark::DoNotOptimize(out.data());
  }
  SetBytes(state, kValues * 8);
  state.counters["bytes_per_value"] = static_cast<double>(page.size()) / kValues;
}

template <typename Encoder>
Buffer EncodeStrings(const std::vector<std::string>& strings) {
  const std::vector<std::string_view> views(strings.begin(), strings.end());
  Encoder encoder;
  return EncodeWith(encoder, views);
}

template <typename Encoder>
void StringEncodeBench(benchmark::State& state, bool sorted) {
  const auto strings = Strings(sorted);
  const std::vector<std::string_view> views(strings.begin(), strings.end());
  Encoder encoder;
  for (auto _ : state) benchmark::DoNotOptimize(EncodeWith(encoder, views));
  SetBytes(state, StringBytes(strings));
}

template <typename Encoder, typename Decoder>
void StringDecodeBench(benchmark::State& state, bool sorted) {
  const auto strings = Strings(sorted);
  const Buffer page = EncodeStrings<Encoder>(strings);
  Buffer offsets;
  Buffer data;
  for (auto _ : state) {
    offsets.Clear();
    data.Clear();
    Decoder decoder;
    CHECK_OK(decoder.Init(page.span()));
    CHECK_OK(decoder.DecodeArrow(kValues, {&offsets, &data}));
    benchmark::DoNotOptimize(data.data());
  }
  SetBytes(state, StringBytes(strings));
}

void BM_DeltaLengthStringsEncode(benchmark::State& state) {
  StringEncodeBench<DeltaLengthByteArrayEncoder>(state, false);
}
void BM_DeltaLengthStringsDecode(benchmark::State& state) {
  StringDecodeBench<DeltaLengthByteArrayEncoder, DeltaLengthByteArrayDecoder>(state, false);
}
void BM_DeltaByteArraySortedEncode(benchmark::State& state) {
  StringEncodeBench<DeltaByteArrayEncoder>(state, true);
}
void BM_DeltaByteArraySortedDecode(benchmark::State& state) {
  StringDecodeBench<DeltaByteArrayEncoder, DeltaByteArrayDecoder>(state, true);
}
void BM_PlainStringsDecode(benchmark::State& state) {
  StringDecodeBench<PlainByteArrayEncoder, PlainByteArrayDecoder>(state, false);
}

void BM_ByteStreamSplitDoubleEncode(benchmark::State& state) {
  const auto values = Doubles();
  ByteStreamSplitEncoder encoder(8);
  for (auto _ : state) benchmark::DoNotOptimize(EncodeWith(encoder, values));
  SetBytes(state, kValues * 8);
}

void BM_ByteStreamSplitDoubleDecode(benchmark::State& state) {
  const auto values = Doubles();
  ByteStreamSplitEncoder encoder(8);
  const Buffer page = EncodeWith(encoder, values);
  std::vector<double> out(kValues);
  for (auto _ : state) {
    ByteStreamSplitDecoder decoder;
    CHECK_OK(decoder.Init(page.span(), 8));
    CHECK_OK(decoder.Decode(out.data(), kValues));
    benchmark::DoNotOptimize(out.data());
  }
  SetBytes(state, kValues * 8);
}

BENCHMARK(BM_PlainInt64Encode);
BENCHMARK(BM_PlainInt64Decode);
BENCHMARK(BM_PlainDoubleEncode);
BENCHMARK(BM_PlainDoubleDecode);
BENCHMARK(BM_RleIndicesWidth10Encode);
BENCHMARK(BM_RleIndicesWidth10Decode);
BENCHMARK(BM_DictionaryInt64Decode);
BENCHMARK(BM_DeltaTimestampsEncode);
BENCHMARK(BM_DeltaTimestampsDecode);
BENCHMARK(BM_PlainStringsDecode);
BENCHMARK(BM_DeltaLengthStringsEncode);
BENCHMARK(BM_DeltaLengthStringsDecode);
BENCHMARK(BM_DeltaByteArraySortedEncode);
BENCHMARK(BM_DeltaByteArraySortedDecode);
BENCHMARK(BM_ByteStreamSplitDoubleEncode);
BENCHMARK(BM_ByteStreamSplitDoubleDecode);

}  // namespace
}  // namespace strata::parquet

BENCHMARK_MAIN();
