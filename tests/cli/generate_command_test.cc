#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/gzip_file.h"
#include "cli_test_util.h"
#include "columnar/json_writer.h"
#include "io/local_file_system.h"
#include "testing/temp_dir.h"

namespace strata::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int64_t CountLines(const std::string& text) { return std::count(text.begin(), text.end(), '\n'); }

TEST(GenerateCommandTest, WritesCsvWithHeaderAndRequestedRows) {
  ScopedTempDir dir;
  std::string path = dir.Join("t.csv");
  CliRun run = RunStrata({"generate", "telemetry", "--rows", "1000", "--to", path});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  std::string text = Slurp(path);
  EXPECT_THAT(text, StartsWith("reading_id,ts,site,battery_id,voltage,current,temperature,soc,"
                               "status\n0,2025-10-01 00:00:00+00,DC-CNX-01,"));
  EXPECT_EQ(CountLines(text), 1001);
  EXPECT_THAT(run.out, HasSubstr("wrote 1000 rows of telemetry"));
}

TEST(GenerateCommandTest, OutputDoesNotDependOnBatchBoundaries) {
  ScopedTempDir dir;
  for (const char* format : {"csv", "jsonl"}) {
    std::string a = dir.Join(std::string("a.") + format);
    std::string b = dir.Join(std::string("b.") + format);
    ASSERT_EQ(RunStrata({"-q", "generate", "telemetry", "--rows", "5000", "--to", a}).code, 0);
    ASSERT_EQ(
        RunStrata({"-q", "generate", "telemetry", "--rows", "5000", "--batch-rows", "7", "--to", b})
            .code,
        0);
    EXPECT_EQ(Slurp(a), Slurp(b)) << format;
  }
}

TEST(GenerateCommandTest, SeedChangesValuesButNotShape) {
  ScopedTempDir dir;
  ASSERT_EQ(
      RunStrata({"-q", "generate", "telemetry", "--rows", "50", "--to", dir.Join("a.csv")}).code,
      0);
  ASSERT_EQ(RunStrata({"-q", "generate", "telemetry", "--rows", "50", "--seed", "99", "--to",
                       dir.Join("b.csv")})
                .code,
            0);
  std::string a = Slurp(dir.Join("a.csv"));
  std::string b = Slurp(dir.Join("b.csv"));
  EXPECT_NE(a, b);
  EXPECT_EQ(CountLines(a), CountLines(b));
}

TEST(GenerateCommandTest, JsonSummary) {
  ScopedTempDir dir;
  std::string path = dir.Join("e.jsonl");
  CliRun run = RunStrata({"generate", "edge-cases", "--to", path, "--json"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"dataset\": \"edge-cases\""));
  EXPECT_THAT(run.out, HasSubstr("\"format\": \"jsonl\""));
  EXPECT_THAT(run.out, HasSubstr("\"rows\": 12"));
  EXPECT_EQ(CountLines(Slurp(path)), 12);
}

TEST(GenerateCommandTest, ZeroRowsWritesOnlyTheHeader) {
  ScopedTempDir dir;
  std::string path = dir.Join("empty.csv");
  ASSERT_EQ(RunStrata({"-q", "generate", "telemetry", "--rows", "0", "--to", path}).code, 0);
  EXPECT_EQ(CountLines(Slurp(path)), 0);
}

TEST(GenerateCommandTest, PreviewPrintsATable) {
  ScopedTempDir dir;
  CliRun run = RunStrata({"generate", "edge-cases", "--to", dir.Join("e.csv"), "--preview", "2"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr(" text "));
  EXPECT_THAT(run.out, HasSubstr("┌"));
  EXPECT_THAT(run.out, HasSubstr("plain"));
  EXPECT_THAT(run.out, ::testing::Not(HasSubstr("comma, inside")));
}

TEST(GenerateCommandTest, UnknownDatasetFailsNamingTheChoices) {
  ScopedTempDir dir;
  CliRun run = RunStrata({"generate", "weather", "--to", dir.Join("w.csv")});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("no sample dataset 'weather'"));
  EXPECT_THAT(run.err, HasSubstr("telemetry, edge-cases"));
}

