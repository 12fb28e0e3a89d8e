// Escalation levels, event by event: hysteresis (a level is left at its own,
// lower threshold), bed meetings (the level changes only at the stated
// times), escalation beds that close as they empty and never evict, and
// electives cancelled while the unit is at or above the stated level. The
// timetables are exact: census patients with known elapsed stays and fixed
// stays. The exact Markov-chain check is tests/validation/escalation_chain_test.cpp.
#include "model_test_support.hpp"

#include <fmt/format.h>

#include "models/escalation.hpp"

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

TEST_CASE("Escalation state machine: one step up, else one step down, else stay", "[models][escalation]") {
  EscalationRules rules;
  rules.levels = {{2, {EscalationTrigger::Measure::OccupancyShare, 0.9}, {EscalationTrigger::Measure::OccupancyShare, 0.8}, 5},
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
  CHECK(result.flow_balanced);
}

TEST_CASE("Escalation: electives due at or above the stated level are cancelled and counted",
          "[models][escalation]") {
  const std::string electives = R"(electives:
  hips: {to: ward, group: all, per_weekday: [1, 1, 1, 1, 1, 1, 1], at_hour: 8, rebook_after_days: 7})";
  // Day 0 at 08:00: level 2 (until 1.0), 4 of 6 beds occupied.
  const auto cancelling = run_once(load(full_ward("continuous", "      cancel_electives_from: 2", electives)));
  CHECK(metric(cancelling, "unit.ward.electives_cancelled") == 1.0);
  CHECK(metric(cancelling, "elective.hips.cancelled") == 1.0);
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
  CHECK(result.flow_balanced);
}

TEST_CASE("Escalation: a scenario without it has no escalation metrics or series", "[models][escalation]") {
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
