// Erlang B and C, the busy-bed distribution and the capacity estimates of
// `flowsim check` and `flowsim size`. Reference values: the same textbook
// values the validation scenarios use (scenarios/validation/c1_*, c2_*
// headers), and direct sums of the stationary distributions for small cases.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "models/erlang.hpp"

using namespace flowsim::models;

namespace {

// M/M/c stationary distribution by direct products (small c only):
// P(k busy) for k = 0..c, the last entry being "all busy or queueing".
std::vector<double> mmc_busy_distribution(int c, double a, bool with_queue) {
  std::vector<double> weight(static_cast<std::size_t>(c) + 1);
  double term = 1.0;
  for (int k = 0; k <= c; ++k) {
    if (k > 0) term *= a / k;
    weight[static_cast<std::size_t>(k)] = term;
  }
  // With a queue, states c, c+1, ... add term × (1 + rho + rho^2 + ...).
  if (with_queue) weight[static_cast<std::size_t>(c)] = term / (1.0 - a / c);
  double total = 0.0;
  for (const double w : weight) total += w;
  for (double& w : weight) w /= total;
  return weight;
}

}  // namespace

TEST_CASE("Erlang B and C match the reference values", "[erlang]") {
  CHECK(erlang_c(52, 50.0) == Approx(0.69961).epsilon(1e-4));
  CHECK(erlang_c(55, 50.0) == Approx(0.38455).epsilon(1e-4));
  CHECK(erlang_c(60, 50.0) == Approx(0.11730).epsilon(1e-4));
  CHECK(erlang_c(3, 2.0) == Approx(4.0 / 9.0).epsilon(1e-9));
  CHECK(erlang_b(55, 50.0) == Approx(0.053749).epsilon(1e-4));
  CHECK(erlang_b(60, 50.0) == Approx(0.021668).epsilon(1e-4));
  CHECK(erlang_b(0, 7.0) == 1.0);
  CHECK(erlang_b(1, 1.0) == Approx(0.5));
  // No steady state: every arrival waits.
  CHECK(erlang_c(50, 50.0) == 1.0);
  CHECK(erlang_c(10, 12.0) == 1.0);
}

TEST_CASE("Erlang formulas stay finite and ordered for thousands of beds", "[erlang]") {
  // a^c / c! overflows a double long before c = 1300; the recursion must not.
  const double c_value = erlang_c(1300, 1250.0);
  const double b_value = erlang_b(1300, 1250.0);
  REQUIRE(std::isfinite(c_value));
  REQUIRE(std::isfinite(b_value));
  CHECK(b_value > 0.0);
  CHECK(b_value < c_value);  // waiting is always likelier than loss at the same load
  CHECK(c_value < 1.0);
  CHECK(erlang_c(1400, 1250.0) < c_value);
}

TEST_CASE("The share of time with at least k beds busy matches the stationary distribution",
          "[erlang]") {
  for (const bool with_queue : {true, false}) {
    const int c = 6;
    const double a = 4.2;
    const auto p = mmc_busy_distribution(c, a, with_queue);
    for (int level = 0; level <= c; ++level) {
      double expected = 0.0;
      for (int k = level; k <= c; ++k) expected += p[static_cast<std::size_t>(k)];
      INFO("with_queue " << with_queue << ", level " << level);
      CHECK(share_of_time_busy_at_least(c, a, level, with_queue) == Approx(expected).epsilon(1e-9));
    }
  }
}

TEST_CASE("Capacity estimates are the smallest capacities meeting their targets", "[erlang]") {
  CHECK(minimum_stable_capacity(50.0) == 51);
  CHECK(minimum_stable_capacity(49.5) == 50);
  // Erlang C at a = 50: 57 beds 0.2465, 58 beds 0.1944.
  CHECK(capacity_for_wait_probability(50.0, 0.2) == 58);
  // Erlang B at a = 50: 60 beds 0.021668 <= 0.025 < B(59).
  CHECK(capacity_for_loss_probability(50.0, 0.025) == 60);
  CHECK(erlang_b(59, 50.0) > 0.025);
  const auto occupancy = capacity_for_occupancy_level(50.0, 0.92, 0.05, true);
  REQUIRE(occupancy);
  const auto level = [](std::int64_t c) {
    return static_cast<std::int64_t>(std::ceil(0.92 * static_cast<double>(c) - 1e-9));
  };
  CHECK(share_of_time_busy_at_least(*occupancy, 50.0, level(*occupancy), true) <= 0.05);
  CHECK(share_of_time_busy_at_least(*occupancy - 1, 50.0, level(*occupancy - 1), true) > 0.05);
}

TEST_CASE("Absurd loads give saturated bed counts and no sizing, never undefined behaviour",
          "[erlang]") {
  // A mean stay typed as 1.9e19 days (found by the long fuzz run): the
  // conversion to an integer overflowed to -9223372036854775807 beds.
  const double absurd = 4.7e19;
  CHECK(minimum_stable_capacity(absurd) == kMostBeds + 1);
  CHECK(minimum_stable_capacity(std::numeric_limits<double>::infinity()) == kMostBeds + 1);
  CHECK(minimum_stable_capacity(std::nan("")) == kMostBeds + 1);
  CHECK_FALSE(capacity_for_wait_probability(absurd, 0.1));
  CHECK_FALSE(capacity_for_loss_probability(absurd, 0.1));
  CHECK_FALSE(capacity_for_occupancy_level(absurd, 0.92, 0.05, true));
  // The largest sized load is still sized.
  CHECK(minimum_stable_capacity(kLargestSizedLoad) == 10000001);
  CHECK(capacity_for_loss_probability(1000.0, 0.01).value() > 1000);
}
