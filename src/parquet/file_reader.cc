#include "parquet/file_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <deque>
#include <string_view>
#include <utility>

#include "columnar/compute.h"
#include "parquet/assemble.h"
#include "parquet/column_reader.h"
#include "parquet/encoding/bit_util.h"
#include "parquet/page_filter.h"
#include "parquet/predicate.h"
#include "parquet/row_group_filter.h"
#include "parquet/schema_read.h"

namespace strata::parquet {
namespace {

constexpr int64_t kFooterTailBytes = int64_t{64} << 10;
constexpr int64_t kMinFileBytes = 12;  // "PAR1" + footer length + "PAR1".
// PARQUET-816: parquet-mr before 1.2.9 left the dictionary page header out
// of total_compressed_size. Arrow reads this much more for such files.
constexpr int64_t kOldParquetMrSlack = 100;

bool HasMagic(std::span<const uint8_t> bytes, std::string_view magic) {
  return bytes.size() >= 4 && std::memcmp(bytes.data(), magic.data(), 4) == 0;
}

// True for parquet-mr versions before 1.2.9, or one whose version is
// unreadable: the slack is harmless, a short read is not.
bool NeedsChunkSlack(const std::optional<std::string>& created_by) {
  constexpr std::string_view kPrefix = "parquet-mr version ";
  if (!created_by || !created_by->starts_with(kPrefix)) return false;
  std::array<int, 3> version = {0, 0, 0};
  const char* p = created_by->data() + kPrefix.size();
  const char* end = created_by->data() + created_by->size();
  for (size_t i = 0; i < version.size(); ++i) {
    const auto [next, error] = std::from_chars(p, end, version[i]);
    if (error != std::errc()) return true;
    p = next;
    if (i + 1 < version.size() && (p == end || *p++ != '.')) return true;
  }
  return version < std::array<int, 3>{1, 2, 9};
}

}  // namespace

struct ParquetReader::State {
  std::string path;
  std::unique_ptr<RandomAccessFile> file;
  int64_t file_size = 0;
  FileMetaData metadata;
  InterpretedSchema schema;
  std::vector<int> field_leaf;  // The leaf of each flat field, else -1.
  // The leaves [first, end) of each field.
  std::vector<std::pair<int, int>> field_leaves;
  int64_t num_rows = 0;
  int64_t chunk_slack = 0;
  bool verify_checksums = true;
  ThreadPool* pool = nullptr;
};

namespace {

using State = ParquetReader::State;

// The footer's bytes: from the tail read when it holds them, else with the
// part before it read separately.
Result<std::unique_ptr<Buffer>> ReadFooterBytes(State* state) {
  RandomAccessFile* file = state->file.get();
  const int64_t size = state->file_size;
  const int64_t tail_size = std::min(size, kFooterTailBytes);
  ASSIGN_OR_RETURN(std::unique_ptr<Buffer> tail, file->ReadAt(size - tail_size, tail_size));
  const std::span<const uint8_t> end = tail->span().last(8);
  if (HasMagic(end.subspan(4), "PARE")) {
    return Status::NotImplemented("encrypted Parquet files are not supported");
  }
  if (!HasMagic(end.subspan(4), "PAR1")) {
    return Status::Corruption("not a Parquet file: no \"PAR1\" at its end");
  }
  const auto footer_size = static_cast<int64_t>(LoadLittleEndian<uint32_t>(end.data()));
  if (footer_size > size - kMinFileBytes) {
    return Status::Corruption("the footer length {} exceeds the file ({} bytes)", footer_size,
                              size);
  }
  std::array<uint8_t, 4> leading{};
  if (size > tail_size) {
    RETURN_NOT_OK(file->ReadAt(0, 4, leading.data()));
  } else {
    std::memcpy(leading.data(), tail->data(), leading.size());
  }
  if (!HasMagic(leading, "PAR1")) {
    return Status::Corruption("not a Parquet file: no \"PAR1\" at its start");
  }
  const int64_t in_tail = tail_size - 8;
  if (footer_size <= in_tail) {
    return Buffer::CopyOf(tail->span().subspan(static_cast<size_t>(in_tail - footer_size),
                                               static_cast<size_t>(footer_size)));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<Buffer> footer,
                   file->ReadAt(size - 8 - footer_size, footer_size - in_tail));
  RETURN_NOT_OK(footer->Append(tail->span().first(static_cast<size_t>(in_tail))));
  return footer;
}

// The checks that let reads trust the row groups' shape.
Status CheckRowGroups(State* state) {
  const size_t num_leaves = state->schema.schema.leaves.size();
  int64_t total = 0;
  for (size_t i = 0; i < state->metadata.row_groups.size(); ++i) {
    const RowGroup& group = state->metadata.row_groups[i];
    if (group.columns.size() != num_leaves) {
      return Status::Corruption("row group {} has {} column chunks but the schema {} leaves", i,
                                group.columns.size(), num_leaves);
    }
    if (group.num_rows < 0 || group.num_rows > INT64_MAX - total) {
      return Status::Corruption("row group {} has {} rows", i, group.num_rows);
    }
    total += group.num_rows;
  }
  state->num_rows = total;
  return Status::OK();
}

Status LoadFooter(State* state) {
  ASSIGN_OR_RETURN(std::unique_ptr<Buffer> footer, ReadFooterBytes(state));
  Result<FileMetaData> metadata = ReadFileMetaData(footer->span());
  if (!metadata.ok()) return metadata.status().WithContext("footer");
  state->metadata = std::move(metadata).value();
  if (state->metadata.has_encryption_algorithm) {
    return Status::NotImplemented("encrypted Parquet files are not supported");
  }
  ASSIGN_OR_RETURN(state->schema, InterpretParquetSchema(state->metadata.schema));
  const ParquetSchema& schema = state->schema.schema;
  const auto num_fields = static_cast<size_t>(schema.schema->num_fields());
  state->field_leaf.assign(num_fields, -1);
  state->field_leaves.assign(num_fields, {0, 0});
  for (size_t i = schema.leaves.size(); i-- > 0;) {
    const auto field = static_cast<size_t>(schema.leaves[i].field_index);
    auto& [first, end] = state->field_leaves[field];
    if (end == 0) end = static_cast<int>(i) + 1;
    first = static_cast<int>(i);
  }
  for (size_t field = 0; field < num_fields; ++field) {
    const LevelNode& layout = state->schema.layouts[field];
    if (state->schema.field_status[field].ok() && layout.kind == LevelNode::Kind::kLeaf) {
      state->field_leaf[field] = layout.leaf;
    }
  }
  state->chunk_slack = NeedsChunkSlack(state->metadata.created_by) ? kOldParquetMrSlack : 0;
  return CheckRowGroups(state);
}

Status CheckColumns(const State& state, const std::vector<int>& columns) {
  const int num_fields = state.schema.schema.schema->num_fields();
  for (int column : columns) {
    if (column < 0 || column >= num_fields) {
      return Status::Invalid("file {}: column index {} is out of range (the file has {} columns)",
                             state.path, column, num_fields);
    }
    const Status& status = state.schema.field_status[static_cast<size_t>(column)];
    if (!status.ok()) return status.WithContext(fmt::format("file {}", state.path));
  }
  return Status::OK();
}

Status CheckRowGroup(const State& state, int row_group) {
  const auto count = static_cast<int>(state.metadata.row_groups.size());
  if (row_group < 0 || row_group >= count) {
    return Status::Invalid("file {}: row group {} does not exist (the file has {})", state.path,
                           row_group, count);
  }
  return Status::OK();
}

// Pruned layouts per column (null: the whole column); empty: none pruned.
using PrunedLayouts = std::vector<std::shared_ptr<const LevelNode>>;

// The fields of `columns`, with the pruned types of those `pruned` has.
SchemaPtr ProjectSchema(const State& state, const std::vector<int>& columns,
                        const PrunedLayouts& pruned = {}) {
  std::vector<Field> fields;
  fields.reserve(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    fields.push_back(state.schema.schema.schema->field(columns[i]));
    if (i < pruned.size() && pruned[i] != nullptr) fields.back().type = pruned[i]->type;
  }
  return MakeSchema(std::move(fields));
}

// A predicate on a column the scan also prunes sees the pruned column: the
// members it compares must have been kept.
Status CheckPrunedPredicate(const State& state, const ScanOptions& options,
                            const PrunedLayouts& pruned) {
  for (const BoundComparison& c : options.predicate->conjuncts) {
    for (size_t i = 0; i < pruned.size(); ++i) {
      if (pruned[i] == nullptr || options.columns[i] != c.field_index) continue;
      const DataType* type = pruned[i]->type.get();
      for (const std::string& member : c.members) {
        int k = 0;
        while (k < type->num_fields() && type->field(k).name != member) ++k;
        if (k == type->num_fields()) {
          return Status::Invalid(
              "file {}: the predicate on '{}' needs a member the column projection leaves out; "
              "project it too",
              state.path, c.column);
        }
        type = type->field(k).type.get();
      }
    }
  }
  return Status::OK();
}

Result<PrunedLayouts> PruneColumns(const State& state, const ScanOptions& options) {
  PrunedLayouts pruned;
  if (options.subfields.empty()) return pruned;
  if (options.subfields.size() != options.columns.size()) {
    return Status::Invalid("scan of {}: {} subfield lists for {} columns", state.path,
                           options.subfields.size(), options.columns.size());
  }
  for (size_t i = 0; i < options.columns.size(); ++i) {
    const std::vector<std::string>& paths = options.subfields[i];
    const auto column = static_cast<size_t>(options.columns[i]);
    if (paths.empty()) {
      pruned.emplace_back();
      continue;
    }
    if (state.field_leaf[column] >= 0) {
      return Status::Invalid("file {}: column '{}' is not nested: it has no '{}'", state.path,
                             state.schema.layouts[column].name, paths.front());
    }
    Result<LevelNode> layout = PruneLayout(state.schema.layouts[column], paths);
    if (!layout.ok()) return layout.status().WithContext(fmt::format("file {}", state.path));
    pruned.push_back(std::make_shared<const LevelNode>(std::move(layout).value()));
  }
  return pruned;
}

// Where chunk `leaf_index` of a row group lies, and how to decode it.
struct ChunkLocation {
  ByteRange range;
  ColumnChunkSpec spec;
};

Result<ChunkLocation> LocateChunk(const State& state, int row_group, size_t leaf_index) {
  const RowGroup& group = state.metadata.row_groups[static_cast<size_t>(row_group)];
  const LeafColumn& leaf = state.schema.schema.leaves[leaf_index];
  const ColumnChunk& chunk = group.columns[leaf_index];
  const std::string where =
      fmt::format("file {}, row group {}, column '{}'", state.path, row_group, LeafName(leaf));
  if (chunk.has_crypto_metadata || chunk.encrypted_column_metadata) {
    return Status::NotImplemented("{}: encrypted Parquet files are not supported", where);
  }
  if (chunk.file_path) {
    return Status::NotImplemented("{}: column chunks in other files ('{}') are not supported",
                                  where, *chunk.file_path);
  }
  if (!chunk.meta_data) return Status::Corruption("{}: the column chunk has no metadata", where);
  Result<ByteRange> range = ColumnChunkRange(*chunk.meta_data, state.file_size, state.chunk_slack);
  if (!range.ok()) return range.status().WithContext(where);
  return ChunkLocation{.range = *range,
                       .spec = {.leaf = &leaf,
                                .metadata = &*chunk.meta_data,
                                .num_rows = group.num_rows,
                                .verify_checksums = state.verify_checksums,
                                .file_path = state.path,
                                .row_group = row_group}};
}

// Reads the leaves of nested field `column` that `layout` (the field's, or
// a pruned one) uses and assembles its values. The page index is not used:
// pages of repeated leaves need not start rows.
Result<VectorPtr> ReadNestedField(const State& state, int row_group, int column,
                                  const std::vector<RowRange>* rows, const LevelNode* pruned) {
  const int first = state.field_leaves[static_cast<size_t>(column)].first;
  const int end = state.field_leaves[static_cast<size_t>(column)].second;
  const LevelNode& layout =
      pruned != nullptr ? *pruned : state.schema.layouts[static_cast<size_t>(column)];
  std::vector<LeveledChunk> chunks(static_cast<size_t>(end - first));
  for (int leaf : LeavesOf(layout)) {
    ASSIGN_OR_RETURN(ChunkLocation location,
                     LocateChunk(state, row_group, static_cast<size_t>(leaf)));
    ASSIGN_OR_RETURN(chunks[static_cast<size_t>(leaf - first)],
                     ReadLeveledChunk(state.file.get(), location.range, location.spec));
  }
  const int64_t num_rows = state.metadata.row_groups[static_cast<size_t>(row_group)].num_rows;
  Result<VectorPtr> field = AssembleField(layout, chunks, first, num_rows);
  if (!field.ok()) {
    return field.status().WithContext(
        fmt::format("file {}, row group {}, column '{}'", state.path, row_group, layout.name));
  }
  if (rows == nullptr || CountRows(*rows) == num_rows) return field;
  return KeepRows(std::move(field).value(), *rows);
}

// Reads one column chunk, or only the pages holding `rows` when given; a
// nested column as laid out by `pruned` when set.
Result<VectorPtr> ReadChunk(const State& state, int row_group, int column,
                            const std::vector<RowRange>* rows, const LevelNode* pruned) {
  const int leaf_index = state.field_leaf[static_cast<size_t>(column)];
  if (leaf_index < 0) return ReadNestedField(state, row_group, column, rows, pruned);
  ASSIGN_OR_RETURN(ChunkLocation location,
                   LocateChunk(state, row_group, static_cast<size_t>(leaf_index)));
  const RowGroup& group = state.metadata.row_groups[static_cast<size_t>(row_group)];
  if (rows == nullptr || CountRows(*rows) == group.num_rows) {
    return ReadColumnChunk(state.file.get(), location.range, location.spec);
  }
  // An unreadable offset index only costs the pruning: the whole chunk is read.
  const ColumnChunk& chunk = group.columns[static_cast<size_t>(leaf_index)];
  Result<std::optional<OffsetIndex>> offsets = ReadOffsetIndexOf(state.file.get(), chunk);
  const OffsetIndex* usable = offsets.ok() && *offsets ? &**offsets : nullptr;
  return ReadColumnChunkRows(state.file.get(), location.range, location.spec, usable, *rows);
}

Result<std::vector<VectorPtr>> ReadChunks(const State& state, int row_group,
                                          const std::vector<int>& columns,
                                          const std::vector<RowRange>* rows,
                                          const PrunedLayouts& pruned = {}) {
  std::vector<VectorPtr> vectors(columns.size());
  const auto read = [&](int64_t i) -> Status {
    const auto k = static_cast<size_t>(i);
    const LevelNode* layout = k < pruned.size() ? pruned[k].get() : nullptr;
    ASSIGN_OR_RETURN(vectors[k], ReadChunk(state, row_group, columns[k], rows, layout));
    return Status::OK();
  };
  if (columns.size() == 1) {
    RETURN_NOT_OK(read(0));
  } else {
    RETURN_NOT_OK(ParallelFor(state.pool, static_cast<int64_t>(columns.size()), read));
  }
  return vectors;
}

Result<RecordBatchPtr> ReadRowGroupOf(const State& state, int row_group,
                                      const std::vector<int>& columns, const SchemaPtr& schema,
                                      const PrunedLayouts& pruned = {}) {
  ASSIGN_OR_RETURN(std::vector<VectorPtr> vectors,
                   ReadChunks(state, row_group, columns, nullptr, pruned));
  const int64_t num_rows = state.metadata.row_groups[static_cast<size_t>(row_group)].num_rows;
  return RecordBatch::Make(schema, std::move(vectors), num_rows);
}

// What a scan reads of each row group. With a predicate, `read_columns`
// holds the output columns first, then those only the predicate needs.
struct ScanPlan {
  std::vector<int> read_columns;
  SchemaPtr read_schema;
  SchemaPtr output_schema;
  std::shared_ptr<const BoundPredicate> predicate;  // Null: every row.
  PrunedLayouts pruned;                             // Of the output columns, when any is pruned.
};

// The rows of a row group that match the plan's predicate, reading only
// the pages the page index cannot rule out; null when no row can match.
Result<RecordBatchPtr> ReadMatchingRows(const State& state, int row_group, const ScanPlan& plan) {
  const RowGroup& group = state.metadata.row_groups[static_cast<size_t>(row_group)];
  const std::vector<ColumnOrder>* orders =
      state.metadata.column_orders ? &*state.metadata.column_orders : nullptr;
  const std::vector<RowRange> rows =
      SelectRows(state.file.get(), state.schema.schema.leaves, group, *plan.predicate, orders);
  if (rows.empty()) return RecordBatchPtr();
  ASSIGN_OR_RETURN(std::vector<VectorPtr> vectors,
                   ReadChunks(state, row_group, plan.read_columns, &rows, plan.pruned));
  ASSIGN_OR_RETURN(RecordBatchPtr batch,
                   RecordBatch::Make(plan.read_schema, std::move(vectors), CountRows(rows)));
  ASSIGN_OR_RETURN(std::vector<uint8_t> selection, Evaluate(*plan.predicate, *batch));
  ASSIGN_OR_RETURN(batch, FilterBatch(batch, selection));
  if (batch->num_rows() == 0) return RecordBatchPtr();
  const int num_output = plan.output_schema->num_fields();
  if (num_output == batch->num_columns()) return batch;
  std::vector<VectorPtr> columns;
  for (int i = 0; i < num_output; ++i) columns.push_back(batch->column(i));
  return RecordBatch::Make(plan.output_schema, std::move(columns), batch->num_rows());
}

Result<RecordBatchPtr> ReadPlanned(const State& state, int row_group, const ScanPlan& plan) {
  if (plan.predicate != nullptr) return ReadMatchingRows(state, row_group, plan);
  return ReadRowGroupOf(state, row_group, plan.read_columns, plan.output_schema, plan.pruned);
}

// Scan: row groups are decoded by tasks on the pool, at most `read_ahead`
// ahead of the consumer. Waiting goes through each row group's TaskGroup,
// whose Wait() runs queued tasks when called on a pool worker, so a
// consumer on the pool cannot deadlock it.
class ScanReader final : public RecordBatchReader {
 public:
  ScanReader(std::shared_ptr<const State> state, const ScanOptions& options, ScanPlan plan,
             std::vector<int> row_groups)
      : state_(std::move(state)),
        plan_(std::make_shared<const ScanPlan>(std::move(plan))),
        row_groups_(std::move(row_groups)),
        batch_rows_(options.batch_rows),
        read_ahead_(options.read_ahead > 0 ? options.read_ahead : state_->pool->num_threads()) {}

