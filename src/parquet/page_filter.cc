#include "parquet/page_filter.h"

#include <algorithm>

namespace strata::parquet {
namespace {

// A page index larger than this is not trusted: a corrupt length must not
// size a huge read (real ones are a few bytes per page).
constexpr int64_t kMaxIndexBytes = int64_t{64} << 20;

Result<std::unique_ptr<Buffer>> ReadIndexBytes(RandomAccessFile* file, int64_t offset,
                                               int64_t length, const char* what) {
  ASSIGN_OR_RETURN(const int64_t size, file->Size());
  if (offset < 0 || length <= 0 || length > kMaxIndexBytes || offset > size - length) {
    return Status::Corruption("the {} [{}, {} + {}) lies outside the file ({} bytes)", what, offset,
                              offset, length, size);
  }
  return file->ReadAt(offset, length);
}

bool OrderKnown(const std::vector<ColumnOrder>* orders, size_t column) {
  return orders == nullptr || column >= orders->size() ||
         (*orders)[column] != ColumnOrder::kUnknown;
}

// The rows one conjunct keeps, or nullopt when its column's page index
// cannot tell.
std::optional<std::vector<RowRange>> RowsOfConjunct(RandomAccessFile* file,
                                                    const std::vector<LeafColumn>& leaves,
                                                    const RowGroup& row_group,
                                                    const BoundComparison& comparison,
                                                    const std::vector<ColumnOrder>* orders) {
  const LeafColumn* leaf = FindLeaf(comparison, leaves);
  if (leaf == nullptr) return std::nullopt;
  const auto column = static_cast<size_t>(leaf - leaves.data());
  if (column >= row_group.columns.size() || !OrderKnown(orders, column)) return std::nullopt;
  const ColumnChunk& chunk = row_group.columns[column];
  Result<std::optional<ColumnIndex>> index = ReadColumnIndexOf(file, chunk);
  Result<std::optional<OffsetIndex>> offsets = ReadOffsetIndexOf(file, chunk);
  if (!index.ok() || !offsets.ok() || !*index || !*offsets) return std::nullopt;
  const std::vector<bool> keep = PagesMightMatch(comparison, *leaf, **index);
  return PagesToRowRanges(keep, **offsets, row_group.num_rows);
}

}  // namespace

Result<std::optional<OffsetIndex>> ReadOffsetIndexOf(RandomAccessFile* file,
                                                     const ColumnChunk& chunk) {
  if (!chunk.offset_index_offset || !chunk.offset_index_length) return std::nullopt;
  ASSIGN_OR_RETURN(auto bytes, ReadIndexBytes(file, *chunk.offset_index_offset,
                                              *chunk.offset_index_length, "offset index"));
  ASSIGN_OR_RETURN(OffsetIndex index, ReadOffsetIndex(bytes->span()));
  return index;
}

Result<std::optional<ColumnIndex>> ReadColumnIndexOf(RandomAccessFile* file,
                                                     const ColumnChunk& chunk) {
  if (!chunk.column_index_offset || !chunk.column_index_length) return std::nullopt;
  ASSIGN_OR_RETURN(auto bytes, ReadIndexBytes(file, *chunk.column_index_offset,
                                              *chunk.column_index_length, "column index"));
  ASSIGN_OR_RETURN(ColumnIndex index, ReadColumnIndex(bytes->span()));
  return index;
}

std::vector<RowRange> SelectRows(RandomAccessFile* file, const std::vector<LeafColumn>& leaves,
                                 const RowGroup& row_group, const BoundPredicate& predicate,
                                 const std::vector<ColumnOrder>* column_orders) {
  std::vector<RowRange> rows = {{0, row_group.num_rows}};
  if (row_group.num_rows == 0) return {};
  for (const BoundComparison& comparison : predicate.conjuncts) {
    if (comparison.op == CompareOp::kFalse) return {};
    std::optional<std::vector<RowRange>> kept =
        RowsOfConjunct(file, leaves, row_group, comparison, column_orders);
    if (kept) rows = IntersectRowRanges(rows, *kept);
    if (rows.empty()) break;
  }
  return rows;
}

bool OffsetIndexUsable(const OffsetIndex& index, int64_t chunk_begin, int64_t chunk_end,
                       int64_t num_rows) {
  const std::vector<PageLocation>& pages = index.page_locations;
  if (pages.empty() || pages[0].first_row_index != 0) return false;
  int64_t previous_end = chunk_begin;
  int64_t previous_row = -1;
  for (const PageLocation& page : pages) {
    if (page.offset < previous_end || page.compressed_page_size <= 0 ||
        page.compressed_page_size > chunk_end - page.offset ||
        page.first_row_index <= previous_row || page.first_row_index >= num_rows) {
      return false;
    }
    previous_end = page.offset + page.compressed_page_size;
    previous_row = page.first_row_index;
  }
  return true;
}

std::vector<int> PagesForRows(const OffsetIndex& index, int64_t num_rows,
                              const std::vector<RowRange>& rows) {
  const std::vector<PageLocation>& pages = index.page_locations;
  std::vector<int> kept;
  size_t r = 0;
  for (size_t i = 0; i < pages.size() && r < rows.size(); ++i) {
    const int64_t begin = pages[i].first_row_index;
    const int64_t end = i + 1 < pages.size() ? pages[i + 1].first_row_index : num_rows;
    while (r < rows.size() && rows[r].end <= begin) ++r;
    if (r < rows.size() && rows[r].begin < end) kept.push_back(static_cast<int>(i));
  }
  return kept;
}

}  // namespace strata::parquet
