// Percentiles across replications, the skew flag and the paired median
// difference with its sign-test interval, on small data worked by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "sim/replication_spread.hpp"

using flowsim::sim::paired_median_difference;
using flowsim::sim::sample_skewness;
using flowsim::sim::spread_of;

TEST_CASE("spread: type 7 percentiles, interpolated between order statistics", "[sim][spread]") {
  // Positions p (n - 1) = 0.45, 4.5 and 8.55 in 1..10.
  const std::vector<double> ten = {7, 3, 10, 1, 5, 9, 2, 8, 6, 4};
  const auto s = spread_of(ten);
  CHECK(s.p5 == Approx(1.45).epsilon(1e-14));
  CHECK(s.median == 5.5);
  CHECK(s.p95 == Approx(9.55).epsilon(1e-14));
  // Positions 0.15, 1.5 and 2.85 in 1..4; the input is left as it was.
  const std::vector<double> four = {4, 1, 3, 2};
  const auto t = spread_of(four);
  CHECK(t.p5 == Approx(1.15).epsilon(1e-14));
  CHECK(t.median == 2.5);
  CHECK(t.p95 == Approx(3.85).epsilon(1e-14));
  CHECK(four == std::vector<double>{4, 1, 3, 2});
  const auto one = spread_of(std::vector<double>{42});
  CHECK(one.p5 == 42);
  CHECK(one.median == 42);
  CHECK(one.p95 == 42);
}

TEST_CASE("skewness: adjusted Fisher-Pearson G1", "[sim][spread]") {
  // Mean 4, deviations -3 -2 -1 0 6: m2 = 10, m3 = 36, so
  // G1 = sqrt(20) / 3 * 36 / 10^1.5 = 1.2 sqrt(2).
  const std::vector<double> tail = {1, 2, 3, 4, 10};
  CHECK(sample_skewness(tail) == Approx(1.2 * std::sqrt(2.0)).epsilon(1e-12));
  const std::vector<double> mirrored = {-1, -2, -3, -4, -10};
  CHECK(sample_skewness(mirrored) == Approx(-1.2 * std::sqrt(2.0)).epsilon(1e-12));
  CHECK(sample_skewness(std::vector<double>{1, 2, 3}) == 0.0);
  CHECK(sample_skewness(std::vector<double>{0.1, 0.1, 0.1, 0.1}) == 0.0);  // no variation
  CHECK(sample_skewness(std::vector<double>{5, 9}) == 0.0);                // n < 3
}

TEST_CASE("the heavy-skew flag needs both a large skewness and a mean pulled from the median",
          "[sim][spread]") {
  // Two runaway replications of 40 at ten times the level of the others:
  // mean 146.9, median 102, half-width about 63: skewed both ways.
  std::vector<double> runaway(40, 100.0);
  for (std::size_t r = 0; r < 40; ++r) runaway[r] += static_cast<double>(r % 5);
  runaway[7] = runaway[31] = 1000.0;
  const auto s = spread_of(runaway);
  CHECK(s.median == 102.0);
  CHECK(s.skewness > 4.0);
  CHECK(s.skewed);
  // G1 = 1.70 but mean 4 and median 3 differ by 1, under half of the
  // half-width t(0.975; 4) * sqrt(12.5 / 5) = 4.39: five values cannot tell.
  const auto few = spread_of(std::vector<double>{1, 2, 3, 4, 10});
  CHECK(few.skewness > 1.0);
  CHECK_FALSE(few.skewed);
  // Mean 5.56 far from median 10 but G1 = -0.27: two clusters, not a tail.
  const auto clusters = spread_of(std::vector<double>{0, 0, 0, 0, 10, 10, 10, 10, 10});
  CHECK(std::abs(clusters.skewness) < 1.0);
  CHECK_FALSE(clusters.skewed);
  CHECK_FALSE(spread_of(std::vector<double>{1, 2, 3, 4, 5}).skewed);
}

TEST_CASE("paired median difference: order statistics of the differences, exact binomial coverage",
          "[sim][spread]") {
  // Differences 1..10: 2 P(B <= 1) = 22/1024 <= 0.05 < 2 P(B <= 2) = 112/1024,
  // so k = 2 and the interval is [2nd, 9th] = [2, 9].
  const std::vector<double> base(10, 100.0);
  const std::vector<double> variant = {103, 110, 101, 107, 105, 102, 109, 104, 108, 106};
  const auto d = paired_median_difference(base, variant);
  CHECK(d.median == 5.5);
  REQUIRE(d.low);
  REQUIRE(d.high);
  CHECK(*d.low == 2.0);
  CHECK(*d.high == 9.0);
  CHECK(d.coverage == Approx(1.0 - 22.0 / 1024.0).epsilon(1e-12));

  // Six pairs: 2 P(B <= 0) = 2/64 fits, so the range itself, with coverage 62/64.
  const std::vector<double> six_base = {0, 0, 0, 0, 0, 0};
  const std::vector<double> six = {-1, 4, 2, -3, 8, 5};
  const auto e = paired_median_difference(six_base, six);
  CHECK(e.median == 3.0);
  REQUIRE(e.low);
  CHECK(*e.low == -3.0);
  CHECK(*e.high == 8.0);
  CHECK(e.coverage == Approx(62.0 / 64.0).epsilon(1e-12));

  // Five pairs cannot reach 95%: 2/32 > 0.05. The median alone.
  const auto f =
      paired_median_difference(std::vector<double>{1, 2, 3, 4, 5}, std::vector<double>{2, 2, 5, 4, 9});
  CHECK(f.median == 1.0);
  CHECK_FALSE(f.low);
  CHECK_FALSE(f.high);
  CHECK(f.coverage == 0.0);

  CHECK_THROWS_AS(paired_median_difference(base, std::vector<double>{1, 2}), std::invalid_argument);
}
