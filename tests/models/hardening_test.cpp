// Numerical safety and the engine's guards: a deadlock in the blocking chain
// is reported with the units involved, a 50-year horizon runs, extreme
// distribution parameters either sample finitely or are refused at load
// with the reason, and the run estimate scales as the traffic equations say.
#include "model_test_support.hpp"

#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "models/run_estimate.hpp"
#include "models/traffic.hpp"

using namespace flowsim::test;

namespace {

// Two one-bed units waiting on each other (the file's header explains).
std::string two_unit_cycle() {
  std::ifstream in(std::string(FLOWSIM_SOURCE_DIR) + "/tests/data/deadlock_two_units.yaml");
  std::ostringstream text;
  text << in.rdbuf();
  REQUIRE(!text.str().empty());
  return text.str();
}

std::string with_los(const std::string& los) {
  return R"(
name: extreme parameters
run: {horizon_days: 30, warmup_days: 0, replications: 1, seed: 3}
exits: [home]
units:
  ward:
    capacity: 10
    los: )" +
         los + R"(
    routes: {home: 1}
arrivals:
  walk_in: {to: ward, rate_per_day: 2}
)";
}

}  // namespace

TEST_CASE(
    "A two-unit blocking cycle is reported as a deadlock naming both units, the replication, "
    "the moment, the event and the patient",
    "[hardening][failure]") {
  const auto model = load(two_unit_cycle());
  flowsim::models::HospitalModel replication(model, flowsim::models::ReplicationOptions{3, false});
  try {
    (void)replication.run();
    FAIL("the deadlock was not detected");
  } catch (const flowsim::models::DeadlockError& e) {
    const std::string message = e.what();
    INFO(message);
    CHECK(message.rfind("replication 3, day 1 at 00:00 (t = 1.0000 days), ", 0) == 0);
    CHECK(std::regex_search(
        message, std::regex(R"(while handling the end of a stay of patient #0 of the )"
                            R"(starting census of unit '(a|b)' \(group 'all', in unit '(a|b)')")));
    CHECK(message.find("deadlock in the blocking chain") != std::string::npos);
    CHECK(message.find("'a' (1 beds)") != std::string::npos);
    CHECK(message.find("'b' (1 beds)") != std::string::npos);
  }
}

TEST_CASE("A full unit blocked on a unit that is still treating is not a deadlock", "[hardening]") {
  // As the cycle, but b's patient goes home: a waits for b's bed, which frees.
  std::string text = two_unit_cycle();
  text.replace(text.find("{a: 0.999999, home: 0.000001}"), 29, "{home: 1}");
  const auto result = run_once(load(text));
  CHECK(result.flow_balanced);
  CHECK(metric(result, "unit.b.admissions_per_day") > 0.0);
}

TEST_CASE("A 50-year horizon runs with the clock and counters intact", "[hardening]") {
  const auto model = load(R"(
name: fifty years
run: {horizon_days: 18263, warmup_days: 0, replications: 1, seed: 5}
exits: [home]
units:
  ward:
    capacity: 10
    los: {dist: exponential, mean: 3, unit: days}
    routes: {home: 1}
arrivals:
  walk_in: {to: ward, rate_per_day: 2, hour_of_day: [1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,1,1,1,1,1,1]}
)");
  flowsim::models::HospitalModel replication(model, flowsim::models::ReplicationOptions{0, false});
  const auto result = replication.run();
  CHECK(result.flow_balanced);
  REQUIRE(result.daily_census[0].size() == 18263);
  // About 36,526 arrivals: Poisson, so 5 standard deviations is sqrt(36526) * 5 ~ 956.
  CHECK(std::abs(static_cast<double>(result.patients_created) - 36526.0) < 956.0);
  for (const auto& m : result.metrics) {
    INFO(m.name);
    CHECK(std::isfinite(m.value));
  }
}

