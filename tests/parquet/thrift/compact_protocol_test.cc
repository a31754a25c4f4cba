#include "parquet/thrift/compact_protocol.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "parquet/thrift/thrift_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet::thrift {
namespace {

using testing::Bytes;
using testing::WriteWith;

TEST(ZigzagTest, EdgeValues) {
  EXPECT_EQ(ZigzagEncode(0), 0u);
  EXPECT_EQ(ZigzagEncode(-1), 1u);
  EXPECT_EQ(ZigzagEncode(1), 2u);
  EXPECT_EQ(ZigzagEncode(-2), 3u);
  EXPECT_EQ(ZigzagEncode(std::numeric_limits<int64_t>::max()), UINT64_MAX - 1);
  EXPECT_EQ(ZigzagEncode(std::numeric_limits<int64_t>::min()), UINT64_MAX);
  for (int64_t v : {int64_t{0}, int64_t{1}, int64_t{-1}, int64_t{63}, int64_t{-64},
                    std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min()}) {
    EXPECT_EQ(ZigzagDecode(ZigzagEncode(v)), v);
  }
}

TEST(CompactWriterTest, VarintBytesOfEdgeValues) {
  EXPECT_EQ(WriteWith([](CompactWriter& w) { w.WriteI64(0); }), Bytes({0x00}));
  EXPECT_EQ(WriteWith([](CompactWriter& w) { w.WriteI64(-1); }), Bytes({0x01}));
  EXPECT_EQ(WriteWith([](CompactWriter& w) { w.WriteI64(1); }), Bytes({0x02}));
  EXPECT_EQ(WriteWith([](CompactWriter& w) { w.WriteI32(64); }), Bytes({0x80, 0x01}));
  EXPECT_EQ(WriteWith([](CompactWriter& w) { w.WriteI64(std::numeric_limits<int64_t>::max()); }),
            Bytes({0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}));
  EXPECT_EQ(WriteWith([](CompactWriter& w) { w.WriteI64(std::numeric_limits<int64_t>::min()); }),
            Bytes({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}));
  EXPECT_EQ(WriteWith([](CompactWriter& w) { w.WriteI32(std::numeric_limits<int32_t>::min()); }),
            Bytes({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}));
}

TEST(CompactReaderTest, IntegersRoundTripAtEdges) {
  const std::vector<int64_t> i64s = {0,
                                     1,
                                     -1,
                                     127,
                                     -128,
                                     std::numeric_limits<int64_t>::max(),
                                     std::numeric_limits<int64_t>::min()};
  const std::vector<int32_t> i32s = {0, 1, -1, std::numeric_limits<int32_t>::max(),
                                     std::numeric_limits<int32_t>::min()};
  const std::vector<int16_t> i16s = {0, -1, std::numeric_limits<int16_t>::max(),
                                     std::numeric_limits<int16_t>::min()};
  const Bytes bytes = WriteWith([&](CompactWriter& w) {
    for (int64_t v : i64s) w.WriteI64(v);
    for (int32_t v : i32s) w.WriteI32(v);
    for (int16_t v : i16s) w.WriteI16(v);
    w.WriteI8(-128);
    w.WriteI8(127);
  });
  CompactReader reader(bytes);
  for (int64_t v : i64s) EXPECT_EQ(reader.ReadI64().ValueOrDie(), v);
  for (int32_t v : i32s) EXPECT_EQ(reader.ReadI32().ValueOrDie(), v);
  for (int16_t v : i16s) EXPECT_EQ(reader.ReadI16().ValueOrDie(), v);
  EXPECT_EQ(reader.ReadI8().ValueOrDie(), -128);
  EXPECT_EQ(reader.ReadI8().ValueOrDie(), 127);
  EXPECT_EQ(reader.remaining(), 0);
}

TEST(CompactReaderTest, I8IsOneRawByte) {
  const Bytes bytes = {0xFF};
  CompactReader reader(bytes);
  EXPECT_EQ(reader.ReadI8().ValueOrDie(), -1);
}

TEST(CompactReaderTest, RejectsOverlongAndOverflowingVarints) {
  const Bytes eleven = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
  Result<int64_t> overlong = CompactReader(eleven).ReadI64();
  ASSERT_TRUE(overlong.status().IsCorruption());
  EXPECT_NE(overlong.status().message().find("offset 0"), std::string::npos);

  const Bytes overflow = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02};
  EXPECT_TRUE(CompactReader(overflow).ReadI64().status().IsCorruption());

