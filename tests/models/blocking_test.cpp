// Exact behaviour of beds, queues and delayed transfers of care, on
// hand-built scenarios with fixed stays. Patients already in a unit at time
// zero (a census with known elapsed stays) make the timetable deterministic;
// the arrival sources that a scenario must have run at a negligible rate.
#include "model_test_support.hpp"

#include <algorithm>
#include <cmath>

using namespace flowsim::test;
using flowsim::models::EventLogKind;

namespace {

// a (3 beds, stays 1 day) sends everyone to b (1 bed, stays 2 days).
// a's patients become fit at 0.5, 0.75 and 1.0; b's first bed frees at 2.
const char* const kBlocking = R"(
name: blocking
run: {horizon_days: 10, warmup_days: WARMUP, replications: 1, seed: 1}
exits: [home]
units:
  a:
    capacity: 3
    los: {dist: fixed, value: 1, unit: days}
    routes: {b: 1}
    initial: {patients: 3, elapsed_days: [0.5, 0.25, 0]}
    costs: {per_occupied_bed_day: 100, per_available_bed_day: 10, per_delayed_bed_day: 50, per_admission: 1000}
  b:
    capacity: 1
    los: {dist: fixed, value: 2, unit: days}
    routes: {home: 1}
    initial: {patients: 1, elapsed_days: [0]}
    costs: {per_occupied_bed_day: 200, per_admission: 500}
arrivals:
  trickle: {to: a, rate_per_day: 1.0e-9}
)";

std::string with_warmup(double warmup) {
  std::string text = kBlocking;
  text.replace(text.find("WARMUP"), 6, std::to_string(warmup));
  return text;
}

}  // namespace

TEST_CASE("Blocking: a fit patient keeps the bed until a place frees downstream", "[models]") {
  const auto model = load(with_warmup(0));
  const auto result = run_once(model);
  const int a = static_cast<int>(*model->find_unit("a"));
  const int b = static_cast<int>(*model->find_unit("b"));
  CHECK(result.patients_created == 4);
  CHECK(result.flow_balanced);

  // Census patients of a are entities 0, 1, 2 (elapsed 0.5, 0.25, 0).
  const auto blocked = events_of(result, EventLogKind::Blocked, a);
  REQUIRE(blocked.size() == 3);
  CHECK(blocked[0].time_days == 0.5);
  CHECK(blocked[1].time_days == 0.75);
  CHECK(blocked[2].time_days == 1.0);
  CHECK(blocked[0].other == b);
  // Moved in the order they became fit, each as soon as b's bed freed.
  const auto moves = events_of(result, EventLogKind::Move, a);
  REQUIRE(moves.size() == 3);
  CHECK(moves[0].time_days == 2.0);
  CHECK(moves[1].time_days == 4.0);
  CHECK(moves[2].time_days == 6.0);
  CHECK(moves[0].entity == 0);
  CHECK(moves[1].entity == 1);
  CHECK(moves[2].entity == 2);
  for (const auto& m : moves) CHECK(m.other == b);
  const auto exits = events_of(result, EventLogKind::Exit, b);
  REQUIRE(exits.size() == 4);
  CHECK(exits.back().time_days == 8.0);

  // Delays 1.5, 3.25 and 5 days.
  CHECK(metric(result, "unit.a.delayed_bed_days") == Approx(9.75));
  CHECK(metric(result, "unit.a.delayed_patients") == 3);
  CHECK(metric(result, "unit.a.delay_mean_days") == Approx(3.25));
  CHECK(metric(result, "unit.a.delayed_mean") == Approx(0.975));
  // Occupancy: a's beds are held 2 + 4 + 6 bed-days; b is full from 0 to 8.
  CHECK(metric(result, "unit.a.occupancy_mean") == Approx(1.2));
  CHECK(metric(result, "unit.a.in_treatment_mean") == Approx((12.0 - 9.75) / 10.0));
  CHECK(metric(result, "unit.a.occupancy_peak") == 3);
  CHECK(metric(result, "unit.a.utilisation") == Approx(0.4));
  CHECK(metric(result, "unit.b.occupancy_mean") == Approx(0.8));
  CHECK(metric(result, "unit.b.utilisation") == Approx(0.8));
  // Full (>= 100%) for 8 of 10 days.
  CHECK(metric(result, "unit.b.time_at_or_above_100pct") == Approx(0.8));
  // Clinical stay is the fixed 1 day (elapsed part included); the stay in
  // the bed adds the delay: 2.5, 4.25 and 6 days.
  CHECK(metric(result, "unit.a.los_mean_days") == Approx(1.0));
  CHECK(metric(result, "unit.a.stay_mean_days") == Approx(4.25));
  CHECK(metric(result, "unit.b.stay_mean_days") == Approx(2.0));
  // The same delays seen from the pathway that was full.
  CHECK(metric(result, "pathway.b.referrals") == 3);
  CHECK(metric(result, "pathway.b.p_delayed") == 1.0);
  CHECK(metric(result, "pathway.b.delayed_bed_days") == Approx(9.75));
  CHECK(metric(result, "pathway.b.delayed_mean") == Approx(0.975));
  CHECK(metric(result, "pathway.b.delay_mean_days") == Approx(3.25));
  CHECK(metric(result, "pathway.b.delay_mean_days_all_referrals") == Approx(3.25));
  CHECK(metric(result, "system.delayed_bed_days") == Approx(9.75));
  CHECK(metric(result, "system.occupied_bed_days") == Approx(20.0));
  CHECK(metric(result, "system.delayed_share_of_occupied_bed_days") == Approx(9.75 / 20.0));
  // Daily census at midnight: a holds 3 until 2, then 2, 1 ...
  REQUIRE(result.daily_census[static_cast<std::size_t>(a)].size() == 10);
  const std::vector<double> census_a = {3, 2, 2, 1, 1, 0, 0, 0, 0, 0};
  CHECK(result.daily_census[static_cast<std::size_t>(a)] == census_a);
  const std::vector<double> census_b = {1, 1, 1, 1, 1, 1, 1, 0, 0, 0};
  CHECK(result.daily_census[static_cast<std::size_t>(b)] == census_b);
}

