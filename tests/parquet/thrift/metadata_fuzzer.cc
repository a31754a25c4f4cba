// libFuzzer entry point for the metadata decoders: every decoder runs on the
// input, and whatever decodes must survive an encode/decode round trip whose
// second encoding is byte-identical to the first (decoding may normalise,
// e.g. drop an unknown logical type, but only once).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "parquet/thrift/metadata.h"

namespace strata::parquet {
namespace {

[[noreturn]] void Fail(const char* what, const Status& status) {
  std::fprintf(stderr, "metadata_fuzzer: %s: %s\n", what, status.ToString().c_str());
  std::abort();
}

// Encodes `value`, decodes it back and encodes again; the two encodings must match.
template <typename T, typename ReadFn, typename WriteFn>
void CheckRoundTrip(const char* what, const T& value, ReadFn&& read, WriteFn&& write) {
  Buffer first;
  Status status = write(value, &first);
  if (status.IsNotImplemented()) return;  // encrypted metadata is read-only
  if (!status.ok()) Fail(what, status);
  Result<T> decoded = read(first.span());
  if (!decoded.ok()) Fail(what, decoded.status());
  Buffer second;
  if (Status again = write(*decoded, &second); !again.ok()) Fail(what, again);
  if (first.view() != second.view()) Fail(what, Status::Internal("re-encoding differs"));
}

template <typename T, typename ReadFn, typename WriteFn>
void Exercise(const char* what, std::span<const uint8_t> input, ReadFn&& read, WriteFn&& write) {
  Result<T> decoded = read(input);
  if (decoded.ok()) {
    CheckRoundTrip(what, *decoded, read, write);
  } else if (decoded.status().code() != StatusCode::kCorruption &&
             decoded.status().code() != StatusCode::kNotImplemented) {
    // Malformed input is corruption; an unknown encoding or codec number is
    // a missing feature.
    Fail(what, decoded.status());
  }
}

void FuzzOne(std::span<const uint8_t> input) {
  Exercise<FileMetaData>(
      "FileMetaData", input, [](auto bytes) { return ReadFileMetaData(bytes); }, WriteFileMetaData);
  Exercise<PageHeader>(
      "PageHeader", input, [](auto bytes) { return ReadPageHeader(bytes, nullptr); },
      WritePageHeader);
  Exercise<ColumnIndex>(
      "ColumnIndex", input, [](auto bytes) { return ReadColumnIndex(bytes); }, WriteColumnIndex);
  Exercise<OffsetIndex>(
      "OffsetIndex", input, [](auto bytes) { return ReadOffsetIndex(bytes); }, WriteOffsetIndex);
  Exercise<BloomFilterHeader>(
      "BloomFilterHeader", input, [](auto bytes) { return ReadBloomFilterHeader(bytes, nullptr); },
      WriteBloomFilterHeader);
}

}  // namespace
}  // namespace strata::parquet

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  strata::parquet::FuzzOne(std::span<const uint8_t>(data, size));
  return 0;
}
