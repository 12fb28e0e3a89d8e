#pragma once
// A metric's name split for tidy tables: "unit.acute.occupancy_mean" is the
// measure "unit.occupancy_mean" of "acute"; "pathway.p1.p_delayed" is the
// measure "pathway.p_delayed" of "p1"; names of two parts, such as
// "system.delayed_mean", belong to no unit. Names in a scenario cannot hold
// '.', so the split is unambiguous. (For exit.* metrics the "unit" is the exit.)
#include <string>

namespace flowsim::tools {

struct MetricNameParts {
  std::string unit;
  std::string measure;
};

[[nodiscard]] inline MetricNameParts split_metric_name(const std::string& name) {
  const auto first = name.find('.');
  const auto last = name.rfind('.');
  if (first == std::string::npos || first == last) return {"", name};
  return {name.substr(first + 1, last - first - 1), name.substr(0, first) + name.substr(last)};
}

}  // namespace flowsim::tools
