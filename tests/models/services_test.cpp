// Services beyond plain beds: visit-based capacity, admission avoidance,
// elective admissions with cancellations, readmissions, and departures by
// exit (deaths in hospital and outside). Tiny scenarios with exact answers
// where the rules give one; otherwise shares within 5 binomial standard
// errors (fixed seeds: deterministic).
#include "model_test_support.hpp"

#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "models/electives.hpp"
#include "models/traffic.hpp"
#include "models/visit_capacity.hpp"

using namespace flowsim::test;
using flowsim::models::VisitLedger;
using flowsim::models::VisitPlan;

namespace {

std::string visit_scenario(const std::string& per_day, const std::string& final_mean) {
  return R"(
name: visits
run: {horizon_days: 200, warmup_days: 20, replications: 1, seed: 5}
exits: [home]
units:
  reablement:
    kind: home_care
    capacity: unlimited
    los: {dist: fixed, value: 4, unit: days}
    visits:
      per_day: )" +
         per_day + R"(
      initial: {mean: 4, sd: 0, min: 0, max: 6}
      final: {mean: )" +
         final_mean + R"(, sd: 0, min: 0}
    routes: {home: 1}
arrivals:
  referrals: {to: reablement, rate_per_day: 5}
)";
}

}  // namespace

TEST_CASE("Visit plans fall linearly and round half up", "[models][visits]") {
  CHECK(VisitPlan{4, 4, 1}.on_day(0) == 4);
  CHECK(VisitPlan{4, 4, 1}.on_day(1) == 3);
  CHECK(VisitPlan{4, 4, 1}.on_day(3) == 1);
  CHECK(VisitPlan{4, 4, 1}.total() == 10);
  // 3, 1.5 -> 2, 0
  CHECK(VisitPlan{3, 3, 0}.on_day(1) == 2);
  // 4, 3.6, 3.2, 2.8, 2.4, 2 -> 4, 4, 3, 3, 2, 2
  CHECK(VisitPlan{6, 4, 2}.total() == 18);
  CHECK(VisitPlan{1, 5, 2}.total() == 5);
  VisitLedger ledger;
  ledger.book(3, VisitPlan{4, 4, 1});
  CHECK(ledger.booked_on(2) == 0);
  CHECK(ledger.booked_on(3) == 4);
  CHECK(ledger.booked_on(6) == 1);
  CHECK(ledger.fits(3, 6, 10));
  CHECK_FALSE(ledger.fits(3, 7, 10));
  CHECK(ledger.fits(3, 1000, flowsim::models::kUnlimited));
  CHECK(ledger.mean(3, 7) == Approx(2.5));
  CHECK(ledger.peak(0, 10) == 4);
  // Days 3 to 6 have 4, 3, 2, 1 visits.
  CHECK(ledger.days_at_or_above(0, 10, 3) == 2);
  CHECK(ledger.days_at_or_above(0, 10, 1) == 4);
  CHECK(ledger.days_at_or_above(4, 10, 4) == 0);
}

TEST_CASE("A visit plan's total, summed in closed form, is the sum of its days", "[models][visits]") {
  // Long stays included: the closed form must agree at every length.
  for (const std::int64_t days : {1, 2, 3, 7, 28, 42, 365, 1001})
    for (std::int64_t initial = 0; initial <= 9; ++initial)
      for (std::int64_t final_rate = 0; final_rate <= initial; ++final_rate) {
        const VisitPlan plan{days, initial, final_rate};
        std::int64_t sum = 0;
        for (std::int64_t k = 0; k < days; ++k) sum += plan.on_day(k);
        INFO(days << " days, " << initial << " to " << final_rate);
        CHECK(plan.total() == sum);
      }
}

TEST_CASE("A visit-limited service never books more visits a day than it has", "[models][visits]") {
  // 4 visits a day each, 10 a day in all: at most two patients at once.
  const auto flat = run_once(load(visit_scenario("10", "4")));
  CHECK(metric(flat, "unit.reablement.visits_peak_per_day") == 8.0);
  // Visits are booked on the 4 calendar days from the day of the start; the
  // place is held until 4 days after the start, into a fifth calendar day
  // without visits, when a third patient may already have started.
  CHECK(metric(flat, "unit.reablement.occupancy_peak") == 3.0);
  CHECK(metric(flat, "unit.reablement.queue_mean") > 10.0);  // 5 a day offered, 0.5 a day served
  CHECK(flat.flow_balanced);
  // Falling visits (4, 3, 2, 1) free room as stays go on: more patients fit.
  const auto falling = run_once(load(visit_scenario("10", "1")));
  CHECK(metric(falling, "unit.reablement.visits_peak_per_day") <= 10.0);
  CHECK(metric(falling, "unit.reablement.occupancy_peak") >= 3.0);
  CHECK(metric(falling, "unit.reablement.admissions_per_day") >
        metric(flat, "unit.reablement.admissions_per_day"));
  // Unlimited visits: nobody waits, and the visits a day are 5 x 10 on average.
  const auto unlimited = run_once(load(visit_scenario("unlimited", "1")));
  CHECK(metric(unlimited, "unit.reablement.queue_mean") == 0.0);
  CHECK_FALSE(has_metric(unlimited, "unit.reablement.visit_utilisation"));
  CHECK(metric(unlimited, "unit.reablement.visits_mean_per_day") == Approx(50.0).epsilon(0.1));
}

