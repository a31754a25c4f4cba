#include "formats/csv_block_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

#include "columnar/compute.h"
#include "formats/csv_block.h"
#include "formats/value_parser.h"

namespace strata::formats {
namespace {

// The per-row verdicts of one chunk: a row is bad once any check fails, and
// keeps the first reason.
class RowVerdicts {
 public:
  RowVerdicts(const CsvBlock& block, const ChunkContext& context)
      : block_(block), context_(context), bad_(static_cast<size_t>(block.num_rows()), 0) {}

  bool bad(int64_t row) const { return bad_[static_cast<size_t>(row)] != 0; }
  bool any() const { return !rejected_.empty(); }

  void Reject(int64_t row, std::string column, std::string reason) {
    if (bad(row)) return;
    bad_[static_cast<size_t>(row)] = 1;
    rejected_.push_back(RejectedRow{.file = context_.path,
                                    .line = block_.line(row),
                                    .column = std::move(column),
                                    .raw = std::string(block_.raw(row)),
                                    .reason = std::move(reason)});
  }

  // The good rows' indices.
  std::vector<int64_t> GoodRows() const {
    std::vector<int64_t> rows;
    for (int64_t row = 0; row < block_.num_rows(); ++row) {
      if (!bad(row)) rows.push_back(row);
    }
    return rows;
  }

  std::vector<RejectedRow> TakeRejected() {
    std::sort(rejected_.begin(), rejected_.end(),
              [](const RejectedRow& a, const RejectedRow& b) { return a.line < b.line; });
    return std::move(rejected_);
  }

 private:
  const CsvBlock& block_;
  const ChunkContext& context_;
  std::vector<uint8_t> bad_;
  std::vector<RejectedRow> rejected_;
};

// Malformed records and records with the wrong number of fields.
void CheckShapes(const CsvBlock& block, int num_columns, RowVerdicts* verdicts) {
  for (int64_t row = 0; row < block.num_rows(); ++row) {
    if (!block.error(row).empty()) {
      verdicts->Reject(row, "", std::string(block.error(row)));
    } else if (block.num_fields(row) != num_columns) {
      verdicts->Reject(
          row, "", fmt::format("expected {} fields, found {}", num_columns, block.num_fields(row)));
    }
  }
}

// The reader's value options, with the column's own date or timestamp
// format if any.
ValueOptions ColumnValueOptions(const Field& field, const CsvReadOptions& options) {
  ValueOptions values = options.values;
  for (const auto& [key, value] : field.metadata) {
    if (key == kDateFormatKey) values.date_format = value;
    if (key == kTimestampFormatKey) values.timestamp_format = value;
  }
  return values;
}

// Where one column's values that do not fit go.
struct MisfitSink {
  const CsvBlock& block;
  int col;
  const Field& field;
  const ChunkContext& context;
  RowVerdicts* verdicts;
  ParsedTextChunk* out;
  bool widened = false;  // One widening per column per chunk is enough.

