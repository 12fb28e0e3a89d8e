#pragma once
// The readable summary printed after a run: what a planner looks at first.
#include <string>
#include <vector>

#include "models/model_definition.hpp"
#include "tools/io/run_outputs.hpp"

namespace flowsim::tools {

[[nodiscard]] std::string format_console_summary(const models::ModelDefinition& model,
                                                 const std::vector<MetricSummary>& summaries);

}  // namespace flowsim::tools
