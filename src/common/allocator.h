// Process-wide tuning of the C allocator for streaming workloads.
#pragma once

namespace strata {

// Keeps large freed blocks (read chunks, column buffers, encoded pages) in
// the heap for reuse instead of returning them to the OS on every free.
// glibc's defaults serve blocks above a moving threshold with a fresh
// mmap each time, and every first touch of such pages is a page fault
// plus the kernel zeroing the page: converting a 1 GB CSV spent more time
// there than in parsing numbers. Memory stays bounded by the peak in use;
// only freed memory above 256 MiB at the heap's top is given back.
// Call once, early in main(), before threads start. A no-op on other C
// libraries. Thread safety: not thread-safe.
void TuneAllocatorForStreaming();

}  // namespace strata
