// The shape of what strata writes into `_delta_log`, checked line by line
// against PROTOCOL.md's field rules (required fields and their JSON types),
// and the checkpoint's Parquet layout against the one Spark writes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "columnar/decimal.h"
#include "delta/checkpoint.h"
#include "delta/table_writer.h"
#include "delta/write_test_util.h"
#include "io/local_file_system.h"
#include "parquet/file_reader.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::delta {
namespace {

using testing::Column;
using ::testing::Contains;
using testing::Longs;
using testing::MakeBatch;
using testing::Strings;
using testing::WriteBatch;
using Element = simdjson::dom::element;
using Object = simdjson::dom::object;

constexpr int64_t kStartMicros = int64_t{1700000000000} * 1000;

bool IsUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

// RFC 2396 path characters (unreserved, '/', and what a segment allows).
bool IsUriPathChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("-_.!~*'()/:@&=+$,;").find(c) != std::string_view::npos;
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// Checks one log line after another, remembering the table's partition
// columns and live files across commits.
class LogChecker {
 public:
  explicit LogChecker(std::string root) : root_(std::move(root)) {}

  void CheckCommit(int64_t version, const std::vector<std::string>& lines) {
    SCOPED_TRACE("commit " + std::to_string(version));
    ASSERT_FALSE(lines.empty());
    int infos = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
      SCOPED_TRACE(lines[i]);
      Element line;
      ASSERT_EQ(parser_.parse(lines[i]).get(line), simdjson::SUCCESS);
      Object object;
      ASSERT_EQ(line.get(object), simdjson::SUCCESS);
      ASSERT_EQ(object.size(), 1U) << "one action per line";
      const auto [key, body] = *object.begin();
      Object action;
      ASSERT_EQ(body.get(action), simdjson::SUCCESS) << key;
      if (key == "commitInfo") {
        EXPECT_EQ(i, 0U) << "commitInfo comes first";
        ++infos;
        CheckCommitInfo(action, version);
      } else if (key == "protocol") {
        CheckProtocol(action);
      } else if (key == "metaData") {
        CheckMetadata(action);
      } else if (key == "add") {
        CheckAdd(action);
      } else if (key == "remove") {
        CheckRemove(action);
      } else if (key == "txn") {
        CheckTxn(action);
      } else {
        ADD_FAILURE() << "unexpected action " << key;
      }
      ++counts_[std::string(key)];
    }
    EXPECT_EQ(infos, 1);
    if (version == 0) {
      EXPECT_EQ(counts_["protocol"], 1);
      EXPECT_EQ(counts_["metaData"], 1);
    }
  }

  std::map<std::string, int>& counts() { return counts_; }

 private:
  static void ExpectStringMap(Element value, std::string_view what) {
    Object map;
    ASSERT_EQ(value.get(map), simdjson::SUCCESS) << what << " is an object";
    for (auto [key, item] : map) EXPECT_TRUE(item.is_string()) << what << "." << key;
  }
  static void ExpectInt(Object o, std::string_view key) {
    EXPECT_TRUE(o[key].is_int64()) << key << " is an integer";
  }
  static void ExpectBool(Object o, std::string_view key) {
    EXPECT_TRUE(o[key].is_bool()) << key << " is a boolean";
  }
  static std::string String(Object o, std::string_view key) {
    std::string_view text;
    EXPECT_EQ(o[key].get(text), simdjson::SUCCESS) << key << " is a string";
    return std::string(text);
  }

  void CheckCommitInfo(Object o, int64_t version) {
    ExpectInt(o, "timestamp");
    EXPECT_FALSE(String(o, "operation").empty());
    ExpectStringMap(o["operationParameters"], "operationParameters");
    if (o["operationMetrics"].error() == simdjson::SUCCESS)
      ExpectStringMap(o["operationMetrics"], "operationMetrics");
    EXPECT_TRUE(String(o, "engineInfo").starts_with("strata/"));
    ExpectBool(o, "isBlindAppend");
    if (version > 0) {
      int64_t read = -1;
      ASSERT_EQ(o["readVersion"].get(read), simdjson::SUCCESS);
      EXPECT_LT(read, version);
      EXPECT_GE(read, 0);
    }
  }

