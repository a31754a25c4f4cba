// ParquetReader on the shared fixtures written by Impala, parquet-mr, Spark
// and Arrow, value by value. Expected values come from the files' own
// documentation (.md, *_expect.csv) or were checked against DuckDB 1.x via
// @duckdb/node-api, as noted per test.
#include "parquet/file_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "byte_stream_split_expect.h"
#include "io/local_file_system.h"
#include "reader_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using testing::FixturePath;
using testing::JsonRows;
using testing::StringsOf;
using testing::ValuesOf;

using OptString = std::optional<std::string>;

class FileReaderTest : public ::testing::Test {
 protected:
  Result<std::unique_ptr<ParquetReader>> Open(const std::string& relative) {
    return ParquetReader::Open(fs_.get(), FixturePath(relative));
  }

  // All columns of a single-row-group fixture.
  RecordBatchPtr ReadOnlyRowGroup(const std::string& relative) {
    Result<std::unique_ptr<ParquetReader>> reader = Open(relative);
    EXPECT_OK(reader.status());
    if (!reader.ok()) return nullptr;
    EXPECT_EQ((*reader)->num_row_groups(), 1);
    Result<RecordBatchPtr> batch = (*reader)->ReadRowGroup(0, (*reader)->AllColumns());
    EXPECT_OK(batch.status());
    if (!batch.ok()) return nullptr;
    EXPECT_OK((*batch)->Validate());
    for (const VectorPtr& column : (*batch)->columns()) EXPECT_OK(column->ValidateFull());
    return *batch;
  }

  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
};

std::vector<OptString> Texts(std::initializer_list<const char*> values) {
  std::vector<OptString> out;
  for (const char* value : values) out.emplace_back(value);
  return out;
}

// 2009-MM-01 00:0m:00 as nanoseconds since the epoch.
int64_t Micros(int64_t seconds) { return seconds * 1'000'000; }

TEST_F(FileReaderTest, AlltypesPlain) {
  // Impala 1.3, uncompressed, PLAIN values with BIT_PACKED-era levels, INT96.
  // Checked against DuckDB.
  const RecordBatchPtr batch = ReadOnlyRowGroup("data/alltypes_plain.parquet");
  ASSERT_NE(batch, nullptr);
  EXPECT_EQ(batch->schema()->ToString(),
            "id: int32\nbool_col: bool\ntinyint_col: int32\nsmallint_col: int32\nint_col: int32\n"
            "bigint_col: int64\nfloat_col: float32\ndouble_col: float64\n"
            "date_string_col: binary\nstring_col: binary\ntimestamp_col: timestamp(us)");
  ASSERT_EQ(batch->num_rows(), 8);
  EXPECT_EQ(ValuesOf<int32_t>(*batch->column(0)),
            (std::vector<std::optional<int32_t>>{4, 5, 6, 7, 2, 3, 0, 1}));
  EXPECT_EQ(StringsOf(*batch->column(1)),
            Texts({"true", "false", "true", "false", "true", "false", "true", "false"}));
  EXPECT_EQ(ValuesOf<int32_t>(*batch->column(2)),
            (std::vector<std::optional<int32_t>>{0, 1, 0, 1, 0, 1, 0, 1}));
  EXPECT_EQ(ValuesOf<int64_t>(*batch->column(5)),
            (std::vector<std::optional<int64_t>>{0, 10, 0, 10, 0, 10, 0, 10}));
  EXPECT_EQ(ValuesOf<float>(*batch->column(6)),
            (std::vector<std::optional<float>>{0, 1.1f, 0, 1.1f, 0, 1.1f, 0, 1.1f}));
  EXPECT_EQ(ValuesOf<double>(*batch->column(7)),
            (std::vector<std::optional<double>>{0, 10.1, 0, 10.1, 0, 10.1, 0, 10.1}));
  EXPECT_EQ(StringsOf(*batch->column(8)), Texts({"03/01/09", "03/01/09", "04/01/09", "04/01/09",
                                                 "02/01/09", "02/01/09", "01/01/09", "01/01/09"}));
  EXPECT_EQ(StringsOf(*batch->column(9)), Texts({"0", "1", "0", "1", "0", "1", "0", "1"}));
  // 2009-03-01, 2009-04-01, 2009-02-01, 2009-01-01 at 00:00 and 00:01.
  EXPECT_EQ(ValuesOf<int64_t>(*batch->column(10)),
            (std::vector<std::optional<int64_t>>{
                Micros(1235865600), Micros(1235865660), Micros(1238544000), Micros(1238544060),
                Micros(1233446400), Micros(1233446460), Micros(1230768000), Micros(1230768060)}));
}

