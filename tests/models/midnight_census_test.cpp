// Midnight-census occupancy (the NHS KH03 measure): the mean and 95th
// percentile of each measured midnight's census as a share of the capacity
// in force that day, and the share of midnights at or above each occupancy
// threshold, checked against a hand computation from daily_census; and the
// thresholds themselves coming from run.occupancy_thresholds.
#include "model_test_support.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "models/metrics_report.hpp"
#include "sim/statistics.hpp"

using namespace flowsim::test;

namespace {

// A busy ward (load 9 on 10 beds) with a warm-up of 20 days and a capacity
// cut to 8 beds from day 60, so that the capacity in force matters.
std::string ward(const std::string& run_extra) {
  return fmt::format(R"(
name: midnight
run: {{horizon_days: 120, warmup_days: 20, replications: 1, seed: 7{}}}
exits: [home]
units:
  ward:
    capacity: 10
    los: {{dist: exponential, mean: 3, unit: days}}
    routes: {{home: 1}}
    capacity_changes: [{{day: 60, capacity: 8}}]
arrivals:
  walk_in: {{to: ward, rate_per_day: 3}}
)",
                     run_extra);
}

}  // namespace

TEST_CASE(
    "Midnight-census occupancy is computed from the measured midnights against the capacity in force",
    "[models][midnight]") {
  const auto model = load(ward(""));
  const auto result = run_once(model);
  const auto& census = result.daily_census.at(0);
  REQUIRE(census.size() == 120);
  // Entry i is the census at midnight i + 1; the measured midnights are 21
  // to 120 (after the 20-day warm-up); capacity 10 before day 60, 8 from it.
  std::vector<double> shares;
  double full = 0.0;  // midnights at or above both 92% and 100%
  for (std::size_t i = 20; i < census.size(); ++i) {
    const double capacity = i + 1 >= 60 ? 8.0 : 10.0;
    shares.push_back(census[i] / capacity);
    // 92% of 10 beds is 9.2, so 10 beds; 92% of 8 is 7.36, so 8.
    if (census[i] >= capacity) full += 1.0;
  }
  REQUIRE(shares.size() == 100);
  double total = 0.0;
  for (const double s : shares) total += s;
  CHECK(metric(result, "unit.ward.midnight_occupancy_mean") == Approx(total / 100.0));
  std::vector<double> sorted = shares;
  const double p95 = flowsim::sim::sample_quantile(sorted, 0.95);
  CHECK(metric(result, "unit.ward.midnight_occupancy_p95") == Approx(p95));
  // Type 7 by hand: position 0.95 * 99 = 94.05 between the 95th and 96th smallest.
  std::sort(shares.begin(), shares.end());
  CHECK(p95 == Approx(shares[94] + 0.05 * (shares[95] - shares[94])));
  CHECK(metric(result, "unit.ward.midnight_days_at_or_above_92pct") == Approx(full / 100.0));
  CHECK(metric(result, "unit.ward.midnight_days_at_or_above_100pct") == Approx(full / 100.0));
  // A busy ward: the census is at capacity on some measured midnights but not all.
  CHECK(full > 0.0);
  CHECK(full < 100.0);
}

TEST_CASE("run.occupancy_thresholds sets the levels of the at-or-above metrics", "[models][midnight]") {
  const auto model = load(ward(", occupancy_thresholds: [0.5, 0.8]"));
  const auto result = run_once(model);
  CHECK(has_metric(result, "unit.ward.time_at_or_above_50pct"));
  CHECK(has_metric(result, "unit.ward.time_at_or_above_80pct"));
  CHECK(has_metric(result, "unit.ward.midnight_days_at_or_above_80pct"));
  CHECK_FALSE(has_metric(result, "unit.ward.time_at_or_above_92pct"));
  CHECK_FALSE(has_metric(result, "unit.ward.midnight_days_at_or_above_92pct"));
  // 50% of 10 beds is 5 and of 8 is 4: more time there than at 80% (8 and 7).
  CHECK(metric(result, "unit.ward.time_at_or_above_50pct") >
        metric(result, "unit.ward.time_at_or_above_80pct"));
  const auto& census = result.daily_census.at(0);
  double at_or_above_50 = 0.0;
  for (std::size_t i = 20; i < census.size(); ++i)
    if (census[i] >= (i + 1 >= 60 ? 4.0 : 5.0)) at_or_above_50 += 1.0;
  CHECK(metric(result, "unit.ward.midnight_days_at_or_above_50pct") == Approx(at_or_above_50 / 100.0));
}

TEST_CASE("Occupancy thresholds must be increasing whole percentages written as fractions",
          "[models][midnight]") {
  using flowsim::models::check_occupancy_thresholds;
  const auto problem = [](const std::vector<double>& levels) {
    const auto found = check_occupancy_thresholds(levels);
    return found ? fmt::format("{}: {}", found->item ? std::to_string(*found->item) : "list",
                               found->message)
                 : std::string("none");
  };
  CHECK(problem({0.85, 0.92, 0.95, 1.0}) == "none");
  CHECK(problem({0.85, 92}) ==
        "1: threshold 92 is not a share of capacity in (0, 1] (write 0.92 for 92%)");
  CHECK(problem({0.875}).find("0: threshold 0.875 is not a whole percentage") == 0);
  CHECK(problem({0.92, 0.85}) == "1: thresholds must increase, and 0.85 follows 0.92");
  CHECK(problem({}) == "list: expected one to eight thresholds, got 0");
  CHECK(problem({0.0}) == "0: threshold 0 is not a share of capacity in (0, 1]");
}
