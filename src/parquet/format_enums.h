// The enumerations of the Parquet format (parquet.thrift), with the numeric
// values used on disk. Shared by the metadata codec, the encodings, the
// compression codecs and the file reader/writer.
#pragma once

#include <cstdint>
#include <string_view>

namespace strata::parquet {

enum class PhysicalType : int32_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};

enum class Repetition : int32_t { kRequired = 0, kOptional = 1, kRepeated = 2 };

enum class Encoding : int32_t {
  kPlain = 0,
  kPlainDictionary = 2,
  kRle = 3,
  kBitPacked = 4,
  kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6,
  kDeltaByteArray = 7,
  kRleDictionary = 8,
  kByteStreamSplit = 9,
};

enum class CompressionCodec : int32_t {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kLzo = 3,
  kBrotli = 4,
  kLz4 = 5,  // Deprecated; usually Hadoop framing.
  kZstd = 6,
  kLz4Raw = 7,
};

enum class PageType : int32_t {
  kDataPage = 0,
  kIndexPage = 1,
  kDictionaryPage = 2,
  kDataPageV2 = 3
};

enum class ConvertedType : int32_t {
  kUtf8 = 0,
  kMap = 1,
  kMapKeyValue = 2,
  kList = 3,
  kEnum = 4,
  kDecimal = 5,
  kDate = 6,
  kTimeMillis = 7,
  kTimeMicros = 8,
  kTimestampMillis = 9,
  kTimestampMicros = 10,
  kUint8 = 11,
  kUint16 = 12,
  kUint32 = 13,
  kUint64 = 14,
  kInt8 = 15,
  kInt16 = 16,
  kInt32 = 17,
  kInt64 = 18,
  kJson = 19,
  kBson = 20,
  kInterval = 21,
};

enum class BoundaryOrder : int32_t { kUnordered = 0, kAscending = 1, kDescending = 2 };

// Names as the spec spells them ("RLE_DICTIONARY", "ZSTD", "INT64", ...), for
// messages and `strata meta`. Unknown values give "UNKNOWN(<n>)"-style text
// from the callers; these return "UNKNOWN" for values outside the enum.
std::string_view PhysicalTypeName(PhysicalType type);
std::string_view EncodingName(Encoding encoding);
std::string_view CompressionCodecName(CompressionCodec codec);
std::string_view PageTypeName(PageType type);
std::string_view ConvertedTypeName(ConvertedType type);

// Parses a codec name as users write it: uncompressed (or none), snappy,
// gzip, zstd, lz4 (meaning LZ4_RAW, the only LZ4 strata writes), lz4_raw,
// brotli; case-insensitive. False for anything else.
bool ParseCompressionCodec(std::string_view name, CompressionCodec* codec);

// Whether an on-disk integer is a value the enum defines (decoders check
// this before casting untrusted numbers).
bool IsValidPhysicalType(int32_t value);
bool IsValidEncoding(int32_t value);
bool IsValidCompressionCodec(int32_t value);
bool IsValidPageType(int32_t value);
bool IsValidRepetition(int32_t value);
bool IsValidConvertedType(int32_t value);

}  // namespace strata::parquet
