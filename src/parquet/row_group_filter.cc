#include "parquet/row_group_filter.h"

#include <algorithm>

namespace strata::parquet {
namespace {

// Bloom filter headers are a few bytes; read this much when the writer did
// not record the filter's length.
constexpr int64_t kHeaderProbeBytes = 64;

bool UsesBloomFilter(CompareOp op) { return op == CompareOp::kEq || op == CompareOp::kIn; }

// Whether any equality conjunct's bloom filter rules the row group out.
Result<bool> BloomFiltersMightMatch(RandomAccessFile* file, const ParquetReader& reader,
                                    const BoundPredicate& predicate, const RowGroup& row_group) {
  const std::vector<LeafColumn>& leaves = reader.parquet_schema().leaves;
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

Result<std::vector<int>> SelectRowGroups(FileSystem* fs, const ParquetReader& reader,
                                         const BoundPredicate& predicate) {
  const FileMetaData& meta = reader.metadata();
  const std::vector<ColumnOrder>* orders = meta.column_orders ? &*meta.column_orders : nullptr;
  std::unique_ptr<RandomAccessFile> file;  // Opened only if a bloom filter is needed.
  std::vector<int> kept;
  for (size_t g = 0; g < meta.row_groups.size(); ++g) {
    const RowGroup& row_group = meta.row_groups[g];
    if (!RowGroupMightMatch(predicate, reader.parquet_schema().leaves, row_group, orders)) {
      continue;
    }
    bool wants_bloom = std::any_of(predicate.conjuncts.begin(), predicate.conjuncts.end(),
                                   [](const BoundComparison& c) { return UsesBloomFilter(c.op); });
    if (wants_bloom) {
      if (file == nullptr) {
        ASSIGN_OR_RETURN(file, fs->OpenForRead(reader.path()));
      }
      ASSIGN_OR_RETURN(bool might,
                       BloomFiltersMightMatch(file.get(), reader, predicate, row_group));
      if (!might) continue;
    }
    kept.push_back(static_cast<int>(g));
  }
  return kept;
}

}  // namespace strata::parquet
