// Actions parsed from the JSON lines Spark, Databricks and delta-rs wrote
// (copied from the shared fixtures' logs), written back with ToJson, and the
// URI form of add/remove paths.

#include "delta/actions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing/status_matchers.h"

namespace strata::delta {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

// Parses `json`, which must hold a known action of type T.
template <typename T>
T Parse(std::string_view json) {
  Result<std::optional<Action>> action = ParseAction(json);
  EXPECT_OK(action.status()) << json;
  if (!action.ok() || !action->has_value()) {
    ADD_FAILURE() << "no action in " << json;
    return T{};
  }
  const T* typed = std::get_if<T>(&**action);
  if (typed == nullptr) {
    ADD_FAILURE() << "wrong action type (index " << (*action)->index() << ") for " << json;
    return T{};
  }
  return *typed;
}

Status ParseError(std::string_view json) {
  Result<std::optional<Action>> action = ParseAction(json);
  EXPECT_FALSE(action.ok()) << json << " parsed";
  return action.status();
}

// ------------------------------------------------------------ protocol

TEST(ParseActionTest, ProtocolWithoutFeatures) {
  // simple_table, version 0 (Spark 2020).
  const Protocol p = Parse<Protocol>(R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2}})");
  EXPECT_EQ(p.min_reader_version, 1);
  EXPECT_EQ(p.min_writer_version, 2);
  EXPECT_FALSE(p.reader_features.has_value());
  EXPECT_FALSE(p.writer_features.has_value());
  EXPECT_FALSE(p.HasReaderFeature("deletionVectors"));
}

TEST(ParseActionTest, ProtocolWithTableFeatures) {
  // checkpoint-v2-table, version 0 (Databricks Runtime 17).
  const Protocol p = Parse<Protocol>(
      R"({"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":["v2Checkpoint"],)"
      R"("writerFeatures":["v2Checkpoint","identityColumns","appendOnly","invariants"]}})");
  EXPECT_EQ(p.min_reader_version, 3);
  EXPECT_EQ(p.min_writer_version, 7);
  ASSERT_TRUE(p.reader_features.has_value());
  EXPECT_THAT(*p.reader_features, ElementsAre("v2Checkpoint"));
  EXPECT_THAT(*p.writer_features,
              ElementsAre("v2Checkpoint", "identityColumns", "appendOnly", "invariants"));
  EXPECT_TRUE(p.HasReaderFeature("v2Checkpoint"));
  EXPECT_FALSE(p.HasReaderFeature("identityColumns"));
  EXPECT_TRUE(p.HasWriterFeature("identityColumns"));
  EXPECT_FALSE(p.HasWriterFeature("deletionVectors"));
}

TEST(ParseActionTest, ProtocolNullFeatureListsAsInCheckpoints) {
  const Protocol p = Parse<Protocol>(
      R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2,"readerFeatures":null,)"
      R"("writerFeatures":null}})");
  EXPECT_FALSE(p.reader_features.has_value());
  EXPECT_FALSE(p.writer_features.has_value());
}

// ------------------------------------------------------------ metaData

TEST(ParseActionTest, MetadataFromSpark) {
  // delta-0.8.0-partitioned, version 0.
  const Metadata m = Parse<Metadata>(
      R"({"metaData":{"id":"fe5a3c11-30d4-4dd7-b115-a1c121e66a4e","format":{"provider":"parquet",)"
      R"("options":{}},"schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":\"value\",)"
      R"(\"type\":\"string\",\"nullable\":true,\"metadata\":{}},{\"name\":\"year\",\"type\":)"
      R"(\"string\",\"nullable\":true,\"metadata\":{}}]}","partitionColumns":["year"],)"
      R"("configuration":{},"createdTime":1615555644515}})");
  EXPECT_EQ(m.id, "fe5a3c11-30d4-4dd7-b115-a1c121e66a4e");
  EXPECT_FALSE(m.name.has_value());
  EXPECT_FALSE(m.description.has_value());
  EXPECT_EQ(m.format_provider, "parquet");
  EXPECT_TRUE(m.format_options.empty());
  EXPECT_EQ(m.schema_string,
            R"({"type":"struct","fields":[{"name":"value","type":"string","nullable":true,)"
            R"("metadata":{}},{"name":"year","type":"string","nullable":true,"metadata":{}}]})");
  EXPECT_THAT(m.partition_columns, ElementsAre("year"));
  EXPECT_TRUE(m.configuration.empty());
  EXPECT_EQ(m.created_time, 1615555644515);
}

TEST(ParseActionTest, MetadataWithConfigurationAndNullsAsInCheckpoints) {
  // A checkpoint row of simple_table_with_checkpoint (name/description null),
  // with the configuration of table_with_column_mapping.
  const Metadata m = Parse<Metadata>(
      R"({"metaData":{"id":"cf3741a3-5f93-434f-99ac-9a4bebcdf06c","name":null,"description":null,)"
      R"("format":{"provider":"parquet","options":{"k":"v"}},"schemaString":"{}",)"
      R"("partitionColumns":["Company Very Short"],"configuration":{"delta.columnMapping.mode":)"
      R"("name","delta.columnMapping.maxColumnId":"2"},"createdTime":null}})");
  EXPECT_FALSE(m.name.has_value());
  EXPECT_FALSE(m.description.has_value());
  EXPECT_THAT(m.format_options, ElementsAre(Pair("k", "v")));
  EXPECT_THAT(m.partition_columns, ElementsAre("Company Very Short"));
  EXPECT_THAT(m.configuration, ElementsAre(Pair("delta.columnMapping.maxColumnId", "2"),
                                           Pair("delta.columnMapping.mode", "name")));
  EXPECT_FALSE(m.created_time.has_value());
}

