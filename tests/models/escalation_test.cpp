// Escalation levels, event by event: hysteresis (a level is left at its own,
// lower threshold), bed meetings (the level changes only at the stated
// times), escalation beds that close as they empty and never evict, and
// electives cancelled while the unit is at or above the stated level. The
// timetables are exact: census patients with known elapsed stays and fixed
// stays. The exact Markov-chain check is tests/validation/escalation_chain_test.cpp.
#include "model_test_support.hpp"

#include <algorithm>
#include <map>
#include <regex>

#include <fmt/format.h>

#include "models/escalation.hpp"
#include "models/measured_periods.hpp"

using namespace flowsim::test;
using flowsim::models::EscalationObservation;
using flowsim::models::EscalationRules;
using flowsim::models::EscalationTrigger;

namespace {

// A 4-bed ward full at time 0, its census leaving at 0.5, 1.0, 1.5 and 2.0;
// level 2 rises at 100% of the 4 beds and falls at 50% (2 beds), opening 2
// escalation beds at £100 a day. 'extra' adds keys to the escalation block.
std::string full_ward(const std::string& at, const std::string& extra = "",
                      const std::string& electives = "", double arrivals_per_day = 1.0e-9) {
  return fmt::format(R"(
name: escalation
run: {{horizon_days: 10, warmup_days: 0, replications: 1, seed: 1}}
exits: [home]
units:
  ward:
    capacity: 4
    los: {{dist: fixed, value: 2, unit: days}}
    routes: {{home: 1}}
    initial: {{patients: 4, elapsed_days: [1.5, 1.0, 0.5, 0]}}
    escalation:
      at: {}
      bed_day_cost_gbp: 100
      levels:
        - {{level: 2, rise: {{occupancy: 1.0}}, fall: {{occupancy: 0.5}}, open_beds: 2}}
{}
arrivals:
  trickle: {{to: ward, rate_per_day: {}}}
{}
)",
                     at, extra, arrivals_per_day, electives);
}

}  // namespace

TEST_CASE("Escalation state machine: one step up, else one step down, else stay",
          "[models][escalation]") {
  EscalationRules rules;
  rules.levels = {
      {2,
       {EscalationTrigger::Measure::OccupancyShare, 0.9},
       {EscalationTrigger::Measure::OccupancyShare, 0.8},
       5},
      {3, {EscalationTrigger::Measure::Waiting, 4}, {EscalationTrigger::Measure::Waiting, 1}, 10}};
  using flowsim::models::next_escalation_state;
  // 92% of 50 beds is 46: 45 is below 90% (45 = 90% exactly rises).
  CHECK(next_escalation_state(rules, 0, EscalationObservation{44, 50, 9}) == 0);
  CHECK(next_escalation_state(rules, 0, EscalationObservation{45, 50, 9}) == 1);
  // Between the thresholds the level holds, whichever way it came.
  CHECK(next_escalation_state(rules, 1, EscalationObservation{41, 50, 0}) == 1);
  CHECK(next_escalation_state(rules, 1, EscalationObservation{40, 50, 0}) == 0);
  // Level 3 on the waiting list: up at 4, down at 1, not at 2.
  CHECK(next_escalation_state(rules, 1, EscalationObservation{50, 50, 4}) == 2);
  CHECK(next_escalation_state(rules, 2, EscalationObservation{50, 50, 2}) == 2);
  CHECK(next_escalation_state(rules, 2, EscalationObservation{50, 50, 1}) == 1);
  // Never past the top level.
  CHECK(next_escalation_state(rules, 2, EscalationObservation{60, 50, 40}) == 2);
}

