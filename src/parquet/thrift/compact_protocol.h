// The Thrift compact protocol, as Parquet uses it for its footer, page headers,
// page index and bloom filter headers: structs of typed, numbered fields, with
// no message envelope. Written from the protocol specification so that every
// length and count read from a file is checked before it is trusted.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/buffer.h"
#include "common/result.h"
#include "common/status.h"

namespace strata::parquet {

// Bounds on what a decoder accepts, so that a corrupt or hostile input ends
// in a Corruption error instead of an unbounded allocation or recursion.
struct ThriftLimits {
  // Longest binary or string value, in bytes.
  int64_t max_string_length = int64_t{100} << 20;
  // Most elements in one list, set or map.
  int64_t max_container_size = 10'000'000;
  // Deepest nesting of structs, lists and maps.
  int32_t max_depth = 64;
  // Most memory the decoded value may occupy: string bytes plus sizeof(T) for
  // every list element. Every element costs at least one input byte, but a
  // decoded struct can be hundreds of times larger than its encoding.
  int64_t max_total_bytes = int64_t{1} << 30;
};

namespace thrift {

// The type codes of the compact protocol. For bool struct fields the type code
// carries the value; bool list elements are one byte each.
enum class WireType : uint8_t {
  kStop = 0,
  kBoolTrue = 1,
  kBoolFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

inline bool IsBoolType(WireType type) {
  return type == WireType::kBoolTrue || type == WireType::kBoolFalse;
}

struct FieldHeader {
  WireType type = WireType::kStop;
  int16_t id = 0;

  // The value of a bool field, which lives in the header itself.
  bool bool_value() const { return type == WireType::kBoolTrue; }
};

// A list or set header. Bool elements may come as kBoolTrue or kBoolFalse.
struct ListHeader {
  WireType element_type = WireType::kStop;
  int64_t size = 0;
};

// Key and value types are meaningful only when size > 0.
struct MapHeader {
  WireType key_type = WireType::kStop;
  WireType value_type = WireType::kStop;
  int64_t size = 0;
};

// Decodes compact-protocol values from a byte span it does not own. Every
// error is a Corruption naming what was wrong and the byte offset within the
// span. After an error the reader's state is unspecified; callers stop.
// Thread safety: none.
class CompactReader {
 public:
  explicit CompactReader(std::span<const uint8_t> data, const ThriftLimits& limits = {});

  // Bytes consumed so far, which is also the offset errors name.
  int64_t position() const { return pos_; }
  int64_t remaining() const { return size() - pos_; }
  int64_t size() const { return static_cast<int64_t>(data_.size()); }
  const ThriftLimits& limits() const { return limits_; }

  // Structs keep their own last field id, from which the next short-form
  // header counts; Begin/End bracket one struct and enforce max_depth.
  Status ReadStructBegin();
  // REQUIRES: matches a successful ReadStructBegin.
  void ReadStructEnd();
  // The next field of the current struct; type kStop ends the struct.
  // REQUIRES: inside ReadStructBegin/ReadStructEnd.
  Result<FieldHeader> ReadFieldHeader();

  // A bool list element: 1 is true, anything else false (real writers use 2).
  Result<bool> ReadBool();
  Result<int8_t> ReadI8();
  Result<int16_t> ReadI16();
  Result<int32_t> ReadI32();
  Result<int64_t> ReadI64();
  Result<double> ReadDouble();
  // A binary or string value; the view points into the input span.
  Result<std::string_view> ReadBinaryView();
  Result<std::string> ReadBinary();

  // The size is checked against max_container_size and against the bytes
  // left, since every element takes at least one byte (a double eight).
  Result<ListHeader> ReadListHeader();
  Result<MapHeader> ReadMapHeader();

  // Consumes one value of `type` as found after a field header (so a bool
  // takes no bytes), recursing into containers and structs up to max_depth.
  Status Skip(WireType type);
  // Consumes the elements that follow an already-read list or set header.
  Status SkipListElements(const ListHeader& header);

  // Accounts `bytes` of decoded memory against max_total_bytes before the
  // caller allocates them.
  Status ChargeMemory(int64_t bytes);

 private:
  Result<uint8_t> ReadByte();
  Result<uint64_t> ReadVarint();
  Result<WireType> ReadElementType(uint8_t nibble, int64_t size, int64_t offset);
  Status CheckElementCount(int64_t count, int64_t min_bytes_each, int64_t offset);
  Status SkipElement(WireType type);
  Status EnterContainer();
  Status Truncated(int64_t offset, std::string_view what) const;

  std::span<const uint8_t> data_;
  ThriftLimits limits_;
  int64_t pos_ = 0;
  int32_t depth_ = 0;
  int64_t charged_bytes_ = 0;
  std::vector<int16_t> last_field_ids_;
};

// Appends compact-protocol values to a Buffer. The first failure (the buffer
// could not grow) is kept and later writes are ignored, so encoders can write
// a whole struct and check status() once.
// Thread safety: none.
class CompactWriter {
 public:
  // `out` must outlive the writer; bytes are appended after its contents.
  explicit CompactWriter(Buffer* out) : out_(out) {}

  // OK, or the first error met.
  const Status& status() const { return status_; }

  void WriteStructBegin();
  // Writes the stop byte. REQUIRES: matches WriteStructBegin.
  void WriteStructEnd();
  // Short form (one byte) when the id is 1..15 above the previous field id,
  // else the type byte then the id as a zigzag varint.
  void WriteFieldHeader(WireType type, int16_t id);
  void WriteBoolField(int16_t id, bool value);

  // A bool list element: 1 for true, 2 for false, as real writers do.
  void WriteBool(bool value);
  void WriteI8(int8_t value);
  void WriteI16(int16_t value);
  void WriteI32(int32_t value);
  void WriteI64(int64_t value);
  void WriteDouble(double value);
  void WriteBinary(std::string_view value);
  // REQUIRES: size >= 0. Use kBoolTrue as the element type of bool lists.
  void WriteListHeader(WireType element_type, int64_t size);
  void WriteMapHeader(WireType key_type, WireType value_type, int64_t size);

 private:
  void WriteVarint(uint64_t value);
  void Append(const void* bytes, size_t length);

  Buffer* out_;
  Status status_;
  std::vector<int16_t> last_field_ids_;
};

// Zigzag maps signed to unsigned so that small magnitudes stay small.
constexpr uint64_t ZigzagEncode(int64_t value) {
  return (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
}
constexpr int64_t ZigzagDecode(uint64_t value) {
  return static_cast<int64_t>(value >> 1) ^ -static_cast<int64_t>(value & 1);
}

}  // namespace thrift
}  // namespace strata::parquet
