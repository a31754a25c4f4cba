// Applying a schema file to an input and to the writer: the header check,
// which columns text can fill, and the per-column encodings and codecs.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "cli/schema_file.h"
#include "formats/csv_block.h"
#include "formats/csv_chunker.h"
#include "formats/input_stream.h"
#include "formats/value_parser.h"

namespace strata::cli {
namespace {

// What the start of a CSV input says about its columns.
struct FirstRecord {
  bool empty = true;                // No record at all.
  std::vector<std::string> header;  // With a header.
  int32_t fields = 0;               // Without one: the first record's field count.
};

Result<FirstRecord> ReadFirstRecord(FileSystem* fs, const std::string& input,
                                    const formats::CsvReadOptions& options) {
  // Only the first record is needed, so the first block can be small.
  formats::CsvLimits limits = options.limits;
  limits.block_bytes = std::min<int64_t>(limits.block_bytes, 64 << 10);
  ASSIGN_OR_RETURN(auto stream, formats::InputStream::Open(fs, input));
  ASSIGN_OR_RETURN(auto chunker,
                   formats::CsvChunker::Open(std::move(stream), options.dialect, limits));
  FirstRecord first;
  if (options.dialect.header) {
    first.header = chunker->header();
    first.empty = first.header.empty();
    return first;
  }
  ASSIGN_OR_RETURN(std::optional<formats::CsvChunk> chunk, chunker->Next());
  if (!chunk.has_value()) return first;
  formats::CsvBlock block;
  RETURN_NOT_OK(formats::TokenizeCsv(std::move(chunk->text), options.dialect, limits,
                                     chunk->first_line, &block));
  // A malformed first record is a row error for the reader to report.
  if (block.num_rows() == 0 || !block.error(0).empty()) return first;
  first.empty = false;
  first.fields = block.num_fields(0);
  return first;
}

// Text fills scalar columns only; the parser says which types it reads.
Status CheckReadableFromText(const SchemaFile& file, const formats::ValueOptions& values) {
  for (size_t i = 0; i < file.columns.size(); ++i) {
    const SchemaColumn& column = file.columns[i];
    Result<std::unique_ptr<formats::ColumnParser>> parser =
        formats::ColumnParser::Make(column.type, values);
    if (parser.status().code() == StatusCode::kNotImplemented) {
      return Status::NotImplemented("{}: column {} '{}': type {} cannot be read from CSV",
                                    file.path, i + 1, column.name, column.type->ToString());
    }
  }
  return Status::OK();
}

}  // namespace

std::vector<std::string> HeaderDifferences(const std::vector<std::string>& header,
                                           const std::vector<std::string>& expected) {
  std::vector<std::string> out;
  std::map<std::string, size_t> expected_at;
  for (size_t i = 0; i < expected.size(); ++i) expected_at.emplace(expected[i], i);
  const std::set<std::string> present(header.begin(), header.end());
  for (size_t i = 0; i < expected.size(); ++i) {
    if (!present.contains(expected[i])) {
      out.push_back(
          fmt::format("missing column '{}' (expected at position {})", expected[i], i + 1));
    }
  }
  // The names both have, each in its own order, to compare the orders.
  std::vector<size_t> common_in_header;
  std::set<std::string> seen;
  for (size_t j = 0; j < header.size(); ++j) {
    if (!expected_at.contains(header[j])) {
      out.push_back(fmt::format("unexpected column '{}' at position {}", header[j], j + 1));
    } else if (!seen.insert(header[j]).second) {
      out.push_back(fmt::format("duplicate column '{}' at position {}", header[j], j + 1));
    } else {
      common_in_header.push_back(j);
    }
  }
  std::vector<size_t> common_in_expected;
  for (size_t i = 0; i < expected.size(); ++i) {
    if (present.contains(expected[i])) common_in_expected.push_back(i);
  }
  for (size_t k = 0; k < common_in_header.size(); ++k) {
    const std::string& name = header[common_in_header[k]];
    if (name == expected[common_in_expected[k]]) continue;
    out.push_back(fmt::format("column '{}' at position {} (expected at position {})", name,
                              common_in_header[k] + 1, expected_at[name] + 1));
  }
  return out;
}

Result<SchemaPtr> CsvSchemaFromFile(FileSystem* fs, const std::string& input,
                                    const SchemaFile& file,
                                    const formats::CsvReadOptions& options) {
  RETURN_NOT_OK(CheckReadableFromText(file, options.values));
  ASSIGN_OR_RETURN(const FirstRecord first, ReadFirstRecord(fs, input, options));
  if (first.empty) return SchemaFileSchema(file);
  const auto columns = static_cast<int32_t>(file.columns.size());
  if (!options.dialect.header) {
    if (first.fields == columns) return SchemaFileSchema(file);
    return Status::Invalid("{} does not match {}: the first record has {} fields, the schema {}",
                           input, file.path, first.fields, columns);
  }
  std::vector<std::string> expected;
  for (const SchemaColumn& column : file.columns) expected.push_back(column.from);
  const std::vector<std::string> differences = HeaderDifferences(first.header, expected);
  if (differences.empty()) return SchemaFileSchema(file);
  return Status::Invalid("{} does not match {}: {}", input, file.path,
                         fmt::join(differences, "; "));
}

void ApplySchemaEncodings(const SchemaFile& file, const Schema& written,
                          parquet::WriterOptions* options) {
  for (const SchemaColumn& column : file.columns) {
    if (written.FieldIndex(column.name) < 0) continue;
    if (column.encoding.has_value()) {
      options->column_encodings.try_emplace(column.name, *column.encoding);
    }
    if (column.compression.has_value()) {
      options->column_codecs.try_emplace(column.name, *column.compression);
    }
  }
}

}  // namespace strata::cli