TEST_CASE("Blocking: measures start at the end of the warm-up", "[models]") {
  const auto result = run_once(load(with_warmup(3)));
  // Measured from day 3 to 10: a's second patient is delayed [3, 4), the
  // third [3, 6); both move while measured, with whole delays 3.25 and 5.
  CHECK(metric(result, "unit.a.delayed_bed_days") == Approx(4.0));
  CHECK(metric(result, "unit.a.delayed_patients") == 2);
  CHECK(metric(result, "unit.a.delay_mean_days") == Approx(4.125));
  CHECK(metric(result, "unit.a.occupancy_mean") == Approx(4.0 / 7.0));
  CHECK(metric(result, "unit.b.admissions_per_day") == Approx(2.0 / 7.0));
  CHECK(metric(result, "pathway.b.referrals") == 0);  // all became fit before day 3
}

TEST_CASE("Costs per occupied, available and delayed bed-day and per admission", "[models]") {
  const auto result = run_once(load(with_warmup(0)));
  // a: 12 occupied bed-days × 100, 3 beds × 10 days × 10, 9.75 delayed ×
  // 50, no admissions (its patients were admitted before time 0).
  const double cost_a = 12.0 * 100 + 3 * 10 * 10 + 9.75 * 50;
  // b: 8 occupied bed-days × 200, three admissions from a × 500.
  const double cost_b = 8.0 * 200 + 3 * 500;
  CHECK(metric(result, "unit.a.admissions_per_day") == 0.0);
  CHECK(metric(result, "unit.b.admissions_per_day") == Approx(0.3));
  CHECK(metric(result, "cost.a.gbp") == Approx(cost_a));
  CHECK(metric(result, "cost.b.gbp") == Approx(cost_b));
  CHECK(metric(result, "cost.total_gbp") == Approx(cost_a + cost_b));
  CHECK(metric(result, "cost.total_gbp_per_year") == Approx((cost_a + cost_b) / 10.0 * 365.0));
}

