#include "tools/experiments/precision_runner.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "sim/output_analysis.hpp"
#include "sim/replication_count.hpp"
#include "sim/statistics.hpp"
#include "tools/experiments/metric_selection.hpp"
#include "tools/runner/replication_runner.hpp"

namespace flowsim::tools {

namespace {

const std::vector<std::string>& patterns_of(const PrecisionSettings& settings) {
  return settings.metric_patterns.empty() ? kDefaultPrecisionMetrics : settings.metric_patterns;
}

// One watched series: which scenario and which metric index.
struct Watched {
  std::size_t scenario = 0;
  std::size_t metric = 0;
};

std::vector<Watched> watched_metrics(
    const std::vector<std::shared_ptr<const models::ModelDefinition>>& models,
    const PrecisionSettings& settings) {
  std::vector<Watched> watched;
  for (std::size_t m = 0; m < models.size(); ++m) {
    std::optional<std::string> unmatched;  // a variant may lack a unit of the base
    for (const std::size_t k :
         select_metrics(metric_names(*models[m]), patterns_of(settings), unmatched))
      watched.push_back({m, k});
  }
  return watched;
}

std::vector<std::vector<double>> series_of(
    const std::vector<std::vector<models::ReplicationResult>>& results,
    const std::vector<Watched>& watched, std::size_t replications) {
  std::vector<std::vector<double>> outputs;
  for (const auto& w : watched) {
    std::vector<double> values(replications);
    for (std::size_t r = 0; r < replications; ++r)
      values[r] = results[w.scenario][r].metrics[w.metric].value;
    outputs.push_back(std::move(values));
  }
  return outputs;
}

std::uint32_t round_up(std::uint32_t value, unsigned multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

}  // namespace

std::optional<std::string> precision_problem(
    const std::vector<std::shared_ptr<const models::ModelDefinition>>& models,
    const PrecisionSettings& settings) {
  if (!(settings.precision > 0.0 && settings.precision < 1.0))
    return fmt::format("--precision must be a fraction between 0 and 1 (0.05 for 5%), got {}",
                       settings.precision);
  const sim::ReplicationCountSettings defaults;
  const auto smallest = static_cast<std::uint32_t>(defaults.initial + defaults.k_limit);
  if (settings.max_replications < smallest)
    return fmt::format(
        "--max-reps must be at least {} (the first check at {} replications and a "
        "look-ahead of {}), got {}",
        smallest, defaults.initial, defaults.k_limit, settings.max_replications);
  std::optional<std::string> unmatched;
  const auto names = metric_names(*models.front());
  if (select_metrics(names, patterns_of(settings), unmatched).empty() || unmatched) {
    const std::string pattern = unmatched.value_or("");
    const auto nearest = closest_metric_names(names, pattern);
    return fmt::format(
        "--metric '{}' matches no metric of '{}'{} (metric names are listed in "
        "summary.csv; '*' matches any characters, e.g. 'unit.*.occupancy_mean')",
        pattern, models.front()->name,
        nearest.empty() ? std::string()
                        : fmt::format("; did you mean '{}'?", fmt::join(nearest, "' or '")));
  }
  return std::nullopt;
}

std::vector<std::vector<models::ReplicationResult>> run_to_precision(
    const std::vector<std::shared_ptr<const models::ModelDefinition>>& models,
    const std::vector<std::string>& labels, const PrecisionSettings& settings, unsigned threads,
    bool log_first_replication, const std::stop_token& stop, PrecisionOutcome& outcome) {
  const std::vector<Watched> watched = watched_metrics(models, settings);
  const sim::ReplicationCountSettings rule{settings.precision, 5, 3};
  const unsigned batch = std::max(1U, threads);
  std::vector<std::vector<models::ReplicationResult>> results(models.size());
  std::uint32_t done = 0;
  std::uint32_t target =
      std::min(settings.max_replications,
               round_up(static_cast<std::uint32_t>(rule.initial + rule.k_limit), batch));
  std::optional<std::size_t> accepted;
  while (true) {
    auto more = run_replications_of_each(models, {.replications = target - done,
                                                  .threads = threads,
                                                  .log_first_replication = log_first_replication,
                                                  .stop = stop,
                                                  .first_replication = done});
    const auto finished = static_cast<std::uint32_t>(more.front().size());
    for (std::size_t m = 0; m < models.size(); ++m)
      for (auto& r : more[m]) results[m].push_back(std::move(r));
    if (stop.stop_requested()) {
      // Keep the unbroken run of replications 0 .. k-1 that finished.
      std::uint32_t k = 0;
      while (k < results.front().size() && results.front()[k].replication == k) ++k;
      for (auto& r : results) r.resize(k);
      done = k;
      break;
    }
    done += finished;
    const auto decision = sim::decide_replications(series_of(results, watched, done), rule);
    if (decision.replications || done >= settings.max_replications) {
      accepted = decision.replications;
      break;
    }
    // Jump towards the projected need, n (d_n / target)^2, by at most half
    // again per batch (the worst metric's d_n is noisy): only the amount of
    // work depends on this, never the answer.
    const double projected = static_cast<double>(done) *
                             std::pow(std::min(decision.worst_precision / rule.precision, 2.0), 2.0);
    const auto wanted =
        std::max<std::uint32_t>({static_cast<std::uint32_t>(decision.need_at_least), done + 1,
                                 static_cast<std::uint32_t>(std::min(projected, 1.5 * done))});
    target = std::min(settings.max_replications, round_up(wanted, batch));
  }
  outcome.target = settings.precision;
  outcome.simulated = done;
  if (done == 0) return results;  // stopped before any replication finished
  outcome.reached = accepted.has_value();
  outcome.replications = accepted ? static_cast<std::uint32_t>(*accepted) : done;
  for (auto& scenario_results : results) scenario_results.resize(outcome.replications);

  outcome.achieved = 0.0;
  const auto outputs = series_of(results, watched, outcome.replications);
  for (std::size_t i = 0; i < watched.size(); ++i) {
    const double d = sim::relative_half_width(sim::summarize(outputs[i]));
    const auto& metric = results[watched[i].scenario].front().metrics[watched[i].metric].name;
    if (watched[i].scenario == 0) outcome.metrics.push_back(metric);
    if (i == 0 || d > outcome.achieved) {
      outcome.achieved = d;
      outcome.worst_metric = models.size() > 1 ? labels[watched[i].scenario] + ": " + metric : metric;
    }
  }
  return results;
}

}  // namespace flowsim::tools