  const Bytes too_big_for_i32 = {0x80, 0x80, 0x80, 0x80, 0x10};  // 2^32
  EXPECT_TRUE(CompactReader(too_big_for_i32).ReadI32().status().IsCorruption());
  const Bytes too_big_for_i16 = {0x80, 0x80, 0x04};  // 2^16
  EXPECT_TRUE(CompactReader(too_big_for_i16).ReadI16().status().IsCorruption());

  const Bytes truncated = {0x80, 0x80};
  EXPECT_TRUE(CompactReader(truncated).ReadI64().status().IsCorruption());
}

TEST(CompactReaderTest, DoublesAreEightLittleEndianBytes) {
  EXPECT_EQ(WriteWith([](CompactWriter& w) { w.WriteDouble(1.0); }),
            Bytes({0, 0, 0, 0, 0, 0, 0xF0, 0x3F}));
  const std::vector<double> values = {0.0,
                                      -0.0,
                                      1.5,
                                      -1e300,
                                      std::numeric_limits<double>::infinity(),
                                      std::numeric_limits<double>::denorm_min()};
  const Bytes bytes = WriteWith([&](CompactWriter& w) {
    for (double v : values) w.WriteDouble(v);
    w.WriteDouble(std::nan(""));
  });
  CompactReader reader(bytes);
  for (double v : values) {
    const double read = reader.ReadDouble().ValueOrDie();
    EXPECT_EQ(read, v);
    EXPECT_EQ(std::signbit(read), std::signbit(v));
  }
  EXPECT_TRUE(std::isnan(reader.ReadDouble().ValueOrDie()));
  EXPECT_TRUE(reader.ReadDouble().status().IsCorruption());
}

TEST(CompactReaderTest, BinaryLengthIsChecked) {
  const Bytes bytes = WriteWith([](CompactWriter& w) { w.WriteBinary("hello"); });
  EXPECT_EQ(bytes, Bytes({5, 'h', 'e', 'l', 'l', 'o'}));
  EXPECT_EQ(CompactReader(bytes).ReadBinary().ValueOrDie(), "hello");

  const Bytes too_long = {6, 'h', 'e', 'l', 'l', 'o'};
  Result<std::string> result = CompactReader(too_long).ReadBinary();
  ASSERT_TRUE(result.status().IsCorruption());
  EXPECT_NE(result.status().message().find("only 5 bytes remain"), std::string::npos);

  ThriftLimits limits;
  limits.max_string_length = 4;
  EXPECT_TRUE(CompactReader(bytes, limits).ReadBinary().status().IsCorruption());
}

TEST(CompactProtocolTest, ShortAndLongFieldHeaders) {
  const Bytes bytes = WriteWith([](CompactWriter& w) {
    w.WriteStructBegin();
    w.WriteFieldHeader(WireType::kI32, 1);  // delta 1: short
    w.WriteI32(7);
    w.WriteFieldHeader(WireType::kI32, 16);  // delta 15: still short
    w.WriteI32(8);
    w.WriteFieldHeader(WireType::kI64, 40);  // delta 24: long
    w.WriteI64(9);
    w.WriteFieldHeader(WireType::kBinary, 3);  // negative delta: long
    w.WriteBinary("x");
    w.WriteFieldHeader(WireType::kI32, -5);  // negative id: long
    w.WriteI32(10);
    w.WriteStructEnd();
  });
  EXPECT_EQ(bytes, Bytes({0x15, 14, 0xF5, 16, 0x06, 80, 18, 0x08, 6, 1, 'x', 0x05, 9, 20, 0}));

  CompactReader reader(bytes);
  ASSERT_OK(reader.ReadStructBegin());
  const std::vector<std::pair<int16_t, WireType>> expected = {{1, WireType::kI32},
                                                              {16, WireType::kI32},
                                                              {40, WireType::kI64},
                                                              {3, WireType::kBinary},
                                                              {-5, WireType::kI32}};
  for (const auto& [id, type] : expected) {
    ASSERT_OK_AND_ASSIGN(FieldHeader field, reader.ReadFieldHeader());
    EXPECT_EQ(field.id, id);
    EXPECT_EQ(field.type, type);
    ASSERT_OK(reader.Skip(field.type));
  }
  ASSERT_OK_AND_ASSIGN(FieldHeader stop, reader.ReadFieldHeader());
  EXPECT_EQ(stop.type, WireType::kStop);
  reader.ReadStructEnd();
  EXPECT_EQ(reader.remaining(), 0);
}

