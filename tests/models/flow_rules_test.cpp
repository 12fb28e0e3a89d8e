// Discharge windows, transfer delays and waiting-list priorities, event by
// event on hand-built scenarios (a census with known elapsed stays and fixed
// stays make the timetable exact), plus a binomial check of the weekend rate.
#include "model_test_support.hpp"

#include <cmath>

#include <fmt/format.h>

using namespace flowsim::test;
using flowsim::models::EventLogKind;

namespace {

// One ward of stays of 10 days; its census patients become fit at 'fit_times'
// (days); 'rules' are extra unit keys; 'run_extra' extra run keys.
std::string ward(const std::vector<double>& fit_times, const std::string& rules,
                 const std::string& run_extra = "") {
  std::string elapsed;
  for (const double t : fit_times)
    elapsed += fmt::format("{}{:.17g}", elapsed.empty() ? "" : ", ", 10.0 - t);
  return fmt::format(R"(
name: window
run: {{horizon_days: 20, warmup_days: 0, replications: 1, seed: 1{}}}
exits: [home]
units:
  ward:
    capacity: {}
    los: {{dist: fixed, value: 10, unit: days}}
    routes: {{home: 1}}
    initial: {{patients: {}, elapsed_days: [{}]}}
    {}
arrivals:
  trickle: {{to: ward, rate_per_day: 1.0e-9}}
)",
                     run_extra, fit_times.size(), fit_times.size(), elapsed, rules);
}

std::vector<double> exit_times(const flowsim::models::ReplicationResult& result) {
  std::vector<double> times;
  for (const auto& e : events_of(result, EventLogKind::Exit)) times.push_back(e.time_days);
  return times;
}

}  // namespace

TEST_CASE("Discharge window: a patient fit at 02:00 leaves when the window opens", "[models][window]") {
  // Day 1 is a Tuesday (day 0 a Monday by default). Fit at 02:00, 10:00 and
  // 21:00 of day 1: they leave at 08:00 of day 1, at once, and 08:00 of day 2.
  const auto model =
      load(ward({1 + 2.0 / 24, 1 + 10.0 / 24, 1 + 21.0 / 24}, "discharge_window: {hours: [8, 20]}"));
  const auto result = run_once(model);
  const auto exits = exit_times(result);
  REQUIRE(exits.size() == 3);
  CHECK(exits[0] == Approx(1 + 8.0 / 24));
  CHECK(exits[1] == Approx(1 + 10.0 / 24));
  CHECK(exits[2] == Approx(2 + 8.0 / 24));
  // Waits 6 h, 0 and 11 h: counted, and the bed is held meanwhile.
  CHECK(metric(result, "unit.ward.discharge_wait_mean_days") == Approx(17.0 / 24 / 3));
  CHECK(metric(result, "unit.ward.discharge_wait_bed_days") == Approx(17.0 / 24));
  CHECK(metric(result, "unit.ward.stay_mean_days") == Approx((30 + 17.0 / 24) / 3));
  // The wait is not a delayed transfer of care.
  CHECK(metric(result, "unit.ward.delayed_bed_days") == 0.0);
  CHECK(metric(result, "unit.ward.in_treatment_mean") ==
        Approx((metric(result, "unit.ward.occupancy_mean") * 20 - 17.0 / 24) / 20));
  CHECK(result.flow_balanced);
}

TEST_CASE("Discharge window: weekend rate 0 holds weekend discharges to Monday", "[models][window]") {
  // start_date 2016-04-01 is a Friday: day 1 is Saturday, day 3 Monday.
  const auto model =
      load(ward({1 + 10.0 / 24, 0 + 21.0 / 24}, "discharge_window: {hours: [8, 20], weekend_rate: 0}",
                ", start_date: 2016-04-01"));
  CHECK(model->run.start_weekday == 4);
  const auto result = run_once(model);
  const auto exits = exit_times(result);
  REQUIRE(exits.size() == 2);
  // Both leave on Monday at 08:00, the Friday-evening patient included.
  CHECK(exits[0] == Approx(3 + 8.0 / 24));
  CHECK(exits[1] == Approx(3 + 8.0 / 24));
}

TEST_CASE("Discharge window: the weekend rate thins weekend discharges", "[models][window]") {
  // 4,000 patients fit on Saturday 10:00 with weekend_rate 0.5: half leave on
  // Saturday, a quarter on Sunday, a quarter on Monday. Binomial standard
  // error at n = 4000 is at most 0.008; the tolerance is 5 of them.
  const std::vector<double> fits(4000, 5 + 10.0 / 24);
  const auto model = load(ward(fits, "discharge_window: {hours: [8, 20], weekend_rate: 0.5}"));
  const auto result = run_once(model);
  double saturday = 0, sunday = 0, monday = 0;
  for (const double t : exit_times(result)) {
    const auto day = static_cast<int>(std::floor(t));
    saturday += day == 5;
    sunday += day == 6;
    monday += day == 7;
  }
  CHECK(saturday + sunday + monday == 4000);
  CHECK(saturday / 4000 == Approx(0.5).margin(0.04));
  CHECK(sunday / 4000 == Approx(0.25).margin(0.04));
  CHECK(monday / 4000 == Approx(0.25).margin(0.04));
}