TEST(ParseActionTest, MetadataNameAndDescription) {
  const Metadata m =
      Parse<Metadata>(R"({"metaData":{"id":"x","name":"events","description":"all \"events\"",)"
                      R"("schemaString":"{}","partitionColumns":[],"configuration":{}}})");
  EXPECT_EQ(m.name, "events");
  EXPECT_EQ(m.description, "all \"events\"");
  EXPECT_EQ(m.format_provider, "parquet");  // Absent format: the default.
}

// ------------------------------------------------------------ add

TEST(ParseActionTest, AddWithDeletionVectorStatsAndTags) {
  // table-with-dv-small, version 1 (Databricks Runtime).
  const AddFile a = Parse<AddFile>(
      R"({"add":{"path":"part-00000-fae5310a-a37d-4e51-827b-c3d5516560ca-c000.snappy.parquet",)"
      R"("partitionValues":{},"size":635,"modificationTime":1677811178336,"dataChange":true,)"
      R"("stats":"{\"numRecords\":10,\"minValues\":{\"value\":0},\"maxValues\":{\"value\":9},)"
      R"(\"nullCount\":{\"value\":0},\"tightBounds\":false}","tags":{"INSERTION_TIME":)"
      R"("1677811178336000","MIN_INSERTION_TIME":"1677811178336000","MAX_INSERTION_TIME":)"
      R"("1677811178336000","OPTIMIZE_TARGET_SIZE":"268435456"},"deletionVector":{"storageType":)"
      R"("u","pathOrInlineDv":"vBn[lx{q8@P<9BNH/isA","offset":1,"sizeInBytes":36,)"
      R"("cardinality":2}}})");
  EXPECT_EQ(a.path, "part-00000-fae5310a-a37d-4e51-827b-c3d5516560ca-c000.snappy.parquet");
  EXPECT_TRUE(a.partition_values.empty());
  EXPECT_EQ(a.size, 635);
  EXPECT_EQ(a.modification_time, 1677811178336);
  EXPECT_TRUE(a.data_change);
  EXPECT_EQ(a.stats, R"({"numRecords":10,"minValues":{"value":0},"maxValues":{"value":9},)"
                     R"("nullCount":{"value":0},"tightBounds":false})");
  ASSERT_TRUE(a.tags.has_value());
  EXPECT_EQ(a.tags->size(), 4U);
  EXPECT_EQ(a.tags->at("OPTIMIZE_TARGET_SIZE"), "268435456");
  ASSERT_TRUE(a.deletion_vector.has_value());
  const DeletionVectorDescriptor expected{.storage_type = "u",
                                          .path_or_inline_dv = "vBn[lx{q8@P<9BNH/isA",
                                          .offset = 1,
                                          .size_in_bytes = 36,
                                          .cardinality = 2};
  EXPECT_EQ(*a.deletion_vector, expected);
  EXPECT_FALSE(a.base_row_id.has_value());
  EXPECT_FALSE(a.default_row_commit_version.has_value());
}

TEST(ParseActionTest, AddWithNullPartitionValue) {
  // delta-0.8.0-null-partition, version 0.
  const AddFile a = Parse<AddFile>(
      R"({"add":{"path":"k=__HIVE_DEFAULT_PARTITION__/part-00001-8474ac85-360b-4f58-b3ea-)"
      R"(23990c71b932.c000.snappy.parquet","partitionValues":{"k":null},"size":460,)"
      R"("modificationTime":1627990384000,"dataChange":true}})");
  EXPECT_THAT(a.partition_values, ElementsAre(Pair("k", std::nullopt)));
  EXPECT_FALSE(a.stats.has_value());
  EXPECT_FALSE(a.tags.has_value());
}

TEST(ParseActionTest, AddPartitionValuesOfSeveralColumns) {
  // delta-0.8.0-partitioned, version 0.
  const AddFile a = Parse<AddFile>(
      R"({"add":{"path":"year=2021/month=12/day=20/part-00000-9275fdf4-3961-4184-baa0-)"
      R"(1c8a2bb98104.c000.snappy.parquet","partitionValues":{"year":"2021","month":"12",)"
      R"("day":"20"},"size":407,"modificationTime":1615555646000,"dataChange":true}})");
  EXPECT_THAT(a.partition_values,
              ElementsAre(Pair("day", "20"), Pair("month", "12"), Pair("year", "2021")));
}

TEST(ParseActionTest, AddNullOptionalFieldsAsInCheckpoints) {
  // A sidecar row of checkpoint-v2-table, as the checkpoint reader renders it.
  const AddFile a = Parse<AddFile>(
      R"({"add":{"path":"p.parquet","partitionValues":{},"size":1045,"modificationTime":)"
      R"(1754750666000,"dataChange":false,"tags":null,"deletionVector":null,"baseRowId":null,)"
      R"("defaultRowCommitVersion":null,"clusteringProvider":null,"stats":null}})");
  EXPECT_FALSE(a.data_change);
  EXPECT_FALSE(a.tags.has_value());
  EXPECT_FALSE(a.deletion_vector.has_value());
  EXPECT_FALSE(a.base_row_id.has_value());
  EXPECT_FALSE(a.stats.has_value());
}

