// schema, meta, cat and convert on files strata generates.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "cli_test_util.h"
#include "testing/temp_dir.h"

namespace strata::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

class ParquetCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(RunStrata({"-q", "generate", "edge-cases", "--to", edge_}).code, kExitOk);
    ASSERT_EQ(RunStrata({"-q", "generate", "telemetry", "--rows", "5000", "--to", telemetry_,
                         "--row-group-rows", "2000"})
                  .code,
              kExitOk);
  }

  ScopedTempDir dir_;
  std::string edge_ = dir_.Join("edge.parquet");
  std::string telemetry_ = dir_.Join("telemetry.parquet");
};

TEST_F(ParquetCommandsTest, SchemaShowsTypesAndStorage) {
  CliRun run = RunStrata({"schema", edge_});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr("12 rows in 1 row groups, created by strata version"));
  EXPECT_THAT(run.out, HasSubstr("amount  decimal(18,4)"));
  EXPECT_THAT(run.out, HasSubstr("INT64 OPTIONAL, DECIMAL(18,4) / DECIMAL"));
  EXPECT_THAT(run.out, HasSubstr("FIXED_LEN_BYTE_ARRAY(16) OPTIONAL, UUID"));
  CliRun json = RunStrata({"schema", edge_, "--json"});
  EXPECT_THAT(json.out, HasSubstr("{\"name\": \"id\", \"type\": \"int64\", \"nullable\": false"));
}

TEST_F(ParquetCommandsTest, MetaShowsRowGroupsAndChunks) {
  CliRun run = RunStrata({"meta", telemetry_});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr("5000 rows, 3 row groups, 9 columns"));
  EXPECT_THAT(run.out, HasSubstr("row group 2: 1000 rows"));
  EXPECT_THAT(run.out, HasSubstr("reading_id: INT64 ZSTD"));
  EXPECT_THAT(run.out, HasSubstr("min 0 max 1999 nulls 0, page index"));
  CliRun json = RunStrata({"meta", telemetry_, "--json"});
  EXPECT_THAT(json.out, HasSubstr("\"num_rows\": 5000"));
  EXPECT_THAT(json.out, HasSubstr("\"path\": \"site\", \"physical_type\": \"BYTE_ARRAY\""));
}

TEST_F(ParquetCommandsTest, CatFormats) {
  CliRun csv = RunStrata({"cat", edge_, "--format", "csv", "--columns", "id,text", "--limit", "3"});
  ASSERT_EQ(csv.code, kExitOk) << csv.err;
  EXPECT_EQ(csv.out, "id,text\n1,plain\n2,\"\"\n3,\n");
  CliRun jsonl =
      RunStrata({"cat", edge_, "--format", "jsonl", "--columns", "id,f64,day", "--limit", "2"});
  EXPECT_EQ(jsonl.out,
            "{\"id\":1,\"f64\":0.0,\"day\":\"1970-01-01\"}\n"
            "{\"id\":2,\"f64\":-0.0,\"day\":\"1969-12-31\"}\n");
  CliRun table = RunStrata({"cat", edge_, "--columns", "uid", "--limit", "1"});
  EXPECT_THAT(table.out, HasSubstr("123e4567-e89b-12d3-a456-426614174000"));
  EXPECT_THAT(table.out, HasSubstr("1 rows"));
}

TEST_F(ParquetCommandsTest, CatTableOfALongFileShowsHeadAndTail) {
  CliRun run = RunStrata({"cat", telemetry_, "--columns", "reading_id"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr("│         19 │"));
  EXPECT_THAT(run.out, Not(HasSubstr("│         20 │")));
  EXPECT_THAT(run.out, HasSubstr("│       4999 │"));
  EXPECT_THAT(run.out, HasSubstr("│       4980 │"));
  EXPECT_THAT(run.out, Not(HasSubstr("│       4979 │")));
  EXPECT_THAT(run.out, HasSubstr("5000 rows (40 shown)"));
}

TEST_F(ParquetCommandsTest, CatOfAnEmptySelectionStillPrintsTheCsvHeader) {
  CliRun run = RunStrata({"cat", edge_, "--format", "csv", "--columns", "id", "--limit", "0"});
  EXPECT_EQ(run.out, "id\n");
}

TEST_F(ParquetCommandsTest, UnknownColumnNamesTheAvailableOnes) {
  CliRun run = RunStrata({"cat", edge_, "--columns", "nope"});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("no column 'nope' (columns: id, text, i64"));
}

TEST_F(ParquetCommandsTest, NonParquetInputIsAClearError) {
  std::string csv = dir_.Join("x.csv");
  std::ofstream(csv) << "a,b\n1,2\n";
  CliRun run = RunStrata({"cat", csv});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, StartsWith("strata: error: corruption:"));
  EXPECT_THAT(run.err, HasSubstr("x.csv"));
  CliRun missing = RunStrata({"schema", dir_.Join("missing.parquet")});
  EXPECT_EQ(missing.code, kExitFailure);
  EXPECT_THAT(missing.err, HasSubstr("not found"));
}