TEST_CASE("Blocked patients from two units are admitted first come, first served", "[models]") {
  const auto model = load(R"(
name: fcfs
run: {horizon_days: 10, warmup_days: 0, replications: 1, seed: 1}
exits: [home]
units:
  a:
    capacity: 2
    los: {dist: fixed, value: 1, unit: days}
    routes: {b: 1}
    initial: {patients: 2, elapsed_days: [0.5, 0]}
  c:
    capacity: 1
    los: {dist: fixed, value: 1, unit: days}
    routes: {b: 1}
    initial: {patients: 1, elapsed_days: [0.25]}
  b:
    capacity: 1
    los: {dist: fixed, value: 2, unit: days}
    routes: {home: 1}
    initial: {patients: 1, elapsed_days: [0]}
arrivals:
  trickle: {to: a, rate_per_day: 1.0e-9}
)");
  const auto result = run_once(model);
  const int a = static_cast<int>(*model->find_unit("a"));
  const int c = static_cast<int>(*model->find_unit("c"));
  const int b = static_cast<int>(*model->find_unit("b"));
  // Fit at 0.5 (a), 0.75 (c), 1.0 (a): admitted to b at 2, 4 and 6 in that order.
  std::vector<std::tuple<double, int, std::uint32_t>> moves;
  for (const auto& e : events_of(result, EventLogKind::Move))
    if (e.other == b) moves.emplace_back(e.time_days, e.unit, e.entity);
  REQUIRE(moves.size() == 3);
  CHECK(moves[0] == std::make_tuple(2.0, a, std::uint32_t{0}));
  CHECK(moves[1] == std::make_tuple(4.0, c, std::uint32_t{0}));
  CHECK(moves[2] == std::make_tuple(6.0, a, std::uint32_t{1}));
  CHECK(metric(result, "unit.a.delayed_bed_days") == Approx(1.5 + 5.0));
  CHECK(metric(result, "unit.c.delayed_bed_days") == Approx(3.25));
  CHECK(metric(result, "pathway.b.delayed_bed_days") == Approx(9.75));
  CHECK(metric(result, "pathway.b.referrals") == 3);
  CHECK(result.flow_balanced);
}

TEST_CASE("A unit with one bed and a fixed stay queues arrivals first in, first out", "[models]") {
  const auto model = load(R"(
name: fifo
run: {horizon_days: 300, warmup_days: 0, replications: 1, seed: 3}
exits: [home]
units:
  ward:
    capacity: 1
    los: {dist: fixed, value: 1, unit: days}
    routes: {home: 1}
arrivals:
  walk_in: {to: ward, rate_per_day: 0.8}
)");
  const auto result = run_once(model);
  const auto arrivals = events_of(result, EventLogKind::Arrive);
  const auto admits = events_of(result, EventLogKind::Admit);
  REQUIRE(arrivals.size() > 200);
  REQUIRE(admits.size() <= arrivals.size());
  double free_at = 0.0;
  double total_wait = 0.0;
  std::size_t waited = 0;
  for (std::size_t k = 0; k < admits.size(); ++k) {
    INFO("patient " << k);
    // First in, first out: the k-th admission is the k-th arrival ...
    REQUIRE(admits[k].entity == arrivals[k].entity);
    REQUIRE(arrivals[k].entity == k);
    // ... admitted at its arrival or when the previous stay ends, exactly.
    const double expected = std::max(arrivals[k].time_days, free_at);
    CHECK(admits[k].time_days == expected);
    total_wait += expected - arrivals[k].time_days;
    if (expected > arrivals[k].time_days) ++waited;
    free_at = expected + 1.0;
  }
  CHECK(waited > 20);
  CHECK(events_of(result, EventLogKind::Divert).empty());
  CHECK(metric(result, "unit.ward.p_wait") ==
        Approx(static_cast<double>(waited) / static_cast<double>(admits.size())));
  CHECK(metric(result, "unit.ward.wait_mean_days") ==
        Approx(total_wait / static_cast<double>(admits.size())));
  CHECK(metric(result, "unit.ward.arrivals_per_day") ==
        Approx(static_cast<double>(arrivals.size()) / 300.0));
  CHECK(metric(result, "unit.ward.diverted") == 0.0);
  CHECK(metric(result, "unit.ward.los_mean_days") == Approx(1.0));
  CHECK(result.flow_balanced);
}