TEST_CASE("Escalation: hysteresis, a level held until its own fall threshold", "[models][escalation]") {
  const auto result = run_once(load(full_ward("continuous")));
  // Full at time 0: level 2 at once. At 0.5, 3 of 4 beds (75%) is above the
  // fall threshold of 50%, so the level holds; at 1.0, 2 beds: back to 1.
  CHECK(metric(result, "unit.ward.escalation_level_2_time_share") == Approx(0.1));
  CHECK(metric(result, "unit.ward.escalation_level_1_time_share") == Approx(0.9));
  CHECK(metric(result, "unit.ward.escalation_rises") == 1.0);
  // Two escalation beds open for a day, empty, at £100 a bed-day.
  CHECK(metric(result, "unit.ward.escalation_bed_days") == Approx(2.0));
  CHECK(metric(result, "unit.ward.escalation_cost_gbp") == Approx(200.0));
  CHECK(metric(result, "unit.ward.capacity_mean") == Approx((6.0 + 9 * 4.0) / 10.0));
  // The level of each day is its highest: the fall at 1.0 precedes midnight.
  CHECK(result.daily_escalation_level[0][0] == 2.0);
  CHECK(result.daily_escalation_level[0][1] == 1.0);
  CHECK(metric(result, "unit.ward.escalation_level_2_days") == 1.0);
  CHECK(metric(result, "unit.ward.escalation_level_1_days") == 9.0);
}

TEST_CASE("Escalation: bed meetings change the level only at the stated times", "[models][escalation]") {
  const auto result = run_once(load(full_ward(R"(["06:00", "18:00"])")));
  // Up at the 06:00 meeting of day 0; at 18:00, 3 beds of 4 hold the level;
  // the 06:00 meeting of day 1 finds 2 beds and steps down.
  CHECK(metric(result, "unit.ward.escalation_level_2_time_share") == Approx(0.1));
  CHECK(result.daily_escalation_level[0][0] == 2.0);
  CHECK(result.daily_escalation_level[0][1] == 2.0);
  CHECK(result.daily_escalation_level[0][2] == 1.0);
  // A single 16:00 meeting finds the ward below 100% (3 beds) and never escalates.
  const auto late = run_once(load(full_ward(R"(["16:00"])")));
  CHECK(metric(late, "unit.ward.escalation_level_2_time_share") == 0.0);
  CHECK(metric(late, "unit.ward.escalation_rises") == 0.0);
}

TEST_CASE("Escalation: beds opened for patients delayed elsewhere close as they empty, evicting nobody",
          "[models][escalation]") {
  // a: 3 patients fit at 0.5, 0.75 and 1.0, all for b; b: 2 beds full until
  // 2.0, stays of 2 days; level 2 opens 1 bed when anyone waits for b and
  // closes it when nobody does.
  const auto model = load(R"(
name: escalation beds
run: {horizon_days: 10, warmup_days: 0, replications: 1, seed: 1}
exits: [home]
units:
  a:
    capacity: 3
    los: {dist: fixed, value: 1, unit: days}
    routes: {b: 1}
    initial: {patients: 3, elapsed_days: [0.5, 0.25, 0]}
  b:
    capacity: 2
    los: {dist: fixed, value: 2, unit: days}
    routes: {home: 1}
    initial: {patients: 2, elapsed_days: [0, 0]}
    escalation:
      at: continuous
      levels: [{level: 2, rise: {waiting: 1}, fall: {waiting: 0}, open_beds: 1}]
arrivals:
  trickle: {to: a, rate_per_day: 1.0e-9}
)");
  const auto result = run_once(model);
  const int a = static_cast<int>(*model->find_unit("a"));
  std::vector<double> moves;
  for (const auto& e : events_of(result, EventLogKind::Move, a)) moves.push_back(e.time_days);
  // 0.5: the first waits, b rises, the new bed takes it, nobody waits, b
  // falls: 3 patients in 2 beds, the third bed closing when it empties.
  // 0.75 and 1.0: b rises again, but its 3 beds are full. 2.0: the census
  // leaves, both move in (3 beds at level 2), b falls again with 3 in 2 beds.
  CHECK(moves == std::vector<double>{0.5, 2.0, 2.0});
  CHECK(metric(result, "unit.b.occupancy_peak") == 3.0);
  CHECK(metric(result, "unit.b.escalation_rises") == 2.0);
  // The escalation bed is open from 0.5 until the patient in it leaves at 2.5.
  CHECK(metric(result, "unit.b.escalation_bed_days") == Approx(2.0));
  // While it closes, occupied, it still counts among the beds open: 3 patients
  // in 3 beds open are 100%, not 150% of the 2 in force; 2 beds for 10 days
  // and the third for 2.
  CHECK(metric(result, "unit.b.utilisation_p95") == 1.0);
  CHECK(metric(result, "unit.b.midnight_occupancy_p95") == 1.0);
  CHECK(metric(result, "unit.b.capacity_mean") == Approx((2.0 * 10 + 2.0) / 10));
  CHECK(result.flow_balanced);
}

