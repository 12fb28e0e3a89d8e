#include "fuzz/fuzz_support.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "models/hospital_model.hpp"
#include "models/run_estimate.hpp"
#include "models/traffic.hpp"

namespace flowsim::fuzz {

namespace {

// Small enough to simulate on every fuzz input without slowing the search.
constexpr double kLargestSimulatedEvents = 20000.0;
constexpr double kLargestSimulatedPatients = 5000.0;

[[noreturn]] void contract_broken(const char* what) {
  std::fprintf(stderr, "fuzz contract broken: %s\n", what);
  std::abort();
}

}  // namespace

void check_load_result(const scenario::LoadResult& loaded) {
  if (loaded.ok() == loaded.diagnostics.has_errors())
    contract_broken("a load must give either a model or errors");
  if (!loaded.ok()) {
    if (loaded.diagnostics.format().empty()) contract_broken("errors without a message");
    return;
  }
  const auto& model = *loaded.model;
  const auto loads = models::solve_traffic(model);
  (void)models::overload_warnings(model, loads);
  const auto estimate = models::estimate_run(model, loads, {.replications = 1, .threads = 1});
  (void)models::check_limits(estimate, {});
  if (!(estimate.events_per_replication < kLargestSimulatedEvents) ||
      !(estimate.peak_patients_present < kLargestSimulatedPatients) ||
      model.run.horizon_days * static_cast<double>(model.units.size()) > 1e5)
    return;
  models::HospitalModel replication(loaded.model, models::ReplicationOptions{0, false});
  const auto result = replication.run();
  if (!result.flow_balanced) contract_broken("flow balance broken");
  for (const auto& metric : result.metrics)
    if (std::isnan(metric.value)) contract_broken("a metric is NaN");
}

}  // namespace flowsim::fuzz