  // The TaskGroups wait for their tasks as in_flight_ is destroyed.
  ~ScanReader() override = default;

  const SchemaPtr& schema() const override { return plan_->output_schema; }

  Result<RecordBatchPtr> Next() override {
    RETURN_NOT_OK(error_);
    while (current_ == nullptr || offset_ >= current_->num_rows()) {
      current_ = nullptr;
      offset_ = 0;
      Submit();
      if (in_flight_.empty()) return RecordBatchPtr();
      Status status = in_flight_.front().group->Wait();
      if (!status.ok()) {
        error_ = status;
        return status;
      }
      current_ = std::move(*in_flight_.front().batch);
      in_flight_.pop_front();
      Submit();
    }
    const int64_t length = std::min(batch_rows_, current_->num_rows() - offset_);
    RecordBatchPtr batch = offset_ == 0 && length == current_->num_rows()
                               ? current_
                               : current_->Slice(offset_, length);
    offset_ += length;
    return batch;
  }

 private:
  struct InFlight {
    std::unique_ptr<TaskGroup> group;
    std::shared_ptr<RecordBatchPtr> batch;
  };

  void Submit() {
    while (next_ < row_groups_.size() && static_cast<int>(in_flight_.size()) < read_ahead_) {
      InFlight task{std::make_unique<TaskGroup>(state_->pool), std::make_shared<RecordBatchPtr>()};
      task.group->Spawn([state = state_, row_group = row_groups_[next_], plan = plan_,
                         out = task.batch]() -> Status {
        ASSIGN_OR_RETURN(*out, ReadPlanned(*state, row_group, *plan));
        return Status::OK();
      });
      in_flight_.push_back(std::move(task));
      ++next_;
    }
  }