  void CheckProtocol(Object o) {
    int64_t reader = 0;
    int64_t writer = 0;
    ASSERT_EQ(o["minReaderVersion"].get(reader), simdjson::SUCCESS);
    ASSERT_EQ(o["minWriterVersion"].get(writer), simdjson::SUCCESS);
    // Feature lists exist exactly with reader 3 / writer 7.
    EXPECT_EQ(o["readerFeatures"].error() == simdjson::SUCCESS, reader == 3);
    EXPECT_EQ(o["writerFeatures"].error() == simdjson::SUCCESS, writer == 7);
    for (const char* list : {"readerFeatures", "writerFeatures"}) {
      simdjson::dom::array features;
      if (o[list].get(features) != simdjson::SUCCESS) continue;
      for (Element feature : features) EXPECT_TRUE(feature.is_string());
    }
    protocol_ = {reader, writer};
  }

  void CheckMetadata(Object o) {
    EXPECT_TRUE(IsUuid(String(o, "id")));
    if (table_id_.empty()) table_id_ = String(o, "id");
    EXPECT_EQ(String(o, "id"), table_id_) << "metaData.id never changes";
    Object format;
    ASSERT_EQ(o["format"].get(format), simdjson::SUCCESS);
    EXPECT_EQ(String(format, "provider"), "parquet");
    ExpectStringMap(format["options"], "format.options");
    const std::string schema_string = String(o, "schemaString");
    simdjson::dom::parser schema_parser;
    Element schema;
    ASSERT_EQ(schema_parser.parse(schema_string).get(schema), simdjson::SUCCESS) << schema_string;
    std::string_view type;
    EXPECT_EQ(schema["type"].get(type), simdjson::SUCCESS);
    EXPECT_EQ(type, "struct");
    std::set<std::string> names;
    simdjson::dom::array fields;
    ASSERT_EQ(schema["fields"].get(fields), simdjson::SUCCESS);
    for (Element field : fields) {
      std::string_view name;
      ASSERT_EQ(field["name"].get(name), simdjson::SUCCESS);
      names.emplace(name);
      EXPECT_TRUE(field["nullable"].is_bool());
      EXPECT_TRUE(field["metadata"].is_object());
      EXPECT_EQ(field["type"].error(), simdjson::SUCCESS);
    }
    simdjson::dom::array partitions;
    ASSERT_EQ(o["partitionColumns"].get(partitions), simdjson::SUCCESS);
    partition_columns_.clear();
    for (Element column : partitions) {
      std::string_view name;
      ASSERT_EQ(column.get(name), simdjson::SUCCESS);
      EXPECT_TRUE(names.contains(std::string(name))) << name;
      partition_columns_.emplace(name);
    }
    ExpectStringMap(o["configuration"], "configuration");
    if (o["createdTime"].error() == simdjson::SUCCESS) ExpectInt(o, "createdTime");
  }

  // A relative, URI-encoded path naming an existing file.
  void CheckPath(const std::string& path, bool must_exist) {
    EXPECT_FALSE(path.empty());
    EXPECT_FALSE(path.starts_with('/')) << path;
    EXPECT_EQ(path.find("://"), std::string::npos) << path;
    for (size_t i = 0; i < path.size(); ++i) {
      if (path[i] == '%') {
        ASSERT_LT(i + 2, path.size()) << path;
        EXPECT_TRUE(std::isxdigit(static_cast<unsigned char>(path[i + 1])) &&
                    std::isxdigit(static_cast<unsigned char>(path[i + 2])))
            << path;
      } else {
        EXPECT_TRUE(IsUriPathChar(path[i])) << "'" << path[i] << "' in " << path;
      }
    }
    if (must_exist) {
      EXPECT_TRUE(std::filesystem::is_regular_file(root_ + "/" + PercentDecode(path))) << path;
    }
  }