TEST_F(ParquetCommandsTest, ConvertReencodesAndKeepsEveryValue) {
  std::string out = dir_.Join("out.parquet");
  CliRun run = RunStrata({"convert", edge_, "--to", out, "--compression", "gzip",
                          "--data-page-version", "2", "--encoding", "plain"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr("rows=12 rejected=0 files=1 "));
  EXPECT_THAT(RunStrata({"meta", out}).out, HasSubstr("text: BYTE_ARRAY GZIP PLAIN,RLE"));
  EXPECT_EQ(RunStrata({"cat", out, "--format", "jsonl"}).out,
            RunStrata({"cat", edge_, "--format", "jsonl"}).out);
}

TEST_F(ParquetCommandsTest, ConvertWithProjectionAndJsonSummary) {
  std::string out = dir_.Join("proj.parquet");
  CliRun run = RunStrata({"--json", "convert", telemetry_, "--to", out, "--columns", "ts,soc"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"rows\": 5000"));
  EXPECT_THAT(RunStrata({"schema", out}).out, HasSubstr("5000 rows in 1 row groups"));
  EXPECT_EQ(RunStrata({"cat", out, "--format", "csv", "--limit", "1"}).out,
            "ts,soc\n2025-10-01 00:00:00+00,100\n");
}

// A default codec, a column's codec with a level, a comma-separated pair
// and the default's --level: each chunk records its own codec.
TEST_F(ParquetCommandsTest, ConvertWritesPerColumnCodecs) {
  std::string out = dir_.Join("codecs.parquet");
  CliRun run =
      RunStrata({"convert", telemetry_, "--to", out, "--compression", "gzip", "--level", "2",
                 "--compression", "site=lz4", "--compression", "soc=zstd:9,voltage=uncompressed"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  const std::string meta = RunStrata({"meta", out}).out;
  EXPECT_THAT(meta, HasSubstr("reading_id: INT64 GZIP "));
  EXPECT_THAT(meta, HasSubstr("site: BYTE_ARRAY LZ4_RAW "));
  EXPECT_THAT(meta, HasSubstr("soc: INT32 ZSTD ")) << meta;
  EXPECT_THAT(meta, HasSubstr("voltage: DOUBLE UNCOMPRESSED "));
  EXPECT_THAT(RunStrata({"meta", out, "--json"}).out,
              HasSubstr("{\"path\": \"site\", \"physical_type\": \"BYTE_ARRAY\", "
                        "\"codec\": \"LZ4_RAW\""));
  EXPECT_EQ(RunStrata({"cat", out, "--format", "jsonl"}).out,
            RunStrata({"cat", telemetry_, "--format", "jsonl"}).out);
}

// --encoding and --bloom-filter take comma-separated lists like
// --compression, and one value per occurrence: the input after them stays
// an input.
TEST_F(ParquetCommandsTest, EncodingAndBloomFilterListsAreCommaSeparated) {
  std::string out = dir_.Join("enc.parquet");
  CliRun run = RunStrata({"convert", "--encoding", "reading_id=plain,site=delta_byte_array",
                          "--bloom-filter", "site,status", telemetry_, "--to", out});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  const std::string meta = RunStrata({"meta", out}).out;
  EXPECT_THAT(meta, HasSubstr("reading_id: INT64 ZSTD PLAIN"));
  EXPECT_THAT(meta, HasSubstr("site: BYTE_ARRAY ZSTD DELTA_BYTE_ARRAY"));
  EXPECT_EQ(RunStrata({"cat", out, "--format", "jsonl"}).out,
            RunStrata({"cat", telemetry_, "--format", "jsonl"}).out);
}

TEST_F(ParquetCommandsTest, BadPerColumnCodecsNameOptionColumnAndValue) {
  std::string out = dir_.Join("bad.parquet");
  const std::pair<std::vector<std::string>, std::string> cases[] = {
      {{"--compression", "site=lzo"},
       "--compression 'site=lzo': column 'site': unknown codec 'lzo' (expected zstd"},
      {{"--compression", "site=zstd:x"},
       "--compression 'site=zstd:x': column 'site': invalid level 'x' (expected an integer)"},
      {{"--compression", "site=zstd:99"},
       "--compression 'site=zstd:99': column 'site': ZSTD: compression level 99 is outside"},
      {{"--compression", "site=snappy:1"},
       "--compression 'site=snappy:1': column 'site': SNAPPY does not take a compression "
       "level"},
      {{"--compression", "=lz4"}, "--compression '=lz4': empty column name"},
      {{"--compression", "nope=lz4"}, "--compression names unknown column 'nope'"},
      {{"--compression", "snappy", "--level", "3"},
       "--level 3: SNAPPY does not take a compression level"},
      {{"--compression", "zstd:3", "--level", "4"},
       "--level 4 and a --compression CODEC:LEVEL both set the level"},
  };
  for (const auto& [options, message] : cases) {
    std::vector<std::string> args = {"convert", telemetry_, "--to", out};
    args.insert(args.end(), options.begin(), options.end());
    CliRun run = RunStrata(args);
    EXPECT_EQ(run.code, kExitFailure) << options[1];
    EXPECT_THAT(run.err, HasSubstr(message));
  }
  EXPECT_FALSE(std::ifstream(out).good());
}

TEST_F(ParquetCommandsTest, ConvertRejectsBadOptionsWithoutWriting) {
  std::string out = dir_.Join("bad.parquet");
  CliRun run = RunStrata({"convert", edge_, "--to", out, "--compression", "lzo"});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("--compression 'lzo': unknown codec 'lzo'"));
  CliRun enc = RunStrata({"convert", edge_, "--to", out, "--encoding", "text=delta"});
  EXPECT_EQ(enc.code, kExitFailure);
  EXPECT_THAT(enc.err, HasSubstr("column 'text'"));
  EXPECT_FALSE(std::ifstream(out).good());
}

}  // namespace
}  // namespace strata::cli
