#pragma once
// JSON Schemas (draft-07, which editors such as VS Code's YAML extension
// read) of the scenario and overlay formats, built from the declarative
// table in models/scenario/scenario_schema.hpp. Per property: type,
// minimum/maximum, enum, default, description, and the flowsim extensions
// "x-unit" (days, beds, GBP...) and "x-required" (when a key is required
// only in some cases, which JSON Schema's "required" cannot say).
#include <nlohmann/json.hpp>

namespace flowsim::tools {

[[nodiscard]] nlohmann::json scenario_json_schema();
[[nodiscard]] nlohmann::json overlay_json_schema();

}  // namespace flowsim::tools
