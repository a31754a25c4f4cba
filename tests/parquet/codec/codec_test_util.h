// Helpers shared by the codec tests: deterministic data, fixture files and
// the Hadoop framing of the deprecated LZ4 codec (which strata never writes,
// so the tests build it themselves).
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parquet/codec/codec.h"

namespace strata::parquet::codec_test {

using Bytes = std::vector<uint8_t>;

inline Bytes RandomBytes(size_t size, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Bytes bytes(size);
  for (auto& b : bytes) b = static_cast<uint8_t>(rng());
  return bytes;
}

// Compressible like real pages: CSV-ish rows with a varying counter.
inline Bytes RepetitiveBytes(size_t size) {
  Bytes bytes;
  bytes.reserve(size + 64);
  for (uint64_t row = 0; bytes.size() < size; ++row) {
    std::string line = "2024-05-01T12:" + std::to_string(row % 60) + ",sensor-" +
                       std::to_string(row % 7) + "," + std::to_string(row * 31 % 1000) + "\n";
    bytes.insert(bytes.end(), line.begin(), line.end());
  }
  bytes.resize(size);
  return bytes;
}

// The rows the command-line tool vectors of these tests were made from
// (page.csv: 355 bytes).
inline std::string CliPageText() {
  std::string text = "timestamp,sensor,reading\n";
  for (int i = 0; i < 12; ++i) {
    text += fmt::format("2024-05-01T12:00:{:02d},s{},{}.5\n", i, i % 3, i * 7 % 23);
  }
  return text;
}

inline Bytes ToBytes(std::string_view text) { return Bytes(text.begin(), text.end()); }

inline Bytes Concat(const Bytes& a, const Bytes& b) {
  Bytes out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

inline std::unique_ptr<Codec> MakeCodec(CompressionCodec codec,
                                        std::optional<int> level = std::nullopt) {
  return std::move(Codec::Make(codec, level)).ValueOrDie();
}

inline Bytes Compress(Codec& codec, std::span<const uint8_t> input) {
  Buffer out;
  CHECK_OK(codec.Compress(input, &out));
  return Bytes(out.data(), out.data() + out.size());
}

inline void AppendBigEndian32(Bytes* out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<uint8_t>(value >> shift));
}

// One Hadoop frame: [u32 BE uncompressed][u32 BE compressed][raw LZ4 block].
inline Bytes HadoopFrame(std::span<const uint8_t> raw) {
  auto lz4 = MakeCodec(CompressionCodec::kLz4Raw);
  Bytes block = Compress(*lz4, raw);
  Bytes frame;
  AppendBigEndian32(&frame, static_cast<uint32_t>(raw.size()));
  AppendBigEndian32(&frame, static_cast<uint32_t>(block.size()));
  frame.insert(frame.end(), block.begin(), block.end());
  return frame;
}

// `raw` cut into `chunk`-sized pieces, one Hadoop frame each, as Hadoop's
// block compressor stream writes them.
inline Bytes HadoopFramed(std::span<const uint8_t> raw, size_t chunk) {
  Bytes out;
  for (size_t at = 0; at < raw.size(); at += chunk) {
    Bytes frame = HadoopFrame(raw.subspan(at, std::min(chunk, raw.size() - at)));
    out.insert(out.end(), frame.begin(), frame.end());
  }
  return out;
}

// The compressed form of `raw` for any readable codec: Compress, except for
// the deprecated LZ4, which gets Hadoop framing in 256 KiB frames.
inline Bytes CompressedForm(CompressionCodec codec, std::span<const uint8_t> raw) {
  if (codec == CompressionCodec::kLz4) return HadoopFramed(raw, size_t{256} << 10);
  return Compress(*MakeCodec(codec), raw);
}

// The files of apache/parquet-testing and friends, outside the repository:
// $STRATA_FIXTURES_DIR, else the shared checkout next to it.
inline std::string FixturePath(std::string_view name) {
  const char* dir = std::getenv("STRATA_FIXTURES_DIR");
  std::string base = dir != nullptr && *dir ? dir : STRATA_DEFAULT_FIXTURES_DIR;
  return base + "/parquet/data/" + std::string(name);
}

// The whole file, or an empty vector with a test failure when it is missing.
inline Bytes ReadFixture(std::string_view name) {
  std::string path = FixturePath(name);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "fixture missing: " << path << " (set STRATA_FIXTURES_DIR)";
    return {};
  }
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The leading i32 fields of the thrift-compact PageHeader at `offset`:
// type, uncompressed_page_size, compressed_page_size and, when present, crc.
// Just enough thrift for tests to find a page body in a fixture.
struct PageHeaderInts {
  int32_t type = 0;
  int32_t uncompressed_size = 0;
  int32_t compressed_size = 0;
  std::optional<int32_t> crc;
  size_t end = 0;  // offset just past the last field read
};

inline std::optional<PageHeaderInts> ReadPageHeaderInts(std::span<const uint8_t> file,
                                                        size_t offset) {
  std::vector<int32_t> values;
  // 0x15: field-id delta 1, type i32; the value is a zigzag varint.
  while (values.size() < 4 && offset < file.size() && file[offset] == 0x15) {
    ++offset;
    uint64_t raw = 0;
    for (int shift = 0; offset < file.size(); shift += 7) {
      raw |= uint64_t{file[offset] & 0x7fu} << shift;
      if ((file[offset++] & 0x80) == 0) break;
    }
    values.push_back(static_cast<int32_t>((raw >> 1) ^ (~(raw & 1) + 1)));
  }
  if (values.size() < 3) return std::nullopt;
  PageHeaderInts header{values[0], values[1], values[2], std::nullopt, offset};
  if (values.size() == 4) header.crc = values[3];
  return header;
}

}  // namespace strata::parquet::codec_test
