#include "cli/text_input.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "delta/snapshot.h"

namespace strata::cli {
namespace {

Result<char> OneChar(const std::string& text, std::string_view option, bool allow_empty) {
  if (text.empty() && allow_empty) return '\0';
  if (text == "\\t" || text == "tab") return '\t';
  if (text.size() != 1) {
    return Status::Invalid("{} must be one character, got '{}'", option, text);
  }
  return text[0];
}

bool EndsWithAny(std::string_view path, std::initializer_list<std::string_view> suffixes) {
  for (std::string_view suffix : suffixes) {
    if (path.ends_with(suffix)) return true;
  }
  return false;
}

std::string_view WithoutCompressionSuffix(std::string_view path) {
  for (std::string_view suffix : {".gz", ".zst", ".gzip", ".zstd"}) {
    if (path.ends_with(suffix)) return path.substr(0, path.size() - suffix.size());
  }
  return path;
}

}  // namespace

void AddCsvReadOptions(CLI::App* cmd, CsvCliOptions* o) {
  cmd->add_option("--delimiter", o->delimiter, "CSV field delimiter (one character, or tab)")
      ->capture_default_str();
  cmd->add_option("--quote", o->quote, "CSV quote character")->capture_default_str();
  cmd->add_option("--escape", o->escape,
                  "Escape character inside quotes (default: none, \"\" escapes a quote)");
  cmd->add_flag("--no-header", o->no_header, "The first CSV record is data, not column names");
  cmd->add_option("--skip-rows", o->skip_rows, "Lines to drop before the header");
  cmd->add_option("--comment", o->comment, "Lines starting with this prefix are ignored");
  cmd->add_option("--null", o->nulls,
                  "Text that means null, comma-separated (default: the empty field)")
      ->delimiter(',');
  cmd->add_option("--sample", o->sample, "Rows sampled to infer types, or 'all'")
      ->capture_default_str();
  cmd->add_option("--date-format", o->date_format, "strptime format of dates, e.g. %d/%m/%Y");
  cmd->add_option("--timestamp-format", o->timestamp_format, "strptime format of timestamps");
  cmd->add_option("--decimals", o->decimals,
                  "float: numbers with decimals are float64; exact: decimal(p,s)")
      ->capture_default_str();
  cmd->add_option("--on-error", o->on_error,
                  "Bad rows: fail, skip, or quarantine (skip and keep them in a side file)")
      ->capture_default_str();
  cmd->add_option("--max-errors", o->max_errors,
                  "With skip or quarantine: fail after more bad rows than this (-1: no limit)");
}

Result<formats::CsvReadOptions> ToCsvReadOptions(const CsvCliOptions& o) {
  formats::CsvReadOptions options;
  ASSIGN_OR_RETURN(options.dialect.delimiter, OneChar(o.delimiter, "--delimiter", false));
  ASSIGN_OR_RETURN(options.dialect.quote, OneChar(o.quote, "--quote", false));
  ASSIGN_OR_RETURN(options.dialect.escape, OneChar(o.escape, "--escape", true));
  options.dialect.header = !o.no_header;
  if (o.skip_rows < 0) return Status::Invalid("--skip-rows must not be negative");
  options.dialect.skip_rows = o.skip_rows;
  options.dialect.comment_prefix = o.comment;
  if (!o.nulls.empty()) options.values.null_values = o.nulls;
  options.values.date_format = o.date_format;
  options.values.timestamp_format = o.timestamp_format;
  if (o.decimals != "float" && o.decimals != "exact") {
    return Status::Invalid("--decimals must be float or exact, got '{}'", o.decimals);
  }
  options.values.exact_decimals = o.decimals == "exact";
  if (o.on_error == "fail") {
    options.on_error = formats::OnError::kFail;
  } else if (o.on_error == "skip" || o.on_error == "quarantine") {
    options.on_error = formats::OnError::kSkip;
  } else {
    return Status::Invalid("--on-error must be fail, skip or quarantine, got '{}'", o.on_error);
  }
  options.max_errors = o.max_errors;
  return options;
}

Result<formats::InferOptions> ToInferOptions(const CsvCliOptions& o) {
  formats::InferOptions infer;
  if (o.sample == "all") {
    infer.sample_rows = -1;
    return infer;
  }
  int64_t rows = 0;
  const char* end = o.sample.data() + o.sample.size();
  const auto [ptr, error] = std::from_chars(o.sample.data(), end, rows);
  if (error != std::errc() || ptr != end || rows <= 0) {
    return Status::Invalid("--sample must be a positive row count or 'all', got '{}'", o.sample);
  }
  infer.sample_rows = rows;
  return infer;
}

void AddJsonReadOptions(CLI::App* cmd, JsonCliOptions* o) {
  cmd->add_option("--records", o->records,
                  "JSON pointer to the record array inside a document, e.g. /recommendations");
  cmd->add_option("--carry", o->carry,
                  "JSON pointers to document fields copied into every record, e.g. /timestamp")
      ->delimiter(',');
  cmd->add_flag("--flatten", o->flatten,
                "JSON objects become dotted columns (a.b.c) instead of json text columns");
  cmd->add_option("--on-conflict", o->on_conflict,
                  "A JSON field with conflicting kinds: fail, or json (keep its JSON text)")
      ->capture_default_str();
}

Result<formats::JsonReadOptions> ToJsonReadOptions(const JsonCliOptions& json,
                                                   const CsvCliOptions& shared) {
  ASSIGN_OR_RETURN(formats::CsvReadOptions csv, ToCsvReadOptions(shared));
  formats::JsonReadOptions options;
  options.records_pointer = json.records;
  options.carry = json.carry;
  options.flatten = json.flatten;
  if (json.on_conflict != "fail" && json.on_conflict != "json") {
    return Status::Invalid("--on-conflict must be fail or json, got '{}'", json.on_conflict);
  }
  options.on_conflict_json = json.on_conflict == "json";
  options.on_error = csv.on_error;
  options.max_errors = csv.max_errors;
  options.values = csv.values;
  return options;
}

Result<InputKind> DetectInputKind(FileSystem* fs, const std::string& path,
                                  const std::string& format) {
  if (format == "parquet") return InputKind::kParquet;
  if (format == "csv") return InputKind::kCsv;
  if (format == "json") return InputKind::kJson;
  if (!format.empty()) {
    return Status::Invalid("--input-format must be csv, json or parquet, got '{}'", format);
  }
  ASSIGN_OR_RETURN(const bool is_table, delta::IsDeltaTable(fs, path));
  if (is_table) return InputKind::kDeltaTable;
  const std::string_view name = WithoutCompressionSuffix(path);
  if (name.ends_with(".parquet")) return InputKind::kParquet;
  if (EndsWithAny(name, {".csv", ".tsv", ".txt"})) return InputKind::kCsv;
  if (EndsWithAny(name, {".json", ".jsonl", ".ndjson"})) return InputKind::kJson;
  ASSIGN_OR_RETURN(auto file, fs->OpenForRead(path));
  ASSIGN_OR_RETURN(const int64_t size, file->Size());
  std::array<uint8_t, 64> head{};
  const int64_t n = std::min<int64_t>(size, head.size());
  RETURN_NOT_OK(file->ReadAt(0, n, head.data()));
  if (size >= 8 && std::equal(head.begin(), head.begin() + 4, "PAR1")) return InputKind::kParquet;
  for (int64_t i = 0; i < n; ++i) {
    const char c = static_cast<char>(head[static_cast<size_t>(i)]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{' || c == '[' ? InputKind::kJson : InputKind::kCsv;
  }
  return InputKind::kCsv;
}

}  // namespace strata::cli