TEST(ParseActionTest, AddStatsFromStatsParsed) {
  const AddFile a = Parse<AddFile>(
      R"({"add":{"path":"p.parquet","partitionValues":{},"size":1,"modificationTime":1,)"
      R"("dataChange":false,"stats":null,"stats_parsed":{"numRecords":1,"minValues":{"id":11}}}})");
  EXPECT_EQ(a.stats, R"({"numRecords":1,"minValues":{"id":11}})");
}

TEST(ParseActionTest, AddRowTrackingFieldsAndInlineDeletionVector) {
  const AddFile a = Parse<AddFile>(
      R"({"add":{"path":"a.parquet","partitionValues":{"n":7,"b":true},"size":10,)"
      R"("modificationTime":5,"dataChange":true,"baseRowId":100,"defaultRowCommitVersion":3,)"
      R"("deletionVector":{"storageType":"i","pathOrInlineDv":"wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L","sizeInBytes":40,"cardinality":6}}})");
  // Writers put strings here; numbers and booleans are kept as their text.
  EXPECT_THAT(a.partition_values, ElementsAre(Pair("b", "true"), Pair("n", "7")));
  EXPECT_EQ(a.base_row_id, 100);
  EXPECT_EQ(a.default_row_commit_version, 3);
  ASSERT_TRUE(a.deletion_vector.has_value());
  EXPECT_EQ(a.deletion_vector->storage_type, "i");
  EXPECT_FALSE(a.deletion_vector->offset.has_value());
  EXPECT_EQ(a.deletion_vector->size_in_bytes, 40);
  EXPECT_EQ(a.deletion_vector->cardinality, 6);
}

TEST(ParseActionTest, AddDefaultsForAbsentOptionalFields) {
  const AddFile a = Parse<AddFile>(R"({"add":{"path":"a.parquet","size":10}})");
  EXPECT_EQ(a.modification_time, 0);
  EXPECT_TRUE(a.data_change);
  EXPECT_TRUE(a.partition_values.empty());
}

// ------------------------------------------------------------ remove

TEST(ParseActionTest, RemoveMinimalFromSpark) {
  // simple_table, version 1.
  const RemoveFile r = Parse<RemoveFile>(
      R"({"remove":{"path":"part-00006-63ce9deb-bc0f-482d-b9a1-7e717b67f294-c000.snappy.parquet",)"
      R"("deletionTimestamp":1587968596250,"dataChange":true}})");
  EXPECT_EQ(r.path, "part-00006-63ce9deb-bc0f-482d-b9a1-7e717b67f294-c000.snappy.parquet");
  EXPECT_EQ(r.deletion_timestamp, 1587968596250);
  EXPECT_TRUE(r.data_change);
  EXPECT_FALSE(r.extended_file_metadata.has_value());
  EXPECT_FALSE(r.partition_values.has_value());
  EXPECT_FALSE(r.size.has_value());
  EXPECT_FALSE(r.deletion_vector.has_value());
}

TEST(ParseActionTest, RemoveWithExtendedFileMetadata) {
  // table-with-dv-small, version 1.
  const RemoveFile r = Parse<RemoveFile>(
      R"({"remove":{"path":"part-00000-fae5310a-a37d-4e51-827b-c3d5516560ca-c000.snappy.parquet",)"
      R"("deletionTimestamp":1677811194426,"dataChange":true,"extendedFileMetadata":true,)"
      R"("partitionValues":{},"size":635,"tags":{"INSERTION_TIME":"1677811178336000",)"
      R"("MIN_INSERTION_TIME":"1677811178336000","MAX_INSERTION_TIME":"1677811178336000",)"
      R"("OPTIMIZE_TARGET_SIZE":"268435456"}}})");
  EXPECT_EQ(r.extended_file_metadata, true);
  ASSERT_TRUE(r.partition_values.has_value());
  EXPECT_TRUE(r.partition_values->empty());
  EXPECT_EQ(r.size, 635);
  ASSERT_TRUE(r.tags.has_value());
  EXPECT_EQ(r.tags->at("INSERTION_TIME"), "1677811178336000");
}

TEST(ParseActionTest, RemoveFromCheckpointWithoutDataChange) {
  // delta-0.2.0's checkpoint: dataChange false, everything else absent.
  const RemoveFile r = Parse<RemoveFile>(
      R"({"txn":null,"add":null,"remove":{"path":"part-00000-512e1537-8aaa-4193-b8b4-)"
      R"(bef3de0de409-c000.snappy.parquet","deletionTimestamp":1564524298213,"dataChange":false},)"
      R"("metaData":null,"protocol":null,"commitInfo":null})");
  EXPECT_FALSE(r.data_change);
  EXPECT_EQ(r.deletion_timestamp, 1564524298213);
}

// ------------------------------------------------------------ txn, domainMetadata

