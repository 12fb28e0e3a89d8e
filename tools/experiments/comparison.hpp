#pragma once
// The paired comparison of variants with a baseline: per metric, each
// scenario's mean with its 95% CI and, for each variant, the difference
// variant - baseline computed replication by replication (common random
// numbers make these differences vary far less than the scenarios do), with
// the unpaired (Welch) interval for contrast.
//
// Metrics are matched by name. A metric that only some scenarios report (a
// unit a variant adds or removes) gets its means but no difference.
#include <optional>
#include <string>
#include <vector>

#include "models/replication_result.hpp"
#include "sim/output_analysis.hpp"
#include "sim/statistics.hpp"

namespace flowsim::tools {

struct ComparisonRow {
  std::string metric;
  std::size_t scenario = 0;  // 0 is the baseline
  sim::Summary value;
  std::optional<sim::Difference> difference;  // variants only, when the baseline has the metric
};

// 'results[0]' is the baseline; every scenario has the same replications.
// Rows by metric (the baseline's order, then metrics new in the variants),
// then by scenario.
[[nodiscard]] std::vector<ComparisonRow> compare_scenarios(
    const std::vector<std::vector<models::ReplicationResult>>& results);

}  // namespace flowsim::tools
