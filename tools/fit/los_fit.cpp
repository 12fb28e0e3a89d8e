#include "tools/fit/los_fit.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/Dense>
#include <nlopt.hpp>

namespace flowsim::fit {

namespace {

constexpr double kTiny = 1e-300;
// A date-time stay shorter than this (a minute) is read as "between 0 and a
// minute": a density at exactly 0 is infinite for some families.
constexpr double kShortest = 1.0 / 1440.0;

double log_positive(double x) { return std::log(std::max(x, kTiny)); }

// P(day count = d) and P(day count >= d), admission and discharge times
// uniform within their days: second and first differences of H.
// (Templates: a Coxian's likelihood goes through CoxianLikelihood below.)
template <class Model>
double whole_days_probability(const Model& m, double d) {
  if (d <= 0.0) return 1.0 - m.mean() + m.tail_integral(1.0);
  return m.tail_integral(d + 1.0) - 2.0 * m.tail_integral(d) + m.tail_integral(d - 1.0);
}
template <class Model>
double whole_days_at_least(const Model& m, double d) {
  if (d <= 0.0) return 1.0;
  return m.tail_integral(d - 1.0) - m.tail_integral(d);
}

template <class Model>
double observation_log_likelihood(const Model& m, const Observation& o) {
  switch (o.kind) {
    case Observed::Exact:
      return (o.value < kShortest ? log_positive(1.0 - m.survival(kShortest)) : m.log_pdf(o.value)) -
             (o.entry > 0.0 ? log_positive(m.survival(o.entry)) : 0.0);
    case Observed::AtLeast:
      return log_positive(m.survival(o.value)) -
             (o.entry > 0.0 ? log_positive(m.survival(o.entry)) : 0.0);
    case Observed::WholeDays:
      return log_positive(whole_days_probability(m, o.value)) -
             (o.entry > 0.0 ? log_positive(whole_days_at_least(m, o.entry)) : 0.0);
    case Observed::WholeDaysAtLeast:
      return log_positive(whole_days_at_least(m, o.value)) -
             (o.entry > 0.0 ? log_positive(whole_days_at_least(m, o.entry)) : 0.0);
  }
  return 0.0;
}

std::vector<LosModel> mixture_starts(double mean) {
  const Family family = Family::ExponentialMixture;
  return {{family, {0.5, 0.3 * mean, 2.0 * mean}},
          {family, {0.8, 0.5 * mean, 3.0 * mean}},
          {family, {0.2, 0.2 * mean, 1.2 * mean}}};
}

// The two-phase Coxian with the survival of an exponential mixture (weight
// w on mean a, 1 - w on mean b > a): phases a then b, going on with
// probability (1 - w)(b - a) / b, so that S(t) = w e^(-t/a) + (1 - w) e^(-t/b).
LosModel coxian_from_mixture(const LosModel& mixture) {
  const auto& p = mixture.p;
  return {Family::Coxian2, {p[1], p[2], 0.0, (1.0 - p[0]) * (p[2] - p[1]) / p[2], 0.0}};
}

// A Coxian as the likelihood sees it, with the coefficients of its sum of
// exponentials worked out once for the whole sample rather than once a
// point: the same values as LosModel's, at half the cost.
class CoxianLikelihood {
 public:
  explicit CoxianLikelihood(const LosModel& m) : evaluator_(m.coxian()), mean_(m.mean()) {}
  double log_pdf(double x) const { return std::log(evaluator_.at(x).density); }
  double survival(double x) const { return x <= 0.0 ? 1.0 : evaluator_.at(x).survival; }
  double tail_integral(double x) const { return x <= 0.0 ? mean_ - x : evaluator_.at(x).tail; }
  double mean() const { return mean_; }

