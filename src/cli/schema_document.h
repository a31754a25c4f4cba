// Internal to the schema-file reader: a JSON or YAML document as one small
// tree, so that the schema file is validated once whatever its syntax.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace strata::cli {

struct DocNode {
  enum class Kind { kNull, kBool, kNumber, kString, kList, kMap };
  struct Entry;

  Kind kind = Kind::kNull;
  // Scalars as written; booleans as "true" or "false".
  std::string text;
  std::vector<DocNode> items;  // kList.
  std::vector<Entry> entries;  // kMap, in document order.

  // The value of `key` in a map, or nullptr.
  const DocNode* Find(std::string_view key) const;
  // For messages: what the node is, e.g. "a list", "the string 'x'".
  std::string Describe() const;
};

struct DocNode::Entry {
  std::string key;
  DocNode value;
};

// Both parsers fail with Invalid starting with `path`. JSON errors name
// simdjson's reason (it gives no location); YAML errors give line:column.
// A key repeated in one map is an error (neither parser checks that itself).
Result<DocNode> ParseJsonDocument(std::string_view text, const std::string& path);
// YAML plain scalars are strings except null (~, null, empty) and booleans
// (true, false in any case); quoted scalars are always strings. Anchors,
// aliases and several documents in one file are refused.
Result<DocNode> ParseYamlDocument(std::string_view text, const std::string& path);

}  // namespace strata::cli
