#pragma once
// Key paths into a scenario tree, as overlays write them:
//   units.acute.capacity          map keys, separated by dots
//   units.*.los                   '*' matches every key of a map
//   exits[2], components[*]       a list item, or every item of a list
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/overlay_tree.hpp"

namespace flowsim::scenario {

struct PathStep {
  enum class Kind { Key, AnyKey, Index, AnyIndex };
  Kind kind = Kind::Key;
  std::string key;        // Kind::Key
  std::size_t index = 0;  // Kind::Index
};

using KeyPath = std::vector<PathStep>;

// Returns the steps, or nothing with the reason in 'error'.
[[nodiscard]] std::optional<KeyPath> parse_key_path(const std::string& text, std::string& error);
[[nodiscard]] std::string format_key_path(const KeyPath& path);

// One node a path matched: the container holding it and its position there
// (an entry index of a map or an item index of a list), and the concrete
// path with every '*' replaced by the key or index it matched.
struct PathMatch {
  TreeNode* container = nullptr;  // null for the root itself
  std::size_t position = 0;
  TreeNode* node = nullptr;
  std::string path;
};

// Every node the path matches, in document order. A '*' branch in which the
// rest of the path is missing is skipped; the result is empty only when
// the path matches nothing anywhere.
[[nodiscard]] std::vector<PathMatch> match_key_path(TreeNode& root, const KeyPath& path);

// Why a path matches nothing: the first step that fails and what is there
// instead, with a suggestion for a misspelt key.
[[nodiscard]] std::string explain_no_match(TreeNode& root, const KeyPath& path);

}  // namespace flowsim::scenario
