#include "columnar/csv_writer.h"

#include "columnar/json_writer.h"
#include "columnar/value_format.h"

namespace strata {
namespace {

bool HasSpecial(std::string_view text, char delimiter) {
  for (char c : text) {
    if (c == delimiter || c == '"' || c == '\n' || c == '\r') return true;
  }
  return false;
}

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

Status CheckOptions(const CsvWriteOptions& options) {
  const char d = options.delimiter;
  if (d == '"' || d == '\n' || d == '\r') {
    return Status::Invalid("CSV delimiter cannot be a quote or line break");
  }
  if (HasSpecial(options.null_string, d)) {
    return Status::Invalid(
        "CSV null string '{}' cannot contain the delimiter, a quote or a line "
        "break",
        options.null_string);
  }
  return Status::OK();
}

// Appends the non-null value `text` as one field; quoting also keeps it
// from reading back as null.
void AppendField(std::string_view text, const CsvWriteOptions& options, std::string* out) {
  const bool needs_quotes = HasSpecial(text, options.delimiter) ||
                            (!text.empty() && (IsBlank(text.front()) || IsBlank(text.back()))) ||
                            text == options.null_string;
  if (!needs_quotes) {
    out->append(text);
    return;
  }
  out->push_back('"');
  for (char c : text) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void AppendRow(const RecordBatch& batch, int64_t row, const CsvWriteOptions& options,
               std::string* scratch, std::string* out) {
  for (int i = 0; i < batch.num_columns(); ++i) {
    if (i > 0) out->push_back(options.delimiter);
    const ColumnVector& column = *batch.column(i);
    if (column.IsNull(row)) {
      out->append(options.null_string);
      continue;
    }
    scratch->clear();
    if (column.type()->is_nested()) {
      AppendJsonValue(column, row, scratch);
    } else {
      AppendValue(column, row, scratch);
    }
    AppendField(*scratch, options, out);
  }
  out->push_back('\n');
}

}  // namespace

Status WriteCsv(const RecordBatch& batch, const CsvWriteOptions& options, std::string* out) {
  RETURN_NOT_OK(CheckOptions(options));
  if (options.header) {
    for (int i = 0; i < batch.num_columns(); ++i) {
      if (i > 0) out->push_back(options.delimiter);
      AppendField(batch.schema()->field(i).name, options, out);
    }
    out->push_back('\n');
  }
  std::string scratch;
  for (int64_t row = 0; row < batch.num_rows(); ++row)
    AppendRow(batch, row, options, &scratch, out);
  return Status::OK();
}

}  // namespace strata
