#include "delta/deletion_vector.h"

#include <fmt/format.h>
#include <roaring/roaring.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <utility>

#include "delta/actions.h"
#include "parquet/codec/crc32.h"

namespace strata::delta {

// CRoaring's portable format is little-endian and CRoaring reads it with
// memcpy, so it is only right on little-endian hosts.
static_assert(std::endian::native == std::endian::little, "CRoaring portable format needs LE");

namespace {

constexpr std::string_view kZ85Alphabet =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
constexpr size_t kUuidZ85Length = 20;

constexpr uint32_t kPortableMagic = 1681511377;
constexpr uint32_t kNativeMagic = 1681511376;
// The native magic written big-endian, as in PROTOCOL.md's inline example.
constexpr uint32_t kNativeMagicSwapped = 0xD0D33964;
constexpr uint8_t kDvFileVersion = 1;

// The portable 32-bit Roaring format (RoaringFormatSpec).
constexpr uint32_t kCookieNoRuns = 12346;
constexpr uint32_t kCookieRuns = 12347;
constexpr uint32_t kMaxContainers = 1U << 16;
constexpr uint32_t kMaxArrayCardinality = 4096;
constexpr uint32_t kNoOffsetThreshold = 4;
constexpr size_t kBitsetWords = 1024;
// The smallest bucket: a uint32 key and an empty bitmap (cookie + count).
constexpr size_t kMinBucketBytes = 12;

constexpr std::array<int8_t, 256> MakeZ85Table() {
  std::array<int8_t, 256> table{};
  table.fill(-1);
  for (size_t i = 0; i < kZ85Alphabet.size(); ++i) {
    table[static_cast<unsigned char>(kZ85Alphabet[i])] = static_cast<int8_t>(i);
  }
  return table;
}
constexpr std::array<int8_t, 256> kZ85Values = MakeZ85Table();

template <typename T>
T LoadLittle(const char* p) {
  T value;
  std::memcpy(&value, p, sizeof(T));
  return value;  // The host is little-endian (see the static_assert).
}

uint32_t LoadBigEndian32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

template <typename T>
void AppendLittle(std::string* out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out->append(bytes, sizeof(T));
}

// Bounds-checked little-endian reads; positions count from the start of the
// whole bitmap so that errors can name the byte.
class ByteCursor {
 public:
  explicit ByteCursor(std::string_view data) : data_(data) {}
  size_t pos() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }
  // REQUIRES (all reads): Need(the bytes read) was OK.
  uint16_t U16() { return Read<uint16_t>(); }
  uint32_t U32() { return Read<uint32_t>(); }
  uint64_t U64() { return Read<uint64_t>(); }
  std::string_view Take(size_t n) {
    const std::string_view out = data_.substr(pos_, n);
    pos_ += n;
    return out;
  }

  Status Need(size_t n, std::string_view what) const {
    if (remaining() >= n) return Status::OK();
    return Status::Corruption("truncated: {} needs {} bytes at byte {}, {} left", what, n, pos_,
                              remaining());
  }

 private:
  template <typename T>
  T Read() {
    const T value = LoadLittle<T>(data_.data() + pos_);
    pos_ += sizeof(T);
    return value;
  }

  std::string_view data_;
  size_t pos_ = 0;
};

std::string Printable(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x21 && byte < 0x7f) return fmt::format("'{}'", c);
  return fmt::format("byte 0x{:02x}", byte);
}

// ------------------------------------------------------- 32-bit bitmap checks

Status CheckArrayContainer(ByteCursor* cursor, uint32_t cardinality) {
  RETURN_NOT_OK(cursor->Need(size_t{cardinality} * 2, "array container"));
  int32_t previous = -1;
  for (uint32_t i = 0; i < cardinality; ++i) {
    const uint16_t value = cursor->U16();
    if (value <= previous) {
      return Status::Corruption("array values not ascending at byte {}: {} after {}",
                                cursor->pos() - 2, value, previous);
    }
    previous = value;
  }
  return Status::OK();
}

