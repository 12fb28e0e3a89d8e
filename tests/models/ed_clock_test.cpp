// The A&E clock, checked against the event log: every way into an A&E (an
// arrival source, a referral on from a service, a transfer from a ward, a
// readmission, an elective) starts the 4-hour clock at arrival there. The
// log is rebuilt independently of the model's own bookkeeping: a patient
// enters an A&E when the log shows them arriving there, or being sent there
// from another unit (admitted at once, or blocked waiting for a cubicle),
// and leaves when they exit from it or move to another unit.
#include "model_test_support.hpp"

#include <map>
#include <string>

using namespace flowsim::test;

namespace {

struct DepartmentTimes {
  double attendances = 0;
  double hours = 0;
  double within_4h = 0;
  double over_12h = 0;
};

DepartmentTimes rebuild_from_log(const flowsim::models::ReplicationResult& result, int ed,
                                 double warmup) {
  std::map<PatientId, double> entered;
  DepartmentTimes times;
  for (const auto& e : result.event_log) {
    const PatientId who = id_of(e);
    const bool in_ed = entered.count(who) != 0;
    if (is(e, EventLogKind::Arrive) && e.unit == ed) entered[who] = e.time_days;
    if ((is(e, EventLogKind::Blocked) || is(e, EventLogKind::Move)) && e.other == ed && e.unit != ed &&
        !in_ed)
      entered[who] = e.time_days;
    if (is(e, EventLogKind::Divert) && e.unit == ed) entered.erase(who);
    const bool leaves =
        e.unit == ed && (is(e, EventLogKind::Exit) || (is(e, EventLogKind::Move) && e.other != ed));
    if (!leaves) continue;
    REQUIRE(in_ed);
    const double hours = (e.time_days - entered[who]) * 24.0;
    entered.erase(who);
    if (e.time_days < warmup) continue;
    ++times.attendances;
    times.hours += hours;
    if (hours <= 4.0) ++times.within_4h;
    if (hours > 12.0) ++times.over_12h;
  }
  return times;
}

void check_against_log(const flowsim::models::ReplicationResult& result, int ed, const std::string& name,
                       double warmup) {
  const DepartmentTimes log = rebuild_from_log(result, ed, warmup);
  REQUIRE(log.attendances > 0);
  const std::string p = "ae." + name + ".";
  CHECK(metric(result, p + "attendances") == log.attendances);
  CHECK(metric(result, p + "time_in_department_mean_hours") == Approx(log.hours / log.attendances));
  CHECK(metric(result, p + "within_4h") == Approx(log.within_4h / log.attendances));
  CHECK(metric(result, p + "over_12h") == log.over_12h);
}

// Patients reach 'ae' by every path: walk-ins; a crisis team that passes
// unresolved patients on (and every referral when full); a ward that sends
// some patients back to A&E; readmissions after discharge home; an elective
// list booked into A&E; and a route from A&E back to itself (a second spell
// of treatment in the same attendance). A&E has 3 cubicles, so many wait.
std::string every_path_scenario(double warmup) {
  return R"(
name: ed-paths
run: {horizon_days: 120, warmup_days: )" +
         std::to_string(warmup) + R"(, replications: 1, seed: 21}
groups: {frail: 0.4, other: 0.6}
exits: [home, died]
units:
  jet:
    capacity: 2
    los: {dist: exponential, mean: 8, unit: hours}
    avoidance: {resolved: 0.3, resolved_to: home, usual_route: ae}
  ae:
    kind: emergency_department
    capacity: 3
    los: {dist: exponential, mean: 2, unit: hours}
    routes: {home: 0.6, acute: 0.3, ae: 0.1}
  acute:
    kind: acute
    capacity: 15
    los: {dist: exponential, mean: 1, unit: days}
    routes: {home: 0.8, ae: 0.15, died: 0.05}
    readmission: {probability: 0.2, within_days: 10, after_exits: [home], to: ae}
arrivals:
  walk_ins:
    to: ae
    rate_per_day: 20
    referred: {to: jet, share: {frail: 0.5}}
electives:
  clinic_list:
    to: ae
    group: other
    per_weekday: [2, 2, 2, 2, 2, 0, 0]
    at_hour: 9
)";
}

}  // namespace

TEST_CASE("Every way into an A&E starts its clock at arrival there, as the event log shows",
          "[models][ed]") {
  const auto model = load(every_path_scenario(0.0));
  const auto result = run_once(model);
  const int ae = 1;
  REQUIRE(model->units[ae].name == "ae");
  // Each path is taken in this run.
  std::size_t referred_on = 0, blocked_on = 0, from_ward = 0, readmitted = 0, looped = 0, electives = 0;
  for (const auto& e : result.event_log) {
    if (is(e, EventLogKind::Move) && e.unit == 0 && e.other == ae) ++referred_on;
    if (is(e, EventLogKind::Blocked) && e.unit == 0 && e.other == ae) ++blocked_on;
    if (is(e, EventLogKind::Move) && e.unit == 2 && e.other == ae) ++from_ward;
    if (is(e, EventLogKind::Move) && e.unit == ae && e.other == ae) ++looped;
    if (is(e, EventLogKind::Arrive) && e.unit == ae &&
        e.source == model->sources.size() + model->units.size())
      ++electives;
  }
  readmitted = static_cast<std::size_t>(metric(result, "readmission.acute.returned"));
  INFO("jet->ae " << referred_on << " (blocked " << blocked_on << "), acute->ae " << from_ward
                  << ", readmitted " << readmitted << ", ae->ae " << looped << ", electives "
                  << electives);
  CHECK(referred_on > 20);
  CHECK(blocked_on > 0);
  CHECK(from_ward > 20);
  CHECK(readmitted > 20);
  CHECK(looped > 20);
  CHECK(electives > 20);
  check_against_log(result, ae, "ae", 0.0);
  // Nobody has been in the department for anything like the length of the run.
  CHECK(metric(result, "ae.ae.time_in_department_mean_hours") < 24.0);
}

TEST_CASE("The A&E clock is right with a warm-up too", "[models][ed]") {
  const auto result = run_once(load(every_path_scenario(30.0)));
  check_against_log(result, 1, "ae", 30.0);
}

// ---- the warm-up instant -------------------------------------------------------

TEST_CASE("Events exactly at the end of the warm-up count in every statistic alike",
          "[models][warmup]") {
  // Five electives a day at 00:00 into a ward with room for all, a 10-day
  // warm-up and 10 measured days (no other arrivals): the ones admitted at exactly day 10 belong
  // to the measured period for the elective counts and the unit's alike.
  const auto result = run_once(load(R"(
name: boundary
run: {horizon_days: 20, warmup_days: 10, replications: 1, seed: 2}
exits: [home]
units:
  ward:
    kind: acute
    capacity: 100
    los: {dist: fixed, value: 12, unit: hours}
    routes: {home: 1}
arrivals:
  none: {to: ward, rate_per_day: 1.0e-9}
electives:
  list:
    to: ward
    group: all
    per_weekday: [5, 5, 5, 5, 5, 5, 5]
    at_hour: 0
)"));
  CHECK(metric(result, "elective.list.admitted") == 50.0);
  CHECK(metric(result, "unit.ward.admissions_per_day") == 5.0);
  // Ten measured days of five half-day stays: 2.5 beds on average, counted
  // from the boundary itself.
  CHECK(metric(result, "unit.ward.occupancy_mean") == Approx(2.5));
}
