// Each node is built from the levels of the first leaf under it. Its
// instances are the level positions where one of its values starts: the
// rows (rep == 0) at the top, the elements of each list below a list. A
// struct's children share its instances, but a child whose first leaf is a
// different leaf finds them anew in that leaf's levels, walking down from
// the top through the same lists.
#include "parquet/assemble.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "columnar/bit_util.h"
#include "columnar/compute.h"

namespace strata::parquet {
namespace {

using Positions = std::vector<int64_t>;

struct LeafLevels {
  const int16_t* def = nullptr;
  const int16_t* rep = nullptr;  // Null when the leaf has no repetition.
  int64_t size = 0;
};

class Assembler {
 public:
  Assembler(std::span<const LeveledChunk> chunks, int first_leaf, int64_t num_rows)
      : chunks_(chunks), first_leaf_(first_leaf), num_rows_(num_rows) {}

  Result<VectorPtr> Run(const LevelNode& root) {
    ASSIGN_OR_RETURN(Positions rows, RootPositions(root.first_leaf));
    return Build(root, rows);
  }

 private:
  Result<LeafLevels> LevelsOf(int leaf) const {
    const int64_t i = leaf - first_leaf_;
    if (i < 0 || i >= static_cast<int64_t>(chunks_.size())) {
      return Status::Internal("leaf {} is not among the field's chunks", leaf);
    }
    const LeveledChunk& chunk = chunks_[static_cast<size_t>(i)];
    if (chunk.slots == nullptr) return Status::Internal("leaf {} was not read", leaf);
    LeafLevels levels{.def = chunk.def_levels->data_as<int16_t>(),
                      .rep = chunk.rep_levels ? chunk.rep_levels->data_as<int16_t>() : nullptr,
                      .size = chunk.slots->length()};
    return levels;
  }

  // The rows' first positions in the levels of `leaf`.
  Result<Positions> RootPositions(int leaf) const {
    ASSIGN_OR_RETURN(const LeafLevels levels, LevelsOf(leaf));
    Positions rows;
    rows.reserve(static_cast<size_t>(num_rows_));
    for (int64_t i = 0; i < levels.size; ++i) {
      if (levels.rep == nullptr || levels.rep[i] == 0) rows.push_back(i);
    }
    if (static_cast<int64_t>(rows.size()) != num_rows_ ||
        (levels.size > 0 && (rows.empty() || rows[0] != 0))) {
      return Status::Corruption("the levels of leaf {} describe {} rows, not {}",
                                leaf - first_leaf_, rows.size(), num_rows_);
    }
    return rows;
  }

  Result<VectorPtr> Build(const LevelNode& node, const Positions& at);
  Result<VectorPtr> BuildLeaf(const LevelNode& node, const Positions& at);
  Result<VectorPtr> BuildStruct(const LevelNode& node, const Positions& at);
  Result<VectorPtr> BuildList(const LevelNode& node, const Positions& at);
  Result<Positions> PositionsIn(int leaf) const;
  Status CheckSameNulls(const LevelNode& node, const LeafLevels& levels, const Positions& at,
                        int other_leaf, const Positions& other_at) const;