  // The value at `row` did not fit (`status`): the row asks for a wider
  // column when one fits the value, else it is a bad row.
  Status Add(int64_t row, std::string_view text, const Status& status) {
    if (status.code() != StatusCode::kInvalid) return status;
    const CsvReadOptions& options = context.options;
    std::optional<TypePtr> wider;
    if (options.allow_widening && !widened) {
      wider = SafeWidening(field.type, text, ColumnValueOptions(field, options));
    }
    if (!wider.has_value()) {
      verdicts->Reject(row, field.name, std::string(status.message()));
      return Status::OK();
    }
    widened = true;
    out->widenings.emplace_back(col, *wider);
    if (out->widening_line == 0 || block.line(row) < out->widening_line) {
      out->widening_line = block.line(row);
      out->widening_message =
          fmt::format("{}:{}: column '{}': {}; the column widens to {}", context.path,
                      block.line(row), field.name, status.message(), (*wider)->ToString());
    }
    return Status::OK();
  }
};

// Parses column `col` of every row still good, in batches of fields handed
// to the parser at once; a value that does not fit becomes a null and
// either a widening or a bad row.
Result<VectorPtr> ParseColumn(const CsvBlock& block, int col, const ChunkContext& context,
                              RowVerdicts* verdicts, ParsedTextChunk* out) {
  constexpr int64_t kBatch = 1024;
  const Field& field = context.schema->field(col);
  ASSIGN_OR_RETURN(auto parser,
                   ColumnParser::Make(field.type, ColumnValueOptions(field, context.options)));
  RETURN_NOT_OK(parser->Reserve(block.num_rows()));
  MisfitSink misfits{block, col, field, context, verdicts, out};
  std::array<std::string_view, kBatch> texts;
  std::array<uint8_t, kBatch> quoted;
  const int64_t rows = block.num_rows();
  for (int64_t row = 0; row < rows;) {
    if (verdicts->bad(row)) {
      RETURN_NOT_OK(parser->AppendNull());
      ++row;
      continue;
    }
    int64_t n = 0;
    for (; n < kBatch && row + n < rows && !verdicts->bad(row + n); ++n) {
      texts[n] = block.field(row + n, col);
      quoted[n] = block.quoted(row + n, col) ? 1 : 0;
    }
    Status error;
    const int64_t done = parser->AppendMany(texts.data(), quoted.data(), n, &error);
    row += done;
    if (done == n) continue;
    RETURN_NOT_OK(parser->AppendNull());
    RETURN_NOT_OK(misfits.Add(row, texts[done], error));
    ++row;
  }
  return parser->Finish();
}

// Required columns refuse nulls, which the parsers accept.
void CheckRequired(const RecordBatch& batch, const ChunkContext& context, RowVerdicts* verdicts) {
  for (int col = 0; col < batch.num_columns(); ++col) {
    const Field& field = context.schema->field(col);
    const VectorPtr& vector = batch.column(col);
    if (field.nullable || vector->null_count() == 0) continue;
    for (int64_t row = 0; row < vector->length(); ++row) {
      if (!verdicts->bad(row) && vector->IsNull(row)) {
        verdicts->Reject(row, field.name,
                         fmt::format("null in column '{}', which is not nullable", field.name));
      }
    }
  }
}

}  // namespace

Result<ParsedTextChunk> ParseCsvChunk(CsvChunk chunk, const ChunkContext& context) {
  const CsvReadOptions& options = context.options;
  CsvBlock block;
  Status tokenized =
      TokenizeCsv(std::move(chunk.text), options.dialect, options.limits, chunk.first_line, &block);
  if (!tokenized.ok()) return tokenized.WithContext(context.path);
  ParsedTextChunk out;
  out.rows = block.num_rows();
  RowVerdicts verdicts(block, context);
  const int num_columns = context.schema->num_fields();
  CheckShapes(block, num_columns, &verdicts);
  std::vector<VectorPtr> columns;
  columns.reserve(static_cast<size_t>(num_columns));
  for (int col = 0; col < num_columns; ++col) {
    ASSIGN_OR_RETURN(VectorPtr column, ParseColumn(block, col, context, &verdicts, &out));
    columns.push_back(std::move(column));
  }
  // Nullability is checked on the parsed batch, so build it loosely first.
  std::vector<Field> loose = context.schema->fields();
  for (Field& field : loose) field.nullable = true;
  ASSIGN_OR_RETURN(RecordBatchPtr batch,
                   RecordBatch::Make(std::make_shared<Schema>(std::move(loose)), std::move(columns),
                                     block.num_rows()));
  CheckRequired(*batch, context, &verdicts);
  if (verdicts.any()) {
    const std::vector<int64_t> good = verdicts.GoodRows();
    ASSIGN_OR_RETURN(batch, TakeBatch(batch, good));
  }
  ASSIGN_OR_RETURN(out.batch,
                   RecordBatch::Make(context.schema, batch->columns(), batch->num_rows()));
  out.rejected = verdicts.TakeRejected();
  return out;
}

}  // namespace strata::formats
