#include "sim/statistics.hpp"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/students_t.hpp>

namespace flowsim::sim {

Summary summarize(std::span<const double> values, double confidence) {
  Summary s;
  s.n = values.size();
  if (s.n == 0) return s;
  // Welford's update: stable for long series of similar numbers.
  double mean = 0.0;
  double m2 = 0.0;
  std::size_t k = 0;
  for (const double x : values) {
    ++k;
    const double delta = x - mean;
    mean += delta / static_cast<double>(k);
    m2 += delta * (x - mean);
  }
  s.mean = mean;
  if (s.n < 2) return s;
  s.sd = std::sqrt(m2 / static_cast<double>(s.n - 1));
  const boost::math::students_t t(static_cast<double>(s.n - 1));
  const double t_value = boost::math::quantile(boost::math::complement(t, (1.0 - confidence) / 2));
  s.half_width = t_value * s.sd / std::sqrt(static_cast<double>(s.n));
  return s;
}

double sample_quantile(std::vector<double>& values, double p) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const double position = p * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  const double frac = position - static_cast<double>(below);
  return values[below] + frac * (values[above] - values[below]);
}

}  // namespace flowsim::sim
