// Paired and unpaired differences, MSER truncation and Welch's moving
// average on series whose answers are known.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include <boost/math/distributions/normal.hpp>

#include "sim/output_analysis.hpp"
#include "sim/random_stream.hpp"

using flowsim::sim::mser_truncation;
using flowsim::sim::paired_difference;
using flowsim::sim::welch_moving_average;

namespace {

// t(0.975; 8) from standard tables.
constexpr double kT975_8 = 2.3060041352041662;

// n standard normal draws through the project's random streams (inversion).
std::vector<double> normal_noise(std::size_t n, std::uint32_t purpose) {
  const flowsim::sim::StreamKey key(7, "test/noise");
  const boost::math::normal normal;
  std::vector<double> noise(n);
  for (std::size_t i = 0; i < n; ++i)
    noise[i] = boost::math::quantile(
        normal, flowsim::sim::uniform_at(key, purpose, static_cast<std::uint32_t>(i), 0, 0));
  return noise;
}

}  // namespace

TEST_CASE("paired difference: per-replication differences, Welch's interval for contrast",
          "[sim][output_analysis]") {
  const std::vector<double> base = {1, 2, 3, 4, 5};
  const std::vector<double> variant = {1.5, 2, 3.5, 4, 5.5};
  const auto d = paired_difference(base, variant);
  // Differences 0.5, 0, 0.5, 0, 0.5: mean 0.3, variance 0.075.
  CHECK(d.paired.mean == Approx(0.3).epsilon(1e-14));
  CHECK(d.paired.sd == Approx(std::sqrt(0.075)).epsilon(1e-14));
  // var(base) 2.5, var(variant) 2.575.
  REQUIRE(d.variance_reduction);
  CHECK(*d.variance_reduction == Approx((2.5 + 2.575) / 0.075).epsilon(1e-12));

  // Equal variances and sizes: Welch's degrees of freedom are 2(n-1) = 8.
  const std::vector<double> shifted = {3, 4, 5, 6, 7};
  const auto e = paired_difference(base, shifted);
  CHECK(e.paired.mean == 2.0);
  CHECK(e.paired.half_width == 0.0);
  CHECK_FALSE(e.variance_reduction);  // no variation in the differences: undefined
  CHECK(e.unpaired_half_width == Approx(kT975_8 * std::sqrt(2.5 / 5 + 2.5 / 5)).epsilon(1e-9));

  const auto same = paired_difference(base, base);
  CHECK(same.paired.mean == 0.0);
  CHECK(same.paired.sd == 0.0);

  CHECK_THROWS_AS(paired_difference(base, std::vector<double>{1, 2}), std::invalid_argument);
}

TEST_CASE("MSER-5 finds the end of a step transient", "[sim][output_analysis]") {
  // 100 observations around 20, then 900 around 0: the bias ends at 100.
  auto series = normal_noise(1000, 1);
  for (std::size_t i = 0; i < 100; ++i) series[i] += 20.0;
  const auto t = mser_truncation(series, 5);
  CHECK(t.batches == 200);
  CHECK(t.in_first_half);
  CHECK(t.observations >= 100);
  CHECK(t.observations <= 110);
}

TEST_CASE("MSER-5 finds the end of an exponentially decaying transient", "[sim][output_analysis]") {
  // Bias 10 exp(-i/30) on unit noise over 2000 observations. The standard
  // error of the settled mean is about 1/sqrt(2000) ~ 0.02, which the bias
  // reaches at i = 30 ln(10 / 0.02) ~ 190; by i = 60 it is still 1.35.
  auto series = normal_noise(2000, 2);
  for (std::size_t i = 0; i < series.size(); ++i)
    series[i] += 10.0 * std::exp(-static_cast<double>(i) / 30.0);
  const auto t = mser_truncation(series, 5);
  CHECK(t.in_first_half);
  CHECK(t.observations >= 60);
  CHECK(t.observations <= 300);
}

TEST_CASE("MSER's guard: a series still drifting at its end is flagged", "[sim][output_analysis]") {
  // A steady rise: no truncation point makes the rest look stationary.
  std::vector<double> rising(500);
  for (std::size_t i = 0; i < rising.size(); ++i) rising[i] = static_cast<double>(i * i);
  const auto t = mser_truncation(rising, 5);
  CHECK_FALSE(t.in_first_half);
  CHECK(t.observations <= 250);
  CHECK_THROWS_AS(mser_truncation(std::vector<double>(49, 1.0), 5), std::invalid_argument);
}

TEST_CASE("Welch's moving average", "[sim][output_analysis]") {
  const std::vector<double> y = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const auto w = welch_moving_average(y, 2);
  REQUIRE(w.size() == 10);
  CHECK(*w[0] == 1.0);  // y[0]
  CHECK(*w[1] == 2.0);  // mean of y[0..2]
  CHECK(*w[2] == 3.0);  // mean of y[0..4]
  CHECK(*w[7] == 8.0);  // mean of y[5..9]
  CHECK_FALSE(w[8]);    // the window would run past the end
  CHECK_FALSE(w[9]);
}
