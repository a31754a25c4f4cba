#include "cli/quarantine.h"

#include "columnar/builder.h"
#include "columnar/csv_writer.h"

namespace strata::cli {
namespace {

Result<RecordBatchPtr> ToBatch(const std::vector<formats::RejectedRow>& rows) {
  static const SchemaPtr kSchema = std::make_shared<Schema>(
      std::vector<Field>{Field("file", String(), false), Field("line", Int64(), false),
                         Field("column", String(), false), Field("reason", String(), false),
                         Field("raw", String(), false)});
  BinaryBuilder file(String());
  Int64Builder line;
  BinaryBuilder column(String());
  BinaryBuilder reason(String());
  BinaryBuilder raw(String());
  for (const formats::RejectedRow& row : rows) {
    RETURN_NOT_OK(file.Append(row.file));
    RETURN_NOT_OK(line.Append(row.line));
    RETURN_NOT_OK(column.Append(row.column));
    RETURN_NOT_OK(reason.Append(row.reason));
    RETURN_NOT_OK(raw.Append(row.raw));
  }
  std::vector<VectorPtr> columns;
  for (VectorBuilder* builder :
       std::initializer_list<VectorBuilder*>{&file, &line, &column, &reason, &raw}) {
    ASSIGN_OR_RETURN(VectorPtr vector, builder->Finish());
    columns.push_back(std::move(vector));
  }
  return RecordBatch::Make(kSchema, std::move(columns), static_cast<int64_t>(rows.size()));
}

}  // namespace

QuarantineFile::QuarantineFile(FileSystem* fs, std::string path)
    : fs_(fs), path_(std::move(path)) {}

QuarantineFile::~QuarantineFile() {
  if (file_ == nullptr || committed_) return;
  (void)file_->Close();
  (void)fs_->DeleteFile(temp_path_);
}

Status QuarantineFile::Add(const std::vector<formats::RejectedRow>& rows) {
  if (rows.empty()) return Status::OK();
  const bool first = file_ == nullptr;
  if (first) {
    temp_path_ = TempPathBeside(path_);
    ASSIGN_OR_RETURN(file_, fs_->OpenForWrite(temp_path_, WriteMode::kTruncate));
  }
  ASSIGN_OR_RETURN(RecordBatchPtr batch, ToBatch(rows));
  std::string text;
  RETURN_NOT_OK(WriteCsv(*batch, CsvWriteOptions{.header = first}, &text));
  RETURN_NOT_OK(file_->Append(text));
  rows_ += static_cast<int64_t>(rows.size());
  return Status::OK();
}

Status QuarantineFile::Commit() {
  if (file_ == nullptr) return Status::OK();
  RETURN_NOT_OK(file_->Sync());
  RETURN_NOT_OK(file_->Close());
  RETURN_NOT_OK(fs_->Rename(temp_path_, path_));
  committed_ = true;
  return Status::OK();
}

}  // namespace strata::cli
