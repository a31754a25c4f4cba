// Records are converted row by row: each record's fields are dropped into
// per-column slots (a name lookup per field), then every column's parser
// takes its slot's value or a null. A value that does not fit appends a
// null and marks the row bad; bad rows are filtered out at the end, as in
// the CSV reader.
#include "formats/json_chunk_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "columnar/compute.h"
#include "formats/json_nested.h"
#include "formats/json_values.h"
#include "formats/value_parser.h"

namespace strata::formats {
namespace {

// "member 'a.b' widens to float64", or what the elements widen to.
std::string DescribeWidening(const JsonNestedParser::LeafWidening& leaf) {
  const std::string type = leaf.type->ToString();
  if (!leaf.element) return fmt::format("member '{}' widens to {}", leaf.path, type);
  if (leaf.path.empty()) return fmt::format("the column's elements widen to {}", type);
  return fmt::format("the elements of member '{}' widen to {}", leaf.path, type);
}

class RecordConverter {
 public:
  RecordConverter(const JsonContext& context, ParsedJsonChunk* out)
      : context_(context),
        options_(*context.options),
        out_(out),
        slots_(static_cast<size_t>(context.schema->num_fields())),
        set_(slots_.size(), 0) {}

  Status Init() {
    for (int col = 0; col < context_.schema->num_fields(); ++col) {
      const TypePtr& type = context_.schema->field(col).type;
      if (type->is_nested()) {
        Result<std::unique_ptr<JsonNestedParser>> nested =
            JsonNestedParser::Make(type, context_.column_values[static_cast<size_t>(col)]);
        if (!nested.ok()) {
          return nested.status().WithContext(
              fmt::format("column '{}'", context_.schema->field(col).name));
        }
        parsers_.push_back(std::move(nested).value());
        continue;
      }
      ASSIGN_OR_RETURN(auto parser,
                       ColumnParser::Make(type, context_.column_values[static_cast<size_t>(col)]));
      parsers_.push_back(std::move(parser));
    }
    return Status::OK();
  }

  // Converts one record. `raw` is its text for a rejection; empty: the
  // record's minified JSON.
  Status Add(simdjson::dom::element record, int64_t line, std::string_view raw,
             const std::vector<simdjson::dom::element>* carried);
  Status AddMalformed(int64_t line, std::string_view raw, std::string reason) {
    StartRow(line);
    Reject(line, "", std::string(raw), std::move(reason));
    return AppendNullsFrom(0);
  }
  Result<RecordBatchPtr> Finish();

 private:
  void StartRow(int64_t line) {
    ++out_->rows;
    bad_.push_back(0);
    lines_.push_back(line);
  }
  bool row_bad() const { return bad_.back() != 0; }
  void Reject(int64_t line, std::string column, std::string raw, std::string reason) {
    if (row_bad()) return;
    bad_.back() = 1;
    out_->rejected.push_back(RejectedRow{.file = context_.path,
                                         .line = line,
                                         .column = std::move(column),
                                         .raw = std::move(raw),
                                         .reason = std::move(reason)});
  }
  // A record's text for a rejection: its line, else its minified JSON.
  static std::string RawOf(std::string_view raw, simdjson::dom::element record) {
    return raw.empty() ? JsonTextOf(record) : std::string(raw);
  }
  Status AppendNullsFrom(size_t col) {
    for (; col < parsers_.size(); ++col) RETURN_NOT_OK(parsers_[col]->AppendNull());
    return Status::OK();
  }
  void Set(int col, simdjson::dom::element value) {
    const auto index = static_cast<size_t>(col);
    if (set_[index] == 0) touched_.push_back(index);
    set_[index] = 1;
    slots_[index] = value;
  }
  void NoteUnknown(std::string_view name, simdjson::dom::element value, int64_t line);
  Status AppendValue(size_t col, simdjson::dom::element value);
  Status ConvertSlots(simdjson::dom::element record, int64_t line, std::string_view raw);
  // Whether the value in `col`'s slot, which failed with `reason`, fits a
  // safe widening of the column or, in a nested column, of the leaf that
  // failed; if so, notes the widening.
  bool TryWiden(size_t col, int64_t line, std::string_view reason);
  // Notes that `col` needs the type `wider`; `detail` is the message's
  // reason and what widens.
  void Widen(size_t col, TypePtr wider, int64_t line, std::string_view detail);
  Result<std::vector<Field>> NewFields() const;

