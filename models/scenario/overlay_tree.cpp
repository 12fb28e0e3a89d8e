#include "models/scenario/overlay_tree.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "models/scenario/yaml_document.hpp"

namespace flowsim::scenario {

namespace {

SourceLocation location_of(const YAML::Mark& mark, const std::string& file) {
  if (mark.is_null()) return SourceLocation{file, 0, 0};
  return SourceLocation{file, mark.line + 1, mark.column + 1};
}

// Checks, before anything is copied, that a node can be copied into a tree:
// keys are plain text, and aliases, expanded, neither nest more than
// kMaxTreeDepth levels deep nor give more than kMaxTreeNodes values. It
// reports exactly the error a copy that checked as it went would meet
// first, but without expanding what it has seen before: an anchored node
// already walked without error has a known size and height, so an alias to
// it costs one step. An alias inside its own anchor (a cycle) or an alias
// bomb is therefore rejected in a few thousand steps rather than after
// copying hundreds of thousands of values (found by fuzz/overlay_fuzzer:
// such inputs took seconds each).
class ExpansionCheck {
 public:
  ExpansionCheck(const std::string& file, Diagnostics& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  static constexpr int kMaxTreeDepth = 600;

  // Returns false after reporting the first problem.
  bool check(const YAML::Node& node) { return walk(node, 0).has_value(); }

 private:
  struct Extent {
    std::size_t nodes = 1;  // values once aliases are expanded, the node included
    int height = 0;         // levels below the node
  };
  struct Walked {
    YAML::Node node;
    Extent extent;
  };

  // The size and height of 'node' when it was walked before without error.
  [[nodiscard]] const Extent* walked(const YAML::Node& node) const {
    const auto bucket = walked_.find(mark_key(node));
    if (bucket == walked_.end()) return nullptr;
    for (const auto& seen : bucket->second)
      if (seen.node.is(node)) return &seen.extent;
    return nullptr;
  }
  static std::pair<int, int> mark_key(const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    return {mark.line, mark.column};
  }

  // The expansion of 'node' entered at 'depth'; nothing after an error.
  std::optional<Extent> walk(const YAML::Node& node, int depth) {
    // yaml-cpp's parser stops written nesting at 500 levels, so anything
    // deeper comes from aliases, usually one inside its own anchor
    // (&me [1, *me]), which makes yaml-cpp's node graph a cycle.
    if (depth > kMaxTreeDepth) {
      diagnostics_.error(location_of(node.Mark(), file_), "",
                         fmt::format("aliases nest more than {} levels deep: an alias (*name) "
                                     "inside its own anchor (&name) refers to itself",
                                     kMaxTreeDepth));
      return std::nullopt;
    }
    if (!node.IsSequence() && !node.IsMap()) return count(node, Extent{});
    if (const Extent* seen = walked(node)) {
      // Safe to skip only when no node below would break a limit.
      if (depth + seen->height <= kMaxTreeDepth && count_ + seen->nodes <= kMaxTreeNodes) {
        count_ += seen->nodes;
        return *seen;
      }
    }
    auto extent = count(node, Extent{});
    if (!extent) return std::nullopt;
    const auto add = [&](const YAML::Node& child) {
      const auto below = walk(child, depth + 1);
      if (!below) return false;
      extent->nodes += below->nodes;
      extent->height = std::max(extent->height, below->height + 1);
      return true;
    };
    if (node.IsSequence()) {
      for (const auto& item : node)
        if (!add(item)) return std::nullopt;
    } else {
      for (const auto& entry : node) {
        if (!entry.first.IsScalar()) {
          diagnostics_.error(
              location_of(entry.first.Mark(), file_), "",
              fmt::format("expected a plain key, got {}", entry.first.IsMap() ? "a map" : "a list"));
          return std::nullopt;
        }
        if (!add(entry.second)) return std::nullopt;
      }
    }
    walked_[mark_key(node)].push_back(Walked{node, *extent});
    return extent;
  }

  // Counts the node itself.
  std::optional<Extent> count(const YAML::Node& node, Extent extent) {
    if (++count_ <= kMaxTreeNodes) return extent;
    diagnostics_.error(location_of(node.Mark(), file_), "",
                       fmt::format("the document has more than {} values once aliases are "
                                   "expanded",
                                   kMaxTreeNodes));
    return std::nullopt;
  }

  const std::string& file_;
  Diagnostics& diagnostics_;
  std::size_t count_ = 0;
  std::map<std::pair<int, int>, std::vector<Walked>> walked_;
};

// Copies a node that ExpansionCheck accepted; aliases become copies.
void copy_tree(const YAML::Node& node, const std::string& file, TreeNode& out) {
  out.origin = location_of(node.Mark(), file);
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      out.kind = TreeNode::Kind::Scalar;
      out.scalar = node.Scalar();
      out.quoted = node.Tag() == "!";
      return;
    case YAML::NodeType::Sequence:
      out.kind = TreeNode::Kind::Sequence;
      out.items.reserve(node.size());
      for (const auto& item : node) copy_tree(item, file, out.items.emplace_back());
      return;
    case YAML::NodeType::Map:
      out.kind = TreeNode::Kind::Map;
      out.entries.reserve(node.size());
      for (const auto& entry : node) {
        out.entries.push_back(
            TreeEntry{entry.first.Scalar(), location_of(entry.first.Mark(), file), TreeNode{}});
        copy_tree(entry.second, file, out.entries.back().value);
      }
      return;
    default: out.kind = TreeNode::Kind::Null; return;
  }
}

bool all_scalars(const TreeNode& node) {
  if (node.is_sequence())
    return std::all_of(node.items.begin(), node.items.end(),
                       [](const TreeNode& item) { return !item.is_map() && !item.is_sequence(); });
  return std::all_of(node.entries.begin(), node.entries.end(), [](const TreeEntry& entry) {
    return !entry.value.is_map() && !entry.value.is_sequence();
  });
}

void emit(YAML::Emitter& out, const TreeNode& node, bool all_flow) {
  switch (node.kind) {
    case TreeNode::Kind::Null: out << YAML::Null; return;
    case TreeNode::Kind::Scalar:
      if (node.quoted) out << YAML::DoubleQuoted;
      out << node.scalar;
      return;
    case TreeNode::Kind::Sequence:
      if (all_flow || all_scalars(node)) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const auto& item : node.items) emit(out, item, all_flow);
      out << YAML::EndSeq;
      return;
    case TreeNode::Kind::Map:
      if (all_flow || all_scalars(node)) out << YAML::Flow;
      out << YAML::BeginMap;
      for (const auto& entry : node.entries) {
        out << YAML::Key << entry.key << YAML::Value;
        emit(out, entry.value, all_flow);
      }
      out << YAML::EndMap;
      return;
  }
}

}  // namespace

