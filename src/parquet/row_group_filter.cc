#include "parquet/row_group_filter.h"

#include <algorithm>

namespace strata::parquet {
namespace {

// Bloom filter headers are a few bytes; read this much when the writer did
// not record the filter's length.
constexpr int64_t kHeaderProbeBytes = 64;

bool UsesBloomFilter(CompareOp op) { return op == CompareOp::kEq || op == CompareOp::kIn; }

// Whether any equality conjunct's bloom filter rules the row group out.
bool BloomFiltersMightMatch(RandomAccessFile* file, const std::vector<LeafColumn>& leaves,
                            const BoundPredicate& predicate, const RowGroup& row_group) {
  for (const BoundComparison& comparison : predicate.conjuncts) {
    if (!UsesBloomFilter(comparison.op)) continue;
    const LeafColumn* leaf = FindLeaf(comparison, leaves);
    if (leaf == nullptr) continue;
    const ColumnChunk& chunk = row_group.columns[static_cast<size_t>(leaf - leaves.data())];
    if (!chunk.meta_data || !chunk.meta_data->bloom_filter_offset) continue;
    Result<std::unique_ptr<BloomFilter>> filter = ReadBloomFilter(file, *chunk.meta_data);
    if (filter.ok() && !BloomMightContain(comparison, *leaf, **filter)) return false;
  }
  return true;
}

}  // namespace

Result<std::unique_ptr<BloomFilter>> ReadBloomFilter(RandomAccessFile* file,
                                                     const ColumnMetaData& column) {
  if (!column.bloom_filter_offset) return Status::NotFound("column chunk has no bloom filter");
  const int64_t offset = *column.bloom_filter_offset;
  ASSIGN_OR_RETURN(int64_t size, file->Size());
  int64_t probe = column.bloom_filter_length ? *column.bloom_filter_length : kHeaderProbeBytes;
  probe = std::min(probe, size - offset);
  if (offset < 0 || probe <= 0)
    return Status::Corruption("bloom filter offset {} is outside the file", offset);
  ASSIGN_OR_RETURN(auto bytes, file->ReadAt(offset, probe));
  int64_t header_size = 0;
  ASSIGN_OR_RETURN(BloomFilterHeader header, ReadBloomFilterHeader(bytes->span(), &header_size));
  if (header.algorithm != BloomFilterAlgorithm::kSplitBlock ||
      header.hash != BloomFilterHash::kXxHash ||
      header.compression != BloomFilterCompression::kUncompressed) {
    return Status::NotImplemented("bloom filter algorithm, hash or compression not supported");
  }
  if (header_size + header.num_bytes > probe) {
    ASSIGN_OR_RETURN(bytes, file->ReadAt(offset + header_size, header.num_bytes));
    return BloomFilter::FromBitset(bytes->span());
  }
  return BloomFilter::FromBitset(bytes->span().subspan(static_cast<size_t>(header_size),
                                                       static_cast<size_t>(header.num_bytes)));
}

Result<std::vector<int>> SelectRowGroups(RandomAccessFile* file, const FileMetaData& metadata,
                                         const ParquetSchema& schema,
                                         const BoundPredicate& predicate,
                                         const std::vector<int>& candidates) {
  const std::vector<ColumnOrder>* orders =
      metadata.column_orders ? &*metadata.column_orders : nullptr;
  const bool wants_bloom =
      std::any_of(predicate.conjuncts.begin(), predicate.conjuncts.end(),
                  [](const BoundComparison& c) { return UsesBloomFilter(c.op); });
  std::vector<int> kept;
  for (int g : candidates) {
    const RowGroup& row_group = metadata.row_groups[static_cast<size_t>(g)];
    if (!RowGroupMightMatch(predicate, schema.leaves, row_group, orders)) continue;
    if (wants_bloom && !BloomFiltersMightMatch(file, schema.leaves, predicate, row_group)) {
      continue;
    }
    kept.push_back(g);
  }
  return kept;
}

Result<std::vector<int>> SelectRowGroups(FileSystem* fs, const ParquetReader& reader,
                                         const BoundPredicate& predicate) {
  ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, fs->OpenForRead(reader.path()));
  std::vector<int> all(static_cast<size_t>(reader.num_row_groups()));
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  return SelectRowGroups(file.get(), reader.metadata(), reader.parquet_schema(), predicate, all);
}

}  // namespace strata::parquet
