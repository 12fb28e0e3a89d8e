// C3: M/G/infinity. With Poisson arrivals (4 a day) and unlimited beds, the
// occupancy at any time is Poisson with mean 4 × 5 = 20 whatever the LOS
// distribution with mean 5. Checked for lognormal, gamma, Weibull and
// empirical stays (scenarios/validation/c3_mginf_*.yaml): the time-average
// occupancy, and the occupancy distribution through P(occupancy >= k) and
// the variance (Poisson: equal to the mean), estimated from the midnight
// census of every measured day. Days are a few mean stays apart at most, so
// samples within a replication are correlated; the confidence interval is
// over replications, which are independent, so it stays valid.
#include <cmath>

#include "validation_support.hpp"

using namespace flowsim::validation;

namespace {

constexpr double kOfferedLoad = 20.0;

double poisson_tail(int k, double mean) {
  // P(N >= k) = 1 - sum_{i<k} e^-mean mean^i / i!
  double term = std::exp(-mean);
  double below = 0.0;
  for (int i = 0; i < k; ++i) {
    below += term;
    term *= mean / (i + 1);
  }
  return 1.0 - below;
}

double sim_mean(const std::vector<double>& v) {
  double total = 0.0;
  for (const double x : v) total += x;
  return total / static_cast<double>(v.size());
}

// Midnight census samples of unit 0 taken after the warm-up.
std::vector<double> measured_census(const flowsim::models::ReplicationResult& r,
                                    const flowsim::models::ModelDefinition& model) {
  std::vector<double> out;
  const auto& days = r.daily_census.at(0);
  for (std::size_t d = 0; d < days.size(); ++d)
    if (static_cast<double>(d + 1) > model.run.warmup_days) out.push_back(days[d]);
  return out;
}

void check_mginf(const char* file, const char* label) {
  const auto model = load(file);
  REQUIRE(model->units.size() == 1);
  REQUIRE(model->units[0].unlimited());
  REQUIRE(model->units[0].los_by_group.at(0).mean() == Approx(5.0).epsilon(1e-9));
  const Run r = run(label, model);

  check_metric(label, r.results, "unit.ward.occupancy_mean", kOfferedLoad, 0.01);
  check_metric(label, r.results, "unit.ward.stay_mean_days", 5.0, 0.01);

  std::vector<std::vector<double>> census;
  for (const auto& x : r.results) census.push_back(measured_census(x, *model));
  REQUIRE(census.front().size() > 30000);

  check_within_ci(label, "midnight census mean",
                  [&] {
                    std::vector<double> v;
                    for (const auto& c : census) v.push_back(sim_mean(c));
                    return v;
                  }(),
                  kOfferedLoad, 0.01);
  check_within_ci(label, "midnight census variance (Poisson: = mean)",
                  [&] {
                    std::vector<double> v;
                    for (const auto& c : census) {
                      const double m = sim_mean(c);
                      double ss = 0.0;
                      for (const double x : c) ss += (x - m) * (x - m);
                      v.push_back(ss / static_cast<double>(c.size() - 1));
                    }
                    return v;
                  }(),
                  kOfferedLoad, 0.03);
  // Tail probabilities across the distribution; rarer events get a wider
  // (relative) interval from the same run.
  const struct {
    int k;
    double max_relative_half_width;
  } tails[] = {{10, 0.01}, {15, 0.01}, {20, 0.02}, {25, 0.04}, {30, 0.10}};
  for (const auto& t : tails) {
    std::vector<double> v;
    for (const auto& c : census) {
      std::size_t at_or_above = 0;
      for (const double x : c) at_or_above += x >= t.k ? 1 : 0;
      v.push_back(static_cast<double>(at_or_above) / static_cast<double>(c.size()));
    }
    check_within_ci(label, fmt::format("P(census >= {})", t.k), v, poisson_tail(t.k, kOfferedLoad),
                    t.max_relative_half_width);
  }
}

}  // namespace

TEST_CASE("C3 Poisson tail helper", "[validation][mginf]") {
  CHECK(poisson_tail(20, 20.0) == Approx(0.529743).margin(1e-6));
  CHECK(poisson_tail(30, 20.0) == Approx(0.021818).margin(1e-6));
}

TEST_CASE("C3 M/G/infinity: lognormal LOS", "[validation][mginf]") {
  check_mginf("c3_mginf_lognormal.yaml", "C3 lognormal");
}

TEST_CASE("C3 M/G/infinity: gamma LOS", "[validation][mginf]") {
  check_mginf("c3_mginf_gamma.yaml", "C3 gamma");
}

TEST_CASE("C3 M/G/infinity: Weibull LOS", "[validation][mginf]") {
  check_mginf("c3_mginf_weibull.yaml", "C3 Weibull");
}

TEST_CASE("C3 M/G/infinity: empirical LOS", "[validation][mginf]") {
  check_mginf("c3_mginf_empirical.yaml", "C3 empirical");
}
