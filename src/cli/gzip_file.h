// A WritableFile that gzip-compresses (RFC 1952, one member) what is
// appended to it, streaming into another WritableFile: memory stays bounded
// by zlib's state and one output buffer, whatever the amount written.
#pragma once

#include <memory>

#include "common/result.h"
#include "io/file_system.h"

namespace strata::cli {

inline constexpr int kDefaultGzipLevel = 6;

// Wraps `inner`, which the result owns and closes. Close() finishes the gzip
// member (trailer included) and then closes `inner`; a file dropped without
// Close() leaves `inner` truncated mid-stream.
// REQUIRES: `inner` is open; 0 <= level <= 9 (else Invalid).
Result<std::unique_ptr<WritableFile>> MakeGzipWritableFile(std::unique_ptr<WritableFile> inner,
                                                           int level = kDefaultGzipLevel);

}  // namespace strata::cli