  void CheckPartitionValues(Object o) {
    Object values;
    ASSERT_EQ(o["partitionValues"].get(values), simdjson::SUCCESS);
    std::set<std::string> keys;
    for (auto [key, value] : values) {
      keys.emplace(key);
      EXPECT_TRUE(value.is_string() || value.is_null()) << key;
    }
    EXPECT_EQ(keys, partition_columns_);
  }

  void CheckAdd(Object o) {
    const std::string path = String(o, "path");
    CheckPath(path, true);
    CheckPartitionValues(o);
    int64_t size = -1;
    ASSERT_EQ(o["size"].get(size), simdjson::SUCCESS);
    EXPECT_EQ(size,
              static_cast<int64_t>(std::filesystem::file_size(root_ + "/" + PercentDecode(path))));
    ExpectInt(o, "modificationTime");
    ExpectBool(o, "dataChange");
    const std::string stats_text = String(o, "stats");
    simdjson::dom::parser stats_parser;
    Element stats;
    ASSERT_EQ(stats_parser.parse(stats_text).get(stats), simdjson::SUCCESS) << stats_text;
    int64_t records = -1;
    EXPECT_EQ(stats["numRecords"].get(records), simdjson::SUCCESS);
    EXPECT_GT(records, 0);
    for (const char* key : {"minValues", "maxValues", "nullCount"})
      EXPECT_TRUE(stats[key].is_object()) << key;
    live_.emplace(path, size);
  }

  void CheckRemove(Object o) {
    const std::string path = String(o, "path");
    CheckPath(path, false);
    ExpectInt(o, "deletionTimestamp");
    ExpectBool(o, "dataChange");
    bool extended = false;
    ASSERT_EQ(o["extendedFileMetadata"].get(extended), simdjson::SUCCESS);
    EXPECT_TRUE(extended);
    CheckPartitionValues(o);
    int64_t size = -1;
    ASSERT_EQ(o["size"].get(size), simdjson::SUCCESS);
    auto it = live_.find(path);
    ASSERT_NE(it, live_.end()) << "removes a file that is not live: " << path;
    EXPECT_EQ(size, it->second);
    live_.erase(it);
  }

  void CheckTxn(Object o) {
    EXPECT_FALSE(String(o, "appId").empty());
    ExpectInt(o, "version");
    ExpectInt(o, "lastUpdated");
  }

  std::string root_;
  simdjson::dom::parser parser_;
  std::string table_id_;
  std::set<std::string> partition_columns_;
  std::map<std::string, int64_t> live_;
  std::map<std::string, int> counts_;
  std::pair<int64_t, int64_t> protocol_;
};

VectorPtr Nested(const std::vector<std::optional<int64_t>>& a) {
  const TypePtr type = Struct({Field("a", Int64()), Field("b", String())});
  std::unique_ptr<VectorBuilder> builder = MakeBuilder(type).ValueOrDie();
  auto* st = static_cast<StructBuilder*>(builder.get());
  for (const auto& value : a) {
    Status status = value ? st->Append(true) : st->AppendNull();
    if (value) {
      if (status.ok()) status = static_cast<NumericBuilder<int64_t>*>(st->child(0))->Append(*value);
      if (status.ok())
        status = static_cast<BinaryBuilder*>(st->child(1))->Append("s" + std::to_string(*value));
    }
    if (!status.ok()) DieOnError(status, __FILE__, __LINE__);
  }
  return builder->Finish().ValueOrDie();
}