Status CheckBitsetContainer(ByteCursor* cursor, uint32_t cardinality) {
  RETURN_NOT_OK(cursor->Need(kBitsetWords * 8, "bitset container"));
  uint32_t bits = 0;
  for (size_t i = 0; i < kBitsetWords; ++i) bits += std::popcount(cursor->U64());
  if (bits != cardinality) {
    return Status::Corruption("bitset container holds {} values, its header says {}", bits,
                              cardinality);
  }
  return Status::OK();
}

Status CheckRunContainer(ByteCursor* cursor, uint32_t cardinality) {
  RETURN_NOT_OK(cursor->Need(2, "run count"));
  const uint16_t runs = cursor->U16();
  RETURN_NOT_OK(cursor->Need(size_t{runs} * 4, "runs"));
  int32_t previous_end = -1;
  uint32_t values = 0;
  for (uint16_t i = 0; i < runs; ++i) {
    const uint16_t start = cursor->U16();
    const uint16_t extra = cursor->U16();  // The run's length minus one.
    if (start <= previous_end) {
      return Status::Corruption("runs overlap or are out of order at byte {}", cursor->pos() - 4);
    }
    if (uint32_t{start} + extra > 0xFFFF) {
      return Status::Corruption("run at byte {} ({} + {}) passes 65535", cursor->pos() - 4, start,
                                extra);
    }
    previous_end = start + extra;
    values += uint32_t{extra} + 1;
  }
  if (values != cardinality) {
    return Status::Corruption("run container holds {} values, its header says {}", values,
                              cardinality);
  }
  return Status::OK();
}

// Checks one portable 32-bit Roaring bitmap at the cursor, leaving the cursor
// after it, so that CRoaring only ever sees well-formed input. Offsets are
// skipped, as every reader does.
Status CheckRoaring32(ByteCursor* cursor, uint64_t* cardinality) {
  RETURN_NOT_OK(cursor->Need(4, "Roaring cookie"));
  const uint32_t cookie = cursor->U32();
  uint32_t count = 0;
  const bool has_runs = (cookie & 0xFFFF) == kCookieRuns;
  if (has_runs) {
    count = (cookie >> 16) + 1;
  } else if (cookie == kCookieNoRuns) {
    RETURN_NOT_OK(cursor->Need(4, "container count"));
    count = cursor->U32();
    if (count > kMaxContainers) {
      return Status::Corruption("{} containers at byte {}, at most 65536 exist", count,
                                cursor->pos() - 4);
    }
  } else {
    return Status::Corruption("bad Roaring cookie {} at byte {} (expected 12346 or 12347)", cookie,
                              cursor->pos() - 4);
  }
  std::string_view run_flags;
  if (has_runs) {
    RETURN_NOT_OK(cursor->Need((count + 7) / 8, "run flags"));
    run_flags = cursor->Take((count + 7) / 8);
  }
  RETURN_NOT_OK(cursor->Need(size_t{count} * 4, "container headers"));
  const std::string_view headers = cursor->Take(size_t{count} * 4);
  if (!has_runs || count >= kNoOffsetThreshold) {
    RETURN_NOT_OK(cursor->Need(size_t{count} * 4, "container offsets"));
    cursor->Take(size_t{count} * 4);
  }
  int32_t previous_key = -1;
  uint64_t total = 0;
  for (uint32_t k = 0; k < count; ++k) {
    const uint16_t key = LoadLittle<uint16_t>(headers.data() + size_t{k} * 4);
    const uint32_t values = uint32_t{LoadLittle<uint16_t>(headers.data() + size_t{k} * 4 + 2)} + 1;
    if (key <= previous_key) {
      return Status::Corruption("container keys not ascending: {} after {}", key, previous_key);
    }
    previous_key = key;
    const bool is_run = has_runs && ((static_cast<uint8_t>(run_flags[k / 8]) >> (k % 8)) & 1) != 0;
    RETURN_NOT_OK_CTX(is_run                          ? CheckRunContainer(cursor, values)
                      : values > kMaxArrayCardinality ? CheckBitsetContainer(cursor, values)
                                                      : CheckArrayContainer(cursor, values),
                      fmt::format("container {} (key {})", k, key));
    total += values;
  }
  *cardinality = total;
  return Status::OK();
}

