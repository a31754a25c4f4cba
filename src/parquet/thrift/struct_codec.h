// Internal to parquet/thrift: the building blocks the metadata encoders and
// decoders share. Every metadata type T has `Decode(CompactReader*, T*)` and
// `Encode(CompactWriter*, const T&)`; fields, optionals and lists are handled
// generically from those, keyed on the wire type each C++ type maps to.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "parquet/format_enums.h"
#include "parquet/thrift/compact_protocol.h"
#include "parquet/thrift/metadata.h"

namespace strata::parquet::thrift {

// The wire type a C++ value is stored as. Enums are i32 unless they stand
// for a union (then a struct); structs are structs.
template <typename T>
inline constexpr WireType kWireTypeOf = std::is_enum_v<T> ? WireType::kI32 : WireType::kStruct;
template <>
inline constexpr WireType kWireTypeOf<bool> = WireType::kBoolTrue;
template <>
inline constexpr WireType kWireTypeOf<int8_t> = WireType::kByte;
template <>
inline constexpr WireType kWireTypeOf<int16_t> = WireType::kI16;
template <>
inline constexpr WireType kWireTypeOf<int32_t> = WireType::kI32;
template <>
inline constexpr WireType kWireTypeOf<int64_t> = WireType::kI64;
template <>
inline constexpr WireType kWireTypeOf<std::string> = WireType::kBinary;
template <typename T>
inline constexpr WireType kWireTypeOf<std::vector<T>> = WireType::kList;
template <>
inline constexpr WireType kWireTypeOf<ColumnOrder> = WireType::kStruct;
template <>
inline constexpr WireType kWireTypeOf<BloomFilterAlgorithm> = WireType::kStruct;
template <>
inline constexpr WireType kWireTypeOf<BloomFilterHash> = WireType::kStruct;
template <>
inline constexpr WireType kWireTypeOf<BloomFilterCompression> = WireType::kStruct;

inline bool WireTypeMatches(WireType actual, WireType expected) {
  return expected == WireType::kBoolTrue ? IsBoolType(actual) : actual == expected;
}

// What an i32-coded enum is called in messages, and which values it defines.
template <typename E>
struct EnumInfo;
template <>
struct EnumInfo<PhysicalType> {
  static constexpr std::string_view kWhat = "physical type";
  static bool IsValid(int32_t v) { return IsValidPhysicalType(v); }
};
template <>
struct EnumInfo<Repetition> {
  static constexpr std::string_view kWhat = "repetition type";
  static bool IsValid(int32_t v) { return IsValidRepetition(v); }
};
template <>
struct EnumInfo<ConvertedType> {
  static constexpr std::string_view kWhat = "converted type";
  static bool IsValid(int32_t v) { return IsValidConvertedType(v); }
};
template <>
struct EnumInfo<Encoding> {
  static constexpr std::string_view kWhat = "encoding";
  // The spec adds encodings and codecs over time: a value strata does not
  // know is a feature it lacks (NotImplemented), not a corrupt file.
  static constexpr bool kOpenEnded = true;
  static bool IsValid(int32_t v) { return IsValidEncoding(v); }
};
template <>
struct EnumInfo<CompressionCodec> {
  static constexpr std::string_view kWhat = "compression codec";
  static constexpr bool kOpenEnded = true;
  static bool IsValid(int32_t v) { return IsValidCompressionCodec(v); }
};
template <>
struct EnumInfo<PageType> {
  static constexpr std::string_view kWhat = "page type";
  static bool IsValid(int32_t v) { return IsValidPageType(v); }
};
template <>
struct EnumInfo<BoundaryOrder> {
  static constexpr std::string_view kWhat = "boundary order";
  static bool IsValid(int32_t v) { return v >= 0 && v <= 2; }
};
template <>
struct EnumInfo<EdgeInterpolationAlgorithm> {
  static constexpr std::string_view kWhat = "edge interpolation algorithm";
  static bool IsValid(int32_t v) { return v >= 0 && v <= 4; }
};

template <typename E>
concept CodedEnum = requires(int32_t v) {
  EnumInfo<E>::IsValid(v);
};

// Scalars. A bool here is a list element (one byte); bool fields carry their
// value in the field header and never reach Decode.
Status Decode(CompactReader* reader, bool* out);
Status Decode(CompactReader* reader, int8_t* out);
Status Decode(CompactReader* reader, int16_t* out);
Status Decode(CompactReader* reader, int32_t* out);
Status Decode(CompactReader* reader, int64_t* out);
Status Decode(CompactReader* reader, std::string* out);
void Encode(CompactWriter* writer, bool value);
void Encode(CompactWriter* writer, int8_t value);
void Encode(CompactWriter* writer, int16_t value);
void Encode(CompactWriter* writer, int32_t value);
void Encode(CompactWriter* writer, int64_t value);
void Encode(CompactWriter* writer, const std::string& value);

template <CodedEnum E>
Status Decode(CompactReader* reader, E* out) {
  const int64_t offset = reader->position();
  ASSIGN_OR_RETURN(const int32_t value, reader->ReadI32());
  if (!EnumInfo<E>::IsValid(value)) {
    if constexpr (requires { EnumInfo<E>::kOpenEnded; }) {
      if (value >= 0) {
        return Status::NotImplemented("{} {} is not supported by strata (at offset {})",
                                      EnumInfo<E>::kWhat, value, offset);
      }
    }
    return Status::Corruption("invalid {} {} at offset {}", EnumInfo<E>::kWhat, value, offset);
  }
  *out = static_cast<E>(value);
  return Status::OK();
}

template <CodedEnum E>
void Encode(CompactWriter* writer, E value) {
  writer->WriteI32(static_cast<int32_t>(value));
}

// Structs and unions: decoders in metadata_read.cc and page_read.cc, encoders
// in metadata_write.cc and page_write.cc.
Status Decode(CompactReader* reader, KeyValue* out);
Status Decode(CompactReader* reader, LogicalType* out);
Status Decode(CompactReader* reader, SchemaElement* out);
Status Decode(CompactReader* reader, Statistics* out);
Status Decode(CompactReader* reader, SizeStatistics* out);
Status Decode(CompactReader* reader, PageEncodingStats* out);
Status Decode(CompactReader* reader, ColumnMetaData* out);
Status Decode(CompactReader* reader, ColumnChunk* out);
Status Decode(CompactReader* reader, SortingColumn* out);
Status Decode(CompactReader* reader, RowGroup* out);
Status Decode(CompactReader* reader, ColumnOrder* out);
Status Decode(CompactReader* reader, FileMetaData* out);
Status Decode(CompactReader* reader, DataPageHeader* out);
Status Decode(CompactReader* reader, IndexPageHeader* out);
Status Decode(CompactReader* reader, DictionaryPageHeader* out);
Status Decode(CompactReader* reader, DataPageHeaderV2* out);
Status Decode(CompactReader* reader, PageHeader* out);
Status Decode(CompactReader* reader, PageLocation* out);
Status Decode(CompactReader* reader, OffsetIndex* out);
Status Decode(CompactReader* reader, ColumnIndex* out);
Status Decode(CompactReader* reader, BloomFilterAlgorithm* out);
Status Decode(CompactReader* reader, BloomFilterHash* out);
Status Decode(CompactReader* reader, BloomFilterCompression* out);
Status Decode(CompactReader* reader, BloomFilterHeader* out);

void Encode(CompactWriter* writer, const KeyValue& value);
void Encode(CompactWriter* writer, const LogicalType& value);
void Encode(CompactWriter* writer, const SchemaElement& value);
void Encode(CompactWriter* writer, const Statistics& value);
void Encode(CompactWriter* writer, const SizeStatistics& value);
void Encode(CompactWriter* writer, const PageEncodingStats& value);
void Encode(CompactWriter* writer, const ColumnMetaData& value);
void Encode(CompactWriter* writer, const ColumnChunk& value);
void Encode(CompactWriter* writer, const SortingColumn& value);
void Encode(CompactWriter* writer, const RowGroup& value);
void Encode(CompactWriter* writer, const ColumnOrder& value);
void Encode(CompactWriter* writer, const FileMetaData& value);
void Encode(CompactWriter* writer, const DataPageHeader& value);
void Encode(CompactWriter* writer, const IndexPageHeader& value);
void Encode(CompactWriter* writer, const DictionaryPageHeader& value);
void Encode(CompactWriter* writer, const DataPageHeaderV2& value);
void Encode(CompactWriter* writer, const PageHeader& value);
void Encode(CompactWriter* writer, const PageLocation& value);
void Encode(CompactWriter* writer, const OffsetIndex& value);
void Encode(CompactWriter* writer, const ColumnIndex& value);
void Encode(CompactWriter* writer, const BloomFilterAlgorithm& value);
void Encode(CompactWriter* writer, const BloomFilterHash& value);
void Encode(CompactWriter* writer, const BloomFilterCompression& value);
void Encode(CompactWriter* writer, const BloomFilterHeader& value);

// Consumes a field the caller does not decode; always "not decoded".
inline Result<bool> SkipField(CompactReader* reader, const FieldHeader& field) {
  RETURN_NOT_OK(reader->Skip(field.type));
  return false;
}

template <typename T>
Status DecodeListElements(CompactReader* reader, const ListHeader& header, std::vector<T>* out) {
  RETURN_NOT_OK(reader->ChargeMemory(header.size * static_cast<int64_t>(sizeof(T))));
  out->clear();
  out->reserve(static_cast<size_t>(header.size));
  for (int64_t i = 0; i < header.size; ++i) {
    T value{};
    RETURN_NOT_OK(Decode(reader, &value));
    out->push_back(std::move(value));
  }
  return Status::OK();
}

// ReadField decodes `field` into `out` and returns true, or, when the field
// arrived with a wire type other than the one `out` implies (a writer bug or a
// future change), skips it and returns false. Either way the field is consumed.
inline Result<bool> ReadField(CompactReader* reader, const FieldHeader& field, bool* out) {
  if (!IsBoolType(field.type)) return SkipField(reader, field);
  *out = field.bool_value();
  return true;
}

template <typename T>
Result<bool> ReadField(CompactReader* reader, const FieldHeader& field, T* out) {
  if (field.type != kWireTypeOf<T>) return SkipField(reader, field);
  RETURN_NOT_OK(Decode(reader, out));
  return true;
}

template <typename T>
Result<bool> ReadField(CompactReader* reader, const FieldHeader& field, std::vector<T>* out) {
  if (field.type != WireType::kList) return SkipField(reader, field);
  ASSIGN_OR_RETURN(const ListHeader header, reader->ReadListHeader());
  if (header.size > 0 && !WireTypeMatches(header.element_type, kWireTypeOf<T>)) {
    RETURN_NOT_OK(reader->SkipListElements(header));
    return false;
  }
  RETURN_NOT_OK(DecodeListElements(reader, header, out));
  return true;
}

template <typename T>
Result<bool> ReadField(CompactReader* reader, const FieldHeader& field, std::optional<T>* out) {
  T value{};
  ASSIGN_OR_RETURN(const bool decoded, ReadField(reader, field, &value));
  if (decoded) *out = std::move(value);
  return decoded;
}

// One field of a struct, for messages and the required-field check.
struct FieldSpec {
  int16_t id;
  std::string_view name;
  bool required;
};

// "Struct.field" for field `id`, or "Struct field <id>" for an unknown one.
std::string FieldContext(std::string_view struct_name, std::span<const FieldSpec> fields,
                         int16_t id);
// Corruption naming the struct and the first required field not in `seen`
// (bit i set when field i was decoded).
Status CheckRequired(std::string_view struct_name, std::span<const FieldSpec> fields, uint64_t seen,
                     int64_t struct_offset);

// Reads one struct: `on_field(const FieldHeader&) -> Result<bool>` must consume
// each field (ReadField or SkipField) and say whether it decoded it. Errors
// inside a field are prefixed with "Struct.field: ", so a message reads as a
// path from the outermost struct.
template <typename OnField>
Status ReadStruct(CompactReader* reader, std::string_view struct_name,
                  std::span<const FieldSpec> fields, OnField&& on_field) {
  const int64_t start = reader->position();
  RETURN_NOT_OK(reader->ReadStructBegin());
  uint64_t seen = 0;
  while (true) {
    ASSIGN_OR_RETURN(const FieldHeader field, reader->ReadFieldHeader());
    if (field.type == WireType::kStop) break;
    Result<bool> decoded = on_field(field);
    if (!decoded.ok()) {
      return decoded.status().WithContext(FieldContext(struct_name, fields, field.id));
    }
    if (*decoded && field.id >= 0 && field.id < 64) seen |= uint64_t{1} << field.id;
  }
  reader->ReadStructEnd();
  return CheckRequired(struct_name, fields, seen, start);
}

// Decodes one T from the start of `data`, reporting the bytes it took: the
// shared body of the public Read* functions.
template <typename T>
Result<T> DecodeMessage(std::span<const uint8_t> data, const ThriftLimits& limits,
                        int64_t* consumed) {
  CompactReader reader(data, limits);
  T value{};
  RETURN_NOT_OK(Decode(&reader, &value));
  if (consumed != nullptr) *consumed = reader.position();
  return value;
}

template <typename T>
void WriteField(CompactWriter* writer, int16_t id, const T& value) {
  writer->WriteFieldHeader(kWireTypeOf<T>, id);
  Encode(writer, value);
}

inline void WriteField(CompactWriter* writer, int16_t id, bool value) {
  writer->WriteBoolField(id, value);
}

template <typename T>
void WriteField(CompactWriter* writer, int16_t id, const std::optional<T>& value) {
  if (value.has_value()) WriteField(writer, id, *value);
}

template <typename T>
void Encode(CompactWriter* writer, const std::vector<T>& values) {
  writer->WriteListHeader(kWireTypeOf<T>, static_cast<int64_t>(values.size()));
  for (const auto& value : values) Encode(writer, static_cast<const T&>(value));
}

// An empty struct as a union member (e.g. TypeDefinedOrder, StringType).
inline void WriteEmptyStructField(CompactWriter* writer, int16_t id) {
  writer->WriteFieldHeader(WireType::kStruct, id);
  writer->WriteStructBegin();
  writer->WriteStructEnd();
}

// Encodes `value` at the end of `out`, which is restored on failure.
template <typename T>
Status EncodeMessage(const T& value, Buffer* out) {
  const size_t original_size = out->size();
  CompactWriter writer(out);
  Encode(&writer, value);
  if (!writer.status().ok()) {
    // Shrinking keeps the bytes before `original_size` and cannot fail.
    RETURN_NOT_OK(out->Resize(original_size));
  }
  return writer.status();
}

}  // namespace strata::parquet::thrift
