#include "models/scenario/overlay_ops.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "models/scenario/overlay_path.hpp"

namespace flowsim::scenario {

namespace {

// Distribution parameters measured in time; every other parameter (shape,
// weights, weight, a coxian's continue) is dimensionless and must not change
// when time stretches.
const std::vector<std::string> kTimeParameters = {"mean", "sd",   "median", "p90",  "value",
                                                  "min",  "mode", "max",    "scale"};
const std::vector<std::string> kTimeLists = {"values", "edges", "phase_means"};

std::optional<double> number_of(const TreeNode& node) {
  if (!node.is_scalar()) return std::nullopt;
  double value = 0.0;
  if (!YAML::convert<double>::decode(YAML::Node(node.scalar), value) || !std::isfinite(value))
    return std::nullopt;
  return value;
}

void write_number(TreeNode& node, double value, const SourceLocation& origin) {
  node.kind = TreeNode::Kind::Scalar;
  // 15 significant digits: within 1e-15 of the exact product, without the
  // binary noise of the shortest round trip (11.700000000000001 for 13 x 0.9).
  node.scalar = fmt::format("{:.15g}", value);
  node.quoted = false;
  node.origin = origin;
}

std::string multiply(TreeNode& node, double by, bool round, const SourceLocation& origin,
                     const std::string& what) {
  const auto value = number_of(node);
  if (!value) {
    return fmt::format("{} is not a number, so it cannot be scaled: {}", what,
                       node.is_scalar() ? "\"" + node.scalar + "\"" : tree_to_flow_yaml(node));
  }
  write_number(node, round ? std::round(*value * by) : *value * by, origin);
  return "";
}

bool is_distribution(const TreeNode& node) { return node.is_map() && node.find("dist"); }

std::string scale_value(TreeNode& node, double by, bool round, const SourceLocation& origin,
                        const std::string& path) {
  if (node.is_scalar()) return multiply(node, by, round, origin, "'" + path + "'");
  const auto in_distribution = [](const std::string& error, const std::string& at) {
    return error.empty() ? error : fmt::format("the distribution at '{}': {}", at, error);
  };
  if (is_distribution(node)) return in_distribution(stretch_distribution(node, by, origin), path);
  const bool map_of_distributions =
      node.is_map() && !node.entries.empty() &&
      std::all_of(node.entries.begin(), node.entries.end(),
                  [](const TreeEntry& entry) { return is_distribution(entry.value); });
  if (map_of_distributions) {
    for (auto& entry : node.entries)
      if (auto error = stretch_distribution(entry.value, by, origin); !error.empty())
        return in_distribution(error, path + "." + entry.key);
    return "";
  }
  if (node.is_sequence() && !node.items.empty() &&
      std::all_of(node.items.begin(), node.items.end(),
                  [](const TreeNode& item) { return number_of(item).has_value(); })) {
    for (auto& item : node.items) (void)multiply(item, by, round, origin, "");
    return "";
  }
  return fmt::format(
      "scale needs a number, a list of numbers, a distribution or a map of "
      "distributions at '{}', got {}",
      path,
      node.is_map()        ? "a map"
      : node.is_sequence() ? "a list"
                           : "nothing");
}

void report(Diagnostics& diagnostics, const OverlayChange& change, const std::string& message) {
  diagnostics.error(change.path_location, change.path_text, message);
}

std::string no_match(TreeNode& root, const KeyPath& path) {
  return "the key path matches nothing: " + explain_no_match(root, path);
}

class ChangeApplier {
 public:
  ChangeApplier(TreeNode& root, const OverlayChange& change, const std::string& overlay_name,
                Diagnostics& diagnostics, std::vector<AppliedChange>& log)
      : root_(root), change_(change), overlay_(overlay_name), diagnostics_(diagnostics), log_(log) {}

  bool apply() {
    switch (change_.op) {
      case ChangeOp::Set: return set();
      case ChangeOp::Scale: return scale();
      case ChangeOp::Add: return add();
      case ChangeOp::Append: return append();
      case ChangeOp::Remove: return remove();
      case ChangeOp::Shift: return shift();
    }
    return false;
  }

 private:
  bool fail(const std::string& message) {
    report(diagnostics_, change_, message);
    return false;
  }

