// Helpers shared by the Delta tests: locating the shared fixture tables,
// copying them somewhere writable, writing synthetic logs and data files,
// and reading a scan's rows as sorted text so tests compare plain strings.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/builder.h"
#include "columnar/record_batch.h"
#include "columnar/record_batch_reader.h"
#include "columnar/value_format.h"
#include "common/result.h"
#include "io/file_system.h"
#include "parquet/file_writer.h"

namespace strata::delta::testing {

// $STRATA_SOURCE_DIR/../shared/fixtures/delta/<table> (ctest sets the
// variable), else found from this file's path. Fails the test when missing.
inline std::string DeltaFixture(const std::string& table) {
  std::vector<std::filesystem::path> roots;
  if (const char* source = std::getenv("STRATA_SOURCE_DIR"); source != nullptr && *source) {
    roots.push_back(std::filesystem::path(source) / "../shared/fixtures/delta");
  }
  roots.push_back(std::filesystem::path(__FILE__).parent_path() / "../../../shared/fixtures/delta");
  for (const auto& root : roots) {
    std::error_code error;
    if (std::filesystem::is_directory(root / table, error)) {
      return std::filesystem::weakly_canonical(root / table, error).string();
    }
  }
  ADD_FAILURE() << "Delta fixture " << table << " not found (set STRATA_SOURCE_DIR)";
  return table;
}

// Copies the directory tree `from` to `to`, made writable (the fixtures are
// read-only, and a read-only copy could not be cleaned up).
inline void CopyTree(const std::string& from, const std::string& to) {
  namespace fs = std::filesystem;
  fs::copy(from, to, fs::copy_options::recursive);
  fs::permissions(to, fs::perms::owner_all, fs::perm_options::add);
  for (const auto& entry : fs::recursive_directory_iterator(to)) {
    fs::permissions(entry.path(), fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::add);
    if (entry.is_directory()) {
      fs::permissions(entry.path(), fs::perms::owner_exec, fs::perm_options::add);
    }
  }
}

// Writes `text` to `path`, creating its parent directories.
inline void WriteText(const std::string& path, std::string_view text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  ASSERT_TRUE(out.good()) << "cannot write " << path;
}

// The name of commit `version`: "%020d.json".
inline std::string CommitName(int64_t version) {
  std::string digits = std::to_string(version);
  return std::string(20 - digits.size(), '0') + digits + ".json";
}

// Writes commit `version` of the table at `root` from its action lines.
inline void WriteCommit(const std::string& root, int64_t version,
                        const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  WriteText(root + "/_delta_log/" + CommitName(version), text);
}

// A protocol line and a metaData line for `schema_string` (already JSON,
// unescaped), partitioned by `partitions` (a JSON array's contents).
inline std::string ProtocolLine(int reader = 1, int writer = 2) {
  return "{\"protocol\":{\"minReaderVersion\":" + std::to_string(reader) +
         ",\"minWriterVersion\":" + std::to_string(writer) + "}}";
}

inline std::string EscapeJson(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

inline std::string MetadataLine(std::string_view schema_string, std::string_view partitions = "",
                                std::string_view configuration = "") {
  return "{\"metaData\":{\"id\":\"test-table\",\"format\":{\"provider\":\"parquet\",\"options\":{}}"
         ","
         "\"schemaString\":\"" +
         EscapeJson(schema_string) + "\",\"partitionColumns\":[" + std::string(partitions) +
         "],\"configuration\":{" + std::string(configuration) + "},\"createdTime\":1700000000000}}";
}

inline std::string AddLine(std::string_view path, std::string_view partition_values = "",
                           std::string_view extra = "") {
  return "{\"add\":{\"path\":\"" + std::string(path) + "\",\"partitionValues\":{" +
         std::string(partition_values) +
         "},\"size\":1,\"modificationTime\":1700000000000,\"dataChange\":true" +
         std::string(extra) + "}}";
}

inline std::string RemoveLine(std::string_view path) {
  return "{\"remove\":{\"path\":\"" + std::string(path) +
         "\",\"deletionTimestamp\":1700000000001,\"dataChange\":true}}";
}

// A one-column Parquet file of `values` (nullopt is null) typed T.
template <typename T>
Status WriteColumnFile(FileSystem* fs, const std::string& path, const std::string& name,
                       const std::vector<std::optional<T>>& values) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  NumericBuilder<T> builder(CTypeTraits<T>::type());
  for (const auto& value : values) {
    RETURN_NOT_OK(value ? builder.Append(*value) : builder.AppendNull());
  }
  ASSIGN_OR_RETURN(VectorPtr column, builder.Finish());
  SchemaPtr schema = MakeSchema({Field(name, column->type())});
  ASSIGN_OR_RETURN(RecordBatchPtr batch,
                   RecordBatch::Make(schema, {column}, static_cast<int64_t>(values.size())));
  ASSIGN_OR_RETURN(auto writer, parquet::ParquetWriter::Open(fs, path, schema));
  RETURN_NOT_OK(writer->Write(*batch));
  return writer->Close();
}

// Every row of `reader` as "v1|v2|..." (FormatValue text, NULL for null),
// sorted, so tests do not depend on file order.
inline Result<std::vector<std::string>> ReadRows(RecordBatchReader* reader) {
  std::vector<std::string> rows;
  for (;;) {
    ASSIGN_OR_RETURN(RecordBatchPtr batch, reader->Next());
    if (batch == nullptr) break;
    for (int64_t row = 0; row < batch->num_rows(); ++row) {
      std::string text;
      for (int c = 0; c < batch->num_columns(); ++c) {
        if (c > 0) text.push_back('|');
        text += FormatValue(*batch->column(c), row);
      }
      rows.push_back(std::move(text));
    }
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

// "0".."n-1"-style helpers for expected rows.
inline std::vector<std::string> Sorted(std::vector<std::string> rows) {
  std::sort(rows.begin(), rows.end());
  return rows;
}

inline std::vector<std::string> Numbers(std::initializer_list<int64_t> values) {
  std::vector<std::string> rows;
  for (const int64_t v : values) rows.push_back(std::to_string(v));
  return Sorted(std::move(rows));
}

inline std::vector<std::string> Range(int64_t from, int64_t to) {  // [from, to]
  std::vector<std::string> rows;
  for (int64_t v = from; v <= to; ++v) rows.push_back(std::to_string(v));
  return Sorted(std::move(rows));
}

}  // namespace strata::delta::testing