TEST(CompactProtocolTest, NestedStructsRestoreTheOuterLastId) {
  const Bytes bytes = WriteWith([](CompactWriter& w) {
    w.WriteStructBegin();
    w.WriteFieldHeader(WireType::kI32, 2);
    w.WriteI32(1);
    w.WriteFieldHeader(WireType::kStruct, 3);
    w.WriteStructBegin();
    w.WriteFieldHeader(WireType::kI32, 10);
    w.WriteI32(2);
    w.WriteStructEnd();
    w.WriteFieldHeader(WireType::kI32, 4);  // delta from 3, not from 10
    w.WriteI32(3);
    w.WriteStructEnd();
  });
  EXPECT_EQ(bytes, Bytes({0x25, 2, 0x1C, 0xA5, 4, 0x00, 0x15, 6, 0x00}));

  CompactReader reader(bytes);
  ASSERT_OK(reader.ReadStructBegin());
  EXPECT_EQ(reader.ReadFieldHeader().ValueOrDie().id, 2);
  ASSERT_OK(reader.Skip(WireType::kI32));
  EXPECT_EQ(reader.ReadFieldHeader().ValueOrDie().id, 3);
  ASSERT_OK(reader.ReadStructBegin());
  EXPECT_EQ(reader.ReadFieldHeader().ValueOrDie().id, 10);
  EXPECT_EQ(reader.ReadI32().ValueOrDie(), 2);
  EXPECT_EQ(reader.ReadFieldHeader().ValueOrDie().type, WireType::kStop);
  reader.ReadStructEnd();
  const FieldHeader after = reader.ReadFieldHeader().ValueOrDie();
  EXPECT_EQ(after.id, 4);
  EXPECT_EQ(reader.ReadI32().ValueOrDie(), 3);
}

TEST(CompactProtocolTest, BoolFieldsLiveInTheTypeNibble) {
  const Bytes bytes = WriteWith([](CompactWriter& w) {
    w.WriteStructBegin();
    w.WriteBoolField(1, true);
    w.WriteBoolField(2, false);
    w.WriteStructEnd();
  });
  EXPECT_EQ(bytes, Bytes({0x11, 0x12, 0x00}));
  CompactReader reader(bytes);
  ASSERT_OK(reader.ReadStructBegin());
  const FieldHeader first = reader.ReadFieldHeader().ValueOrDie();
  EXPECT_TRUE(first.bool_value());
  ASSERT_OK(reader.Skip(first.type));  // consumes nothing
  const FieldHeader second = reader.ReadFieldHeader().ValueOrDie();
  EXPECT_EQ(second.id, 2);
  EXPECT_FALSE(second.bool_value());
  EXPECT_EQ(reader.ReadFieldHeader().ValueOrDie().type, WireType::kStop);
}

