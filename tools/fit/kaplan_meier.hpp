#pragma once
// The Kaplan-Meier estimate of the survival of stays, with right censoring
// (still in) and left truncation (a stay enters the risk set only after its
// entry time). Day-count observations are treated as events at whole days.
#include <vector>

#include "tools/fit/los_sample.hpp"

namespace flowsim::fit {

struct KaplanMeier {
  std::vector<double> times;     // distinct event times, increasing
  std::vector<double> survival;  // S just after each time
  // The smallest time with S <= 1 - q; NaN when the curve never gets there
  // (too much censoring to say).
  [[nodiscard]] double quantile(double q) const;
  // Area under the curve up to the last event time (the restricted mean);
  // the mean itself when the last observation is an event; NaN without any.
  [[nodiscard]] double restricted_mean() const;
  [[nodiscard]] double at(double t) const;  // S(t)
};

[[nodiscard]] KaplanMeier kaplan_meier(const LosSample& sample);

}  // namespace flowsim::fit
