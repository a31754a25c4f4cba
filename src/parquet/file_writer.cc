#include "parquet/file_writer.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "common/version.h"
#include "parquet/codec/codec.h"
#include "parquet/shred.h"

namespace strata::parquet {
namespace {

constexpr std::string_view kMagic = "PAR1";

std::string DottedPath(const LeafColumn& leaf) {
  return fmt::format("{}", fmt::join(leaf.path, "."));
}

// The entry of `by_column` for a leaf: its dotted path wins over its
// top-level column, so one leaf of a struct or map can differ. nullptr when
// neither is there.
template <typename Value>
const Value* FindForLeaf(const std::map<std::string, Value>& by_column, const std::string& dotted,
                         const LeafColumn& leaf) {
  auto it = by_column.find(dotted);
  if (it == by_column.end()) it = by_column.find(leaf.path.front());
  return it == by_column.end() ? nullptr : &it->second;
}

// A leaf's options: the defaults with its own encoding and codec, if any.
ColumnWriterOptions OptionsFor(const WriterOptions& options, const LeafColumn& leaf) {
  const std::string dotted = DottedPath(leaf);
  ColumnWriterOptions column = options.column;
  if (const Encoding* encoding = FindForLeaf(options.column_encodings, dotted, leaf)) {
    column.encoding = *encoding;
  }
  if (const auto* codec = FindForLeaf(options.column_codecs, dotted, leaf)) {
    column.codec = codec->codec;
    column.compression_level = codec->level;
  }
  column.bloom_filter = options.bloom_filter_columns.count(dotted) > 0 ||
                        options.bloom_filter_columns.count(leaf.path.front()) > 0;
  return column;
}

bool NamesColumn(const ParquetSchema& schema, const std::string& name) {
  if (schema.schema->FieldIndex(name) >= 0) return true;
  for (const LeafColumn& leaf : schema.leaves) {
    if (leaf.path.size() > 1 && DottedPath(leaf) == name) return true;
  }
  return false;
}

Status CheckColumnNames(const WriterOptions& options, const ParquetSchema& schema) {
  for (const auto& [name, encoding] : options.column_encodings) {
    if (!NamesColumn(schema, name)) {
      return Status::Invalid("--encoding names unknown column '{}'", name);
    }
  }
  for (const auto& [name, codec] : options.column_codecs) {
    if (!NamesColumn(schema, name)) {
      return Status::Invalid("--compression names unknown column '{}'", name);
    }
    // Checked here, not when the leaves' writers are made, to name the column.
    Result<std::unique_ptr<Codec>> made = Codec::Make(codec.codec, codec.level);
    if (!made.ok()) return made.status().WithContext(fmt::format("codec of column '{}'", name));
  }
  for (const std::string& name : options.bloom_filter_columns) {
    if (!NamesColumn(schema, name)) {
      return Status::Invalid("bloom filter requested for unknown column '{}'", name);
    }
  }
  for (const SortingColumn& sorting : options.sorting_columns) {
    const auto leaf = static_cast<size_t>(sorting.column_idx);
    if (sorting.column_idx < 0 || leaf >= schema.leaves.size() ||
        schema.leaves[leaf].path.size() != 1) {
      return Status::Invalid("sorting column {} is not a flat top-level column of the schema",
                             sorting.column_idx);
    }
  }
  if (options.row_group_rows <= 0 || options.row_group_bytes <= 0) {
    return Status::Invalid("row group limits must be positive");
  }
  return Status::OK();
}

}  // namespace

struct ParquetWriter::LeafState {
  LeafShredPath path;
  std::string name;  // The leaf's path, dotted, for messages.
  LeafShredder shredder;
  ShreddedLeaf shredded;
};

struct ParquetWriter::PendingIndex {
  int row_group = 0;
  int column = 0;
  std::optional<ColumnIndex> column_index;
  std::optional<OffsetIndex> offset_index;
  std::unique_ptr<BloomFilter> bloom_filter;
};

Result<std::unique_ptr<ParquetWriter>> ParquetWriter::Open(FileSystem* fs, const std::string& path,
                                                           const SchemaPtr& schema,
                                                           WriterOptions options) {
  ASSIGN_OR_RETURN(ParquetSchema parquet_schema, ToParquetSchema(schema));
  RETURN_NOT_OK(CheckColumnNames(options, parquet_schema));
  auto writer = std::make_unique<ParquetWriter>(fs, path, TempPathBeside(path),
                                                std::move(parquet_schema), std::move(options));
  RETURN_NOT_OK(writer->Init());
  return writer;
}

ParquetWriter::ParquetWriter(FileSystem* fs, std::string path, std::string temp_path,
                             ParquetSchema schema, WriterOptions options)
    : fs_(fs),
      path_(std::move(path)),
      temp_path_(std::move(temp_path)),
      schema_(std::move(schema)),
      options_(std::move(options)),
      pool_(options_.pool != nullptr ? options_.pool : ThreadPool::Default()) {}

ParquetWriter::~ParquetWriter() {
  if (closed_ || file_ == nullptr) return;
  (void)file_->Close();               // Errors are moot: the file is dropped.
  (void)fs_->DeleteFile(temp_path_);  // Best effort; the name marks it temporary.
}

Status ParquetWriter::Init() {
  const Schema& schema = *schema_.schema;
  for (int i = 0; i < schema.num_fields(); ++i) {
    ASSIGN_OR_RETURN(std::vector<LeafShredPath> paths, ShredPaths(schema.field(i)));
    for (LeafShredPath& path : paths) {
      auto state = std::make_unique<LeafState>();
      state->path = std::move(path);
      leaf_states_.push_back(std::move(state));
    }
  }
  if (leaf_states_.size() != schema_.leaves.size()) {
    return Status::Internal("{} shredding paths for {} Parquet leaves", leaf_states_.size(),
                            schema_.leaves.size());
  }
  for (size_t i = 0; i < schema_.leaves.size(); ++i) {
    const LeafColumn& leaf = schema_.leaves[i];
    LeafState& state = *leaf_states_[i];
    state.name = DottedPath(leaf);
    if (state.path.max_definition_level != leaf.max_definition_level ||
        state.path.max_repetition_level != leaf.max_repetition_level) {
      return Status::Internal("column '{}': shredding and schema disagree on levels", state.name);
    }
    ColumnWriterOptions column = OptionsFor(options_, leaf);
    ASSIGN_OR_RETURN(auto writer, ColumnChunkWriter::Make(leaf, column));
    writers_.push_back(std::move(writer));
  }
  ASSIGN_OR_RETURN(file_, fs_->OpenForWrite(temp_path_, WriteMode::kFailIfExists));
  return file_->Append(kMagic);
}

Status ParquetWriter::Write(const RecordBatch& batch) {
  if (closed_) return Status::Invalid("write to closed Parquet writer for '{}'", path_);
  if (!batch.schema()->Equals(*schema_.schema)) {
    return Status::Invalid("batch schema\n{}\ndoes not match the file schema\n{}",
                           batch.schema()->ToString(), schema_.schema->ToString());
  }
  for (int64_t offset = 0; offset < batch.num_rows();) {
    // Row groups end exactly at row_group_rows.
    int64_t length = std::min(batch.num_rows() - offset, options_.row_group_rows - buffered_rows_);
    RETURN_NOT_OK(WriteSlice(batch, offset, length));
    offset += length;
    if (buffered_rows_ >= options_.row_group_rows || BufferedBytes() >= options_.row_group_bytes) {
      RETURN_NOT_OK(FlushRowGroup());
    }
  }
  return Status::OK();
}

Status ParquetWriter::WriteSlice(const RecordBatch& batch, int64_t offset, int64_t length) {
  RecordBatchPtr slice = batch.Slice(offset, length);
  RETURN_NOT_OK(ParallelFor(pool_, static_cast<int64_t>(writers_.size()), [&](int64_t i) {
    const auto leaf = static_cast<size_t>(i);
    return WriteLeaf(leaf, *slice)
        .WithContext(fmt::format("column '{}'", leaf_states_[leaf]->name));
  }));
  buffered_rows_ += length;
  num_rows_ += length;
  return Status::OK();
}

// Flat leaves go to the column writer as they are; nested ones are shredded
// here, in the leaf's own task, so shredding runs in parallel too.
Status ParquetWriter::WriteLeaf(size_t leaf, const RecordBatch& slice) {
  LeafState& state = *leaf_states_[leaf];
  const VectorPtr& column = slice.column(schema_.leaves[leaf].field_index);
  ColumnChunkWriter& writer = *writers_[leaf];
  if (state.path.flat()) {
    ASSIGN_OR_RETURN(const ColumnVector* values, FlatLeafVector(state.path, column));
    return writer.Write(*values);
  }
  RETURN_NOT_OK(state.shredder.Shred(state.path, column, &state.shredded));
  Status status = writer.WriteLevels(*state.shredded.values, state.shredded.def_levels,
                                     state.shredded.rep_levels);
  state.shredded.values.reset();  // Holds the batch's buffers otherwise.
  return status;
}

int64_t ParquetWriter::BufferedBytes() const {
  int64_t bytes = 0;
  for (const auto& writer : writers_) bytes += writer->buffered_bytes();
  return bytes;
}

int64_t ParquetWriter::FileBytes() const { return file_ == nullptr ? 0 : file_->Tell(); }

Status ParquetWriter::FlushRowGroup() {
  if (buffered_rows_ == 0) return Status::OK();
  std::vector<EncodedChunk> chunks(writers_.size());
  RETURN_NOT_OK(ParallelFor(pool_, static_cast<int64_t>(writers_.size()), [&](int64_t i) {
    ASSIGN_OR_RETURN(chunks[static_cast<size_t>(i)], writers_[static_cast<size_t>(i)]->Finish());
    return Status::OK();
  }));
  RowGroup row_group;
  row_group.num_rows = buffered_rows_;
  row_group.file_offset = file_->Tell();
  row_group.ordinal = static_cast<int16_t>(metadata_.row_groups.size());
  if (!options_.sorting_columns.empty()) row_group.sorting_columns = options_.sorting_columns;
  for (EncodedChunk& chunk : chunks) RETURN_NOT_OK(WriteChunk(std::move(chunk), &row_group));
  row_group.total_compressed_size = file_->Tell() - *row_group.file_offset;
  metadata_.row_groups.push_back(std::move(row_group));
  buffered_rows_ = 0;
  return Status::OK();
}

Status ParquetWriter::WriteChunk(EncodedChunk chunk, RowGroup* row_group) {
  const int64_t start = file_->Tell();
  RETURN_NOT_OK(file_->Append(chunk.data.span()));
  ColumnMetaData& meta = chunk.metadata;
  meta.data_page_offset += start;
  if (meta.dictionary_page_offset) *meta.dictionary_page_offset += start;
  if (chunk.offset_index) {
    for (PageLocation& page : chunk.offset_index->page_locations) page.offset += start;
  }
  row_group->total_byte_size += meta.total_uncompressed_size;
  ColumnChunk column;
  column.meta_data = std::move(meta);
  pending_.push_back(std::make_unique<PendingIndex>(
      PendingIndex{.row_group = static_cast<int>(metadata_.row_groups.size()),
                   .column = static_cast<int>(row_group->columns.size()),
                   .column_index = std::move(chunk.column_index),
                   .offset_index = std::move(chunk.offset_index),
                   .bloom_filter = std::move(chunk.bloom_filter)}));
  row_group->columns.push_back(std::move(column));
  return Status::OK();
}

// Bloom filters, then every ColumnIndex, then every OffsetIndex, as the
// page index spec lays them out: readers fetch each group in one read.
Status ParquetWriter::WriteIndexes() {
  Buffer bytes;
  auto chunk_of = [&](const PendingIndex& p) -> ColumnChunk& {
    return metadata_.row_groups[static_cast<size_t>(p.row_group)]
        .columns[static_cast<size_t>(p.column)];
  };
  for (const auto& p : pending_) {
    if (!p->bloom_filter) continue;
    bytes.Clear();
    BloomFilterHeader header{.num_bytes = static_cast<int32_t>(p->bloom_filter->num_bytes())};
    RETURN_NOT_OK(WriteBloomFilterHeader(header, &bytes));
    RETURN_NOT_OK(bytes.Append(p->bloom_filter->bitset()));
    chunk_of(*p).meta_data->bloom_filter_offset = file_->Tell();
    chunk_of(*p).meta_data->bloom_filter_length = static_cast<int32_t>(bytes.size());
    RETURN_NOT_OK(file_->Append(bytes.span()));
  }
  for (const auto& p : pending_) {
    if (!p->column_index) continue;
    bytes.Clear();
    RETURN_NOT_OK(WriteColumnIndex(*p->column_index, &bytes));
    chunk_of(*p).column_index_offset = file_->Tell();
    chunk_of(*p).column_index_length = static_cast<int32_t>(bytes.size());
    RETURN_NOT_OK(file_->Append(bytes.span()));
  }
  for (const auto& p : pending_) {
    if (!p->offset_index) continue;
    bytes.Clear();
    RETURN_NOT_OK(WriteOffsetIndex(*p->offset_index, &bytes));
    chunk_of(*p).offset_index_offset = file_->Tell();
    chunk_of(*p).offset_index_length = static_cast<int32_t>(bytes.size());
    RETURN_NOT_OK(file_->Append(bytes.span()));
  }
  pending_.clear();
  return Status::OK();
}

void ParquetWriter::AddKeyValueMetadata(std::string key, std::string value) {
  added_key_values_.emplace_back(std::move(key), std::move(value));
}

Status ParquetWriter::WriteFooter() {
  metadata_.version = 1;
  metadata_.schema = schema_.elements;
  metadata_.num_rows = num_rows_;
  metadata_.created_by = kCreatedBy;
  const KeyValueMetadata* const all[] = {&options_.key_value_metadata, &added_key_values_};
  for (const KeyValueMetadata* pairs : all) {
    for (const auto& [key, value] : *pairs) {
      if (!metadata_.key_value_metadata.has_value()) metadata_.key_value_metadata.emplace();
      metadata_.key_value_metadata->push_back(KeyValue{key, value});
    }
  }
  metadata_.column_orders =
      std::vector<ColumnOrder>(schema_.leaves.size(), ColumnOrder::kTypeOrder);
  Buffer footer;
  RETURN_NOT_OK(WriteFileMetaData(metadata_, &footer));
  const auto length = static_cast<uint32_t>(footer.size());
  uint8_t length_le[4] = {static_cast<uint8_t>(length), static_cast<uint8_t>(length >> 8),
                          static_cast<uint8_t>(length >> 16), static_cast<uint8_t>(length >> 24)};
  RETURN_NOT_OK(footer.Append(length_le, 4));
  RETURN_NOT_OK(footer.Append(kMagic));
  return file_->Append(footer.span());
}

Status ParquetWriter::Close() {
  if (closed_) return Status::OK();
  RETURN_NOT_OK(FlushRowGroup());
  RETURN_NOT_OK(WriteIndexes());
  RETURN_NOT_OK(WriteFooter());
  RETURN_NOT_OK(file_->Sync());
  RETURN_NOT_OK(file_->Close());
  RETURN_NOT_OK(fs_->Rename(temp_path_, path_));
  closed_ = true;
  return Status::OK();
}

}  // namespace strata::parquet