  std::span<const LeveledChunk> chunks_;
  const int first_leaf_;
  const int64_t num_rows_;
  std::vector<const LevelNode*> parents_;  // From the top to the node being built.
};

bool SameRepetition(const LeafLevels& a, const LeafLevels& b) {
  if (a.size != b.size) return false;
  if (a.rep == nullptr || b.rep == nullptr) return a.rep == b.rep;
  return std::memcmp(a.rep, b.rep, static_cast<size_t>(a.size) * sizeof(int16_t)) == 0;
}

// With equal repetition levels, two leaves under `node` describe the same
// instances of it and of everything above when their definition levels
// agree up to node's: then `at` serves both.
Status CheckSameStructure(const LevelNode& node, const LeafLevels& a, const LeafLevels& b) {
  const int16_t cap = node.def_level;
  for (int64_t i = 0; i < a.size; ++i) {
    if (std::min(a.def[i], cap) != std::min(b.def[i], cap)) {
      return Status::Corruption("the leaves of '{}' disagree at level {}", node.name, i);
    }
  }
  return Status::OK();
}

// The validity bitmap of instances `at` (set where def >= level), or null
// when all are valid.
Result<BufferPtr> Validity(const int16_t* def, const Positions& at, int16_t level,
                           int64_t* null_count) {
  *null_count = 0;
  for (int64_t p : at) *null_count += def[p] < level ? 1 : 0;
  if (*null_count == 0) return BufferPtr();
  ASSIGN_OR_RETURN(auto bits, Buffer::Allocate(static_cast<size_t>(
                                  bit_util::BytesForBits(static_cast<int64_t>(at.size())))));
  for (size_t i = 0; i < at.size(); ++i) {
    if (def[at[i]] >= level) bit_util::SetBit(bits->mutable_data(), static_cast<int64_t>(i));
  }
  return BufferPtr(std::move(bits));
}

// The element positions of the list instances `at`; with `offsets`, also
// each instance's end offset into them.
Result<Positions> ElementPositions(const LevelNode& list, const LeafLevels& levels,
                                   const Positions& at, std::vector<int32_t>* offsets) {
  if (levels.rep == nullptr && levels.size > 0) {
    return Status::Corruption("a list leaf has no repetition levels");
  }
  Positions elements;
  // Elements are levels: reserving them all saves regrowing a large vector.
  elements.reserve(static_cast<size_t>(levels.size));
  for (int64_t p : at) {
    int64_t q = p + 1;
    if (levels.def[p] >= list.element_def) {
      elements.push_back(p);
      for (; q < levels.size && levels.rep[q] >= list.rep_level; ++q) {
        // Every level inside a list's span belongs to one of its elements.
        if (levels.def[q] < list.element_def) {
          return Status::Corruption("level {} continues a list its definition level ends", q);
        }
        if (levels.rep[q] == list.rep_level) elements.push_back(q);
      }
    } else if (q < levels.size && levels.rep[q] >= list.rep_level) {
      return Status::Corruption("level {} repeats inside a null or empty list", q);
    }
    if (elements.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
      return Status::NotImplemented("more than 2^31 list elements in one row group");
    }
    if (offsets != nullptr) offsets->push_back(static_cast<int32_t>(elements.size()));
  }
  return elements;
}

Result<Positions> Assembler::PositionsIn(int leaf) const {
  ASSIGN_OR_RETURN(const LeafLevels levels, LevelsOf(leaf));
  ASSIGN_OR_RETURN(Positions at, RootPositions(leaf));
  for (const LevelNode* parent : parents_) {
    if (parent->kind == LevelNode::Kind::kList || parent->kind == LevelNode::Kind::kMap) {
      ASSIGN_OR_RETURN(at, ElementPositions(*parent, levels, at, nullptr));
    }
  }
  return at;
}

Result<VectorPtr> Assembler::Build(const LevelNode& node, const Positions& at) {
  switch (node.kind) {
    case LevelNode::Kind::kLeaf: return BuildLeaf(node, at);
    case LevelNode::Kind::kStruct: return BuildStruct(node, at);
    case LevelNode::Kind::kList:
    case LevelNode::Kind::kMap: return BuildList(node, at);
  }
  return Status::Internal("unknown layout node");
}

Result<VectorPtr> Assembler::BuildLeaf(const LevelNode& node, const Positions& at) {
  const VectorPtr& slots = chunks_[static_cast<size_t>(node.leaf - first_leaf_)].slots;
  // Positions only grow, so as many as there are slots means all of them.
  if (static_cast<int64_t>(at.size()) == slots->length()) return slots;
  return Take(slots, at);
}

// Leaves under one struct must agree on where it is null: the struct's
// validity comes from its first leaf, the child's values from its own.
Status Assembler::CheckSameNulls(const LevelNode& node, const LeafLevels& levels,
                                 const Positions& at, int other_leaf,
                                 const Positions& other_at) const {
  ASSIGN_OR_RETURN(const LeafLevels other, LevelsOf(other_leaf));
  if (other_at.size() != at.size()) {
    return Status::Corruption("the leaves of '{}' disagree on its values ({} and {})", node.name,
                              at.size(), other_at.size());
  }
  for (size_t i = 0; i < at.size(); ++i) {
    if ((levels.def[at[i]] >= node.def_level) != (other.def[other_at[i]] >= node.def_level)) {
      return Status::Corruption("the leaves of '{}' disagree on its nulls", node.name);
    }
  }
  return Status::OK();
}

Result<VectorPtr> Assembler::BuildStruct(const LevelNode& node, const Positions& at) {
  ASSIGN_OR_RETURN(const LeafLevels levels, LevelsOf(node.first_leaf));
  int64_t null_count = 0;
  ASSIGN_OR_RETURN(BufferPtr validity, Validity(levels.def, at, node.def_level, &null_count));
  std::vector<VectorPtr> children;
  parents_.push_back(&node);
  for (const LevelNode& child : node.children) {
    Positions own;
    // Sibling leaves usually repeat alike: equal repetition levels give
    // equal positions, found without another walk from the top.
    bool same = child.first_leaf == node.first_leaf;
    if (!same) {
      ASSIGN_OR_RETURN(const LeafLevels theirs, LevelsOf(child.first_leaf));
      same = SameRepetition(levels, theirs);
      if (same) {
        RETURN_NOT_OK(CheckSameStructure(node, levels, theirs));
      } else {
        ASSIGN_OR_RETURN(own, PositionsIn(child.first_leaf));
        RETURN_NOT_OK(CheckSameNulls(node, levels, at, child.first_leaf, own));
      }
    }
    const Positions& child_at = same ? at : own;
    ASSIGN_OR_RETURN(VectorPtr vector, Build(child, child_at));
    if (vector->length() != static_cast<int64_t>(at.size())) {
      return Status::Corruption("the leaves of '{}' disagree on its values ({} and {})", node.name,
                                at.size(), vector->length());
    }
    children.push_back(std::move(vector));
  }
  parents_.pop_back();
  return ColumnVector::Make(node.type, static_cast<int64_t>(at.size()), {std::move(validity)},
                            std::move(children), null_count);
}

Result<VectorPtr> Assembler::BuildList(const LevelNode& node, const Positions& at) {
  ASSIGN_OR_RETURN(const LeafLevels levels, LevelsOf(node.first_leaf));
  int64_t null_count = 0;
  ASSIGN_OR_RETURN(BufferPtr validity, Validity(levels.def, at, node.def_level, &null_count));
  std::vector<int32_t> offsets{0};
  offsets.reserve(at.size() + 1);
  ASSIGN_OR_RETURN(const Positions elements, ElementPositions(node, levels, at, &offsets));
  parents_.push_back(&node);
  ASSIGN_OR_RETURN(VectorPtr child, Build(node.children[0], elements));
  parents_.pop_back();
  ASSIGN_OR_RETURN(auto offsets_buffer,
                   Buffer::CopyOf(std::span(reinterpret_cast<const uint8_t*>(offsets.data()),
                                            offsets.size() * sizeof(int32_t))));
  return ColumnVector::Make(node.type, static_cast<int64_t>(at.size()),
                            {std::move(validity), BufferPtr(std::move(offsets_buffer))},
                            {std::move(child)}, null_count);
}

void CollectLeaves(const LevelNode& node, std::vector<int>* leaves) {
  if (node.kind == LevelNode::Kind::kLeaf) leaves->push_back(node.leaf);
  for (const LevelNode& child : node.children) CollectLeaves(child, leaves);
}

// The first component of `path` and the rest ("" when there is none).
std::pair<std::string, std::string> SplitPath(const std::string& path) {
  const size_t dot = path.find('.');
  if (dot == std::string::npos) return {path, ""};
  return {path.substr(0, dot), path.substr(dot + 1)};
}

Result<LevelNode> Prune(const LevelNode& node, const std::vector<std::string>& paths);

Result<LevelNode> PruneStruct(const LevelNode& node, const std::vector<std::string>& paths) {
  LevelNode out = node;
  out.children.clear();
  std::vector<Field> fields;
  for (const LevelNode& child : node.children) {
    std::vector<std::string> below;
    bool whole = false;
    for (const std::string& path : paths) {
      auto [head, rest] = SplitPath(path);
      if (head != child.name) continue;
      whole |= rest.empty();
      if (!rest.empty()) below.push_back(std::move(rest));
    }
    if (!whole && below.empty()) continue;
    LevelNode kept = child;
    if (!whole) {
      ASSIGN_OR_RETURN(kept, Prune(child, below));
    }
    fields.emplace_back(kept.name, kept.type, kept.nullable);
    out.children.push_back(std::move(kept));
  }
  for (const std::string& path : paths) {
    const std::string head = SplitPath(path).first;
    const bool found = std::any_of(node.children.begin(), node.children.end(),
                                   [&](const LevelNode& c) { return c.name == head; });
    if (!found) {
      std::vector<std::string> names;
      for (const LevelNode& c : node.children) names.push_back(c.name);
      return Status::NotFound("no member '{}' (members: {})", head, fmt::join(names, ", "));
    }
  }
  out.type = Struct(std::move(fields));
  out.first_leaf = out.children.front().first_leaf;
  return out;
}

Result<LevelNode> Prune(const LevelNode& node, const std::vector<std::string>& paths) {
  switch (node.kind) {
    case LevelNode::Kind::kLeaf:
      return Status::NotFound("'{}' has no member '{}'", node.name, paths.front());
    case LevelNode::Kind::kMap: return node;
    case LevelNode::Kind::kStruct: return PruneStruct(node, paths);
    case LevelNode::Kind::kList: break;
  }
  LevelNode out = node;
  ASSIGN_OR_RETURN(out.children[0], Prune(node.children[0], paths));
  const LevelNode& element = out.children[0];
  out.type = List(Field(element.name, element.type, element.nullable));
  out.first_leaf = element.first_leaf;
  return out;
}

}  // namespace

std::vector<int> LeavesOf(const LevelNode& layout) {
  std::vector<int> leaves;
  CollectLeaves(layout, &leaves);
  return leaves;
}

Result<LevelNode> PruneLayout(const LevelNode& field, const std::vector<std::string>& paths) {
  if (paths.empty()) return field;
  Result<LevelNode> pruned = Prune(field, paths);
  if (!pruned.ok()) return pruned.status().WithContext(fmt::format("column '{}'", field.name));
  return pruned;
}

Result<VectorPtr> AssembleField(const LevelNode& layout, std::span<const LeveledChunk> chunks,
                                int base_leaf, int64_t num_rows) {
  for (int leaf : LeavesOf(layout)) {
    const int64_t i = leaf - base_leaf;
    if (i < 0 || i >= static_cast<int64_t>(chunks.size()) ||
        chunks[static_cast<size_t>(i)].slots == nullptr ||
        chunks[static_cast<size_t>(i)].def_levels == nullptr) {
      return Status::Internal("leaf {} has no chunk to assemble", leaf);
    }
  }
  Assembler assembler(chunks, base_leaf, num_rows);
  ASSIGN_OR_RETURN(VectorPtr vector, assembler.Run(layout));
  RETURN_NOT_OK(vector->Validate());
  return vector;
}

}  // namespace strata::parquet
