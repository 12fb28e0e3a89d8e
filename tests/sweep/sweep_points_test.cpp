// Sweep points: the full factorial grid, Latin hypercube stratification and
// determinism, and the crossing of both.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "tools/sweep/sweep_points.hpp"

using flowsim::sweep::latin_hypercube;
using flowsim::sweep::ParameterValue;
using flowsim::sweep::sweep_points;
using flowsim::sweep::SweepDefinition;
using flowsim::sweep::SweepParameter;

namespace {

SweepParameter grid(const std::string& name, std::vector<std::string> values) {
  SweepParameter p;
  p.name = p.path = name;
  for (auto& v : values) p.values.push_back({v, true});
  return p;
}

SweepParameter range(const std::string& name, double low, double high, bool integer = false) {
  SweepParameter p;
  p.name = p.path = name;
  p.low = low;
  p.high = high;
  p.integer = integer;
  return p;
}

}  // namespace

TEST_CASE("A grid is the full factorial, the first parameter varying slowest", "[sweep]") {
  SweepDefinition sweep;
  sweep.parameters = {grid("a", {"1", "2", "3"}), grid("b", {"x", "y"})};
  const auto points = sweep_points(sweep, 1);
  REQUIRE(points.size() == 6);
  std::vector<std::string> seen;
  for (const auto& p : points) seen.push_back(p.values[0].text + p.values[1].text);
  CHECK(seen == std::vector<std::string>{"1x", "1y", "2x", "2y", "3x", "3y"});
}

TEST_CASE("A Latin hypercube hits every stratum once in every dimension", "[sweep]") {
  for (const std::uint32_t samples : {1U, 2U, 7U, 50U}) {
    const auto cube = latin_hypercube(samples, 4, 123);
    REQUIRE(cube.size() == samples);
    for (std::size_t d = 0; d < 4; ++d) {
      std::set<long> strata;
      for (const auto& point : cube) {
        CHECK(point[d] >= 0.0);
        CHECK(point[d] < 1.0);
        strata.insert(static_cast<long>(std::floor(point[d] * samples)));
      }
      INFO("samples " << samples << " dimension " << d);
      CHECK(strata.size() == samples);
    }
  }
}

TEST_CASE("A Latin hypercube depends only on its seed", "[sweep]") {
  const auto a = latin_hypercube(20, 3, 5);
  CHECK(a == latin_hypercube(20, 3, 5));
  const auto b = latin_hypercube(20, 3, 6);
  CHECK(a != b);
  // Dimensions are not copies of each other.
  std::vector<double> first, second;
  for (const auto& p : a) {
    first.push_back(p[0]);
    second.push_back(p[1]);
  }
  CHECK(first != second);
}

TEST_CASE("Sampled parameters map strata onto their range, crossed with the grid", "[sweep]") {
  SweepDefinition sweep;
  sweep.samples = 5;
  sweep.parameters = {range("rate", 10, 20), grid("beds", {"3", "4"}), range("staff", 1, 5, true)};
  const auto points = sweep_points(sweep, 42);
  REQUIRE(points.size() == 10);
  std::set<long> rate_strata;
  std::set<std::string> staff;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const auto& p = points[i];
    CHECK(p.values[1].text == (i < 5 ? "3" : "4"));
    // Each grid point sees the same five samples.
    CHECK(p.values[0] == points[i % 5].values[0]);
    CHECK(p.values[2] == points[i % 5].values[2]);
    const double rate = std::stod(p.values[0].text);
    CHECK(rate >= 10.0);
    CHECK(rate < 20.0);
    rate_strata.insert(static_cast<long>(std::floor((rate - 10.0) / 2.0)));
    staff.insert(p.values[2].text);
  }
  CHECK(rate_strata.size() == 5);
  // Five samples over the five integers 1..5: each exactly once.
  CHECK(staff == std::set<std::string>{"1", "2", "3", "4", "5"});
}
