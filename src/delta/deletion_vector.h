// Deletion vectors (PROTOCOL.md, "Deletion Vectors" and the appendix
// "Deletion Vector Format"): the rows of a data file that later commits
// deleted without rewriting the file. An add or remove action carries a
// descriptor; the set itself is a 64-bit Roaring bitmap of row indexes
// (absolute positions in the data file, from 0), stored inline in the log
// (Z85 text) or in a `deletion_vector_<uuid>.bin` file beside the data.
//
// Layers of this file, bottom up:
//   DecodeZ85 / EncodeZ85        the Base85 variant the log uses for text.
//   DecodeDeletionBitmap /       the bitmap bytes: magic 1681511377, a bucket
//   EncodeDeletionBitmap         count, then per bucket the high 32 bits and a
//                                standard portable 32-bit Roaring bitmap.
//   LoadDeletionVector           descriptor -> DeletedRows, checking the DV
//                                file's version, size, CRC-32 and cardinality.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "io/file_system.h"

// CRoaring's 32-bit bitmap; its header stays out of ours.
struct roaring_bitmap_s;

namespace strata::delta {

// The `deletionVector` field of an add or remove action.
struct DeletionVectorDescriptor {
  // "u": a file under the table root named from a UUID; "i": inline;
  // "p": a file at an absolute path.
  std::string storage_type;
  // "u": an optional directory prefix, then the 20-character Z85 of the
  // UUID; "i": the Z85 of the bitmap bytes; "p": the URI of the file.
  std::string path_or_inline_dv;
  // Where the DV starts in its file. Absent for inline DVs; an absent
  // offset of a file DV means 0.
  std::optional<int32_t> offset;
  int32_t size_in_bytes = 0;  // The bitmap's bytes (before Z85, if inline).
  int64_t cardinality = 0;    // How many rows the DV deletes.

  bool operator==(const DeletionVectorDescriptor&) const = default;

  // The DV's identity when reconciling actions: storage_type +
  // path_or_inline_dv, followed by "@" + offset when an offset is present.
  std::string UniqueId() const;

  // Where the DV file is. "u": <table_root>/<prefix>/deletion_vector_<uuid>.bin
  // (no prefix directory when the prefix is empty), the UUID in lowercase
  // 8-4-4-4-12 form. "p": the path with a `file:` scheme removed and
  // %-escapes decoded.
  // Errors: kInvalid naming the descriptor for an inline DV, an unknown
  // storage type, a "u" value shorter than 20 characters, bad Z85, a prefix
  // with an empty, "." or ".." segment, a relative "p" path or a malformed
  // escape; kNotImplemented for a "p" URI with another scheme or a host.
  [[nodiscard]] Result<std::string> AbsolutePath(const std::string& table_root) const;
};

// The Z85 alphabet's decoding of `text` (4 bytes per 5 characters, big-endian).
// Errors: kInvalid when the length is not a multiple of 5, naming a character
// outside the alphabet with its position, or a 5-character group whose value
// exceeds 32 bits.
[[nodiscard]] Result<std::string> DecodeZ85(std::string_view text);

// The Z85 text of `bytes`. REQUIRES: bytes.size() % 4 == 0 (Delta pads an
// inline bitmap with zero bytes to a multiple of 4 and records the unpadded
// size in sizeInBytes).
std::string EncodeZ85(std::string_view bytes);

// The deleted row indexes of one data file: an immutable set of uint64 row
// positions below 2^63.
// Thread safety: const methods may be called concurrently.
class DeletedRows {
 public:
  // An empty set.
  DeletedRows();
  ~DeletedRows();
  DeletedRows(DeletedRows&&) noexcept;
  DeletedRows& operator=(DeletedRows&&) noexcept;
  DeletedRows(const DeletedRows&) = delete;
  DeletedRows& operator=(const DeletedRows&) = delete;

