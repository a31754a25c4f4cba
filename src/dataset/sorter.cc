#include "dataset/sorter.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>

#include "columnar/compute.h"
#include "dataset/sort_merge.h"
#include "parquet/schema.h"

namespace strata::dataset {
namespace {

// Charged per buffered row for the sort's own arrays (the order, the
// key/index pairs and their radix scratch), beyond the row's data.
constexpr int64_t kSortBytesPerRow = 40;
// Fewer rows per run row group would make the runs mostly metadata.
constexpr int64_t kMinRunBatchRows = 64;

// The bytes a vector's rows occupy (not its buffers' capacity: a slice
// counts only its rows, so slices of one buffer are not counted twice).
int64_t DataBytes(const ColumnVector& v) {
  const int64_t n = v.length();
  int64_t bytes = v.null_count() > 0 ? bit_util::BytesForBits(n) : 0;
  const DataType& type = *v.type();
  if (type.is_fixed_width()) return bytes + (n * type.bit_width() + 7) / 8;
  if (type.id() == TypeId::kStruct) {
    for (const VectorPtr& child : v.children()) bytes += DataBytes(*child);
    return bytes;
  }
  if (n == 0 || v.buffer(1) == nullptr) return bytes;
  const int32_t* offsets = v.Offsets();
  const int64_t span = offsets[n] - offsets[0];
  bytes += (n + 1) * 4;
  if (type.is_binary_like()) return bytes + span;
  // List or map: the share of the child the rows reach.
  const ColumnVector& child = *v.child(0);
  return bytes + (child.length() == 0 ? 0 : DataBytes(child) * span / child.length());
}

int64_t DataBytes(const RecordBatch& batch) {
  int64_t bytes = 0;
  for (const VectorPtr& column : batch.columns()) bytes += DataBytes(*column);
  return bytes;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  return s;
}

// The items of a comma-separated list, commas inside double quotes kept.
std::vector<std::string_view> SplitItems(std::string_view text) {
  std::vector<std::string_view> items;
  bool quoted = false;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (text[i] == ',' && !quoted) {
      items.push_back(Trim(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  items.push_back(Trim(text.substr(start)));
  return items;
}

// The column name at the start of `item` (double-quoted, with "" for a
// quote, or up to the first space); `rest` gets what follows.
Result<std::string> TakeName(std::string_view item, std::string_view* rest) {
  if (item.front() != '"') {
    const size_t end = std::min(item.size(), item.find_first_of(" \t"));
    *rest = item.substr(end);
    return std::string(item.substr(0, end));
  }
  std::string name;
  for (size_t i = 1; i < item.size(); ++i) {
    if (item[i] != '"') {
      name += item[i];
    } else if (i + 1 < item.size() && item[i + 1] == '"') {
      name += '"';
      ++i;
    } else {
      *rest = item.substr(i + 1);
      return name;
    }
  }
  return Status::Invalid("unterminated quote in sort key '{}'", item);
}

bool KeywordIs(std::string_view word, std::string_view keyword) {
  return word.size() == keyword.size() &&
         std::equal(word.begin(), word.end(), keyword.begin(), [](char a, char b) {
           return std::toupper(static_cast<unsigned char>(a)) == b;
         });
}

// `[ASC | DESC] [NULLS FIRST | NULLS LAST]` into `key`.
Status ParseModifiers(std::string_view item, std::string_view rest, SortKey* key) {
  std::vector<std::string_view> words;
  for (rest = Trim(rest); !rest.empty(); rest = Trim(rest)) {
    const size_t end = std::min(rest.size(), rest.find_first_of(" \t"));
    words.push_back(rest.substr(0, end));
    rest = rest.substr(end);
  }
  size_t w = 0;
  if (w < words.size() && (KeywordIs(words[w], "ASC") || KeywordIs(words[w], "DESC"))) {
    key->descending = KeywordIs(words[w++], "DESC");
  }
  if (w + 1 < words.size() && KeywordIs(words[w], "NULLS") &&
      (KeywordIs(words[w + 1], "FIRST") || KeywordIs(words[w + 1], "LAST"))) {
    key->nulls_first = KeywordIs(words[w + 1], "FIRST");
    w += 2;
  }
  if (w == words.size()) return Status::OK();
  return Status::Invalid(
      "unexpected '{}' in sort key '{}' (expected ASC, DESC, NULLS FIRST or NULLS LAST)", words[w],
      item);
}

}  // namespace

Result<std::vector<SortKey>> ParseSortKeys(std::string_view text, const Schema& schema) {
  if (Trim(text).empty()) return Status::Invalid("no sort keys given");
  std::vector<SortKey> keys;
  for (std::string_view item : SplitItems(text)) {
    if (item.empty()) return Status::Invalid("empty sort key in '{}'", text);
    std::string_view rest;
    ASSIGN_OR_RETURN(std::string name, TakeName(item, &rest));
    SortKey key;
    RETURN_NOT_OK(ParseModifiers(item, rest, &key));
    key.column = schema.FieldIndex(name);
    if (key.column < 0) {
      std::vector<std::string> names;
      for (const Field& f : schema.fields()) names.push_back(f.name);
      return Status::Invalid("no column '{}' to sort by (columns: {})", name,
                             fmt::join(names, ", "));
    }
    keys.push_back(key);
  }
  RETURN_NOT_OK(CheckSortKeys(schema, keys));
  return keys;
}

Result<std::vector<parquet::SortingColumn>> SortingColumnsFor(const Schema& schema,
                                                              std::span<const SortKey> keys,
                                                              const SchemaPtr& file_schema) {
  RETURN_NOT_OK(CheckSortKeys(schema, keys));
  ASSIGN_OR_RETURN(parquet::ParquetSchema parquet_schema, parquet::ToParquetSchema(file_schema));
  std::vector<parquet::SortingColumn> columns;
  for (const SortKey& key : keys) {
    const int field = file_schema->FieldIndex(schema.field(key.column).name);
    if (field < 0) continue;
    for (size_t leaf = 0; leaf < parquet_schema.leaves.size(); ++leaf) {
      if (parquet_schema.leaves[leaf].field_index != field) continue;
      columns.push_back({.column_idx = static_cast<int32_t>(leaf),
                         .descending = key.descending,
                         .nulls_first = key.nulls_first});
      break;
    }
  }
  return columns;
}

Result<std::unique_ptr<ExternalSorter>> ExternalSorter::Make(
    FileSystem* fs, std::unique_ptr<RecordBatchReader> input, SorterOptions options) {
  if (options.keys.empty()) return Status::Invalid("a sort needs at least one key");
  RETURN_NOT_OK(CheckSortKeys(*input->schema(), options.keys));
  if (options.memory_budget_bytes <= 0 || options.batch_rows <= 0 || options.max_merge_width < 2) {
    return Status::Invalid(
        "sort memory budget and batch rows must be positive, and merge width at least 2");
  }
  if (options.temp_dir.empty()) return Status::Invalid("a sort needs a directory to spill into");
  // Private constructor.
  return std::unique_ptr<ExternalSorter>(
      new ExternalSorter(fs, std::move(input), std::move(options)));
}

ExternalSorter::ExternalSorter(FileSystem* fs, std::unique_ptr<RecordBatchReader> input,
                               SorterOptions options)
    : fs_(fs), input_(std::move(input)), options_(std::move(options)), schema_(input_->schema()) {}

ExternalSorter::~ExternalSorter() { RemoveTempDir(); }

const SchemaPtr& ExternalSorter::schema() const { return schema_; }

Result<RecordBatchPtr> ExternalSorter::Next() {
  if (!error_.ok()) return error_;
  Result<RecordBatchPtr> batch = NextUnchecked();
  if (!batch.ok()) {
    error_ = batch.status();
    ClearBuffer();
    RemoveTempDir();
  }
  return batch;
}

Result<RecordBatchPtr> ExternalSorter::NextUnchecked() {
  if (!started_) {
    started_ = true;
    RETURN_NOT_OK(Consume());
  }
  if (merger_ == nullptr) return NextInMemory();
  ASSIGN_OR_RETURN(RecordBatchPtr batch, merger_->Next());
  if (batch != nullptr) {
    rows_out_ += batch->num_rows();
    return batch;
  }
  RemoveTempDir();
  if (rows_out_ != stats_.rows) {
    return Status::Internal("the sort read {} rows but merged {}", stats_.rows, rows_out_);
  }
  return batch;
}

Status ExternalSorter::Consume() {
  for (;;) {
    ASSIGN_OR_RETURN(RecordBatchPtr batch, input_->Next());
    if (batch == nullptr) break;
    if (batch->num_rows() == 0) continue;
    const int64_t data = DataBytes(*batch);
    int64_t keys = 0;
    for (const SortKey& key : options_.keys) keys += DataBytes(*batch->column(key.column));
    starts_.push_back(buffered_rows_);
    buffered_rows_ += batch->num_rows();
    data_bytes_ += data;
    charged_bytes_ += data + keys + batch->num_rows() * kSortBytesPerRow;
    stats_.rows += batch->num_rows();
    buffer_.push_back(std::move(batch));
    if (charged_bytes_ >= options_.memory_budget_bytes) {
      RETURN_NOT_OK(SpillBuffer());
    }
  }
  input_.reset();  // Frees the reader's buffers before the merge.
  if (runs_.empty()) {
    ASSIGN_OR_RETURN(order_, SortBuffer());
    return Status::OK();
  }
  if (!buffer_.empty()) {
    RETURN_NOT_OK(SpillBuffer());
  }
  RETURN_NOT_OK(MergeDown());
  ASSIGN_OR_RETURN(merger_, RunMerger::Open(fs_, schema_, runs_, options_.keys, options_.batch_rows,
                                            options_.pool));
  return Status::OK();
}

Result<std::vector<int64_t>> ExternalSorter::SortBuffer() const {
  if (buffer_.empty()) return std::vector<int64_t>();
  if (buffer_.size() == 1) return SortIndices(*buffer_[0], options_.keys);
  // Only the key columns are concatenated: the other columns are gathered
  // straight from the buffered batches.
  std::vector<Field> fields;
  std::vector<VectorPtr> columns;
  std::vector<SortKey> keys;
  std::vector<VectorPtr> parts(buffer_.size());
  for (const SortKey& key : options_.keys) {
    for (size_t b = 0; b < buffer_.size(); ++b) parts[b] = buffer_[b]->column(key.column);
    ASSIGN_OR_RETURN(VectorPtr column, Concatenate(parts));
    fields.push_back(schema_->field(key.column));
    columns.push_back(std::move(column));
    keys.push_back({static_cast<int>(keys.size()), key.descending, key.nulls_first});
  }
  ASSIGN_OR_RETURN(RecordBatchPtr key_batch, RecordBatch::Make(MakeSchema(std::move(fields)),
                                                               std::move(columns), buffered_rows_));
  return SortIndices(*key_batch, keys);
}

Result<RecordBatchPtr> ExternalSorter::TakeSorted(const std::vector<int64_t>& order, int64_t begin,
                                                  int64_t end) const {
  std::vector<BatchRow> rows;
  rows.reserve(static_cast<size_t>(end - begin));
  for (int64_t k = begin; k < end; ++k) {
    const int64_t row = order[static_cast<size_t>(k)];
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), row) - 1;
    rows.push_back({static_cast<int32_t>(it - starts_.begin()), row - *it});
  }
  return TakeFromBatches(buffer_, rows);
}

Result<RecordBatchPtr> ExternalSorter::NextInMemory() {
  const auto total = static_cast<int64_t>(order_.size());
  if (emitted_ == total) {
    ClearBuffer();
    return RecordBatchPtr();
  }
  const int64_t end = std::min(total, emitted_ + options_.batch_rows);
  ASSIGN_OR_RETURN(RecordBatchPtr batch, TakeSorted(order_, emitted_, end));
  emitted_ = end;
  return batch;
}

// Runs are read back `merge_width_` at a time, one row group each, so
// their row groups are sized for that many to fit the budget together.
void ExternalSorter::ChooseRunLayout() {
  const int64_t budget = options_.memory_budget_bytes;
  const int64_t row_bytes =
      std::max<int64_t>(1, data_bytes_ / std::max<int64_t>(1, buffered_rows_));
  merge_width_ = static_cast<int>(
      std::clamp<int64_t>(budget / (kMinRunBatchRows * row_bytes), 2, options_.max_merge_width));
  run_batch_rows_ = std::clamp<int64_t>(budget / merge_width_ / row_bytes, kMinRunBatchRows,
                                        std::max(kMinRunBatchRows, options_.batch_rows));
}

Result<std::unique_ptr<parquet::ParquetWriter>> ExternalSorter::OpenRun(
    const std::string& path) const {
  // Written once and read once by us: nothing but the values.
  parquet::WriterOptions options;
  options.column.codec = parquet::CompressionCodec::kUncompressed;
  options.column.encoding = parquet::Encoding::kPlain;
  options.column.write_statistics = false;
  options.column.write_page_index = false;
  options.column.write_checksums = false;
  options.column.page_rows = run_batch_rows_;
  options.row_group_rows = run_batch_rows_;
  options.pool = options_.pool;
  return parquet::ParquetWriter::Open(fs_, path, schema_, std::move(options));
}

Status ExternalSorter::SpillBuffer() {
  RETURN_NOT_OK(EnsureTempDir());
  if (run_batch_rows_ == 0) ChooseRunLayout();
  ASSIGN_OR_RETURN(std::vector<int64_t> order, SortBuffer());
  const std::string path = NextRunPath();
  ASSIGN_OR_RETURN(auto writer, OpenRun(path));
  for (int64_t begin = 0; begin < buffered_rows_; begin += run_batch_rows_) {
    ASSIGN_OR_RETURN(RecordBatchPtr batch,
                     TakeSorted(order, begin, std::min(buffered_rows_, begin + run_batch_rows_)));
    RETURN_NOT_OK(writer->Write(*batch));
  }
  RETURN_NOT_OK(writer->Close());
  stats_.spilled_bytes += writer->FileBytes();
  ++stats_.runs;
  runs_.push_back(path);
  ClearBuffer();
  return Status::OK();
}

Status ExternalSorter::MergeDown() {
  while (static_cast<int64_t>(runs_.size()) > merge_width_) {
    std::vector<std::string> merged;
    const auto width = static_cast<size_t>(merge_width_);
    for (size_t first = 0; first < runs_.size(); first += width) {
      const size_t last = std::min(runs_.size(), first + width);
      std::vector<std::string> group(runs_.begin() + static_cast<std::ptrdiff_t>(first),
                                     runs_.begin() + static_cast<std::ptrdiff_t>(last));
      if (group.size() == 1) {
        merged.push_back(std::move(group[0]));
        continue;
      }
      merged.push_back(NextRunPath());
      RETURN_NOT_OK(MergeInto(group, merged.back()));
    }
    runs_ = std::move(merged);
    ++stats_.merge_passes;
  }
  return Status::OK();
}

// Groups hold consecutive runs and the merged run takes their place, so
// the runs stay in input order and the merge stays stable.
Status ExternalSorter::MergeInto(const std::vector<std::string>& runs, const std::string& path) {
  ASSIGN_OR_RETURN(auto writer, OpenRun(path));
  {
    ASSIGN_OR_RETURN(auto merger, RunMerger::Open(fs_, schema_, runs, options_.keys,
                                                  run_batch_rows_, options_.pool));
    for (;;) {
      ASSIGN_OR_RETURN(RecordBatchPtr batch, merger->Next());
      if (batch == nullptr) break;
      RETURN_NOT_OK(writer->Write(*batch));
    }
  }
  RETURN_NOT_OK(writer->Close());
  stats_.spilled_bytes += writer->FileBytes();
  for (const std::string& run : runs) RETURN_NOT_OK(fs_->DeleteFile(run));
  return Status::OK();
}

Status ExternalSorter::EnsureTempDir() {
  if (temp_dir_created_) return Status::OK();
  Result<FileInfo> info = fs_->GetFileInfo(options_.temp_dir);
  if (info.ok()) {
    return Status::AlreadyExists("sort spill directory {} already exists", options_.temp_dir);
  }
  if (!info.status().IsNotFound()) return info.status();
  RETURN_NOT_OK(fs_->CreateDir(options_.temp_dir, /*recursive=*/true));
  temp_dir_created_ = true;
  return Status::OK();
}

void ExternalSorter::RemoveTempDir() {
  merger_.reset();  // Closes the runs first.
  if (!temp_dir_created_) return;
  (void)fs_->DeleteDir(options_.temp_dir, /*recursive=*/true);  // Best effort.
  temp_dir_created_ = false;
  runs_.clear();
}

std::string ExternalSorter::NextRunPath() {
  return fmt::format("{}/run-{:06}.parquet", options_.temp_dir, next_run_++);
}

void ExternalSorter::ClearBuffer() {
  buffer_.clear();
  starts_.clear();
  order_.clear();
  buffered_rows_ = 0;
  charged_bytes_ = 0;
  data_bytes_ = 0;
}

}  // namespace strata::dataset
