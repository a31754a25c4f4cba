// The reader's view of a footer schema. FromParquetSchema (schema.h) is all or
// nothing; a file reader needs more: a file whose column `e` is a list must
// still serve its flat columns, so problems confined to one top-level field
// are recorded against that field instead of failing the whole schema.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "columnar/types.h"
#include "common/result.h"
#include "common/status.h"
#include "parquet/schema.h"
#include "parquet/thrift/metadata.h"

namespace strata::parquet {

// How one node of a top-level field is rebuilt from the definition and
// repetition levels of the leaves under it (Dremel assembly). Levels count
// from the root: a level value is "def" or "rep" as stored in the pages.
struct LevelNode {
  enum class Kind : uint8_t { kLeaf, kStruct, kList, kMap };
  Kind kind = Kind::kLeaf;
  std::string name;  // The field name this node has in its parent.
  TypePtr type;
  bool nullable = false;
  // A value of this node is non-null where def >= def_level (for a
  // required node, the parent's level).
  int16_t def_level = 0;
  // List and map: an element exists where def >= element_def, and a level
  // with rep == rep_level starts the next element of the same list.
  int16_t element_def = 0;
  int16_t rep_level = 0;
  int leaf = -1;       // kLeaf: its index in ParquetSchema::leaves.
  int first_leaf = 0;  // The first leaf under this node.
  // Struct: the fields. List: the element. Map: the entries struct.
  std::vector<LevelNode> children;
};

struct InterpretedSchema {
  // Every top-level field and every leaf, readable or not, so that leaf i
  // is column chunk i of each row group.
  ParquetSchema schema;
  // One per top-level field: OK, or why it cannot be read (NotImplemented
  // for unsupported annotations, Corruption for invalid ones), naming the
  // column. A field that is not OK carries a best-effort
  // type: its nested type when it could be derived, else its leaf's plain
  // physical type, else binary.
  std::vector<Status> field_status;
  // One per top-level field: how its value is assembled (meaningful only
  // where field_status is OK).
  std::vector<LevelNode> layouts;
};

// Interprets `elements` (FileMetaData.schema) leniently as described above.
// Errors: Corruption when the tree itself is malformed (no root, a child
// count that overruns the list or leaves elements over, an element with
// neither a type nor a children count, nesting deeper than 100).
Result<InterpretedSchema> InterpretParquetSchema(const std::vector<SchemaElement>& elements);

// The leaf's path joined with dots ("a.b.c"), as messages name columns.
std::string LeafName(const LeafColumn& leaf);

}  // namespace strata::parquet
