#pragma once
// Helpers for behaviour tests of the patient-flow model: load a scenario from
// YAML text, run one replication (with the event log), read metrics and
// events by name.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "models/hospital_model.hpp"
#include "models/scenario/loader.hpp"

namespace flowsim::test {

inline std::shared_ptr<const models::ModelDefinition> load(const std::string& yaml) {
  auto loaded = scenario::load_scenario_text(yaml, "test.yaml");
  INFO(loaded.diagnostics.format());
  REQUIRE(loaded.ok());
  return loaded.model;
}

inline models::ReplicationResult run_once(const std::shared_ptr<const models::ModelDefinition>& model,
                                          std::uint32_t replication = 0) {
  models::HospitalModel replication_model(model, models::ReplicationOptions{replication, true});
  return replication_model.run();
}

inline double metric(const models::ReplicationResult& result, const std::string& name) {
  for (const auto& m : result.metrics)
    if (m.name == name) return m.value;
  throw std::out_of_range("no metric named " + name);
}

// Metric 'name' in period 'period' of a multi-year run.
inline double period_metric(const models::ReplicationResult& result, std::size_t period,
                            const std::string& name) {
  for (std::size_t k = 0; k < result.metrics.size(); ++k)
    if (result.metrics[k].name == name) return result.period_metrics.at(period).at(k);
  throw std::out_of_range("no metric named " + name);
}

inline bool has_metric(const models::ReplicationResult& result, const std::string& name) {
  for (const auto& m : result.metrics)
    if (m.name == name) return true;
  return false;
}

// |observed share - p| within 5 binomial standard errors (fixed seeds, so
// deterministic; a real bias of a few per cent still fails).
inline void check_share(double hits, double n, double p) {
  REQUIRE(n > 0);
  const double observed = hits / n;
  const double se = std::sqrt(p * (1.0 - p) / n);
  INFO("observed " << observed << " of " << n << ", expected " << p);
  CHECK(std::abs(observed - p) <= 5.0 * se);
}
inline void check_share(std::size_t hits, std::size_t n, double p) {
  check_share(static_cast<double>(hits), static_cast<double>(n), p);
}

using models::EventLogKind;
using models::LoggedEvent;

inline bool is(const LoggedEvent& e, EventLogKind kind) {
  return e.what == static_cast<std::uint8_t>(kind);
}

// Events of one kind, optionally only those at one unit.
inline std::vector<LoggedEvent> events_of(const models::ReplicationResult& result, EventLogKind kind,
                                          int unit = -1) {
  std::vector<LoggedEvent> out;
  for (const auto& e : result.event_log)
    if (is(e, kind) && (unit < 0 || e.unit == unit)) out.push_back(e);
  return out;
}

// A patient's identity: (source, entity).
using PatientId = std::pair<std::uint16_t, std::uint32_t>;
inline PatientId id_of(const LoggedEvent& e) { return {e.source, e.entity}; }

}  // namespace flowsim::test
