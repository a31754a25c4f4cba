#include "parquet/format_enums.h"

#include <cctype>
#include <string>
#include <utility>

namespace strata::parquet {

std::string_view PhysicalTypeName(PhysicalType type) {
  switch (type) {
    case PhysicalType::kBoolean: return "BOOLEAN";
    case PhysicalType::kInt32: return "INT32";
    case PhysicalType::kInt64: return "INT64";
    case PhysicalType::kInt96: return "INT96";
    case PhysicalType::kFloat: return "FLOAT";
    case PhysicalType::kDouble: return "DOUBLE";
    case PhysicalType::kByteArray: return "BYTE_ARRAY";
    case PhysicalType::kFixedLenByteArray: return "FIXED_LEN_BYTE_ARRAY";
  }
  return "UNKNOWN";
}

std::string_view EncodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kPlain: return "PLAIN";
    case Encoding::kPlainDictionary: return "PLAIN_DICTIONARY";
    case Encoding::kRle: return "RLE";
    case Encoding::kBitPacked: return "BIT_PACKED";
    case Encoding::kDeltaBinaryPacked: return "DELTA_BINARY_PACKED";
    case Encoding::kDeltaLengthByteArray: return "DELTA_LENGTH_BYTE_ARRAY";
    case Encoding::kDeltaByteArray: return "DELTA_BYTE_ARRAY";
    case Encoding::kRleDictionary: return "RLE_DICTIONARY";
    case Encoding::kByteStreamSplit: return "BYTE_STREAM_SPLIT";
  }
  return "UNKNOWN";
}

std::string_view CompressionCodecName(CompressionCodec codec) {
  switch (codec) {
    case CompressionCodec::kUncompressed: return "UNCOMPRESSED";
    case CompressionCodec::kSnappy: return "SNAPPY";
    case CompressionCodec::kGzip: return "GZIP";
    case CompressionCodec::kLzo: return "LZO";
    case CompressionCodec::kBrotli: return "BROTLI";
    case CompressionCodec::kLz4: return "LZ4";
    case CompressionCodec::kZstd: return "ZSTD";
    case CompressionCodec::kLz4Raw: return "LZ4_RAW";
  }
  return "UNKNOWN";
}

std::string_view PageTypeName(PageType type) {
  switch (type) {
    case PageType::kDataPage: return "DATA_PAGE";
    case PageType::kIndexPage: return "INDEX_PAGE";
    case PageType::kDictionaryPage: return "DICTIONARY_PAGE";
    case PageType::kDataPageV2: return "DATA_PAGE_V2";
  }
  return "UNKNOWN";
}

std::string_view ConvertedTypeName(ConvertedType type) {
  static constexpr std::string_view kNames[] = {"UTF8",
                                                "MAP",
                                                "MAP_KEY_VALUE",
                                                "LIST",
                                                "ENUM",
                                                "DECIMAL",
                                                "DATE",
                                                "TIME_MILLIS",
                                                "TIME_MICROS",
                                                "TIMESTAMP_MILLIS",
                                                "TIMESTAMP_MICROS",
                                                "UINT_8",
                                                "UINT_16",
                                                "UINT_32",
                                                "UINT_64",
                                                "INT_8",
                                                "INT_16",
                                                "INT_32",
                                                "INT_64",
                                                "JSON",
                                                "BSON",
                                                "INTERVAL"};
  auto i = static_cast<int32_t>(type);
  return i >= 0 && i <= 21 ? kNames[i] : "UNKNOWN";
}

bool ParseCompressionCodec(std::string_view name, CompressionCodec* codec) {
  std::string lower;
  for (char c : name)
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  static constexpr std::pair<std::string_view, CompressionCodec> kNames[] = {
      {"uncompressed", CompressionCodec::kUncompressed},
      {"none", CompressionCodec::kUncompressed},
      {"snappy", CompressionCodec::kSnappy},
      {"gzip", CompressionCodec::kGzip},
      {"zstd", CompressionCodec::kZstd},
      {"lz4", CompressionCodec::kLz4Raw},
      {"lz4_raw", CompressionCodec::kLz4Raw},
      {"brotli", CompressionCodec::kBrotli},
  };
  for (const auto& [n, c] : kNames) {
    if (lower == n) {
      *codec = c;
      return true;
    }
  }
  return false;
}

bool IsValidPhysicalType(int32_t value) { return value >= 0 && value <= 7; }
bool IsValidEncoding(int32_t value) { return value >= 0 && value <= 9 && value != 1; }
bool IsValidCompressionCodec(int32_t value) { return value >= 0 && value <= 7; }
bool IsValidPageType(int32_t value) { return value >= 0 && value <= 3; }
bool IsValidRepetition(int32_t value) { return value >= 0 && value <= 2; }
bool IsValidConvertedType(int32_t value) { return value >= 0 && value <= 21; }

}  // namespace strata::parquet
