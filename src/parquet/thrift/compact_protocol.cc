#include "parquet/thrift/compact_protocol.h"

#include <bit>
#include <cstring>
#include <limits>

namespace strata::parquet::thrift {
namespace {

constexpr uint8_t kMaxWireType = 12;

// The fewest bytes one list element of `type` occupies: what lets a list
// header's count be checked against the input before anything is reserved.
int64_t MinElementBytes(WireType type) { return type == WireType::kDouble ? 8 : 1; }

std::string_view WireTypeName(WireType type) {
  switch (type) {
    case WireType::kStop: return "stop";
    case WireType::kBoolTrue:
    case WireType::kBoolFalse: return "bool";
    case WireType::kByte: return "i8";
    case WireType::kI16: return "i16";
    case WireType::kI32: return "i32";
    case WireType::kI64: return "i64";
    case WireType::kDouble: return "double";
    case WireType::kBinary: return "binary";
    case WireType::kList: return "list";
    case WireType::kSet: return "set";
    case WireType::kMap: return "map";
    case WireType::kStruct: return "struct";
  }
  return "invalid";
}

}  // namespace

CompactReader::CompactReader(std::span<const uint8_t> data, const ThriftLimits& limits)
    : data_(data), limits_(limits) {}

Status CompactReader::Truncated(int64_t offset, std::string_view what) const {
  return Status::Corruption("thrift: input ends inside {} at offset {} (input is {} bytes)", what,
                            offset, size());
}

Result<uint8_t> CompactReader::ReadByte() {
  if (pos_ >= size()) return Truncated(pos_, "a value");
  return data_[pos_++];
}

// ULEB128, at most 10 bytes; bits past the 64th are corruption, not wrap.
Result<uint64_t> CompactReader::ReadVarint() {
  const int64_t start = pos_;
  uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= size()) return Truncated(start, "a varint");
    const uint8_t byte = data_[pos_++];
    if (shift == 63 && byte > 1) {
      return Status::Corruption("thrift: varint at offset {} overflows 64 bits", start);
    }
    value |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  return Status::Corruption("thrift: varint at offset {} is longer than 10 bytes", start);
}

Status CompactReader::ReadStructBegin() {
  if (depth_ >= limits_.max_depth) {
    return Status::Corruption("thrift: nesting deeper than {} levels at offset {}",
                              limits_.max_depth, pos_);
  }
  ++depth_;
  last_field_ids_.push_back(0);
  return Status::OK();
}

void CompactReader::ReadStructEnd() {
  DCHECK(!last_field_ids_.empty());
  last_field_ids_.pop_back();
  --depth_;
}

Result<FieldHeader> CompactReader::ReadFieldHeader() {
  if (last_field_ids_.empty()) return Status::Internal("thrift: field header outside a struct");
  const int64_t start = pos_;
  ASSIGN_OR_RETURN(const uint8_t byte, ReadByte());
  const uint8_t type = byte & 0x0F;
  // Like the reference implementations, any byte with a zero type ends the struct.
  if (type == 0) return FieldHeader{};
  if (type > kMaxWireType) {
    return Status::Corruption("thrift: invalid field type {} at offset {}", type, start);
  }
  int32_t id = 0;
  if (const int delta = byte >> 4; delta != 0) {
    id = last_field_ids_.back() + delta;
    if (id > std::numeric_limits<int16_t>::max()) {
      return Status::Corruption("thrift: field id {} at offset {} overflows i16", id, start);
    }
  } else {
    ASSIGN_OR_RETURN(id, ReadI16());
  }
  last_field_ids_.back() = static_cast<int16_t>(id);
  return FieldHeader{static_cast<WireType>(type), static_cast<int16_t>(id)};
}

Result<bool> CompactReader::ReadBool() {
  ASSIGN_OR_RETURN(const uint8_t byte, ReadByte());
  return byte == 1;
}

Result<int8_t> CompactReader::ReadI8() {
  ASSIGN_OR_RETURN(const uint8_t byte, ReadByte());
  return static_cast<int8_t>(byte);
}

Result<int16_t> CompactReader::ReadI16() {
  const int64_t start = pos_;
  ASSIGN_OR_RETURN(const uint64_t raw, ReadVarint());
  if (raw > std::numeric_limits<uint16_t>::max()) {
    return Status::Corruption("thrift: i16 at offset {} is out of range", start);
  }
  return static_cast<int16_t>(ZigzagDecode(raw));
}

Result<int32_t> CompactReader::ReadI32() {
  const int64_t start = pos_;
  ASSIGN_OR_RETURN(const uint64_t raw, ReadVarint());
  if (raw > std::numeric_limits<uint32_t>::max()) {
    return Status::Corruption("thrift: i32 at offset {} is out of range", start);
  }
  return static_cast<int32_t>(ZigzagDecode(raw));
}

Result<int64_t> CompactReader::ReadI64() {
  ASSIGN_OR_RETURN(const uint64_t raw, ReadVarint());
  return ZigzagDecode(raw);
}

