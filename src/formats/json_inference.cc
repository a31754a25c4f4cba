// InferJsonSchema: the union of the sampled records' fields, typed by
// FieldInference (json_values.h). Sampling is sequential: JSON Lines are
// parsed line by line with one parser, a document's records are walked in
// order.
#include <fmt/format.h>

#include <cstring>

#include "formats/json_chunk_parser.h"
#include "formats/json_reader.h"
#include "formats/json_source.h"
#include "formats/json_values.h"

namespace strata::formats {
namespace {

class SchemaInference {
 public:
  // `kinds_only`: see FieldInference.
  SchemaInference(const JsonReadOptions& options, bool kinds_only)
      : options_(options), kinds_only_(kinds_only) {}

  // Carried values are the same for every record: observed once, first.
  void ObserveCarried(const std::vector<simdjson::dom::element>& carried, int64_t line) {
    for (size_t i = 0; i < carried.size() && i < options_.carry.size(); ++i) {
      FieldFor(CarryName(options_.carry[i]), /*flatten=*/false).Observe(carried[i], line);
    }
  }

  // Non-objects are skipped: the reader rejects them.
  void ObserveRecord(simdjson::dom::element record, int64_t line) {
    if (!record.is_object()) return;
    ++records_;
    WalkFields(
        record.get_object().value_unsafe(), options_.flatten, &path_,
        [&](std::string_view name, simdjson::dom::element value) {
          FieldFor(name, options_.flatten).Observe(value, line);
        },
        [&](std::string_view name) {
          // Note that the field held an object, for conflicts.
          FieldFor(name, options_.flatten).ObserveKind(JsonKind::kObject, line);
          return true;
        });
  }

  int64_t records() const { return records_; }
  Result<SchemaPtr> Finish(const std::string& path) const;

 private:
  FieldInference& FieldFor(std::string_view name, bool flatten) {
    auto it = index_.find(name);
    if (it == index_.end()) {
      it = index_.emplace(std::string(name), static_cast<int>(fields_.size())).first;
      fields_.emplace_back(std::string(name), &options_.values, flatten, kinds_only_);
    }
    return fields_[static_cast<size_t>(it->second)];
  }

  const JsonReadOptions& options_;
  const bool kinds_only_;
  std::vector<FieldInference> fields_;
  ColumnIndex index_;
  std::string path_;
  int64_t records_ = 0;
};

Result<SchemaPtr> SchemaInference::Finish(const std::string& path) const {
  // A declared schema is checked against nothing: there is nothing to misfit.
  if (records_ == 0 && kinds_only_) return std::make_shared<Schema>(std::vector<Field>{});
  if (records_ == 0) return Status::Invalid("{}: no records: nothing to infer", path);
  // With flatten, a field that conflicts and becomes json text keeps its
  // objects whole, so the columns flattened from them go.
  std::vector<std::string> whole;
  for (const FieldInference& field : fields_) {
    if (options_.on_conflict_json && field.conflict() && field.saw_object()) {
      whole.push_back(field.name() + ".");
    }
  }
  std::vector<Field> columns;
  for (const FieldInference& field : fields_) {
    if (!field.is_column()) continue;
    const bool inside_whole = std::any_of(whole.begin(), whole.end(), [&](const std::string& p) {
      return field.name().starts_with(p);
    });
    if (inside_whole) continue;
    Result<TypePtr> type = field.Type(options_.on_conflict_json);
    if (!type.ok()) return type.status().WithContext(path);
    KeyValueMetadata metadata;
    const std::string date_format = field.date_format();
    if (!date_format.empty() && date_format != options_.values.date_format) {
      metadata.emplace_back(std::string(kDateFormatKey), date_format);
    }
    columns.emplace_back(field.name(), *type, true, std::move(metadata));
  }
  if (columns.empty() && !kinds_only_) {
    return Status::Invalid("{}: the records have no fields: nothing to infer", path);
  }
  return std::make_shared<Schema>(std::move(columns));
}

Status SampleDocument(JsonSource* source, int64_t limit, SchemaInference* inference) {
  for (;;) {
    ASSIGN_OR_RETURN(std::optional<JsonChunk> chunk, source->Next());
    if (!chunk.has_value()) return Status::OK();
    const JsonDocument& document = *chunk->document;
    if (chunk->begin == 0 && !document.records.empty()) {
      inference->ObserveCarried(document.carried, document.records.front().line);
    }
    for (size_t i = chunk->begin; i < chunk->end; ++i) {
      if (limit >= 0 && inference->records() >= limit) return Status::OK();
      inference->ObserveRecord(document.records[i].value, document.records[i].line);
    }
  }
}

Status SampleLines(JsonSource* source, int64_t limit, SchemaInference* inference) {
  simdjson::dom::parser parser;
  for (;;) {
    ASSIGN_OR_RETURN(std::optional<JsonChunk> chunk, source->Next());
    if (!chunk.has_value()) return Status::OK();
    const char* data = chunk->text.data();
    int64_t line = chunk->first_line;
    for (size_t pos = 0; pos < chunk->size; ++line) {
      if (limit >= 0 && inference->records() >= limit) return Status::OK();
      const void* newline = std::memchr(data + pos, '\n', chunk->size - pos);
      const size_t end = newline == nullptr
                             ? chunk->size
                             : static_cast<size_t>(static_cast<const char*>(newline) - data);
      simdjson::dom::element record;
      const bool parsed =
          ParseJsonValue(&parser, data + pos, end - pos, &record) == simdjson::SUCCESS;
      pos = end + 1;
      // Blank and malformed lines are not records; the reader reports the latter.
      if (parsed) inference->ObserveRecord(record, line);
    }
  }
}

Result<SchemaPtr> Infer(FileSystem* fs, const std::string& path, const JsonReadOptions& options,
                        const InferOptions& infer, bool kinds_only) {
  ASSIGN_OR_RETURN(auto source, JsonSource::Open(fs, path, options));
  SchemaInference inference(options, kinds_only);
  Status sampled = source->is_document()
                       ? SampleDocument(source.get(), infer.sample_rows, &inference)
                       : SampleLines(source.get(), infer.sample_rows, &inference);
  RETURN_NOT_OK(sampled);
  return inference.Finish(path);
}

}  // namespace

Result<SchemaPtr> InferJsonSchema(FileSystem* fs, const std::string& path,
                                  const JsonReadOptions& options, const InferOptions& infer) {
  return Infer(fs, path, options, infer, /*kinds_only=*/false);
}

Result<SchemaPtr> InferJsonShape(FileSystem* fs, const std::string& path, JsonReadOptions options,
                                 const InferOptions& infer) {
  options.on_conflict_json = true;
  return Infer(fs, path, options, infer, /*kinds_only=*/true);
}

}  // namespace strata::formats
