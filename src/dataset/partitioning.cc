#include "dataset/partitioning.h"

#include <fmt/format.h>

#include <algorithm>

#include "columnar/temporal.h"
#include "columnar/value_format.h"

namespace strata::dataset {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

Result<PartitionTransform> ParseTransform(std::string_view name) {
  if (name == "year") return PartitionTransform::kYear;
  if (name == "month") return PartitionTransform::kMonth;
  if (name == "day") return PartitionTransform::kDay;
  if (name == "date") return PartitionTransform::kDate;
  if (name == "hour") return PartitionTransform::kHour;
  return Status::Invalid("unknown partition function '{}' (use year, month, day, date or hour)",
                         name);
}

Result<int> FindColumn(std::string_view name, const Schema& schema) {
  const int index = schema.FieldIndex(name);
  if (index >= 0) return index;
  std::vector<std::string> names;
  for (const Field& f : schema.fields()) names.push_back(f.name);
  return Status::NotFound("no column '{}' to partition by (columns: {})", name,
                          fmt::join(names, ", "));
}

Status CheckType(const PartitionField& field, const Field& column) {
  const TypeId id = column.type->id();
  if (field.transform == PartitionTransform::kIdentity) {
    if (column.type->is_floating() || id == TypeId::kStruct || id == TypeId::kList ||
        id == TypeId::kMap) {
      return Status::Invalid("cannot partition by column '{}' of type {}", column.name,
                             column.type->ToString());
    }
    return Status::OK();
  }
  const bool ok = id == TypeId::kTimestamp ||
                  (id == TypeId::kDate && field.transform != PartitionTransform::kHour);
  if (ok) return Status::OK();
  return Status::Invalid(
      "partition key '{}' needs a {} column, but '{}' is {}", field.name,
      field.transform == PartitionTransform::kHour ? "timestamp" : "date or timestamp", column.name,
      column.type->ToString());
}

// One item: `col`, `fn(col)` or `key=fn(col)`.
Result<PartitionField> ParseItem(std::string_view item, const Schema& schema) {
  PartitionField field;
  std::string_view key;
  if (const size_t eq = item.find('='); eq != std::string_view::npos) {
    key = Trim(item.substr(0, eq));
    item = Trim(item.substr(eq + 1));
    if (key.empty()) return Status::Invalid("partition item '{}' has an empty key", item);
  }
  const size_t open = item.find('(');
  if (open == std::string_view::npos) {
    if (!key.empty()) return Status::Invalid("'{}={}': a key needs a function", key, item);
    ASSIGN_OR_RETURN(field.column, FindColumn(item, schema));
    field.name = std::string(item);
  } else {
    if (!item.ends_with(')')) return Status::Invalid("malformed partition item '{}'", item);
    ASSIGN_OR_RETURN(field.transform, ParseTransform(Trim(item.substr(0, open))));
    const std::string_view column = Trim(item.substr(open + 1, item.size() - open - 2));
    ASSIGN_OR_RETURN(field.column, FindColumn(column, schema));
    field.name = std::string(key.empty() ? Trim(item.substr(0, open)) : key);
  }
  RETURN_NOT_OK(CheckType(field, schema.field(field.column)));
  return field;
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// The derived key of row `row` (a date or timestamp column).
std::string DerivedValue(const ColumnVector& column, int64_t row, PartitionTransform transform) {
  int64_t days = 0;
  int64_t hour = 0;
  if (column.type()->id() == TypeId::kDate) {
    days = column.Values<int32_t>()[row];
  } else {
    const int64_t seconds =
        FloorDiv(column.Values<int64_t>()[row], UnitsPerSecond(column.type()->unit()));
    days = FloorDiv(seconds, 86400);
    hour = (seconds - days * 86400) / 3600;
  }
  const CivilDate date = CivilFromDays(days);
  switch (transform) {
    case PartitionTransform::kYear: return std::to_string(date.year);
    case PartitionTransform::kMonth: return std::to_string(date.month);
    case PartitionTransform::kDay: return std::to_string(date.day);
    case PartitionTransform::kDate: return FormatDate(days);
    case PartitionTransform::kHour: return std::to_string(hour);
    case PartitionTransform::kIdentity: break;
  }
  return {};
}

std::string IdentityValue(const ColumnVector& column, int64_t row) {
  const TypeId id = column.type()->id();
  if (id == TypeId::kString || id == TypeId::kJson || id == TypeId::kBinary) {
    return std::string(column.GetView(row));
  }
  return FormatValue(column, row);
}

}  // namespace

Result<std::vector<PartitionField>> ParsePartitioning(std::string_view text, const Schema& schema) {
  std::vector<PartitionField> fields;
  while (!text.empty()) {
    // Commas inside parentheses belong to the item.
    size_t end = 0;
    int depth = 0;
    for (; end < text.size() && (text[end] != ',' || depth > 0); ++end) {
      depth += text[end] == '(' ? 1 : text[end] == ')' ? -1 : 0;
    }
    const std::string_view item = Trim(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
    if (item.empty()) return Status::Invalid("empty item in the partition list");
    ASSIGN_OR_RETURN(PartitionField field, ParseItem(item, schema));
    for (const PartitionField& other : fields) {
      if (other.name == field.name) {
        return Status::Invalid("partition key '{}' appears twice (name one with key=fn(col))",
                               field.name);
      }
    }
    fields.push_back(std::move(field));
  }
  return fields;
}

std::string EscapePartitionText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool keep = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                      (byte >= '0' && byte <= '9') || byte == '-' || byte == '_' || byte == '.' ||
                      byte == '~' || byte >= 0x80;
    if (keep) {
      out.push_back(c);
    } else {
      fmt::format_to(std::back_inserter(out), "%{:02X}", byte);
    }
  }
  // "." and ".." are not directory names a value may take.
  if (out == "." || out == "..") {
    std::string dots;
    for (size_t i = 0; i < out.size(); ++i) dots += "%2E";
    return dots;
  }
  return out;
}

