// Runs the fuzz entry point (encoding_fuzzer.cc) over deterministic inputs:
// random bytes, and valid encodings with bytes flipped, inserted or cut off.
// Under the Sanitize build this is the ASan/UBSan check of every decoder.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "common/buffer.h"
#include "encoding_test_util.h"
#include "parquet/encoding/byte_stream_split.h"
#include "parquet/encoding/delta_binary_packed.h"
#include "parquet/encoding/delta_byte_array.h"
#include "parquet/encoding/dictionary.h"
#include "parquet/encoding/plain.h"
#include "parquet/encoding/rle_bit_packed.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace strata::parquet {
namespace {

using testing::RandomStrings;
using testing::RandomValues;
using testing::RandomWalk;
using testing::Views;

constexpr int kSelectors = 17;

std::vector<uint8_t> ValidRuns(int bit_width, int64_t n, std::mt19937_64& rng) {
  std::vector<uint32_t> values(static_cast<size_t>(n));
  const uint64_t mask = bit_width == 0 ? 0 : (uint64_t{1} << bit_width) - 1;
  for (size_t i = 0; i < values.size(); ++i) {
    values[i] = (i > 0 && rng() % 2 == 0) ? values[i - 1] : static_cast<uint32_t>(rng() & mask);
  }
  RleBitPackedEncoder encoder(bit_width);
  Buffer out;
  CHECK_OK(encoder.Put(values.data(), n));
  CHECK_OK(encoder.Flush(&out));
  return testing::ToVector(out);
}

// A valid body for the decoder that `selector` picks (see the fuzzer).
std::vector<uint8_t> ValidBody(int selector, int param, int64_t n, std::mt19937_64& rng) {
  Buffer out;
  const auto strings = RandomStrings(n, 12, rng());
  const auto views = Views(strings);
  switch (selector) {
    case 7: return ValidRuns(std::clamp(param % 35 - 1, 0, 32), n, rng);
    case 16: return ValidRuns(1, n, rng);
    case 9: {
      const int entries = std::max(param, 1);
      auto body = RandomValues<uint8_t>(entries * 4, rng());
      std::vector<int32_t> indices(static_cast<size_t>(n));
      for (auto& i : indices) i = static_cast<int32_t>(rng() % static_cast<uint64_t>(entries));
      CHECK_OK(WriteDictionaryIndices(indices.data(), n, entries, &out));
      body.insert(body.end(), out.data(), out.data() + out.size());
      return body;
    }
    case 10:
    case 11: {
      DeltaBinaryPackedEncoder<int64_t> encoder;
      const auto values = RandomWalk<int64_t>(n, static_cast<int>(rng() % 40), rng());
      CHECK_OK(encoder.Put(values.data(), n));
      CHECK_OK(encoder.Flush(&out));
      break;
    }
    case 5: {
      PlainByteArrayEncoder encoder;
      CHECK_OK(encoder.Put(views.data(), n));
      CHECK_OK(encoder.Flush(&out));
      break;
    }
    case 12: {
      DeltaLengthByteArrayEncoder encoder;
      CHECK_OK(encoder.Put(views.data(), n));
      CHECK_OK(encoder.Flush(&out));
      break;
    }
    case 13: {
      DeltaByteArrayEncoder encoder;
      CHECK_OK(encoder.Put(views.data(), n));
      CHECK_OK(encoder.Flush(&out));
      break;
    }
    default: return RandomValues<uint8_t>(n * 8, rng());
  }
  return testing::ToVector(out);
}

void Mutate(std::vector<uint8_t>* bytes, std::mt19937_64& rng) {
  const int edits = static_cast<int>(rng() % 4);
  for (int e = 0; e < edits && !bytes->empty(); ++e) {
    const size_t at = rng() % bytes->size();
    switch (rng() % 4) {
      case 0: (*bytes)[at] = static_cast<uint8_t>(rng()); break;
      case 1: (*bytes)[at] ^= static_cast<uint8_t>(1U << (rng() % 8)); break;
      case 2:
        bytes->insert(bytes->begin() + static_cast<ptrdiff_t>(at), static_cast<uint8_t>(rng()));
        break;
      default: bytes->resize(at); break;
    }
  }
}

void RunFuzzInput(const std::vector<uint8_t>& input) {
  // An exact-size heap copy so ASan catches any read past the end.
  std::vector<uint8_t> copy(input);
  LLVMFuzzerTestOneInput(copy.data(), copy.size());
}

TEST(EncodingFuzzReplayTest, RandomBytes) {
  std::mt19937_64 rng(20240601);
  for (int i = 0; i < 3000; ++i) {
    std::vector<uint8_t> input(rng() % 200);
    for (auto& b : input) b = static_cast<uint8_t>(rng());
    if (input.size() >= 3) input[0] = static_cast<uint8_t>(i % kSelectors);
    RunFuzzInput(input);
  }
}

TEST(EncodingFuzzReplayTest, MutatedValidEncodings) {
  std::mt19937_64 rng(77);
  for (int i = 0; i < 3000; ++i) {
    const int selector = i % kSelectors;
    const int param = static_cast<int>(rng() % 256);
    const uint8_t count_byte = static_cast<uint8_t>(rng() % 20);
    const int64_t n = int64_t{count_byte} * 16 + (param & 15);
    std::vector<uint8_t> input = {static_cast<uint8_t>(selector), static_cast<uint8_t>(param),
                                  count_byte};
    std::vector<uint8_t> body = ValidBody(selector, param, n, rng);
    if (i % 5 != 0) Mutate(&body, rng);  // Every fifth stays valid.
    input.insert(input.end(), body.begin(), body.end());
    RunFuzzInput(input);
  }
}

}  // namespace
}  // namespace strata::parquet
