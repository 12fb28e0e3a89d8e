// C5: Little's law and flow balance, for every unit of R1 (the whole-system
// benchmark, scenarios/validation/r1.yaml) and of C4 T1 (tandem blocking,
// c4_t1.yaml); and R1x10 (r1_x10.yaml) is R1 scaled by ten.
//
// Little's law: mean occupancy = admissions per day × mean stay, within the
// replications' 99.9% confidence interval (the two sides differ only by
// end effects, patients present at the start and end of the measured
// period, whose expected contributions cancel in a stationary system).
// Flow balance, exactly: for every unit, admissions = departures + patients
// present at the end (ReplicationResult::flow_balanced), and, recounted
// independently from the patient event log, for the whole system: arrivals =
// exits + diversions + patients still present.
#include <map>

#include "models/patient.hpp"
#include "validation_support.hpp"

using namespace flowsim::validation;
using flowsim::models::EventLogKind;
using flowsim::models::ReplicationResult;

namespace {

void check_littles_law(const std::string& label, const flowsim::models::ModelDefinition& model,
                       const Results& results) {
  for (const auto& unit : model.units) {
    const std::string p = "unit." + unit.name + ".";
    check_within_ci(label, p + "occupancy_mean / (admissions_per_day x stay_mean_days)",
                    per_replication(results,
                                    [&](const ReplicationResult& r) {
                                      return metric(r, p + "admissions_per_day") *
                                             metric(r, p + "stay_mean_days") /
                                             metric(r, p + "occupancy_mean");
                                    }),
                    1.0, 0.01);
  }
  for (const auto& r : results) CHECK(r.flow_balanced);
}

// Recounts the first replication's flows from its event log.
void check_event_log_balance(const std::string& label,
                             const std::shared_ptr<flowsim::models::ModelDefinition>& model) {
  const auto results = flowsim::tools::run_replications(
      model,
      flowsim::tools::RunnerOptions{.replications = 1, .threads = 1, .log_first_replication = true});
  const ReplicationResult& r = results.at(0);
  REQUIRE(!r.event_log.empty());
  const std::size_t n = model->units.size();
  std::uint64_t arrivals = 0, exits = 0, diverted = 0;
  std::vector<std::int64_t> admitted(n, 0), left(n, 0);
  for (const auto& e : r.event_log) {
    switch (static_cast<EventLogKind>(e.what)) {
      case EventLogKind::Arrive: ++arrivals; break;
      case EventLogKind::Divert: ++diverted; break;
      case EventLogKind::Admit: ++admitted.at(static_cast<std::size_t>(e.unit)); break;
      case EventLogKind::Move: ++left.at(static_cast<std::size_t>(e.unit)); break;
      case EventLogKind::Exit:
        ++exits;
        ++left.at(static_cast<std::size_t>(e.unit));
        break;
      default: break;
    }
  }
  INFO(label << ": arrivals " << arrivals << ", exits " << exits << ", diverted " << diverted
             << ", present at end " << r.patients_present_at_end);
  CHECK(arrivals > 0);
  CHECK(r.patients_created == arrivals);  // no starting census in these scenarios
  CHECK(arrivals == exits + diverted + r.patients_present_at_end);
  // The horizon is a whole number of days, so the last midnight census is the
  // occupancy at the end.
  REQUIRE(model->run.horizon_days == std::floor(model->run.horizon_days));
  for (std::size_t u = 0; u < n; ++u) {
    INFO("unit " << model->units[u].name);
    CHECK(admitted[u] - left[u] == static_cast<std::int64_t>(r.daily_census.at(u).back()));
  }
  CHECK(r.flow_balanced);
}

}  // namespace

TEST_CASE("C5 Little's law and flow balance in R1", "[validation][little]") {
  const auto model = load("r1.yaml");
  const Run r = run("C5 R1", model);
  check_littles_law("C5 R1", *model, r.results);

  const auto shorter = load("r1.yaml");
  shorter->run.horizon_days = 400;
  check_event_log_balance("C5 R1 (400 days)", shorter);
}

TEST_CASE("C5 Little's law and flow balance in C4 T1", "[validation][little]") {
  const auto model = load("c4_t1.yaml");
  const Run r = run("C5 T1", model);
  check_littles_law("C5 T1", *model, r.results);
  // The same law for the two parts of an acute stay: treatment, then delay.
  check_within_ci("C5 T1", "unit.acute.in_treatment_mean / (admissions_per_day x los_mean_days)",
                  per_replication(r.results,
                                  [](const ReplicationResult& x) {
                                    return metric(x, "unit.acute.admissions_per_day") *
                                           metric(x, "unit.acute.los_mean_days") /
                                           metric(x, "unit.acute.in_treatment_mean");
                                  }),
                  1.0, 0.01);
  const double measured_days = model->run.horizon_days - model->run.warmup_days;
  check_within_ci("C5 T1", "unit.acute.delayed_mean / (delayed patients per day x delay_mean_days)",
                  per_replication(r.results,
                                  [&](const ReplicationResult& x) {
                                    return metric(x, "unit.acute.delayed_patients") / measured_days *
                                           metric(x, "unit.acute.delay_mean_days") /
                                           metric(x, "unit.acute.delayed_mean");
                                  }),
                  1.0, 0.01);
  check_event_log_balance("C5 T1", load("c4_t1.yaml"));
}

namespace {

// 'file' is R1 with arrivals and every capacity times 'factor', and its flows
// balance over a short run of 'days' (the first third a warm-up).
void check_r1_scaled(const std::string& file, std::int64_t factor, double days) {
  const auto r1 = load("r1.yaml");
  const auto scaled = load(file);
  INFO(file);
  REQUIRE(scaled->units.size() == r1->units.size());
  REQUIRE(scaled->sources.size() == r1->sources.size());
  for (std::size_t u = 0; u < r1->units.size(); ++u) {
    INFO(r1->units[u].name);
    CHECK(scaled->units[u].name == r1->units[u].name);
    CHECK(scaled->units[u].kind == r1->units[u].kind);
    CHECK(scaled->units[u].capacity == factor * r1->units[u].capacity);
    CHECK(scaled->units[u].queue_limit == r1->units[u].queue_limit);
    CHECK(scaled->units[u].los_by_group.at(0).describe() == r1->units[u].los_by_group.at(0).describe());
    CHECK(scaled->units[u].routes_by_group.at(0).destinations ==
          r1->units[u].routes_by_group.at(0).destinations);
    CHECK(scaled->units[u].routes_by_group.at(0).cumulative ==
          r1->units[u].routes_by_group.at(0).cumulative);
  }
  for (std::size_t s = 0; s < r1->sources.size(); ++s)
    CHECK(scaled->sources[s].rate_per_day == static_cast<double>(factor) * r1->sources[s].rate_per_day);
  CHECK(scaled->run.horizon_days == r1->run.horizon_days);
  CHECK(scaled->run.warmup_days == r1->run.warmup_days);

  scaled->run.horizon_days = days;
  scaled->run.warmup_days = std::floor(days / 3);
  check_event_log_balance(file + " (short run)", scaled);
}

}  // namespace

TEST_CASE("R1x10 is R1 with arrivals and every capacity times ten", "[validation][little]") {
  check_r1_scaled("r1_x10.yaml", 10, 60);
}

// At national scale the event queue spreads its long stays over a calendar
// (sim/event_queue.hpp) from the second simulated day: flows balance there too.
TEST_CASE("R1x100 is R1 with arrivals and every capacity times a hundred", "[validation][little]") {
  check_r1_scaled("r1_x100.yaml", 100, 6);
}