TEST(ParseActionTest, Txn) {
  // delta-0.2.0, version 3 (a streaming query's progress).
  const Txn t = Parse<Txn>(R"({"txn":{"appId":"e4a20b59-dd0e-4c50-b074-e8ae4786df30","version":0,)"
                           R"("lastUpdated":1564524299648}})");
  EXPECT_EQ(t.app_id, "e4a20b59-dd0e-4c50-b074-e8ae4786df30");
  EXPECT_EQ(t.version, 0);
  EXPECT_EQ(t.last_updated, 1564524299648);
  EXPECT_FALSE(Parse<Txn>(R"({"txn":{"appId":"a","version":9,"lastUpdated":null}})")
                   .last_updated.has_value());
}

TEST(ParseActionTest, DomainMetadata) {
  const DomainMetadata d =
      Parse<DomainMetadata>(R"({"domainMetadata":{"domain":"delta.rowTracking","configuration":)"
                            R"("{\"rowIdHighWaterMark\":4}","removed":false}})");
  EXPECT_EQ(d.domain, "delta.rowTracking");
  EXPECT_EQ(d.configuration, R"({"rowIdHighWaterMark":4})");
  EXPECT_FALSE(d.removed);
  EXPECT_TRUE(Parse<DomainMetadata>(
                  R"({"domainMetadata":{"domain":"x","configuration":"","removed":true}})")
                  .removed);
}

// ------------------------------------------------------------ commitInfo

TEST(ParseActionTest, CommitInfoFromDatabricks) {
  // table-with-dv-small, version 1 (metrics shortened).
  const std::string json =
      R"({"timestamp":1677811194429,"operation":"DELETE","operationParameters":{"predicate":)"
      R"("[\"(value IN (0, 9))\"]"},"readVersion":0,"isolationLevel":"WriteSerializable",)"
      R"("isBlindAppend":false,"operationMetrics":{"numRemovedFiles":"0","numDeletedRows":"2"},)"
      R"("engineInfo":"Databricks-Runtime/<unknown>","txnId":"6d9555a2-0e3b-4c15-80c0-d5c3b0cf1277"})";
  const CommitInfo c = Parse<CommitInfo>("{\"commitInfo\":" + json + "}");
  EXPECT_EQ(c.timestamp, 1677811194429);
  EXPECT_FALSE(c.in_commit_timestamp.has_value());
  EXPECT_EQ(c.operation, "DELETE");
  ASSERT_TRUE(c.operation_parameters.has_value());
  EXPECT_THAT(*c.operation_parameters, ElementsAre(Pair("predicate", "[\"(value IN (0, 9))\"]")));
  ASSERT_TRUE(c.operation_metrics.has_value());
  EXPECT_THAT(*c.operation_metrics,
              ElementsAre(Pair("numDeletedRows", "2"), Pair("numRemovedFiles", "0")));
  EXPECT_EQ(c.engine_info, "Databricks-Runtime/<unknown>");
  EXPECT_EQ(c.json, json);  // Kept whole, unknown members included.
}

TEST(ParseActionTest, CommitInfoKeepsNonStringParametersAsJson) {
  // checkpoint-v2-table, version 0: a boolean and a null among the parameters.
  const CommitInfo c = Parse<CommitInfo>(
      R"({"commitInfo":{"timestamp":1754750593562,"operation":"CREATE TABLE",)"
      R"("operationParameters":{"partitionBy":"[]","description":null,"isManaged":"true",)"
      R"("statsOnLoad":false,"nested":{"a":1}},"operationMetrics":{},"inCommitTimestamp":17}})");
  EXPECT_EQ(c.in_commit_timestamp, 17);
  ASSERT_TRUE(c.operation_parameters.has_value());
  EXPECT_THAT(*c.operation_parameters,
              ElementsAre(Pair("description", "null"), Pair("isManaged", "true"),
                          Pair("nested", R"({"a":1})"), Pair("partitionBy", "[]"),
                          Pair("statsOnLoad", "false")));
  EXPECT_TRUE(c.operation_metrics->empty());
}

TEST(ParseActionTest, CommitInfoIsFreeForm) {
  // Shapes other writers may use are kept in `json`, not refused.
  const CommitInfo c = Parse<CommitInfo>(
      R"({"commitInfo":{"operationParameters":"oops","operationMetrics":[1],"engineInfo":5}})");
  EXPECT_FALSE(c.timestamp.has_value());
  EXPECT_FALSE(c.operation_parameters.has_value());
  EXPECT_FALSE(c.operation_metrics.has_value());
  EXPECT_FALSE(c.engine_info.has_value());
  EXPECT_EQ(c.json, R"({"operationParameters":"oops","operationMetrics":[1],"engineInfo":5})");
}

// ------------------------------------------------------------ V2 checkpoint actions

TEST(ParseActionTest, SidecarAndCheckpointMetadata) {
  // checkpoint-v2-table, 00000000000000000006.checkpoint.f5ee283b-....json.
  const Sidecar s = Parse<Sidecar>(
      R"({"sidecar":{"path":"00000000000000000006.checkpoint.0000000001.0000000001.1a1516f4-)"
      R"(8a39-48f0-9ccd-cc3790d824c7.parquet","sizeInBytes":14740,"modificationTime":)"
      R"(1754751124000}})");
  EXPECT_EQ(s.path,
            "00000000000000000006.checkpoint.0000000001.0000000001."
            "1a1516f4-8a39-48f0-9ccd-cc3790d824c7.parquet");
  EXPECT_EQ(s.size_in_bytes, 14740);
  EXPECT_EQ(s.modification_time, 1754751124000);
  const CheckpointMetadata m = Parse<CheckpointMetadata>(
      R"({"checkpointMetadata":{"version":6,"tags":{"sidecarNumActions":"5"}}})");
  EXPECT_EQ(m.version, 6);
}

