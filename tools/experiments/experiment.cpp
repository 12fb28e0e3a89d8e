#include "tools/experiments/experiment.hpp"

#include <chrono>
#include <stdexcept>

#include <fmt/format.h>

#include "tools/runner/replication_runner.hpp"

namespace flowsim::tools {

namespace {

using ModelList = std::vector<std::shared_ptr<const models::ModelDefinition>>;

// Copies of the scenarios with one change to their run settings.
template <typename Change>
ModelList with_run_change(const ModelList& models, Change change) {
  ModelList changed;
  for (const auto& model : models) {
    auto copy = std::make_shared<models::ModelDefinition>(*model);
    change(copy->run);
    changed.push_back(std::move(copy));
  }
  return changed;
}

}  // namespace

std::vector<std::string> experiment_problems(const ModelList& models,
                                             const ExperimentSettings& settings) {
  std::vector<std::string> problems;
  if (settings.precision)
    if (auto problem = precision_problem(models, *settings.precision)) problems.push_back(*problem);
  if (settings.auto_warmup) {
    if (settings.pilot_replications == 0) problems.emplace_back("--pilot-reps must be at least 1");
    if (auto problem = warmup_problem(*models.front())) problems.push_back(*problem);
  }
  return problems;
}

ExperimentOutcome run_experiment(ModelList models, const std::vector<std::string>& labels,
                                 const ExperimentSettings& settings) {
  const auto started = std::chrono::steady_clock::now();
  ExperimentOutcome outcome;
  if (settings.auto_warmup) {
    outcome.warmup =
        choose_warmup(models, labels, settings.pilot_replications, settings.threads, settings.stop);
    const double days = outcome.warmup->days;
    models = with_run_change(models, [days](models::RunSettings& run) { run.warmup_days = days; });
  }
  if (settings.precision) {
    PrecisionOutcome precision;
    outcome.results = run_to_precision(models, labels, *settings.precision, settings.threads,
                                       settings.log_first_replication, settings.stop, precision);
    const std::uint32_t n = precision.replications;
    models = with_run_change(models, [n](models::RunSettings& run) { run.replications = n; });
    outcome.precision = precision;
  } else {
    outcome.results =
        run_replications_of_each(models, {.replications = models.front()->run.replications,
                                          .threads = settings.threads,
                                          .log_first_replication = settings.log_first_replication,
                                          .stop = settings.stop,
                                          .on_replication = settings.on_replication});
  }
  for (std::size_t m = 0; m < models.size(); ++m)
    for (const auto& r : outcome.results[m])
      if (!r.flow_balanced)
        throw std::logic_error(
            fmt::format("flow balance broken in replication {} of {}", r.replication, labels[m]));
  outcome.models = std::move(models);
  outcome.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return outcome;
}

nlohmann::ordered_json experiment_manifest(const ExperimentOutcome& outcome) {
  nlohmann::ordered_json json;
  if (outcome.warmup) {
    const auto& w = *outcome.warmup;
    auto& j = json["warmup"];
    j["method"] = "MSER-5 (White 1997) on the daily midnight census, mean across pilot replications";
    j["warmup_days"] = w.days;
    j["reliable"] = w.reliable;
    j["pilot_replications"] = w.pilot_replications;
    j["pilot_horizon_days"] = outcome.models.front()->run.horizon_days;
    j["series_file"] = "warmup.csv";
    auto& units = j["units"];
    units = nlohmann::ordered_json::array();
    for (const auto& u : w.units)
      units.push_back({{"scenario", u.scenario},
                       {"unit", u.unit},
                       {"warmup_days", u.days},
                       {"truncation_in_first_half", u.in_first_half}});
  }
  if (outcome.precision) {
    const auto& p = *outcome.precision;
    auto& j = json["precision"];
    j["method"] = "sequential CI with look-ahead (Hoad, Robinson and Davies 2010), k_limit 5";
    j["replications"] = p.replications;
    j["replications_simulated"] = p.simulated;
    j["reached"] = p.reached;
    j["target_relative_half_width"] = p.target;
    j["achieved_relative_half_width"] = p.achieved;
    j["worst_metric"] = p.worst_metric;
    j["metrics"] = p.metrics;
  }
  return json;
}

std::string experiment_notes(const ExperimentOutcome& outcome) {
  std::string notes;
  if (outcome.warmup) {
    const auto& w = *outcome.warmup;
    notes += fmt::format(
        "Warm-up: {:.0f} days, chosen by MSER-5 on the daily census of {} pilot "
        "replications (warmup.csv holds the series for Welch's method)\n",
        w.days, w.pilot_replications);
    for (const auto& u : w.units)
      if (!u.in_first_half)
        notes += fmt::format(
            "  warning: {} {} had not settled within the first half of the "
            "horizon; lengthen run.horizon_days\n",
            u.scenario, u.unit);
  }
  if (outcome.precision) {
    const auto& p = *outcome.precision;
    if (p.reached)
      notes += fmt::format(
          "Replications: {} to bring every 95% CI within {:.2f}% of its mean "
          "(worst {:.2f}%, {}); {} simulated in all\n",
          p.replications, 100.0 * p.target, 100.0 * p.achieved, p.worst_metric, p.simulated);
    else
      notes += fmt::format(
          "  warning: precision not reached in {} replications (--max-reps): the "
          "worst CI is {:.2f}% of its mean ({})\n",
          p.replications, 100.0 * p.achieved, p.worst_metric);
  }
  return notes;
}

}  // namespace flowsim::tools