namespace {
std::string jet_scenario(const std::string& capacity) {
  return R"(
name: jet
run: {horizon_days: 400, warmup_days: 20, replications: 1, seed: 9}
groups: {frail: 0.3, other: 0.7}
exits: [home, died]
units:
  jet:
    kind: other
    capacity: )" +
         capacity + R"(
    los: {dist: exponential, mean: 6, unit: hours}
    avoidance: {resolved: 0.89, resolved_to: home, usual_route: ae}
  ae:
    kind: emergency_department
    capacity: unlimited
    los: {dist: fixed, value: 3, unit: hours}
    routes: {home: 0.7, acute: 0.3}
  acute:
    kind: acute
    capacity: unlimited
    los: {dist: exponential, mean: 4, unit: days}
    routes: {home: 0.95, died: 0.05}
arrivals:
  attendances:
    to: ae
    rate_per_day: 100
    referred: {to: jet, share: {frail: 0.5}}
)";
}
}  // namespace

TEST_CASE("Admission avoidance: a referred share is seen, resolved or passed on, and bypassed when full",
          "[models][avoidance]") {
  const auto result = run_once(load(jet_scenario("3")));
  const double referred = metric(result, "avoidance.jet.referred");
  const double seen = metric(result, "avoidance.jet.seen");
  const double bypassed = metric(result, "avoidance.jet.bypassed_when_full");
  const double resolved = metric(result, "avoidance.jet.resolved");
  const double passed_on = metric(result, "avoidance.jet.passed_on");
  // Every referral is seen or passed by: exact.
  CHECK(referred == seen + bypassed);
  CHECK(bypassed > 0.0);
  // The referred share: 0.5 of the frail 0.3 of attendances.
  check_share(referred,
              metric(result, "unit.jet.arrivals_per_day") * 380.0 +
                  metric(result, "unit.ae.arrivals_per_day") * 380.0,
              0.15);
  // 89% of those seen are resolved at home.
  check_share(resolved, resolved + passed_on, 0.89);
  CHECK(metric(result, "avoidance.jet.admissions_avoided") == resolved);
  CHECK(result.flow_balanced);

  // No capacity: every referral takes the usual route at once.
  const auto none = run_once(load(jet_scenario("0")));
  CHECK(metric(none, "avoidance.jet.seen") == 0.0);
  CHECK(metric(none, "avoidance.jet.bypassed_when_full") == metric(none, "avoidance.jet.referred"));
  CHECK(metric(none, "avoidance.jet.referred") > 0.0);
  // Unlimited capacity: nobody is passed by.
  const auto all = run_once(load(jet_scenario("unlimited")));
  CHECK(metric(all, "avoidance.jet.bypassed_when_full") == 0.0);
  CHECK(metric(all, "avoidance.jet.seen") == metric(all, "avoidance.jet.referred"));
  // Common random numbers: the same patients are referred whatever the capacity.
  CHECK(metric(all, "avoidance.jet.referred") == metric(none, "avoidance.jet.referred"));
}

TEST_CASE("A step-up service after A&E: when full, patients go on to acute without waiting",
          "[models][avoidance]") {
  const auto result = run_once(load(R"(
name: step-up
run: {horizon_days: 100, warmup_days: 0, replications: 1, seed: 3}
exits: [home]
units:
  ae:
    kind: emergency_department
    capacity: unlimited
    los: {dist: fixed, value: 2, unit: hours}
    routes: {step_up: 0.5, acute: 0.5}
  step_up:
    kind: home_care
    capacity: 0
    los: {dist: fixed, value: 5, unit: days}
    avoidance: {resolved: 0.9, resolved_to: home, usual_route: acute}
  acute:
    kind: acute
    capacity: unlimited
    los: {dist: fixed, value: 1, unit: days}
    routes: {home: 1}
arrivals:
  walk_in: {to: ae, rate_per_day: 40}
)"));
  CHECK(metric(result, "avoidance.step_up.seen") == 0.0);
  CHECK(metric(result, "avoidance.step_up.referred") > 0.0);
  CHECK(metric(result, "unit.ae.delayed_bed_days") == 0.0);
  CHECK(result.flow_balanced);
}

namespace {
std::string elective_scenario(int beds, int max_rebookings) {
  return R"(
name: electives
run: {horizon_days: 21, warmup_days: 0, replications: 1, seed: 4}
groups: {emergency: 0.5, elective: 0.5}
exits: [home]
units:
  acute:
    kind: acute
    capacity: )" +
         std::to_string(beds) + R"(
    los: {dist: fixed, value: 2, unit: days}
    routes: {home: 1}
  clinic:
    capacity: unlimited
    los: {dist: fixed, value: 1, unit: hours}
    routes: {home: 1}
arrivals:
  outpatients: {to: clinic, rate_per_day: 1}
electives:
  hips:
    to: acute
    group: elective
    per_weekday: [3, 0, 0, 0, 0, 0, 0]
    at_hour: 8
    rebook_after_days: 7
    max_rebookings: )" +
         std::to_string(max_rebookings) + "\n";
}
}  // namespace

