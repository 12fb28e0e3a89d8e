#pragma once
// What the Scenarios page lists: each shipped or workspace file with its
// kind (a scenario or an overlay, i.e. an intervention), title, one-paragraph
// description and sources (an overlay's sources: list, or a scenario's
// header comment, where the shipped scenarios keep theirs).
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "tools/server/workspace.hpp"

namespace flowsim::server {

// {"name", "source", "kind", "title", "description", "sources"}, and a
// scenario's "scenario_name" (its name:), an overlay's "applies_to" (the
// scenario names it was written for; empty: any); kind is "scenario",
// "overlay" or "other" (a sweep file, or YAML that does not parse).
[[nodiscard]] nlohmann::json describe_scenario_file(const ScenarioName& name, const std::string& text);

// Every file of both roots, described; sweep files and the like left out.
[[nodiscard]] nlohmann::json scenario_catalog(const Workspace& workspace);

// True when the overlay's applies_to is empty or names 'scenario_name'.
[[nodiscard]] bool overlay_fits(const nlohmann::json& overlay, const std::string& scenario_name);

// The catalog with only the overlays that fit the scenario 'baseline' (a
// name such as "shipped/llr_2016_whole_hospital.yaml"); nullopt when the
// catalog has no such scenario.
[[nodiscard]] std::optional<nlohmann::json> catalog_for_baseline(const nlohmann::json& catalog,
                                                                 const std::string& baseline);

}  // namespace flowsim::server
