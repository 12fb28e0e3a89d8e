// C3: M/G/infinity. With Poisson arrivals (4 a day) and unlimited beds, the
// occupancy at any time is Poisson with mean 4 × 5 = 20 whatever the LOS
// distribution with mean 5. Checked for lognormal, gamma, Weibull and
// empirical stays (scenarios/validation/c3_mginf_*.yaml): the time-average
// occupancy, and the occupancy distribution through P(occupancy >= k) and
// the variance (Poisson: equal to the mean), estimated from the midnight
// census of every measured day. Days are a few mean stays apart at most, so
// samples within a replication are correlated; the confidence interval is
// over replications, which are independent, so it stays valid.
// The time-weighted occupancy distribution (occupancy_distribution.csv) is
// checked too: P(N = n) against the Poisson probabilities, and the share
// P(N = n) / P(N <= n) that a planner reads as "how often n beds would all be
// full" against Erlang B with n servers (equal for Poisson occupancy).
#include <cmath>

#include "tools/io/occupancy_distribution.hpp"
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

double poisson_probability(int n, double mean) {
  return std::exp(n * std::log(mean) - mean - std::lgamma(n + 1.0));
}

// Erlang B by its stable recursion: B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)).
double erlang_b(int servers, double load) {
  double b = 1.0;
  for (int k = 1; k <= servers; ++k) b = load * b / (k + load * b);
  return b;
}

void check_time_weighted_distribution(const char* label,
                                      const std::vector<flowsim::models::ReplicationResult>& results) {
  std::vector<std::vector<double>> shares;
  for (const auto& r : results) {
    REQUIRE(r.time_at_occupancy.size() == 1);
    shares.push_back(flowsim::tools::occupancy_probabilities(r.time_at_occupancy[0]));
    REQUIRE(shares.back().size() > 30);
  }
  // Power bounds: above the mean (20) the delay curve's relative error is
  // that of P(N = n) itself (P(N <= n) is near 1), so from 20 up they are the
  // P(N = n) bounds of the tail check below; below the mean the small
  // P(N <= n) widens it.
  const struct {
    int n;
    double max_relative_half_width;
  } levels[] = {{10, 0.08}, {15, 0.02}, {20, 0.02}, {25, 0.04}, {30, 0.10}};
  for (const auto& level : levels) {
    const auto n = static_cast<std::size_t>(level.n);
    std::vector<double> probability;
    std::vector<double> full;
    for (const auto& p : shares) {
      probability.push_back(p[n]);
      double at_most = 0.0;
      for (std::size_t k = 0; k <= n; ++k) at_most += p[k];
      full.push_back(p[n] / at_most);
    }
    check_within_ci(label, fmt::format("time-weighted P(N = {})", level.n), probability,
                    poisson_probability(level.n, kOfferedLoad), level.max_relative_half_width);
    check_within_ci(label, fmt::format("P(N = {0}) / P(N <= {0}) (Erlang B)", level.n), full,
                    erlang_b(level.n, kOfferedLoad), level.max_relative_half_width);
  }
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

  check_within_ci(
      label, "midnight census mean",
      [&] {
        std::vector<double> v;
        for (const auto& c : census) v.push_back(sim_mean(c));
        return v;
      }(),
      kOfferedLoad, 0.01);
  check_within_ci(
      label, "midnight census variance (Poisson: = mean)",
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
  check_time_weighted_distribution(label, r.results);
}

}  // namespace

TEST_CASE("C3 Poisson tail helper", "[validation][mginf]") {
  CHECK(poisson_tail(20, 20.0) == Approx(0.529743).margin(1e-6));
  CHECK(poisson_tail(30, 20.0) == Approx(0.021818).margin(1e-6));
  CHECK(poisson_probability(20, 20.0) == Approx(0.0888353).margin(1e-7));
  // Erlang B is the truncated Poisson's top share.
  CHECK(erlang_b(25, 20.0) ==
        Approx(poisson_probability(25, 20.0) / (1.0 - poisson_tail(26, 20.0))).epsilon(1e-12));
  CHECK(erlang_b(1, 20.0) == Approx(20.0 / 21.0));
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