TEST_CASE("Escalation: electives due at or above the stated level are cancelled and counted",
          "[models][escalation]") {
  const std::string electives = R"(electives:
  hips: {to: ward, group: all, per_weekday: [1, 1, 1, 1, 1, 1, 1], at_hour: 8, rebook_after_days: 7})";
  // Day 0 at 08:00: level 2 (until 1.0), 4 of 6 beds occupied.
  const auto cancelling =
      run_once(load(full_ward("continuous", "      cancel_electives_from: 2", electives)));
  CHECK(metric(cancelling, "unit.ward.electives_cancelled") == 1.0);
  CHECK(metric(cancelling, "elective.hips.cancelled") == 1.0);
  // By cause: the level in force when the operation was due.
  CHECK(metric(cancelling, "unit.ward.escalation_level_2_electives_cancelled") == 1.0);
  // Without the rule the day-0 operation takes an escalation bed.
  const auto admitting = run_once(load(full_ward("continuous", "", electives)));
  CHECK(metric(admitting, "unit.ward.electives_cancelled") == 0.0);
  CHECK(metric(admitting, "elective.hips.cancelled") == 0.0);
}

TEST_CASE("Escalation: arrivals at or above the stated level are diverted and counted",
          "[models][escalation]") {
  // Arrivals at 3 a day on top of the full ward. The level follows the
  // ward's occupancy (up at 4 beds, down at 2), which the log replays: a
  // patient waits only when all 6 beds of level 2 are full, so no move
  // within an event crosses a threshold on the way.
  const auto result = run_once(load(full_ward("continuous", "      divert_arrivals_from: 2", "", 3.0)));
  int occupied = 0;
  int level = 1;
  std::size_t diverted = 0;
  std::size_t admitted_at_level_1 = 0;
  for (const auto& e : result.event_log) {
    if (is(e, EventLogKind::Divert)) {
      CHECK(level == 2);
      ++diverted;
    }
    if (is(e, EventLogKind::Admit) && e.source == 0 && level == 1) ++admitted_at_level_1;
    if (is(e, EventLogKind::Admit)) ++occupied;
    if (is(e, EventLogKind::Exit)) --occupied;
    if (occupied >= 4) level = 2;
    if (occupied <= 2) level = 1;
  }
  CHECK(diverted > 0);
  CHECK(admitted_at_level_1 > 0);
  CHECK(metric(result, "unit.ward.escalation_diverted") == static_cast<double>(diverted));
  CHECK(metric(result, "unit.ward.escalation_level_2_diverted") == static_cast<double>(diverted));
  CHECK(result.flow_balanced);
}

