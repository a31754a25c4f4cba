// The Parquet metadata structures of parquet.thrift (footer, page headers,
// page index, bloom filter header) as plain structs, and their compact-protocol
// encoding.
//
// Conventions:
// - A Thrift `optional` field is a std::optional; an optional list is a
//   std::optional<std::vector<T>>, because absent and empty differ (an absent
//   ColumnIndex.null_counts means "unknown", an empty one means "no pages").
// - Binary fields (statistics values, key metadata) are std::string bytes.
// - Enum fields hold the format_enums.h types and are validated on read: an
//   out-of-range value is a Corruption naming the field and the value.
//   Exception: ColumnMetaData.encodings and PageEncodingStats.encoding keep
//   the raw int32_t. They only summarise a chunk's pages, and an encoding
//   added by a newer writer must not make the whole footer unreadable (other
//   columns may still be read); the page headers, whose encodings a reader
//   actually needs, are validated.
// - Unions (LogicalType, ColumnOrder, bloom filter algorithm/hash/compression)
//   become a kind enum. An unknown union member reads as "none"/"unknown", never
//   as an error, as the spec asks of readers.
// - Decoding checks structure, required fields and enum values; semantic checks
//   (schema shape, offsets inside the file, decimal precision) belong to the
//   file reader.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/buffer.h"
#include "common/result.h"
#include "common/status.h"
#include "parquet/format_enums.h"
#include "parquet/thrift/compact_protocol.h"

namespace strata::parquet {

struct KeyValue {
  std::string key;
  std::optional<std::string> value;

  bool operator==(const KeyValue&) const = default;
};

// The numbers are the TimeUnit union's field ids.
enum class TimeUnit : int16_t { kMillis = 1, kMicros = 2, kNanos = 3 };

// GeographyType's edge interpolation (parquet.thrift EdgeInterpolationAlgorithm).
enum class EdgeInterpolationAlgorithm : int32_t {
  kSpherical = 0,
  kVincenty = 1,
  kThomas = 2,
  kAndoyer = 3,
  kKarney = 4,
};

// The numbers are the LogicalType union's field ids.
enum class LogicalTypeKind : int16_t {
  // No member strata knows: a newer annotation (or a TIME/TIMESTAMP with an
  // unknown unit). Readers should treat the column as not understood rather
  // than as its bare physical type. Never written: the writer omits it.
  kNone = 0,
  kString = 1,
  kMap = 2,
  kList = 3,
  kEnum = 4,
  kDecimal = 5,
  kDate = 6,
  kTime = 7,
  kTimestamp = 8,
  kInteger = 10,
  kNull = 11,  // The spec's UNKNOWN (NullType): every value is null.
  kJson = 12,
  kBson = 13,
  kUuid = 14,
  kFloat16 = 15,
  kVariant = 16,
  kGeometry = 17,
  kGeography = 18,
};

// One LogicalType union value; only the members of `kind` are meaningful.
struct LogicalType {
  LogicalTypeKind kind = LogicalTypeKind::kNone;
  // kDecimal.
  int32_t scale = 0;
  int32_t precision = 0;
  // kTime, kTimestamp.
  bool is_adjusted_to_utc = false;
  TimeUnit unit = TimeUnit::kMillis;
  // kInteger.
  int8_t bit_width = 0;
  bool is_signed = false;
  // kVariant.
  std::optional<int8_t> variant_specification_version;
  // kGeometry, kGeography.
  std::optional<std::string> crs;
  // kGeography.
  std::optional<EdgeInterpolationAlgorithm> edge_algorithm;

  bool operator==(const LogicalType&) const = default;
};

struct SchemaElement {
  std::optional<PhysicalType> type;  // Absent for groups.
  std::optional<int32_t> type_length;
  std::optional<Repetition> repetition_type;  // Absent (or anything) for the root.
  std::string name;
  std::optional<int32_t> num_children;  // Present for groups.
  std::optional<ConvertedType> converted_type;
  std::optional<int32_t> scale;
  std::optional<int32_t> precision;
  std::optional<int32_t> field_id;
  std::optional<LogicalType> logical_type;

  bool operator==(const SchemaElement&) const = default;
};

struct Statistics {
  std::optional<std::string> max;  // Deprecated: signed order only.
  std::optional<std::string> min;  // Deprecated: signed order only.
  std::optional<int64_t> null_count;
  std::optional<int64_t> distinct_count;
  std::optional<std::string> max_value;
  std::optional<std::string> min_value;
  std::optional<bool> is_max_value_exact;
  std::optional<bool> is_min_value_exact;
  std::optional<int64_t> nan_count;

