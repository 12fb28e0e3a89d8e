#include "tools/server/scenario_catalog.hpp"

#include <algorithm>
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
      auto applies_to = nlohmann::json::array();  // empty: written for any scenario
      if (root["applies_to"] && root["applies_to"].IsSequence())
        for (const auto& scenario : root["applies_to"])
          if (scenario.IsScalar()) applies_to.push_back(scenario.as<std::string>());
      entry["applies_to"] = applies_to;
    } else if (root["units"] && root["arrivals"]) {
      entry["kind"] = "scenario";
      entry["scenario_name"] = scalar_or_empty(root, "name");  // what an overlay's applies_to names
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

bool overlay_fits(const nlohmann::json& overlay, const std::string& scenario_name) {
  const auto& applies_to = overlay.value("applies_to", nlohmann::json::array());
  return applies_to.empty() ||
         std::find(applies_to.begin(), applies_to.end(), scenario_name) != applies_to.end();
}

std::optional<nlohmann::json> catalog_for_baseline(const nlohmann::json& catalog,
                                                   const std::string& baseline) {
  const auto found = std::find_if(catalog.begin(), catalog.end(), [&](const auto& entry) {
    return entry["name"] == baseline && entry["kind"] == "scenario";
  });
  if (found == catalog.end()) return std::nullopt;
  const std::string scenario_name = (*found)["scenario_name"];
  auto fitting = nlohmann::json::array();
  for (const auto& entry : catalog)
    if (entry["kind"] != "overlay" || overlay_fits(entry, scenario_name)) fitting.push_back(entry);
  return fitting;
}

}  // namespace flowsim::server
