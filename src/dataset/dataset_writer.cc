#include "dataset/dataset_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <random>
#include <unordered_map>

#include "columnar/compute.h"
#include "columnar/temporal.h"

namespace strata::dataset {

struct DatasetWriter::OpenFile {
  std::string partition;
  std::unique_ptr<parquet::ParquetWriter> writer;
  size_t file_index = 0;  // In files_.
  int64_t last_write = 0;
};

namespace {

std::string JoinPath(const std::string& dir, const std::string& name) {
  if (dir.empty()) return name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

std::string RandomId() {
  std::random_device device;
  const uint64_t id = (uint64_t{device()} << 32) ^ device();
  return fmt::format("{:016x}", id);
}

std::string UtcStamp(int64_t unix_micros) {
  const int64_t seconds = unix_micros / 1'000'000;
  const int64_t days = seconds / 86400;
  const CivilDate date = CivilFromDays(days);
  const int64_t s = seconds - days * 86400;
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", date.year, date.month, date.day, s / 3600,
                     s / 60 % 60, s % 60);
}

// Rows grouped by partition path, groups in order of first appearance.
std::vector<std::pair<std::string, std::vector<int64_t>>> GroupRows(
    std::vector<std::string> paths) {
  std::vector<std::pair<std::string, std::vector<int64_t>>> groups;
  std::unordered_map<std::string, size_t> index;
  for (size_t row = 0; row < paths.size(); ++row) {
    auto [it, inserted] = index.try_emplace(paths[row], groups.size());
    if (inserted) groups.emplace_back(std::move(paths[row]), std::vector<int64_t>());
    groups[it->second].second.push_back(static_cast<int64_t>(row));
  }
  return groups;
}

}  // namespace

DatasetWriter::DatasetWriter(FileSystem* fs, std::string dir, SchemaPtr schema,
                             DatasetWriterOptions options)
    : fs_(fs),
      dir_(std::move(dir)),
      schema_(std::move(schema)),
      file_schema_(FileSchema(*schema_, options.partitions)),
      options_(std::move(options)) {}

Result<std::unique_ptr<DatasetWriter>> DatasetWriter::Open(FileSystem* fs, std::string dir,
                                                           SchemaPtr schema,
                                                           DatasetWriterOptions options) {
  if (options.target_file_bytes <= 0 || options.memory_budget_bytes <= 0 ||
      options.max_open_files <= 0) {
    return Status::Invalid("target file size, memory budget and open files must be positive");
  }
  for (const PartitionField& field : options.partitions) {
    if (field.column < 0 || field.column >= schema->num_fields()) {
      return Status::Invalid("partition key '{}' names no column", field.name);
    }
  }
  if (FileSchema(*schema, options.partitions)->num_fields() == 0) {
    return Status::Invalid("every column is a partition key: the files would hold no columns");
  }
  RETURN_NOT_OK(fs->CreateDir(dir, /*recursive=*/true));
  Clock* clock = options.clock != nullptr ? options.clock : Clock::System();
  // Private constructor.
  std::unique_ptr<DatasetWriter> writer(
      new DatasetWriter(fs, std::move(dir), std::move(schema), std::move(options)));
  writer->name_stem_ = fmt::format("{}-{}-{}", writer->options_.file_prefix,
                                   UtcStamp(clock->NowUnixMicros()), RandomId());
  return writer;
}

DatasetWriter::~DatasetWriter() {
  if (!done_) Abort();
}

std::string DatasetWriter::NextFileName() {
  return fmt::format("{}-{:05}.parquet", name_stem_, next_sequence_++);
}

Status DatasetWriter::Write(const RecordBatchPtr& batch) {
  if (done_ || finished_) return Status::Invalid("write to a finished or aborted dataset writer");
  if (batch->num_rows() == 0) return Status::OK();
  if (options_.partitions.empty()) return WriteToPartition("", batch);
  ASSIGN_OR_RETURN(std::vector<std::string> paths, PartitionPaths(*batch, options_.partitions));
  auto groups = GroupRows(std::move(paths));
  if (groups.size() == 1) return WriteToPartition(groups[0].first, batch);
  for (const auto& [partition, rows] : groups) {
    ASSIGN_OR_RETURN(RecordBatchPtr part, TakeBatch(batch, rows));
    RETURN_NOT_OK(WriteToPartition(partition, part));
  }
  return Status::OK();
}

Status DatasetWriter::WriteToPartition(const std::string& partition, const RecordBatchPtr& rows) {
  ASSIGN_OR_RETURN(RecordBatchPtr columns, FileColumns(rows, file_schema_));
  ASSIGN_OR_RETURN(OpenFile * file, FileFor(partition));
  WrittenFile& written = files_[file->file_index];
  if (written.first_row == nullptr && !options_.partitions.empty()) {
    // A copy: a slice would keep the whole batch alive.
    const int64_t first = 0;
    ASSIGN_OR_RETURN(written.first_row, TakeBatch(rows, std::span(&first, 1)));
  }
  RETURN_NOT_OK(file->writer->Write(*columns));
  file->last_write = ++write_tick_;
  files_[file->file_index].rows += rows->num_rows();
  rows_written_ += rows->num_rows();
  if (file->writer->FileBytes() + file->writer->BufferedBytes() >= options_.target_file_bytes) {
    const auto it =
        std::find_if(open_.begin(), open_.end(), [&](const auto& f) { return f.get() == file; });
    RETURN_NOT_OK(FinishFile(static_cast<size_t>(it - open_.begin())));
  }
  return EnforceMemoryBudget();
}

Result<DatasetWriter::OpenFile*> DatasetWriter::FileFor(const std::string& partition) {
  for (const auto& file : open_) {
    if (file->partition == partition) return file.get();
  }
  if (static_cast<int>(open_.size()) >= options_.max_open_files) {
    const auto oldest = std::min_element(
        open_.begin(), open_.end(),
        [](const auto& a, const auto& b) { return a->last_write < b->last_write; });
    RETURN_NOT_OK(FinishFile(static_cast<size_t>(oldest - open_.begin())));
  }
  const std::string dir = partition.empty() ? dir_ : JoinPath(dir_, partition);
  if (!partition.empty()) RETURN_NOT_OK(fs_->CreateDir(dir, /*recursive=*/true));
  const std::string name = NextFileName();
  const std::string pending = JoinPath(dir, "." + name + ".pending");
  auto file = std::make_unique<OpenFile>();
  file->partition = partition;
  ASSIGN_OR_RETURN(file->writer,
                   parquet::ParquetWriter::Open(fs_, pending, file_schema_, options_.file));
  file->file_index = files_.size();
  files_.push_back({JoinPath(dir, name), partition, 0, 0});
  pending_paths_.push_back(pending);
  open_.push_back(std::move(file));
  return open_.back().get();
}

Status DatasetWriter::FinishFile(size_t index) {
  std::unique_ptr<OpenFile> file = std::move(open_[index]);
  open_.erase(open_.begin() + static_cast<std::ptrdiff_t>(index));
  RETURN_NOT_OK(file->writer->Close());
  files_[file->file_index].bytes = file->writer->FileBytes();
  files_[file->file_index].footer =
      std::make_shared<const parquet::FileMetaData>(file->writer->metadata());
  return Status::OK();
}

Status DatasetWriter::EnforceMemoryBudget() {
  for (;;) {
    int64_t total = 0;
    parquet::ParquetWriter* largest = nullptr;
    for (const auto& file : open_) {
      const int64_t bytes = file->writer->BufferedBytes();
      total += bytes;
      if (largest == nullptr || bytes > largest->BufferedBytes()) largest = file->writer.get();
    }
    if (total <= options_.memory_budget_bytes || largest == nullptr ||
        largest->BufferedBytes() == 0) {
      return Status::OK();
    }
    RETURN_NOT_OK(largest->FlushRowGroup());
  }
}

Status DatasetWriter::Commit() {
  RETURN_NOT_OK(Finish());
  return Publish();
}

Status DatasetWriter::Finish() {
  if (done_ || finished_) return Status::Invalid("dataset writer already finished or aborted");
  while (!open_.empty()) {
    Status status = FinishFile(open_.size() - 1);
    if (!status.ok()) {
      Abort();
      return status;
    }
  }
  finished_ = true;
  return Status::OK();
}

Status DatasetWriter::Publish() {
  if (done_ || !finished_) return Status::Invalid("dataset writer not finished, or done");
  for (size_t i = 0; i < files_.size(); ++i) {
    Status status = fs_->Rename(pending_paths_[i], files_[i].path);
    if (!status.ok()) {
      // Files already renamed stay: they are complete; the rest go.
      pending_paths_.erase(pending_paths_.begin(),
                           pending_paths_.begin() + static_cast<std::ptrdiff_t>(i));
      Abort();
      return status;
    }
  }
  pending_paths_.clear();
  done_ = true;
  return Status::OK();
}

void DatasetWriter::Abort() {
  open_.clear();  // Unclosed ParquetWriters delete their temporaries.
  for (const std::string& path : pending_paths_) (void)fs_->DeleteFile(path);
  pending_paths_.clear();
  done_ = true;
}

}  // namespace strata::dataset