TEST_F(FileReaderTest, AlltypesPlainSnappy) {
  // Checked against DuckDB: rows 6 and 7 of the alltypes table.
  const RecordBatchPtr batch = ReadOnlyRowGroup("data/alltypes_plain.snappy.parquet");
  ASSERT_NE(batch, nullptr);
  EXPECT_EQ(ValuesOf<int32_t>(*batch->column(0)), (std::vector<std::optional<int32_t>>{6, 7}));
  EXPECT_EQ(StringsOf(*batch->column(1)), Texts({"true", "false"}));
  EXPECT_EQ(ValuesOf<double>(*batch->column(7)), (std::vector<std::optional<double>>{0, 10.1}));
  EXPECT_EQ(StringsOf(*batch->column(8)), Texts({"04/01/09", "04/01/09"}));
  EXPECT_EQ(ValuesOf<int64_t>(*batch->column(10)),
            (std::vector<std::optional<int64_t>>{Micros(1238544000), Micros(1238544060)}));
}

TEST_F(FileReaderTest, AlltypesDictionary) {
  // PLAIN_DICTIONARY pages, and the INT96 dictionary page (file offset 861)
  // holds two entries, decoded by hand:
  //   00 00 00 00 00 00 00 00 | 31 75 25 00: 0 ns of Julian day 2454833
  //   00 58 47 f8 0d 00 00 00 | 31 75 25 00: 60e9 ns (00:01:00) of that day
  // and 2454833 - 2440588 = 14245 days after 1970-01-01 is 2009-01-01,
  // 1230768000 s. DuckDB agrees.
  const RecordBatchPtr batch = ReadOnlyRowGroup("data/alltypes_dictionary.parquet");
  ASSERT_NE(batch, nullptr);
  ASSERT_EQ(batch->num_rows(), 2);
  EXPECT_EQ(ValuesOf<int32_t>(*batch->column(0)), (std::vector<std::optional<int32_t>>{0, 1}));
  EXPECT_EQ(StringsOf(*batch->column(1)), Texts({"true", "false"}));
  EXPECT_EQ(ValuesOf<int32_t>(*batch->column(4)), (std::vector<std::optional<int32_t>>{0, 1}));
  EXPECT_EQ(ValuesOf<int64_t>(*batch->column(5)), (std::vector<std::optional<int64_t>>{0, 10}));
  EXPECT_EQ(ValuesOf<float>(*batch->column(6)), (std::vector<std::optional<float>>{0, 1.1f}));
  EXPECT_EQ(StringsOf(*batch->column(8)), Texts({"01/01/09", "01/01/09"}));
  EXPECT_EQ(StringsOf(*batch->column(9)), Texts({"0", "1"}));
  EXPECT_EQ(ValuesOf<int64_t>(*batch->column(10)),
            (std::vector<std::optional<int64_t>>{Micros(1230768000), Micros(1230768060)}));
}

TEST_F(FileReaderTest, DataPageV2WithAListColumn) {
  // parquet-mr 1.8.1, v2 pages: RLE_DICTIONARY strings and doubles,
  // DELTA_BINARY_PACKED ints, RLE booleans. Checked against DuckDB.
  ASSERT_OK_AND_ASSIGN(auto reader, Open("data/datapage_v2.snappy.parquet"));
  EXPECT_EQ(reader->schema()->num_fields(), 5);
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr list, reader->ReadRowGroup(0, {4}));
  EXPECT_EQ(list->schema()->ToString(), "e: list<int32 not null>");
  EXPECT_EQ(JsonRows(*list->column(0)),
            (std::vector<std::string>{"[1,2,3]", "null", "null", "[1,2,3]", "[1,2]"}));

  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, reader->ReadRowGroup(0, {0, 1, 2, 3}));
  EXPECT_EQ(StringsOf(*batch->column(0)),
            (std::vector<OptString>{"abc", "abc", "abc", std::nullopt, "abc"}));
  EXPECT_EQ(ValuesOf<int32_t>(*batch->column(1)),
            (std::vector<std::optional<int32_t>>{1, 2, 3, 4, 5}));
  EXPECT_EQ(ValuesOf<double>(*batch->column(2)),
            (std::vector<std::optional<double>>{2, 3, 4, 5, 2}));
  EXPECT_EQ(StringsOf(*batch->column(3)), Texts({"true", "true", "true", "false", "true"}));
}