 private:
  sim::CoxianEvaluator evaluator_;
  double mean_;
};

template <class Model>
double sum_log_likelihood(const Model& model, const LosSample& sample) {
  double total = 0.0;
  for (const auto& o : sample.observations) total += o.count * observation_log_likelihood(model, o);
  return std::isnan(total) ? -std::numeric_limits<double>::infinity() : total;
}

// Less variable than the exponential: nearly two phases in series.
LosModel nearly_erlang(double mean) {
  return {Family::Coxian2, {0.4 * mean, 0.6 * mean, 0.0, 0.95, 0.0}};
}

// Starting points from the plain moments of the observed values (censored
// ones taken as they are: only a start).
std::vector<LosModel> starts(Family family, const LosSample& sample) {
  double n = 0.0, sum = 0.0, sum2 = 0.0, log_sum = 0.0, log_sum2 = 0.0;
  for (const auto& o : sample.observations) {
    const double x = std::max(o.value, 0.5 * kShortest);
    n += o.count;
    sum += o.count * x;
    sum2 += o.count * x * x;
    log_sum += o.count * std::log(x);
    log_sum2 += o.count * std::log(x) * std::log(x);
  }
  const double mean = std::max(sum / n, kShortest);
  const double var = std::max(sum2 / n - mean * mean, 1e-6 * mean * mean);
  const double cv = std::sqrt(var) / mean;
  switch (family) {
    case Family::Exponential: return {{family, {mean, 0, 0}}};
    case Family::Gamma: return {{family, {1.0 / (cv * cv), mean * cv * cv, 0}}};
    case Family::Lognormal: {
      const double mu = log_sum / n;
      const double sigma = std::sqrt(std::max(log_sum2 / n - mu * mu, 1e-4));
      return {{family, {mu, sigma, 0}}};
    }
    case Family::Weibull: {
      const double shape = std::clamp(std::pow(cv, -1.086), 0.05, 50.0);
      return {{family, {shape, mean / std::tgamma(1.0 + 1.0 / shape), 0}}};
    }
    case Family::ExponentialMixture: return mixture_starts(mean);
    case Family::Coxian2: {
      std::vector<LosModel> coxians;
      for (const auto& mixture : mixture_starts(mean)) coxians.push_back(coxian_from_mixture(mixture));
      coxians.push_back(nearly_erlang(mean));
      return coxians;
    }
    case Family::Coxian3:
      return {{family, {0.3 * mean, 0.8 * mean, 3.0 * mean, 0.5, 0.3}},
              {family, {0.3 * mean, 0.4 * mean, 0.5 * mean, 0.9, 0.9}}};
  }
  return {};
}

// A longer Coxian's start from a shorter fit: a third phase, rarely
// reached, after the second. (A short phase before the others was tried as
// a second start: on a million stays it cost four times as much and ended
// lower.)
std::vector<LosModel> coxian3_from_coxian2(const LosModel& two) {
  const auto& p = two.p;
  return {{Family::Coxian3, {p[0], p[1], 3.0 * p[1], p[3], 0.1}}};
}

struct Problem {
  Family family;
  const LosSample* sample;
  int evaluations = 0;
};

double negative_log_likelihood(const std::vector<double>& x, std::vector<double>& /*grad*/, void* data) {
  auto* problem = static_cast<Problem*>(data);
  ++problem->evaluations;
  for (const double v : x)
    if (!std::isfinite(v) || std::abs(v) > 700.0) return std::numeric_limits<double>::max();
  const double ll = log_likelihood(from_free(problem->family, x), *problem->sample);
  return std::isfinite(ll) ? -ll : std::numeric_limits<double>::max();
}

// 95% interval of the mean from the inverse of the numerical Hessian of the
// negative log-likelihood in the free parameters (delta method), on the log
// of the mean so that the interval stays positive and follows the skew of
// small samples.
void mean_interval(FamilyFit& fit, const LosSample& sample) {
  const auto x0 = to_free(fit.model);
  const auto n = x0.size();
  const auto nll = [&](const std::vector<double>& x) {
    return -log_likelihood(from_free(fit.model.family, x), sample);
  };
  constexpr double h = 1e-4;
  Eigen::MatrixXd hessian(n, n);
  Eigen::VectorXd gradient(n);
  for (std::size_t i = 0; i < n; ++i) {
    auto up = x0, down = x0;
    up[i] += h;
    down[i] -= h;
    gradient[static_cast<Eigen::Index>(i)] = (std::log(from_free(fit.model.family, up).mean()) -
                                              std::log(from_free(fit.model.family, down).mean())) /
                                             (2 * h);
    for (std::size_t j = 0; j < n; ++j) {
      auto pp = x0, pm = x0, mp = x0, mm = x0;
      pp[i] += h;
      pp[j] += h;
      pm[i] += h;
      pm[j] -= h;
      mp[i] -= h;
      mp[j] += h;
      mm[i] -= h;
      mm[j] -= h;
      hessian(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) =
          (nll(pp) - nll(pm) - nll(mp) + nll(mm)) / (4 * h * h);
    }
  }
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(hessian);
  const double variance = gradient.dot(ldlt.solve(gradient));
  if (ldlt.info() != Eigen::Success || !(variance >= 0.0) || !std::isfinite(variance)) {
    fit.mean_low = fit.mean_high = std::numeric_limits<double>::quiet_NaN();
    return;
  }
  const Eigen::MatrixXd covariance =
      ldlt.solve(Eigen::MatrixXd::Identity(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n)));
  for (Eigen::Index i = 0; i < covariance.rows(); ++i) {
    fit.free_se.push_back(std::sqrt(std::max(covariance(i, i), 0.0)));
    for (Eigen::Index j = 0; j < covariance.cols(); ++j) fit.free_covariance.push_back(covariance(i, j));
  }
  const double half = 1.959963984540054 * std::sqrt(variance);
  fit.mean_low = fit.mean * std::exp(-half);
  fit.mean_high = fit.mean * std::exp(half);
}

}  // namespace