// ------------------------------------------------------------ unknown input

TEST(ParseActionTest, IgnoresUnknownFields) {
  const AddFile a = Parse<AddFile>(
      R"({"add":{"path":"a","futureField":{"x":[1,2]},"size":3,"clusteringProvider":"liquid"}})");
  EXPECT_EQ(a.path, "a");
  EXPECT_EQ(a.size, 3);
}

TEST(ParseActionTest, UnknownActionsAreSkipped) {
  // Change data files (`cdc`), which readers of the table state skip.
  ASSERT_OK_AND_ASSIGN(
      std::optional<Action> cdc,
      ParseAction(R"({"cdc":{"path":"_change_data/cdc-00000.snappy.parquet","partitionValues":{},)"
                  R"("size":1213,"dataChange":false}})"));
  EXPECT_FALSE(cdc.has_value());
  // A future action whose value is not even an object is no concern either.
  ASSERT_OK_AND_ASSIGN(std::optional<Action> future, ParseAction(R"({"someFutureAction":[1,2]})"));
  EXPECT_FALSE(future.has_value());
  ASSERT_OK_AND_ASSIGN(std::optional<Action> empty, ParseAction("{}"));
  EXPECT_FALSE(empty.has_value());
  // A checkpoint row: every other action column null, the cdc column too.
  ASSERT_OK_AND_ASSIGN(std::optional<Action> row,
                       ParseAction(R"({"txn":null,"cdc":null,"protocol":{"minReaderVersion":1,)"
                                   R"("minWriterVersion":2},"metaData":null})"));
  ASSERT_TRUE(row.has_value());
  EXPECT_TRUE(std::holds_alternative<Protocol>(*row));
}

// ------------------------------------------------------------ errors

TEST(ParseActionTest, MissingRequiredFieldIsCorruptionNamingIt) {
  struct Case {
    std::string json;
    std::string action;
    std::string field;
  };
  const std::vector<Case> cases = {
      {R"({"add":{"size":1}})", "add", "path"},
      {R"({"add":{"path":"a"}})", "add", "size"},
      {R"({"add":{"path":null,"size":1}})", "add", "path"},
      {R"({"remove":{"dataChange":true}})", "remove", "path"},
      {R"({"metaData":{"schemaString":"{}"}})", "metaData", "id"},
      {R"({"metaData":{"id":"x"}})", "metaData", "schemaString"},
      {R"({"protocol":{"minWriterVersion":2}})", "protocol", "minReaderVersion"},
      {R"({"protocol":{"minReaderVersion":1}})", "protocol", "minWriterVersion"},
      {R"({"txn":{"version":1}})", "txn", "appId"},
      {R"({"txn":{"appId":"a"}})", "txn", "version"},
      {R"({"domainMetadata":{"domain":"d"}})", "domainMetadata", "configuration"},
      {R"({"sidecar":{"path":"s"}})", "sidecar", "sizeInBytes"},
      {R"({"checkpointMetadata":{}})", "checkpointMetadata", "version"},
      {R"({"add":{"path":"a","size":1,"deletionVector":{"storageType":"u","sizeInBytes":1,)"
       R"("cardinality":1}}})",
       "add", "pathOrInlineDv"},
  };
  for (const Case& c : cases) {
    const Status status = ParseError(c.json);
    EXPECT_TRUE(status.IsCorruption()) << status.ToString();
    EXPECT_THAT(status.message(), HasSubstr(c.action + " action")) << c.json;
    EXPECT_THAT(status.message(), HasSubstr("\"" + c.field + "\"")) << c.json;
    EXPECT_THAT(status.message(), HasSubstr("missing")) << c.json;
  }
}

TEST(ParseActionTest, WrongTypeIsCorruptionNamingTheField) {
  struct Case {
    std::string json;
    std::string field;
  };
  const std::vector<Case> cases = {
      {R"({"add":{"path":"a","size":"635"}})", "size"},
      {R"({"add":{"path":7,"size":1}})", "path"},
      {R"({"add":{"path":"a","size":1,"dataChange":"true"}})", "dataChange"},
      {R"({"add":{"path":"a","size":1,"partitionValues":["x"]}})", "partitionValues"},
      {R"({"add":{"path":"a","size":1,"partitionValues":{"k":{"x":1}}}})", "partitionValues"},
      {R"({"add":{"path":"a","size":1,"tags":{"k":null}}})", "tags"},
      {R"({"add":{"path":"a","size":1.5}})", "size"},
      {R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2,"readerFeatures":"x"}})",
       "readerFeatures"},
      {R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2,"readerFeatures":[1]}})",
       "readerFeatures"},
      {R"({"protocol":{"minReaderVersion":3000000000,"minWriterVersion":2}})", "minReaderVersion"},
      {R"({"metaData":{"id":"x","schemaString":"{}","partitionColumns":"year"}})",
       "partitionColumns"},
      {R"({"metaData":{"id":"x","schemaString":"{}","configuration":{"a":[1]}}})", "configuration"},
      {R"({"txn":{"appId":"a","version":true}})", "version"},
      {R"({"add":"not an object"})", "add"},
  };
  for (const Case& c : cases) {
    const Status status = ParseError(c.json);
    EXPECT_TRUE(status.IsCorruption()) << c.json << ": " << status.ToString();
    EXPECT_THAT(status.message(), HasSubstr("\"" + c.field + "\"")) << c.json;
  }
}