TEST(GenerateCommandTest, UnknownFormatFails) {
  ScopedTempDir dir;
  CliRun run = RunStrata({"generate", "telemetry", "--format", "xml", "--to", dir.Join("w")});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("unknown --format 'xml'"));
}

TEST(GenerateCommandTest, UnwritableTargetFailsAndLeavesNothing) {
  ScopedTempDir dir;
  std::string path = dir.Join("missing-dir/t.csv");
  CliRun run = RunStrata({"generate", "telemetry", "--rows", "10", "--to", path});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, StartsWith("strata: error:"));
  EXPECT_THAT(run.err, HasSubstr("missing-dir"));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(GenerateCommandTest, MissingRequiredOptionIsUsageError) {
  EXPECT_EQ(RunStrata({"generate", "telemetry"}).code, kExitUsage);
}

// Inflates one gzip member that must span all of `compressed`; fails the
// test on anything else.
std::string Gunzip(const std::string& compressed) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  z.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  std::vector<char> buffer(1 << 16);
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buffer.data());
    z.avail_out = static_cast<uInt>(buffer.size());
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buffer.data(), buffer.size() - z.avail_out);
  }
  EXPECT_EQ(rc, Z_STREAM_END);
  EXPECT_EQ(z.avail_in, 0u) << "bytes after the gzip member";
  inflateEnd(&z);
  return out;
}

bool IsGzip(const std::string& bytes) {
  return bytes.size() >= 18 && bytes[0] == '\x1f' && bytes[1] == '\x8b';
}

TEST(GenerateCommandTest, OutIsAnAliasOfTo) {
  ScopedTempDir dir;
  ASSERT_EQ(
      RunStrata({"-q", "generate", "sensors", "--rows", "300", "--out", dir.Join("a.csv")}).code,
      0);
  ASSERT_EQ(
      RunStrata({"-q", "generate", "sensors", "--rows", "300", "--to", dir.Join("b.csv")}).code, 0);
  EXPECT_EQ(Slurp(dir.Join("a.csv")), Slurp(dir.Join("b.csv")));
  EXPECT_EQ(CountLines(Slurp(dir.Join("a.csv"))), 301);
}

TEST(GenerateCommandTest, NewDatasetsAreDeterministicPerSeed) {
  ScopedTempDir dir;
  for (const char* dataset : {"query-perf", "sensors", "index-advisor"}) {
    auto gen = [&](const char* seed, const char* name) {
      std::string path = dir.Join(name);
      CliRun run =
          RunStrata({"-q", "generate", dataset, "--rows", "2000", "--seed", seed, "--out", path});
      EXPECT_EQ(run.code, kExitOk) << dataset << ": " << run.err;
      return Slurp(path);
    };
    std::string a = gen("7", "a.csv");
    EXPECT_EQ(a, gen("7", "b.csv")) << dataset;
    EXPECT_NE(a, gen("8", "c.csv")) << dataset;
    EXPECT_EQ(CountLines(a), 2001) << dataset;
  }
}

TEST(GenerateCommandTest, CsvHeadersOfNewDatasets) {
  ScopedTempDir dir;
  std::string perf = dir.Join("perf.csv");
  std::string sensors = dir.Join("sensors.csv");
  ASSERT_EQ(RunStrata({"-q", "generate", "query-perf", "--rows", "3", "--out", perf}).code, 0);
  ASSERT_EQ(RunStrata({"-q", "generate", "sensors", "--rows", "3", "--out", sensors}).code, 0);
  EXPECT_THAT(Slurp(perf),
              StartsWith("timestamp,query_hash,query_type,query_text,execution_time_ms,"
                         "rows_examined,rows_returned,cache_hit,table_name,index_used,cpu_time_ms,"
                         "io_wait_ms,date_partition\n2025-10-28 00:00:00."));
  EXPECT_THAT(Slurp(sensors),
              StartsWith("unit_id,site,ts,discharge_pressure_psi,suction_pressure_psi,"
                         "discharge_temp_f,vibration_mms,power_kw,running\nCMP-0001,PERMIAN-01,"
                         "2025-10-01 00:00:00+00,"));
}