TEST(CompactProtocolTest, ListHeadersShortAndLongForm) {
  EXPECT_EQ(WriteWith([](CompactWriter& w) { w.WriteListHeader(WireType::kI32, 14); }),
            Bytes({0xE5}));
  EXPECT_EQ(WriteWith([](CompactWriter& w) { w.WriteListHeader(WireType::kI32, 15); }),
            Bytes({0xF5, 15}));
  const Bytes bytes = WriteWith([](CompactWriter& w) {
    w.WriteListHeader(WireType::kI64, 300);
    for (int i = 0; i < 300; ++i) w.WriteI64(i);
  });
  EXPECT_EQ(Bytes(bytes.begin(), bytes.begin() + 3), Bytes({0xF6, 0xAC, 0x02}));
  CompactReader reader(bytes);
  ASSERT_OK_AND_ASSIGN(ListHeader header, reader.ReadListHeader());
  EXPECT_EQ(header.size, 300);
  EXPECT_EQ(header.element_type, WireType::kI64);
  for (int i = 0; i < 300; ++i) EXPECT_EQ(reader.ReadI64().ValueOrDie(), i);
}

TEST(CompactProtocolTest, BoolListElementsAreOneAndTwo) {
  const Bytes bytes = WriteWith([](CompactWriter& w) {
    w.WriteListHeader(WireType::kBoolTrue, 3);
    w.WriteBool(true);
    w.WriteBool(false);
    w.WriteBool(true);
  });
  EXPECT_EQ(bytes, Bytes({0x31, 1, 2, 1}));
  // Readers see 1 as true and anything else (2 from real writers, 0 from
  // others) as false, with either bool element type.
  const Bytes foreign = {0x42, 1, 2, 0, 1};
  CompactReader reader(foreign);
  ASSERT_OK_AND_ASSIGN(ListHeader header, reader.ReadListHeader());
  EXPECT_EQ(header.size, 4);
  EXPECT_TRUE(IsBoolType(header.element_type));
  EXPECT_TRUE(reader.ReadBool().ValueOrDie());
  EXPECT_FALSE(reader.ReadBool().ValueOrDie());
  EXPECT_FALSE(reader.ReadBool().ValueOrDie());
  EXPECT_TRUE(reader.ReadBool().ValueOrDie());
}

TEST(CompactProtocolTest, MapHeaders) {
  EXPECT_EQ(
      WriteWith([](CompactWriter& w) { w.WriteMapHeader(WireType::kI32, WireType::kBinary, 0); }),
      Bytes({0x00}));
  const Bytes bytes = WriteWith([](CompactWriter& w) {
    w.WriteMapHeader(WireType::kBinary, WireType::kI32, 1);
    w.WriteBinary("k");
    w.WriteI32(5);
  });
  EXPECT_EQ(bytes, Bytes({1, 0x85, 1, 'k', 10}));
  CompactReader reader(bytes);
  ASSERT_OK_AND_ASSIGN(MapHeader header, reader.ReadMapHeader());
  EXPECT_EQ(header.size, 1);
  EXPECT_EQ(header.key_type, WireType::kBinary);
  EXPECT_EQ(header.value_type, WireType::kI32);
}