TEST_CASE("queue_limit 0 diverts arrivals that find every bed taken", "[models]") {
  const auto model = load(R"(
name: divert
run: {horizon_days: 60, warmup_days: 0, replications: 1, seed: 5}
exits: [home]
units:
  ward:
    capacity: 1
    queue_limit: 0
    los: {dist: fixed, value: 2, unit: days}
    routes: {home: 1}
    initial: {patients: 1, elapsed_days: [0]}
arrivals:
  walk_in: {to: ward, rate_per_day: 1.5}
)");
  const auto result = run_once(model);
  double busy_until = 2.0;  // the census patient
  std::size_t arrivals = 0;
  std::size_t diverted = 0;
  std::size_t admitted = 0;
  for (std::size_t i = 0; i < result.event_log.size(); ++i) {
    const auto& e = result.event_log[i];
    if (!is(e, EventLogKind::Arrive)) continue;
    ++arrivals;
    REQUIRE(i + 1 < result.event_log.size());
    const auto& next = result.event_log[i + 1];
    INFO("arrival at " << e.time_days);
    CHECK(next.entity == e.entity);
    CHECK(next.time_days == e.time_days);
    if (e.time_days < busy_until) {
      CHECK(is(next, EventLogKind::Divert));
      ++diverted;
    } else {
      CHECK(is(next, EventLogKind::Admit));
      busy_until = e.time_days + 2.0;
      ++admitted;
    }
  }
  CHECK(diverted > 20);
  CHECK(admitted > 10);
  CHECK(metric(result, "unit.ward.diverted") == static_cast<double>(diverted));
  CHECK(metric(result, "unit.ward.p_diverted") ==
        Approx(static_cast<double>(diverted) / static_cast<double>(arrivals)));
  CHECK(metric(result, "unit.ward.wait_mean_days") == 0.0);
  CHECK(metric(result, "unit.ward.queue_mean") == 0.0);
  CHECK(result.flow_balanced);
}