std::pair<double, double> quantile_interval(const FamilyFit& fit, double q) {
  const auto x0 = to_free(fit.model);
  const auto n = x0.size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (fit.free_covariance.size() != n * n) return {nan, nan};
  // The gradient of the log quantile by central differences, as the mean's.
  constexpr double h = 1e-4;
  std::vector<double> gradient(n);
  for (std::size_t i = 0; i < n; ++i) {
    auto up = x0, down = x0;
    up[i] += h;
    down[i] -= h;
    gradient[i] = (std::log(from_free(fit.model.family, up).quantile(q)) -
                   std::log(from_free(fit.model.family, down).quantile(q))) /
                  (2 * h);
  }
  double variance = 0.0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      variance += gradient[i] * fit.free_covariance[i * n + j] * gradient[j];
  if (!(variance >= 0.0) || !std::isfinite(variance)) return {nan, nan};
  const double estimate = fit.model.quantile(q);
  const double half = 1.959963984540054 * std::sqrt(variance);
  return {estimate * std::exp(-half), estimate * std::exp(half)};
}

double log_likelihood(const LosModel& model, const LosSample& sample) {
  if (model.family == Family::Coxian2 || model.family == Family::Coxian3)
    return sum_log_likelihood(CoxianLikelihood(model), sample);
  return sum_log_likelihood(model, sample);
}