Result<double> CompactReader::ReadDouble() {
  if (remaining() < 8) return Truncated(pos_, "a double");
  uint64_t bits = 0;
  for (int i = 0; i < 8; ++i) bits |= static_cast<uint64_t>(data_[pos_ + i]) << (8 * i);
  pos_ += 8;
  return std::bit_cast<double>(bits);
}

Result<std::string_view> CompactReader::ReadBinaryView() {
  const int64_t start = pos_;
  ASSIGN_OR_RETURN(const uint64_t length, ReadVarint());
  if (length > static_cast<uint64_t>(limits_.max_string_length)) {
    return Status::Corruption("thrift: binary of {} bytes at offset {} exceeds the limit of {}",
                              length, start, limits_.max_string_length);
  }
  if (length > static_cast<uint64_t>(remaining())) {
    return Status::Corruption("thrift: binary of {} bytes at offset {} but only {} bytes remain",
                              length, start, remaining());
  }
  std::string_view view(reinterpret_cast<const char*>(data_.data() + pos_), length);
  pos_ += static_cast<int64_t>(length);
  return view;
}

Result<std::string> CompactReader::ReadBinary() {
  ASSIGN_OR_RETURN(const std::string_view view, ReadBinaryView());
  RETURN_NOT_OK(ChargeMemory(static_cast<int64_t>(view.size())));
  return std::string(view);
}

Result<WireType> CompactReader::ReadElementType(uint8_t nibble, int64_t size, int64_t offset) {
  // An empty container's element type is never used; writers differ on it.
  if (nibble > kMaxWireType || (nibble == 0 && size > 0)) {
    return Status::Corruption("thrift: invalid element type {} at offset {}", nibble, offset);
  }
  return static_cast<WireType>(nibble);
}

Status CompactReader::CheckElementCount(int64_t count, int64_t min_bytes_each, int64_t offset) {
  if (count > remaining() / min_bytes_each) {
    return Status::Corruption(
        "thrift: container of {} elements at offset {} cannot fit in the {} bytes left", count,
        offset, remaining());
  }
  if (count > limits_.max_container_size) {
    return Status::Corruption(
        "thrift: container of {} elements at offset {} exceeds the limit of {}", count, offset,
        limits_.max_container_size);
  }
  return Status::OK();
}

Result<ListHeader> CompactReader::ReadListHeader() {
  const int64_t start = pos_;
  ASSIGN_OR_RETURN(const uint8_t byte, ReadByte());
  uint64_t size = byte >> 4;
  if (size == 15) {
    ASSIGN_OR_RETURN(size, ReadVarint());
  }
  // Clamp before converting so a 64-bit count cannot turn negative.
  const auto count = static_cast<int64_t>(std::min<uint64_t>(size, uint64_t{1} << 62));
  ASSIGN_OR_RETURN(const WireType type, ReadElementType(byte & 0x0F, count, start));
  RETURN_NOT_OK(CheckElementCount(count, MinElementBytes(type), start));
  return ListHeader{type, count};
}

Result<MapHeader> CompactReader::ReadMapHeader() {
  const int64_t start = pos_;
  ASSIGN_OR_RETURN(const uint64_t size, ReadVarint());
  if (size == 0) return MapHeader{};
  const auto count = static_cast<int64_t>(std::min<uint64_t>(size, uint64_t{1} << 62));
  ASSIGN_OR_RETURN(const uint8_t types, ReadByte());
  ASSIGN_OR_RETURN(const WireType key, ReadElementType(types >> 4, count, start));
  ASSIGN_OR_RETURN(const WireType value, ReadElementType(types & 0x0F, count, start));
  // An entry is a key and a value: at least two bytes.
  RETURN_NOT_OK(CheckElementCount(count, 2, start));
  return MapHeader{key, value, count};
}

Status CompactReader::EnterContainer() {
  if (depth_ >= limits_.max_depth) {
    return Status::Corruption("thrift: nesting deeper than {} levels at offset {}",
                              limits_.max_depth, pos_);
  }
  ++depth_;
  return Status::OK();
}

Status CompactReader::Skip(WireType type) {
  if (IsBoolType(type)) return Status::OK();
  return SkipElement(type);
}

Status CompactReader::SkipListElements(const ListHeader& header) {
  RETURN_NOT_OK(EnterContainer());
  for (int64_t i = 0; i < header.size; ++i) RETURN_NOT_OK(SkipElement(header.element_type));
  --depth_;
  return Status::OK();
}

