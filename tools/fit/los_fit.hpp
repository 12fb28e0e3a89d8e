#pragma once
// Maximum likelihood fits of the candidate families to a censored, truncated
// sample of stays (NLopt's BOBYQA on unconstrained parameters), ranked by
// AIC with BIC and Akaike weights, and the confidence interval of each fit's
// mean from the observed information (delta method).
#include <utility>
#include <vector>

#include "tools/fit/kaplan_meier.hpp"
#include "tools/fit/los_model.hpp"
#include "tools/fit/los_sample.hpp"

namespace flowsim::fit {

// Log-likelihood of the sample under a model; -infinity where impossible.
[[nodiscard]] double log_likelihood(const LosModel& model, const LosSample& sample);

struct FamilyFit {
  LosModel model;
  bool converged = false;
  double log_likelihood = 0.0;
  double aic = 0.0, bic = 0.0;
  double weight = 0.0;                                 // Akaike weight among the converged fits
  double mean = 0.0, mean_low = 0.0, mean_high = 0.0;  // mean, 95% CI
  // Standard errors of the free parameters (to_free: logs of positive
  // parameters), from the observed information; empty when it is singular.
  std::vector<double> free_se;
  // Their covariance, n x n by rows (empty when singular).
  std::vector<double> free_covariance;
  double p50 = 0.0, p90 = 0.0, p95 = 0.0;
};

struct LosFits {
  LosSample sample;
  std::vector<FamilyFit> ranked;  // best AIC first; failed fits last
  KaplanMeier km;
};

// 95% interval of a fit's q-quantile, by the delta method on its log (as
// the mean's); NaN when the information matrix is singular.
[[nodiscard]] std::pair<double, double> quantile_interval(const FamilyFit& fit, double q);

// Fits every family in 'families' (all of them by default).
[[nodiscard]] LosFits fit_los(LosSample sample, const std::vector<Family>& families = {
                                                    kAllFamilies.begin(), kAllFamilies.end()});
// extra_starts: starting points beside the family's own (such as a related
// family's fit).
[[nodiscard]] FamilyFit fit_family(Family family, const LosSample& sample,
                                   const std::vector<LosModel>& extra_starts = {});

}  // namespace flowsim::fit
