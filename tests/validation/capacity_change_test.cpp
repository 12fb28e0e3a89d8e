// An M/M/c ward whose capacity changes once, from c1 to c2 on day 300: the
// measured period starts after the change (warm-up), so the waiting list the
// old capacity left behind must drain (after a rise) or build up (after a
// cut) exactly as the engine's calendar handles it. In the new regime the
// probability of waiting and the mean queue must match Erlang C for c2,
// within the 99.9% confidence interval of the replication means.
#include "validation_support.hpp"

using namespace flowsim::validation;

namespace {

// Erlang C for c servers and offered load a (a < c): probability of waiting.
double erlang_c(int c, double a) {
  double term = 1.0;  // a^k / k!
  double sum = 0.0;
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double tail = term * c / (c - a);
  return tail / (sum + tail);
}

std::shared_ptr<flowsim::models::ModelDefinition> ward(int c1, int c2) {
  const std::string text = fmt::format(R"(
name: M/M/c with a capacity change
run: {{horizon_days: 15350, warmup_days: 350, replications: 40, seed: 77}}
exits: [home]
units:
  ward:
    capacity: {}
    capacity_changes: [{{day: 300, capacity: {}}}]
    los: {{dist: exponential, mean: 1, unit: days}}
    routes: {{home: 1}}
arrivals:
  admissions: {{to: ward, rate_per_day: 4}}
)",
                                       c1, c2);
  const auto loaded = flowsim::scenario::load_scenario_text(text, "mmc_change.yaml");
  REQUIRE(loaded.ok());
  return std::make_shared<flowsim::models::ModelDefinition>(*loaded.model);
}

void check_regime(int c1, int c2) {
  const double a = 4.0;  // offered load: 4 a day x 1 day
  const double p_wait = erlang_c(c2, a);
  const double queue = p_wait * a / (c2 - a);
  const std::string label = fmt::format("M/M/c {} -> {} beds", c1, c2);
  const Run r = run(label, ward(c1, c2));
  check_metric(label, r.results, "unit.ward.p_wait", p_wait, 0.05);
  check_metric(label, r.results, "unit.ward.queue_mean", queue, 0.08);
  check_metric(label, r.results, "unit.ward.occupancy_mean", a, 0.01);
  check_metric(label, r.results, "unit.ward.utilisation", a / c2, 0.01);
  for (const auto& result : r.results) CHECK(metric(result, "unit.ward.capacity_mean") == c2);
}

}  // namespace

TEST_CASE("Capacity change: after a rise from 5 to 7 beds, Erlang C for 7", "[validation][calendar]") {
  check_regime(5, 7);
}

TEST_CASE("Capacity change: after a cut from 7 to 5 beds, Erlang C for 5", "[validation][calendar]") {
  check_regime(7, 5);
}
