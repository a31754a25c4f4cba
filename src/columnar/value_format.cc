#include "columnar/value_format.h"

#include <fmt/format.h>

#include "columnar/temporal.h"

namespace strata {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

// DuckDB shows doubles with a decimal point so they read as non-integers.
void AppendPointIfIntegral(size_t start, std::string* out) {
  for (size_t i = start; i < out->size(); ++i) {
    const char c = (*out)[i];
    if (c != '-' && (c < '0' || c > '9')) return;
  }
  out->append(".0");
}

template <typename T>
void AppendInteger(T value, std::string* out) {
  fmt::format_to(std::back_inserter(*out), "{}", value);
}

void AppendStruct(const ColumnVector& vector, int64_t row, std::string* out) {
  out->push_back('{');
  for (int k = 0; k < vector.num_children(); ++k) {
    if (k > 0) out->append(", ");
    fmt::format_to(std::back_inserter(*out), "'{}': ", vector.type()->field(k).name);
    AppendValue(*vector.child(k), row, out);
  }
  out->push_back('}');
}

void AppendList(const ColumnVector& vector, int64_t row, std::string* out) {
  const ValueRange range = vector.ListRange(row);
  out->push_back('[');
  for (int64_t i = range.begin; i < range.end; ++i) {
    if (i > range.begin) out->append(", ");
    AppendValue(*vector.child(0), i, out);
  }
  out->push_back(']');
}

void AppendMap(const ColumnVector& vector, int64_t row, std::string* out) {
  const ValueRange range = vector.ListRange(row);
  const ColumnVector& entries = *vector.child(0);
  out->push_back('{');
  for (int64_t i = range.begin; i < range.end; ++i) {
    if (i > range.begin) out->append(", ");
    AppendValue(*entries.child(0), i, out);
    out->push_back('=');
    AppendValue(*entries.child(1), i, out);
  }
  out->push_back('}');
}

void AppendNumber(const ColumnVector& v, int64_t row, std::string* out) {
  switch (v.type()->id()) {
    case TypeId::kInt8: return AppendInteger(v.Value<int8_t>(row), out);
    case TypeId::kInt16: return AppendInteger(v.Value<int16_t>(row), out);
    case TypeId::kInt32: return AppendInteger(v.Value<int32_t>(row), out);
    case TypeId::kInt64: return AppendInteger(v.Value<int64_t>(row), out);
    case TypeId::kUInt8: return AppendInteger(v.Value<uint8_t>(row), out);
    case TypeId::kUInt16: return AppendInteger(v.Value<uint16_t>(row), out);
    case TypeId::kUInt32: return AppendInteger(v.Value<uint32_t>(row), out);
    case TypeId::kUInt64: return AppendInteger(v.Value<uint64_t>(row), out);
    case TypeId::kFloat32: return AppendFloat(v.Value<float>(row), out);
    default: return AppendFloat(v.Value<double>(row), out);
  }
}

}  // namespace

void AppendFloat(double value, std::string* out) {
  const size_t start = out->size();
  fmt::format_to(std::back_inserter(*out), "{}", value);
  AppendPointIfIntegral(start, out);
}

void AppendFloat(float value, std::string* out) {
  const size_t start = out->size();
  fmt::format_to(std::back_inserter(*out), "{}", value);
  AppendPointIfIntegral(start, out);
}

void AppendEscapedBinary(std::string_view bytes, std::string* out) {
  for (char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F && byte != '\\') {
      out->push_back(c);
    } else {
      fmt::format_to(std::back_inserter(*out), "\\x{:02X}", byte);
    }
  }
}

std::string FormatUuid(std::string_view bytes) {
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    const auto byte = static_cast<unsigned char>(bytes[i]);
    out.push_back(kHexDigits[byte >> 4]);
    out.push_back(kHexDigits[byte & 0xF]);
  }
  return out;
}

Result<UuidBytes> ParseUuid(std::string_view text) {
  std::string_view digits = text;
  if (digits.size() >= 2 && digits.front() == '{' && digits.back() == '}') {
    digits = digits.substr(1, digits.size() - 2);
  }
  const bool dashed = digits.size() == 36 && digits[8] == '-' && digits[13] == '-' &&
                      digits[18] == '-' && digits[23] == '-';
  if (!dashed && digits.size() != 32) {
    return Status::Invalid("cannot parse '{}' as a UUID (expected 8-4-4-4-12 hex digits)", text);
  }
  UuidBytes bytes{};
  size_t nibble = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (dashed && (i == 8 || i == 13 || i == 18 || i == 23)) continue;
    const char c = digits[i];
    const char lower = static_cast<char>(c | 0x20);
    int value;
    if (c >= '0' && c <= '9') {
      value = c - '0';
    } else if (lower >= 'a' && lower <= 'f') {
      value = lower - 'a' + 10;
    } else {
      return Status::Invalid("cannot parse '{}' as a UUID: unexpected '{}'", text, c);
    }
    bytes[nibble / 2] |= static_cast<uint8_t>(value << (nibble % 2 == 0 ? 4 : 0));
    ++nibble;
  }
  return bytes;
}

std::string FormatValue(const ColumnVector& vector, int64_t row) {
  std::string out;
  AppendValue(vector, row, &out);
  return out;
}

void AppendValue(const ColumnVector& v, int64_t row, std::string* out) {
  if (v.IsNull(row)) {
    out->append("NULL");
    return;
  }
  const DataType& type = *v.type();
  switch (type.id()) {
    case TypeId::kBool: out->append(v.GetBool(row) ? "true" : "false"); return;
    case TypeId::kDecimal: out->append(v.GetDecimal(row).ToString(type.scale())); return;
    case TypeId::kString:
    case TypeId::kJson: out->append(v.GetView(row)); return;
    case TypeId::kBinary:
    case TypeId::kFixedSizeBinary: AppendEscapedBinary(v.GetView(row), out); return;
    case TypeId::kUuid: out->append(FormatUuid(v.GetView(row))); return;
    case TypeId::kDate: AppendDate(v.Value<int32_t>(row), out); return;
    case TypeId::kTime: AppendTime(v.Value<int64_t>(row), type.unit(), out); return;
    case TypeId::kTimestamp:
      AppendTimestamp(v.Value<int64_t>(row), type.unit(), type.utc(), TimestampStyle::kSql, out);
      return;
    case TypeId::kStruct: return AppendStruct(v, row, out);
    case TypeId::kList: return AppendList(v, row, out);
    case TypeId::kMap: return AppendMap(v, row, out);
    default: return AppendNumber(v, row, out);
  }
}

}  // namespace strata
