// Helpers shared by the parquet/thrift tests.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "common/buffer.h"
#include "parquet/thrift/compact_protocol.h"
#include "parquet/thrift/fixture_files.h"
#include "testing/status_matchers.h"

namespace strata::parquet::testing {

using Bytes = std::vector<uint8_t>;

inline Bytes ToBytes(const Buffer& buffer) {
  return {buffer.data(), buffer.data() + buffer.size()};
}

// The bytes `write(CompactWriter&)` produces.
template <typename WriteFn>
Bytes WriteWith(WriteFn&& write) {
  Buffer buffer;
  thrift::CompactWriter writer(&buffer);
  write(writer);
  EXPECT_OK(writer.status());
  return ToBytes(buffer);
}

// Encodes `value` with one of the Write* functions (e.g. WriteFileMetaData).
template <typename T, typename WriteFn>
Bytes EncodeWith(WriteFn&& write, const T& value) {
  Buffer buffer;
  EXPECT_OK(write(value, &buffer));
  return ToBytes(buffer);
}

// The fixtures directory; fails the current test when it is missing, since
// a test that silently checks nothing is worse than a red one.
inline std::filesystem::path FixturesDirOrFail() {
  std::optional<std::filesystem::path> dir = FindParquetFixturesDir();
  if (!dir) {
    ADD_FAILURE() << "Parquet fixtures not found: set STRATA_SOURCE_DIR to the repository root "
                     "(expected $STRATA_SOURCE_DIR/../shared/fixtures/parquet)";
    return {};
  }
  return *dir;
}

inline std::filesystem::path DataFile(const std::string& name) {
  return FixturesDirOrFail() / "data" / name;
}

}  // namespace strata::parquet::testing