// ------------------------------------------------------------- descriptor

std::string FormatUuid(std::string_view bytes) {
  std::string out;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out += fmt::format("{:02x}", static_cast<unsigned char>(bytes[i]));
  }
  return out;
}

// "s3" for "s3://b/k"; empty when `uri` has no scheme (RFC 3986: a letter,
// then letters, digits, '+', '-' or '.', then ':').
std::string_view UriScheme(std::string_view uri) {
  const size_t colon = uri.find(':');
  if (colon == std::string_view::npos || colon == 0) return {};
  const auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!is_alpha(uri[0])) return {};
  for (size_t i = 1; i < colon; ++i) {
    const char c = uri[i];
    if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return {};
  }
  return uri.substr(0, colon);
}

std::string ShortName(const DeletionVectorDescriptor& dv) {
  constexpr size_t kMaxShown = 48;
  std::string_view value = dv.path_or_inline_dv;
  std::string shown(value.substr(0, kMaxShown));
  if (value.size() > kMaxShown) shown += "...";
  return fmt::format("deletion vector (storageType \"{}\", pathOrInlineDv \"{}\")", dv.storage_type,
                     shown);
}

Result<std::string> UuidPath(const DeletionVectorDescriptor& dv, const std::string& table_root) {
  const std::string_view value = dv.path_or_inline_dv;
  if (value.size() < kUuidZ85Length) {
    return Status::Invalid("{}: needs at least {} characters (the Z85 UUID), has {}", ShortName(dv),
                           kUuidZ85Length, value.size());
  }
  const std::string_view prefix = value.substr(0, value.size() - kUuidZ85Length);
  auto uuid = DecodeZ85(value.substr(prefix.size()));
  if (!uuid.ok()) return uuid.status().WithContext(ShortName(dv) + ": the UUID");
  // The prefix is a directory below the table root; it may not climb out.
  if (!prefix.empty()) {
    size_t start = 0;
    while (start <= prefix.size()) {
      const size_t slash = std::min(prefix.find('/', start), prefix.size());
      const std::string_view segment = prefix.substr(start, slash - start);
      if (segment.empty() || segment == "." || segment == "..") {
        return Status::Invalid("{}: prefix \"{}\" has an empty, \".\" or \"..\" segment",
                               ShortName(dv), prefix);
      }
      start = slash + 1;
    }
  }
  std::string root = table_root;
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  std::string path;
  if (!root.empty()) path = root == "/" ? root : root + "/";
  if (!prefix.empty()) path += std::string(prefix) + "/";
  return path + "deletion_vector_" + FormatUuid(*uuid) + ".bin";
}

// A "p" descriptor holds a URI like an add action's path.
Result<std::string> AbsoluteUriPath(const DeletionVectorDescriptor& dv) {
  const std::string_view uri = dv.path_or_inline_dv;
  const std::string_view scheme = UriScheme(uri);
  if (!scheme.empty() && scheme != "file") {
    return Status::NotImplemented("{}: {} URIs are not supported, only local paths", ShortName(dv),
                                  scheme);
  }
  if (uri.starts_with("file://") && !uri.starts_with("file:///")) {
    return Status::NotImplemented("{}: file URIs with a host are not supported", ShortName(dv));
  }
  auto path = DecodeActionPath(uri);
  if (!path.ok()) return path.status().WithContext(ShortName(dv));
  if (path->empty() || path->front() != '/') {
    return Status::Invalid("{}: storage type \"p\" needs an absolute path", ShortName(dv));
  }
  return path;
}

// ------------------------------------------------------------- loading