FamilyFit fit_family(Family family, const LosSample& sample, const std::vector<LosModel>& extra_starts) {
  FamilyFit best;
  best.model.family = family;
  best.log_likelihood = -std::numeric_limits<double>::infinity();
  // Fewer discharges than parameters + 1 determine nothing: the optimiser
  // would run off to a boundary and report it as a fit.
  if (sample.events() < parameter_count(family) + 1) return best;
  // A Coxian's likelihood costs several times another family's, so given
  // starts from a related fit, those replace its own (the slowest part of a
  // fit of a million stays otherwise; docs/fitting.md, section 8).
  const bool coxian = family == Family::Coxian2 || family == Family::Coxian3;
  auto all_starts = coxian && !extra_starts.empty() ? std::vector<LosModel>{} : starts(family, sample);
  all_starts.insert(all_starts.end(), extra_starts.begin(), extra_starts.end());
  for (const auto& start : all_starts) {
    Problem problem{family, &sample};
    auto x = to_free(start);
    nlopt::opt optimiser(x.size() == 1 ? nlopt::LN_COBYLA : nlopt::LN_BOBYQA,
                         static_cast<unsigned>(x.size()));
    optimiser.set_min_objective(negative_log_likelihood, &problem);
    optimiser.set_xtol_rel(1e-10);
    optimiser.set_maxeval(4000);
    optimiser.set_initial_step(std::vector<double>(x.size(), 0.3));
    double value = 0.0;
    try {
      // Twice: BOBYQA's second run from its own answer rebuilds its
      // quadratic model and polishes a long, flat valley.
      optimiser.optimize(x, value);
      optimiser.optimize(x, value);
    } catch (const std::exception&) {
      continue;  // a failed start; others may work
    }
    if (value < std::numeric_limits<double>::max() && -value > best.log_likelihood) {
      best.model = from_free(family, x);
      best.log_likelihood = -value;
      best.converged = true;
    }
  }
  if (!best.converged) return best;
  const double k = parameter_count(family);
  best.aic = 2.0 * k - 2.0 * best.log_likelihood;
  best.bic = k * std::log(sample.episodes) - 2.0 * best.log_likelihood;
  best.mean = best.model.mean();
  best.p50 = best.model.quantile(0.5);
  best.p90 = best.model.quantile(0.9);
  best.p95 = best.model.quantile(0.95);
  mean_interval(best, sample);
  return best;
}

LosFits fit_los(LosSample sample, const std::vector<Family>& families) {
  LosFits fits;
  fits.km = kaplan_meier(sample);
  for (const Family family : families) {
    // The Coxians start also from the fits of the shapes they contain: the
    // two-phase one from the exponential mixture (the same hyperexponential
    // survival), the three-phase one from the two-phase one.
    std::vector<LosModel> extra;
    const auto fitted = [&fits](Family f) {
      const auto it = std::find_if(fits.ranked.begin(), fits.ranked.end(), [f](const FamilyFit& x) {
        return x.model.family == f && x.converged;
      });
      return it == fits.ranked.end() ? nullptr : &it->model;
    };
    if (const LosModel* mixture =
            family == Family::Coxian2 ? fitted(Family::ExponentialMixture) : nullptr) {
      extra.push_back(coxian_from_mixture(*mixture));
      // The mixture's basin, and the one of the short-mean moment start,
      // which on skewed stays reaches a Coxian no mixture is (continue near 1).
      extra.push_back(coxian_from_mixture(mixture_starts(mixture->mean()).back()));
    }
    if (const LosModel* two = family == Family::Coxian3 ? fitted(Family::Coxian2) : nullptr)
      extra = coxian3_from_coxian2(*two);
    fits.ranked.push_back(fit_family(family, sample, extra));
  }
  std::stable_sort(fits.ranked.begin(), fits.ranked.end(), [](const FamilyFit& a, const FamilyFit& b) {
    if (a.converged != b.converged) return a.converged;
    return a.aic < b.aic;
  });
  if (!fits.ranked.empty() && fits.ranked.front().converged) {
    const double best = fits.ranked.front().aic;
    double total = 0.0;
    for (const auto& f : fits.ranked)
      if (f.converged) total += std::exp(-0.5 * (f.aic - best));
    for (auto& f : fits.ranked)
      if (f.converged) f.weight = std::exp(-0.5 * (f.aic - best)) / total;
  }
  fits.sample = std::move(sample);
  return fits;
}

}  // namespace flowsim::fit
