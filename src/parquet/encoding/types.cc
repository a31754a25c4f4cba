#include "parquet/encoding/types.h"

#include <limits>

namespace strata::parquet {

Result<ByteArrayAppendSpan> PrepareByteArrayAppend(ByteArrayOutput out, int64_t n,
                                                   int64_t total_bytes) {
  if (out.offsets->empty()) {
    const int32_t zero = 0;
    RETURN_NOT_OK(out.offsets->Append(&zero, sizeof(zero)));
  }
  const size_t data_size = out.data->size();
  if (total_bytes > std::numeric_limits<int32_t>::max() - static_cast<int64_t>(data_size)) {
    return Status::Invalid("byte arrays: {} + {} bytes pass the 2 GiB limit of int32 offsets",
                           data_size, total_bytes);
  }
  const size_t offsets_size = out.offsets->size();
  RETURN_NOT_OK(out.offsets->Resize(offsets_size + static_cast<size_t>(n) * sizeof(int32_t)));
  RETURN_NOT_OK(out.data->Resize(data_size + static_cast<size_t>(total_bytes)));
  return ByteArrayAppendSpan{
      .offsets = reinterpret_cast<int32_t*>(out.offsets->mutable_data() + offsets_size),
      .data = out.data->mutable_data() + data_size,
      .data_base = static_cast<int32_t>(data_size)};
}

}  // namespace strata::parquet