  // The set of `rows`, in any order, duplicates allowed.
  // Errors: kInvalid for a row >= 2^63 (the format keeps the top bit of
  // every bucket key clear); kResourceExhausted when a bitmap cannot be
  // allocated.
  [[nodiscard]] static Result<DeletedRows> FromRows(std::span<const uint64_t> rows);

  bool Contains(uint64_t row) const;
  uint64_t Cardinality() const { return cardinality_; }
  bool empty() const { return cardinality_ == 0; }

  // How many rows in [begin, end) are deleted; cheap, so a scan can skip
  // building a selection for batches without deletions.
  uint64_t CountInRange(uint64_t begin, uint64_t end) const;

  // The deleted rows in [begin, end), ascending. At most end - begin values:
  // callers pass bounded ranges (one batch), since a small DV can delete
  // billions of rows.
  std::vector<uint64_t> RangeDeleted(uint64_t begin, uint64_t end) const;
  // Like RangeDeleted, appending to `out` so a scan can reuse the vector.
  void AppendRangeDeleted(uint64_t begin, uint64_t end, std::vector<uint64_t>* out) const;

  // The bitmap bytes (the format DecodeDeletionBitmap reads).
  std::string Serialize() const;

 private:
  struct RoaringDeleter {
    void operator()(roaring_bitmap_s* bitmap) const;
  };
  struct Bucket {
    uint32_t key = 0;  // The high 32 bits of the bucket's rows.
    std::unique_ptr<roaring_bitmap_s, RoaringDeleter> bitmap;
  };

  // The bucket holding rows with these high bits, or null.
  const Bucket* FindBucket(uint32_t key) const;
  // Calls fn(bucket, low, high) for each bucket with rows in [begin, end),
  // where [low, high) is the part of the range within the bucket.
  template <typename Fn>
  void ForEachBucketInRange(uint64_t begin, uint64_t end, Fn&& fn) const;

  std::vector<Bucket> buckets_;  // Ascending keys, no duplicates.
  uint64_t cardinality_ = 0;

  friend Result<DeletedRows> DecodeDeletionBitmap(std::string_view bytes);
};

// Decodes bitmap bytes ("RoaringBitmapArray", portable 64-bit format,
// little-endian): magic 1681511377, a uint64 bucket count, then per bucket a
// uint32 key (the high 32 bits) and a portable 32-bit Roaring bitmap. Every
// byte is checked before CRoaring reads it: keys strictly ascending with the
// top bit clear, container keys ascending, array and run values ordered and
// in range, bitset population equal to the stated cardinality, and no bytes
// left over. Nothing is allocated from a count the remaining bytes cannot
// back.
// Errors: kCorruption naming the problem, bucket and byte position;
// kNotImplemented for the native format (magic 1681511376); kResourceExhausted
// when CRoaring cannot allocate.
[[nodiscard]] Result<DeletedRows> DecodeDeletionBitmap(std::string_view bytes);

// The bitmap bytes of `rows` (any order, duplicates allowed), with run
// containers where they are smaller, as Delta writers produce them.
// Errors: as DeletedRows::FromRows.
[[nodiscard]] Result<std::string> EncodeDeletionBitmap(std::span<const uint64_t> rows);

// Loads the rows a descriptor deletes. Inline: the Z85 payload holds the
// bitmap bytes (padded to a multiple of 4). File: read through `fs`; byte 0
// must be the format version 1, and at `offset` come a big-endian int32 size
// (which must equal size_in_bytes), the bitmap bytes and their big-endian
// CRC-32. Either way the decoded cardinality must equal the descriptor's.
// Errors: those of AbsolutePath; the file system's; kCorruption for a wrong
// version, a DV past the end of the file, a size, CRC or cardinality
// mismatch or a bad bitmap, naming the DV file and offset (or "inline").
// REQUIRES: `fs` is not null.
// Thread safety: safe to call concurrently.
[[nodiscard]] Result<DeletedRows> LoadDeletionVector(FileSystem* fs, const std::string& table_root,
                                                     const DeletionVectorDescriptor& dv);

}  // namespace strata::delta