namespace {

// a: census patients fit at 0.5 and 1.0 routed to b (1 bed, stays 3 days,
// census leaves at 'b_free'); 'rules' are a's extra keys.
std::string transfer(const std::string& rules, double b_free) {
  return fmt::format(R"(
name: transfer
run: {{horizon_days: 20, warmup_days: 0, replications: 1, seed: 1}}
exits: [home]
units:
  a:
    kind: acute
    capacity: 2
    los: {{dist: fixed, value: 1, unit: days}}
    routes: {{b: 1}}
    initial: {{patients: 2, elapsed_days: [0.5, 0]}}
    {}
  b:
    kind: community
    capacity: 1
    los: {{dist: fixed, value: 3, unit: days}}
    routes: {{home: 1}}
    initial: {{patients: 1, elapsed_days: [{}]}}
arrivals:
  trickle: {{to: a, rate_per_day: 1.0e-9}}
)",
                     rules, 3.0 - b_free);
}

}  // namespace

TEST_CASE("Transfer delay: the bed is held and counted as delay, whatever the capacity",
          "[models][transfer]") {
  // b is free from 0.1; a's patients wait 2 days for their care package. The
  // first moves at 2.5 (b free); the second, ready at 3.0, finds b taken by
  // the first and is then blocked until b's bed frees at 5.5.
  const auto model = load(transfer("transfer_delay: {b: {dist: fixed, value: 2, unit: days}}", 0.1));
  const auto result = run_once(model);
  const int a = static_cast<int>(*model->find_unit("a"));
  const auto moves = events_of(result, EventLogKind::Move, a);
  REQUIRE(moves.size() == 2);
  CHECK(moves[0].time_days == Approx(2.5));
  CHECK(moves[1].time_days == Approx(5.5));
  // Patient 1: fit at 1.0, transfer delay to 3.0, then blocked by b (busy to 5.5).
  CHECK(metric(result, "unit.a.transfer_delay_bed_days") == Approx(4.0));
  CHECK(metric(result, "unit.a.delayed_bed_days") == Approx(2.0 + 4.5));
  CHECK(metric(result, "unit.a.delayed_patients") == 2);
  CHECK(metric(result, "unit.a.delay_mean_days") == Approx((2.0 + 4.5) / 2));
  // Only the wait for b's capacity counts against the pathway.
  CHECK(metric(result, "pathway.b.delayed_bed_days") == Approx(2.5));
  CHECK(metric(result, "system.delayed_bed_days") == Approx(6.5));
  CHECK(result.flow_balanced);
}

TEST_CASE("Transfer delay to an exit", "[models][transfer]") {
  const auto model = load(ward({1.0}, "transfer_delay: {home: {dist: fixed, value: 6, unit: hours}}"));
  const auto result = run_once(model);
  CHECK(exit_times(result) == std::vector<double>{1.25});
  CHECK(metric(result, "unit.ward.delayed_bed_days") == Approx(0.25));
  CHECK(metric(result, "unit.ward.delay_mean_days") == Approx(0.25));
}

TEST_CASE("Discharge window then transfer delay", "[models][transfer][window]") {
  // Fit at 02:00 of day 1, window opens 08:00, then 6 hours for transport.
  const auto model = load(ward({1 + 2.0 / 24}, R"(discharge_window: {hours: [8, 20]}
    transfer_delay: {home: {dist: fixed, value: 6, unit: hours}})"));
  const auto result = run_once(model);
  REQUIRE(exit_times(result).size() == 1);
  CHECK(exit_times(result)[0] == Approx(1 + 14.0 / 24));
  CHECK(metric(result, "unit.ward.discharge_wait_bed_days") == Approx(0.25));
  CHECK(metric(result, "unit.ward.delayed_bed_days") == Approx(0.25));
}

namespace {

// b (1 bed, census leaves at 2.0) is wanted by a's patients (fit at 0.5 and
// 0.75) and by c's patient (fit at 1.0).
std::string priority(const std::string& rules) {
  return fmt::format(R"(
name: priority
run: {{horizon_days: 20, warmup_days: 0, replications: 1, seed: 1}}
groups: {{routine: 0.5, urgent: 0.5}}
exits: [home]
units:
  a:
    capacity: 2
    los: {{dist: fixed, value: 1, unit: days}}
    routes: {{b: 1}}
    initial: {{patients: 2, elapsed_days: [0.5, 0.25]}}
  c:
    capacity: 1
    los: {{dist: fixed, value: 1, unit: days}}
    routes: {{b: 1}}
    initial: {{patients: 1, elapsed_days: [0]}}
  b:
    capacity: 1
    los: {{dist: fixed, value: 2, unit: days}}
    routes: {{home: 1}}
    initial: {{patients: 1, elapsed_days: [0]}}
    {}
arrivals:
  trickle: {{to: a, rate_per_day: 1.0e-9}}
)",
                     rules);
}

std::vector<std::pair<double, int>> moves_into_b(const flowsim::models::ReplicationResult& result) {
  std::vector<std::pair<double, int>> out;
  for (const auto& e : events_of(result, EventLogKind::Move)) out.emplace_back(e.time_days, e.unit);
  return out;
}

}  // namespace

