#pragma once
// Which metrics the replication count is decided on (--metric NAME): names
// or patterns with '*' (any run of characters), matched against the metric
// names a scenario reports. The names depend only on the scenario, so the
// choice is checked before anything runs.
#include <optional>
#include <string>
#include <vector>

#include "models/model_definition.hpp"

namespace flowsim::tools {

// The metrics of 'model' in report order, as every replication names them.
[[nodiscard]] std::vector<std::string> metric_names(const models::ModelDefinition& model);

// The default precision metrics: the mean occupancy of every unit.
inline const std::vector<std::string> kDefaultPrecisionMetrics = {"unit.*.occupancy_mean"};

[[nodiscard]] bool matches_pattern(const std::string& pattern, const std::string& name);

// Indices into 'names' matched by any pattern, in report order. Sets
// 'unmatched' to the first pattern that matches nothing.
[[nodiscard]] std::vector<std::size_t> select_metrics(const std::vector<std::string>& names,
                                                      const std::vector<std::string>& patterns,
                                                      std::optional<std::string>& unmatched);

// For a pattern that matches nothing (a typing error): the closest metric
// names, by edit distance, or patterns when it has '*' parts ("unit.*.x"
// against "unit.*.y"); at most 'most', none when nothing is close.
[[nodiscard]] std::vector<std::string> closest_metric_names(const std::vector<std::string>& names,
                                                            const std::string& pattern,
                                                            std::size_t most = 3);

}  // namespace flowsim::tools
