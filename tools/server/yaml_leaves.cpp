#include "tools/server/yaml_leaves.hpp"

#include <yaml-cpp/yaml.h>

namespace flowsim::server {

namespace {

void collect(const YAML::Node& node, const std::string& path, nlohmann::json& leaves) {
  const auto joined = [&](const std::string& key) { return path.empty() ? key : path + "." + key; };
  if (node.IsScalar()) {
    const auto mark = node.Mark();
    leaves.push_back({{"path", path},
                      {"value", node.Scalar()},
                      {"line", mark.line + 1},
                      {"column", mark.column + 1}});
  } else if (node.IsMap()) {
    for (const auto& entry : node)
      if (entry.first.IsScalar()) collect(entry.second, joined(entry.first.Scalar()), leaves);
  } else if (node.IsSequence()) {
    std::size_t i = 0;
    for (const auto& item : node) collect(item, joined(std::to_string(i++)), leaves);
  }
}

}  // namespace

nlohmann::json yaml_leaves(const std::string& text) {
  auto leaves = nlohmann::json::array();
  try {
    collect(YAML::Load(text), "", leaves);
  } catch (const YAML::Exception& e) {
    return {{"error", e.what()}};
  }
  return leaves;
}

}  // namespace flowsim::server
