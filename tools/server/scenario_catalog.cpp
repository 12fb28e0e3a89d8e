#include "tools/server/scenario_catalog.hpp"

#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>

namespace flowsim::server {

namespace {

std::string scalar_or_empty(const YAML::Node& node, const char* key) {
  const auto value = node[key];
  return value && value.IsScalar() ? value.as<std::string>() : std::string();
}

// The leading block of '#' lines, without the '# '.
std::string header_comment(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::string out;
  while (std::getline(in, line) && !line.empty() && line.front() == '#') {
    const auto start = line.find_first_not_of("# ");
    out += (start == std::string::npos ? "" : line.substr(line.size() > 1 && line[1] == ' ' ? 2 : 1)) +
           "\n";
  }
  return out;
}

}  // namespace

nlohmann::json describe_scenario_file(const ScenarioName& name, const std::string& text) {
  nlohmann::json entry{{"name", scenario_name_text(name)},
                       {"source", name.source == Source::shipped ? "shipped" : "workspace"},
                       {"kind", "other"},
                       {"title", name.relative},
                       {"description", ""},
                       {"sources", ""}};
  try {
    const YAML::Node root = YAML::Load(text);
    if (!root.IsMap()) return entry;
    if (root["changes"] && root["overlay"]) {
      entry["kind"] = "overlay";
      entry["title"] = scalar_or_empty(root, "overlay");
      std::string sources;
      if (root["sources"] && root["sources"].IsSequence())
        for (const auto& source : root["sources"]) sources += source.as<std::string>() + "\n";
      entry["sources"] = sources;
    } else if (root["units"] && root["arrivals"]) {
      entry["kind"] = "scenario";
      if (!scalar_or_empty(root, "name").empty()) entry["title"] = scalar_or_empty(root, "name");
      entry["sources"] = header_comment(text);
    }
    entry["description"] = scalar_or_empty(root, "description");
  } catch (const YAML::Exception&) {
    // Not YAML (a draft with a syntax error): listed as "other", opened in the editor to fix.
  }
  return entry;
}

nlohmann::json scenario_catalog(const Workspace& workspace) {
  auto all = nlohmann::json::array();
  for (const auto& name : workspace.list()) {
    const auto path = workspace.file_to_read(name);
    if (!path) continue;
    std::ifstream in(*path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto entry = describe_scenario_file(name, text.str());
    if (entry["kind"] == "other" && name.source == Source::shipped) continue;
    all.push_back(std::move(entry));
  }
  return all;
}

}  // namespace flowsim::server