TEST_CASE("Electives: cancelled and rebooked when no bed is free, none cancelled with beds to spare",
          "[models][electives]") {
  // Mondays 0, 7, 14; 2 beds, stays of 2 days. Day 0: 3 due, 2 in, 1
  // rebooked. Day 7: 1 + 3 due, 2 in (the rebooked one first), 2 rebooked.
  // Day 14: 2 + 3 due, 2 in, 3 rebooked (to day 21, past the horizon).
  const auto rebooked = run_once(load(elective_scenario(2, 1)));
  CHECK(metric(rebooked, "elective.hips.booked") == 9.0);
  CHECK(metric(rebooked, "elective.hips.scheduled") == 12.0);
  CHECK(metric(rebooked, "elective.hips.admitted") == 6.0);
  CHECK(metric(rebooked, "elective.hips.cancelled") == 6.0);
  CHECK(metric(rebooked, "elective.hips.cancellation_rate") == Approx(0.5));
  CHECK(metric(rebooked, "elective.hips.given_up") == 0.0);
  CHECK(rebooked.flow_balanced);
  // No rebooking allowed: each cancelled operation is given up.
  const auto given_up = run_once(load(elective_scenario(2, 0)));
  CHECK(metric(given_up, "elective.hips.scheduled") == 9.0);
  CHECK(metric(given_up, "elective.hips.cancelled") == 3.0);
  CHECK(metric(given_up, "elective.hips.given_up") == 3.0);
  // Plenty of beds: nothing is cancelled.
  const auto plenty = run_once(load(elective_scenario(10, 1)));
  CHECK(metric(plenty, "elective.hips.admitted") == 9.0);
  CHECK(metric(plenty, "elective.hips.cancelled") == 0.0);
  CHECK(metric(plenty, "unit.acute.admissions_per_day") == Approx(9.0 / 21.0));
}

