#pragma once
// What the Scenarios page lists: each shipped or workspace file with its
// kind (a scenario or an overlay, i.e. an intervention), title, one-paragraph
// description and sources (an overlay's sources: list, or a scenario's
// header comment, where the shipped scenarios keep theirs).
#include <string>

#include <nlohmann/json.hpp>

#include "tools/server/workspace.hpp"

namespace flowsim::server {

// {"name", "source", "kind", "title", "description", "sources"}; kind is
// "scenario", "overlay" or "other" (a sweep file, or YAML that does not parse).
[[nodiscard]] nlohmann::json describe_scenario_file(const ScenarioName& name, const std::string& text);

// Every file of both roots, described; sweep files and the like left out.
[[nodiscard]] nlohmann::json scenario_catalog(const Workspace& workspace);

}  // namespace flowsim::server