Result<DeletedRows> DecodeAndCheck(std::string_view bytes, const DeletionVectorDescriptor& dv,
                                   const std::string& where) {
  auto rows = DecodeDeletionBitmap(bytes);
  if (!rows.ok()) return rows.status().WithContext(where);
  if (rows->Cardinality() != static_cast<uint64_t>(dv.cardinality)) {
    return Status::Corruption("{}: the bitmap holds {} rows, the descriptor's cardinality is {}",
                              where, rows->Cardinality(), dv.cardinality);
  }
  return rows;
}

Result<DeletedRows> LoadInline(const DeletionVectorDescriptor& dv) {
  const std::string where = "inline " + ShortName(dv);
  if (dv.offset.has_value())
    return Status::Invalid("{}: has an offset, which inline DVs never do", where);
  auto bytes = DecodeZ85(dv.path_or_inline_dv);
  if (!bytes.ok()) return bytes.status().WithContext(where);
  const auto size = static_cast<size_t>(dv.size_in_bytes);
  if (size > bytes->size() || bytes->size() - size >= 4) {
    return Status::Corruption("{}: decodes to {} bytes, but sizeInBytes {} pads to {}", where,
                              bytes->size(), size, (size + 3) / 4 * 4);
  }
  const std::string_view padded = *bytes;
  return DecodeAndCheck(padded.substr(0, size), dv, where);
}

Status ReadDvBytes(RandomAccessFile* file, const DeletionVectorDescriptor& dv,
                   std::unique_ptr<Buffer>* bitmap_and_crc) {
  const int64_t offset = dv.offset.value_or(0);
  ASSIGN_OR_RETURN(const int64_t file_size, file->Size());
  if (file_size < 1) return Status::Corruption("the file is empty");
  ASSIGN_OR_RETURN(auto version, file->ReadAt(0, 1));
  if (version->data()[0] != kDvFileVersion) {
    return Status::Corruption("format version {} (expected 1)", version->data()[0]);
  }
  if (offset < 1) {
    return Status::Corruption("offset {} points at the format version byte; DVs start at byte 1",
                              offset);
  }
  if (offset > file_size - 4) {
    return Status::Corruption("the size field passes the end of the {}-byte file", file_size);
  }
  ASSIGN_OR_RETURN(auto size_field, file->ReadAt(offset, 4));
  const auto size = static_cast<int32_t>(LoadBigEndian32(size_field->data()));
  if (size != dv.size_in_bytes) {
    return Status::Corruption("the file says the DV has {} bytes, the descriptor's sizeInBytes {}",
                              size, dv.size_in_bytes);
  }
  if (size < 0 || size > file_size - offset - 8) {
    return Status::Corruption("{} bytes and a checksum pass the end of the {}-byte file", size,
                              file_size);
  }
  ASSIGN_OR_RETURN(*bitmap_and_crc, file->ReadAt(offset + 4, int64_t{size} + 4));
  const std::span<const uint8_t> bitmap =
      (*bitmap_and_crc)->span().first(static_cast<size_t>(size));
  const uint32_t stored = LoadBigEndian32(bitmap.data() + bitmap.size());
  const uint32_t computed = parquet::Crc32(bitmap);
  if (stored != computed) {
    return Status::Corruption("CRC-32 mismatch: stored {:08x}, computed {:08x}", stored, computed);
  }
  return Status::OK();
}

Result<DeletedRows> LoadFromFile(FileSystem* fs, const std::string& table_root,
                                 const DeletionVectorDescriptor& dv) {
  ASSIGN_OR_RETURN(const std::string path, dv.AbsolutePath(table_root));
  const std::string where =
      fmt::format("deletion vector file {} at offset {}", path, dv.offset.value_or(0));
  auto file = fs->OpenForRead(path);
  if (!file.ok()) return file.status().WithContext(where);
  std::unique_ptr<Buffer> bytes;
  RETURN_NOT_OK_CTX(ReadDvBytes(file->get(), dv, &bytes), where);
  return DecodeAndCheck(bytes->view().substr(0, bytes->size() - 4), dv, where);
}

}  // namespace

