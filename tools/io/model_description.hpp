#pragma once
// Machine-readable descriptions written next to a run's results for the
// HTML report and its STRESS-DES record: the model's logic (model.json),
// the pathway diagram (network.dot) and where and with what the run was made.
#include <nlohmann/json.hpp>

#include "models/model_definition.hpp"

namespace flowsim::tools {

// Units, routes, groups, arrival sources, run settings and the traffic
// equations' loads: what the STRESS-DES "model logic" section reports.
[[nodiscard]] nlohmann::ordered_json describe_model(const models::ModelDefinition& model);

// Compiler, libraries, operating system and processor.
[[nodiscard]] nlohmann::ordered_json describe_machine();

}  // namespace flowsim::tools