  std::shared_ptr<const State> state_;
  const std::shared_ptr<const ScanPlan> plan_;
  const std::vector<int> row_groups_;
  const int64_t batch_rows_;
  const int read_ahead_;
  std::deque<InFlight> in_flight_;
  size_t next_ = 0;  // Index in row_groups_ of the next row group to submit.
  RecordBatchPtr current_;
  int64_t offset_ = 0;  // Rows of current_ handed out.
  Status error_;
};

}  // namespace

Result<std::unique_ptr<ParquetReader>> ParquetReader::Open(FileSystem* fs, const std::string& path,
                                                           ReaderOptions options) {
  auto state = std::make_shared<State>();
  state->path = path;
  state->verify_checksums = options.verify_checksums;
  state->pool = options.pool != nullptr ? options.pool : ThreadPool::Default();
  ASSIGN_OR_RETURN(state->file, fs->OpenForRead(path));
  ASSIGN_OR_RETURN(state->file_size, state->file->Size());
  if (state->file_size < kMinFileBytes) {
    return Status::Corruption("file {}: {} bytes are too few for a Parquet file", path,
                              state->file_size);
  }
  RETURN_NOT_OK_CTX(LoadFooter(state.get()), fmt::format("file {}", path));
  // Private constructor.
  return std::unique_ptr<ParquetReader>(new ParquetReader(std::move(state)));
}

ParquetReader::~ParquetReader() = default;

const std::string& ParquetReader::path() const { return state_->path; }
const FileMetaData& ParquetReader::metadata() const { return state_->metadata; }
const ParquetSchema& ParquetReader::parquet_schema() const { return state_->schema.schema; }
const SchemaPtr& ParquetReader::schema() const { return state_->schema.schema.schema; }
const Status& ParquetReader::field_status(int i) const {
  return state_->schema.field_status[static_cast<size_t>(i)];
}
int ParquetReader::num_row_groups() const {
  return static_cast<int>(state_->metadata.row_groups.size());
}
int64_t ParquetReader::num_rows() const { return state_->num_rows; }

std::vector<int> ParquetReader::AllColumns() const {
  std::vector<int> columns(static_cast<size_t>(schema()->num_fields()));
  for (size_t i = 0; i < columns.size(); ++i) columns[i] = static_cast<int>(i);
  return columns;
}

Result<RecordBatchPtr> ParquetReader::ReadRowGroup(int row_group,
                                                   const std::vector<int>& columns) const {
  RETURN_NOT_OK(CheckRowGroup(*state_, row_group));
  RETURN_NOT_OK(CheckColumns(*state_, columns));
  return ReadRowGroupOf(*state_, row_group, columns, ProjectSchema(*state_, columns));
}

Result<std::vector<RecordBatchPtr>> ParquetReader::ReadAll(const std::vector<int>& columns) const {
  RETURN_NOT_OK(CheckColumns(*state_, columns));
  const SchemaPtr schema = ProjectSchema(*state_, columns);
  std::vector<RecordBatchPtr> batches(static_cast<size_t>(num_row_groups()));
  RETURN_NOT_OK(ParallelFor(state_->pool, num_row_groups(), [&](int64_t i) -> Status {
    ASSIGN_OR_RETURN(batches[static_cast<size_t>(i)],
                     ReadRowGroupOf(*state_, static_cast<int>(i), columns, schema));
    return Status::OK();
  }));
  return batches;
}

Result<std::unique_ptr<RecordBatchReader>> ParquetReader::Scan(ScanOptions options) const {
  RETURN_NOT_OK(CheckColumns(*state_, options.columns));
  if (options.batch_rows <= 0) {
    return Status::Invalid("scan of {}: batch_rows must be positive, not {}", state_->path,
                           options.batch_rows);
  }
  std::vector<int> row_groups;
  if (options.row_groups) {
    row_groups = *options.row_groups;
    for (int row_group : row_groups) RETURN_NOT_OK(CheckRowGroup(*state_, row_group));
  } else {
    for (int i = 0; i < num_row_groups(); ++i) row_groups.push_back(i);
  }
  ScanPlan plan{.read_columns = options.columns, .predicate = options.predicate};
  ASSIGN_OR_RETURN(plan.pruned, PruneColumns(*state_, options));
  plan.output_schema = ProjectSchema(*state_, options.columns, plan.pruned);
  if (plan.predicate != nullptr) {
    RETURN_NOT_OK(CheckPrunedPredicate(*state_, options, plan.pruned));
    for (const BoundComparison& c : plan.predicate->conjuncts) {
      if (std::find(plan.read_columns.begin(), plan.read_columns.end(), c.field_index) ==
          plan.read_columns.end()) {
        plan.read_columns.push_back(c.field_index);
      }
    }
    RETURN_NOT_OK(CheckColumns(*state_, plan.read_columns));
    ASSIGN_OR_RETURN(row_groups, SelectRowGroups(state_->file.get(), state_->metadata,
                                                 parquet_schema(), *plan.predicate, row_groups));
  }
  plan.read_schema = ProjectSchema(*state_, plan.read_columns, plan.pruned);
  return std::make_unique<ScanReader>(state_, options, std::move(plan), std::move(row_groups));
}

}  // namespace strata::parquet
