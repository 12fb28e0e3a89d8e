#include "models/scenario/overlay_tree.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "models/scenario/yaml_document.hpp"

namespace flowsim::scenario {

namespace {

SourceLocation location_of(const YAML::Mark& mark, const std::string& file) {
  if (mark.is_null()) return SourceLocation{file, 0, 0};
  return SourceLocation{file, mark.line + 1, mark.column + 1};
}

class TreeBuilder {
 public:
  TreeBuilder(const std::string& file, Diagnostics& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  static constexpr int kMaxTreeDepth = 600;
  struct DepthStep {
    explicit DepthStep(int& depth) : depth_(depth) { ++depth_; }
    ~DepthStep() { --depth_; }
    DepthStep(const DepthStep&) = delete;
    DepthStep& operator=(const DepthStep&) = delete;
    int& depth_;
  };

  // Returns false after reporting the first problem; the tree is then unusable.
  bool build(const YAML::Node& node, TreeNode& out) {
    // An alias inside its own anchor (&me [1, *me]) makes yaml-cpp's node
    // graph a cycle: without a depth limit, expansion overflowed the stack
    // (found by fuzz/overlay_fuzzer). yaml-cpp's parser stops written
    // nesting at 500 levels, so anything deeper is a cycle of aliases.
    if (depth_ > kMaxTreeDepth) {
      diagnostics_.error(location_of(node.Mark(), file_), "",
                         fmt::format("aliases nest more than {} levels deep: an alias (*name) "
                                     "inside its own anchor (&name) refers to itself",
                                     kMaxTreeDepth));
      return false;
    }
    const DepthStep step(depth_);
    if (++count_ > kMaxTreeNodes) {
      diagnostics_.error(location_of(node.Mark(), file_), "",
                         fmt::format("the document has more than {} values once aliases are "
                                     "expanded",
                                     kMaxTreeNodes));
      return false;
    }
    out.origin = location_of(node.Mark(), file_);
    switch (node.Type()) {
      case YAML::NodeType::Scalar:
        out.kind = TreeNode::Kind::Scalar;
        out.scalar = node.Scalar();
        out.quoted = node.Tag() == "!";
        return true;
      case YAML::NodeType::Sequence:
        out.kind = TreeNode::Kind::Sequence;
        for (const auto& item : node) {
          out.items.emplace_back();
          if (!build(item, out.items.back())) return false;
        }
        return true;
      case YAML::NodeType::Map:
        out.kind = TreeNode::Kind::Map;
        for (const auto& entry : node) {
          if (!entry.first.IsScalar()) {
            diagnostics_.error(
                location_of(entry.first.Mark(), file_), "",
                fmt::format("expected a plain key, got {}", entry.first.IsMap() ? "a map" : "a list"));
            return false;
          }
          out.entries.push_back(
              TreeEntry{entry.first.Scalar(), location_of(entry.first.Mark(), file_), TreeNode{}});
          if (!build(entry.second, out.entries.back().value)) return false;
        }
        return true;
      default: out.kind = TreeNode::Kind::Null; return true;
    }
  }

 private:
  const std::string& file_;
  Diagnostics& diagnostics_;
  std::size_t count_ = 0;
  int depth_ = 0;
};

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
  TreeNode tree;
  if (!TreeBuilder(file, diagnostics).build(node, tree)) return std::nullopt;
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
  walk(tree, YAML::Load(yaml_text));
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