TEST(ParseActionTest, MalformedJsonIsCorruption) {
  for (const char* json : {"", "not json", R"({"add":{"path":"a")", "[1,2]", "\"add\"", "{,}"}) {
    const Status status = ParseError(json);
    EXPECT_TRUE(status.IsCorruption()) << json << ": " << status.ToString();
  }
}

TEST(ParseActionTest, EveryTruncationIsAnErrorNotACrash) {
  const std::string line =
      R"({"add":{"path":"a.parquet","partitionValues":{"k":null},"size":635,)"
      R"("modificationTime":1,"dataChange":true,"tags":{"a":"b"},"deletionVector":)"
      R"({"storageType":"u","pathOrInlineDv":"vBn[lx{q8@P<9BNH/isA","offset":1,)"
      R"("sizeInBytes":36,"cardinality":2}}})";
  for (size_t length = 0; length < line.size(); ++length) {
    const Status status = ParseAction(line.substr(0, length)).status();
    EXPECT_TRUE(status.IsCorruption()) << length << ": " << status.ToString();
  }
  ASSERT_OK(ParseAction(line).status());
}

TEST(ParseCommitFileTest, ParsesEveryLineInOrder) {
  // simple_table_with_checkpoint, version 0, plus a cdc line and blank lines.
  const std::string text =
      R"({"commitInfo":{"timestamp":1615751699523,"operation":"WRITE","operationParameters":)"
      R"({"mode":"Append","partitionBy":"[]"},"isBlindAppend":true,"operationMetrics":)"
      R"({"numFiles":"1","numOutputBytes":"442","numOutputRows":"1"}}})"
      "\n"
      R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2}})"
      "\r\n\n   \n"
      R"({"cdc":{"path":"c.parquet","partitionValues":{},"size":1,"dataChange":false}})"
      "\n"
      R"({"add":{"path":"part-00000-3810fbe0-9892-431d-bcfd-7de5788dfe8d-c000.snappy.parquet",)"
      R"("partitionValues":{},"size":442,"modificationTime":1615751699515,"dataChange":true}})";
  ASSERT_OK_AND_ASSIGN(std::vector<Action> actions, ParseCommitFile(text, "v.json"));
  ASSERT_EQ(actions.size(), 3U);
  EXPECT_TRUE(std::holds_alternative<CommitInfo>(actions[0]));
  EXPECT_EQ(std::get<CommitInfo>(actions[0]).operation, "WRITE");
  EXPECT_TRUE(std::holds_alternative<Protocol>(actions[1]));
  EXPECT_EQ(std::get<AddFile>(actions[2]).size, 442);
  ASSERT_OK_AND_ASSIGN(actions, ParseCommitFile("", "empty.json"));
  EXPECT_TRUE(actions.empty());
}

TEST(ParseCommitFileTest, ErrorsNameFileLineActionAndField) {
  const std::string text =
      "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n"
      "\n"
      "{\"add\":{\"path\":\"a.parquet\",\"size\":\"12\"}}\n";
  const Status status = ParseCommitFile(text, "/t/_delta_log/00000000000000000003.json").status();
  EXPECT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("/t/_delta_log/00000000000000000003.json:3"));
  EXPECT_THAT(status.message(), HasSubstr("add action"));
  EXPECT_THAT(status.message(), HasSubstr("\"size\""));

  const Status truncated =
      ParseCommitFile("{\"txn\":{\"appId\":\"a\",\"version\":1}}\n{\"add\":{\"pa", "x.json")
          .status();
  EXPECT_TRUE(truncated.IsCorruption());
  EXPECT_THAT(truncated.message(), HasSubstr("x.json:2"));
}

// ------------------------------------------------------------ ToJson round trips

// ToJson, parsed again, gives back the same action (compared through its
// JSON, which writes every field) and the JSON is stable.
template <typename T>
T RoundTrip(const T& action) {
  const std::string json = ToJson(Action(action));
  const T parsed = Parse<T>(json);
  EXPECT_EQ(ToJson(Action(parsed)), json);
  return parsed;
}

TEST(ToJsonTest, ProtocolRoundTrips) {
  Protocol p;
  EXPECT_EQ(ToJson(p), R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2}})");
  p.min_reader_version = 3;
  p.min_writer_version = 7;
  p.reader_features = std::vector<std::string>{"deletionVectors"};
  p.writer_features = std::vector<std::string>{"deletionVectors", "appendOnly"};
  const Protocol back = RoundTrip(p);
  EXPECT_EQ(back.min_reader_version, 3);
  EXPECT_THAT(*back.writer_features, ElementsAre("deletionVectors", "appendOnly"));
  // Reader version 2 with writer features only.
  Protocol writer_only;
  writer_only.min_writer_version = 7;
  writer_only.writer_features = std::vector<std::string>{};
  EXPECT_EQ(ToJson(writer_only),
            R"({"protocol":{"minReaderVersion":1,"minWriterVersion":7,"writerFeatures":[]}})");
  EXPECT_FALSE(RoundTrip(writer_only).reader_features.has_value());
}

