#include "tools/fit/los_model.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <boost/math/special_functions/gamma.hpp>

namespace flowsim::fit {

namespace {

// Out-of-range arguments give NaN, never an exception: the optimiser probes
// extreme parameters, and a NaN there is simply a poor point.
using Quiet = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>>;

double upper_gamma(double a, double x) { return boost::math::gamma_q(a, x, Quiet()); }
double std_normal_upper(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

double exp_tail(double mean, double x) { return mean * std::exp(-x / mean); }

}  // namespace

std::string family_name(Family family) {
  switch (family) {
    case Family::Exponential: return "exponential";
    case Family::Gamma: return "gamma";
    case Family::Lognormal: return "lognormal";
    case Family::Weibull: return "weibull";
    case Family::ExponentialMixture: return "exponential_mixture";
    case Family::Coxian2: return "coxian2";
    case Family::Coxian3: return "coxian3";
  }
  return "";
}

int parameter_count(Family family) {
  switch (family) {
    case Family::Exponential: return 1;
    case Family::ExponentialMixture: return 3;
    case Family::Coxian2: return 3;
    case Family::Coxian3: return 5;
    default: return 2;
  }
}

double LosModel::log_pdf(double x) const {
  switch (family) {
    case Family::Exponential: return -std::log(p[0]) - x / p[0];
    case Family::Gamma:
      return (p[0] - 1.0) * std::log(x) - x / p[1] - std::lgamma(p[0]) - p[0] * std::log(p[1]);
    case Family::Lognormal: {
      const double z = (std::log(x) - p[0]) / p[1];
      return -0.5 * z * z - std::log(x * p[1]) - 0.5 * std::log(2.0 * M_PI);
    }
    case Family::Weibull: {
      const double r = x / p[1];
      return std::log(p[0] / p[1]) + (p[0] - 1.0) * std::log(r) - std::pow(r, p[0]);
    }
    case Family::ExponentialMixture:
      return std::log(p[0] / p[1] * std::exp(-x / p[1]) + (1.0 - p[0]) / p[2] * std::exp(-x / p[2]));
    case Family::Coxian2:
    case Family::Coxian3: return std::log(sim::coxian_at(coxian(), x).density);
  }
  return std::numeric_limits<double>::quiet_NaN();
}

double LosModel::survival(double x) const {
  if (x <= 0.0) return 1.0;
  switch (family) {
    case Family::Exponential: return std::exp(-x / p[0]);
    case Family::Gamma: return upper_gamma(p[0], x / p[1]);
    case Family::Lognormal: return std_normal_upper((std::log(x) - p[0]) / p[1]);
    case Family::Weibull: return std::exp(-std::pow(x / p[1], p[0]));
    case Family::ExponentialMixture:
      return p[0] * std::exp(-x / p[1]) + (1.0 - p[0]) * std::exp(-x / p[2]);
    case Family::Coxian2:
    case Family::Coxian3: return sim::coxian_at(coxian(), x).survival;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

// H(x) = E[(T - x)+] = (integral of t f(t) from x) - x S(x).
double LosModel::tail_integral(double x) const {
  if (x <= 0.0) return mean() - x;
  switch (family) {
    case Family::Exponential: return exp_tail(p[0], x);
    case Family::Gamma:
      return p[0] * p[1] * upper_gamma(p[0] + 1.0, x / p[1]) - x * upper_gamma(p[0], x / p[1]);
    case Family::Lognormal: {
      const double z = (std::log(x) - p[0]) / p[1];
      return std::exp(p[0] + 0.5 * p[1] * p[1]) * std_normal_upper(z - p[1]) - x * std_normal_upper(z);
    }
    case Family::Weibull: {
      const double a = 1.0 + 1.0 / p[0];
      const double u = std::pow(x / p[1], p[0]);
      return p[1] * std::tgamma(a) * upper_gamma(a, u) - x * std::exp(-u);
    }
    case Family::ExponentialMixture: return p[0] * exp_tail(p[1], x) + (1.0 - p[0]) * exp_tail(p[2], x);
    case Family::Coxian2:
    case Family::Coxian3: return sim::coxian_at(coxian(), x).tail;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

double LosModel::mean() const {
  switch (family) {
    case Family::Exponential: return p[0];
    case Family::Gamma: return p[0] * p[1];
    case Family::Lognormal: return std::exp(p[0] + 0.5 * p[1] * p[1]);
    case Family::Weibull: return p[1] * std::tgamma(1.0 + 1.0 / p[0]);
    case Family::ExponentialMixture: return p[0] * p[1] + (1.0 - p[0]) * p[2];
    case Family::Coxian2:
    case Family::Coxian3: return sim::coxian_mean(coxian());
  }
  return std::numeric_limits<double>::quiet_NaN();
}

double LosModel::quantile(double q) const {
  switch (family) {
    case Family::Exponential: return -p[0] * std::log1p(-q);
    case Family::Gamma:
      return boost::math::quantile(boost::math::gamma_distribution<double, Quiet>(p[0], p[1]), q);
    case Family::Lognormal:
      return boost::math::quantile(boost::math::lognormal_distribution<double, Quiet>(p[0], p[1]), q);
    case Family::Weibull:
      return boost::math::quantile(boost::math::weibull_distribution<double, Quiet>(p[0], p[1]), q);
    case Family::ExponentialMixture: {
      // Survival is monotone: bisect between the two components' quantiles.
      double low = -std::min(p[1], p[2]) * std::log1p(-q);
      double high = -std::max(p[1], p[2]) * std::log1p(-q);
      for (int i = 0; i < 200 && high - low > 1e-12 * high; ++i) {
        const double mid = 0.5 * (low + high);
        (1.0 - survival(mid) < q ? low : high) = mid;
      }
      return 0.5 * (low + high);
    }
    case Family::Coxian2:
    case Family::Coxian3: return sim::coxian_quantile(coxian(), q);
  }
  return std::numeric_limits<double>::quiet_NaN();
}

std::string LosModel::describe() const {
  switch (family) {
    case Family::Exponential: return fmt::format("mean {:.6g}", p[0]);
    case Family::Gamma: return fmt::format("shape {:.6g}, scale {:.6g}", p[0], p[1]);
    case Family::Lognormal: return fmt::format("mu {:.6g}, sigma {:.6g}", p[0], p[1]);
    case Family::Weibull: return fmt::format("shape {:.6g}, scale {:.6g}", p[0], p[1]);
    case Family::ExponentialMixture:
      return fmt::format("weight {:.6g}, mean {:.6g}; mean {:.6g}", p[0], p[1], p[2]);
    case Family::Coxian2:
      return fmt::format("phase means {:.6g}, {:.6g}; continue {:.6g}", p[0], p[1], p[3]);
    case Family::Coxian3:
      return fmt::format("phase means {:.6g}, {:.6g}, {:.6g}; continue {:.6g}, {:.6g}", p[0], p[1], p[2],
                         p[3], p[4]);
  }
  return "";
}

std::string LosModel::yaml() const {
  switch (family) {
    case Family::Exponential:
      return fmt::format("{{dist: exponential, mean: {:.6g}, unit: days}}", p[0]);
    case Family::Gamma:
      return fmt::format("{{dist: gamma, shape: {:.6g}, scale: {:.6g}, unit: days}}", p[0], p[1]);
    case Family::Lognormal: {
      // The engine takes a lognormal by mean and sd of the stay itself.
      const double m = mean();
      const double sd = m * std::sqrt(std::expm1(p[1] * p[1]));
      return fmt::format("{{dist: lognormal, mean: {:.6g}, sd: {:.6g}, unit: days}}", m, sd);
    }
    case Family::Weibull:
      return fmt::format("{{dist: weibull, shape: {:.6g}, scale: {:.6g}, unit: days}}", p[0], p[1]);
    case Family::ExponentialMixture:
      return fmt::format(
          "{{dist: mixture, components: [{{weight: {:.6g}, dist: exponential, mean: {:.6g}, unit: "
          "days}}, {{weight: {:.6g}, dist: exponential, mean: {:.6g}, unit: days}}]}}",
          p[0], p[1], 1.0 - p[0], p[2]);
    case Family::Coxian2:
      return fmt::format(
          "{{dist: coxian, phase_means: [{:.6g}, {:.6g}], continue: [{:.6g}], unit: days}}", p[0], p[1],
          p[3]);
    case Family::Coxian3:
      return fmt::format(
          "{{dist: coxian, phase_means: [{:.6g}, {:.6g}, {:.6g}], continue: [{:.6g}, {:.6g}], unit: "
          "days}}",
          p[0], p[1], p[2], p[3], p[4]);
  }
  return "";
}

sim::Coxian LosModel::coxian() const {
  sim::Coxian c;
  c.phases = family == Family::Coxian3 ? 3 : 2;
  for (std::size_t i = 0; i < c.phases; ++i) c.phase_means[i] = p[i];
  for (std::size_t i = 0; i + 1 < c.phases; ++i) c.continuing[i] = p[3 + i];
  return c;
}

namespace {
double logit(double q) { return std::log(q / (1.0 - q)); }
double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }
}  // namespace

std::vector<double> to_free(const LosModel& m) {
  switch (m.family) {
    case Family::Exponential: return {std::log(m.p[0])};
    case Family::Lognormal: return {m.p[0], std::log(m.p[1])};
    case Family::ExponentialMixture: return {logit(m.p[0]), std::log(m.p[1]), std::log(m.p[2] - m.p[1])};
    // Phase means in increasing order (the canonical form, which every
    // Coxian has: without it, relabelled phases give the same fit twice).
    case Family::Coxian2: return {std::log(m.p[0]), std::log(m.p[1] - m.p[0]), logit(m.p[3])};
    case Family::Coxian3:
      return {std::log(m.p[0]), std::log(m.p[1] - m.p[0]), std::log(m.p[2] - m.p[1]), logit(m.p[3]),
              logit(m.p[4])};
    default: return {std::log(m.p[0]), std::log(m.p[1])};
  }
}

LosModel from_free(Family family, const std::vector<double>& x) {
  LosModel m{family, {}};
  switch (family) {
    case Family::Exponential: m.p = {std::exp(x[0]), 0.0, 0.0}; break;
    case Family::Lognormal: m.p = {x[0], std::exp(x[1]), 0.0}; break;
    case Family::ExponentialMixture:
      // The short-stay mean is the smaller one, so the two are not swapped.
      m.p = {logistic(x[0]), std::exp(x[1]), std::exp(x[1]) + std::exp(x[2])};
      break;
    case Family::Coxian2:
      m.p = {std::exp(x[0]), std::exp(x[0]) + std::exp(x[1]), 0.0, logistic(x[2]), 0.0};
      break;
    case Family::Coxian3: {
      const double m1 = std::exp(x[0]);
      const double m2 = m1 + std::exp(x[1]);
      m.p = {m1, m2, m2 + std::exp(x[2]), logistic(x[3]), logistic(x[4])};
      break;
    }
    default: m.p = {std::exp(x[0]), std::exp(x[1]), 0.0};
  }
  return m;
}

}  // namespace flowsim::fit