class ActionShapeTest : public ::testing::Test {
 protected:
  // id, p (partition: string with nulls and characters needing escapes),
  // day (partition: date with nulls), at (timestamp_ntz), ts (timestamp),
  // amount (decimal), nested (struct).
  RecordBatchPtr Rows(int64_t first, const std::vector<std::optional<std::string>>& p) {
    std::vector<std::optional<int64_t>> ids;
    std::vector<std::optional<int32_t>> days;
    std::vector<std::optional<int64_t>> ats;
    std::vector<std::optional<Decimal128>> amounts;
    std::vector<std::optional<int64_t>> nested;
    for (size_t i = 0; i < p.size(); ++i) {
      const int64_t id = first + static_cast<int64_t>(i);
      ids.emplace_back(id);
      days.push_back(id % 3 == 0 ? std::nullopt
                                 : std::optional<int32_t>(19000 + static_cast<int32_t>(id % 2)));
      ats.push_back(id % 4 == 0 ? std::nullopt : std::optional<int64_t>(id * 1000001));
      amounts.push_back(id % 5 == 0 ? std::nullopt
                                    : std::optional<Decimal128>(Decimal128(id * 101)));
      nested.push_back(id % 6 == 0 ? std::nullopt : std::optional<int64_t>(id));
    }
    const TypePtr decimal = Decimal(12, 2).ValueOrDie();
    return MakeBatch({Field("id", Int64()), Field("p", String()), Field("day", Date()),
                      Field("at", Timestamp(TimeUnit::kMicro, false)),
                      Field("ts", Timestamp(TimeUnit::kMicro, true)), Field("amount", decimal),
                      Field("nested", Struct({Field("a", Int64()), Field("b", String())}))},
                     {Longs(ids), Strings(p), Column<int32_t>(Date(), days),
                      Column<int64_t>(Timestamp(TimeUnit::kMicro, false), ats),
                      Column<int64_t>(Timestamp(TimeUnit::kMicro, true), ats),
                      Column<Decimal128>(decimal, amounts), Nested(nested)});
  }

  TableWriteOptions Options() {
    TableWriteOptions options;
    options.partition_columns = {"p", "day"};
    options.transaction.clock = &clock_;
    options.transaction.checkpoint_interval = 4;
    return options;
  }

  // create, appends, overwrite, idempotent append (and its skipped re-run)
  // and more appends: versions 0..5, with a checkpoint at 4.
  void WriteHistory() {
    ASSERT_OK(WriteBatch(fs_.get(), root_, Rows(1, {"a", "a/b", std::nullopt, "x y"}), Options())
                  .status());
    ASSERT_OK(
        WriteBatch(fs_.get(), root_, Rows(5, {"a%b", "k=v", std::nullopt}), Options()).status());
    TableWriteOptions overwrite = Options();
    overwrite.mode = TableWriteMode::kOverwrite;
    ASSERT_OK(WriteBatch(fs_.get(), root_, Rows(8, {"a", "ü", std::nullopt}), overwrite).status());
    TableWriteOptions idempotent = Options();
    idempotent.app_id = "loader";
    idempotent.app_version = 1;
    ASSERT_OK(WriteBatch(fs_.get(), root_, Rows(11, {"b", "c"}), idempotent).status());
    ASSERT_OK_AND_ASSIGN(TableWriteResult again,
                         WriteBatch(fs_.get(), root_, Rows(11, {"b", "c"}), idempotent));
    EXPECT_TRUE(again.skipped);
    ASSERT_OK(WriteBatch(fs_.get(), root_, Rows(13, {"d"}), Options()).status());
    ASSERT_OK(WriteBatch(fs_.get(), root_, Rows(14, {std::nullopt}), Options()).status());
  }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
  std::string root_ = dir_.Join("shape");
  ManualClock clock_{kStartMicros};
};