TEST_CASE("Escalation: a scenario without it has no escalation metrics or series",
          "[models][escalation]") {
  const auto result = run_once(load(R"(
name: plain
run: {horizon_days: 3, warmup_days: 0, replications: 1, seed: 1}
exits: [home]
units:
  ward: {capacity: 2, los: {dist: fixed, value: 1, unit: days}, routes: {home: 1}}
arrivals:
  a: {to: ward, rate_per_day: 1}
)"));
  CHECK_FALSE(has_metric(result, "unit.ward.escalation_bed_days"));
  CHECK(result.daily_escalation_level[0].empty());
}

namespace {

// A ward of 6 beds over two years and 100 days after a 30-day warm-up
// (three periods, the last partial), busy enough to escalate often: level 2
// opens 2 beds at 100% and cancels electives, level 3 opens 3 when 2 wait
// and diverts arrivals. Costs so that the system's cost includes escalation's.
std::string busy_ward_over_years() {
  return R"(
name: escalation by period
run: {horizon_days: 860, warmup_days: 30, replications: 1, seed: 3}
exits: [home]
units:
  ward:
    kind: acute
    capacity: 6
    los: {dist: exponential, mean: 1, unit: days}
    routes: {home: 1}
    costs: {per_available_bed_day: 300}
    escalation:
      at: continuous
      bed_day_cost_gbp: 100
      cancel_electives_from: 2
      divert_arrivals_from: 3
      levels:
        - {level: 2, rise: {occupancy: 1.0}, fall: {occupancy: 0.5}, open_beds: 2}
        - {level: 3, rise: {waiting: 2}, fall: {waiting: 0}, open_beds: 3}
arrivals:
  admissions: {to: ward, rate_per_day: 6}
electives:
  hips: {to: ward, group: all, per_weekday: [1, 1, 1, 1, 1, 0, 0], at_hour: 8, rebook_after_days: 7}
)";
}

}  // namespace

TEST_CASE("Escalation by period: each year's escalation figures add up to the whole run's",
          "[models][escalation][periods]") {
  const auto model = load(busy_ward_over_years());
  const auto result = run_once(model);
  const auto periods = flowsim::models::measured_periods(model->run);
  REQUIRE(periods.size() == 3);
  REQUIRE(result.period_metrics.size() == 3);
  REQUIRE(result.period_metrics[0].size() == result.metrics.size());
  const auto sum_over_periods = [&](const std::string& name) {
    double sum = 0.0;
    for (std::size_t i = 0; i < periods.size(); ++i) sum += period_metric(result, i, name);
    return sum;
  };
  // Counts and totals add up; the run escalates, cancels and diverts.
  for (const std::string name :
       {"unit.ward.escalation_bed_days", "unit.ward.escalation_cost_gbp", "unit.ward.escalation_rises",
        "unit.ward.electives_cancelled", "unit.ward.escalation_diverted",
        "unit.ward.escalation_level_1_days", "unit.ward.escalation_level_2_days",
        "unit.ward.escalation_level_3_days", "unit.ward.escalation_level_2_electives_cancelled",
        "unit.ward.escalation_level_3_electives_cancelled", "unit.ward.escalation_level_3_diverted",
        "cost.ward.gbp", "cost.ward.fixed_gbp", "cost.total_gbp", "cost.fixed_gbp"}) {
    INFO(name);
    CHECK(metric(result, name) > 0.0);
    CHECK(sum_over_periods(name) == Approx(metric(result, name)).epsilon(1e-9));
  }
  // Every measured day is at one level, in exactly one period.
  CHECK(sum_over_periods("unit.ward.escalation_level_1_days") +
            sum_over_periods("unit.ward.escalation_level_2_days") +
            sum_over_periods("unit.ward.escalation_level_3_days") ==
        830.0);
  for (std::size_t i = 0; i < periods.size(); ++i) {
    INFO("period " << periods[i].label);
    double days = 0.0;
    for (const int level : {1, 2, 3})
      days += period_metric(result, i, fmt::format("unit.ward.escalation_level_{}_days", level));
    CHECK(days == periods[i].days());
    // A year's cost a year is that year's cost, escalation included.
    CHECK(period_metric(result, i, "cost.total_gbp_per_year") ==
          Approx(period_metric(result, i, "cost.total_gbp") / periods[i].days() * 365.0));
    CHECK(period_metric(result, i, "unit.ward.escalation_cost_gbp") ==
          Approx(100.0 * period_metric(result, i, "unit.ward.escalation_bed_days")));
  }
  // The first year is the same as a run that ends with it.
  const auto first = run_once(load(
      std::regex_replace(busy_ward_over_years(), std::regex("horizon_days: 860"), "horizon_days: 395")));
  for (std::size_t k = 0; k < first.metrics.size(); ++k) {
    const auto& name = first.metrics[k].name;
    if (name.find("escalation") == std::string::npos && name.find("cancelled") == std::string::npos &&
        name.rfind("cost.", 0) != 0)
      continue;
    INFO(name);
    CHECK(period_metric(result, 0, name) == Approx(first.metrics[k].value).epsilon(1e-9));
  }
  // Time shares weighted by each period's length.
  for (const int level : {1, 2, 3}) {
    const std::string name = fmt::format("unit.ward.escalation_level_{}_time_share", level);
    double weighted = 0.0;
    for (std::size_t i = 0; i < periods.size(); ++i)
      weighted += period_metric(result, i, name) * periods[i].days();
    CHECK(weighted == Approx(metric(result, name) * 830.0).epsilon(1e-9));
  }
}

