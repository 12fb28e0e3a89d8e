// Money as NHS finance counts it (models/cost_report.hpp): fixed cost follows
// the staffed capacity in force, variable cost the patients, and unserved
// demand (waiting at the door, turned away) is charged, never free.
#include <string>

#include "tests/models/model_test_support.hpp"

namespace {

using flowsim::test::load;
using flowsim::test::metric;
using flowsim::test::run_once;

// A 20-bed ward over 180 measured days (200 with a 20-day warm-up), at
// GBP 180 per staffed bed-day and GBP 120 per occupied bed-day.
std::string ward(const std::string& extra, double los_mean = 5.0) {
  return R"(
name: costed ward
run: {horizon_days: 200, warmup_days: 20, replications: 1, seed: 11}
exits: [home]
units:
  ward:
    capacity: 20
    los: {dist: exponential, mean: )" +
         std::to_string(los_mean) + R"(, unit: days}
    routes: {home: 1}
    costs: {per_available_bed_day: 180, per_occupied_bed_day: 120, per_admission: 40}
)" + extra +
         R"(
arrivals:
  admissions: {to: ward, rate_per_day: 2}
)";
}

}  // namespace

TEST_CASE("Closing beds by a capacity calendar cuts the fixed cost by exactly beds x days x rate",
          "[models][costs]") {
  const auto open = run_once(load(ward("")));
  const auto closed = run_once(load(ward("    capacity_changes: [{day: 50, capacity: 15}]")));
  // 20 beds x 180 measured days; then 20 beds for days 20-50 and 15 for 50-200.
  CHECK(metric(open, "cost.ward.fixed_gbp") == 20.0 * 180.0 * 180.0);
  CHECK(metric(closed, "cost.ward.fixed_gbp") == (20.0 * 30.0 + 15.0 * 150.0) * 180.0);
  CHECK(metric(open, "cost.ward.fixed_gbp") - metric(closed, "cost.ward.fixed_gbp") ==
        5.0 * 150.0 * 180.0);
  CHECK(metric(open, "cost.fixed_gbp_per_year") - metric(closed, "cost.fixed_gbp_per_year") ==
        Approx(5.0 * 150.0 * 180.0 / 180.0 * 365.0));
}

TEST_CASE("Variable cost is occupied bed-days and admissions; the parts add up to the total",
          "[models][costs]") {
  const auto result = run_once(load(ward("")));
  const double measured = 180.0;
  const double occupied_bed_days = metric(result, "unit.ward.occupancy_mean") * measured;
  const double admissions = metric(result, "unit.ward.admissions_per_day") * measured;
  CHECK(metric(result, "cost.ward.variable_gbp") ==
        Approx(occupied_bed_days * 120.0 + admissions * 40.0));
  CHECK(metric(result, "cost.ward.gbp") ==
        Approx(metric(result, "cost.ward.fixed_gbp") + metric(result, "cost.ward.variable_gbp")));
  CHECK(metric(result, "cost.total_gbp") ==
        Approx(metric(result, "cost.fixed_gbp") + metric(result, "cost.variable_gbp") +
               metric(result, "cost.unserved_gbp")));
  CHECK(metric(result, "cost.unserved_gbp") == 0.0);
  CHECK(metric(result, "cost.patients_served") == Approx(admissions));
}

TEST_CASE("Shorter stays on a ward whose capacity is unchanged release no cash", "[models][costs]") {
  const auto longer = run_once(load(ward("", 5.0)));
  const auto shorter = run_once(load(ward("", 4.0)));
  CHECK(metric(longer, "cost.fixed_gbp") - metric(shorter, "cost.fixed_gbp") == 0.0);
  CHECK(metric(longer, "cost.variable_gbp") > metric(shorter, "cost.variable_gbp"));
}

namespace {

// A ward that arrivals may find full: 'limits' sets its capacity and
// waiting places, 'costs' what unserved demand costs.
std::string front_door(const std::string& limits, const std::string& costs) {
  return R"(
name: full ward
run: {horizon_days: 100, warmup_days: 10, replications: 1, seed: 3}
exits: [home]
units:
  ward:
)" + limits +
         R"(
    los: {dist: exponential, mean: 5, unit: days}
    routes: {home: 1}
    costs: {per_occupied_bed_day: 100, )" +
         costs + R"(}
arrivals:
  walk_in: {to: ward, rate_per_day: 2}
)";
}

}  // namespace

TEST_CASE("Unserved demand is charged: arrivals turned away and patient-days waiting at the door",
          "[models][costs]") {
  const auto diverting =
      run_once(load(front_door("    capacity: 4\n    queue_limit: 0", "per_diverted: 500")));
  const double diverted = metric(diverting, "unit.ward.diverted");
  REQUIRE(diverted > 0.0);
  CHECK(metric(diverting, "cost.ward.unserved_gbp") == diverted * 500.0);
  CHECK(metric(diverting, "cost.unserved_gbp") == diverted * 500.0);
  CHECK(metric(diverting, "cost.total_gbp") ==
        Approx(metric(diverting, "cost.ward.gbp") + diverted * 500.0));

  const auto waiting = run_once(load(front_door("    capacity: 10", "per_waiting_day: 300")));
  const double waiting_days = metric(waiting, "unit.ward.queue_mean") * 90.0;
  REQUIRE(waiting_days > 0.0);
  CHECK(metric(waiting, "cost.ward.unserved_gbp") == Approx(waiting_days * 300.0));
  CHECK(metric(waiting, "cost.unserved_gbp_per_year") == Approx(waiting_days * 300.0 / 90.0 * 365.0));
}

TEST_CASE("Each patient a gridlocked ward leaves waiting at the door is charged once",
          "[models][costs]") {
  // 5 beds for a load of 10: the queue at the door grows without end.
  const auto result = run_once(load(R"(
name: jammed ward
run: {horizon_days: 60, warmup_days: 0, replications: 1, seed: 3}
exits: [home]
units:
  ward:
    capacity: 5
    los: {dist: exponential, mean: 5, unit: days}
    routes: {home: 1}
    costs: {per_left_waiting: 650}
arrivals:
  walk_in: {to: ward, rate_per_day: 2}
)"));
  // No warm-up: the queue started empty, so its growth is its size at the end.
  const double left_waiting = result.daily_waiting_arrivals.front().back();
  REQUIRE(left_waiting > 20.0);
  CHECK(metric(result, "cost.ward.unserved_gbp") == left_waiting * 650.0);
}