  const JsonContext& context_;
  const JsonReadOptions& options_;
  ParsedJsonChunk* out_;
  std::vector<std::unique_ptr<ColumnParser>> parsers_;
  std::vector<simdjson::dom::element> slots_;
  std::vector<uint8_t> set_;
  std::vector<size_t> touched_;
  std::vector<uint8_t> bad_;    // Per row.
  std::vector<int64_t> lines_;  // Per row.
  std::vector<uint8_t> widened_;
  std::string scratch_;
  std::string path_;
  // Fields the schema lacks, in first-seen order, and the line of the first.
  std::vector<FieldInference> unknown_;
  ColumnIndex unknown_index_;
  int64_t unknown_line_ = 0;
};

Status RecordConverter::Add(simdjson::dom::element record, int64_t line, std::string_view raw,
                            const std::vector<simdjson::dom::element>* carried) {
  StartRow(line);
  if (!record.is_object()) {
    Reject(line, "", RawOf(raw, record),
           fmt::format("a record must be an object, not {}", KindName(KindOf(record))));
    return AppendNullsFrom(0);
  }
  for (const size_t col : touched_) set_[col] = 0;
  touched_.clear();
  if (carried != nullptr) {
    for (size_t i = 0; i < carried->size() && i < context_.carried_columns.size(); ++i) {
      if (context_.carried_columns[i] >= 0) Set(context_.carried_columns[i], (*carried)[i]);
    }
  }
  const ColumnIndex& columns = context_.columns;
  WalkFields(
      record.get_object().value_unsafe(), options_.flatten, &path_,
      [&](std::string_view name, simdjson::dom::element value) {
        auto it = columns.find(name);
        if (it != columns.end()) {
          Set(it->second, value);
        } else if (options_.reject_unknown_fields && !options_.allow_widening) {
          if (!row_bad()) {
            Reject(line, "", RawOf(raw, record),
                   fmt::format("unexpected member '{}': the schema has no column for it", name));
          }
        } else {
          NoteUnknown(name, value, line);
        }
      },
      // A column named by the object's own path takes it whole.
      [&](std::string_view name) { return columns.find(name) == columns.end(); });
  return ConvertSlots(record, line, raw);
}

Status RecordConverter::ConvertSlots(simdjson::dom::element record, int64_t line,
                                     std::string_view raw) {
  for (size_t col = 0; col < parsers_.size(); ++col) {
    if (row_bad()) return AppendNullsFrom(col);
    if (set_[col] == 0) {
      RETURN_NOT_OK(parsers_[col]->AppendNull());
      continue;
    }
    Status status = AppendValue(col, slots_[col]);
    if (status.ok()) continue;
    RETURN_NOT_OK(parsers_[col]->AppendNull());
    if (status.code() != StatusCode::kInvalid) return status;
    if (options_.allow_widening && TryWiden(col, line, status.message())) continue;
    Reject(line, context_.schema->field(static_cast<int>(col)).name, RawOf(raw, record),
           std::string(status.message()));
  }
  return Status::OK();
}

bool RecordConverter::TryWiden(size_t col, int64_t line, std::string_view reason) {
  const Field& field = context_.schema->field(static_cast<int>(col));
  if (field.type->is_nested()) {
    auto& nested = static_cast<JsonNestedParser&>(*parsers_[col]);
    const std::optional<JsonNestedParser::LeafWidening> leaf = nested.WidenMisfit();
    if (!leaf.has_value()) return false;
    Widen(col, nested.WidenedType(), line, fmt::format("{}; {}", reason, DescribeWidening(*leaf)));
    return true;
  }
  const JsonKind kind = KindOf(slots_[col]);
  // One widening per column per chunk: the restart checks the rest.
  if (kind == JsonKind::kObject || kind == JsonKind::kArray ||
      (!widened_.empty() && widened_[col] != 0)) {
    return false;
  }
  const ScalarText scalar = ScalarTextOf(slots_[col], &scratch_);
  std::optional<TypePtr> wider = SafeWidening(field.type, scalar.text, context_.column_values[col]);
  if (!wider.has_value()) return false;
  Widen(col, *wider, line,
        fmt::format("{}; the column widens to {}", reason, (*wider)->ToString()));
  return true;
}

Status RecordConverter::AppendValue(size_t col, simdjson::dom::element value) {
  ColumnParser& parser = *parsers_[col];
  const JsonKind kind = KindOf(value);
  if (kind == JsonKind::kNull) return parser.AppendNull();
  const TypeId id = parser.type()->id();
  if (parser.type()->is_nested()) {
    return static_cast<JsonNestedParser&>(parser).AppendJson(value);
  }
  const bool nested = kind == JsonKind::kObject || kind == JsonKind::kArray;
  // json columns keep each value's JSON text; string columns take nested
  // values' text too, since a string can hold anything.
  if (id == TypeId::kJson || (nested && id == TypeId::kString)) {
    return parser.Append(JsonTextOf(value), /*quoted=*/true);
  }
  if (nested) {
    return Status::Invalid("{} does not fit {}", KindName(kind), parser.type()->ToString());
  }
  const ScalarText scalar = ScalarTextOf(value, &scratch_);
  return parser.Append(scalar.text, scalar.quoted);
}

void RecordConverter::Widen(size_t col, TypePtr wider, int64_t line, std::string_view detail) {
  if (widened_.empty()) widened_.assign(parsers_.size(), 0);
  widened_[col] = 1;
  // A nested column widens again for another leaf: its entry is replaced.
  auto it = std::find_if(out_->widenings.begin(), out_->widenings.end(),
                         [&](const auto& entry) { return entry.first == static_cast<int>(col); });
  if (it == out_->widenings.end()) {
    out_->widenings.emplace_back(static_cast<int>(col), std::move(wider));
  } else {
    it->second = std::move(wider);
  }
  if (out_->widening_line == 0 || line < out_->widening_line) {
    out_->widening_line = line;
    out_->widening_message =
        fmt::format("{}:{}: column '{}': {}", context_.path, line,
                    context_.schema->field(static_cast<int>(col)).name, detail);
  }
}

void RecordConverter::NoteUnknown(std::string_view name, simdjson::dom::element value,
                                  int64_t line) {
  // Without widening the schema selects the columns; a null adds nothing.
  if (!options_.allow_widening || value.is_null()) return;
  auto it = unknown_index_.find(name);
  if (it == unknown_index_.end()) {
    it = unknown_index_.emplace(std::string(name), static_cast<int>(unknown_.size())).first;
    unknown_.emplace_back(std::string(name), &options_.values, /*flatten=*/false);
    if (unknown_line_ == 0) unknown_line_ = line;
  }
  unknown_[static_cast<size_t>(it->second)].Observe(value, line);
}

Result<std::vector<Field>> RecordConverter::NewFields() const {
  std::vector<Field> fields;
  for (const FieldInference& field : unknown_) {
    Result<TypePtr> type = field.Type(options_.on_conflict_json);
    if (!type.ok()) return type.status().WithContext(context_.path);
    KeyValueMetadata metadata;
    const std::string date_format = field.date_format();
    if (!date_format.empty() && date_format != options_.values.date_format) {
      metadata.emplace_back(std::string(kDateFormatKey), date_format);
    }
    fields.emplace_back(field.name(), *type, true, std::move(metadata));
  }
  return fields;
}

Result<RecordBatchPtr> RecordConverter::Finish() {
  ASSIGN_OR_RETURN(out_->new_fields, NewFields());
  if (!out_->new_fields.empty() &&
      (out_->widening_line == 0 || unknown_line_ < out_->widening_line)) {
    const Field& first = out_->new_fields.front();
    out_->widening_line = unknown_line_;
    out_->widening_message =
        fmt::format("{}:{}: field '{}' is not in the schema; it is added as {}", context_.path,
                    unknown_line_, first.name, first.type->ToString());
  }
  std::vector<VectorPtr> columns;
  for (auto& parser : parsers_) {
    ASSIGN_OR_RETURN(VectorPtr column, parser->Finish());
    columns.push_back(std::move(column));
  }
  // Nullability is checked on the parsed batch, so build it loosely first.
  std::vector<Field> loose = context_.schema->fields();
  for (Field& field : loose) field.nullable = true;
  ASSIGN_OR_RETURN(RecordBatchPtr batch,
                   RecordBatch::Make(std::make_shared<Schema>(std::move(loose)), std::move(columns),
                                     out_->rows));
  for (int col = 0; col < batch->num_columns(); ++col) {
    const Field& field = context_.schema->field(col);
    const VectorPtr& vector = batch->column(col);
    if (field.nullable || vector->null_count() == 0) continue;
    for (int64_t row = 0; row < vector->length(); ++row) {
      if (bad_[static_cast<size_t>(row)] == 0 && vector->IsNull(row)) {
        bad_[static_cast<size_t>(row)] = 1;
        out_->rejected.push_back(RejectedRow{
            .file = context_.path,
            .line = lines_[static_cast<size_t>(row)],
            .column = field.name,
            .reason = fmt::format("null in column '{}', which is not nullable", field.name)});
      }
    }
  }
  std::vector<int64_t> good;
  for (int64_t row = 0; row < out_->rows; ++row) {
    if (bad_[static_cast<size_t>(row)] == 0) good.push_back(row);
  }
  if (static_cast<int64_t>(good.size()) != out_->rows) {
    ASSIGN_OR_RETURN(batch, TakeBatch(batch, good));
  }
  std::stable_sort(out_->rejected.begin(), out_->rejected.end(),
                   [](const RejectedRow& a, const RejectedRow& b) { return a.line < b.line; });
  return RecordBatch::Make(context_.schema, batch->columns(), batch->num_rows());
}

bool IsBlank(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

// One parser per task: its buffers grow to the longest line and are reused.
Status ConvertLines(const JsonChunk& chunk, RecordConverter* converter) {
  simdjson::dom::parser parser;
  const char* data = chunk.text.data();
  int64_t line = chunk.first_line;
  for (size_t pos = 0; pos < chunk.size; ++line) {
    const void* newline = std::memchr(data + pos, '\n', chunk.size - pos);
    const size_t end = newline == nullptr
                           ? chunk.size
                           : static_cast<size_t>(static_cast<const char*>(newline) - data);
    std::string_view text(data + pos, end - pos);
    pos = end + 1;
    if (IsBlank(text)) continue;
    if (text.back() == '\r') text.remove_suffix(1);
    simdjson::dom::element record;
    if (auto error = ParseJsonValue(&parser, text.data(), text.size(), &record)) {
      RETURN_NOT_OK(converter->AddMalformed(
          line, text, fmt::format("malformed JSON: {}", simdjson::error_message(error))));
      continue;
    }
    RETURN_NOT_OK(converter->Add(record, line, text, nullptr));
  }
  return Status::OK();
}

}  // namespace

std::string CarryName(std::string_view pointer) {
  const size_t slash = pointer.rfind('/');
  std::string_view segment = slash == std::string_view::npos ? pointer : pointer.substr(slash + 1);
  std::string name;
  for (size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] == '~' && i + 1 < segment.size() &&
        (segment[i + 1] == '0' || segment[i + 1] == '1')) {
      name.push_back(segment[++i] == '0' ? '~' : '/');
    } else {
      name.push_back(segment[i]);
    }
  }
  return name;
}