TEST_CASE("Escalation: occupancy shares are against the beds open, escalation beds included",
          "[models][escalation]") {
  // Arrivals at 3 a day on 2-day stays keep the ward near its 6 beds of
  // level 2 most of the time: 6 occupied is 100% of the beds open, not 150%
  // of the 4 normal beds or 120% of the mean capacity.
  const auto busy = run_once(load(full_ward("continuous", "", "", 3.0)));
  CHECK(metric(busy, "unit.ward.escalation_level_2_time_share") > 0.5);
  CHECK(metric(busy, "unit.ward.utilisation_p95") == 1.0);
  CHECK(metric(busy, "unit.ward.utilisation") <= 1.0);
  CHECK(metric(busy, "unit.ward.midnight_occupancy_p95") <= 1.0);
  // The same held by bed meetings, where beds close as they empty.
  const auto meetings = run_once(load(full_ward(R"(["08:00", "16:00"])", "", "", 3.0)));
  CHECK(metric(meetings, "unit.ward.utilisation_p95") <= 1.0);
  CHECK(metric(meetings, "unit.ward.midnight_occupancy_p95") <= 1.0);
}

TEST_CASE("Escalation: an A&E-waits trigger counts the attendances over 4 hours at each bed meeting",
          "[models][escalation]") {
  // A busy A&E (2 cubicles, 10 arrivals a day, stays of 4.8 hours on
  // average, so a queue at the door) and a ward escalating on it: up when 3
  // or more attendances have been under way for over 4 hours, down at 1 or
  // fewer, at four meetings a day. The log replays the count: each
  // attendance from its arrival at the A&E to its leaving it.
  const auto model = load(R"(
name: escalation on A&E waits
run: {horizon_days: 60, warmup_days: 0, replications: 1, seed: 7}
exits: [home]
units:
  ae:
    kind: emergency_department
    capacity: 2
    los: {dist: exponential, mean: 0.2, unit: days}
    routes: {home: 1}
  ward:
    capacity: 5
    los: {dist: fixed, value: 1, unit: days}
    routes: {home: 1}
    escalation:
      at: ["02:00", "08:00", "14:00", "20:00"]
      levels: [{level: 2, rise: {ed_over_4h: 3}, fall: {ed_over_4h: 1}, open_beds: 1}]
arrivals:
  walk_in: {to: ae, rate_per_day: 10}
  trickle: {to: ward, rate_per_day: 1.0e-9}
)");
  const auto result = run_once(model);
  const int ae = static_cast<int>(*model->find_unit("ae"));
  std::map<PatientId, std::pair<double, double>> attendances;  // arrival, leaving (or the horizon)
  for (const auto& e : result.event_log) {
    if (e.unit != ae) continue;
    if (is(e, EventLogKind::Arrive)) attendances[id_of(e)] = {e.time_days, 60.0};
    if (is(e, EventLogKind::Exit) || is(e, EventLogKind::Move))
      attendances.at(id_of(e)).second = e.time_days;
  }
  int level = 1;
  double level_2_days = 0.0;
  std::size_t rises = 0;
  std::size_t busiest = 0;
  for (int day = 0; day < 60; ++day)
    for (const double hour : {2.0, 8.0, 14.0, 20.0}) {
      const double t = day + hour / 24.0;
      std::size_t over_4h = 0;
      for (const auto& [id, span] : attendances)
        if (span.first < t && span.second > t && t - span.first > 4.0 / 24.0) ++over_4h;
      busiest = std::max(busiest, over_4h);
      if (level == 1 && over_4h >= 3) {
        level = 2;
        ++rises;
      } else if (level == 2 && over_4h <= 1) {
        level = 1;
      }
      // Level 2 from a meeting until the next, or the end of the run.
      if (level == 2) level_2_days += std::min(t + 6.0 / 24.0, 60.0) - t;
    }
  CHECK(rises > 3);
  CHECK(busiest > 3);
  CHECK(metric(result, "unit.ward.escalation_rises") == static_cast<double>(rises));
  CHECK(metric(result, "unit.ward.escalation_level_2_time_share") ==
        Approx(level_2_days / 60.0).epsilon(1e-9));
}

