// Runs the codec fuzzer's entry point without libFuzzer, so g++ builds test
// it in ctest: over the files given as arguments (a corpus or a crash to
// reproduce), or else over a few thousand deterministic inputs: random bytes
// and valid compressed pages with bytes flipped, cut, inserted or repeated.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>
#include <vector>

#include "common/buffer.h"
#include "parquet/codec/codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace strata::parquet {
namespace {

using Bytes = std::vector<uint8_t>;

constexpr CompressionCodec kWritable[] = {
    CompressionCodec::kUncompressed, CompressionCodec::kSnappy, CompressionCodec::kGzip,
    CompressionCodec::kBrotli,       CompressionCodec::kZstd,   CompressionCodec::kLz4Raw,
};
// Indexes of kWritable's codecs in the fuzzer's codec table.
constexpr uint8_t kFuzzerIndex[] = {0, 1, 2, 3, 5, 6};
constexpr uint8_t kLz4FuzzerIndex = 4;

Bytes RawPage(std::mt19937_64& rng) {
  Bytes raw(rng() % 5000);
  const uint64_t alphabet = 1 + rng() % 255;  // small alphabets compress well
  for (auto& b : raw) b = static_cast<uint8_t>(rng() % alphabet);
  return raw;
}

Bytes Input(uint8_t codec_index, size_t output_size, const Bytes& payload) {
  Bytes input = {codec_index, static_cast<uint8_t>(output_size),
                 static_cast<uint8_t>(output_size >> 8), static_cast<uint8_t>(output_size >> 16)};
  input.insert(input.end(), payload.begin(), payload.end());
  return input;
}

void Mutate(std::mt19937_64& rng, Bytes* bytes) {
  if (bytes->empty()) return;
  switch (rng() % 4) {
    case 0: (*bytes)[rng() % bytes->size()] ^= static_cast<uint8_t>(1 + rng() % 255); break;
    case 1: bytes->resize(rng() % bytes->size()); break;
    case 2:
      bytes->insert(bytes->begin() + static_cast<ptrdiff_t>(rng() % bytes->size()),
                    static_cast<uint8_t>(rng()));
      break;
    default:
      bytes->insert(bytes->end(), bytes->begin(),
                    bytes->begin() + static_cast<ptrdiff_t>(rng() % bytes->size()));
      break;
  }
}

// A valid page for one codec, often with a wrong size or damaged bytes.
Bytes MutatedPage(std::mt19937_64& rng) {
  const size_t pick = rng() % std::size(kWritable);
  Bytes raw = RawPage(rng);
  Buffer compressed;
  CHECK_OK(std::move(Codec::Make(kWritable[pick])).ValueOrDie()->Compress(raw, &compressed));
  Bytes payload(compressed.data(), compressed.data() + compressed.size());
  uint8_t index = kFuzzerIndex[pick];
  // LZ4_RAW blocks also feed the deprecated LZ4 codec's raw fallback.
  if (kWritable[pick] == CompressionCodec::kLz4Raw && rng() % 2 == 0) index = kLz4FuzzerIndex;
  const int mutations = static_cast<int>(rng() % 3);
  for (int i = 0; i < mutations; ++i) Mutate(rng, &payload);
  size_t output_size = raw.size();
  if (rng() % 4 == 0) output_size = rng() % 10000;
  return Input(index, output_size, payload);
}

int RunGenerated(int count) {
  std::mt19937_64 rng(20240501);
  for (int i = 0; i < count; ++i) {
    Bytes input;
    if (i % 3 == 0) {
      Bytes payload(rng() % 3000);
      for (auto& b : payload) b = static_cast<uint8_t>(rng());
      input = Input(static_cast<uint8_t>(rng()), rng() % 20000, payload);
    } else {
      input = MutatedPage(rng);
    }
    LLVMFuzzerTestOneInput(input.data(), input.size());
  }
  std::printf("codec fuzz replay: %d generated inputs passed\n", count);
  return 0;
}

int RunFiles(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "cannot read %s\n", argv[i]);
      return 1;
    }
    Bytes input((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(input.data(), input.size());
  }
  std::printf("codec fuzz replay: %d files passed\n", argc - 1);
  return 0;
}

}  // namespace
}  // namespace strata::parquet

int main(int argc, char** argv) {
  if (argc > 1) return strata::parquet::RunFiles(argc, argv);
  return strata::parquet::RunGenerated(4000);
}
