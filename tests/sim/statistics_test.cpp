#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "sim/statistics.hpp"

using flowsim::sim::sample_quantile;
using flowsim::sim::summarize;

// Student-t quantiles from standard tables: t(0.975; df) and t(0.95; df).
// Boost's iterative quantile agrees to about 1e-11, hence epsilon 1e-9.
namespace {
constexpr double kT975_1 = 12.706204736174707;
constexpr double kT975_4 = 2.7764451051977987;
constexpr double kT975_9 = 2.2621571627409915;
constexpr double kT950_4 = 2.1318467863266499;
}  // namespace

TEST_CASE("summarize: mean, sd and the t interval", "[sim][statistics]") {
  const std::vector<double> values = {1.0, 2.0, 3.0, 4.0, 5.0};
  const auto s = summarize(values);
  CHECK(s.n == 5);
  CHECK(s.mean == Approx(3.0).epsilon(1e-15));
  CHECK(s.sd == Approx(std::sqrt(2.5)).epsilon(1e-14));
  CHECK(s.half_width == Approx(kT975_4 * std::sqrt(2.5) / std::sqrt(5.0)).epsilon(1e-9));
  CHECK(s.low() == Approx(3.0 - s.half_width));
  CHECK(s.high() == Approx(3.0 + s.half_width));

  const auto s90 = summarize(values, 0.90);
  CHECK(s90.half_width == Approx(kT950_4 * std::sqrt(2.5) / std::sqrt(5.0)).epsilon(1e-9));

  const std::vector<double> two = {10.0, 12.0};
  const auto t2 = summarize(two);
  CHECK(t2.mean == Approx(11.0));
  CHECK(t2.sd == Approx(std::sqrt(2.0)));
  CHECK(t2.half_width == Approx(kT975_1 * std::sqrt(2.0) / std::sqrt(2.0)).epsilon(1e-9));

  // Ten values 0..9: mean 4.5, variance 55/6.
  std::vector<double> ten;
  for (int i = 0; i < 10; ++i) ten.push_back(i);
  const auto t10 = summarize(ten);
  CHECK(t10.mean == Approx(4.5));
  CHECK(t10.sd == Approx(std::sqrt(55.0 / 6.0)).epsilon(1e-14));
  CHECK(t10.half_width == Approx(kT975_9 * std::sqrt(55.0 / 6.0) / std::sqrt(10.0)).epsilon(1e-9));
}

TEST_CASE("summarize: degenerate inputs", "[sim][statistics]") {
  const auto empty = summarize(std::vector<double>{});
  CHECK(empty.n == 0);
  CHECK(empty.mean == 0.0);
  CHECK(empty.half_width == 0.0);
  const auto one = summarize(std::vector<double>{7.5});
  CHECK(one.n == 1);
  CHECK(one.mean == 7.5);
  CHECK(one.sd == 0.0);
  CHECK(one.half_width == 0.0);
  const auto constant = summarize(std::vector<double>(20, 3.25));
  CHECK(constant.mean == 3.25);
  CHECK(constant.sd == 0.0);
  CHECK(constant.half_width == 0.0);
}

TEST_CASE("summarize is stable for large, nearly equal values", "[sim][statistics]") {
  // Naive sum-of-squares loses everything here; Welford does not.
  const std::vector<double> values = {1e9 + 4.0, 1e9 + 7.0, 1e9 + 13.0, 1e9 + 16.0};
  const auto s = summarize(values);
  CHECK(s.mean == Approx(1e9 + 10.0).epsilon(1e-15));
  CHECK(s.sd == Approx(std::sqrt(30.0)).epsilon(1e-9));
}

TEST_CASE("sample_quantile: type 7 interpolation", "[sim][statistics]") {
  std::vector<double> v = {4.0, 1.0, 3.0, 2.0};  // unsorted on purpose
  CHECK(sample_quantile(v, 0.0) == 1.0);
  CHECK(sample_quantile(v, 1.0) == 4.0);
  CHECK(sample_quantile(v, 0.5) == 2.5);
  CHECK(sample_quantile(v, 0.25) == 1.75);  // position 0.75
  CHECK(sample_quantile(v, 0.9) == Approx(3.7));
  CHECK(v == std::vector<double>{1.0, 2.0, 3.0, 4.0});  // sorted in place

  std::vector<double> single = {5.0};
  CHECK(sample_quantile(single, 0.05) == 5.0);
  CHECK(sample_quantile(single, 0.95) == 5.0);
  std::vector<double> none;
  CHECK(sample_quantile(none, 0.5) == 0.0);

  // R: quantile(0:10, c(.05, .95)) = 0.5, 9.5
  std::vector<double> eleven;
  for (int i = 10; i >= 0; --i) eleven.push_back(i);
  CHECK(sample_quantile(eleven, 0.05) == Approx(0.5));
  CHECK(sample_quantile(eleven, 0.95) == Approx(9.5));
}
