#include "delta/actions.h"

#include <simdjson.h>

#include <algorithm>

#include "columnar/json_writer.h"
#include "delta/json_reader.h"

namespace strata::delta {

using internal::JsonObject;

bool Protocol::HasReaderFeature(std::string_view name) const {
  return reader_features && std::find(reader_features->begin(), reader_features->end(), name) !=
                                reader_features->end();
}

bool Protocol::HasWriterFeature(std::string_view name) const {
  return writer_features && std::find(writer_features->begin(), writer_features->end(), name) !=
                                writer_features->end();
}

namespace {

Result<Protocol> ParseProtocol(const JsonObject& o) {
  Protocol p;
  ASSIGN_OR_RETURN(p.min_reader_version, o.RequiredInt32("minReaderVersion"));
  ASSIGN_OR_RETURN(p.min_writer_version, o.RequiredInt32("minWriterVersion"));
  ASSIGN_OR_RETURN(p.reader_features, o.OptionalStringList("readerFeatures"));
  ASSIGN_OR_RETURN(p.writer_features, o.OptionalStringList("writerFeatures"));
  return p;
}

Result<Metadata> ParseMetadata(const JsonObject& o) {
  Metadata m;
  ASSIGN_OR_RETURN(m.id, o.RequiredString("id"));
  ASSIGN_OR_RETURN(m.name, o.OptionalString("name"));
  ASSIGN_OR_RETURN(m.description, o.OptionalString("description"));
  ASSIGN_OR_RETURN(std::optional<JsonObject> format, o.OptionalObject("format"));
  if (format) {
    ASSIGN_OR_RETURN(std::optional<std::string> provider, format->OptionalString("provider"));
    if (provider) m.format_provider = *provider;
    ASSIGN_OR_RETURN(std::optional<StringMap> options, format->OptionalStringMap("options"));
    if (options) m.format_options = std::move(*options);
  }
  ASSIGN_OR_RETURN(m.schema_string, o.RequiredString("schemaString"));
  ASSIGN_OR_RETURN(std::optional<std::vector<std::string>> columns,
                   o.OptionalStringList("partitionColumns"));
  if (columns) m.partition_columns = std::move(*columns);
  ASSIGN_OR_RETURN(std::optional<StringMap> configuration, o.OptionalStringMap("configuration"));
  if (configuration) m.configuration = std::move(*configuration);
  ASSIGN_OR_RETURN(m.created_time, o.OptionalInt64("createdTime"));
  return m;
}

Result<std::optional<DeletionVectorDescriptor>> ParseDeletionVector(const JsonObject& o) {
  ASSIGN_OR_RETURN(std::optional<JsonObject> dv_object, o.OptionalObject("deletionVector"));
  if (!dv_object) return std::nullopt;
  DeletionVectorDescriptor dv;
  ASSIGN_OR_RETURN(dv.storage_type, dv_object->RequiredString("storageType"));
  ASSIGN_OR_RETURN(dv.path_or_inline_dv, dv_object->RequiredString("pathOrInlineDv"));
  ASSIGN_OR_RETURN(dv.offset, dv_object->OptionalInt32("offset"));
  ASSIGN_OR_RETURN(dv.size_in_bytes, dv_object->RequiredInt32("sizeInBytes"));
  ASSIGN_OR_RETURN(dv.cardinality, dv_object->RequiredInt64("cardinality"));
  return dv;
}

Result<AddFile> ParseAdd(const JsonObject& o) {
  AddFile a;
  ASSIGN_OR_RETURN(a.path, o.RequiredString("path"));
  ASSIGN_OR_RETURN(std::optional<PartitionValues> values,
                   o.OptionalNullableStringMap("partitionValues"));
  if (values) a.partition_values = std::move(*values);
  ASSIGN_OR_RETURN(a.size, o.RequiredInt64("size"));
  ASSIGN_OR_RETURN(std::optional<int64_t> mtime, o.OptionalInt64("modificationTime"));
  a.modification_time = mtime.value_or(0);
  ASSIGN_OR_RETURN(std::optional<bool> data_change, o.OptionalBool("dataChange"));
  a.data_change = data_change.value_or(true);
  ASSIGN_OR_RETURN(a.stats, o.OptionalString("stats"));
  if (!a.stats) {
    // Checkpoints may carry the stats only as a struct.
    ASSIGN_OR_RETURN(std::optional<JsonObject> parsed, o.OptionalObject("stats_parsed"));
    if (parsed) a.stats = parsed->Minified();
  }
  ASSIGN_OR_RETURN(a.tags, o.OptionalStringMap("tags"));
  ASSIGN_OR_RETURN(a.deletion_vector, ParseDeletionVector(o));
  ASSIGN_OR_RETURN(a.base_row_id, o.OptionalInt64("baseRowId"));
  ASSIGN_OR_RETURN(a.default_row_commit_version, o.OptionalInt64("defaultRowCommitVersion"));
  return a;
}

Result<RemoveFile> ParseRemove(const JsonObject& o) {
  RemoveFile r;
  ASSIGN_OR_RETURN(r.path, o.RequiredString("path"));
  ASSIGN_OR_RETURN(r.deletion_timestamp, o.OptionalInt64("deletionTimestamp"));
  ASSIGN_OR_RETURN(std::optional<bool> data_change, o.OptionalBool("dataChange"));
  r.data_change = data_change.value_or(true);
  ASSIGN_OR_RETURN(r.extended_file_metadata, o.OptionalBool("extendedFileMetadata"));
  ASSIGN_OR_RETURN(r.partition_values, o.OptionalNullableStringMap("partitionValues"));
  ASSIGN_OR_RETURN(r.size, o.OptionalInt64("size"));
  ASSIGN_OR_RETURN(r.tags, o.OptionalStringMap("tags"));
  ASSIGN_OR_RETURN(r.deletion_vector, ParseDeletionVector(o));
  ASSIGN_OR_RETURN(r.base_row_id, o.OptionalInt64("baseRowId"));
  ASSIGN_OR_RETURN(r.default_row_commit_version, o.OptionalInt64("defaultRowCommitVersion"));
  return r;
}

Result<Txn> ParseTxn(const JsonObject& o) {
  Txn t;
  ASSIGN_OR_RETURN(t.app_id, o.RequiredString("appId"));
  ASSIGN_OR_RETURN(t.version, o.RequiredInt64("version"));
  ASSIGN_OR_RETURN(t.last_updated, o.OptionalInt64("lastUpdated"));
  return t;
}

Result<DomainMetadata> ParseDomain(const JsonObject& o) {
  DomainMetadata d;
  ASSIGN_OR_RETURN(d.domain, o.RequiredString("domain"));
  ASSIGN_OR_RETURN(d.configuration, o.RequiredString("configuration"));
  ASSIGN_OR_RETURN(std::optional<bool> removed, o.OptionalBool("removed"));
  d.removed = removed.value_or(false);
  return d;
}

Result<CommitInfo> ParseCommitInfo(const JsonObject& o) {
  CommitInfo c;
  ASSIGN_OR_RETURN(c.timestamp, o.OptionalInt64("timestamp"));
  ASSIGN_OR_RETURN(c.in_commit_timestamp, o.OptionalInt64("inCommitTimestamp"));
  ASSIGN_OR_RETURN(c.operation, o.OptionalString("operation"));
  // Free-form: what does not have the usual shape is left out, not refused.
  c.operation_parameters = o.LenientStringMap("operationParameters");
  c.operation_metrics = o.LenientStringMap("operationMetrics");
  c.engine_info = o.OptionalString("engineInfo").ValueOr(std::nullopt);
  c.json = o.Minified();
  return c;
}

Result<Sidecar> ParseSidecar(const JsonObject& o) {
  Sidecar s;
  ASSIGN_OR_RETURN(s.path, o.RequiredString("path"));
  ASSIGN_OR_RETURN(s.size_in_bytes, o.RequiredInt64("sizeInBytes"));
  ASSIGN_OR_RETURN(std::optional<int64_t> mtime, o.OptionalInt64("modificationTime"));
  s.modification_time = mtime.value_or(0);
  return s;
}

Result<CheckpointMetadata> ParseCheckpointMetadata(const JsonObject& o) {
  CheckpointMetadata m;
  ASSIGN_OR_RETURN(m.version, o.RequiredInt64("version"));
  return m;
}

template <typename T>
Result<std::optional<Action>> Wrap(Result<T> parsed, std::string_view key) {
  if (!parsed.ok()) return parsed.status().WithContext(fmt::format("{} action", key));
  return std::optional<Action>(std::move(*parsed));
}

constexpr std::string_view kKnownActions[] = {
    "add",        "remove",         "metaData", "protocol",          "txn",
    "commitInfo", "domainMetadata", "sidecar",  "checkpointMetadata"};

bool IsKnownAction(std::string_view key) {
  return std::find(std::begin(kKnownActions), std::end(kKnownActions), key) !=
         std::end(kKnownActions);
}

// One known action per object; a null value (as checkpoints have for the
// other action columns) is skipped so that the next key is tried. Unknown
// actions are skipped whatever their shape, as the protocol asks.
Result<std::optional<Action>> ParseActionObject(const JsonObject& root) {
  for (const auto& [key, value] : root.Members()) {
    if (value.IsNull() || !IsKnownAction(key)) continue;
    ASSIGN_OR_RETURN(JsonObject o, value.AsObject(key));
    if (key == "add") return Wrap(ParseAdd(o), key);
    if (key == "remove") return Wrap(ParseRemove(o), key);
    if (key == "metaData") return Wrap(ParseMetadata(o), key);
    if (key == "protocol") return Wrap(ParseProtocol(o), key);
    if (key == "txn") return Wrap(ParseTxn(o), key);
    if (key == "commitInfo") return Wrap(ParseCommitInfo(o), key);
    if (key == "domainMetadata") return Wrap(ParseDomain(o), key);
    if (key == "sidecar") return Wrap(ParseSidecar(o), key);
    if (key == "checkpointMetadata") return Wrap(ParseCheckpointMetadata(o), key);
  }
  return std::nullopt;
}

Result<std::optional<Action>> ParseLine(internal::JsonDocument* document, std::string_view line) {
  ASSIGN_OR_RETURN(JsonObject root, document->Parse(line));
  return ParseActionObject(root);
}

}  // namespace

RemoveFile RemoveFileFor(const AddFile& add, int64_t deletion_timestamp_ms, bool data_change) {
  RemoveFile remove;
  remove.path = add.path;
  remove.deletion_timestamp = deletion_timestamp_ms;
  remove.data_change = data_change;
  remove.extended_file_metadata = true;
  remove.partition_values = add.partition_values;
  remove.size = add.size;
  remove.deletion_vector = add.deletion_vector;
  return remove;
}

Result<std::optional<Action>> ParseAction(std::string_view json) {
  internal::JsonDocument document;
  return ParseLine(&document, json);
}

Result<std::optional<Action>> ParseAction(std::string_view json, internal::JsonDocument* document) {
  return ParseLine(document, json);
}

Result<std::vector<Action>> ParseCommitFile(std::string_view text, const std::string& file) {
  std::vector<Action> actions;
  internal::JsonDocument document;
  int64_t line_number = 0;
  while (!text.empty()) {
    const size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    Result<std::optional<Action>> action = ParseLine(&document, line);
    if (!action.ok()) return action.status().WithContext(fmt::format("{}:{}", file, line_number));
    if (*action) actions.push_back(std::move(**action));
  }
  return actions;
}

}  // namespace strata::delta