TEST_F(ActionShapeTest, EveryLogLineFollowsTheProtocol) {
  WriteHistory();
  std::vector<std::string> commits;
  for (const auto& entry : std::filesystem::directory_iterator(root_ + "/_delta_log")) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(".json")) commits.push_back(name);
  }
  std::sort(commits.begin(), commits.end());
  ASSERT_EQ(commits.size(), 6U);
  LogChecker checker(root_);
  for (size_t v = 0; v < commits.size(); ++v) {
    ASSERT_EQ(commits[v], testing::CommitName(static_cast<int64_t>(v)));
    checker.CheckCommit(static_cast<int64_t>(v),
                        testing::CommitLines(fs_.get(), root_, static_cast<int64_t>(v)));
  }
  // What the history wrote: 4+3+3+2+1+1 files, 7 removed by the overwrite.
  EXPECT_EQ(checker.counts()["commitInfo"], 6);
  EXPECT_EQ(checker.counts()["add"], 14);
  EXPECT_EQ(checker.counts()["remove"], 7);
  EXPECT_EQ(checker.counts()["txn"], 1);
  EXPECT_EQ(checker.counts()["protocol"], 1);  // timestamp_ntz: (3, 7) from the start.
  EXPECT_EQ(checker.counts()["metaData"], 1);
}

TEST_F(ActionShapeTest, PathsAreUriEncodedHiveDirectories) {
  WriteHistory();
  std::shared_ptr<const Snapshot> snapshot = Snapshot::Load(fs_.get(), root_, {}).ValueOrDie();
  std::map<std::optional<std::string>, std::string> first_dir;
  for (const AddFile& add : snapshot->files())
    first_dir[add.partition_values.at("p")] = add.path.substr(0, add.path.find('/'));
  // The hive-escaped directory name, then URI-encoded ('%' -> "%25").
  EXPECT_EQ(first_dir[std::string("ü")], "p=%C3%BC");
  EXPECT_EQ(first_dir[std::nullopt], "p=__HIVE_DEFAULT_PARTITION__");
  ASSERT_OK(WriteBatch(fs_.get(), root_, Rows(20, {"a/b"}), Options()).status());
  const std::vector<AddFile> adds =
      testing::ActionsOf<AddFile>(testing::CommitActions(fs_.get(), root_, 6));
  ASSERT_EQ(adds.size(), 1U);
  EXPECT_TRUE(adds[0].path.starts_with("p=a%252Fb/day=")) << adds[0].path;
}

// Renders a footer schema as "path: repetition type [converted]" lines.
std::map<std::string, std::string> Layout(const parquet::FileMetaData& footer) {
  std::map<std::string, std::string> out;
  struct Frame {
    std::string prefix;
    int32_t remaining;
  };
  std::vector<Frame> stack;
  for (size_t i = 1; i < footer.schema.size(); ++i) {
    while (!stack.empty() && stack.back().remaining == 0) stack.pop_back();
    const parquet::SchemaElement& e = footer.schema[i];
    const std::string path = (stack.empty() ? "" : stack.back().prefix + ".") + e.name;
    if (!stack.empty()) --stack.back().remaining;
    std::string text = e.repetition_type == parquet::Repetition::kRequired   ? "required"
                       : e.repetition_type == parquet::Repetition::kRepeated ? "repeated"
                                                                             : "optional";
    if (!e.type) {
      text += " group";
    } else {
      constexpr const char* kTypes[] = {"boolean", "int32",  "int64",  "int96",
                                        "float",   "double", "binary", "fixed"};
      text += std::string(" ") + kTypes[static_cast<int>(*e.type)];
    }
    if (e.converted_type == parquet::ConvertedType::kMap) text += " MAP";
    if (e.converted_type == parquet::ConvertedType::kList) text += " LIST";
    if (e.converted_type == parquet::ConvertedType::kUtf8) text += " UTF8";
    out[path] = text;
    if (!e.type) stack.push_back({path, e.num_children.value_or(0)});
  }
  return out;
}

