// Visit-based home care against the published discharge-to-assess visit
// model (parameters in scenarios/validation/d2a_visits.yaml): with unlimited
// capacity the visits booked a day must match 12.6 referrals a day times the
// exact expected visits of one stay, computed here from the same rounding and
// clamping rules by summing over every stay length and rate.
#include <cmath>
#include <map>

#include "models/traffic.hpp"
#include "models/visit_capacity.hpp"
#include "validation_support.hpp"

namespace {

using flowsim::models::RoundedNormal;
using flowsim::models::VisitPlan;

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// P(value) of round(N(mean, sd)) clamped to [min, max]: the mass below
// min - 0.5 goes to min and the mass above max + 0.5 to max.
std::map<std::int64_t, double> clamped_rounded_normal(double mean, double sd, std::int64_t low,
                                                      std::int64_t high) {
  std::map<std::int64_t, double> p;
  for (std::int64_t k = low; k <= high; ++k) {
    const double below = k == low ? 0.0 : normal_cdf((static_cast<double>(k) - 0.5 - mean) / sd);
    const double above = k == high ? 1.0 : normal_cdf((static_cast<double>(k) + 0.5 - mean) / sd);
    p[k] = above - below;
  }
  return p;
}

double expected_visits_per_stay() {
  // Stays beyond 40 days have probability below 1e-40 for normal(12.2, 2).
  const auto stays = clamped_rounded_normal(12.2, 2.0, 1, 40);
  const auto initial = clamped_rounded_normal(4.0, 1.0, 1, 6);
  double expected = 0.0;
  for (const auto& [days, p_days] : stays)
    for (const auto& [first, p_first] : initial)
      for (const auto& [last, p_last] : clamped_rounded_normal(2.0, 1.0, 0, 1000)) {
        const VisitPlan plan{days, first, std::min(last, first)};
        expected += p_days * p_first * p_last * static_cast<double>(plan.total());
      }
  return expected;
}

}  // namespace

TEST_CASE("D2A visit model: visits a day with unlimited capacity match the exact expectation",
          "[validation][visits]") {
  using namespace flowsim::validation;
  const double analytic = 12.6 * expected_visits_per_stay();
  // The published model's figure is about 461.
  CHECK(analytic == Approx(461.0).margin(1.0));
  const auto model = load("d2a_visits.yaml");
  const auto out = run("D2A", model);
  check_metric("D2A", out.results, "unit.d2a.visits_mean_per_day", analytic, 0.01);
  // Little's law on whole-day stays: 12.6 x E[round(normal(12.2, 2))] places.
  check_metric("D2A", out.results, "unit.d2a.occupancy_mean", 12.6 * 12.2, 0.01);
}

TEST_CASE("D2A visit model: the visits a stay and a day that check offers match the exact expectation",
          "[validation][visits]") {
  using namespace flowsim::validation;
  const auto model = load("d2a_visits.yaml");
  const auto& unit = model->units[0];
  // The summation here and the library's (closed-form totals, stays from
  // the LOS distribution's cdf) are independent; both are exact.
  CHECK(flowsim::models::mean_visits_per_stay(unit.services.visits->by_group[0], unit.los_by_group[0]) ==
        Approx(expected_visits_per_stay()).epsilon(1e-9));
  const auto loads = flowsim::models::solve_traffic(*model);
  CHECK(loads[0].offered_visits_per_day == Approx(12.6 * expected_visits_per_stay()).epsilon(1e-9));
}

TEST_CASE("D2A visit model with a visit capacity: never over it, and referrals wait when it binds",
          "[validation][visits]") {
  using namespace flowsim::validation;
  auto model = load("d2a_visits.yaml");
  model->run.replications = 20;
  // Below the unlimited mean of 460.5 visits a day: the limit binds.
  model->units[0].services.visits->visits_per_day = 450;
  const auto out = run("D2A 450 visits a day", model);
  for (const auto& r : out.results) {
    CHECK(metric(r, "unit.d2a.visits_peak_per_day") <= 450.0);
    CHECK(metric(r, "unit.d2a.visit_utilisation") > 0.95);
    CHECK(metric(r, "unit.d2a.wait_mean_days") > 0.0);
    // Some days every visit is made; never more days than there are.
    CHECK(metric(r, "unit.d2a.visit_limit_days_share") > 0.0);
    CHECK(metric(r, "unit.d2a.visit_limit_days_share") <= 1.0);
  }
}
