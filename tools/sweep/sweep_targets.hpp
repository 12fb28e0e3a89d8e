#pragma once
// flowsim sweep --target: which points of a sweep meet every target, by
// the rule of flowsim size (a target is met when its whole 95% CI is on the
// good side). The same table goes to the console, sweep_targets.csv and the
// report.
#include <string>
#include <vector>

#include "sim/statistics.hpp"
#include "tools/sizing/targets.hpp"
#include "tools/sweep/sweep_store.hpp"

namespace flowsim::sweep {

struct PointVerdict {
  std::uint32_t point = 0;
  std::vector<std::string> values;       // the point's parameter values, as text
  std::vector<sim::Summary> per_target;  // each target's metric over the point's replications
  std::vector<std::string> verdicts;  // "met", "undecided", "fails"; "missing" when the metric is absent
  bool meets_all = false;
};

[[nodiscard]] std::vector<PointVerdict> judge_points(const SweepStore& store,
                                                     const std::vector<tools::Target>& targets);

// Tidy CSV: point, parameters, target, metric, mean, ci95_low, ci95_high,
// verdict, meets_all; one row per point and target.
[[nodiscard]] std::string sweep_targets_csv(const std::vector<std::string>& parameter_names,
                                            const std::vector<tools::Target>& targets,
                                            const std::vector<PointVerdict>& verdicts);

// The console table: the points meeting every target (or a line saying
// none does), titled with the sweep's name.
[[nodiscard]] std::string format_points_meeting(const std::string& sweep_name,
                                                const std::vector<std::string>& parameter_names,
                                                const std::vector<tools::Target>& targets,
                                                const std::vector<PointVerdict>& verdicts);

}  // namespace flowsim::sweep
