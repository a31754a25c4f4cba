// The FileSystem over the machine's own disks (POSIX calls).
#pragma once

#include <memory>

#include "io/file_system.h"

namespace strata {

// A FileSystem for local paths. It holds no state beyond the process, so any
// number may exist at once; files it opens may outlive it.
//
// Durability: WritableFile::Sync() fsyncs the file and, the first time, its
// directory; CreateIfAbsent, Rename and CreateDir fsync the directories they
// change. CreateIfAbsent writes `<dir>/.strata-tmp-<pid>-<n>-<random>`, syncs
// it, then link(2)s it to the target (renameat2 RENAME_NOREPLACE where hard
// links are unsupported) and always removes the temporary.
std::unique_ptr<FileSystem> NewLocalFileSystem();

}  // namespace strata