// A minimal CSV reader for the *_expect.csv files: quoted fields may hold
// commas; an empty unquoted field is null.
std::vector<std::vector<OptString>> ReadCsv(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::vector<OptString>> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<OptString> row;
    std::string field;
    bool quoted = false, in_quotes = false;
    for (char c : line) {
      if (in_quotes) {
        if (c == '"') {
          in_quotes = false;
        } else {
          field += c;
        }
      } else if (c == '"') {
        in_quotes = quoted = true;
      } else if (c == ',') {
        row.push_back(field.empty() && !quoted ? OptString() : OptString(field));
        field.clear();
        quoted = false;
      } else {
        field += c;
      }
    }
    row.push_back(field.empty() && !quoted ? OptString() : OptString(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

TEST_F(FileReaderTest, DeltaBinaryPackedMatchesItsCsv) {
  const auto csv = ReadCsv(FixturePath("data/delta_binary_packed_expect.csv"));
  const RecordBatchPtr batch = ReadOnlyRowGroup("data/delta_binary_packed.parquet");
  ASSERT_NE(batch, nullptr);
  ASSERT_EQ(csv.size(), 201u);
  ASSERT_EQ(batch->num_rows(), 200);
  ASSERT_EQ(batch->num_columns(), 66);
  for (int c = 0; c < 66; ++c) {
    ASSERT_EQ(*csv[0][static_cast<size_t>(c)], batch->schema()->field(c).name);
    const ColumnVector& column = *batch->column(c);
    for (int64_t r = 0; r < 200; ++r) {
      const OptString& expected = csv[static_cast<size_t>(r) + 1][static_cast<size_t>(c)];
      ASSERT_EQ(column.IsNull(r), !expected.has_value()) << "column " << c << " row " << r;
      if (!expected) continue;
      const int64_t value = c == 65 ? column.Value<int32_t>(r) : column.Value<int64_t>(r);
      ASSERT_EQ(std::to_string(value), *expected) << "column " << c << " row " << r;
    }
  }
}

TEST_F(FileReaderTest, DeltaByteArrayMatchesItsCsv) {
  const auto csv = ReadCsv(FixturePath("data/delta_byte_array_expect.csv"));
  const RecordBatchPtr batch = ReadOnlyRowGroup("data/delta_byte_array.parquet");
  ASSERT_NE(batch, nullptr);
  ASSERT_EQ(csv.size(), 1001u);
  ASSERT_EQ(batch->num_rows(), 1000);
  int64_t nulls = 0;
  for (int c = 0; c < 9; ++c) {
    ASSERT_EQ(*csv[0][static_cast<size_t>(c)], batch->schema()->field(c).name);
    const std::vector<OptString> values = StringsOf(*batch->column(c));
    for (size_t r = 0; r < 1000; ++r) {
      ASSERT_EQ(values[r], csv[r + 1][static_cast<size_t>(c)]) << "column " << c << " row " << r;
    }
    nulls += batch->column(c)->null_count();
  }
  EXPECT_GT(nulls, 1000);  // c_login is all null; DuckDB counts the same.
}

TEST_F(FileReaderTest, ByteStreamSplitZstd) {
  const RecordBatchPtr batch = ReadOnlyRowGroup("data/byte_stream_split.zstd.parquet");
  ASSERT_NE(batch, nullptr);
  ASSERT_EQ(batch->num_rows(), 300);
  for (int64_t i = 0; i < 300; ++i) {
    const testing::ByteStreamSplitRow& row = testing::kByteStreamSplitExpected[i];
    ASSERT_EQ(batch->column(0)->Value<float>(i), static_cast<float>(row.f32)) << i;
    ASSERT_EQ(batch->column(1)->Value<double>(i), row.f64) << i;
  }
}

TEST_F(FileReaderTest, Int96FromSpark) {
  // The .md lists the values in microseconds; Spark and DuckDB read them
  // so, including year 9999 and the far future that nanoseconds would wrap.
  const RecordBatchPtr batch = ReadOnlyRowGroup("data/int96_from_spark.parquet");
  ASSERT_NE(batch, nullptr);
  EXPECT_EQ(batch->schema()->field(0).type->ToString(), "timestamp(us)");
  EXPECT_EQ(
      ValuesOf<int64_t>(*batch->column(0)),
      (std::vector<std::optional<int64_t>>{1704141296123456, 1704070800000000, 253402225200000000,
                                           1735599600000000, std::nullopt, 9089380393200000000}));
}

void ExpectLz4Values(const RecordBatchPtr& batch) {
  ASSERT_NE(batch, nullptr);
  EXPECT_EQ(ValuesOf<int64_t>(*batch->column(0)),
            (std::vector<std::optional<int64_t>>{1593604800, 1593604800, 1593604801, 1593604801}));
  EXPECT_EQ(StringsOf(*batch->column(1)), Texts({"abc", "def", "abc", "def"}));
  EXPECT_EQ(ValuesOf<double>(*batch->column(2)),
            (std::vector<std::optional<double>>{42.0, 7.7, 42.125, 7.7}));
}

TEST_F(FileReaderTest, Lz4RawCompressed) {
  // Checked against DuckDB.
  ExpectLz4Values(ReadOnlyRowGroup("data/lz4_raw_compressed.parquet"));
}

TEST_F(FileReaderTest, HadoopLz4Compressed) {
  // The same table with Hadoop-framed LZ4 (which DuckDB cannot read), its
  // dictionary pages at data_page_offset and no dictionary_page_offset.
  ExpectLz4Values(ReadOnlyRowGroup("data/hadoop_lz4_compressed.parquet"));
}

TEST_F(FileReaderTest, FixedLengthDecimal) {
  // FIXED_LEN_BYTE_ARRAY(11) DECIMAL(25, 2); DuckDB reads 1.00 .. 24.00.
  const RecordBatchPtr batch = ReadOnlyRowGroup("data/fixed_length_decimal.parquet");
  ASSERT_NE(batch, nullptr);
  ASSERT_EQ(batch->num_rows(), 24);
  for (int64_t i = 0; i < 24; ++i) {
    EXPECT_EQ(batch->column(0)->GetDecimal(i).ToString(2), std::to_string(i + 1) + ".00");
  }
}

TEST_F(FileReaderTest, Binary) {
  // Twelve one-byte values 0x00 .. 0x0B; checked against DuckDB.
  const RecordBatchPtr batch = ReadOnlyRowGroup("data/binary.parquet");
  ASSERT_NE(batch, nullptr);
  ASSERT_EQ(batch->num_rows(), 12);
  for (int64_t i = 0; i < 12; ++i) {
    EXPECT_EQ(batch->column(0)->GetView(i), std::string(1, static_cast<char>(i)));
  }
}

TEST_F(FileReaderTest, DataIndexBloomEncodingStats) {
  // GZIP, with a bloom filter and page index around the data; DuckDB agrees.
  const RecordBatchPtr batch = ReadOnlyRowGroup("data/data_index_bloom_encoding_stats.parquet");
  ASSERT_NE(batch, nullptr);
  EXPECT_EQ(batch->schema()->ToString(), "String: string");
  EXPECT_EQ(StringsOf(*batch->column(0)),
            Texts({"Hello", "This is", "a", "test", "How", "are you", "doing ", "today",
                   "the quick", "brown fox", "jumps", "over", "the lazy", "dog"}));
}

TEST_F(FileReaderTest, StructOfNulls) {
  // DuckDB: eight rows of {"b_c_int": null}: structs of nulls, not null structs.
  ASSERT_OK_AND_ASSIGN(auto reader, Open("data/nulls.snappy.parquet"));
  EXPECT_EQ(reader->schema()->ToString(), "b_struct: struct<b_c_int: int32>");
  EXPECT_EQ(reader->num_rows(), 8);
  const RecordBatchPtr batch = ReadOnlyRowGroup("data/nulls.snappy.parquet");
  ASSERT_NE(batch, nullptr);
  EXPECT_EQ(JsonRows(*batch->column(0)), std::vector<std::string>(8, R"({"b_c_int":null})"));
}

TEST_F(FileReaderTest, LegacyTwoLevelListOfLists) {
  // parquet-java 1.14.3 (avro, old list structure): one row [[1, 2], [3, 4]].
  const RecordBatchPtr batch = ReadOnlyRowGroup("data/old_list_structure.parquet");
  ASSERT_NE(batch, nullptr);
  EXPECT_EQ(batch->schema()->ToString(), "a: list<list<int32 not null> not null> not null");
  EXPECT_EQ(JsonRows(*batch->column(0)), (std::vector<std::string>{"[[1,2],[3,4]]"}));
}

TEST_F(FileReaderTest, FlatColumnsBesideMapsAndLists) {
  // nested_maps: columns b and c are flat. DuckDB: b = 1 for all six rows,
  // c = 1.0 for all.
  ASSERT_OK_AND_ASSIGN(auto reader, Open("data/nested_maps.snappy.parquet"));
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, reader->ReadRowGroup(0, {1, 2}));
  EXPECT_EQ(ValuesOf<int32_t>(*batch->column(0)), (std::vector<std::optional<int32_t>>(6, 1)));
  EXPECT_EQ(ValuesOf<double>(*batch->column(1)), (std::vector<std::optional<double>>(6, 1.0)));
}

// datapage_v1-*-checksum: two required INT32 columns of 5120 rows with page
// CRCs. DuckDB: sum(a) = 43118090240, sum(b) = 129016125440,
// sum(a * row) = 454385326080 and sum(b * row) = 378853655132160 (rows from 1).
void ExpectChecksumFileValues(const RecordBatchPtr& batch) {
  ASSERT_NE(batch, nullptr);
  ASSERT_EQ(batch->num_rows(), 5120);
  // |value| < 2^31 and row <= 5120, so int64 cannot overflow.
  int64_t sums[2] = {0, 0}, weighted[2] = {0, 0};
  for (int c = 0; c < 2; ++c) {
    for (int64_t i = 0; i < 5120; ++i) {
      const int32_t value = batch->column(c)->Value<int32_t>(i);
      sums[c] += value;
      weighted[c] += int64_t{value} * (i + 1);
    }
  }
  EXPECT_EQ(sums[0], int64_t{43118090240});
  EXPECT_EQ(sums[1], int64_t{129016125440});
  EXPECT_EQ(weighted[0], int64_t{454385326080});
  EXPECT_EQ(weighted[1], int64_t{378853655132160});
  EXPECT_EQ(batch->column(0)->Value<int32_t>(0), 50462976);
  EXPECT_EQ(batch->column(1)->Value<int32_t>(0), 1734763876);
  EXPECT_EQ(batch->column(0)->Value<int32_t>(5119), 16909060);
  EXPECT_EQ(batch->column(1)->Value<int32_t>(5119), -1684366952);
}

TEST_F(FileReaderTest, ChecksummedPagesVerify) {
  ExpectChecksumFileValues(ReadOnlyRowGroup("data/datapage_v1-uncompressed-checksum.parquet"));
  ExpectChecksumFileValues(ReadOnlyRowGroup("data/datapage_v1-snappy-compressed-checksum.parquet"));
}

TEST_F(FileReaderTest, BadDataFailsCleanly) {
  // PARQUET-1481: an invalid physical type enum in the footer.
  const Status footer = Open("bad_data/PARQUET-1481.parquet").status();
  EXPECT_TRUE(footer.IsCorruption()) << footer.ToString();
  EXPECT_NE(footer.message().find("PARQUET-1481.parquet: footer"), std::string::npos);

  // ARROW-GH-41321: a page with fewer levels than values.
  ASSERT_OK_AND_ASSIGN(auto reader, Open("bad_data/ARROW-GH-41321.parquet"));
  std::vector<int> flat;
  for (int i = 0; i < reader->schema()->num_fields(); ++i) {
    if (reader->field_status(i).ok()) flat.push_back(i);
  }
  const Status status = reader->ReadAll(flat).status();
  EXPECT_TRUE(status.IsCorruption()) << status.ToString();
  // Row groups decode in parallel: either may report first.
  EXPECT_THAT(status.message(), ::testing::ContainsRegex("row group [01], column '"));
}

}  // namespace
}  // namespace strata::parquet