  // A change that leaves a value as it was (a scale of 0 days) is not listed.
  void note(const std::string& path, std::string before, std::string after) {
    if (before == after) return;
    log_.push_back(AppliedChange{change_.path_location, overlay_, op_name(change_.op), path,
                                 std::move(before), std::move(after)});
  }

  // The matches of the path, or an error naming the step that failed.
  std::optional<std::vector<PathMatch>> matches() {
    auto found = match_key_path(root_, change_.path);
    if (found.empty()) {
      (void)fail(no_match(root_, change_.path));
      return std::nullopt;
    }
    return found;
  }

  // For add and append: the maps that should hold the path's last key.
  std::optional<std::vector<PathMatch>> parents() {
    if (change_.path.back().kind != PathStep::Kind::Key) {
      (void)fail(fmt::format("'{}' needs a path that ends in a key name, got '{}'", op_name(change_.op),
                             change_.path_text));
      return std::nullopt;
    }
    const KeyPath parent_path(change_.path.begin(), change_.path.end() - 1);
    auto found = match_key_path(root_, parent_path);
    if (found.empty()) {
      (void)fail(no_match(root_, parent_path));
      return std::nullopt;
    }
    for (const auto& parent : found)
      if (!parent.node->is_map()) {
        (void)fail(fmt::format("'{}' is not a map, so it cannot take the key '{}'",
                               parent.path.empty() ? "the top level" : parent.path,
                               change_.path.back().key));
        return std::nullopt;
      }
    return found;
  }

  bool set() {
    const auto found = matches();
    if (!found) return false;
    for (const auto& m : *found) {
      const std::string before = tree_to_flow_yaml(*m.node);
      *m.node = *change_.value;
      note(m.path, before, tree_to_flow_yaml(*m.node));
    }
    return true;
  }

  bool scale() {
    const auto found = matches();
    if (!found) return false;
    for (const auto& m : *found) {
      const std::string before = tree_to_flow_yaml(*m.node);
      const std::string error =
          scale_value(*m.node, change_.by, change_.round, change_.path_location, m.path);
      if (!error.empty()) return fail(error);
      note(m.path, before, tree_to_flow_yaml(*m.node));
    }
    return true;
  }

  bool add() {
    const auto found = parents();
    if (!found) return false;
    const std::string& key = change_.path.back().key;
    for (const auto& parent : *found) {
      const std::string path = parent.path.empty() ? key : parent.path + "." + key;
      if (parent.node->find(key))
        return fail(fmt::format("'{}' already exists; use 'set' to replace it", path));
      parent.node->entries.push_back(TreeEntry{key, change_.path_location, *change_.value});
      parent.node->origin = change_.path_location;
      note(path, "(absent)", tree_to_flow_yaml(*change_.value));
    }
    return true;
  }

  bool append() {
    if (change_.path.back().kind != PathStep::Kind::Key) {
      // An explicit list item path: append to each list it matches.
      const auto found = matches();
      if (!found) return false;
      for (const auto& m : *found)
        if (!append_to(*m.node, m.path)) return false;
      return true;
    }
    const auto found = parents();
    if (!found) return false;
    const std::string& key = change_.path.back().key;
    for (const auto& parent : *found) {
      const std::string path = parent.path.empty() ? key : parent.path + "." + key;
      if (TreeNode* list = parent.node->find(key)) {
        if (!append_to(*list, path)) return false;
        continue;
      }
      TreeNode list;
      list.kind = TreeNode::Kind::Sequence;
      list.origin = change_.path_location;
      list.items.push_back(*change_.value);
      parent.node->entries.push_back(TreeEntry{key, change_.path_location, std::move(list)});
      parent.node->origin = change_.path_location;
      note(path, "(absent)", tree_to_flow_yaml(parent.node->entries.back().value));
    }
    return true;
  }

  bool append_to(TreeNode& list, const std::string& path) {
    if (!list.is_sequence())
      return fail(fmt::format("'{}' is {}, not a list, so nothing can be appended to it", path,
                              list.is_map() ? "a map" : "a single value"));
    const std::string before = tree_to_flow_yaml(list);
    list.items.push_back(*change_.value);
    list.origin = change_.path_location;
    note(path, before, tree_to_flow_yaml(list));
    return true;
  }