TEST(GenerateCommandTest, GzipOutputInflatesToThePlainOutput) {
  ScopedTempDir dir;
  struct Case {
    const char* dataset;
    const char* name;
    const char* rows;
  };
  // Sensors at 60000 rows is several MB: the compressor's output buffer
  // fills and drains many times. Small batches make many appends.
  for (const Case& c : {Case{"sensors", "s.csv", "60000"}, Case{"query-perf", "q.jsonl", "5000"},
                        Case{"index-advisor", "r.json", "30"}}) {
    std::string plain = dir.Join(std::string("plain-") + c.name);
    std::string gz = dir.Join(std::string("gz-") + c.name);
    ASSERT_EQ(RunStrata({"-q", "generate", c.dataset, "--rows", c.rows, "--out", plain}).code, 0);
    CliRun run = RunStrata({"generate", c.dataset, "--rows", c.rows, "--out", gz, "--gzip",
                            "--batch-rows", "777", "--json"});
    ASSERT_EQ(run.code, kExitOk) << run.err;
    EXPECT_THAT(run.out, HasSubstr("\"gzip\": true"));
    std::string compressed = Slurp(gz);  // The name as given: no ".gz" added.
    ASSERT_TRUE(IsGzip(compressed)) << c.name;
    std::string expected = Slurp(plain);
    EXPECT_LT(compressed.size(), expected.size() / 2) << c.name;
    EXPECT_EQ(Gunzip(compressed), expected) << c.name;
    EXPECT_THAT(run.out, HasSubstr(fmt::format("\"bytes\": {}", compressed.size())));
  }
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 6);
}

TEST(GenerateCommandTest, GzSuffixImpliesGzipAndKeepsTheFormat) {
  ScopedTempDir dir;
  std::string path = dir.Join("perf.jsonl.gz");
  ASSERT_EQ(RunStrata({"-q", "generate", "query-perf", "--rows", "10", "--out", path}).code, 0);
  std::string text = Gunzip(Slurp(path));
  EXPECT_EQ(CountLines(text), 10);
  EXPECT_THAT(text, StartsWith("{\"timestamp\":\"2025-10-28T00:00:00."));
}

TEST(GenerateCommandTest, GzipOfParquetIsRefused) {
  ScopedTempDir dir;
  CliRun run = RunStrata({"generate", "sensors", "--out", dir.Join("s.parquet"), "--gzip"});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("--compression gzip"));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(GenerateCommandTest, GzipToUnwritableTargetLeavesNothing) {
  ScopedTempDir dir;
  CliRun run = RunStrata(
      {"generate", "sensors", "--rows", "10", "--gzip", "--out", dir.Join("missing/s.csv")});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(GenerateCommandTest, GzipWritableFileFlushesDecodablePrefixes) {
  ScopedTempDir dir;
  auto fs = NewLocalFileSystem();
  std::string path = dir.Join("f.gz");
  auto file =
      MakeGzipWritableFile(fs->OpenForWrite(path, WriteMode::kTruncate).ValueOrDie()).ValueOrDie();
  ASSERT_TRUE(file->Append("hello, ").ok());
  ASSERT_TRUE(file->Flush().ok());
  EXPECT_GT(Slurp(path).size(), 10u);  // Header and a synced block are on disk.
  ASSERT_TRUE(file->Append(std::string(100000, 'x')).ok());
  ASSERT_TRUE(file->Close().ok());
  EXPECT_TRUE(file->Close().ok());
  EXPECT_FALSE(file->Append("late").ok());
  EXPECT_EQ(file->Tell(), 100007);
  EXPECT_EQ(Gunzip(Slurp(path)), "hello, " + std::string(100000, 'x'));
  EXPECT_TRUE(MakeGzipWritableFile(
                  fs->OpenForWrite(dir.Join("g.gz"), WriteMode::kTruncate).ValueOrDie(), 10)
                  .status()
                  .IsInvalid());
}

// The elements of the document's top-level array, one per line between
// `head` and the closing line.
std::vector<std::string> ArrayLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);  // The head, ending in '['.
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == ',') line.pop_back();
    lines.push_back(line);
  }
  if (!lines.empty()) lines.pop_back();  // The closing "]}" or "]".
  return lines;
}