TEST_CASE("Escalation: an A&E-waits trigger on 12 hours counts only the longest waits",
          "[models][escalation]") {
  // A&E census: attendances begun 10.8 h, 2.4 h and 0 h before time 0, each
  // lasting exactly a day (leaving at 0.55, 0.9 and 1.0). At the 06:00
  // meeting only the first is over 12 hours (16.8; the others 8.4 and 6, all
  // three over 4): no rise at 2. At 18:00 the second and third are over 12
  // hours (20.4 and 18): up. At 06:00 on day 1 all have left: down.
  const auto result = run_once(load(R"(
name: escalation on 12-hour waits
run: {horizon_days: 10, warmup_days: 0, replications: 1, seed: 1}
exits: [home]
units:
  ae:
    kind: emergency_department
    capacity: 3
    los: {dist: fixed, value: 1, unit: days}
    routes: {home: 1}
    initial: {patients: 3, elapsed_days: [0.45, 0.1, 0]}
  ward:
    capacity: 5
    los: {dist: fixed, value: 1, unit: days}
    routes: {home: 1}
    escalation:
      at: ["06:00", "18:00"]
      levels: [{level: 2, rise: {ed_over_12h: 2}, fall: {ed_over_12h: 0}, open_beds: 1}]
arrivals:
  trickle: {to: ward, rate_per_day: 1.0e-9}
)"));
  CHECK(metric(result, "unit.ward.escalation_level_2_time_share") == Approx(0.5 / 10.0));
  CHECK(metric(result, "unit.ward.escalation_rises") == 1.0);
  CHECK(result.daily_escalation_level[1][0] == 2.0);
  CHECK(result.daily_escalation_level[1][1] == 2.0);
  CHECK(result.daily_escalation_level[1][2] == 1.0);
}

TEST_CASE("Escalation: a discharge push shortens the rest of each stay under way at the rise",
          "[models][escalation]") {
  // The full ward of 'bed meetings' above: at the 06:00 meeting of day 0 its
  // four patients have 0.25, 0.75, 1.25 and 1.75 days left; a push by 0.5
  // halves each rest. Without the push they leave at 0.5, 1.0, 1.5 and 2.0.
  const auto model = load(full_ward(R"(["06:00", "18:00"])",
                                    "      discharge_push_from: 2\n      discharge_push_factor: 0.5"));
  const auto result = run_once(model);
  std::vector<double> exits;
  for (const auto& e : events_of(result, EventLogKind::Exit)) exits.push_back(e.time_days);
  REQUIRE(exits.size() == 4);
  CHECK(exits[0] == Approx(0.375));
  CHECK(exits[1] == Approx(0.625));
  CHECK(exits[2] == Approx(0.875));
  CHECK(exits[3] == Approx(1.125));
  CHECK(metric(result, "unit.ward.escalation_stays_pushed") == 4.0);
  CHECK(metric(result, "unit.ward.escalation_level_2_stays_pushed") == 4.0);
  CHECK(metric(result, "unit.ward.escalation_push_days_saved") ==
        Approx((0.25 + 0.75 + 1.25 + 1.75) / 2));
  CHECK(result.flow_balanced);
  // No push, no push metrics.
  CHECK_FALSE(
      has_metric(run_once(load(full_ward(R"(["06:00"])"))), "unit.ward.escalation_stays_pushed"));
}