  bool operator==(const Statistics&) const = default;
};

struct SizeStatistics {
  std::optional<int64_t> unencoded_byte_array_data_bytes;
  std::optional<std::vector<int64_t>> repetition_level_histogram;
  std::optional<std::vector<int64_t>> definition_level_histogram;

  bool operator==(const SizeStatistics&) const = default;
};

struct PageEncodingStats {
  PageType page_type = PageType::kDataPage;
  int32_t encoding = 0;  // Raw: see the file comment.
  int32_t count = 0;

  bool operator==(const PageEncodingStats&) const = default;
};

struct ColumnMetaData {
  PhysicalType type = PhysicalType::kBoolean;
  std::vector<int32_t> encodings;  // Raw Encoding values: see the file comment.
  std::vector<std::string> path_in_schema;
  CompressionCodec codec = CompressionCodec::kUncompressed;
  int64_t num_values = 0;
  int64_t total_uncompressed_size = 0;  // Includes page headers.
  int64_t total_compressed_size = 0;    // Includes page headers.
  std::optional<std::vector<KeyValue>> key_value_metadata;
  int64_t data_page_offset = 0;
  std::optional<int64_t> index_page_offset;
  std::optional<int64_t> dictionary_page_offset;
  std::optional<Statistics> statistics;
  std::optional<std::vector<PageEncodingStats>> encoding_stats;
  std::optional<int64_t> bloom_filter_offset;
  std::optional<int32_t> bloom_filter_length;
  std::optional<SizeStatistics> size_statistics;
  // Field 17 (geospatial_statistics) is skipped on read.

  bool operator==(const ColumnMetaData&) const = default;
};

struct ColumnChunk {
  std::optional<std::string> file_path;
  // Deprecated; required by the spec but tolerated when absent (reads as 0).
  int64_t file_offset = 0;
  std::optional<ColumnMetaData> meta_data;
  std::optional<int64_t> offset_index_offset;
  std::optional<int32_t> offset_index_length;
  std::optional<int64_t> column_index_offset;
  std::optional<int32_t> column_index_length;
  // Set when field 8 (crypto_metadata) is present, i.e. the column is
  // encrypted; its contents are not decoded and cannot be written back.
  bool has_crypto_metadata = false;
  std::optional<std::string> encrypted_column_metadata;

  bool operator==(const ColumnChunk&) const = default;
};

struct SortingColumn {
  int32_t column_idx = 0;
  bool descending = false;
  bool nulls_first = false;

  bool operator==(const SortingColumn&) const = default;
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  int64_t total_byte_size = 0;
  int64_t num_rows = 0;
  std::optional<std::vector<SortingColumn>> sorting_columns;
  std::optional<int64_t> file_offset;
  std::optional<int64_t> total_compressed_size;
  std::optional<int16_t> ordinal;

  bool operator==(const RowGroup&) const = default;
};

// The numbers are the ColumnOrder union's field ids. kUnknown (a member strata
// does not know) means min/max statistics must be ignored; it is written back
// as an empty union so the list stays aligned with the leaf columns.
enum class ColumnOrder : int16_t {
  kUnknown = 0,
  kTypeOrder = 1,
  kIeee754TotalOrder = 2,
  kInt96TimestampOrder = 3,
};

struct FileMetaData {
  int32_t version = 1;
  std::vector<SchemaElement> schema;
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
  std::optional<std::vector<KeyValue>> key_value_metadata;
  std::optional<std::string> created_by;
  std::optional<std::vector<ColumnOrder>> column_orders;
  // Set when field 8 (encryption_algorithm) is present: an encrypted file
  // with a plaintext footer, which the reader refuses. Not decoded further.
  bool has_encryption_algorithm = false;
  std::optional<std::string> footer_signing_key_metadata;

  bool operator==(const FileMetaData&) const = default;
};

struct DataPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::kPlain;
  Encoding definition_level_encoding = Encoding::kRle;
  Encoding repetition_level_encoding = Encoding::kRle;
  std::optional<Statistics> statistics;

  bool operator==(const DataPageHeader&) const = default;
};

struct IndexPageHeader {
  bool operator==(const IndexPageHeader&) const = default;
};

struct DictionaryPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::kPlain;
  std::optional<bool> is_sorted;

  bool operator==(const DictionaryPageHeader&) const = default;
};

