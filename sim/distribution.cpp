#include "sim/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include "sim/discrete_choice.hpp"

namespace flowsim::sim {

namespace {

constexpr double kSqrt2 = 1.4142135623730950488;
constexpr double kPi = 3.14159265358979323846;

// Evaluate in double precision: Boost.Math promotes double arguments to long
// double by default, which is several times slower and gains nothing for
// sampling (the uniforms carry 52 bits).
using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

double normal_quantile(double u) { return -kSqrt2 * boost::math::erfc_inv(2.0 * u, DoublePolicy()); }
double normal_cdf(double z) { return 0.5 * boost::math::erfc(-z / kSqrt2); }
// Probability mass of the untruncated normal below 0, cut off by truncation.
double normal_mass_below_zero(const Normal& d) { return normal_cdf(-d.mean / d.sd); }

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

std::vector<double> cumulative_from_weights(const std::vector<double>& weights) {
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (!(total > 0.0)) throw std::invalid_argument("weights must sum to a positive number");
  std::vector<double> cumulative(weights.size() + 1, 0.0);
  for (std::size_t i = 0; i < weights.size(); ++i)
    cumulative[i + 1] = cumulative[i] + weights[i] / total;
  cumulative.back() = 1.0;
  return cumulative;
}

// -log(1 - u), the unit exponential's quantile. log(1 - u) rather than
// log1p(-u): for u >= 1/2, 1 - u is exact (Sterbenz), and for smaller u the
// rounding of 1 - u moves the result by at most 2^-53 in absolute terms (a
// fraction of a nanosecond in a stay of days); glibc's log is about three
// times faster than its log1p, and in R1 every A&E stay passes here.
double unit_exponential_quantile(double u) { return -std::log(1.0 - u); }

}  // namespace

Distribution Distribution::lognormal_from_mean_sd(double mean, double sd) {
  const double sigma2 = std::log1p((sd * sd) / (mean * mean));
  return Distribution(Lognormal{std::log(mean) - 0.5 * sigma2, std::sqrt(sigma2)});
}

Distribution Distribution::lognormal_from_median_p90(double median, double p90) {
  const double mu = std::log(median);
  return Distribution(Lognormal{mu, (std::log(p90) - mu) / normal_quantile(0.9)});
}

Distribution Distribution::empirical(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return Distribution(Empirical{std::move(values)});
}

Distribution Distribution::histogram(std::vector<double> edges, const std::vector<double>& weights) {
  return Distribution(Histogram{std::move(edges), cumulative_from_weights(weights)});
}

Distribution Distribution::mixture(std::vector<Distribution> components,
                                   const std::vector<double>& weights) {
  return Distribution(Mixture{std::move(components), cumulative_from_weights(weights)});
}

double Distribution::quantile(double u) const {
  return std::visit(
      Overloaded{
          [u](const Exponential& d) { return d.mean * unit_exponential_quantile(u); },
          [u](const Lognormal& d) { return std::exp(d.mu + d.sigma * normal_quantile(u)); },
          [u](const Gamma& d) { return d.scale * boost::math::gamma_p_inv(d.shape, u); },
          [u](const Weibull& d) {
            return d.scale * std::pow(unit_exponential_quantile(u), 1.0 / d.shape);
          },
          [u](const Normal& d) {
            const double cut = normal_mass_below_zero(d);
            return std::max(0.0, d.mean + d.sd * normal_quantile(cut + u * (1.0 - cut)));
          },
          [](const Fixed& d) { return d.value; },
          [u](const Uniform& d) { return d.low + u * (d.high - d.low); },
          [u](const Triangular& d) {
            const double width = d.high - d.low;
            const double split = (d.mode - d.low) / width;
            if (u < split) return d.low + std::sqrt(u * width * (d.mode - d.low));
            return d.high - std::sqrt((1.0 - u) * width * (d.high - d.mode));
          },
          [u](const Empirical& d) {
            const auto n = d.sorted_values.size();
            const auto i = std::min(n - 1, static_cast<std::size_t>(u * static_cast<double>(n)));
            return d.sorted_values[i];
          },
          [u](const Histogram& d) {
            const std::size_t i = choose_index(d.cumulative, u);
            const double p = d.cumulative[i + 1] - d.cumulative[i];
            const double within = p > 0.0 ? (u - d.cumulative[i]) / p : 0.0;
            return d.edges[i] + within * (d.edges[i + 1] - d.edges[i]);
          },
          [u](const Mixture& d) {
            const std::size_t i = choose_index(d.cumulative, u);
            const double p = d.cumulative[i + 1] - d.cumulative[i];
            const double rescaled = std::clamp((u - d.cumulative[i]) / p, 1e-300, 1.0 - 1e-16);
            return d.components[i].quantile(rescaled);
          },
          [u](const Coxian& d) { return coxian_quantile(d, u); },
      },
      value_);
}

double Distribution::cdf(double x) const {
  return std::visit(
      Overloaded{
          [x](const Exponential& d) { return x <= 0 ? 0.0 : -std::expm1(-x / d.mean); },
          [x](const Lognormal& d) { return x <= 0 ? 0.0 : normal_cdf((std::log(x) - d.mu) / d.sigma); },
          [x](const Gamma& d) { return x <= 0 ? 0.0 : boost::math::gamma_p(d.shape, x / d.scale); },
          [x](const Weibull& d) { return x <= 0 ? 0.0 : -std::expm1(-std::pow(x / d.scale, d.shape)); },
          [x](const Normal& d) {
            const double cut = normal_mass_below_zero(d);
            return x <= 0 ? 0.0 : (normal_cdf((x - d.mean) / d.sd) - cut) / (1.0 - cut);
          },
          [x](const Fixed& d) { return x >= d.value ? 1.0 : 0.0; },
          [x](const Uniform& d) { return std::clamp((x - d.low) / (d.high - d.low), 0.0, 1.0); },
          [x](const Triangular& d) {
            if (x <= d.low) return 0.0;
            if (x >= d.high) return 1.0;
            const double width = d.high - d.low;
            if (x <= d.mode) return (x - d.low) * (x - d.low) / (width * (d.mode - d.low));
            return 1.0 - (d.high - x) * (d.high - x) / (width * (d.high - d.mode));
          },
          [x](const Empirical& d) {
            const auto at_or_below =
                std::upper_bound(d.sorted_values.begin(), d.sorted_values.end(), x) -
                d.sorted_values.begin();
            return static_cast<double>(at_or_below) / static_cast<double>(d.sorted_values.size());
          },
          [x](const Histogram& d) {
            if (x <= d.edges.front()) return 0.0;
            if (x >= d.edges.back()) return 1.0;
            const auto i = static_cast<std::size_t>(std::upper_bound(d.edges.begin(), d.edges.end(), x) -
                                                    d.edges.begin() - 1);
            const double frac = (x - d.edges[i]) / (d.edges[i + 1] - d.edges[i]);
            return d.cumulative[i] + frac * (d.cumulative[i + 1] - d.cumulative[i]);
          },
          [x](const Mixture& d) {
            double total = 0.0;
            for (std::size_t i = 0; i < d.components.size(); ++i)
              total += (d.cumulative[i + 1] - d.cumulative[i]) * d.components[i].cdf(x);
            return total;
          },
          [x](const Coxian& d) { return 1.0 - coxian_at(d, x).survival; },
      },
      value_);
}

double Distribution::mean() const {
  return std::visit(Overloaded{
                        [](const Exponential& d) { return d.mean; },
                        [](const Lognormal& d) { return std::exp(d.mu + 0.5 * d.sigma * d.sigma); },
                        [](const Gamma& d) { return d.shape * d.scale; },
                        [](const Weibull& d) { return d.scale * std::tgamma(1.0 + 1.0 / d.shape); },
                        [](const Normal& d) {
                          // Mean of the normal truncated at 0: mean + sd * phi(a) / (1 - Phi(a)), a =
                          // -mean / sd.
                          const double a = -d.mean / d.sd;
                          const double density = std::exp(-0.5 * a * a) / (kSqrt2 * std::sqrt(kPi));
                          return d.mean + d.sd * density / (1.0 - normal_cdf(a));
                        },
                        [](const Fixed& d) { return d.value; },
                        [](const Uniform& d) { return 0.5 * (d.low + d.high); },
                        [](const Triangular& d) { return (d.low + d.mode + d.high) / 3.0; },
                        [](const Empirical& d) {
                          return std::accumulate(d.sorted_values.begin(), d.sorted_values.end(), 0.0) /
                                 static_cast<double>(d.sorted_values.size());
                        },
                        [](const Histogram& d) {
                          double total = 0.0;
                          for (std::size_t i = 0; i + 1 < d.edges.size(); ++i)
                            total += (d.cumulative[i + 1] - d.cumulative[i]) * 0.5 *
                                     (d.edges[i] + d.edges[i + 1]);
                          return total;
                        },
                        [](const Mixture& d) {
                          double total = 0.0;
                          for (std::size_t i = 0; i < d.components.size(); ++i)
                            total += (d.cumulative[i + 1] - d.cumulative[i]) * d.components[i].mean();
                          return total;
                        },
                        [](const Coxian& d) { return coxian_mean(d); },
                    },
                    value_);
}

Distribution Distribution::scaled(double factor) const {
  return std::visit(
      Overloaded{
          [factor](const Exponential& d) { return Distribution(Exponential{d.mean * factor}); },
          [factor](const Lognormal& d) {
            return Distribution(Lognormal{d.mu + std::log(factor), d.sigma});
          },
          [factor](const Gamma& d) {
            return Distribution(Gamma{d.shape, d.scale * factor});
          },
          [factor](const Weibull& d) {
            return Distribution(Weibull{d.shape, d.scale * factor});
          },
          [factor](const Normal& d) {
            return Distribution(Normal{d.mean * factor, d.sd * factor});
          },
          [factor](const Fixed& d) { return Distribution(Fixed{d.value * factor}); },
          [factor](const Uniform& d) {
            return Distribution(Uniform{d.low * factor, d.high * factor});
          },
          [factor](const Triangular& d) {
            return Distribution(Triangular{d.low * factor, d.mode * factor, d.high * factor});
          },
          [factor](const Empirical& d) {
            std::vector<double> values = d.sorted_values;
            for (double& v : values) v *= factor;
            return Distribution(Empirical{std::move(values)});
          },
          [factor](const Histogram& d) {
            std::vector<double> edges = d.edges;
            for (double& e : edges) e *= factor;
            return Distribution(Histogram{std::move(edges), d.cumulative});
          },
          [factor](const Mixture& d) {
            std::vector<Distribution> parts;
            parts.reserve(d.components.size());
            for (const auto& c : d.components) parts.push_back(c.scaled(factor));
            return Distribution(Mixture{std::move(parts), d.cumulative});
          },
          [factor](const Coxian& d) {
            Coxian scaled = d;
            for (double& m : scaled.phase_means) m *= factor;
            return Distribution(scaled);
          },
      },
      value_);
}

std::string Distribution::describe() const {
  return std::visit(
      Overloaded{
          [](const Exponential& d) { return fmt::format("exponential(mean {:.4g})", d.mean); },
          [](const Lognormal& d) {
            return fmt::format("lognormal(mu {:.4g}, sigma {:.4g})", d.mu, d.sigma);
          },
          [](const Gamma& d) {
            return fmt::format("gamma(shape {:.4g}, scale {:.4g})", d.shape, d.scale);
          },
          [](const Weibull& d) {
            return fmt::format("weibull(shape {:.4g}, scale {:.4g})", d.shape, d.scale);
          },
          [](const Normal& d) {
            return fmt::format("normal(mean {:.4g}, sd {:.4g}, truncated at 0)", d.mean, d.sd);
          },
          [](const Fixed& d) { return fmt::format("fixed({:.4g})", d.value); },
          [](const Uniform& d) { return fmt::format("uniform({:.4g}, {:.4g})", d.low, d.high); },
          [](const Triangular& d) {
            return fmt::format("triangular({:.4g}, {:.4g}, {:.4g})", d.low, d.mode, d.high);
          },
          [](const Empirical& d) { return fmt::format("empirical({} values)", d.sorted_values.size()); },
          [](const Histogram& d) { return fmt::format("histogram({} bins)", d.edges.size() - 1); },
          [](const Mixture& d) { return fmt::format("mixture({} components)", d.components.size()); },
          [](const Coxian& d) {
            return fmt::format(
                "coxian(phase means {:.4g}; continuing {:.4g})",
                fmt::join(d.phase_means.begin(), d.phase_means.begin() + d.phases, ", "),
                fmt::join(d.continuing.begin(), d.continuing.begin() + d.phases - 1, ", "));
          },
      },
      value_);
}

double sample_residual(const Distribution& d, double elapsed, double u) {
  // A mixture is sampled by composition, not by inverting its cdf, so the
  // conditional quantile below does not apply to it (with overlapping
  // components it gave the wrong component mix and residuals of 0). Given
  // X > elapsed, component i has weight w_i (1 - F_i(elapsed)); choose one
  // with u, then take that component's residual with the rescaled u.
  if (const auto* mixture = std::get_if<Mixture>(&d.value())) {
    std::vector<double> cumulative(mixture->components.size() + 1, 0.0);
    for (std::size_t i = 0; i < mixture->components.size(); ++i)
      cumulative[i + 1] = cumulative[i] + (mixture->cumulative[i + 1] - mixture->cumulative[i]) *
                                              (1.0 - mixture->components[i].cdf(elapsed));
    const double total = cumulative.back();
    if (!(total > 1e-12)) return 0.0;  // already beyond the support: leave now
    for (double& c : cumulative) c /= total;
    cumulative.back() = 1.0;
    const std::size_t i = choose_index(cumulative, u);
    const double p = cumulative[i + 1] - cumulative[i];
    const double rescaled = std::clamp((u - cumulative[i]) / p, 1e-300, 1.0 - 1e-16);
    return sample_residual(mixture->components[i], elapsed, rescaled);
  }
  const double below = d.cdf(elapsed);
  if (below >= 1.0 - 1e-12) return 0.0;  // already beyond the support: leave now
  const double conditional_u = below + u * (1.0 - below);
  return std::max(0.0, d.quantile(std::min(conditional_u, 1.0 - 1e-16)) - elapsed);
}

ExcessDistribution::ExcessDistribution(const Distribution& d) {
  // Integrate the survival function S(x) = 1 - F(x) with the trapezium rule.
  // The grid joins evenly spaced points (for bounded or point-mass stays)
  // with points at evenly spaced quantiles (for long right tails), up to the
  // 1 - 1e-9 quantile. Normalising by the integral rather than the analytic
  // mean keeps the table a proper CDF.
  constexpr int kPoints = 2048;
  const double upper = std::max(d.quantile(1.0 - 1e-9), 1e-12);
  x_.push_back(0.0);
  for (int i = 1; i <= kPoints; ++i) {
    x_.push_back(upper * static_cast<double>(i) / kPoints);
    const double p = (static_cast<double>(i) - 0.5) / kPoints;
    x_.push_back(std::clamp(d.quantile(p), 0.0, upper));
  }
  std::sort(x_.begin(), x_.end());
  x_.erase(std::unique(x_.begin(), x_.end()), x_.end());
  cumulative_.assign(x_.size(), 0.0);
  double previous_survival = 1.0 - d.cdf(0.0);
  for (std::size_t i = 1; i < x_.size(); ++i) {
    const double survival = 1.0 - d.cdf(x_[i]);
    cumulative_[i] = cumulative_[i - 1] + 0.5 * (survival + previous_survival) * (x_[i] - x_[i - 1]);
    previous_survival = survival;
  }
  const double total = cumulative_.back();
  for (double& c : cumulative_) c /= total;
}

double ExcessDistribution::quantile(double u) const {
  const auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), u);
  if (it == cumulative_.begin()) return x_.front();
  if (it == cumulative_.end()) return x_.back();
  const auto i = static_cast<std::size_t>(it - cumulative_.begin());
  const double span = cumulative_[i] - cumulative_[i - 1];
  const double frac = span > 0 ? (u - cumulative_[i - 1]) / span : 0.0;
  return x_[i - 1] + frac * (x_[i] - x_[i - 1]);
}

}  // namespace flowsim::sim
