// Helpers shared by the tests of the Delta write path: building small
// batches, writing them with TableWriter, reading a table back as sorted
// row text, and reading the JSON lines of the log.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "columnar/builder.h"
#include "columnar/decimal.h"
#include "columnar/record_batch.h"
#include "delta/delta_test_util.h"
#include "delta/history.h"
#include "delta/snapshot.h"
#include "delta/table_scan.h"
#include "delta/table_writer.h"
#include "io/file_system.h"

namespace strata::delta::testing {

// A column of `values` (nullopt is null) typed `type`, whose builder takes T.
template <typename T>
VectorPtr Column(const TypePtr& type, const std::vector<std::optional<T>>& values) {
  std::unique_ptr<VectorBuilder> builder = MakeBuilder(type).ValueOrDie();
  for (const auto& value : values) {
    Status status;
    if (!value) {
      status = builder->AppendNull();
    } else if constexpr (std::is_same_v<T, std::string>) {
      status = static_cast<BinaryBuilder*>(builder.get())->Append(*value);
    } else if constexpr (std::is_same_v<T, bool>) {
      status = static_cast<BoolBuilder*>(builder.get())->Append(*value);
    } else if constexpr (std::is_same_v<T, Decimal128>) {
      status = static_cast<DecimalBuilder*>(builder.get())->Append(*value);
    } else {
      status = static_cast<NumericBuilder<T>*>(builder.get())->Append(*value);
    }
    if (!status.ok()) DieOnError(status, __FILE__, __LINE__);
  }
  return builder->Finish().ValueOrDie();
}

inline VectorPtr Longs(const std::vector<std::optional<int64_t>>& values) {
  return Column<int64_t>(Int64(), values);
}
inline VectorPtr Strings(const std::vector<std::optional<std::string>>& values) {
  return Column<std::string>(String(), values);
}

// A batch of the named columns (all nullable unless the field says not).
inline RecordBatchPtr MakeBatch(std::vector<Field> fields, std::vector<VectorPtr> columns) {
  const int64_t rows = columns.empty() ? 0 : columns.front()->length();
  return RecordBatch::Make(MakeSchema(std::move(fields)), std::move(columns), rows).ValueOrDie();
}

// {id: long, name: string} with ids [from, to] and names "n<id>".
inline RecordBatchPtr IdBatch(int64_t from, int64_t to) {
  std::vector<std::optional<int64_t>> ids;
  std::vector<std::optional<std::string>> names;
  for (int64_t id = from; id <= to; ++id) {
    ids.emplace_back(id);
    names.emplace_back("n" + std::to_string(id));
  }
  return MakeBatch({Field("id", Int64()), Field("name", String())}, {Longs(ids), Strings(names)});
}

// The rows IdBatch(from, to) reads back as ("id|name").
inline std::vector<std::string> IdRows(int64_t from, int64_t to) {
  std::vector<std::string> rows;
  for (int64_t id = from; id <= to; ++id)
    rows.push_back(std::to_string(id) + "|n" + std::to_string(id));
  return Sorted(std::move(rows));
}

// Writes `batches` (all shaped like the first) to the table as one commit.
inline Result<TableWriteResult> WriteBatches(FileSystem* fs, const std::string& root,
                                             const std::vector<RecordBatchPtr>& batches,
                                             TableWriteOptions options = {}) {
  ASSIGN_OR_RETURN(std::unique_ptr<TableWriter> writer,
                   TableWriter::Open(fs, root, batches.front()->schema(), std::move(options)));
  for (const RecordBatchPtr& batch : batches) RETURN_NOT_OK(writer->Write(batch));
  return writer->Commit();
}

inline Result<TableWriteResult> WriteBatch(FileSystem* fs, const std::string& root,
                                           const RecordBatchPtr& batch,
                                           TableWriteOptions options = {}) {
  return WriteBatches(fs, root, {batch}, std::move(options));
}

// Every row of the table (at `version`, else the latest) as sorted text.
inline Result<std::vector<std::string>> ReadTable(FileSystem* fs, const std::string& root,
                                                  std::optional<int64_t> version = std::nullopt,
                                                  std::vector<std::string> columns = {}) {
  ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot,
                   Snapshot::Load(fs, root, SnapshotOptions{.version = version}));
  TableScanOptions options;
  options.columns = std::move(columns);
  ASSIGN_OR_RETURN(std::unique_ptr<RecordBatchReader> reader, ScanTable(snapshot, options));
  return ReadRows(reader.get());
}

// The lines of commit `version` of the table.
inline std::vector<std::string> CommitLines(FileSystem* fs, const std::string& root,
                                            int64_t version) {
  Result<std::unique_ptr<Buffer>> text =
      ReadWholeFile(fs, root + "/_delta_log/" + CommitName(version));
  if (!text.ok()) {
    ADD_FAILURE() << text.status().ToString();
    return {};
  }
  std::vector<std::string> lines;
  std::string_view rest = (*text)->view();
  while (!rest.empty()) {
    const size_t end = std::min(rest.find('\n'), rest.size());
    if (end > 0) lines.emplace_back(rest.substr(0, end));
    rest.remove_prefix(std::min(end + 1, rest.size()));
  }
  return lines;
}

// The actions of commit `version`.
inline std::vector<Action> CommitActions(FileSystem* fs, const std::string& root, int64_t version) {
  Result<std::vector<Action>> actions =
      ReadCommitFile(fs, root + "/_delta_log/" + CommitName(version));
  if (!actions.ok()) {
    ADD_FAILURE() << actions.status().ToString();
    return {};
  }
  return std::move(actions).value();
}

// The actions of type T in `actions`.
template <typename T>
std::vector<T> ActionsOf(const std::vector<Action>& actions) {
  std::vector<T> out;
  for (const Action& action : actions) {
    if (const auto* typed = std::get_if<T>(&action)) out.push_back(*typed);
  }
  return out;
}

// The action paths of the live files of `snapshot`.
inline std::set<std::string> LivePaths(const Snapshot& snapshot) {
  std::set<std::string> paths;
  for (const AddFile& file : snapshot.files()) paths.insert(file.path);
  return paths;
}

// Sets the modification time of `path` to `unix_ms` (ms since the epoch), for
// tests of code that compares file ages with a ManualClock.
inline void SetMtimeMs(const std::string& path, int64_t unix_ms) {
  const std::chrono::sys_time<std::chrono::milliseconds> time{std::chrono::milliseconds(unix_ms)};
  std::error_code error;
  std::filesystem::last_write_time(path, std::chrono::file_clock::from_sys(time), error);
  if (error) ADD_FAILURE() << "cannot set the mtime of " << path << ": " << error.message();
}

}  // namespace strata::delta::testing
