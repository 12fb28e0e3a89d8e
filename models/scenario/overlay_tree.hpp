#pragma once
// An editable copy of a YAML document in which every node remembers where
// it came from (file, line, column). Overlays edit this tree; the result is
// written back to YAML text for the usual loader, and the loader's error
// positions in that text are mapped back to the file each node came from.
//
// Why not edit yaml-cpp nodes directly: an alias (*los_p0) shares one node
// with its anchor, so editing one would silently edit the other, and nodes
// built through yaml-cpp's public API carry no position or file name.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "models/scenario/diagnostics.hpp"

namespace flowsim::scenario {

struct TreeEntry;

struct TreeNode {
  enum class Kind { Null, Scalar, Sequence, Map };
  Kind kind = Kind::Null;
  std::string scalar;              // Kind::Scalar
  bool quoted = false;             // written in quotes: keep them, "no" stays text
  std::vector<TreeNode> items;     // Kind::Sequence
  std::vector<TreeEntry> entries;  // Kind::Map, in document order
  SourceLocation origin;

  [[nodiscard]] bool is_map() const { return kind == Kind::Map; }
  [[nodiscard]] bool is_sequence() const { return kind == Kind::Sequence; }
  [[nodiscard]] bool is_scalar() const { return kind == Kind::Scalar; }
  // The first entry with this key (a repeated key is reported by the loader).
  [[nodiscard]] TreeNode* find(const std::string& key);
  [[nodiscard]] const TreeNode* find(const std::string& key) const;
  [[nodiscard]] std::vector<std::string> keys() const;
};

struct TreeEntry {
  std::string key;
  SourceLocation key_origin;
  TreeNode value;
};

// Copies a parsed YAML node; aliases become independent copies. Returns
// nothing and reports an error when a key is not plain text or the
// document, aliases expanded, exceeds kMaxTreeNodes.
inline constexpr std::size_t kMaxTreeNodes = 2'000'000;
[[nodiscard]] std::optional<TreeNode> tree_from_yaml(const YAML::Node& node, const std::string& file,
                                                     Diagnostics& diagnostics);

// Parses YAML text into a tree; reports invalid YAML with its position.
[[nodiscard]] std::optional<TreeNode> parse_tree(const std::string& text, const std::string& file,
                                                 Diagnostics& diagnostics);

// Block YAML; a collection of scalars only is written in flow style on one
// line ({dist: lognormal, mean: 3.5, ...}), as scenarios are usually written.
[[nodiscard]] std::string tree_to_yaml(const TreeNode& tree);
// The whole node on one line, for change listings.
[[nodiscard]] std::string tree_to_flow_yaml(const TreeNode& tree);

// Where each node of 'tree' lands in 'yaml_text' (which must be
// tree_to_yaml(tree)), as a lookup from (line, column) in that text to the
// node's origin. Keys and values are both recorded.
class OriginMap {
 public:
  OriginMap(const TreeNode& tree, const std::string& yaml_text);
  // The origin of the node at 'location' in the generated text; the nearest
  // node before it when no node starts there exactly.
  [[nodiscard]] SourceLocation origin_of(const SourceLocation& location) const;

 private:
  void record(const YAML::Node& generated, const SourceLocation& origin);
  void walk(const TreeNode& tree, const YAML::Node& generated);
  std::map<std::pair<int, int>, SourceLocation> by_position_;
};

}  // namespace flowsim::scenario
