#include "columnar/json_writer.h"

#include <fmt/format.h>

#include <cmath>

#include "columnar/temporal.h"
#include "columnar/value_format.h"

namespace strata {
namespace {

template <typename T>
void AppendJsonFloat(T value, std::string* out) {
  if (std::isfinite(value)) {
    AppendFloat(value, out);
  } else {
    out->append("null");  // JSON has no NaN or infinity
  }
}

void AppendJsonStruct(const ColumnVector& vector, int64_t row, std::string* out) {
  out->push_back('{');
  for (int k = 0; k < vector.num_children(); ++k) {
    if (k > 0) out->push_back(',');
    AppendJsonString(vector.type()->field(k).name, out);
    out->push_back(':');
    AppendJsonValue(*vector.child(k), row, out);
  }
  out->push_back('}');
}

void AppendJsonList(const ColumnVector& vector, int64_t row, std::string* out) {
  const ValueRange range = vector.ListRange(row);
  out->push_back('[');
  for (int64_t i = range.begin; i < range.end; ++i) {
    if (i > range.begin) out->push_back(',');
    AppendJsonValue(*vector.child(0), i, out);
  }
  out->push_back(']');
}

void AppendJsonMap(const ColumnVector& vector, int64_t row, std::string* out) {
  const ValueRange range = vector.ListRange(row);
  const ColumnVector& keys = *vector.child(0)->child(0);
  const ColumnVector& items = *vector.child(0)->child(1);
  // Only string keys can be object keys; other maps become entry arrays so
  // that no key is silently stringified.
  const bool as_object = keys.type()->id() == TypeId::kString;
  out->push_back(as_object ? '{' : '[');
  for (int64_t i = range.begin; i < range.end; ++i) {
    if (i > range.begin) out->push_back(',');
    if (as_object) {
      AppendJsonString(keys.GetView(i), out);
      out->push_back(':');
    } else {
      out->append("{\"key\":");
      AppendJsonValue(keys, i, out);
      out->append(",\"value\":");
    }
    AppendJsonValue(items, i, out);
    if (!as_object) out->push_back('}');
  }
  out->push_back(as_object ? '}' : ']');
}

void AppendJsonTemporal(const ColumnVector& v, int64_t row, std::string* out) {
  const DataType& type = *v.type();
  out->push_back('"');
  if (type.id() == TypeId::kDate) {
    AppendDate(v.Value<int32_t>(row), out);
  } else if (type.id() == TypeId::kTime) {
    AppendTime(v.Value<int64_t>(row), type.unit(), out);
  } else {
    AppendTimestamp(v.Value<int64_t>(row), type.unit(), type.utc(), TimestampStyle::kIso, out);
  }
  out->push_back('"');
}

}  // namespace

void AppendJsonValue(const ColumnVector& v, int64_t row, std::string* out) {
  if (v.IsNull(row)) {
    out->append("null");
    return;
  }
  switch (v.type()->id()) {
    case TypeId::kFloat32: return AppendJsonFloat(v.Value<float>(row), out);
    case TypeId::kFloat64: return AppendJsonFloat(v.Value<double>(row), out);
    case TypeId::kString: return AppendJsonString(v.GetView(row), out);
    case TypeId::kJson:
      if (!AppendMinifiedJson(v.GetView(row), out)) AppendJsonString(v.GetView(row), out);
      return;
    case TypeId::kBinary:
    case TypeId::kFixedSizeBinary:
      out->push_back('"');
      AppendBase64(v.GetView(row), out);
      out->push_back('"');
      return;
    case TypeId::kUuid:
      fmt::format_to(std::back_inserter(*out), "\"{}\"", FormatUuid(v.GetView(row)));
      return;
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimestamp: return AppendJsonTemporal(v, row, out);
    case TypeId::kStruct: return AppendJsonStruct(v, row, out);
    case TypeId::kList: return AppendJsonList(v, row, out);
    case TypeId::kMap: return AppendJsonMap(v, row, out);
    default:
      // bool, integers and decimals print as valid JSON literals.
      return AppendValue(v, row, out);
  }
}

void WriteJsonLines(const RecordBatch& batch, std::string* out) {
  // Field names are escaped once per batch rather than once per row.
  std::vector<std::string> keys;
  for (const Field& field : batch.schema()->fields()) {
    std::string key;
    AppendJsonString(field.name, &key);
    key.push_back(':');
    keys.push_back(std::move(key));
  }
  for (int64_t row = 0; row < batch.num_rows(); ++row) {
    out->push_back('{');
    for (int i = 0; i < batch.num_columns(); ++i) {
      if (i > 0) out->push_back(',');
      out->append(keys[static_cast<size_t>(i)]);
      AppendJsonValue(*batch.column(i), row, out);
    }
    out->append("}\n");
  }
}

}  // namespace strata
