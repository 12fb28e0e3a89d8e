#pragma once
// The candidate length-of-stay families, as the likelihood needs them: log
// density, survival, and the tail integral H(x) = integral from x to
// infinity of S(t) dt, which gives the probabilities of whole-day stays
// exactly (docs/fitting.md, "Whole days"). Each is a kind the engine samples
// (models/scenario/distribution_reader.cpp), so a fit runs as written.
#include <array>
#include <string>
#include <vector>

#include "sim/coxian.hpp"

namespace flowsim::fit {

enum class Family { Exponential, Gamma, Lognormal, Weibull, ExponentialMixture, Coxian2, Coxian3 };

inline constexpr std::array<Family, 7> kAllFamilies = {
    Family::Exponential,        Family::Gamma,   Family::Lognormal, Family::Weibull,
    Family::ExponentialMixture, Family::Coxian2, Family::Coxian3};

[[nodiscard]] std::string family_name(Family family);
[[nodiscard]] int parameter_count(Family family);

struct LosModel {
  Family family = Family::Exponential;
  // exponential: mean; gamma: shape, scale; lognormal: mu, sigma (of log
  // days); weibull: shape, scale; mixture: short-stay weight, short mean,
  // long mean (the Harrison-Millard two-compartment model); coxian2 and
  // coxian3: the phase means (p[0] to p[2], in increasing order, the
  // canonical form) and the probabilities of going on to the next phase
  // (p[3], p[4]).
  std::array<double, 5> p{};

  [[nodiscard]] double log_pdf(double x) const;
  [[nodiscard]] double survival(double x) const;
  [[nodiscard]] double tail_integral(double x) const;
  [[nodiscard]] double mean() const;
  [[nodiscard]] double quantile(double q) const;
  // "shape 1.5, scale 10" for tables.
  [[nodiscard]] std::string describe() const;
  // The engine's distribution, in days, as one YAML flow map.
  [[nodiscard]] std::string yaml() const;
  // The engine's Coxian of a coxian2 or coxian3 model.
  [[nodiscard]] sim::Coxian coxian() const;
};

// The unconstrained parameters an optimiser moves (logs of positive ones,
// the logit of a weight) and back.
[[nodiscard]] std::vector<double> to_free(const LosModel& model);
[[nodiscard]] LosModel from_free(Family family, const std::vector<double>& free);

}  // namespace flowsim::fit
