#pragma once
// Turns one replication's unit statistics into named metrics. The list and
// order of names depend only on the scenario, never on what happened, so
// replications line up row by row.
#include <vector>

#include "models/model_definition.hpp"
#include "models/replication_result.hpp"
#include "models/unit_statistics.hpp"

namespace flowsim::models {

// Occupancy thresholds reported as "share of time at or above", as fractions
// of capacity: 85% is the level usually cited as safe, 92% the NHS planning
// figure, 95% and 100% the point of access block.
inline constexpr double kOccupancyLevels[] = {0.85, 0.92, 0.95, 1.00};

[[nodiscard]] std::vector<Metric> report_metrics(const ModelDefinition& model,
                                                 const std::vector<UnitStatistics>& stats,
                                                 double measured_days);

}  // namespace flowsim::models
