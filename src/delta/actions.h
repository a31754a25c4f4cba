// The actions of the Delta transaction log (PROTOCOL.md, "Actions"), parsed
// from and written to the newline-delimited JSON of a commit file.
//
// Parsing ignores unknown fields and unknown actions, as the protocol asks,
// and accepts `null` for every optional field. Checkpoint rows reach the
// same parser as JSON (see checkpoint.h), so there is one reading of each
// field.

#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.h"
#include "delta/deletion_vector.h"

namespace strata::delta {

namespace internal {
class JsonDocument;
}  // namespace internal

using StringMap = std::map<std::string, std::string>;
// Partition column (physical name) -> value; nullopt is a null value.
using PartitionValues = std::map<std::string, std::optional<std::string>>;

struct Protocol {
  int32_t min_reader_version = 1;
  int32_t min_writer_version = 2;
  // Present only with table features (reader 3 / writer 7).
  std::optional<std::vector<std::string>> reader_features;
  std::optional<std::vector<std::string>> writer_features;

  bool HasReaderFeature(std::string_view name) const;
  bool HasWriterFeature(std::string_view name) const;
};

struct Metadata {
  std::string id;
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::string format_provider = "parquet";
  StringMap format_options;
  std::string schema_string;
  std::vector<std::string> partition_columns;  // Logical names.
  StringMap configuration;
  std::optional<int64_t> created_time;  // Milliseconds since the epoch.
};

struct AddFile {
  std::string path;  // URI-encoded, relative to the table root or absolute.
  PartitionValues partition_values;
  int64_t size = 0;
  int64_t modification_time = 0;
  bool data_change = true;
  std::optional<std::string> stats;  // JSON text.
  std::optional<StringMap> tags;
  std::optional<DeletionVectorDescriptor> deletion_vector;
  std::optional<int64_t> base_row_id;
  std::optional<int64_t> default_row_commit_version;
};

struct RemoveFile {
  std::string path;
  std::optional<int64_t> deletion_timestamp;
  bool data_change = true;
  std::optional<bool> extended_file_metadata;
  std::optional<PartitionValues> partition_values;
  std::optional<int64_t> size;
  std::optional<StringMap> tags;
  std::optional<DeletionVectorDescriptor> deletion_vector;
  std::optional<int64_t> base_row_id;
  std::optional<int64_t> default_row_commit_version;
};

struct Txn {
  std::string app_id;
  int64_t version = 0;
  std::optional<int64_t> last_updated;
};

struct DomainMetadata {
  std::string domain;
  std::string configuration;
  bool removed = false;
};

// commitInfo is free-form: the fields readers use are parsed, and the whole
// object is kept as written so that `history` can show everything.
struct CommitInfo {
  std::optional<int64_t> timestamp;
  std::optional<int64_t> in_commit_timestamp;
  std::optional<std::string> operation;
  // Values other than strings are kept as their JSON text; absent when the
  // writer wrote none (or something other than an object).
  std::optional<StringMap> operation_parameters;
  std::optional<StringMap> operation_metrics;
  std::optional<std::string> engine_info;
  std::string json;  // The object's minified JSON.
};

// A V2 checkpoint's pointer to a file of add/remove actions in _sidecars/.
struct Sidecar {
  std::string path;
  int64_t size_in_bytes = 0;
  int64_t modification_time = 0;
};

struct CheckpointMetadata {
  int64_t version = 0;
};

using Action = std::variant<Protocol, Metadata, AddFile, RemoveFile, Txn, DomainMetadata,
                            CommitInfo, Sidecar, CheckpointMetadata>;

// The remove of a live file: same path, partition values, size and deletion
// vector (so it reconciles with the add), extendedFileMetadata set.
RemoveFile RemoveFileFor(const AddFile& add, int64_t deletion_timestamp_ms, bool data_change);

// Parses one JSON action object (`{"add": {...}}`). Returns nullopt for an
// action this reader does not know (`cdc`, future actions), which callers
// skip. kCorruption when the text is not JSON or a known action lacks a
// required field or has one of the wrong type; the message names the action
// and field, and `where` (file and line) is prefixed by the caller.
[[nodiscard]] Result<std::optional<Action>> ParseAction(std::string_view json);
// The same, reusing `document`'s parser: for many actions in a row.
[[nodiscard]] Result<std::optional<Action>> ParseAction(std::string_view json,
                                                        internal::JsonDocument* document);

// Parses a commit file: one action per non-blank line. Errors name `file`
// and the 1-based line.
[[nodiscard]] Result<std::vector<Action>> ParseCommitFile(std::string_view text,
                                                          const std::string& file);

// The action as one line of JSON (no newline), in the shape the protocol
// specifies: optional fields that are unset are omitted.
std::string ToJson(const Action& action);
// The action's object alone, without the `{"add": ...}` wrapper.
std::string ActionBodyJson(const Action& action);

// Percent-decodes an add/remove path into a file system path relative to the
// table root (or an absolute path, with a `file:` scheme removed). kInvalid on
// a malformed escape.
[[nodiscard]] Result<std::string> DecodeActionPath(std::string_view path);
// The inverse for paths strata writes: escapes what RFC 2396 does not allow
// in a path segment (including '%', so hive-escaped names survive).
std::string EncodeActionPath(std::string_view path);

}  // namespace strata::delta