ValueOptions JsonValueOptions(ValueOptions values) {
  if (std::find(values.true_values.begin(), values.true_values.end(), "true") ==
      values.true_values.end()) {
    values.true_values.emplace_back("true");
  }
  if (std::find(values.false_values.begin(), values.false_values.end(), "false") ==
      values.false_values.end()) {
    values.false_values.emplace_back("false");
  }
  return values;
}

JsonContext MakeJsonContext(std::string path, SchemaPtr schema, const JsonReadOptions* options) {
  JsonContext context{.path = std::move(path), .schema = std::move(schema), .options = options};
  const ValueOptions values = JsonValueOptions(options->values);
  for (int col = 0; col < context.schema->num_fields(); ++col) {
    const Field& field = context.schema->field(col);
    const auto renamed = options->field_of_column.find(field.name);
    context.columns.emplace(
        renamed == options->field_of_column.end() ? field.name : renamed->second, col);
    ValueOptions column = values;
    for (const auto& [key, value] : field.metadata) {
      if (key == kDateFormatKey) column.date_format = value;
      if (key == kTimestampFormatKey) column.timestamp_format = value;
    }
    context.column_values.push_back(std::move(column));
  }
  for (const std::string& pointer : options->carry) {
    auto it = context.columns.find(CarryName(pointer));
    context.carried_columns.push_back(it == context.columns.end() ? -1 : it->second);
  }
  return context;
}

Result<ParsedJsonChunk> ParseJsonChunk(const JsonChunk& chunk, const JsonContext& context) {
  ParsedJsonChunk out;
  RecordConverter converter(context, &out);
  RETURN_NOT_OK(converter.Init());
  if (chunk.document != nullptr) {
    const JsonDocument& document = *chunk.document;
    for (size_t i = chunk.begin; i < chunk.end; ++i) {
      const JsonRecordRef& record = document.records[i];
      RETURN_NOT_OK(converter.Add(record.value, record.line, "", &document.carried));
    }
  } else {
    RETURN_NOT_OK(ConvertLines(chunk, &converter));
  }
  ASSIGN_OR_RETURN(out.batch, converter.Finish());
  return out;
}

}  // namespace strata::formats