// A struct holding one field of every wire type (containers nested), then a
// final i32 field the test reads after skipping everything before it.
Bytes EveryWireTypeThenMarker() {
  return WriteWith([](CompactWriter& w) {
    w.WriteStructBegin();
    w.WriteBoolField(1, true);
    w.WriteBoolField(2, false);
    w.WriteFieldHeader(WireType::kByte, 3);
    w.WriteI8(-3);
    w.WriteFieldHeader(WireType::kI16, 4);
    w.WriteI16(-300);
    w.WriteFieldHeader(WireType::kI32, 5);
    w.WriteI32(1 << 30);
    w.WriteFieldHeader(WireType::kI64, 6);
    w.WriteI64(int64_t{1} << 60);
    w.WriteFieldHeader(WireType::kDouble, 7);
    w.WriteDouble(2.5);
    w.WriteFieldHeader(WireType::kBinary, 8);
    w.WriteBinary("skip me");
    w.WriteFieldHeader(WireType::kList, 9);  // list<list<bool>>
    w.WriteListHeader(WireType::kList, 2);
    w.WriteListHeader(WireType::kBoolTrue, 2);
    w.WriteBool(true);
    w.WriteBool(false);
    w.WriteListHeader(WireType::kDouble, 1);
    w.WriteDouble(1.0);
    w.WriteFieldHeader(WireType::kSet, 10);
    w.WriteListHeader(WireType::kBinary, 20);
    for (int i = 0; i < 20; ++i) w.WriteBinary(std::string(i, 'a'));
    w.WriteFieldHeader(WireType::kMap, 11);  // map<i32, struct{list<i64>}>
    w.WriteMapHeader(WireType::kI32, WireType::kStruct, 2);
    for (int i = 0; i < 2; ++i) {
      w.WriteI32(i);
      w.WriteStructBegin();
      w.WriteFieldHeader(WireType::kList, 1);
      w.WriteListHeader(WireType::kI64, 1);
      w.WriteI64(i);
      w.WriteStructEnd();
    }
    w.WriteFieldHeader(WireType::kStruct, 12);  // struct{struct{map<bool,bool>}}
    w.WriteStructBegin();
    w.WriteFieldHeader(WireType::kStruct, 30);
    w.WriteStructBegin();
    w.WriteFieldHeader(WireType::kMap, 1);
    w.WriteMapHeader(WireType::kBoolTrue, WireType::kBoolTrue, 1);
    w.WriteBool(true);
    w.WriteBool(false);
    w.WriteStructEnd();
    w.WriteStructEnd();
    w.WriteFieldHeader(WireType::kI32, 13);
    w.WriteI32(4242);
    w.WriteStructEnd();
  });
}

TEST(CompactProtocolTest, SkipsEveryWireType) {
  const Bytes bytes = EveryWireTypeThenMarker();
  CompactReader reader(bytes);
  ASSERT_OK(reader.ReadStructBegin());
  for (int id = 1; id <= 12; ++id) {
    ASSERT_OK_AND_ASSIGN(FieldHeader field, reader.ReadFieldHeader());
    ASSERT_EQ(field.id, id);
    ASSERT_OK(reader.Skip(field.type));
  }
  ASSERT_OK_AND_ASSIGN(FieldHeader marker, reader.ReadFieldHeader());
  EXPECT_EQ(marker.id, 13);
  EXPECT_EQ(reader.ReadI32().ValueOrDie(), 4242);
  EXPECT_EQ(reader.ReadFieldHeader().ValueOrDie().type, WireType::kStop);
  reader.ReadStructEnd();
  EXPECT_EQ(reader.remaining(), 0);

  CompactReader whole(bytes);
  ASSERT_OK(whole.Skip(WireType::kStruct));
  EXPECT_EQ(whole.remaining(), 0);
}

TEST(CompactProtocolTest, ListClaimingMoreElementsThanBytesFailsBeforeAllocating) {
  // 2^31 i32 elements announced with three bytes left.
  const Bytes bytes = {0xF5, 0x80, 0x80, 0x80, 0x80, 0x08, 1, 2, 3};
  CompactReader reader(bytes);
  Result<ListHeader> header = reader.ReadListHeader();
  ASSERT_TRUE(header.status().IsCorruption());
  EXPECT_NE(header.status().message().find("2147483648 elements"), std::string::npos);

  const Bytes doubles = {0x27, 0, 0, 0, 0, 0, 0, 0, 0};  // two doubles, room for one
  EXPECT_TRUE(CompactReader(doubles).ReadListHeader().status().IsCorruption());

  ThriftLimits limits;
  limits.max_container_size = 2;
  const Bytes three = {0x35, 1, 2, 3};
  EXPECT_TRUE(CompactReader(three, limits).ReadListHeader().status().IsCorruption());
  EXPECT_OK(CompactReader(three).ReadListHeader().status());
}

TEST(CompactProtocolTest, MapClaimingTooManyEntriesFails) {
  const Bytes bytes = {0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x55, 1, 2};
  EXPECT_TRUE(CompactReader(bytes).ReadMapHeader().status().IsCorruption());
}

