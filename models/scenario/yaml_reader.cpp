#include "models/scenario/yaml_reader.hpp"

#include <cmath>
#include <set>

#include <fmt/format.h>

namespace flowsim::scenario {

std::string join_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

std::string describe_node(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar: {
      // Quoted in full up to a line's worth; a pasted essay is cut short.
      constexpr std::size_t kLongest = 80;
      const std::string& text = node.Scalar();
      if (text.size() <= kLongest) return fmt::format("\"{}\"", text);
      return fmt::format("\"{}...\" ({} characters)", text.substr(0, kLongest), text.size());
    }
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Null: return "nothing";
    default: return "an undefined value";
  }
}

SourceLocation YamlReader::where(const YAML::Node& node) const {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return SourceLocation{file_, 0, 0};
  // yaml-cpp marks are 0-based; editors and compilers count from 1.
  return SourceLocation{file_, mark.line + 1, mark.column + 1};
}

void YamlReader::visit(const YAML::Node& node, const std::string& path, std::size_t n) const {
  visits_ += n;
  if (visits_ <= kVisitBudget) return;
  throw VisitBudgetExceeded(
      where(node), path,
      fmt::format("the scenario expands to more than {} values, which no real scenario needs; "
                  "YAML aliases (*name) repeat the anchored node (&name) each time they are "
                  "used, and nested aliases multiply: write the values out, or use fewer aliases",
                  kVisitBudget));
}

void YamlReader::error(const YAML::Node& node, const std::string& path, std::string message) const {
  diagnostics_.error(where(node), path, std::move(message));
}

void YamlReader::error_at(SourceLocation location, const std::string& path, std::string message) const {
  diagnostics_.error(std::move(location), path, std::move(message));
}

// Reports every repeated key of a map (yaml-cpp keeps them silently) and
// returns the distinct keys with the key node of their first occurrence.
std::vector<std::pair<std::string, YAML::Node>> YamlReader::distinct_keys(
    const YAML::Node& node, const std::string& path) const {
  visit(node, path, node.size());
  std::set<std::string> seen;
  std::vector<std::pair<std::string, YAML::Node>> keys;
  for (const auto& entry : node) {
    std::string key = entry.first.as<std::string>("");
    if (!seen.insert(key).second) {
      error(entry.first, join_path(path, key), fmt::format("duplicate key '{}'", key));
      continue;
    }
    keys.emplace_back(std::move(key), entry.first);
  }
  return keys;
}

bool YamlReader::check_named_map(const YAML::Node& node, const std::string& path) const {
  if (!node.IsMap()) {
    error(node, path, fmt::format("expected a map, got {}", describe_node(node)));
    return false;
  }
  // False for an empty map too (its error is reported here), so that no
  // caller looks at a first entry that is not there.
  if (distinct_keys(node, path).empty()) {
    error(node, path, "expected at least one entry, got an empty map");
    return false;
  }
  return true;
}

bool YamlReader::check_map(const YAML::Node& node, const std::string& path,
                           const std::vector<std::string>& known,
                           const std::vector<std::string>& required) const {
  if (!node.IsMap()) {
    error(node, path, fmt::format("expected a map, got {}", describe_node(node)));
    return false;
  }
  const auto keys = distinct_keys(node, path);
  for (const auto& [key, key_node] : keys) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    const std::string suggestion = closest_match(key, known);
    error(key_node, join_path(path, key),
          suggestion.empty()
              ? fmt::format("unknown key '{}'; expected one of: {}", key, fmt::join(known, ", "))
              : fmt::format("unknown key '{}'; did you mean '{}'?", key, suggestion));
  }
  for (const auto& key : required) {
    const bool present =
        std::any_of(keys.begin(), keys.end(), [&key](const auto& k) { return k.first == key; });
    if (!present) error(node, join_path(path, key), fmt::format("missing key '{}'", key));
  }
  return true;
}

std::optional<double> YamlReader::number(const YAML::Node& node, const std::string& path,
                                         NumberRule rule) const {
  visit(node, path);
  double value = 0.0;
  if (!node.IsScalar() || !YAML::convert<double>::decode(node, value) || !std::isfinite(value)) {
    error(node, path, fmt::format("expected a finite number, got {}", describe_node(node)));
    return std::nullopt;
  }
  if (rule.min && value < *rule.min) {
    error(node, path, fmt::format("must be >= {}, got {}", *rule.min, node.Scalar()));
    return std::nullopt;
  }
  if (rule.greater_than && value <= *rule.greater_than) {
    error(node, path, fmt::format("must be > {}, got {}", *rule.greater_than, node.Scalar()));
    return std::nullopt;
  }
  if (rule.max && value > *rule.max) {
    error(node, path, fmt::format("must be <= {}, got {}", *rule.max, node.Scalar()));
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> YamlReader::count(const YAML::Node& node, const std::string& path,
                                              bool allow_unlimited, std::int64_t min) const {
  visit(node, path);
  if (allow_unlimited && node.IsScalar() && node.Scalar() == "unlimited")
    return std::numeric_limits<std::int64_t>::max();
  std::int64_t value = 0;
  const std::string expected =
      fmt::format("an integer >= {}{}", min, allow_unlimited ? " or 'unlimited'" : "");
  if (!node.IsScalar() || !YAML::convert<std::int64_t>::decode(node, value)) {
    error(node, path, fmt::format("expected {}, got {}", expected, describe_node(node)));
    return std::nullopt;
  }
  // Beyond 2^40 a count is a typing error rather than a hospital.
  constexpr std::int64_t kLargest = std::int64_t{1} << 40;
  if (value < min) {
    error(node, path, fmt::format("expected {}, got {}", expected, node.Scalar()));
    return std::nullopt;
  }
  if (value > kLargest) {
    error(node, path,
          fmt::format("expected {} (at most {}), got {}", expected, kLargest, node.Scalar()));
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> YamlReader::text(const YAML::Node& node, const std::string& path) const {
  visit(node, path);
  if (!node.IsScalar()) {
    error(node, path, fmt::format("expected text, got {}", describe_node(node)));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<std::vector<double>> YamlReader::numbers(const YAML::Node& node, const std::string& path,
                                                       NumberRule rule) const {
  if (!node.IsSequence()) {
    error(node, path, fmt::format("expected a list of numbers, got {}", describe_node(node)));
    return std::nullopt;
  }
  visit(node, path, node.size());
  std::vector<double> values;
  bool ok = true;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const auto value = number(node[i], fmt::format("{}[{}]", path, i), rule);
    if (value) values.push_back(*value);
    else ok = false;
  }
  if (!ok) return std::nullopt;
  return values;
}

}  // namespace flowsim::scenario
