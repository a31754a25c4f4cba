// Internal to the JSON reader: finding members by name in O(1). Objects with
// hundreds of members are common in JSON exports, so a linear scan per
// member would make a record cost quadratic time.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace strata::formats {

// Lets maps keyed by std::string be probed with a string_view.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
using ColumnIndex = std::unordered_map<std::string, int, StringHash, std::equal_to<>>;

// Names at positions 0, 1, ...: a struct's fields, or the members an
// inference node has seen. Thread safety: const methods are safe to share.
class NameIndex {
 public:
  int size() const { return static_cast<int>(names_.size()); }
  const std::string& name(int position) const { return names_[static_cast<size_t>(position)]; }

  // Adds `name` at position size(); returns its position. A name added
  // before keeps its first position (lookups take the first match, as for
  // a struct's duplicate field names).
  int Add(std::string_view name) {
    const auto [it, inserted] = positions_.emplace(std::string(name), size());
    if (inserted) names_.emplace_back(name);
    return it->second;
  }

  // The position of `name`, or -1. Records usually keep their members in
  // the same order, so `expected` (the position after the previous member
  // found) is tried first, which costs one comparison instead of a hash.
  int Find(std::string_view name, int expected) const {
    // names_ holds each name once, so a match is the name's position.
    if (expected >= 0 && expected < size() && names_[static_cast<size_t>(expected)] == name) {
      return expected;
    }
    const auto it = positions_.find(name);
    return it == positions_.end() ? -1 : it->second;
  }

 private:
  std::vector<std::string> names_;
  ColumnIndex positions_;
};

}  // namespace strata::formats
