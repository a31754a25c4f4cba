// The reader's view of a footer schema. FromParquetSchema (schema.h) is all or
// nothing; a file reader needs more: a file whose column `e` is a list must
// still serve its flat columns, so problems confined to one top-level field
// are recorded against that field instead of failing the whole schema.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "parquet/schema.h"
#include "parquet/thrift/metadata.h"

namespace strata::parquet {

struct InterpretedSchema {
  // Every top-level field and every leaf, readable or not, so that leaf i
  // is column chunk i of each row group.
  ParquetSchema schema;
  // One per top-level field: OK, or why it cannot be read (NotImplemented
  // for nested columns and unsupported annotations, Corruption for invalid
  // ones), naming the column. A field that is not OK carries a best-effort
  // type: its nested type when it could be derived, else its leaf's plain
  // physical type, else binary.
  std::vector<Status> field_status;
};

// Interprets `elements` (FileMetaData.schema) leniently as described above.
// Errors: Corruption when the tree itself is malformed (no root, a child
// count that overruns the list or leaves elements over, an element with
// neither a type nor a children count, nesting deeper than 100).
Result<InterpretedSchema> InterpretParquetSchema(const std::vector<SchemaElement>& elements);

// The leaf's path joined with dots ("a.b.c"), as messages name columns.
std::string LeafName(const LeafColumn& leaf);

}  // namespace strata::parquet
