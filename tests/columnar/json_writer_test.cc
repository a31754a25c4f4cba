#include "columnar/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "test_util.h"

namespace strata {
namespace {

using testing::MakeIntLists;
using testing::MakeStrings;
using testing::MakeVector;
using testing::Opt;

std::string JsonString(std::string_view text) {
  std::string out;
  AppendJsonString(text, &out);
  return out;
}

std::string Lines(const RecordBatch& batch) {
  std::string out;
  WriteJsonLines(batch, &out);
  return out;
}

TEST(JsonWriterTest, EscapesStrings) {
  EXPECT_EQ(JsonString("plain"), "\"plain\"");
  EXPECT_EQ(JsonString("q\"b\\s/"), "\"q\\\"b\\\\s/\"");
  EXPECT_EQ(JsonString("\b\f\n\r\t"), "\"\\b\\f\\n\\r\\t\"");
  EXPECT_EQ(JsonString(std::string_view("\x00\x01\x1F\x7F", 4)), "\"\\u0000\\u0001\\u001f\x7F\"");
  EXPECT_EQ(JsonString("wörld €😀"), "\"wörld €😀\"");
  EXPECT_EQ(JsonString("bad\xFF\xC3(end"), "\"bad\\ufffd\\ufffd(end\"");
  EXPECT_EQ(JsonString("\xED\xA0\x80"), "\"\\ufffd\\ufffd\\ufffd\"") << "surrogates are invalid";
}

TEST(JsonWriterTest, Base64) {
  auto base64 = [](std::string_view bytes) {
    std::string out;
    AppendBase64(bytes, &out);
    return out;
  };
  EXPECT_EQ(base64(""), "");
  EXPECT_EQ(base64("f"), "Zg==");
  EXPECT_EQ(base64("fo"), "Zm8=");
  EXPECT_EQ(base64("foo"), "Zm9v");
  EXPECT_EQ(base64("foob"), "Zm9vYg==");
  EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64(std::string_view("\xFF\xFE\x00", 3)), "//4A");
}

TEST(JsonWriterTest, MinifiesValidJsonOnly) {
  auto minify = [](std::string_view text) -> Opt<std::string> {
    std::string out = "prefix";
    if (!AppendMinifiedJson(text, &out)) {
      EXPECT_EQ(out, "prefix") << "nothing appended on failure";
      return std::nullopt;
    }
    return out.substr(6);
  };
  EXPECT_EQ(minify(" { \"a\" : [ 1 , -2.5e+3 , true , null ] ,\n\"b\":{}} "),
            "{\"a\":[1,-2.5e+3,true,null],\"b\":{}}");
  EXPECT_EQ(minify("\"s p\\u00e9\\n\""), "\"s p\\u00e9\\n\"");
  EXPECT_EQ(minify("0"), "0");
  EXPECT_EQ(minify("[]"), "[]");
  for (std::string_view bad :
       {"", "{", "[1,]", "{\"a\"}", "{a:1}", "01", "1.", "-", ".5", "1e", "tru", "nul", "\"\n\"",
        "\"\\x\"", "\"\\u12\"", "[1] [2]", "\"\xFF\"", "NaN"}) {
    EXPECT_EQ(minify(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(minify(std::string(600, '[') + std::string(600, ']')), std::nullopt);
  EXPECT_TRUE(minify(std::string(500, '[') + std::string(500, ']')).has_value());
}

TEST(JsonWriterTest, ScalarColumns) {
  const double inf = std::numeric_limits<double>::infinity();
  DecimalBuilder decimals(Decimal(38, 2).ValueOrDie());
  ASSERT_OK(decimals.Append(
      Decimal128::FromString("-123456789012345678901234567890123456.78", 2).ValueOrDie()));
  ASSERT_OK(decimals.Append(Decimal128(5)));
  ASSERT_OK(decimals.AppendNull());
  auto batch = testing::MakeBatch(
      {"i64", "u64", "f", "dec", "b"},
      {MakeVector<int64_t>({INT64_MIN, 0, Opt<int64_t>()}),
       MakeVector<uint64_t>({UINT64_MAX, 1, 2}), MakeVector<double>({1.0, std::nan(""), -inf}),
       decimals.Finish().ValueOrDie(), testing::MakeBools({true, false, Opt<bool>()})});
  EXPECT_EQ(Lines(*batch),
            "{\"i64\":-9223372036854775808,\"u64\":18446744073709551615,\"f\":1.0,"
            "\"dec\":-123456789012345678901234567890123456.78,\"b\":true}\n"
            "{\"i64\":0,\"u64\":1,\"f\":null,\"dec\":0.05,\"b\":false}\n"
            "{\"i64\":null,\"u64\":2,\"f\":null,\"dec\":null,\"b\":null}\n");
}

TEST(JsonWriterTest, Float32KeepsItsShortestForm) {
  auto batch = testing::MakeBatch({"f"}, {MakeVector<float>({0.1f, -3.0f, 1e30f})});
  EXPECT_EQ(Lines(*batch), "{\"f\":0.1}\n{\"f\":-3.0}\n{\"f\":1e+30}\n");
}

TEST(JsonWriterTest, TextTemporalAndBinaryColumns) {
  FixedSizeBinaryBuilder uuids(Uuid());
  ASSERT_OK(uuids.Append(
      std::string_view("\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff", 16)));
  auto batch =
      testing::MakeBatch({"s", "j", "bad_j", "bin", "d", "t", "ts", "u"},
                         {MakeStrings({"line\n\"q\""}), MakeStrings({" {\"k\": [1, 2]} "}, Json()),
                          MakeStrings({"not json"}, Json()), MakeStrings({"foo"}, Binary()),
                          MakeVector<int32_t>({-1}, Date()),
                          MakeVector<int64_t>({45296500000}, Time(TimeUnit::kMicro)),
                          MakeVector<int64_t>({1759494896123}, Timestamp(TimeUnit::kMilli, true)),
                          uuids.Finish().ValueOrDie()});
  EXPECT_EQ(Lines(*batch),
            "{\"s\":\"line\\n\\\"q\\\"\",\"j\":{\"k\":[1,2]},\"bad_j\":\"not json\","
            "\"bin\":\"Zm9v\",\"d\":\"1969-12-31\",\"t\":\"12:34:56.5\","
            "\"ts\":\"2025-10-03T12:34:56.123Z\","
            "\"u\":\"00112233-4455-6677-8899-aabbccddeeff\"}\n");
}

TEST(JsonWriterTest, NestedColumns) {
  TypePtr type = Struct({{"name", String()}, {"tags", List(String())}});
  ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(type));
  auto* st = static_cast<StructBuilder*>(builder.get());
  auto* names = static_cast<BinaryBuilder*>(st->child(0));
  auto* tags = static_cast<ListBuilder*>(st->child(1));
  auto* tag_values = static_cast<BinaryBuilder*>(tags->value_builder());
  ASSERT_OK(st->Append());
  ASSERT_OK(names->Append("a\"b"));
  ASSERT_OK(tags->Append());
  ASSERT_OK(tag_values->Append("x"));
  ASSERT_OK(tag_values->AppendNull());
  ASSERT_OK(st->AppendNull());
  ASSERT_OK_AND_ASSIGN(VectorPtr structs, builder->Finish());

  auto batch =
      testing::MakeBatch({"st", "l"}, {structs, MakeIntLists({{{1, Opt<int32_t>()}}, {{}}})});
  EXPECT_EQ(Lines(*batch),
            "{\"st\":{\"name\":\"a\\\"b\",\"tags\":[\"x\",null]},\"l\":[1,null]}\n"
            "{\"st\":null,\"l\":[]}\n");
}

TEST(JsonWriterTest, MapsBecomeObjectsOnlyWithStringKeys) {
  ASSERT_OK_AND_ASSIGN(auto string_keys, MakeBuilder(Map(String(), Int32())));
  auto* m1 = static_cast<MapBuilder*>(string_keys.get());
  ASSERT_OK(m1->Append());
  ASSERT_OK(static_cast<BinaryBuilder*>(m1->key_builder())->Append("k\n"));
  ASSERT_OK(static_cast<Int32Builder*>(m1->item_builder())->Append(1));
  ASSERT_OK(m1->AppendNull());

  ASSERT_OK_AND_ASSIGN(auto int_keys, MakeBuilder(Map(Int32(), String())));
  auto* m2 = static_cast<MapBuilder*>(int_keys.get());
  ASSERT_OK(m2->Append());
  ASSERT_OK(static_cast<Int32Builder*>(m2->key_builder())->Append(7));
  ASSERT_OK(static_cast<BinaryBuilder*>(m2->item_builder())->AppendNull());
  ASSERT_OK(m2->Append());

  auto batch = testing::MakeBatch(
      {"m1", "m2"}, {string_keys->Finish().ValueOrDie(), int_keys->Finish().ValueOrDie()});
  EXPECT_EQ(Lines(*batch),
            "{\"m1\":{\"k\\n\":1},\"m2\":[{\"key\":7,\"value\":null}]}\n"
            "{\"m1\":null,\"m2\":[]}\n");
}

TEST(JsonWriterTest, EscapesFieldNamesAndAppends) {
  auto batch = testing::MakeBatch({"we\"ird\n"}, {MakeVector<int8_t>({1})});
  std::string out = "x\n";
  WriteJsonLines(*batch, &out);
  EXPECT_EQ(out, "x\n{\"we\\\"ird\\n\":1}\n");
}

}  // namespace
}  // namespace strata
