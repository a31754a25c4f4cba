#include "columnar/compute.h"

#include <cstring>
#include <vector>

#include "columnar/bit_util.h"

namespace strata {
namespace {

// A run of rows of one source vector: rows[0, count) when `rows` is set,
// else the contiguous rows [begin, begin + count). Filter and Concatenate
// both reduce to gathering a list of pieces, and contiguous pieces let the
// fixed-width and binary paths copy with one memcpy.
struct Piece {
  const ColumnVector* vector;
  const int64_t* rows;
  int64_t begin;
  int64_t count;

  int64_t Row(int64_t j) const { return rows != nullptr ? rows[j] : begin + j; }
};

int64_t TotalRows(std::span<const Piece> pieces) {
  int64_t total = 0;
  for (const Piece& p : pieces) total += p.count;
  return total;
}

Result<std::unique_ptr<Buffer>> AllocateBytes(int64_t bytes) {
  return Buffer::Allocate(static_cast<size_t>(bytes));
}

// The validity bitmap of the gathered rows, or null when none is null.
Result<BufferPtr> GatherValidity(std::span<const Piece> pieces, int64_t length,
                                 int64_t* null_count) {
  *null_count = 0;
  bool any_nulls = false;
  for (const Piece& p : pieces) any_nulls |= p.count > 0 && p.vector->null_count() != 0;
  if (!any_nulls) return BufferPtr();
  ASSIGN_OR_RETURN(auto buffer, AllocateBytes(bit_util::BytesForBits(length)));
  uint8_t* bits = buffer->mutable_data();
  int64_t out = 0;
  for (const Piece& p : pieces) {
    const uint8_t* src = p.vector->validity();
    if (src == nullptr) {
      bit_util::SetBitsTo(bits, out, p.count, true);
      out += p.count;
      continue;
    }
    for (int64_t j = 0; j < p.count; ++j, ++out) {
      const bool valid = bit_util::GetBit(src, p.vector->offset() + p.Row(j));
      if (valid) bit_util::SetBit(bits, out);
      *null_count += valid ? 0 : 1;
    }
  }
  return BufferPtr(std::move(buffer));
}

template <typename T>
void CopyFixedRows(const Piece& p, uint8_t* out_bytes) {
  const T* src = p.vector->Values<T>();
  T* out = reinterpret_cast<T*>(out_bytes);
  if (p.rows == nullptr) {
    std::memcpy(out, src + p.begin, static_cast<size_t>(p.count) * sizeof(T));
    return;
  }
  for (int64_t j = 0; j < p.count; ++j) out[j] = src[p.rows[j]];
}

// Any width, for fixed_size_binary: one memcpy per row.
void CopyWideRows(const Piece& p, int64_t width, uint8_t* out) {
  const uint8_t* src = p.vector->buffer(1)->data() + p.vector->offset() * width;
  if (p.rows == nullptr) {
    std::memcpy(out, src + p.begin * width, static_cast<size_t>(p.count * width));
    return;
  }
  for (int64_t j = 0; j < p.count; ++j) {
    std::memcpy(out + j * width, src + p.rows[j] * width, static_cast<size_t>(width));
  }
}

struct Bytes16 {
  uint64_t lo;
  uint64_t hi;
};

void CopyPieceValues(const Piece& p, int64_t width, uint8_t* out) {
  switch (width) {
    case 1: return CopyFixedRows<uint8_t>(p, out);
    case 2: return CopyFixedRows<uint16_t>(p, out);
    case 4: return CopyFixedRows<uint32_t>(p, out);
    case 8: return CopyFixedRows<uint64_t>(p, out);
    case 16: return CopyFixedRows<Bytes16>(p, out);
    default: return CopyWideRows(p, width, out);
  }
}

Result<BufferPtr> GatherFixedValues(std::span<const Piece> pieces, int64_t length, int64_t width) {
  ASSIGN_OR_RETURN(auto buffer, AllocateBytes(length * width));
  uint8_t* out = buffer->mutable_data();
  for (const Piece& p : pieces) {
    if (p.count == 0) continue;
    CopyPieceValues(p, width, out);
    out += p.count * width;
  }
  return BufferPtr(std::move(buffer));
}

Result<BufferPtr> GatherBoolValues(std::span<const Piece> pieces, int64_t length) {
  ASSIGN_OR_RETURN(auto buffer, AllocateBytes(bit_util::BytesForBits(length)));
  uint8_t* bits = buffer->mutable_data();
  int64_t out = 0;
  for (const Piece& p : pieces) {
    for (int64_t j = 0; j < p.count; ++j, ++out) {
      if (p.vector->GetBool(p.Row(j))) bit_util::SetBit(bits, out);
    }
  }
  return BufferPtr(std::move(buffer));
}

// The child rows of `p` in a list or map: one piece per run of adjacent
// child ranges (a contiguous parent piece always gives one run).
void AppendChildPieces(const Piece& p, std::vector<Piece>* child_pieces) {
  const ColumnVector* child = p.vector->child(0).get();
  const int32_t* offsets = p.vector->Offsets();
  if (p.rows == nullptr) {
    const int64_t begin = offsets[p.begin];
    child_pieces->push_back({child, nullptr, begin, offsets[p.begin + p.count] - begin});
    return;
  }
  for (int64_t j = 0; j < p.count; ++j) {
    const int64_t begin = offsets[p.rows[j]];
    const int64_t end = offsets[p.rows[j] + 1];
    Piece* last = child_pieces->empty() ? nullptr : &child_pieces->back();
    if (last != nullptr && last->vector == child && last->begin + last->count == begin) {
      last->count += end - begin;
    } else if (end > begin) {
      child_pieces->push_back({child, nullptr, begin, end - begin});
    }
  }
}

// New int32 offsets for `length` gathered rows whose sizes come from each
// piece's source offsets.
Result<BufferPtr> GatherOffsets(std::span<const Piece> pieces, int64_t length, int64_t* total) {
  ASSIGN_OR_RETURN(auto buffer, AllocateBytes((length + 1) * 4));
  auto* out = buffer->mutable_data_as<int32_t>();
  int64_t running = 0;
  out[0] = 0;
  for (const Piece& p : pieces) {
    const int32_t* offsets = p.vector->Offsets();
    for (int64_t j = 0; j < p.count; ++j) {
      const int64_t row = p.Row(j);
      running += offsets[row + 1] - offsets[row];
      if (running > INT32_MAX) {
        return Status::ResourceExhausted("{} rows of {} exceed int32 offsets", length,
                                         p.vector->type()->ToString());
      }
      *++out = static_cast<int32_t>(running);
    }
  }
  *total = running;
  return BufferPtr(std::move(buffer));
}

void CopyBinaryPiece(const Piece& p, uint8_t* out) {
  const int32_t* offsets = p.vector->Offsets();
  const Buffer* data = p.vector->buffer(2);
  // No buffer, or one that never allocated: every value is empty (and
  // memcpy must not see a null source, even for zero bytes).
  if (data == nullptr || data->data() == nullptr) return;
  const uint8_t* src = data->data();
  if (p.rows == nullptr) {
    std::memcpy(out, src + offsets[p.begin],
                static_cast<size_t>(offsets[p.begin + p.count] - offsets[p.begin]));
    return;
  }
  for (int64_t j = 0; j < p.count; ++j) {
    const int64_t row = p.rows[j];
    const auto size = static_cast<size_t>(offsets[row + 1] - offsets[row]);
    std::memcpy(out, src + offsets[row], size);
    out += size;
  }
}

Status GatherBinary(std::span<const Piece> pieces, int64_t length, std::vector<BufferPtr>* out) {
  int64_t total = 0;
  ASSIGN_OR_RETURN(BufferPtr offsets, GatherOffsets(pieces, length, &total));
  ASSIGN_OR_RETURN(auto data, AllocateBytes(total));
  const auto* new_offsets = offsets->data_as<int32_t>();
  int64_t row = 0;
  for (const Piece& p : pieces) {
    // An empty data buffer may have no memory at all to copy into.
    if (total > 0) CopyBinaryPiece(p, data->mutable_data() + new_offsets[row]);
    row += p.count;
  }
  out->push_back(std::move(offsets));
  out->push_back(BufferPtr(std::move(data)));
  return Status::OK();
}

Result<VectorPtr> Gather(const TypePtr& type, std::span<const Piece> pieces);

Result<std::vector<VectorPtr>> GatherStructChildren(const DataType& type,
                                                    std::span<const Piece> pieces) {
  std::vector<VectorPtr> children;
  std::vector<Piece> child_pieces;
  for (const Piece& p : pieces) {
    if (p.count > 0) child_pieces.push_back(p);
  }
  for (int k = 0; k < type.num_fields(); ++k) {
    // Struct children are sliced with their parent, so row r of the parent
    // is row r of each child.
    size_t i = 0;
    for (const Piece& p : pieces) {
      if (p.count > 0) child_pieces[i++].vector = p.vector->child(k).get();
    }
    ASSIGN_OR_RETURN(VectorPtr child, Gather(type.field(k).type, child_pieces));
    children.push_back(std::move(child));
  }
  return children;
}

Status GatherList(const DataType& type, std::span<const Piece> pieces, int64_t length,
                  std::vector<BufferPtr>* buffers, std::vector<VectorPtr>* children) {
  int64_t total = 0;
  ASSIGN_OR_RETURN(BufferPtr offsets, GatherOffsets(pieces, length, &total));
  std::vector<Piece> child_pieces;
  for (const Piece& p : pieces) {
    if (p.count > 0) AppendChildPieces(p, &child_pieces);
  }
  ASSIGN_OR_RETURN(VectorPtr child, Gather(type.field(0).type, child_pieces));
  buffers->push_back(std::move(offsets));
  children->push_back(std::move(child));
  return Status::OK();
}

Result<VectorPtr> Gather(const TypePtr& type, std::span<const Piece> pieces) {
  const int64_t length = TotalRows(pieces);
  int64_t null_count = 0;
  ASSIGN_OR_RETURN(BufferPtr validity, GatherValidity(pieces, length, &null_count));
  std::vector<BufferPtr> buffers{std::move(validity)};
  std::vector<VectorPtr> children;
  if (type->id() == TypeId::kBool) {
    ASSIGN_OR_RETURN(BufferPtr values, GatherBoolValues(pieces, length));
    buffers.push_back(std::move(values));
  } else if (type->is_fixed_width()) {
    ASSIGN_OR_RETURN(BufferPtr values, GatherFixedValues(pieces, length, type->bit_width() / 8));
    buffers.push_back(std::move(values));
  } else if (type->is_binary_like()) {
    RETURN_NOT_OK(GatherBinary(pieces, length, &buffers));
  } else if (type->id() == TypeId::kStruct) {
    ASSIGN_OR_RETURN(children, GatherStructChildren(*type, pieces));
  } else {
    RETURN_NOT_OK(GatherList(*type, pieces, length, &buffers, &children));
  }
  return ColumnVector::Make(type, length, std::move(buffers), std::move(children), null_count);
}

// Contiguous pieces for long runs of selected rows; row indices when the
// selection is fragmented (a piece per row would cost more than an index).
std::vector<Piece> SelectionPieces(const ColumnVector& vector, std::span<const uint8_t> selection,
                                   std::vector<int64_t>* rows) {
  int64_t runs = 0;
  int64_t selected = 0;
  for (size_t i = 0; i < selection.size(); ++i) {
    const bool keep = selection[i] != 0;
    selected += keep ? 1 : 0;
    runs += keep && (i == 0 || selection[i - 1] == 0) ? 1 : 0;
  }
  std::vector<Piece> pieces;
  const auto n = static_cast<int64_t>(selection.size());
  if (runs * 16 <= selected) {
    for (int64_t i = 0; i < n; ++i) {
      if (selection[i] == 0) continue;
      const int64_t begin = i;
      while (i < n && selection[i] != 0) ++i;
      pieces.push_back({&vector, nullptr, begin, i - begin});
    }
    return pieces;
  }
  rows->reserve(static_cast<size_t>(selected));
  for (int64_t i = 0; i < n; ++i) {
    if (selection[i] != 0) rows->push_back(i);
  }
  pieces.push_back({&vector, rows->data(), 0, selected});
  return pieces;
}

}  // namespace

int64_t CountSelected(std::span<const uint8_t> selection) {
  int64_t count = 0;
  for (uint8_t s : selection) count += s != 0 ? 1 : 0;
  return count;
}

Result<VectorPtr> Filter(const VectorPtr& vector, std::span<const uint8_t> selection) {
  if (static_cast<int64_t>(selection.size()) != vector->length()) {
    return Status::Invalid("selection of {} rows for a vector of {} rows", selection.size(),
                           vector->length());
  }
  if (CountSelected(selection) == vector->length()) return vector;
  std::vector<int64_t> rows;
  const std::vector<Piece> pieces = SelectionPieces(*vector, selection, &rows);
  return Gather(vector->type(), pieces);
}

Result<VectorPtr> Take(const VectorPtr& vector, std::span<const int64_t> rows) {
  for (int64_t row : rows) {
    if (row < 0 || row >= vector->length()) {
      return Status::Invalid("row {} taken from a vector of {} rows", row, vector->length());
    }
  }
  const Piece piece{vector.get(), rows.data(), 0, static_cast<int64_t>(rows.size())};
  return Gather(vector->type(), std::span<const Piece>(&piece, 1));
}

Result<RecordBatchPtr> TakeBatch(const RecordBatchPtr& batch, std::span<const int64_t> rows) {
  std::vector<VectorPtr> columns;
  for (const VectorPtr& column : batch->columns()) {
    ASSIGN_OR_RETURN(VectorPtr taken, Take(column, rows));
    columns.push_back(std::move(taken));
  }
  return RecordBatch::Make(batch->schema(), std::move(columns), static_cast<int64_t>(rows.size()));
}

Result<RecordBatchPtr> FilterBatch(const RecordBatchPtr& batch,
                                   std::span<const uint8_t> selection) {
  if (static_cast<int64_t>(selection.size()) != batch->num_rows()) {
    return Status::Invalid("selection of {} rows for a batch of {} rows", selection.size(),
                           batch->num_rows());
  }
  const int64_t selected = CountSelected(selection);
  if (selected == batch->num_rows()) return batch;
  std::vector<VectorPtr> columns;
  for (const VectorPtr& column : batch->columns()) {
    ASSIGN_OR_RETURN(VectorPtr filtered, Filter(column, selection));
    columns.push_back(std::move(filtered));
  }
  return RecordBatch::Make(batch->schema(), std::move(columns), selected);
}

Result<VectorPtr> Concatenate(std::span<const VectorPtr> vectors) {
  if (vectors.empty()) return Status::Invalid("Concatenate needs at least one vector");
  if (vectors.size() == 1) return vectors[0];
  std::vector<Piece> pieces;
  for (const VectorPtr& v : vectors) {
    if (!v->type()->Equals(*vectors[0]->type())) {
      return Status::Invalid("cannot concatenate {} with {}", v->type()->ToString(),
                             vectors[0]->type()->ToString());
    }
    pieces.push_back({v.get(), nullptr, 0, v->length()});
  }
  return Gather(vectors[0]->type(), pieces);
}

Result<RecordBatchPtr> ConcatenateBatches(std::span<const RecordBatchPtr> batches) {
  if (batches.empty()) return Status::Invalid("ConcatenateBatches needs at least one batch");
  if (batches.size() == 1) return batches[0];
  const SchemaPtr& schema = batches[0]->schema();
  int64_t rows = 0;
  for (const RecordBatchPtr& b : batches) {
    if (!b->schema()->Equals(*schema)) {
      return Status::Invalid("cannot concatenate batches with different schemas:\n{}\nand\n{}",
                             schema->ToString(), b->schema()->ToString());
    }
    rows += b->num_rows();
  }
  std::vector<VectorPtr> columns;
  std::vector<VectorPtr> parts(batches.size());
  for (int c = 0; c < schema->num_fields(); ++c) {
    for (size_t i = 0; i < batches.size(); ++i) parts[i] = batches[i]->column(c);
    ASSIGN_OR_RETURN(VectorPtr column, Concatenate(parts));
    columns.push_back(std::move(column));
  }
  return RecordBatch::Make(schema, std::move(columns), rows);
}

}  // namespace strata
