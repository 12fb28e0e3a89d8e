#pragma once
// Turns one replication's unit statistics into named metrics. The list and
// order of names depend only on the scenario, never on what happened, so
// replications line up row by row.
#include <vector>

#include "models/model_definition.hpp"
#include "models/replication_result.hpp"
#include "models/unit_statistics.hpp"

namespace flowsim::models {

[[nodiscard]] std::vector<Metric> report_metrics(const ModelDefinition& model,
                                                 const std::vector<UnitStatistics>& stats,
                                                 double measured_days);

}  // namespace flowsim::models