  bool remove() {
    const auto found = matches();
    if (!found) return false;
    // Backwards, so that removing an item keeps the positions of earlier matches valid.
    for (auto m = found->rbegin(); m != found->rend(); ++m) {
      if (!m->container) return fail("cannot remove the whole scenario");
      const std::string before = tree_to_flow_yaml(*m->node);
      TreeNode& container = *m->container;
      if (container.is_map())
        container.entries.erase(container.entries.begin() + static_cast<std::ptrdiff_t>(m->position));
      else container.items.erase(container.items.begin() + static_cast<std::ptrdiff_t>(m->position));
      container.origin = change_.path_location;
      note(m->path, before, "(removed)");
    }
    std::reverse(log_.end() - static_cast<std::ptrdiff_t>(found->size()), log_.end());
    return true;
  }

  bool shift() {
    const auto found = matches();
    if (!found) return false;
    for (const auto& m : *found) {
      TreeNode& shares = *m.node;
      if (!shares.is_map())
        return fail(fmt::format("shift needs a map of shares at {}, got {}", m.path,
                                shares.is_sequence() ? "a list" : "a single value"));
      TreeNode* from = shares.find(change_.from);
      TreeNode* to = shares.find(change_.to);
      for (const auto& [node, key, role] :
           {std::tuple{from, change_.from, "from"}, std::tuple{to, change_.to, "to"}}) {
        if (node) continue;
        const std::string suggestion = closest_match(key, shares.keys());
        return fail(fmt::format("shift '{}' key '{}' is not in {}{}", role, key, m.path,
                                suggestion.empty()
                                    ? fmt::format("; its keys are: {}", fmt::join(shares.keys(), ", "))
                                    : fmt::format("; did you mean '{}'?", suggestion)));
      }
      const auto from_value = number_of(*from);
      const auto to_value = number_of(*to);
      if (!from_value || !to_value)
        return fail(fmt::format("shift needs numbers at {}.{} and {}.{}", m.path, change_.from, m.path,
                                change_.to));
      const std::string before =
          fmt::format("{}: {}, {}: {}", change_.from, from->scalar, change_.to, to->scalar);
      const double remaining = *from_value - *from_value * change_.fraction;
      // Move exactly what 'from' lost, so that the map's sum is unchanged.
      const double moved = *from_value - remaining;
      write_number(*from, remaining, change_.path_location);
      write_number(*to, *to_value + moved, change_.path_location);
      shares.origin = change_.path_location;
      note(m.path, before,
           fmt::format("{}: {}, {}: {}", change_.from, from->scalar, change_.to, to->scalar));
    }
    return true;
  }

  TreeNode& root_;
  const OverlayChange& change_;
  const std::string& overlay_;
  Diagnostics& diagnostics_;
  std::vector<AppliedChange>& log_;
};

}  // namespace

std::string stretch_distribution(TreeNode& node, double by, const SourceLocation& origin) {
  const TreeNode* kind = node.find("dist");
  if (!kind || !kind->is_scalar()) return "a distribution needs 'dist'";
  if (kind->scalar == "mixture") {
    TreeNode* components = node.find("components");
    if (!components || !components->is_sequence())
      return "a mixture needs 'components': a list of distributions";
    for (auto& component : components->items) {
      if (!is_distribution(component)) return "each mixture component must be a distribution";
      if (auto error = stretch_distribution(component, by, origin); !error.empty()) return error;
    }
    return "";
  }
  for (auto& entry : node.entries) {
    const auto& key = entry.key;
    if (std::find(kTimeParameters.begin(), kTimeParameters.end(), key) != kTimeParameters.end()) {
      if (auto error = multiply(entry.value, by, false, origin, "'" + key + "'"); !error.empty())
        return error;
    } else if (std::find(kTimeLists.begin(), kTimeLists.end(), key) != kTimeLists.end()) {
      if (!entry.value.is_sequence()) return fmt::format("'{}' must be a list of numbers", key);
      for (auto& item : entry.value.items)
        if (auto error = multiply(item, by, false, origin, "each of '" + key + "'"); !error.empty())
          return error;
    }
  }
  return "";
}

bool apply_change(TreeNode& root, const OverlayChange& change, const std::string& overlay_name,
                  Diagnostics& diagnostics, std::vector<AppliedChange>& log) {
  return ChangeApplier(root, change, overlay_name, diagnostics, log).apply();
}

}  // namespace flowsim::scenario
