#pragma once
// Runs the replications of one or more scenarios (a baseline and its
// variants) as the command line asked: a fixed number, or as many as
// --precision needs; after a warm-up from the scenario, or chosen by
// --warmup auto. All scenarios share the baseline's run settings (horizon,
// warm-up, seed and replications), so replication r of each sees the same
// synthetic patients and the comparison is paired.
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/model_definition.hpp"
#include "models/replication_result.hpp"
#include "tools/experiments/precision_runner.hpp"
#include "tools/experiments/warmup_pilot.hpp"

namespace flowsim::tools {

struct ExperimentSettings {
  unsigned threads = 1;
  bool log_first_replication = false;
  std::optional<PrecisionSettings> precision;  // otherwise the scenario's replications
  bool auto_warmup = false;
  std::uint32_t pilot_replications = kDefaultPilotReplications;
  // Ctrl-C / SIGTERM: no further replication starts. A fixed-count or
  // --precision run keeps the replications every scenario finished; a stop
  // during the warm-up pilot throws RunInterrupted (nothing to keep).
  std::stop_token stop;
  // Called after each replication of a fixed-count run finishes (never
  // concurrently), for flowsim serve's progress events.
  std::function<void()> on_replication;
};

struct ExperimentOutcome {
  // The scenarios as run (warm-up and replications as used).
  std::vector<std::shared_ptr<const models::ModelDefinition>> models;
  std::vector<std::vector<models::ReplicationResult>> results;  // [scenario][replication]
  std::optional<WarmupChoice> warmup;
  std::optional<PrecisionOutcome> precision;
  double wall_seconds = 0.0;
};

// Bad input found before anything runs, as one message per problem.
[[nodiscard]] std::vector<std::string> experiment_problems(
    const std::vector<std::shared_ptr<const models::ModelDefinition>>& models,
    const ExperimentSettings& settings);

// Throws if a replication fails or breaks flow balance.
[[nodiscard]] ExperimentOutcome run_experiment(
    std::vector<std::shared_ptr<const models::ModelDefinition>> models,
    const std::vector<std::string>& labels, const ExperimentSettings& settings);

// The "experiment" object of run.json: how the warm-up and the number of
// replications were chosen; null when both came from the scenario.
[[nodiscard]] nlohmann::ordered_json experiment_manifest(const ExperimentOutcome& outcome);

// Lines for the console saying the same.
[[nodiscard]] std::string experiment_notes(const ExperimentOutcome& outcome);

}  // namespace flowsim::tools
