#include <catch2/catch.hpp>

#include <cmath>

#include "sim/output_analysis.hpp"

using flowsim::sim::Summary;
using flowsim::sim::welch_half_width;

TEST_CASE("welch_half_width matches Welch's interval by hand", "[sim]") {
  // Equal variances and sizes: n = 11, sd^2 = 5.5, so the standard error of
  // the difference is 1 and the Welch-Satterthwaite degrees of freedom are
  // 2 (n - 1) = 20; t(0.975, 20) = 2.0859634.
  const Summary a{.n = 11, .mean = 3.0, .sd = std::sqrt(5.5)};
  CHECK(welch_half_width(a, a) == Approx(2.0859634).epsilon(1e-6));
  // All the variance in one sample: n = 5, sd = 2 gives se^2 = 0.8 and 4
  // degrees of freedom; t(0.975, 4) = 2.7764451.
  const Summary varied{.n = 5, .mean = 1.0, .sd = 2.0};
  const Summary fixed{.n = 9, .mean = 1.0, .sd = 0.0};
  CHECK(welch_half_width(varied, fixed) == Approx(2.7764451 * std::sqrt(0.8)).epsilon(1e-6));
  // Too few replications, or no variation at all: no interval.
  CHECK(welch_half_width(Summary{.n = 1, .mean = 1.0, .sd = 0.0}, a) == 0.0);
  CHECK(welch_half_width(fixed, fixed) == 0.0);
}
