#include "columnar/pretty_print.h"

#include <fmt/format.h>

#include <algorithm>

#include "columnar/utf8.h"
#include "columnar/value_format.h"

namespace strata {
namespace {

constexpr std::string_view kEllipsis = "…";
constexpr std::string_view kHidden = "·";

struct Column {
  std::string name;
  std::string type;
  bool right_aligned;
  int64_t width = 0;  // in code points, without the padding spaces
};

// The shown rows; an empty row stands for the hidden middle.
using Grid = std::vector<std::vector<std::string>>;

bool IsNumeric(const DataType& type) {
  return type.is_integer() || type.is_floating() || type.id() == TypeId::kDecimal;
}

// Escapes what would break the table's lines or the terminal.
std::string Sanitize(std::string_view text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    const int32_t cp = utf8::Decode(text, &pos);
    if (cp == '\n') {
      out.append("\\n");
    } else if (cp == '\r') {
      out.append("\\r");
    } else if (cp == '\t') {
      out.append("\\t");
    } else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {  // utf8::kInvalid is negative too
      for (size_t i = start; i < pos; ++i) {
        fmt::format_to(std::back_inserter(out), "\\x{:02X}", static_cast<unsigned char>(text[i]));
      }
    } else {
      out.append(text.substr(start, pos - start));
    }
  }
  return out;
}

std::string Truncate(std::string text, int64_t max_width) {
  if (utf8::DisplayWidth(text) <= max_width) return text;
  std::string cut(utf8::TruncateDisplayWidth(text, max_width - 1));
  cut.append(kEllipsis);
  return cut;
}

void AppendPadded(std::string_view text, int64_t width, char align, std::string* out) {
  const int64_t gap = std::max<int64_t>(0, width - utf8::DisplayWidth(text));
  const int64_t left = align == 'r' ? gap : align == 'c' ? gap / 2 : 0;
  out->append(static_cast<size_t>(left), ' ');
  out->append(text);
  out->append(static_cast<size_t>(gap - left), ' ');
}

void AppendRule(const std::vector<Column>& columns, std::string_view left, std::string_view mid,
                std::string_view right, std::string* out) {
  out->append(left);
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out->append(mid);
    for (int64_t k = 0; k < columns[i].width + 2; ++k) out->append("─");
  }
  out->append(right);
  out->push_back('\n');
}

// `align` 0 means each column's own alignment.
void AppendLine(const std::vector<Column>& columns, const std::vector<std::string>& cells,
                char align, std::string* out) {
  out->append("│");
  for (size_t i = 0; i < columns.size(); ++i) {
    const char a = align != 0 ? align : columns[i].right_aligned ? 'r' : 'l';
    out->push_back(' ');
    AppendPadded(cells.empty() ? kHidden : cells[i], columns[i].width, cells.empty() ? 'c' : a,
                 out);
    out->append(" │");
  }
  out->push_back('\n');
}

std::vector<Column> MakeColumns(const Schema& schema, const PrettyPrintOptions& options) {
  std::vector<Column> columns;
  for (const Field& field : schema.fields()) {
    Column column{Truncate(Sanitize(field.name), options.max_col_width),
                  Truncate(field.type->ToString(), options.max_col_width), IsNumeric(*field.type)};
    column.width = utf8::DisplayWidth(column.name);
    if (options.show_types) {
      column.width = std::max(column.width, utf8::DisplayWidth(column.type));
    }
    columns.push_back(std::move(column));
  }
  return columns;
}

void AddRow(const RecordBatch& batch, int64_t row, int32_t max_width, Grid* grid) {
  std::vector<std::string> cells;
  for (const VectorPtr& column : batch.columns()) {
    cells.push_back(Truncate(Sanitize(FormatValue(*column, row)), max_width));
  }
  grid->push_back(std::move(cells));
}

// Collects the first `head` and last `tail` rows across the batches.
Grid CollectRows(std::span<const RecordBatchPtr> batches, int64_t total, int64_t head, int64_t tail,
                 int32_t max_width) {
  Grid grid;
  int64_t base = 0;
  for (const RecordBatchPtr& batch : batches) {
    for (int64_t row = 0; row < batch->num_rows(); ++row) {
      const int64_t global = base + row;
      if (global == head && head + tail < total) grid.emplace_back();
      if (global < head || global >= total - tail) AddRow(*batch, row, max_width, &grid);
    }
    base += batch->num_rows();
  }
  return grid;
}

std::string RowCountText(int64_t total, int64_t shown) {
  std::string text = fmt::format("{} {}", total, total == 1 ? "row" : "rows");
  if (shown < total) text += fmt::format(" ({} shown)", shown);
  return text;
}

void AppendFooter(std::vector<Column>* columns, std::string_view text, std::string* out) {
  // A row line is 1 + sum(width + 3) wide; the footer line is "│ " + text + " │".
  int64_t inner = -3;
  for (const Column& c : *columns) inner += c.width + 3;
  const int64_t needed = utf8::DisplayWidth(text);
  if (needed > inner) {
    columns->back().width += needed - inner;
    inner = needed;
  }
  std::string line = "│ ";
  AppendPadded(text, inner, 'l', &line);
  line.append(" │\n");
  out->append(line);
}

}  // namespace

std::string FormatTable(const Schema& schema, std::span<const RecordBatchPtr> batches,
                        const PrettyPrintOptions& options) {
  int64_t total = 0;
  for (const RecordBatchPtr& batch : batches) total += batch->num_rows();
  const int64_t shown = std::min(total, std::max<int64_t>(options.max_rows, 0));
  const int64_t head = (shown + 1) / 2 + (shown == total ? shown / 2 : 0);
  const int64_t tail = shown - head;
  const int32_t max_width = std::max(options.max_col_width, 1);
  std::vector<Column> columns = MakeColumns(schema, options);
  if (columns.empty()) return RowCountText(total, total) + "\n";
  Grid grid = CollectRows(batches, total, head, tail, max_width);
  for (const auto& cells : grid) {
    for (size_t i = 0; i < cells.size(); ++i) {
      columns[i].width = std::max(columns[i].width, utf8::DisplayWidth(cells[i]));
    }
  }
  std::string footer;
  if (options.show_row_count) AppendFooter(&columns, RowCountText(total, shown), &footer);

  std::string out;
  AppendRule(columns, "┌", "┬", "┐", &out);
  std::vector<std::string> names, types;
  for (const Column& c : columns) {
    names.push_back(c.name);
    types.push_back(c.type);
  }
  AppendLine(columns, names, 'c', &out);
  if (options.show_types) AppendLine(columns, types, 'c', &out);
  AppendRule(columns, "├", "┼", "┤", &out);
  for (const auto& cells : grid) AppendLine(columns, cells, 0, &out);
  if (!footer.empty()) {
    AppendRule(columns, "├", "┴", "┤", &out);
    out.append(footer);
    AppendRule(columns, "└", "─", "┘", &out);
  } else {
    AppendRule(columns, "└", "┴", "┘", &out);
  }
  return out;
}

std::string FormatTable(const RecordBatch& batch, const PrettyPrintOptions& options) {
  // Non-owning: the batch outlives this call.
  RecordBatchPtr alias(std::shared_ptr<const RecordBatch>(), &batch);
  return FormatTable(*batch.schema(), std::span<const RecordBatchPtr>(&alias, 1), options);
}

}  // namespace strata
