#pragma once
// Probability distributions for durations, sampled by inversion.
//
// Every draw is quantile(u) of one uniform u. Inversion keeps a monotone
// coupling between a baseline and an intervention: when an intervention
// shortens a length of stay, each patient's stay shortens, it does not get
// reshuffled. It also makes results independent of the standard library
// (std:: distributions are implementation-defined); the special functions
// come from Boost.Math, which ships as headers.
#include <string>
#include <variant>
#include <vector>

#include "sim/coxian.hpp"

namespace flowsim::sim {

struct Exponential {
  double mean;
};
struct Lognormal {
  double mu;
  double sigma;
};  // of the underlying normal
struct Gamma {
  double shape;
  double scale;
};
struct Weibull {
  double shape;
  double scale;
};
// Normal truncated to x >= 0 (a duration cannot be negative); with mean
// several sd above 0, as for the lengths of stay it is meant for, the
// truncation changes nothing that matters.
struct Normal {
  double mean;
  double sd;
};
struct Fixed {
  double value;
};
struct Uniform {
  double low;
  double high;
};
struct Triangular {
  double low;
  double mode;
  double high;
};
// Observed values: each is equally likely (the inverse of the empirical CDF).
struct Empirical {
  std::vector<double> sorted_values;
};
// Histogram: bin edges (n+1) and cumulative probabilities at each edge (n+1,
// first 0, last 1); uniform within a bin.
struct Histogram {
  std::vector<double> edges;
  std::vector<double> cumulative;
};
class Distribution;
// Mixture: a component is chosen with its weight, then sampled with the
// rescaled remainder of the same uniform, so one uniform still makes one draw.
struct Mixture {
  std::vector<Distribution> components;
  std::vector<double> cumulative;
};

class Distribution {
 public:
  using Variant = std::variant<Exponential, Lognormal, Gamma, Weibull, Normal, Fixed, Uniform,
                               Triangular, Empirical, Histogram, Mixture, Coxian>;

  Distribution() : value_(Fixed{0.0}) {}
  template <typename T>
  explicit Distribution(T value) : value_(std::move(value)) {}

  static Distribution lognormal_from_mean_sd(double mean, double sd);
  static Distribution lognormal_from_median_p90(double median, double p90);
  static Distribution empirical(std::vector<double> values);
  static Distribution histogram(std::vector<double> edges, const std::vector<double>& weights);
  static Distribution mixture(std::vector<Distribution> components, const std::vector<double>& weights);

  // x such that P(X <= x) = u, for u in (0, 1).
  [[nodiscard]] double quantile(double u) const;
  [[nodiscard]] double cdf(double x) const;
  [[nodiscard]] double mean() const;
  // Multiply every outcome by factor > 0 (used by "scale" interventions).
  [[nodiscard]] Distribution scaled(double factor) const;
  [[nodiscard]] std::string describe() const;
  [[nodiscard]] const Variant& value() const { return value_; }

 private:
  Variant value_;
};

// Residual time of a stay already 'elapsed' long: quantile of the conditional
// distribution of X - elapsed given X > elapsed.
[[nodiscard]] double sample_residual(const Distribution& d, double elapsed, double u);

// The stationary excess (equilibrium residual) distribution, with density
// (1 - F(x)) / mean: the remaining stay of a patient found in a bed at a
// random moment when the elapsed stay is unknown. Tabulated once, inverted by
// interpolation.
class ExcessDistribution {
 public:
  explicit ExcessDistribution(const Distribution& d);
  [[nodiscard]] double quantile(double u) const;

 private:
  std::vector<double> x_;
  std::vector<double> cumulative_;
};

}  // namespace flowsim::sim
