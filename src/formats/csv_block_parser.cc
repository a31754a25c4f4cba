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

// One column's parser and where its misfits go.
struct ColumnState {
  std::unique_ptr<ColumnParser> parser;
  MisfitSink misfits;
};

Result<std::vector<ColumnState>> MakeColumnStates(const CsvBlock& block,
                                                  const ChunkContext& context,
                                                  RowVerdicts* verdicts, ParsedTextChunk* out) {
  std::vector<ColumnState> columns;
  const int num_columns = context.schema->num_fields();
  columns.reserve(static_cast<size_t>(num_columns));
  for (int col = 0; col < num_columns; ++col) {
    const Field& field = context.schema->field(col);
    ASSIGN_OR_RETURN(auto parser,
                     ColumnParser::Make(field.type, ColumnValueOptions(field, context.options)));
    RETURN_NOT_OK(parser->Reserve(block.num_rows()));
    columns.push_back({std::move(parser), MisfitSink{block, col, field, context, verdicts, out}});
  }
  return columns;
}

// Parses column `col` of rows [begin, end) that are still good, handing
// the parser all their fields at once; a value that does not fit becomes a
// null and either a widening or a bad row (so later columns skip the row).
Status ParseSlice(const CsvBlock& block, int col, int64_t begin, int64_t end,
                  const RowVerdicts& verdicts, ColumnState* column) {
  constexpr int64_t kMaxSlice = 1024;
  std::array<std::string_view, kMaxSlice> texts;
  std::array<uint8_t, kMaxSlice> quoted;
  for (int64_t row = begin; row < end;) {
    if (verdicts.bad(row)) {
      RETURN_NOT_OK(column->parser->AppendNull());
      ++row;
      continue;
    }
    int64_t n = 0;
    for (; row + n < end && !verdicts.bad(row + n); ++n) {
      texts[n] = block.field(row + n, col);
      quoted[n] = block.quoted(row + n, col) ? 1 : 0;
    }
    Status error;
    const int64_t done = column->parser->AppendMany(texts.data(), quoted.data(), n, &error);
    row += done;
    if (done == n) continue;
    RETURN_NOT_OK(column->parser->AppendNull());
    RETURN_NOT_OK(column->misfits.Add(row, texts[done], error));
    ++row;
  }
  return Status::OK();
}

// Parses every column, a slice of rows at a time: all columns of one slice
// before the next, so the slice's field references and text stay in cache
// across the columns (the fields are stored row by row). A row a column
// rejects is skipped by the columns after it, as when parsing column by
// column.
Result<std::vector<VectorPtr>> ParseColumns(const CsvBlock& block, const ChunkContext& context,
                                            RowVerdicts* verdicts, ParsedTextChunk* out) {
  constexpr int64_t kSliceRows = 1024;
  ASSIGN_OR_RETURN(std::vector<ColumnState> states,
                   MakeColumnStates(block, context, verdicts, out));
  for (int64_t begin = 0; begin < block.num_rows(); begin += kSliceRows) {
    const int64_t end = std::min(begin + kSliceRows, block.num_rows());
    for (size_t col = 0; col < states.size(); ++col) {
      RETURN_NOT_OK(ParseSlice(block, static_cast<int>(col), begin, end, *verdicts, &states[col]));
    }
  }
  std::vector<VectorPtr> columns;
  columns.reserve(states.size());
  for (ColumnState& state : states) {
    ASSIGN_OR_RETURN(VectorPtr column, state.parser->Finish());
    columns.push_back(std::move(column));
  }
  return columns;
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
  ASSIGN_OR_RETURN(std::vector<VectorPtr> columns, ParseColumns(block, context, &verdicts, &out));
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