TreeNode* TreeNode::find(const std::string& key) {
  for (auto& entry : entries)
    if (entry.key == key) return &entry.value;
  return nullptr;
}

const TreeNode* TreeNode::find(const std::string& key) const {
  for (const auto& entry : entries)
    if (entry.key == key) return &entry.value;
  return nullptr;
}

std::vector<std::string> TreeNode::keys() const {
  std::vector<std::string> names;
  for (const auto& entry : entries) names.push_back(entry.key);
  return names;
}

std::optional<TreeNode> tree_from_yaml(const YAML::Node& node, const std::string& file,
                                       Diagnostics& diagnostics) {
  if (!ExpansionCheck(file, diagnostics).check(node)) return std::nullopt;
  TreeNode tree;
  copy_tree(node, file, tree);
  return tree;
}

std::optional<TreeNode> parse_tree(const std::string& text, const std::string& file,
                                   Diagnostics& diagnostics) {
  const auto document = read_yaml_document(text, file, diagnostics);
  if (!document) return std::nullopt;
  return tree_from_yaml(*document, file, diagnostics);
}

std::string tree_to_yaml(const TreeNode& tree) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, tree, false);
  return std::string(out.c_str()) + "\n";
}

std::string tree_to_flow_yaml(const TreeNode& tree) {
  YAML::Emitter out;
  emit(out, tree, true);
  return out.c_str();
}

OriginMap::OriginMap(const TreeNode& tree, const std::string& yaml_text) {
  // The text was generated from the tree and the loader has read it; should
  // it not parse, the map stays empty and locations pass through unchanged.
  try {
    walk(tree, YAML::Load(yaml_text));
  } catch (const YAML::Exception&) {
    by_position_.clear();
  }
}

void OriginMap::record(const YAML::Node& generated, const SourceLocation& origin) {
  const YAML::Mark mark = generated.Mark();
  if (mark.is_null()) return;
  // A block map starts where its first key does; the outer node, recorded
  // first, keeps the position.
  by_position_.emplace(std::pair{mark.line + 1, mark.column + 1}, origin);
}

void OriginMap::walk(const TreeNode& tree, const YAML::Node& generated) {
  record(generated, tree.origin);
  if (tree.is_sequence() && generated.IsSequence()) {
    for (std::size_t i = 0; i < tree.items.size() && i < generated.size(); ++i)
      walk(tree.items[i], generated[i]);
  } else if (tree.is_map() && generated.IsMap()) {
    std::size_t i = 0;
    for (const auto& entry : generated) {
      if (i >= tree.entries.size()) break;
      record(entry.first, tree.entries[i].key_origin);
      walk(tree.entries[i].value, entry.second);
      ++i;
    }
  }
}

SourceLocation OriginMap::origin_of(const SourceLocation& location) const {
  if (by_position_.empty()) return location;
  auto found = by_position_.upper_bound(std::pair{location.line, location.column});
  if (found != by_position_.begin()) --found;
  return found->second;
}

}  // namespace flowsim::scenario