// ------------------------------------------------------------------- Z85

Result<std::string> DecodeZ85(std::string_view text) {
  if (text.size() % 5 != 0) {
    return Status::Invalid("Z85 text of {} characters is not a multiple of 5 long", text.size());
  }
  std::string out;
  out.reserve(text.size() / 5 * 4);
  for (size_t group = 0; group < text.size(); group += 5) {
    uint64_t value = 0;
    for (size_t i = group; i < group + 5; ++i) {
      const int8_t digit = kZ85Values[static_cast<unsigned char>(text[i])];
      if (digit < 0) {
        return Status::Invalid("Z85 text has {} at position {}, outside the Z85 alphabet",
                               Printable(text[i]), i);
      }
      value = value * 85 + static_cast<uint64_t>(digit);
    }
    if (value > 0xFFFFFFFFU) {
      return Status::Invalid("Z85 group \"{}\" at position {} exceeds 32 bits",
                             text.substr(group, 5), group);
    }
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(value >> shift));
  }
  return out;
}

std::string EncodeZ85(std::string_view bytes) {
  DCHECK(bytes.size() % 4 == 0);
  std::string out;
  out.reserve(bytes.size() / 4 * 5);
  for (size_t group = 0; group + 4 <= bytes.size(); group += 4) {
    uint32_t value = 0;
    for (size_t i = group; i < group + 4; ++i)
      value = (value << 8) | static_cast<uint8_t>(bytes[i]);
    char digits[5];
    for (int i = 4; i >= 0; --i) {
      digits[i] = kZ85Alphabet[value % 85];
      value /= 85;
    }
    out.append(digits, 5);
  }
  return out;
}

// ------------------------------------------------------------ descriptor

std::string DeletionVectorDescriptor::UniqueId() const {
  std::string id = storage_type + path_or_inline_dv;
  if (offset.has_value()) id += "@" + std::to_string(*offset);
  return id;
}

Result<std::string> DeletionVectorDescriptor::AbsolutePath(const std::string& table_root) const {
  if (storage_type == "u") return UuidPath(*this, table_root);
  if (storage_type == "p") return AbsoluteUriPath(*this);
  if (storage_type == "i") return Status::Invalid("inline {} has no file", ShortName(*this));
  return Status::Invalid("{}: unknown storage type (expected \"u\", \"i\" or \"p\")",
                         ShortName(*this));
}

// ------------------------------------------------------------ DeletedRows

void DeletedRows::RoaringDeleter::operator()(roaring_bitmap_s* bitmap) const {
  roaring_bitmap_free(bitmap);
}

DeletedRows::DeletedRows() = default;
DeletedRows::~DeletedRows() = default;
DeletedRows::DeletedRows(DeletedRows&&) noexcept = default;
DeletedRows& DeletedRows::operator=(DeletedRows&&) noexcept = default;

Result<DeletedRows> DeletedRows::FromRows(std::span<const uint64_t> rows) {
  std::vector<uint64_t> sorted;
  if (!std::is_sorted(rows.begin(), rows.end())) {
    sorted.assign(rows.begin(), rows.end());
    std::sort(sorted.begin(), sorted.end());
    rows = sorted;
  }
  if (!rows.empty() && rows.back() >> 63 != 0) {
    return Status::Invalid("row index {} is too large for a deletion vector (at most 2^63 - 1)",
                           rows.back());
  }
  DeletedRows out;
  std::vector<uint32_t> low;
  for (size_t i = 0; i < rows.size();) {
    const auto key = static_cast<uint32_t>(rows[i] >> 32);
    low.clear();
    for (; i < rows.size() && rows[i] >> 32 == key; ++i)
      low.push_back(static_cast<uint32_t>(rows[i]));
    Bucket bucket{key, std::unique_ptr<roaring_bitmap_s, RoaringDeleter>(roaring_bitmap_create())};
    if (bucket.bitmap == nullptr) return Status::ResourceExhausted("cannot allocate a bitmap");
    roaring_bitmap_add_many(bucket.bitmap.get(), low.size(), low.data());
    roaring_bitmap_run_optimize(bucket.bitmap.get());
    out.cardinality_ += roaring_bitmap_get_cardinality(bucket.bitmap.get());
    out.buckets_.push_back(std::move(bucket));
  }
  return out;
}

