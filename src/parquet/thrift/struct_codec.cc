#include "parquet/thrift/struct_codec.h"

#include <fmt/format.h>

namespace strata::parquet::thrift {

Status Decode(CompactReader* reader, bool* out) {
  ASSIGN_OR_RETURN(*out, reader->ReadBool());
  return Status::OK();
}

Status Decode(CompactReader* reader, int8_t* out) {
  ASSIGN_OR_RETURN(*out, reader->ReadI8());
  return Status::OK();
}

Status Decode(CompactReader* reader, int16_t* out) {
  ASSIGN_OR_RETURN(*out, reader->ReadI16());
  return Status::OK();
}

Status Decode(CompactReader* reader, int32_t* out) {
  ASSIGN_OR_RETURN(*out, reader->ReadI32());
  return Status::OK();
}

Status Decode(CompactReader* reader, int64_t* out) {
  ASSIGN_OR_RETURN(*out, reader->ReadI64());
  return Status::OK();
}

Status Decode(CompactReader* reader, std::string* out) {
  ASSIGN_OR_RETURN(*out, reader->ReadBinary());
  return Status::OK();
}

void Encode(CompactWriter* writer, bool value) { writer->WriteBool(value); }
void Encode(CompactWriter* writer, int8_t value) { writer->WriteI8(value); }
void Encode(CompactWriter* writer, int16_t value) { writer->WriteI16(value); }
void Encode(CompactWriter* writer, int32_t value) { writer->WriteI32(value); }
void Encode(CompactWriter* writer, int64_t value) { writer->WriteI64(value); }
void Encode(CompactWriter* writer, const std::string& value) { writer->WriteBinary(value); }

std::string FieldContext(std::string_view struct_name, std::span<const FieldSpec> fields,
                         int16_t id) {
  for (const FieldSpec& field : fields) {
    if (field.id == id) return fmt::format("{}.{}", struct_name, field.name);
  }
  return fmt::format("{} field {}", struct_name, id);
}

Status CheckRequired(std::string_view struct_name, std::span<const FieldSpec> fields, uint64_t seen,
                     int64_t struct_offset) {
  for (const FieldSpec& field : fields) {
    if (field.required && (seen & (uint64_t{1} << field.id)) == 0) {
      return Status::Corruption("{}: missing required field '{}' (struct at offset {})",
                                struct_name, field.name, struct_offset);
    }
  }
  return Status::OK();
}

}  // namespace strata::parquet::thrift
