// The runaway (gridlock) rule on synthetic daily series whose answer is
// known: when it fires, from which day, and the cases it must leave alone.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "sim/random_stream.hpp"
#include "sim/runaway.hpp"

using flowsim::sim::runaway_from;
using flowsim::sim::RunawayRule;
using Found = std::vector<std::optional<std::size_t>>;

namespace {

constexpr std::size_t kDays = 545;
constexpr std::size_t kWarmup = 180;

// Replication r of a calm queue: 'r % 5' patients every day. Pooled over
// ten of them the typical level is 2 and the spread 1.4826 (median absolute
// deviation 1), so the alarm level is 2 + 20 * 1.4826 = 31.65.
std::vector<double> calm(std::size_t r) {
  return std::vector<double>(kDays, static_cast<double>(r % 5));
}

// As calm(r), then 'per_day' more patients a day from 'onset' on.
std::vector<double> growing_from(std::size_t r, std::size_t onset, double per_day = 1.0) {
  auto y = calm(r);
  for (std::size_t d = onset; d < kDays; ++d) y[d] += per_day * static_cast<double>(d - onset + 1);
  return y;
}

std::vector<std::vector<double>> calm_set(std::size_t n) {
  std::vector<std::vector<double>> set;
  for (std::size_t r = 0; r < n; ++r) set.push_back(calm(r));
  return set;
}

}  // namespace

TEST_CASE("runaway: replications whose list grows and never clears, among calm ones", "[sim][runaway]") {
  // Replications 2 and 7 sit at the typical level 2 until they grow, after
  // the reference period (days 180-361), so they leave it on the onset day.
  auto set = calm_set(10);
  set[2] = growing_from(2, 400);
  set[7] = growing_from(7, 380);
  const auto found = runaway_from(set, kWarmup);
  Found expected(10);
  expected[2] = 400;
  expected[7] = 380;
  CHECK(found == expected);
}

TEST_CASE("runaway: every replication running away from the same day is found too", "[sim][runaway]") {
  // The reference is the first half of the measured period (days 180-361),
  // before the growth, so the typical level is still the calm one (2, no
  // spread: the alarm is at 2 + the minimum excess of 1).
  std::vector<std::vector<double>> set;
  for (std::size_t r = 0; r < 5; ++r) set.push_back(growing_from(2, 380));
  CHECK(runaway_from(set, kWarmup) == Found(5, std::size_t{380}));
}

TEST_CASE("runaway: the cases that are not runaways", "[sim][runaway]") {
  auto set = calm_set(5);
  SECTION("an excursion that clears before the end") {
    for (std::size_t d = 300; d < kDays; ++d)
      set[2][d] = 2.0 + (d < 400 ? static_cast<double>(d - 299)
                                 : std::max(0.0, 100.0 - 5.0 * static_cast<double>(d - 400)));
    CHECK(runaway_from(set, kWarmup) == Found(5));
  }
  SECTION("growth over the last 27 days only (the rule asks for 28)") {
    // Three more a day: the smoothed list ends at 2 + 3 * 24 = 74 > 31.65.
    set[2] = growing_from(2, kDays - 27, 3.0);
    CHECK(runaway_from(set, kWarmup) == Found(5));
    set[2] = growing_from(2, kDays - 28, 3.0);
    CHECK(runaway_from(set, kWarmup)[2] == kDays - 28);
  }
  SECTION("a list stuck 25 patients above its usual level: under the alarm level") {
    for (std::size_t d = 400; d < kDays; ++d) set[2][d] += 25.0;
    CHECK(runaway_from(set, kWarmup) == Found(5));  // 27 <= 31.65
    RunawayRule looser;
    looser.spread_multiple = 10.0;  // alarm 2 + 14.83
    CHECK(runaway_from(set, kWarmup, looser)[2] == std::size_t{400});
    RunawayRule bigger_floor = looser;
    bigger_floor.min_excess = 26.0;  // alarm 2 + 26 = 28
    CHECK(runaway_from(set, kWarmup, bigger_floor) == Found(5));
  }
  SECTION("a measured period too short to know what is typical") {
    set[2] = growing_from(2, 10);
    CHECK(runaway_from(set, kDays - 12) == Found(5));
    CHECK(runaway_from({}, 0).empty());
  }
  SECTION("stationary noise, 40 replications of 2,000 days, never") {
    const flowsim::sim::StreamKey key(11, "test/runaway");
    std::vector<std::vector<double>> noise(40, std::vector<double>(2000));
    for (std::uint32_t r = 0; r < noise.size(); ++r)
      for (std::uint32_t d = 0; d < noise[r].size(); ++d)
        noise[r][d] = std::floor(40.0 * flowsim::sim::uniform_at(key, 0, d, r, 0));
    CHECK(runaway_from(noise, 100) == Found(40));
  }
}