struct DataPageHeaderV2 {
  int32_t num_values = 0;
  int32_t num_nulls = 0;
  int32_t num_rows = 0;
  Encoding encoding = Encoding::kPlain;
  int32_t definition_levels_byte_length = 0;
  int32_t repetition_levels_byte_length = 0;
  // Absent on disk means true; always written.
  bool is_compressed = true;
  std::optional<Statistics> statistics;

  bool operator==(const DataPageHeaderV2&) const = default;
};

struct PageHeader {
  PageType type = PageType::kDataPage;
  int32_t uncompressed_page_size = 0;  // Excludes this header.
  int32_t compressed_page_size = 0;    // Excludes this header.
  std::optional<int32_t> crc;
  std::optional<DataPageHeader> data_page_header;
  std::optional<IndexPageHeader> index_page_header;
  std::optional<DictionaryPageHeader> dictionary_page_header;
  std::optional<DataPageHeaderV2> data_page_header_v2;

  bool operator==(const PageHeader&) const = default;
};

struct PageLocation {
  int64_t offset = 0;
  int32_t compressed_page_size = 0;  // Includes the page header.
  int64_t first_row_index = 0;

  bool operator==(const PageLocation&) const = default;
};

struct OffsetIndex {
  std::vector<PageLocation> page_locations;
  std::optional<std::vector<int64_t>> unencoded_byte_array_data_bytes;

  bool operator==(const OffsetIndex&) const = default;
};

struct ColumnIndex {
  std::vector<bool> null_pages;
  std::vector<std::string> min_values;
  std::vector<std::string> max_values;
  BoundaryOrder boundary_order = BoundaryOrder::kUnordered;
  std::optional<std::vector<int64_t>> null_counts;
  std::optional<std::vector<int64_t>> repetition_level_histograms;
  std::optional<std::vector<int64_t>> definition_level_histograms;
  std::optional<std::vector<int64_t>> nan_counts;

  bool operator==(const ColumnIndex&) const = default;
};

// The bloom filter unions each have one member today; kUnknown stands for a
// member added later, which makes the filter unusable (skip it, not the file).
enum class BloomFilterAlgorithm : int16_t { kUnknown = 0, kSplitBlock = 1 };
enum class BloomFilterHash : int16_t { kUnknown = 0, kXxHash = 1 };
enum class BloomFilterCompression : int16_t { kUnknown = 0, kUncompressed = 1 };

struct BloomFilterHeader {
  int32_t num_bytes = 0;  // Size of the bitset that follows the header.
  BloomFilterAlgorithm algorithm = BloomFilterAlgorithm::kSplitBlock;
  BloomFilterHash hash = BloomFilterHash::kXxHash;
  BloomFilterCompression compression = BloomFilterCompression::kUncompressed;

  bool operator==(const BloomFilterHeader&) const = default;
};

// Decoders. Each reads one struct from the start of `data` (trailing bytes are
// ignored) and fails with Corruption on malformed input, a missing required
// field, an invalid enum value or a limit exceeded. The two whose struct is
// followed by a body (a page, a bloom filter bitset) report the bytes the
// header took in `*header_size` when it is not null.
Result<FileMetaData> ReadFileMetaData(std::span<const uint8_t> data,
                                      const ThriftLimits& limits = {});
// Also fails when the header's sizes are negative or the header that `type`
// names (data, dictionary or v2) is missing.
Result<PageHeader> ReadPageHeader(std::span<const uint8_t> data, int64_t* header_size,
                                  const ThriftLimits& limits = {});
Result<ColumnIndex> ReadColumnIndex(std::span<const uint8_t> data, const ThriftLimits& limits = {});
Result<OffsetIndex> ReadOffsetIndex(std::span<const uint8_t> data, const ThriftLimits& limits = {});
Result<BloomFilterHeader> ReadBloomFilterHeader(std::span<const uint8_t> data, int64_t* header_size,
                                                const ThriftLimits& limits = {});

// Encoders. Each appends one struct to `out`: required fields always, optional
// ones only when present, fields in id order, bool list elements as 1/2.
// On error `out` is left as it was. WriteFileMetaData refuses (NotImplemented)
// metadata of encrypted files, whose encryption structs are not kept.
Status WriteFileMetaData(const FileMetaData& metadata, Buffer* out);
Status WritePageHeader(const PageHeader& header, Buffer* out);
Status WriteColumnIndex(const ColumnIndex& index, Buffer* out);
Status WriteOffsetIndex(const OffsetIndex& index, Buffer* out);
Status WriteBloomFilterHeader(const BloomFilterHeader& header, Buffer* out);

}  // namespace strata::parquet
