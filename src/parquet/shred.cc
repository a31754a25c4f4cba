// Shredding walks one leaf's path node by node over all entries at once,
// rather than row by row: a struct step costs nothing (children are aligned
// with their parent), a nullable step one pass when nulls exist, a list step
// one pass that fans entries out to their elements. Each entry keeps the row
// it has reached in the current node's vector until it ends at a null or
// empty node; its definition level is written then, or at the leaf.
#include "parquet/shred.h"

#include <numeric>
#include <utility>

#include "columnar/compute.h"

namespace strata::parquet {
namespace {

// Pushes the step of a node of type `type` named `name` (its dotted path)
// onto `prefix` and appends one path to `out` per leaf below it.
Status AddPaths(const TypePtr& type, const std::string& name, bool nullable,
                std::vector<ShredStep>* prefix, std::vector<LeafShredPath>* out);

Status AddChild(const TypePtr& type, const std::string& name, bool nullable,
                std::vector<ShredStep>* prefix, std::vector<LeafShredPath>* out) {
  const size_t depth = prefix->size();
  Status status = AddPaths(type, name, nullable, prefix, out);
  prefix->resize(depth);
  return status;
}

LeafShredPath MakeLeafPath(std::vector<ShredStep> steps) {
  LeafShredPath path;
  for (const ShredStep& step : steps) {
    path.max_definition_level += static_cast<int16_t>(step.nullable);
    if (step.kind == ShredStep::Kind::kList) {
      ++path.max_definition_level;
      ++path.max_repetition_level;
    }
  }
  path.steps = std::move(steps);
  return path;
}

Status AddPaths(const TypePtr& type, const std::string& name, bool nullable,
                std::vector<ShredStep>* prefix, std::vector<LeafShredPath>* out) {
  const size_t self = prefix->size();
  prefix->push_back(ShredStep{.nullable = nullable, .name = name});
  switch (type->id()) {
    case TypeId::kStruct:
      if (type->num_fields() == 0) {
        return Status::Invalid("column '{}': a struct with no fields cannot be written to Parquet",
                               name);
      }
      (*prefix)[self].kind = ShredStep::Kind::kStruct;
      for (int i = 0; i < type->num_fields(); ++i) {
        (*prefix)[self].child = i;
        const Field& field = type->field(i);
        RETURN_NOT_OK(AddChild(field.type, name + "." + field.name, field.nullable, prefix, out));
      }
      return Status::OK();
    case TypeId::kList: {
      (*prefix)[self].kind = ShredStep::Kind::kList;
      const Field& element = type->field(0);
      return AddChild(element.type, name + ".list.element", element.nullable, prefix, out);
    }
    case TypeId::kMap: {
      (*prefix)[self].kind = ShredStep::Kind::kList;
      const Field& entries = type->field(0);
      prefix->push_back(ShredStep{.kind = ShredStep::Kind::kStruct, .name = name + ".key_value"});
      const Field& key = entries.type->field(0);
      RETURN_NOT_OK(AddChild(key.type, name + ".key_value.key", false, prefix, out));
      prefix->back().child = 1;
      const Field& value = entries.type->field(1);
      return AddChild(value.type, name + ".key_value.value", value.nullable, prefix, out);
    }
    default: out->push_back(MakeLeafPath(*prefix)); return Status::OK();
  }
}

}  // namespace

bool LeafShredPath::flat() const {
  for (size_t i = 0; i + 1 < steps.size(); ++i) {
    if (steps[i].kind != ShredStep::Kind::kStruct || steps[i].nullable) return false;
  }
  return true;
}

Result<std::vector<LeafShredPath>> ShredPaths(const Field& field) {
  std::vector<LeafShredPath> out;
  std::vector<ShredStep> prefix;
  RETURN_NOT_OK(AddPaths(field.type, field.name, field.nullable, &prefix, &out));
  return out;
}

Result<const ColumnVector*> FlatLeafVector(const LeafShredPath& path, const VectorPtr& column) {
  const ColumnVector* vector = column.get();
  for (size_t i = 0; i + 1 < path.steps.size(); ++i) {
    // Every row of a required struct on a flat path is reached.
    if (vector->null_count() != 0) {
      return Status::Invalid("'{}' is not nullable but holds a null", path.steps[i].name);
    }
    vector = vector->child(path.steps[i].child).get();
  }
  return vector;
}

Status LeafShredder::Shred(const LeafShredPath& path, const VectorPtr& column, ShreddedLeaf* out) {
  const auto rows = static_cast<size_t>(column->length());
  index_.resize(rows);
  std::iota(index_.begin(), index_.end(), int64_t{0});
  out->def_levels.assign(rows, 0);
  out->rep_levels.clear();
  if (path.max_repetition_level > 0) out->rep_levels.assign(rows, 0);
  const VectorPtr* vector = &column;
  int16_t def_level = 0;
  int16_t rep_level = 0;
  for (const ShredStep& step : path.steps) {
    if (step.nullable) {
      ++def_level;
      ApplyValidity(**vector, def_level, out);
    } else {
      RETURN_NOT_OK(CheckRequired(**vector, step));
    }
    switch (step.kind) {
      case ShredStep::Kind::kStruct: vector = &(*vector)->child(step.child); break;
      case ShredStep::Kind::kList:
        ++def_level;
        ++rep_level;
        Expand(**vector, def_level, rep_level, out);
        vector = &(*vector)->child(0);
        break;
      case ShredStep::Kind::kLeaf: break;
    }
  }
  DCHECK(def_level == path.max_definition_level && rep_level == path.max_repetition_level);
  ASSIGN_OR_RETURN(out->values, CollectValues(*vector, def_level, out));
  return Status::OK();
}

// Entries at a null row of `vector` end here, one level short of present.
void LeafShredder::ApplyValidity(const ColumnVector& vector, int16_t present_level,
                                 ShreddedLeaf* out) {
  if (vector.null_count() == 0) return;
  for (size_t k = 0; k < index_.size(); ++k) {
    if (index_[k] >= 0 && vector.IsNull(index_[k])) {
      index_[k] = -1;
      out->def_levels[k] = static_cast<int16_t>(present_level - 1);
    }
  }
}

// A null is fine in a required node only where no entry reaches it, e.g.
// under a null parent.
Status LeafShredder::CheckRequired(const ColumnVector& vector, const ShredStep& step) const {
  if (vector.null_count() == 0) return Status::OK();
  for (int64_t row : index_) {
    if (row >= 0 && vector.IsNull(row)) {
      return Status::Invalid("'{}' is not nullable but holds a null", step.name);
    }
  }
  return Status::OK();
}

// Fans each entry at a list row out to one entry per element; the first
// keeps the entry's repetition level, the others repeat at `rep_level`. An
// empty list ends its entry one level short of `def_level`.
void LeafShredder::Expand(const ColumnVector& list, int16_t def_level, int16_t rep_level,
                          ShreddedLeaf* out) {
  next_index_.clear();
  next_def_.clear();
  next_rep_.clear();
  for (size_t k = 0; k < index_.size(); ++k) {
    const int64_t row = index_[k];
    const ValueRange range = row >= 0 ? list.ListRange(row) : ValueRange{0, 0};
    if (range.size() == 0) {
      next_index_.push_back(-1);
      next_def_.push_back(row >= 0 ? static_cast<int16_t>(def_level - 1) : out->def_levels[k]);
      next_rep_.push_back(out->rep_levels[k]);
      continue;
    }
    for (int64_t j = range.begin; j < range.end; ++j) {
      next_index_.push_back(j);
      next_def_.push_back(0);  // Set when the entry ends.
      next_rep_.push_back(j == range.begin ? out->rep_levels[k] : rep_level);
    }
  }
  index_.swap(next_index_);
  out->def_levels.swap(next_def_);
  out->rep_levels.swap(next_rep_);
}

// Entries still present at the leaf hold a value: they get `max_def`, and
// their rows become the values, sliced when adjacent.
Result<VectorPtr> LeafShredder::CollectValues(const VectorPtr& leaf, int16_t max_def,
                                              ShreddedLeaf* out) {
  value_rows_.clear();
  bool adjacent = true;
  for (size_t k = 0; k < index_.size(); ++k) {
    if (index_[k] < 0) continue;
    out->def_levels[k] = max_def;
    adjacent &= value_rows_.empty() || index_[k] == value_rows_.back() + 1;
    value_rows_.push_back(index_[k]);
  }
  if (value_rows_.empty()) return leaf->Slice(0, 0);
  if (adjacent) {
    return leaf->Slice(value_rows_.front(), static_cast<int64_t>(value_rows_.size()));
  }
  return Take(leaf, value_rows_);
}

}  // namespace strata::parquet
