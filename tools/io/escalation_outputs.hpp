#pragma once
// What a run writes about escalation levels (models/escalation.hpp): the
// level over time (escalation.csv) and the rules (in model.json). Nothing for
// a scenario without escalation, so its outputs are unchanged.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/model_definition.hpp"
#include "models/replication_result.hpp"

namespace flowsim::tools {

// escalation.csv: per unit with levels and per day, the day's highest level
// (mean and 5th, 50th and 95th percentiles over replications) and the share
// of replications at or above each level; empty when no unit escalates.
[[nodiscard]] std::optional<std::string> escalation_csv(
    const models::ModelDefinition& model, const std::vector<models::ReplicationResult>& results);

// The unit's levels, triggers and actions for model.json.
[[nodiscard]] nlohmann::ordered_json describe_escalation(const models::EscalationRules& rules);

}  // namespace flowsim::tools
