// The schema-file format (docs/schema-file.md): a JSON or YAML document
// naming each column's output name, input name, type, nullability, text
// format, Parquet encoding and codec. `convert --print-schema` prints it and
// `convert --schema FILE` reads it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/schema.h"
#include "common/result.h"
#include "formats/csv_reader.h"
#include "formats/json_reader.h"
#include "io/file_system.h"
#include "parquet/file_writer.h"
#include "parquet/format_enums.h"

namespace strata::cli {

// {"columns": [{"name": "ts", "type": "timestamp(us, UTC)", "nullable": true}, ...]}
// with one column per line; types as DataType::ToString() writes them. A
// field's date or timestamp format (metadata formats::kDateFormatKey or
// kTimestampFormatKey) is written as "format", so the text reads back as
// the same schema.
std::string SchemaFileText(const Schema& schema);

struct SchemaColumn {
  std::string name;  // In the output.
  std::string from;  // In the input (the CSV header); `name` unless renamed.
  TypePtr type;
  bool nullable = true;
  // strptime format of a date or timestamp column; empty: the reader's.
  std::string format;
  // Parquet encoding of the column; nullopt: the writer's choice.
  std::optional<parquet::Encoding> encoding;
  // Parquet codec (and level) of the column; nullopt: --compression's.
  std::optional<parquet::WriterOptions::ColumnCodec> compression;
};

struct SchemaFile {
  std::string path;  // For messages.
  std::vector<SchemaColumn> columns;
};

// Parses and validates a schema file. JSON or YAML by the extension of
// `path` (.json; .yaml, .yml), else JSON when the text starts with '{'.
// Errors are Invalid and name the file and, for a column, its 1-based index and name and the bad
// value: "schema.yaml: column 3 'price': unknown type 'decimel(10,2)'". Unknown keys are errors, so
// that typos are not silently ignored.
Result<SchemaFile> ParseSchemaFile(std::string_view text, const std::string& path);
// Reads `path` from `fs` and parses it.
Result<SchemaFile> ReadSchemaFile(FileSystem* fs, const std::string& path);

// The schema values are read into: output names, types, nullability, and
// each format as field metadata (kDateFormatKey, kTimestampFormatKey),
// which the CSV reader applies per column.
SchemaPtr SchemaFileSchema(const SchemaFile& file);

// The schema a CSV input is read with under `file`: checks that every
// column's type can be read from text (nested types cannot:
// NotImplemented) and that the input's header lists the `from` names
// exactly and in order, else Invalid listing every difference: "in.csv does
// not match s.json: missing column 'b' (expected at position 2); unexpected
// column 'c' at position 3". Without a header only the field count of the
// first record is checked. An input without any record passes.
Result<SchemaPtr> CsvSchemaFromFile(FileSystem* fs, const std::string& input,
                                    const SchemaFile& file, const formats::CsvReadOptions& options);

// The schema a JSON input is read with under `file`, setting the reader
// options it needs: columns are matched to record fields by `from` (dotted
// paths with flatten), not by position, and come out in the file's order
// with its names; declared types are not widened (a value that does not
// fit is a row error) and a record with a field the file lacks is a row
// error. Fails with NotImplemented, naming the file and column, for a type
// JSON cannot fill, and with Invalid listing every difference between the
// file and a sample of the input (`infer`, see JsonShapeDifferences): "in.jsonl
// does not match s.json: unexpected member 'x'; missing member 'id' (column
// 'id' is not nullable)". An input without records passes.
Result<SchemaPtr> JsonSchemaFromFile(FileSystem* fs, const std::string& input,
                                     const SchemaFile& file, const formats::InferOptions& infer,
                                     formats::JsonReadOptions* options);

// The differences between the fields a JSON sample holds (`sample`, from
// formats::InferJsonShape) and `file`, as the clauses JsonSchemaFromFile
// joins; empty when they agree. A field no column reads from is
// "unexpected member 'x'", also inside declared structs ('p.x'; a map takes
// any member); a column or struct member declared not nullable that the
// sample never holds is "missing member ...". With flatten, the dotted
// fields inside a declared column are its own. Types are not compared.
std::vector<std::string> JsonShapeDifferences(const Schema& sample, const SchemaFile& file);

// Adds each column's encoding to options->column_encodings and its codec to
// options->column_codecs when the column is written (in `written`) and the
// command line did not choose one for it (a COLUMN=ENCODING of --encoding
// and a COLUMN=CODEC of --compression win over the file; the file wins over
// the default codec of --compression CODEC).
void ApplySchemaEncodings(const SchemaFile& file, const Schema& written,
                          parquet::WriterOptions* options);

// The differences between a CSV header and the `from` names, as the
// clauses CsvSchemaFromFile joins; empty when they match. Positions are
// 1-based.
std::vector<std::string> HeaderDifferences(const std::vector<std::string>& header,
                                           const std::vector<std::string>& expected);

}  // namespace strata::cli
