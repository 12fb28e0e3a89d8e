#pragma once
// Summaries of independent replications: mean, standard deviation and a
// Student-t confidence interval (replication means are independent, so the
// t interval is exact for normal data and asymptotically right otherwise).
#include <span>
#include <vector>

namespace flowsim::sim {

struct Summary {
  std::size_t n = 0;
  double mean = 0.0;
  double sd = 0.0;
  double half_width = 0.0;  // of the confidence interval; 0 when n < 2
  [[nodiscard]] double low() const { return mean - half_width; }
  [[nodiscard]] double high() const { return mean + half_width; }
};

[[nodiscard]] Summary summarize(std::span<const double> values, double confidence = 0.95);

// Sample quantile with linear interpolation between order statistics
// (Hyndman and Fan type 7, the default of R and NumPy). Sorts 'values'.
[[nodiscard]] double sample_quantile(std::vector<double>& values, double p);

}  // namespace flowsim::sim
