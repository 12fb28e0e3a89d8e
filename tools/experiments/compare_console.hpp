#pragma once
// The comparison printed after flowsim compare: for each variant, the
// measures a planner reads first (acute occupancy and time at or above 92%,
// A&E within 4 hours and over 12 hours, electives admitted and cancelled,
// escalation bed-days, delayed bed-days, cost), each as
// baseline, variant and paired difference with 95% CIs. Gridlocked
// replications are named (and said to be left out with
// --exclude-gridlocked); where the paired differences are heavily skewed, the
// median difference with its sign-test interval follows on its own line.
// After each variant's table, the money answer (compare_money.hpp): cash-releasing,
// non-cash-releasing and unserved, in plain English.
#include <string>
#include <vector>

#include "models/model_definition.hpp"
#include "tools/experiments/compare_outputs.hpp"
#include "tools/experiments/comparison.hpp"

namespace flowsim::tools {

[[nodiscard]] std::string format_comparison(const models::ModelDefinition& baseline,
                                            const std::vector<std::string>& labels,
                                            const std::vector<ComparisonRow>& rows,
                                            const CompareInfo& info = {});

// compare --size-unit: the capacity each scenario needs for the targets
// (with its band) and, per variant, the beds that can close next to the
// difference in occupied beds, with the difference between the two said in
// words (the headroom for variation).
[[nodiscard]] std::string format_beds_to_close(const std::vector<std::string>& labels,
                                               const CompareSizing& sizing);

}  // namespace flowsim::tools