TEST(CompactProtocolTest, InvalidTypeCodesAreCorruption) {
  const Bytes field = {0x1D};  // type 13
  CompactReader reader(field);
  ASSERT_OK(reader.ReadStructBegin());
  EXPECT_TRUE(reader.ReadFieldHeader().status().IsCorruption());

  const Bytes list = {0x1E, 0};  // one element of type 14
  EXPECT_TRUE(CompactReader(list).ReadListHeader().status().IsCorruption());
  const Bytes stop_elements = {0x10, 0};  // one element of type 0
  EXPECT_TRUE(CompactReader(stop_elements).ReadListHeader().status().IsCorruption());
  const Bytes empty = {0x00};  // an empty list may carry any element type
  EXPECT_OK(CompactReader(empty).ReadListHeader().status());
}

TEST(CompactProtocolTest, FieldIdOverflowIsCorruption) {
  const Bytes bytes = {0x05, 0xFE, 0xFF, 0x03, 0x00, 0x15, 0x00};  // id 32767, then delta 1
  CompactReader reader(bytes);
  ASSERT_OK(reader.ReadStructBegin());
  ASSERT_OK_AND_ASSIGN(FieldHeader field, reader.ReadFieldHeader());
  EXPECT_EQ(field.id, 32767);
  ASSERT_OK(reader.Skip(field.type));
  EXPECT_TRUE(reader.ReadFieldHeader().status().IsCorruption());
}

TEST(CompactProtocolTest, DeepNestingHitsTheDepthLimit) {
  Bytes structs(10'000, 0x1C);  // field 1 of type struct, again and again
  CompactReader reader(structs);
  Status status = reader.Skip(WireType::kStruct);
  ASSERT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_NE(status.message().find("nesting deeper than 64"), std::string::npos);

  Bytes lists(10'000, 0x19);  // a list holding one list, again and again
  Status list_status = CompactReader(lists).Skip(WireType::kList);
  EXPECT_TRUE(list_status.IsCorruption()) << list_status.ToString();

  Bytes maps;
  for (int i = 0; i < 5'000; ++i) maps.insert(maps.end(), {0x01, 0xBB});  // map<map, map>
  EXPECT_TRUE(CompactReader(maps).Skip(WireType::kMap).IsCorruption());

  ThriftLimits shallow;
  shallow.max_depth = 2;
  const Bytes two_levels = {0x1C, 0x00, 0x00};
  EXPECT_OK(CompactReader(two_levels, shallow).Skip(WireType::kStruct));
  const Bytes three_levels = {0x1C, 0x1C, 0x00, 0x00, 0x00};
  EXPECT_TRUE(CompactReader(three_levels, shallow).Skip(WireType::kStruct).IsCorruption());
}

TEST(CompactProtocolTest, MemoryBudgetIsEnforced) {
  ThriftLimits limits;
  limits.max_total_bytes = 100;
  CompactReader reader({}, limits);
  EXPECT_OK(reader.ChargeMemory(60));
  EXPECT_OK(reader.ChargeMemory(40));
  EXPECT_TRUE(reader.ChargeMemory(1).IsCorruption());
}

TEST(CompactProtocolTest, ErrorsNameTheOffset) {
  const Bytes bytes = {0x15, 0x02, 0x18, 0x05, 'a'};  // binary of 5 with 1 byte left
  CompactReader reader(bytes);
  ASSERT_OK(reader.ReadStructBegin());
  ASSERT_OK_AND_ASSIGN(FieldHeader first, reader.ReadFieldHeader());
  ASSERT_OK(reader.Skip(first.type));
  ASSERT_OK_AND_ASSIGN(FieldHeader second, reader.ReadFieldHeader());
  Status status = reader.Skip(second.type);
  ASSERT_TRUE(status.IsCorruption());
  EXPECT_NE(status.message().find("at offset 3"), std::string::npos) << status.ToString();
}

TEST(CompactWriterTest, AppendsAfterExistingContent) {
  Buffer buffer;
  ASSERT_OK(buffer.Append(std::string_view("PAR1")));
  CompactWriter writer(&buffer);
  writer.WriteI32(1);
  ASSERT_OK(writer.status());
  EXPECT_EQ(buffer.view(), std::string_view("PAR1\x02", 5));
}

}  // namespace
}  // namespace strata::parquet::thrift
