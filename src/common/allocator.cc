#include "common/allocator.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace strata {

void TuneAllocatorForStreaming() {
#if defined(__GLIBC__)
  // Blocks below 32 MiB (glibc's largest allowed threshold) come from the
  // heap; setting it also stops glibc from moving it.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  // Grow the heap in 64 MiB steps: fewer brk calls; untouched pages cost
  // no memory.
  mallopt(M_TOP_PAD, 64 << 20);
#endif
}

}  // namespace strata