TEST_F(ActionShapeTest, CheckpointHasSparksColumnsAndLayout) {
  WriteHistory();
  const std::string path = root_ + "/_delta_log/00000000000000000004.checkpoint.parquet";
  ASSERT_TRUE(std::filesystem::exists(path));
  ASSERT_OK_AND_ASSIGN(auto reader, parquet::ParquetReader::Open(fs_.get(), path));
  const std::map<std::string, std::string> layout = Layout(reader->metadata());
  const std::map<std::string, std::string> expected = {
      {"txn", "optional group"},
      {"txn.appId", "optional binary UTF8"},
      {"txn.version", "optional int64"},
      {"txn.lastUpdated", "optional int64"},
      {"add", "optional group"},
      {"add.path", "optional binary UTF8"},
      {"add.partitionValues", "optional group MAP"},
      {"add.partitionValues.key_value", "repeated group"},
      {"add.partitionValues.key_value.key", "required binary UTF8"},
      {"add.partitionValues.key_value.value", "optional binary UTF8"},
      {"add.size", "optional int64"},
      {"add.modificationTime", "optional int64"},
      {"add.dataChange", "optional boolean"},
      {"add.stats", "optional binary UTF8"},
      {"add.tags", "optional group MAP"},
      {"add.deletionVector", "optional group"},
      {"add.deletionVector.storageType", "optional binary UTF8"},
      {"add.deletionVector.pathOrInlineDv", "optional binary UTF8"},
      {"add.deletionVector.offset", "optional int32"},
      {"add.deletionVector.sizeInBytes", "optional int32"},
      {"add.deletionVector.cardinality", "optional int64"},
      {"add.baseRowId", "optional int64"},
      {"add.defaultRowCommitVersion", "optional int64"},
      {"remove", "optional group"},
      {"remove.path", "optional binary UTF8"},
      {"remove.deletionTimestamp", "optional int64"},
      {"remove.dataChange", "optional boolean"},
      {"remove.extendedFileMetadata", "optional boolean"},
      {"remove.partitionValues", "optional group MAP"},
      {"remove.size", "optional int64"},
      {"metaData", "optional group"},
      {"metaData.id", "optional binary UTF8"},
      {"metaData.name", "optional binary UTF8"},
      {"metaData.description", "optional binary UTF8"},
      {"metaData.format", "optional group"},
      {"metaData.format.provider", "optional binary UTF8"},
      {"metaData.format.options", "optional group MAP"},
      {"metaData.schemaString", "optional binary UTF8"},
      {"metaData.partitionColumns", "optional group LIST"},
      {"metaData.partitionColumns.list", "repeated group"},
      {"metaData.partitionColumns.list.element", "optional binary UTF8"},
      {"metaData.configuration", "optional group MAP"},
      {"metaData.createdTime", "optional int64"},
      {"protocol", "optional group"},
      {"protocol.minReaderVersion", "optional int32"},
      {"protocol.minWriterVersion", "optional int32"},
      {"protocol.readerFeatures", "optional group LIST"},
      {"protocol.readerFeatures.list.element", "optional binary UTF8"},
      {"protocol.writerFeatures", "optional group LIST"},
  };
  for (const auto& [column, shape] : expected) {
    auto it = layout.find(column);
    if (it == layout.end()) {
      ADD_FAILURE() << "checkpoint lacks " << column;
      continue;
    }
    EXPECT_EQ(it->second, shape) << column;
  }
  // Top-level columns are action names only.
  for (const auto& [column, shape] : layout) {
    const std::string top = column.substr(0, column.find('.'));
    EXPECT_THAT((std::vector<std::string>{"txn", "add", "remove", "metaData", "protocol",
                                          "domainMetadata"}),
                Contains(top));
  }
  // Each row is one action: protocol, metadata, the txn, 6 live files and
  // the 7 tombstones of the overwrite.
  ASSERT_OK_AND_ASSIGN(std::vector<Action> actions, ReadParquetActions(fs_.get(), path));
  EXPECT_EQ(reader->metadata().num_rows, static_cast<int64_t>(actions.size()));
  EXPECT_EQ(actions.size(), 1U + 1U + 1U + 6U + 7U);
}

}  // namespace
}  // namespace strata::delta