TEST(ToJsonTest, MetadataRoundTrips) {
  Metadata m;
  m.id = "6524c99f-9a76-4ea1-8ad4-e428a7e065d7";
  m.name = "t\u00e4ble";
  m.schema_string = R"({"type":"struct","fields":[{"name":"v","type":"long","nullable":true,)"
                    R"("metadata":{}}]})";
  m.partition_columns = {"v"};
  m.configuration = {{"delta.appendOnly", "true"}};
  m.created_time = 1678020184802;
  const Metadata back = RoundTrip(m);
  EXPECT_EQ(back.id, m.id);
  EXPECT_EQ(back.name, m.name);
  EXPECT_FALSE(back.description.has_value());
  EXPECT_EQ(back.schema_string, m.schema_string);
  EXPECT_EQ(back.partition_columns, m.partition_columns);
  EXPECT_EQ(back.configuration, m.configuration);
  EXPECT_EQ(back.created_time, m.created_time);
  // The required members are always written, empty or not.
  Metadata empty;
  empty.id = "x";
  empty.schema_string = "{}";
  EXPECT_EQ(ToJson(empty), R"({"metaData":{"id":"x","format":{"provider":"parquet","options":{}},)"
                           R"("schemaString":"{}","partitionColumns":[],"configuration":{}}})");
}

TEST(ToJsonTest, AddRoundTrips) {
  AddFile a;
  a.path = "x=A%252FA/part-00000.parquet";
  a.partition_values = {{"x", "A%2FA"}, {"y", std::nullopt}};
  a.size = 635;
  a.modification_time = 1677811178336;
  a.data_change = false;
  a.stats = R"({"numRecords":10})";
  a.tags = StringMap{{"INSERTION_TIME", "1"}};
  a.deletion_vector = DeletionVectorDescriptor{"u", "vBn[lx{q8@P<9BNH/isA", 1, 36, 2};
  a.base_row_id = 4;
  a.default_row_commit_version = 2;
  const AddFile back = RoundTrip(a);
  EXPECT_EQ(back.path, a.path);
  EXPECT_EQ(back.partition_values, a.partition_values);
  EXPECT_EQ(back.size, 635);
  EXPECT_EQ(back.modification_time, a.modification_time);
  EXPECT_FALSE(back.data_change);
  EXPECT_EQ(back.stats, a.stats);
  EXPECT_EQ(back.tags, a.tags);
  EXPECT_EQ(back.deletion_vector, a.deletion_vector);
  EXPECT_EQ(back.base_row_id, 4);
  EXPECT_EQ(back.default_row_commit_version, 2);
  // Unset optional fields are omitted, required ones always written.
  AddFile minimal;
  minimal.path = "a.parquet";
  EXPECT_EQ(ToJson(minimal),
            R"({"add":{"path":"a.parquet","partitionValues":{},"size":0,"modificationTime":0,)"
            R"("dataChange":true}})");
  // An inline DV has no offset, and none is written.
  AddFile inline_dv = minimal;
  inline_dv.deletion_vector = DeletionVectorDescriptor{
      "i", "wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L", std::nullopt, 40, 6};
  EXPECT_THAT(ToJson(inline_dv), ::testing::Not(HasSubstr("offset")));
  EXPECT_EQ(RoundTrip(inline_dv).deletion_vector, inline_dv.deletion_vector);
}

TEST(ToJsonTest, RemoveRoundTrips) {
  RemoveFile r;
  r.path = "part-00000-fae5310a.parquet";
  r.deletion_timestamp = 1677811194426;
  r.extended_file_metadata = true;
  r.partition_values = PartitionValues{{"k", std::nullopt}};
  r.size = 635;
  r.tags = StringMap{{"a", "b"}};
  r.deletion_vector = DeletionVectorDescriptor{"u", "vBn[lx{q8@P<9BNH/isA", 1, 36, 2};
  r.base_row_id = 1;
  r.default_row_commit_version = 1;
  const RemoveFile back = RoundTrip(r);
  EXPECT_EQ(back.path, r.path);
  EXPECT_EQ(back.deletion_timestamp, r.deletion_timestamp);
  EXPECT_EQ(back.extended_file_metadata, true);
  EXPECT_EQ(back.partition_values, r.partition_values);
  EXPECT_EQ(back.size, 635);
  EXPECT_EQ(back.tags, r.tags);
  EXPECT_EQ(back.deletion_vector, r.deletion_vector);
  RemoveFile minimal;
  minimal.path = "a";
  minimal.data_change = false;
  EXPECT_EQ(ToJson(minimal), R"({"remove":{"path":"a","dataChange":false}})");
  EXPECT_FALSE(RoundTrip(minimal).data_change);
}

TEST(ToJsonTest, TxnDomainSidecarAndCheckpointMetadataRoundTrip) {
  const Txn t = RoundTrip(Txn{"app \"1\"", 42, 1564524299648});
  EXPECT_EQ(t.app_id, "app \"1\"");
  EXPECT_EQ(t.version, 42);
  EXPECT_EQ(t.last_updated, 1564524299648);
  EXPECT_EQ(ToJson(Txn{"a", 1, std::nullopt}), R"({"txn":{"appId":"a","version":1}})");

  const DomainMetadata d = RoundTrip(DomainMetadata{"delta.rowTracking", R"({"x":1})", true});
  EXPECT_EQ(d.domain, "delta.rowTracking");
  EXPECT_EQ(d.configuration, R"({"x":1})");
  EXPECT_TRUE(d.removed);

  const Sidecar s = RoundTrip(Sidecar{"00000000000000000006.checkpoint.x.parquet", 14740, 17});
  EXPECT_EQ(s.path, "00000000000000000006.checkpoint.x.parquet");
  EXPECT_EQ(s.size_in_bytes, 14740);
  EXPECT_EQ(s.modification_time, 17);

  EXPECT_EQ(ToJson(CheckpointMetadata{6}), R"({"checkpointMetadata":{"version":6}})");
  EXPECT_EQ(RoundTrip(CheckpointMetadata{6}).version, 6);
}

