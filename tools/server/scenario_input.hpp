#pragma once
// Scenario text from an HTTP request, loaded exactly as the command line
// loads a file (the same loader, overlays applied in order), with every
// error as JSON for the page: {"line", "column", "path", "message", "file"}.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/model_definition.hpp"
#include "models/scenario/diagnostics.hpp"
#include "models/scenario/overlay.hpp"

namespace flowsim::server {

[[nodiscard]] nlohmann::json diagnostics_json(const scenario::Diagnostics& diagnostics);

// POST /api/validate's answer: {"valid": bool, "diagnostics": [...]}.
[[nodiscard]] nlohmann::json validation_json(const std::string& yaml_text, const std::string& file_name);

// A request body as JSON, or the parse error as one diagnostic at its line
// and column.
struct JsonBody {
  nlohmann::json value;
  nlohmann::json diagnostics = nlohmann::json::array();
  [[nodiscard]] bool ok() const { return diagnostics.empty(); }
};
[[nodiscard]] JsonBody parse_json_body(const std::string& body);

// A base scenario and its overlays, as texts with the names they are
// reported under.
struct ScenarioTexts {
  scenario::OverlayText base;
  std::vector<scenario::OverlayText> overlays;
};

struct LoadedInput {
  std::shared_ptr<const models::ModelDefinition> model;  // null when invalid; titled "BASE + OVERLAY"
  scenario::EffectiveScenario effective;
  nlohmann::json diagnostics = nlohmann::json::array();
};
// The command line's loading path (tools/cli/cli_support.cpp): without
// overlays the loader reads the text itself; with them, the effective scenario.
[[nodiscard]] LoadedInput load_input(const ScenarioTexts& texts);

}  // namespace flowsim::server
