#include "models/scenario/overlay_path.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace flowsim::scenario {

namespace {

std::string step_text(const PathStep& step) {
  switch (step.kind) {
    case PathStep::Kind::Key: return step.key;
    case PathStep::Kind::AnyKey: return "*";
    case PathStep::Kind::Index: return fmt::format("[{}]", step.index);
    case PathStep::Kind::AnyIndex: return "[*]";
  }
  return "";
}

std::string extend(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

struct Frontier {
  TreeNode* container;
  std::size_t position;
  TreeNode* node;
  std::string path;
};

// The nodes one step below 'from'.
std::vector<Frontier> step_down(const std::vector<Frontier>& from, const PathStep& step) {
  std::vector<Frontier> next;
  for (const auto& f : from) {
    TreeNode& node = *f.node;
    switch (step.kind) {
      case PathStep::Kind::Key:
        if (!node.is_map()) break;
        for (std::size_t i = 0; i < node.entries.size(); ++i)
          if (node.entries[i].key == step.key) {
            next.push_back({&node, i, &node.entries[i].value, extend(f.path, step.key)});
            break;  // a repeated key is the loader's error; the first one counts
          }
        break;
      case PathStep::Kind::AnyKey:
        if (!node.is_map()) break;
        for (std::size_t i = 0; i < node.entries.size(); ++i)
          next.push_back({&node, i, &node.entries[i].value, extend(f.path, node.entries[i].key)});
        break;
      case PathStep::Kind::Index:
        if (node.is_sequence() && step.index < node.items.size())
          next.push_back(
              {&node, step.index, &node.items[step.index], fmt::format("{}[{}]", f.path, step.index)});
        break;
      case PathStep::Kind::AnyIndex:
        if (!node.is_sequence()) break;
        for (std::size_t i = 0; i < node.items.size(); ++i)
          next.push_back({&node, i, &node.items[i], fmt::format("{}[{}]", f.path, i)});
        break;
    }
  }
  return next;
}

std::string kind_name(const TreeNode& node) {
  switch (node.kind) {
    case TreeNode::Kind::Map: return "a map";
    case TreeNode::Kind::Sequence: return "a list";
    case TreeNode::Kind::Scalar: return fmt::format("the value \"{}\"", node.scalar);
    case TreeNode::Kind::Null: return "an empty value";
  }
  return "";
}

std::string where_text(const std::vector<Frontier>& at, const std::string& pattern) {
  if (at.size() == 1) return at.front().path.empty() ? "the top level" : "'" + at.front().path + "'";
  return fmt::format("each of the {} matches of '{}'", at.size(), pattern);
}

}  // namespace

std::optional<KeyPath> parse_key_path(const std::string& text, std::string& error) {
  KeyPath path;
  std::size_t i = 0;
  if (text.empty()) {
    error = "the key path is empty";
    return std::nullopt;
  }
  while (true) {
    const std::size_t name_end = text.find_first_of(".[]", i);
    const std::string name =
        text.substr(i, name_end == std::string::npos ? std::string::npos : name_end - i);
    i = name_end == std::string::npos ? text.size() : name_end;
    if (!name.empty())
      path.push_back(name == "*" ? PathStep{PathStep::Kind::AnyKey, "", 0}
                                 : PathStep{PathStep::Kind::Key, name, 0});
    else if (i >= text.size() || text[i] != '[' || !path.empty()) {
      error = fmt::format("empty key at character {} of '{}'", i + 1, text);
      return std::nullopt;
    }
    while (i < text.size() && text[i] == '[') {
      const std::size_t close = text.find(']', i);
      if (close == std::string::npos) {
        error = fmt::format("'[' without ']' in '{}'", text);
        return std::nullopt;
      }
      const std::string inside = text.substr(i + 1, close - i - 1);
      std::size_t index = 0;
      const auto parsed = std::from_chars(inside.data(), inside.data() + inside.size(), index);
      if (inside == "*") {
        path.push_back({PathStep::Kind::AnyIndex, "", 0});
      } else if (!inside.empty() && parsed.ec == std::errc{} &&
                 parsed.ptr == inside.data() + inside.size()) {
        path.push_back({PathStep::Kind::Index, "", index});
      } else {
        error = fmt::format("expected a list index such as [0] or [*], got [{}] in '{}'", inside, text);
        return std::nullopt;
      }
      i = close + 1;
    }
    if (i >= text.size()) return path;
    if (text[i] != '.') {
      error = fmt::format("unexpected '{}' at character {} of '{}'", text[i], i + 1, text);
      return std::nullopt;
    }
    ++i;
  }
}

std::string format_key_path(const KeyPath& path) {
  std::string text;
  for (const auto& step : path) {
    const bool is_index = step.kind == PathStep::Kind::Index || step.kind == PathStep::Kind::AnyIndex;
    if (!text.empty() && !is_index) text += ".";
    text += step_text(step);
  }
  return text;
}

std::vector<PathMatch> match_key_path(TreeNode& root, const KeyPath& path) {
  std::vector<Frontier> frontier{{nullptr, 0, &root, ""}};
  for (const auto& step : path) frontier = step_down(frontier, step);
  std::vector<PathMatch> matches;
  for (const auto& f : frontier) matches.push_back({f.container, f.position, f.node, f.path});
  return matches;
}

std::string explain_no_match(TreeNode& root, const KeyPath& path) {
  std::vector<Frontier> frontier{{nullptr, 0, &root, ""}};
  KeyPath prefix;
  for (const auto& step : path) {
    auto next = step_down(frontier, step);
    if (!next.empty()) {
      frontier = std::move(next);
      prefix.push_back(step);
      continue;
    }
    const std::string where = where_text(frontier, format_key_path(prefix));
    if (step.kind == PathStep::Kind::Key || step.kind == PathStep::Kind::AnyKey) {
      std::vector<std::string> keys;
      for (const auto& f : frontier)
        for (const auto& key : f.node->keys())
          if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
      if (keys.empty())
        return fmt::format("{} is {}, not a map with keys", where, kind_name(*frontier.front().node));
      if (step.kind == PathStep::Kind::AnyKey) return fmt::format("{} is an empty map", where);
      const std::string suggestion = closest_match(step.key, keys);
      if (!suggestion.empty())
        return fmt::format("{} has no key '{}'; did you mean '{}'?", where, step.key, suggestion);
      return fmt::format("{} has no key '{}'; its keys are: {}", where, step.key, fmt::join(keys, ", "));
    }
    const TreeNode& first = *frontier.front().node;
    if (!first.is_sequence()) return fmt::format("{} is {}, not a list", where, kind_name(first));
    return fmt::format("{} has {} item{}; {} is out of range", where, first.items.size(),
                       first.items.size() == 1 ? "" : "s", step_text(step));
  }
  return "";
}

}  // namespace flowsim::scenario
