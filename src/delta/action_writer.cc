// Actions as the JSON lines of a commit file.

#include <fmt/format.h>

#include "columnar/json_writer.h"
#include "delta/actions.h"

namespace strata::delta {

namespace {

// Appends `"key":value` members, with the separating comma.
class ObjectWriter {
 public:
  explicit ObjectWriter(std::string* out) : out_(out) { out_->push_back('{'); }
  ~ObjectWriter() { out_->push_back('}'); }
  ObjectWriter(const ObjectWriter&) = delete;
  ObjectWriter& operator=(const ObjectWriter&) = delete;

  std::string* Key(std::string_view key) {
    if (!first_) out_->push_back(',');
    first_ = false;
    AppendJsonString(key, out_);
    out_->push_back(':');
    return out_;
  }
  void String(std::string_view key, std::string_view value) { AppendJsonString(value, Key(key)); }
  void Int(std::string_view key, int64_t value) {
    fmt::format_to(std::back_inserter(*Key(key)), "{}", value);
  }
  void Bool(std::string_view key, bool value) { Key(key)->append(value ? "true" : "false"); }
  void Raw(std::string_view key, std::string_view json) { Key(key)->append(json); }
  template <typename T>
  void Optional(std::string_view key, const std::optional<T>& value) {
    if (!value) return;
    if constexpr (std::is_same_v<T, std::string>) {
      String(key, *value);
    } else if constexpr (std::is_same_v<T, bool>) {
      Bool(key, *value);
    } else {
      Int(key, *value);
    }
  }

 private:
  std::string* out_;
  bool first_ = true;
};

void AppendStringMap(const StringMap& map, std::string* out) {
  ObjectWriter object(out);
  for (const auto& [key, value] : map) object.String(key, value);
}

void AppendPartitionValues(const PartitionValues& values, std::string* out) {
  ObjectWriter object(out);
  for (const auto& [key, value] : values) {
    if (value) {
      object.String(key, *value);
    } else {
      object.Raw(key, "null");
    }
  }
}

void AppendStringList(const std::vector<std::string>& list, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendJsonString(list[i], out);
  }
  out->push_back(']');
}

void AppendDeletionVector(const DeletionVectorDescriptor& dv, std::string* out) {
  ObjectWriter object(out);
  object.String("storageType", dv.storage_type);
  object.String("pathOrInlineDv", dv.path_or_inline_dv);
  if (dv.offset) object.Int("offset", *dv.offset);
  object.Int("sizeInBytes", dv.size_in_bytes);
  object.Int("cardinality", dv.cardinality);
}

void AppendAction(const Protocol& p, ObjectWriter* o) {
  o->Int("minReaderVersion", p.min_reader_version);
  o->Int("minWriterVersion", p.min_writer_version);
  if (p.reader_features) AppendStringList(*p.reader_features, o->Key("readerFeatures"));
  if (p.writer_features) AppendStringList(*p.writer_features, o->Key("writerFeatures"));
}

void AppendAction(const Metadata& m, ObjectWriter* o) {
  o->String("id", m.id);
  o->Optional("name", m.name);
  o->Optional("description", m.description);
  {
    ObjectWriter format(o->Key("format"));
    format.String("provider", m.format_provider);
    AppendStringMap(m.format_options, format.Key("options"));
  }
  o->String("schemaString", m.schema_string);
  AppendStringList(m.partition_columns, o->Key("partitionColumns"));
  AppendStringMap(m.configuration, o->Key("configuration"));
  o->Optional("createdTime", m.created_time);
}

void AppendAction(const AddFile& a, ObjectWriter* o) {
  o->String("path", a.path);
  AppendPartitionValues(a.partition_values, o->Key("partitionValues"));
  o->Int("size", a.size);
  o->Int("modificationTime", a.modification_time);
  o->Bool("dataChange", a.data_change);
  o->Optional("stats", a.stats);
  if (a.tags) AppendStringMap(*a.tags, o->Key("tags"));
  if (a.deletion_vector) AppendDeletionVector(*a.deletion_vector, o->Key("deletionVector"));
  o->Optional("baseRowId", a.base_row_id);
  o->Optional("defaultRowCommitVersion", a.default_row_commit_version);
}

void AppendAction(const RemoveFile& r, ObjectWriter* o) {
  o->String("path", r.path);
  o->Optional("deletionTimestamp", r.deletion_timestamp);
  o->Bool("dataChange", r.data_change);
  o->Optional("extendedFileMetadata", r.extended_file_metadata);
  if (r.partition_values) AppendPartitionValues(*r.partition_values, o->Key("partitionValues"));
  o->Optional("size", r.size);
  if (r.tags) AppendStringMap(*r.tags, o->Key("tags"));
  if (r.deletion_vector) AppendDeletionVector(*r.deletion_vector, o->Key("deletionVector"));
  o->Optional("baseRowId", r.base_row_id);
  o->Optional("defaultRowCommitVersion", r.default_row_commit_version);
}

void AppendAction(const Txn& t, ObjectWriter* o) {
  o->String("appId", t.app_id);
  o->Int("version", t.version);
  o->Optional("lastUpdated", t.last_updated);
}

void AppendAction(const DomainMetadata& d, ObjectWriter* o) {
  o->String("domain", d.domain);
  o->String("configuration", d.configuration);
  o->Bool("removed", d.removed);
}

void AppendAction(const Sidecar& s, ObjectWriter* o) {
  o->String("path", s.path);
  o->Int("sizeInBytes", s.size_in_bytes);
  o->Int("modificationTime", s.modification_time);
}

void AppendAction(const CheckpointMetadata& c, ObjectWriter* o) { o->Int("version", c.version); }

constexpr std::string_view ActionKey(const Action& action) {
  constexpr std::string_view kKeys[] = {"protocol",   "metaData", "add",
                                        "remove",     "txn",      "domainMetadata",
                                        "commitInfo", "sidecar",  "checkpointMetadata"};
  return kKeys[action.index()];
}

void AppendBody(const Action& action, ObjectWriter* root) {
  if (const auto* info = std::get_if<CommitInfo>(&action)) {
    // commitInfo is free-form: what the writer built is written as is.
    root->Raw("commitInfo", info->json);
  } else {
    std::visit(
        [&](const auto& a) {
          if constexpr (!std::is_same_v<std::decay_t<decltype(a)>, CommitInfo>) {
            ObjectWriter body(root->Key(ActionKey(action)));
            AppendAction(a, &body);
          }
        },
        action);
  }
}

}  // namespace

std::string ActionBodyJson(const Action& action) {
  if (const auto* info = std::get_if<CommitInfo>(&action)) return info->json;
  std::string out;
  std::visit(
      [&](const auto& a) {
        if constexpr (!std::is_same_v<std::decay_t<decltype(a)>, CommitInfo>) {
          ObjectWriter body(&out);
          AppendAction(a, &body);
        }
      },
      action);
  return out;
}

std::string ToJson(const Action& action) {
  std::string out;
  {
    ObjectWriter root(&out);
    AppendBody(action, &root);
  }
  return out;
}

}  // namespace strata::delta