TEST(ToJsonTest, CommitInfoIsWrittenAsKept) {
  const std::string line =
      R"({"commitInfo":{"timestamp":1587968586154,"operation":"WRITE","operationParameters":)"
      R"({"mode":"ErrorIfExists","partitionBy":"[]"},"isBlindAppend":true}})";
  const CommitInfo c = Parse<CommitInfo>(line);
  EXPECT_EQ(ToJson(c), line);
  EXPECT_EQ(ActionBodyJson(c), c.json);
  const CommitInfo back = RoundTrip(c);
  EXPECT_EQ(back.timestamp, 1587968586154);
  EXPECT_EQ(back.operation, "WRITE");
}

TEST(ToJsonTest, ActionBodyJsonHasNoWrapper) {
  EXPECT_EQ(ActionBodyJson(Txn{"a", 1, std::nullopt}), R"({"appId":"a","version":1})");
  EXPECT_EQ(ActionBodyJson(Protocol{}), R"({"minReaderVersion":1,"minWriterVersion":2})");
}

// ------------------------------------------------------------ paths

TEST(ActionPathTest, DecodesPercentEscapes) {
  // A hive-escaped directory `x=A%2FA` (value "A/A") appears in the log as
  // `x=A%252FA`: decoding once gives the directory's real name.
  ASSERT_OK_AND_ASSIGN(std::string path, DecodeActionPath("x=A%252FA/part-00000.parquet"));
  EXPECT_EQ(path, "x=A%2FA/part-00000.parquet");
  ASSERT_OK_AND_ASSIGN(path, DecodeActionPath("a%20b/c%3Ad%c3%a4.parquet"));
  EXPECT_EQ(path, "a b/c:d\xC3\xA4.parquet");
  ASSERT_OK_AND_ASSIGN(path, DecodeActionPath("plain/part-0.parquet"));
  EXPECT_EQ(path, "plain/part-0.parquet");
  ASSERT_OK_AND_ASSIGN(path, DecodeActionPath("a+b"));
  EXPECT_EQ(path, "a+b");  // '+' is a space only in query strings.
  ASSERT_OK_AND_ASSIGN(path, DecodeActionPath(""));
  EXPECT_EQ(path, "");
}

TEST(ActionPathTest, DecodesFileUris) {
  ASSERT_OK_AND_ASSIGN(std::string path, DecodeActionPath("file:///tmp/t/a%20b.parquet"));
  EXPECT_EQ(path, "/tmp/t/a b.parquet");
  ASSERT_OK_AND_ASSIGN(path, DecodeActionPath("file:/tmp/t/x=A%252FA/p.parquet"));
  EXPECT_EQ(path, "/tmp/t/x=A%2FA/p.parquet");
  ASSERT_OK_AND_ASSIGN(path, DecodeActionPath("/abs/p.parquet"));
  EXPECT_EQ(path, "/abs/p.parquet");
}

TEST(ActionPathTest, MalformedEscapeIsInvalid) {
  for (const char* bad : {"a%2", "a%", "%zz/p", "a%2g", "file:/x%"}) {
    const Status status = DecodeActionPath(bad).status();
    EXPECT_TRUE(status.IsInvalid()) << bad << ": " << status.ToString();
    EXPECT_THAT(status.message(), HasSubstr("%-escape")) << bad;
  }
  const Status status = DecodeActionPath("dir/a%zz").status();
  EXPECT_THAT(status.message(), HasSubstr("dir/a%zz"));
  EXPECT_THAT(status.message(), HasSubstr("byte 5"));
}

TEST(ActionPathTest, EncodesWhatUrisDoNotAllow) {
  EXPECT_EQ(EncodeActionPath("x=A%2FA/part-00000.parquet"), "x=A%252FA/part-00000.parquet");
  EXPECT_EQ(EncodeActionPath("a b/c:d.parquet"), "a%20b/c%3Ad.parquet");
  EXPECT_EQ(EncodeActionPath("year=2021/month=12/part-0_1.c000.snappy.parquet"),
            "year=2021/month=12/part-0_1.c000.snappy.parquet");
  EXPECT_EQ(EncodeActionPath("\xC3\xA4#?"), "%C3%A4%23%3F");
}

TEST(ActionPathTest, EncodeThenDecodeIsIdentity) {
  std::string every_byte;
  for (int c = 1; c < 256; ++c) every_byte.push_back(static_cast<char>(c));
  for (const std::string& path :
       {std::string("x=A%2FA/p.parquet"), std::string("Company Very Short=BMS/p"), every_byte}) {
    ASSERT_OK_AND_ASSIGN(std::string back, DecodeActionPath(EncodeActionPath(path)));
    EXPECT_EQ(back, path);
  }
}

}  // namespace
}  // namespace strata::delta