TEST_CASE("Extreme distribution parameters sample finitely or are refused with the reason",
          "[hardening]") {
  const char* const cases[] = {
      "{dist: lognormal, mean: 1, sd: 1e300, unit: days}",
      "{dist: lognormal, mean: 1e-300, sd: 1, unit: days}",
      "{dist: lognormal, median: 1e-300, p90: 1e300, unit: days}",
      "{dist: exponential, mean: 1e-300, unit: days}",
      "{dist: exponential, mean: 1e300, unit: weeks}",
      "{dist: gamma, shape: 1e-12, scale: 2, unit: days}",
      "{dist: gamma, shape: 1e12, scale: 1e-12, unit: days}",
      "{dist: gamma, mean: 1e-300, sd: 1, unit: days}",
      "{dist: weibull, shape: 1e-12, scale: 2, unit: days}",
      "{dist: weibull, shape: 1e12, scale: 2, unit: days}",
      "{dist: uniform, min: 0, max: 1e308, unit: weeks}",
      "{dist: triangular, min: 0, mode: 1e-300, max: 1e-299, unit: minutes}",
      "{dist: coxian, phase_means: [1e-300, 1e300], continue: [0.5], unit: weeks}",
      "{dist: coxian, phase_means: [1e-300, 1e-300], continue: [1], unit: minutes}",
      "{dist: coxian, phase_means: [1e300, 1e300, 1e300], continue: [1, 1], unit: weeks}",
  };
  int refused = 0;
  int ran = 0;
  for (const char* los : cases) {
    INFO(los);
    const auto loaded = flowsim::scenario::load_scenario_text(with_los(los), "extreme.yaml");
    if (!loaded.ok()) {
      const std::string message = loaded.diagnostics.format();
      INFO(message);
      CHECK(message.find("extreme.yaml:") == 0);
      CHECK((message.find("cannot be sampled") != std::string::npos ||
             message.find("expected a finite number") != std::string::npos));
      ++refused;
      continue;
    }
    const auto result = run_once(loaded.model);
    CHECK(result.flow_balanced);
    for (const auto& m : result.metrics) {
      INFO(m.name);
      CHECK(std::isfinite(m.value));
    }
    ++ran;
  }
  // Both outcomes occur: sd 1e300 and shape 1e-12 (Weibull) overflow.
  CHECK(refused >= 2);
  CHECK(ran >= 2);
}

TEST_CASE("The run estimate follows the traffic equations and the limits refuse big runs",
          "[hardening]") {
  const auto model = load(R"(
name: estimate
run: {horizon_days: 365, warmup_days: 0, replications: 10, seed: 1}
exits: [home]
units:
  ed:
    capacity: unlimited
    los: {dist: fixed, value: 4, unit: hours}
    routes: {ward: 0.25, home: 0.75}
  ward:
    capacity: unlimited
    los: {dist: exponential, mean: 5, unit: days}
    routes: {home: 1}
arrivals:
  walk_in: {to: ed, rate_per_day: 100}
)");
  const auto loads = flowsim::models::solve_traffic(*model);
  const auto e = flowsim::models::estimate_run(*model, loads, {.replications = 10, .threads = 2});
  CHECK(e.arrivals_per_replication == Approx(36500.0));
  // Each arrival: its arrival, its A&E stay's end, and a quarter a ward stay's end.
  CHECK(e.events_per_replication == Approx(36500.0 * 2.25 + 365.0));
  // Little's law: 100 × 4/24 in A&E plus 25 × 5 on the ward.
  CHECK(e.peak_patients_present == Approx(100.0 / 6.0 + 125.0));
  CHECK(flowsim::models::check_limits(e, {}).soft.empty());

  flowsim::models::RunLimits tight;
  tight.max_total_events = 1e5;
  tight.available_memory_bytes = 1e5;
  const auto findings = flowsim::models::check_limits(e, tight);
  CHECK(findings.hard.empty());
  REQUIRE(findings.soft.size() == 2);
  CHECK(findings.soft[0].find("events") != std::string::npos);
  CHECK(findings.soft[1].find("memory") != std::string::npos);

  auto huge = e;
  huge.largest_source_arrivals = 5e9;
  CHECK(flowsim::models::check_limits(huge, {}).hard.size() == 1);
}
