#pragma once
// The paired comparison of variants with a baseline: per metric, each
// scenario's mean with its 95% CI and, for each variant, the difference
// variant - baseline computed replication by replication (common random
// numbers make these differences vary far less than the scenarios do), with
// the unpaired (Welch) interval for contrast.
//
// Metrics are matched by name. A metric that only some scenarios report (a
// unit a variant adds or removes) gets its means but no difference.
//
// Next to each mean: the median and 5th-95th percentiles across
// replications; next to each paired difference: the median of the paired
// differences with its exact sign-test interval, and whether the differences
// are heavily skewed (sim/replication_spread.hpp), when the mean difference
// is carried by a few replications and the median difference is the one to
// read.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "models/replication_result.hpp"
#include "sim/output_analysis.hpp"
#include "sim/replication_spread.hpp"
#include "sim/statistics.hpp"

namespace flowsim::tools {

struct ComparisonRow {
  std::string metric;
  std::size_t scenario = 0;  // 0 is the baseline
  sim::Summary value;
  sim::Spread spread;
  std::optional<sim::Difference> difference;  // variants only, when the baseline has the metric
  std::optional<sim::MedianDifference> median_difference;  // with 'difference'
  bool difference_skewed = false;                          // the paired differences are heavily skewed
};

// 'results[0]' is the baseline; every scenario has the same replications.
// Rows by metric (the baseline's order, then metrics new in the variants),
// then by scenario.
[[nodiscard]] std::vector<ComparisonRow> compare_scenarios(
    const std::vector<std::vector<models::ReplicationResult>>& results);

// Every scenario's results without the replications in 'excluded' (by
// replication number), so that the pairs stay matched: compare
// --exclude-gridlocked drops a replication from every scenario when it is
// gridlocked in any of them.
[[nodiscard]] std::vector<std::vector<models::ReplicationResult>> without_replications(
    const std::vector<std::vector<models::ReplicationResult>>& results,
    const std::set<std::uint32_t>& excluded);

}  // namespace flowsim::tools
