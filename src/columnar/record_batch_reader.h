// RecordBatchReader: the stream of record batches every reader produces
// (Parquet scans, CSV and JSON readers) and every sink consumes.
#pragma once

#include "columnar/record_batch.h"
#include "columnar/schema.h"
#include "common/result.h"

namespace strata {

// A stream of record batches sharing one schema.
// Thread safety: none; one consumer at a time.
class RecordBatchReader {
 public:
  RecordBatchReader() = default;
  RecordBatchReader(const RecordBatchReader&) = delete;
  RecordBatchReader& operator=(const RecordBatchReader&) = delete;
  virtual ~RecordBatchReader() = default;

  virtual const SchemaPtr& schema() const = 0;
  // The next batch, or null at the end. After an error every further call
  // returns the same error.
  virtual Result<RecordBatchPtr> Next() = 0;
};

}  // namespace strata
