#pragma once
// The readable summary printed after a run: what a planner looks at first.
// Every measure shows its mean with the 95% CI and, below or beside it, the
// median with the 5th-95th percentiles across replications; heavily skewed
// measures are marked, and gridlocked replications are named at the top.
#include <string>
#include <vector>

#include "models/model_definition.hpp"
#include "tools/io/gridlock.hpp"
#include "tools/io/run_outputs.hpp"

namespace flowsim::tools {

[[nodiscard]] std::string format_console_summary(
    const models::ModelDefinition& model, const std::vector<MetricSummary>& summaries,
    const std::vector<GridlockedReplication>& gridlocked = {});

// The year-by-year table printed under the summary of a multi-year run:
// each bed unit's capacity in force, occupied beds and occupancy, then the
// A&E 4-hour share, delayed transfers and cost, period by period. Empty
// when there are no periods.
[[nodiscard]] std::string format_period_table(const models::ModelDefinition& model,
                                              const std::vector<PeriodSummary>& periods);

}  // namespace flowsim::tools