TEST(GenerateCommandTest, IndexAdvisorJsonIsOneReportDocument) {
  ScopedTempDir dir;
  std::string path = dir.Join("report.json");
  CliRun run = RunStrata({"generate", "index-advisor", "--to", path, "--batch-rows", "4"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr("wrote 11 rows of index-advisor"));
  EXPECT_THAT(run.out, HasSubstr("json)"));
  std::string text = Slurp(path);
  std::string minified;
  ASSERT_TRUE(AppendMinifiedJson(text, &minified)) << text;
  EXPECT_THAT(text, StartsWith("{\"timestamp\":\"20"));
  EXPECT_THAT(text, HasSubstr("Z\",\"database\":\"app_production\",\"recommendations\":[\n{"));
  EXPECT_TRUE(text.ends_with("}\n]}\n")) << text;
  std::vector<std::string> elements = ArrayLines(text);
  ASSERT_EQ(elements.size(), 11u);
  for (const std::string& element : elements) {
    std::string one;
    ASSERT_TRUE(AppendMinifiedJson(element, &one)) << element;
    EXPECT_THAT(element, StartsWith("{\"table\":\""));
    EXPECT_THAT(element, HasSubstr(",\"columns\":[\""));
    EXPECT_THAT(element, HasSubstr(",\"queries\":[\""));
    EXPECT_THAT(element, HasSubstr(",\"estimated_improvement_pct\":"));
    // The envelope's fields are not repeated in the elements.
    EXPECT_THAT(element, ::testing::Not(HasSubstr("\"timestamp\"")));
    EXPECT_THAT(element, ::testing::Not(HasSubstr("\"database\"")));
  }
}

TEST(GenerateCommandTest, IndexAdvisorWithoutRowsIsAnEmptyReport) {
  ScopedTempDir dir;
  std::string path = dir.Join("report.json");
  ASSERT_EQ(RunStrata({"-q", "generate", "index-advisor", "--rows", "0", "--to", path}).code, 0);
  std::string text = Slurp(path);
  std::string minified;
  ASSERT_TRUE(AppendMinifiedJson(text, &minified)) << text;
  EXPECT_TRUE(minified.ends_with(",\"recommendations\":[]}")) << minified;
}

TEST(GenerateCommandTest, IndexAdvisorAsJsonLinesKeepsEveryColumnPerRow) {
  ScopedTempDir dir;
  std::string path = dir.Join("report.jsonl");
  ASSERT_EQ(RunStrata({"-q", "generate", "index-advisor", "--to", path}).code, 0);
  std::string text = Slurp(path);
  EXPECT_EQ(CountLines(text), 11);
  EXPECT_THAT(text, StartsWith("{\"timestamp\":"));
  EXPECT_EQ(CountLines(text), static_cast<int64_t>(std::count(text.begin(), text.end(), '{')));
}

TEST(GenerateCommandTest, TableAsJsonFormatIsOneArray) {
  ScopedTempDir dir;
  std::string path = dir.Join("t.json");
  ASSERT_EQ(RunStrata({"-q", "generate", "edge-cases", "--format", "json", "--to", path}).code, 0);
  std::string text = Slurp(path);
  std::string minified;
  ASSERT_TRUE(AppendMinifiedJson(text, &minified)) << text;
  EXPECT_THAT(text, StartsWith("[\n{\"id\":1,"));
  EXPECT_EQ(ArrayLines(text).size(), 12u);
  // Without --format, ".json" stays JSON Lines for tables.
  ASSERT_EQ(RunStrata({"-q", "generate", "edge-cases", "--to", path}).code, 0);
  EXPECT_THAT(Slurp(path), StartsWith("{\"id\":1,"));
}

}  // namespace
}  // namespace strata::cli