const DeletedRows::Bucket* DeletedRows::FindBucket(uint32_t key) const {
  auto it = std::lower_bound(buckets_.begin(), buckets_.end(), key,
                             [](const Bucket& bucket, uint32_t k) { return bucket.key < k; });
  return it != buckets_.end() && it->key == key ? &*it : nullptr;
}

bool DeletedRows::Contains(uint64_t row) const {
  const Bucket* bucket = FindBucket(static_cast<uint32_t>(row >> 32));
  return bucket != nullptr &&
         roaring_bitmap_contains(bucket->bitmap.get(), static_cast<uint32_t>(row));
}

template <typename Fn>
void DeletedRows::ForEachBucketInRange(uint64_t begin, uint64_t end, Fn&& fn) const {
  if (begin >= end) return;
  const uint64_t first_key = begin >> 32;
  const uint64_t last_key = (end - 1) >> 32;
  auto it = std::lower_bound(buckets_.begin(), buckets_.end(), first_key,
                             [](const Bucket& bucket, uint64_t k) { return bucket.key < k; });
  for (; it != buckets_.end() && it->key <= last_key; ++it) {
    const uint32_t low = it->key == first_key ? static_cast<uint32_t>(begin) : 0;
    const uint64_t high = it->key == last_key ? ((end - 1) & 0xFFFFFFFFU) + 1 : uint64_t{1} << 32;
    fn(*it, low, high);
  }
}

uint64_t DeletedRows::CountInRange(uint64_t begin, uint64_t end) const {
  uint64_t count = 0;
  ForEachBucketInRange(begin, end, [&](const Bucket& bucket, uint32_t low, uint64_t high) {
    count += roaring_bitmap_range_cardinality(bucket.bitmap.get(), low, high);
  });
  return count;
}

std::vector<uint64_t> DeletedRows::RangeDeleted(uint64_t begin, uint64_t end) const {
  std::vector<uint64_t> out;
  AppendRangeDeleted(begin, end, &out);
  return out;
}

void DeletedRows::AppendRangeDeleted(uint64_t begin, uint64_t end,
                                     std::vector<uint64_t>* out) const {
  out->reserve(out->size() + CountInRange(begin, end));
  ForEachBucketInRange(begin, end, [&](const Bucket& bucket, uint32_t low, uint64_t high) {
    const uint64_t base = uint64_t{bucket.key} << 32;
    roaring_uint32_iterator_t it;
    roaring_init_iterator(bucket.bitmap.get(), &it);
    if (!roaring_move_uint32_iterator_equalorlarger(&it, low)) return;
    std::array<uint32_t, 256> chunk;
    uint32_t n = 0;
    do {
      n = roaring_read_uint32_iterator(&it, chunk.data(), chunk.size());
      for (uint32_t i = 0; i < n; ++i) {
        if (chunk[i] >= high) return;
        out->push_back(base | chunk[i]);
      }
    } while (n == chunk.size());
  });
}

std::string DeletedRows::Serialize() const {
  std::string out;
  AppendLittle<uint32_t>(&out, kPortableMagic);
  AppendLittle<uint64_t>(&out, buckets_.size());
  for (const Bucket& bucket : buckets_) {
    AppendLittle<uint32_t>(&out, bucket.key);
    const size_t size = roaring_bitmap_portable_size_in_bytes(bucket.bitmap.get());
    const size_t start = out.size();
    out.resize(start + size);
    const size_t written =
        roaring_bitmap_portable_serialize(bucket.bitmap.get(), out.data() + start);
    DCHECK(written == size);
  }
  return out;
}

