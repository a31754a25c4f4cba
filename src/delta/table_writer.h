// Writing data into a Delta table: create, append and overwrite, each one
// atomic commit, with the table's schema enforced.
//
//   TableWriteOptions options;               // append
//   ASSIGN_OR_RETURN(auto writer, TableWriter::Open(fs, root, input_schema, options));
//   RETURN_NOT_OK(writer->Write(batch));     // any number of batches
//   ASSIGN_OR_RETURN(TableWriteResult result, writer->Commit());
//
// Data files are written under hive-style partition directories with
// unique names and become part of the table only with the commit; a write
// that fails or is abandoned leaves files no snapshot references (vacuum
// deletes them).

#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "columnar/record_batch.h"
#include "common/clock.h"
#include "common/result.h"
#include "dataset/dataset_writer.h"
#include "delta/actions.h"
#include "delta/transaction.h"
#include "io/file_system.h"

namespace strata::delta {

enum class TableWriteMode : uint8_t { kAppend, kOverwrite };

struct TableWriteOptions {
  TableWriteMode mode = TableWriteMode::kAppend;
  // Add the input's new columns to the table (nullable), instead of refusing.
  bool merge_schema = false;
  // With kOverwrite: replace the table's schema (and partitioning) by the input's.
  bool overwrite_schema = false;
  // For a table that does not exist yet: its partition columns (logical names).
  std::vector<std::string> partition_columns;
  // Idempotent writes: commit only when the table's last version for
  // app_id is below app_version, recording app_version with the commit.
  std::optional<std::string> app_id;
  int64_t app_version = 0;
  // Data files: Parquet options (the default compression is Delta's usual
  // snappy unless set) and the size at which a file rolls over.
  parquet::WriterOptions file;
  int64_t target_file_bytes = int64_t{128} << 20;
  std::string operation = "WRITE";  // For history.
  // False for rewrites that change no data (optimize): adds say so.
  bool data_change = true;
  StringMap extra_parameters;  // Also for history (e.g. the inputs).
  TransactionOptions transaction;
};

struct TableWriteResult {
  int64_t version = -1;  // The version committed; -1 when skipped.
  bool skipped = false;  // app_version was already committed.
  int64_t rows = 0;
  int64_t files_added = 0;
  int64_t files_removed = 0;
  int64_t bytes_added = 0;
  int attempts = 0;
};

// Thread safety: none; one producer.
class TableWriter {
 public:
  // Starts a write of batches shaped like `input_schema` (columns matched
  // to the table's by name, in any order) to the table at `table_root`,
  // creating it when it does not exist. Refuses, with kInvalid listing every
  // difference, an input whose columns the table lacks (unless
  // merge_schema), whose types cannot be read as the table's without loss,
  // or that lacks a non-nullable column; kNotImplemented for a table strata
  // cannot write (writer version or features, column mapping).
  // REQUIRES: `fs` outlives the writer.
  [[nodiscard]] static Result<std::unique_ptr<TableWriter>> Open(FileSystem* fs,
                                                                 std::string table_root,
                                                                 const SchemaPtr& input_schema,
                                                                 TableWriteOptions options);
  ~TableWriter();
  TableWriter(const TableWriter&) = delete;
  TableWriter& operator=(const TableWriter&) = delete;

  // The table's schema after this write (what Write converts batches to).
  const SchemaPtr& table_schema() const { return table_schema_; }
  // True when app_id/app_version says this write was already committed:
  // Write is then a no-op and Commit reports `skipped`.
  bool already_committed() const { return skip_; }
  // The transaction, for operations that also remove files or declare what
  // they read (optimize, restore). Null when already_committed().
  Transaction* transaction() const { return skip_ ? nullptr : txn_.get(); }
  // The snapshot the write is based on; null for a new table.
  const std::shared_ptr<const Snapshot>& read_snapshot() const { return txn_->read_snapshot(); }

  // Converts `batch` to the table schema (columns by name; the table's
  // columns it lacks are null) and writes it. kInvalid for a type that cannot
  // be converted or a null in a non-nullable column, naming the column.
  [[nodiscard]] Status Write(const RecordBatchPtr& batch);
  // Finishes the data files and commits them (with the removes of an
  // overwrite) as one version. kConflict when a concurrent commit conflicts;
  // the data files are then deleted.
  [[nodiscard]] Result<TableWriteResult> Commit();
  // Deletes the data files written so far (best effort).
  void Abort();

 private:
  TableWriter() = default;
  [[nodiscard]] Status PlanSchema(const SchemaPtr& input_schema);
  [[nodiscard]] Status OpenData();
  [[nodiscard]] Result<std::vector<AddFile>> FinishData();
  [[nodiscard]] Result<RecordBatchPtr> Conform(const RecordBatchPtr& batch) const;
  // merge_schema: appends the input's columns the table lacks (nullable).
  [[nodiscard]] Status MergeNewColumns(const Schema& input_schema);
  // The commit of the data files (and an overwrite's removes).
  [[nodiscard]] Result<int64_t> CommitWrite(std::vector<AddFile> adds, TableWriteResult* result);

  FileSystem* fs_ = nullptr;
  std::string table_root_;
  TableWriteOptions options_;
  std::unique_ptr<Transaction> txn_;
  SchemaPtr input_schema_;
  SchemaPtr table_schema_;
  std::vector<std::string> partition_columns_;
  std::optional<Metadata> new_metadata_;  // Set when the commit changes metadata.
  std::optional<Protocol> new_protocol_;
  std::unique_ptr<dataset::DatasetWriter> data_;
  int64_t rows_ = 0;
  bool skip_ = false;
  bool done_ = false;
};

// The difference between an input schema and a table schema, one clause
// per problem ("missing column 'b' (not nullable)", "column 'a': the input
// has string, the table long", "unexpected column 'c'"); empty when the
// input can be written as is (after lossless conversions). With
// `allow_new_columns` (merging), new columns and types that widen the
// table's (type widening) are no differences.
std::vector<std::string> SchemaDifferences(const Schema& input, const Schema& table,
                                           bool allow_new_columns);

}  // namespace strata::delta