TEST_CASE(
    "Readmissions come back as emergency arrivals at the chosen rate; deaths are counted where they "
    "happen",
    "[models][readmission]") {
  const auto result = run_once(load(R"(
name: readmission
run: {horizon_days: 500, warmup_days: 50, replications: 1, seed: 8}
exits: [home, died]
units:
  ae:
    kind: emergency_department
    capacity: unlimited
    los: {dist: fixed, value: 3, unit: hours}
    routes: {acute: 1}
  acute:
    kind: acute
    capacity: unlimited
    los: {dist: exponential, mean: 4, unit: days}
    routes: {home: 0.8, reablement: 0.15, died: 0.05}
    readmission: {probability: 0.12, within_days: 30, after_exits: [home], to: ae}
  reablement:
    kind: home_care
    capacity: unlimited
    los: {dist: exponential, mean: 20, unit: days}
    routes: {home: 0.9, died: 0.1}
arrivals:
  attendances: {to: ae, rate_per_day: 30}
)"));
  const double discharges = metric(result, "readmission.acute.discharges");
  // Only discharges home from acute can lead to a readmission: exact.
  CHECK(discharges == metric(result, "exit.home.acute"));
  check_share(metric(result, "readmission.acute.readmissions"), discharges, 0.12);
  CHECK(metric(result, "readmission.acute.returned") > 0.0);
  // A&E sees the readmissions on top of the first attendances.
  CHECK(metric(result, "unit.ae.arrivals_per_day") > 30.0 * 1.05);
  // Deaths: in hospital (acute) and in the reablement pathway, separately.
  CHECK(metric(result, "exit.died.in_hospital") == metric(result, "exit.died.acute"));
  CHECK(metric(result, "exit.died.outside_hospital") == metric(result, "exit.died.reablement"));
  CHECK(metric(result, "exit.died.total") ==
        metric(result, "exit.died.acute") + metric(result, "exit.died.reablement"));
  check_share(metric(result, "exit.died.acute"),
              metric(result, "exit.died.acute") + metric(result, "exit.home.acute") +
                  metric(result, "pathway.reablement.referrals"),
              0.05);
  CHECK_FALSE(has_metric(result, "exit.died.ae"));
  CHECK(result.flow_balanced);
}

TEST_CASE("The traffic equations carry readmissions back to A&E", "[models][readmission]") {
  const auto model = load(R"(
name: diagram
run: {horizon_days: 100, warmup_days: 10, replications: 1, seed: 8}
groups: {emergency: 0.9, elective: 0.1}
exits: [home, died]
units:
  ae:
    kind: emergency_department
    capacity: unlimited
    los: {dist: fixed, value: 3, unit: hours}
    routes: {acute: 1}
  acute:
    kind: acute
    capacity: 50
    los: {dist: exponential, mean: 4, unit: days}
    routes: {home: 0.8, died: 0.2}
    readmission: {probability: 0.12, within_days: 30, after_exits: [home], to: ae}
arrivals:
  attendances: {to: ae, rate_per_day: 30}
electives:
  hips: {to: acute, group: elective, per_weekday: [2, 2, 2, 2, 2, 0, 0]}
)");
  // Readmitted a day: 0.8 x 0.12 of everyone leaving acute, who are the
  // attendances, their readmissions and the electives:
  // lambda = 30 + 10/7 + 0.096 lambda.
  const double acute_per_day = (30.0 + 10.0 / 7.0) / (1.0 - 0.096);
  bool found = false;
  for (const auto& flow : flowsim::models::solve_route_flows(*model)) {
    if (!flow.readmission) continue;
    found = true;
    CHECK(flow.from == 1);
    CHECK(flow.to == flowsim::models::Destination{false, 0});
    CHECK(flow.per_day == Approx(0.096 * acute_per_day).epsilon(1e-12));
  }
  CHECK(found);
}

TEST_CASE("Services keep results identical on any thread count", "[models][services]") {
  const auto model = load(R"(
name: all services
run: {horizon_days: 120, warmup_days: 20, replications: 4, seed: 12}
groups: {frail: 0.3, other: 0.6, elective: 0.1}
exits: [home, died]
units:
  jet:
    kind: home_care
    capacity: 4
    los: {dist: exponential, mean: 12, unit: hours}
    avoidance: {resolved: 0.89, resolved_to: home, usual_route: ae}
  ae:
    kind: emergency_department
    capacity: 20
    los: {dist: lognormal, median: 3, p90: 6, unit: hours}
    routes: {acute: 0.3, home: 0.7}
  acute:
    kind: acute
    capacity: 90
    los: {dist: lognormal, mean: 4, sd: 4, unit: days}
    routes: {home: 0.85, reablement: 0.1, died: 0.05}
    readmission: {probability: 0.1, within_days: 30, after_exits: [home], to: ae}
  reablement:
    kind: home_care
    capacity: unlimited
    los: {dist: normal, mean: 12.2, sd: 2, unit: days}
    visits:
      per_day: 70
      initial: {mean: 4, sd: 1, min: 1, max: 6}
      final: {mean: 2, sd: 1, min: 0}
    routes: {home: 0.95, died: 0.05}
arrivals:
  attendances:
    to: ae
    rate_per_day: 60
    groups: {frail: 0.4, other: 0.6, elective: 0}
    referred: {to: jet, share: {frail: 0.3}}
electives:
  surgery: {to: acute, group: elective, per_weekday: [3, 3, 3, 3, 3, 0, 0]}
)");
  // One after another, then all at once on threads of their own (the
  // runner's way, tools/runner, without reaching up a layer for it).
  std::vector<flowsim::models::ReplicationResult> one;
  for (std::uint32_t r = 0; r < 4; ++r) one.push_back(run_once(model, r));
  std::vector<flowsim::models::ReplicationResult> three(4);
  {
    std::vector<std::jthread> threads;
    for (std::uint32_t r = 0; r < 4; ++r)
      threads.emplace_back([&, r] { three[r] = run_once(model, r); });
  }
  REQUIRE(one.size() == three.size());
  for (std::size_t r = 0; r < one.size(); ++r) {
    CHECK(one[r].flow_balanced);
    REQUIRE(one[r].metrics.size() == three[r].metrics.size());
    for (std::size_t m = 0; m < one[r].metrics.size(); ++m) {
      INFO(one[r].metrics[m].name);
      CHECK(one[r].metrics[m].value == three[r].metrics[m].value);
    }
  }
  // Every feature was exercised.
  CHECK(metric(one[0], "avoidance.jet.seen") > 0.0);
  CHECK(metric(one[0], "readmission.acute.returned") > 0.0);
  CHECK(metric(one[0], "elective.surgery.admitted") > 0.0);
  CHECK(metric(one[0], "elective.surgery.cancelled") > 0.0);
  CHECK(metric(one[0], "unit.reablement.visits_peak_per_day") == 70.0);
}