// One value as it appears inside a container, where bools take a byte.
Status CompactReader::SkipElement(WireType type) {
  switch (type) {
    case WireType::kBoolTrue:
    case WireType::kBoolFalse:
    case WireType::kByte: return ReadByte().status();
    case WireType::kI16:
    case WireType::kI32:
    case WireType::kI64: return ReadVarint().status();
    case WireType::kDouble: return ReadDouble().status();
    case WireType::kBinary: return ReadBinaryView().status();
    case WireType::kList:
    case WireType::kSet: {
      ASSIGN_OR_RETURN(const ListHeader header, ReadListHeader());
      return SkipListElements(header);
    }
    case WireType::kMap: {
      ASSIGN_OR_RETURN(const MapHeader header, ReadMapHeader());
      RETURN_NOT_OK(EnterContainer());
      for (int64_t i = 0; i < header.size; ++i) {
        RETURN_NOT_OK(SkipElement(header.key_type));
        RETURN_NOT_OK(SkipElement(header.value_type));
      }
      --depth_;
      return Status::OK();
    }
    case WireType::kStruct: {
      RETURN_NOT_OK(ReadStructBegin());
      while (true) {
        ASSIGN_OR_RETURN(const FieldHeader field, ReadFieldHeader());
        if (field.type == WireType::kStop) break;
        RETURN_NOT_OK(Skip(field.type));
      }
      ReadStructEnd();
      return Status::OK();
    }
    case WireType::kStop: break;
  }
  return Status::Corruption("thrift: cannot skip a value of type {} at offset {}",
                            WireTypeName(type), pos_);
}

Status CompactReader::ChargeMemory(int64_t bytes) {
  if (bytes > limits_.max_total_bytes - charged_bytes_) {
    return Status::Corruption(
        "thrift: decoding needs more than the limit of {} bytes of memory at offset {}",
        limits_.max_total_bytes, pos_);
  }
  charged_bytes_ += bytes;
  return Status::OK();
}

void CompactWriter::Append(const void* bytes, size_t length) {
  if (status_.ok()) status_ = out_->Append(bytes, length);
}

void CompactWriter::WriteVarint(uint64_t value) {
  uint8_t bytes[10];
  size_t n = 0;
  while (value >= 0x80) {
    bytes[n++] = static_cast<uint8_t>(value | 0x80);
    value >>= 7;
  }
  bytes[n++] = static_cast<uint8_t>(value);
  Append(bytes, n);
}

void CompactWriter::WriteStructBegin() { last_field_ids_.push_back(0); }

void CompactWriter::WriteStructEnd() {
  DCHECK(!last_field_ids_.empty());
  const uint8_t stop = 0;
  Append(&stop, 1);
  last_field_ids_.pop_back();
}

void CompactWriter::WriteFieldHeader(WireType type, int16_t id) {
  DCHECK(!last_field_ids_.empty());
  int16_t& last = last_field_ids_.back();
  const int32_t delta = int32_t{id} - last;
  if (delta > 0 && delta <= 15) {
    const auto byte = static_cast<uint8_t>((delta << 4) | static_cast<uint8_t>(type));
    Append(&byte, 1);
  } else {
    const auto byte = static_cast<uint8_t>(type);
    Append(&byte, 1);
    WriteI16(id);
  }
  last = id;
}

void CompactWriter::WriteBoolField(int16_t id, bool value) {
  WriteFieldHeader(value ? WireType::kBoolTrue : WireType::kBoolFalse, id);
}

void CompactWriter::WriteBool(bool value) {
  const uint8_t byte = value ? 1 : 2;
  Append(&byte, 1);
}

void CompactWriter::WriteI8(int8_t value) { Append(&value, 1); }
void CompactWriter::WriteI16(int16_t value) { WriteVarint(ZigzagEncode(value)); }
void CompactWriter::WriteI32(int32_t value) { WriteVarint(ZigzagEncode(value)); }
void CompactWriter::WriteI64(int64_t value) { WriteVarint(ZigzagEncode(value)); }

void CompactWriter::WriteDouble(double value) {
  const auto bits = std::bit_cast<uint64_t>(value);
  uint8_t bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<uint8_t>(bits >> (8 * i));
  Append(bytes, 8);
}

void CompactWriter::WriteBinary(std::string_view value) {
  WriteVarint(value.size());
  Append(value.data(), value.size());
}

void CompactWriter::WriteListHeader(WireType element_type, int64_t size) {
  DCHECK(size >= 0);
  const auto type = static_cast<uint8_t>(element_type);
  if (size < 15) {
    const auto byte = static_cast<uint8_t>((size << 4) | type);
    Append(&byte, 1);
  } else {
    const auto byte = static_cast<uint8_t>(0xF0 | type);
    Append(&byte, 1);
    WriteVarint(static_cast<uint64_t>(size));
  }
}

void CompactWriter::WriteMapHeader(WireType key_type, WireType value_type, int64_t size) {
  DCHECK(size >= 0);
  WriteVarint(static_cast<uint64_t>(size));
  if (size == 0) return;
  const auto types = static_cast<uint8_t>((static_cast<uint8_t>(key_type) << 4) |
                                          static_cast<uint8_t>(value_type));
  Append(&types, 1);
}

}  // namespace strata::parquet::thrift