// ---------------------------------------------------------- bitmap format

Result<DeletedRows> DecodeDeletionBitmap(std::string_view bytes) {
  ByteCursor cursor(bytes);
  RETURN_NOT_OK_CTX(cursor.Need(12, "magic and bucket count"), "deletion bitmap");
  const uint32_t magic = cursor.U32();
  if (magic == kNativeMagic || magic == kNativeMagicSwapped) {
    return Status::NotImplemented(
        "deletion bitmap: the native RoaringBitmapArray format (magic {}) is not supported, only "
        "the portable format (magic {}) that Delta writers produce",
        kNativeMagic, kPortableMagic);
  }
  if (magic != kPortableMagic) {
    return Status::Corruption("deletion bitmap: magic number {} (expected {})", magic,
                              kPortableMagic);
  }
  const uint64_t count = cursor.U64();
  if (count > cursor.remaining() / kMinBucketBytes) {
    return Status::Corruption("deletion bitmap: {} buckets cannot fit in the {} bytes left", count,
                              cursor.remaining());
  }
  DeletedRows out;
  out.buckets_.reserve(count);
  for (uint64_t b = 0; b < count; ++b) {
    const std::string context = fmt::format("deletion bitmap: bucket {}", b);
    RETURN_NOT_OK_CTX(cursor.Need(4, "bucket key"), context);
    const uint32_t key = cursor.U32();
    if (key >> 31 != 0) return Status::Corruption("{}: key {} has its top bit set", context, key);
    if (!out.buckets_.empty() && key <= out.buckets_.back().key) {
      return Status::Corruption("{}: key {} does not ascend (previous {})", context, key,
                                out.buckets_.back().key);
    }
    const size_t start = cursor.pos();
    uint64_t values = 0;
    RETURN_NOT_OK_CTX(CheckRoaring32(&cursor, &values), context);
    const char* data = bytes.data() + start;
    const size_t size = cursor.pos() - start;
    if (roaring_bitmap_portable_deserialize_size(data, size) != size) {
      return Status::Corruption("{}: CRoaring disagrees about the bitmap's {} bytes", context,
                                size);
    }
    DeletedRows::Bucket bucket{
        key, std::unique_ptr<roaring_bitmap_s, DeletedRows::RoaringDeleter>(
                 values == 0 ? roaring_bitmap_create()
                             : roaring_bitmap_portable_deserialize_safe(data, size))};
    if (bucket.bitmap == nullptr) {
      return Status::ResourceExhausted("{}: cannot allocate the bitmap", context);
    }
    if (roaring_bitmap_get_cardinality(bucket.bitmap.get()) != values) {
      return Status::Corruption("{}: CRoaring counts {} values, the containers {}", context,
                                roaring_bitmap_get_cardinality(bucket.bitmap.get()), values);
    }
    out.cardinality_ += values;
    out.buckets_.push_back(std::move(bucket));
  }
  if (cursor.remaining() != 0) {
    return Status::Corruption("deletion bitmap: {} bytes left over after {} buckets",
                              cursor.remaining(), count);
  }
  return out;
}

Result<std::string> EncodeDeletionBitmap(std::span<const uint64_t> rows) {
  ASSIGN_OR_RETURN(const DeletedRows set, DeletedRows::FromRows(rows));
  return set.Serialize();
}

Result<DeletedRows> LoadDeletionVector(FileSystem* fs, const std::string& table_root,
                                       const DeletionVectorDescriptor& dv) {
  DCHECK(fs != nullptr);
  if (dv.size_in_bytes < 0 || dv.cardinality < 0 || dv.offset.value_or(0) < 0) {
    return Status::Invalid("{}: negative sizeInBytes ({}), cardinality ({}) or offset ({})",
                           ShortName(dv), dv.size_in_bytes, dv.cardinality, dv.offset.value_or(0));
  }
  if (dv.storage_type == "i") return LoadInline(dv);
  return LoadFromFile(fs, table_root, dv);
}

}  // namespace strata::delta
