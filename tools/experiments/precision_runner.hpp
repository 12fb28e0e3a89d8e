#pragma once
// --precision: adds replications in batches until the sequential procedure of
// Hoad, Robinson and Davies (sim/replication_count.hpp) accepts a number N for
// the chosen metrics of every scenario, or --max-reps is reached.
//
// Replication r is the same whatever the batch it ran in, and the decision
// reads the replications in order, so the N replications kept are exactly
// those of a plain run with --reps N, on any number of threads. Replications
// run beyond N (the look-ahead, and batches rounded up to keep every core
// busy) are discarded: keeping them would make the results depend on the
// batch sizes, that is, on the number of threads.
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

#include "models/model_definition.hpp"
#include "models/replication_result.hpp"

namespace flowsim::tools {

inline constexpr std::uint32_t kDefaultMaxReplications = 500;

struct PrecisionSettings {
  double precision = 0.05;
  std::vector<std::string> metric_patterns;  // empty: kDefaultPrecisionMetrics
  std::uint32_t max_replications = kDefaultMaxReplications;
};

struct PrecisionOutcome {
  std::uint32_t replications = 0;  // kept (N, or the maximum when not reached)
  std::uint32_t simulated = 0;     // run in all, per scenario
  bool reached = false;
  double target = 0.0;               // the relative half-width asked for
  double achieved = 0.0;             // worst relative half-width over the chosen metrics at N
  std::string worst_metric;          // the metric (and scenario) that achieved it
  std::vector<std::string> metrics;  // the chosen metric names of the first scenario
};

// Bad input, before anything runs: a message, or nothing when the settings
// are usable with these scenarios (every pattern matches a metric of the first).
[[nodiscard]] std::optional<std::string> precision_problem(
    const std::vector<std::shared_ptr<const models::ModelDefinition>>& models,
    const PrecisionSettings& settings);

// Results [scenario][replication] for replications 0 .. outcome.replications - 1.
[[nodiscard]] std::vector<std::vector<models::ReplicationResult>> run_to_precision(
    const std::vector<std::shared_ptr<const models::ModelDefinition>>& models,
    const std::vector<std::string>& labels, const PrecisionSettings& settings, unsigned threads,
    bool log_first_replication, const std::stop_token& stop, PrecisionOutcome& outcome);

}  // namespace flowsim::tools