Result<std::vector<std::string>> PartitionPaths(const RecordBatch& batch,
                                                const std::vector<PartitionField>& fields) {
  std::vector<std::string> paths(static_cast<size_t>(batch.num_rows()));
  for (size_t f = 0; f < fields.size(); ++f) {
    const PartitionField& field = fields[f];
    if (field.column < 0 || field.column >= batch.num_columns()) {
      return Status::Invalid("partition column {} is not in the batch", field.column);
    }
    const ColumnVector& column = *batch.column(field.column);
    const std::string key = EscapePartitionText(field.name) + "=";
    for (int64_t row = 0; row < batch.num_rows(); ++row) {
      std::string& path = paths[static_cast<size_t>(row)];
      if (f > 0) path += '/';
      path += key;
      if (column.IsNull(row)) {
        path += kHiveNullValue;
      } else if (field.transform == PartitionTransform::kIdentity) {
        path += EscapePartitionText(IdentityValue(column, row));
      } else {
        path += DerivedValue(column, row, field.transform);
      }
    }
  }
  return paths;
}

SchemaPtr FileSchema(const Schema& schema, const std::vector<PartitionField>& fields) {
  std::vector<Field> kept;
  for (int i = 0; i < schema.num_fields(); ++i) {
    const bool stored_in_path = std::any_of(fields.begin(), fields.end(), [&](const auto& f) {
      return f.column == i && f.transform == PartitionTransform::kIdentity;
    });
    if (!stored_in_path) kept.push_back(schema.field(i));
  }
  return MakeSchema(std::move(kept), schema.metadata());
}

Result<RecordBatchPtr> FileColumns(const RecordBatchPtr& batch, const SchemaPtr& file_schema) {
  if (file_schema->num_fields() == batch->num_columns()) return batch;
  std::vector<VectorPtr> columns;
  for (const Field& f : file_schema->fields()) {
    VectorPtr column = batch->GetColumnByName(f.name);
    if (column == nullptr) return Status::Invalid("no column '{}' in the batch", f.name);
    columns.push_back(std::move(column));
  }
  return RecordBatch::Make(file_schema, std::move(columns), batch->num_rows());
}

}  // namespace strata::dataset
