// DatasetWriter: writes a stream of batches into a directory of Parquet
// files, hive-partitioned or not, as DuckDB, Polars and Spark read them.
//
//   ASSIGN_OR_RETURN(auto writer, DatasetWriter::Open(fs, "out/", schema, options));
//   while (batch = ...) RETURN_NOT_OK(writer->Write(batch));
//   RETURN_NOT_OK(writer->Commit());   // or writer->Abort() on failure
//
// Files are written under hidden pending names (".name.parquet.pending",
// which readers skip) and get their final names only at Commit(), so a
// failed or abandoned write leaves nothing a reader sees. Final names are
// immutable and collision-free: prefix, UTC start time, a random id and a
// sequence number ("part-20251003T120000Z-5f3a9c2e7d1b4a60-00003.parquet"),
// so appends never overwrite.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "columnar/record_batch.h"
#include "common/clock.h"
#include "common/result.h"
#include "dataset/partitioning.h"
#include "io/file_system.h"
#include "parquet/file_writer.h"

namespace strata::dataset {

struct DatasetWriterOptions {
  parquet::WriterOptions file;             // For every data file.
  std::vector<PartitionField> partitions;  // Empty: files directly in the directory.
  // A file is closed once it holds this many bytes; the partition's next
  // rows start a new one.
  int64_t target_file_bytes = int64_t{512} << 20;
  // Most bytes all open files may buffer together (row groups not yet
  // written); beyond it the largest buffered row group is flushed early.
  int64_t memory_budget_bytes = int64_t{256} << 20;
  // Most files open at once; beyond it the least recently written one is
  // finished (its partition's next rows start a new file).
  int max_open_files = 64;
  std::string file_prefix = "part";
  Clock* clock = nullptr;  // For file names; null means Clock::System().
};

struct WrittenFile {
  std::string path;       // Final path, inside the directory.
  std::string partition;  // "k=v/..." or empty.
  int64_t rows = 0;
  int64_t bytes = 0;
  // The first row written to the file, when partitioned: its partition
  // values in typed form (table formats such as Delta record them).
  RecordBatchPtr first_row;
  // The footer, once the file is finished (statistics for table formats).
  std::shared_ptr<const parquet::FileMetaData> footer;
};

// Thread safety: none; one producer.
class DatasetWriter {
 public:
  // Creates `dir` when missing. Errors: Invalid for partition fields that do
  // not fit `schema` or options out of range; the file system's errors.
  // REQUIRES: `fs` outlives the writer.
  static Result<std::unique_ptr<DatasetWriter>> Open(FileSystem* fs, std::string dir,
                                                     SchemaPtr schema,
                                                     DatasetWriterOptions options);
  // Abandons pending files when neither Commit() nor Abort() was called.
  ~DatasetWriter();
  DatasetWriter(const DatasetWriter&) = delete;
  DatasetWriter& operator=(const DatasetWriter&) = delete;

  // REQUIRES: batch's schema equals the writer's.
  Status Write(const RecordBatchPtr& batch);
  // Finishes every file and renames each pending file to its final name.
  // After an error the files not yet renamed are deleted. Same as Finish()
  // then Publish().
  Status Commit();
  // Finishes every file; files() then lists their final paths, which are
  // not yet visible (so a caller can record them durably first). After an
  // error everything is deleted.
  Status Finish();
  // Renames the finished files into place. REQUIRES: Finish() succeeded.
  Status Publish();
  // Deletes every pending file (best effort). Idempotent.
  void Abort();

  // The files committed (after Commit()) or pending (before).
  const std::vector<WrittenFile>& files() const { return files_; }
  int64_t rows_written() const { return rows_written_; }

 private:
  struct OpenFile;

  DatasetWriter(FileSystem* fs, std::string dir, SchemaPtr schema, DatasetWriterOptions options);

  Status WriteToPartition(const std::string& partition, const RecordBatchPtr& rows);
  Result<OpenFile*> FileFor(const std::string& partition);
  Status FinishFile(size_t index);
  Status EnforceMemoryBudget();
  std::string NextFileName();

  FileSystem* const fs_;
  const std::string dir_;
  const SchemaPtr schema_;
  const SchemaPtr file_schema_;
  const DatasetWriterOptions options_;
  std::string name_stem_;  // prefix-time-randomid
  int64_t next_sequence_ = 0;
  int64_t write_tick_ = 0;
  std::vector<std::unique_ptr<OpenFile>> open_;
  std::vector<WrittenFile> files_;
  std::vector<std::string> pending_paths_;  // Parallel to files_.
  int64_t rows_written_ = 0;
  bool finished_ = false;
  bool done_ = false;
};

}  // namespace strata::dataset