TEST_CASE("A&E time in department includes the wait for a bed downstream", "[models]") {
  SECTION("census patients: exact times") {
    const auto model = load(R"(
name: ae exact
run: {horizon_days: 5, warmup_days: 0, replications: 1, seed: 1}
exits: [home]
units:
  ae:
    kind: emergency_department
    capacity: unlimited
    los: {dist: fixed, value: 3, unit: hours}
    routes: {acute: 1}
    initial: {patients: 3, elapsed_days: [0, 0.0625, 0.125]}
  acute:
    kind: acute
    capacity: 2
    los: {dist: fixed, value: 1, unit: days}
    routes: {home: 1}
    initial: {patients: 1, elapsed_days: [0.5]}
arrivals:
  trickle: {to: ae, rate_per_day: 1.0e-9}
)");
    const auto result = run_once(model);
    // The patient already 3 hours in leaves at once for acute's free bed
    // (3 h in A&E); the one 1.5 hours in is fit at 1.5 h and waits for the
    // bed freed at day 0.5 (13.5 h); the last is fit at 3 h and waits for
    // the first transfer to leave acute at day 1 (24 h).
    CHECK(metric(result, "ae.ae.attendances") == 3);
    CHECK(metric(result, "ae.ae.time_in_department_mean_hours") == Approx((3.0 + 13.5 + 24.0) / 3));
    CHECK(metric(result, "ae.ae.within_4h") == Approx(1.0 / 3.0));
    CHECK(metric(result, "ae.ae.over_12h") == 2);
  }
  SECTION("arrivals: the 4-hour share counts every wait") {
    const auto model = load(R"(
name: ae share
run: {horizon_days: 60, warmup_days: 0, replications: 1, seed: 8}
exits: [home]
units:
  ae:
    kind: emergency_department
    capacity: unlimited
    los: {dist: fixed, value: 3, unit: hours}
    routes: {acute: 0.3, home: 0.7}
  acute:
    kind: acute
    capacity: 3
    los: {dist: fixed, value: 1, unit: days}
    routes: {home: 1}
arrivals:
  walk_in: {to: ae, rate_per_day: 10}
)");
    const auto result = run_once(model);
    const int ae = static_cast<int>(*model->find_unit("ae"));
    std::map<std::uint32_t, double> arrived;
    double hours_total = 0.0;
    std::size_t attendances = 0;
    std::size_t within = 0;
    std::size_t over_12 = 0;
    std::size_t home_exactly_3h = 0;
    for (const auto& e : result.event_log) {
      if (is(e, EventLogKind::Arrive)) arrived[e.entity] = e.time_days;
      const bool leaves_ae = e.unit == ae && (is(e, EventLogKind::Exit) || is(e, EventLogKind::Move));
      if (!leaves_ae) continue;
      const double hours = (e.time_days - arrived.at(e.entity)) * 24.0;
      CHECK(hours >= 3.0 - 1e-9);
      if (is(e, EventLogKind::Exit)) {
        CHECK(hours == Approx(3.0));
        ++home_exactly_3h;
      }
      ++attendances;
      hours_total += hours;
      if (hours <= 4.0) ++within;
      if (hours > 12.0) ++over_12;
    }
    REQUIRE(attendances > 400);
    CHECK(home_exactly_3h > 300);
    CHECK(within < attendances);  // some waited for acute beds
    CHECK(metric(result, "ae.ae.attendances") == static_cast<double>(attendances));
    CHECK(metric(result, "ae.ae.time_in_department_mean_hours") ==
          Approx(hours_total / static_cast<double>(attendances)));
    CHECK(metric(result, "ae.ae.within_4h") ==
          Approx(static_cast<double>(within) / static_cast<double>(attendances)));
    CHECK(metric(result, "ae.ae.over_12h") == static_cast<double>(over_12));
    CHECK(result.flow_balanced);
  }
}

TEST_CASE("A route back to the same unit is a new stay in the same bed", "[models]") {
  // With one bed, waiting for a free bed in the same unit would wait for the
  // patient's own bed for ever.
  const auto model = load(R"(
name: self route
run: {horizon_days: 200, warmup_days: 0, replications: 1, seed: 6}
exits: [home]
units:
  ward:
    capacity: 1
    los: {dist: fixed, value: 1, unit: days}
    routes: {ward: 0.5, home: 0.5}
arrivals:
  walk_in: {to: ward, rate_per_day: 0.25}
)");
  const auto result = run_once(model);
  CHECK(events_of(result, EventLogKind::Blocked).empty());
  CHECK(metric(result, "unit.ward.delayed_bed_days") == 0.0);
  const auto restays = events_of(result, EventLogKind::Move);
  const auto exits = events_of(result, EventLogKind::Exit);
  CHECK(exits.size() > 25);
  CHECK(restays.size() > 10);
  for (const auto& m : restays) CHECK(m.other == m.unit);
  // Each further stay starts at once in the same bed.
  std::size_t admits_after_restay = 0;
  for (std::size_t i = 0; i + 1 < result.event_log.size(); ++i)
    if (is(result.event_log[i], EventLogKind::Move)) {
      const auto& next = result.event_log[i + 1];
      CHECK(is(next, EventLogKind::Admit));
      CHECK(next.entity == result.event_log[i].entity);
      CHECK(next.time_days == result.event_log[i].time_days);
      ++admits_after_restay;
    }
  CHECK(admits_after_restay == restays.size());
  CHECK(metric(result, "unit.ward.utilisation") < 0.9);
  CHECK(result.flow_balanced);
}