TEST_CASE("Priority: a waiting list ordered by where patients come from", "[models][priority]") {
  const auto fifo = load(priority(""));
  const auto by_source = load(priority("queue_priority: {by: source, levels: {c: 0, a: 1}}"));
  const int a = static_cast<int>(*fifo->find_unit("a"));
  const int c = static_cast<int>(*fifo->find_unit("c"));
  // First come, first served: a, a, c.
  CHECK(moves_into_b(run_once(fifo)) ==
        std::vector<std::pair<double, int>>{{2.0, a}, {4.0, a}, {6.0, c}});
  // c first although it joined last; a's two in their own order.
  const auto result = run_once(by_source);
  CHECK(moves_into_b(result) == std::vector<std::pair<double, int>>{{2.0, c}, {4.0, a}, {6.0, a}});
  const auto moves = events_of(result, EventLogKind::Move, a);
  REQUIRE(moves.size() == 2);
  CHECK(moves[0].entity == 0);
  CHECK(moves[1].entity == 1);
  CHECK(by_source->units[2].flow.priority.levels == 3);  // 0, 1 and unlisted (b, trickle) last
  CHECK(result.flow_balanced);
}

TEST_CASE("Priority: by group, unlisted groups last", "[models][priority]") {
  const auto model = load(priority("queue_priority: {by: group, levels: {urgent: 0}}"));
  const auto& p = model->units[2].flow.priority;
  REQUIRE(p.levels == 2);
  CHECK(p.level_of == std::vector<std::uint8_t>{1, 0});  // routine after urgent
  // One level for every group is plain first come, first served.
  const auto same = load(priority("queue_priority: {by: group, levels: {urgent: 3, routine: 3}}"));
  CHECK(same->units[2].flow.priority.levels == 1);
  CHECK(moves_into_b(run_once(same)) == moves_into_b(run_once(load(priority("")))));
}

TEST_CASE("Priority: transfers ahead of new arrivals in one waiting list", "[models][priority]") {
  // b (1 bed, full until 0.5, stays of half a day) is wanted by a's three
  // fit patients (from 0.5) and by walk-in arrivals (about 8 a day from 0,
  // so some arrive before a's patients are fit). With transfers from a first,
  // b's first three admissions are a's patients, every 0.5 days from 0.5,
  // though walk-ins joined the list earlier; first come, first served lets
  // the early walk-ins in first.
  const auto text = [](const std::string& rules) {
    return fmt::format(R"(
name: priority arrivals
run: {{horizon_days: 10, warmup_days: 0, replications: 1, seed: 5}}
exits: [home]
units:
  a:
    capacity: 3
    los: {{dist: fixed, value: 1, unit: days}}
    routes: {{b: 1}}
    initial: {{patients: 3, elapsed_days: [0.5, 0.25, 0]}}
  b:
    capacity: 1
    los: {{dist: fixed, value: 0.5, unit: days}}
    routes: {{home: 1}}
    initial: {{patients: 1, elapsed_days: [0]}}
    {}
arrivals:
  walk_in: {{to: b, rate_per_day: 8}}
)",
                       rules);
  };
  const auto first_admissions_to_b = [](const flowsim::models::ReplicationResult& result, int b) {
    std::vector<std::uint16_t> sources;  // source of each patient admitted to b after time 0
    for (const auto& e : events_of(result, EventLogKind::Admit, b))
      if (e.time_days > 0 && sources.size() < 3) sources.push_back(e.source);
    return sources;
  };
  const auto prioritised = load(text("queue_priority: {by: source, levels: {a: 0, walk_in: 1}}"));
  const int b = static_cast<int>(*prioritised->find_unit("b"));
  const auto result = run_once(prioritised);
  // Census patients of a have source index sources.size() + a = 1 + 0.
  CHECK(first_admissions_to_b(result, b) == std::vector<std::uint16_t>{1, 1, 1});
  const int a = static_cast<int>(*prioritised->find_unit("a"));
  std::vector<double> times;
  for (const auto& e : events_of(result, EventLogKind::Move, a)) times.push_back(e.time_days);
  CHECK(times == std::vector<double>{0.5, 1.0, 1.5});
  CHECK(result.flow_balanced);
  // First come, first served: walk-ins who arrived before 0.5 go first.
  const auto fifo = run_once(load(text("")));
  CHECK(first_admissions_to_b(fifo, b)[0] == 0);
}
