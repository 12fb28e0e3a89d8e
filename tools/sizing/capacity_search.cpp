#include "tools/sizing/capacity_search.hpp"

#include <algorithm>
#include <cmath>
#include <regex>
#include <stdexcept>

#include <fmt/format.h>

#include "models/erlang.hpp"
#include "models/traffic.hpp"
#include "tools/io/run_outputs.hpp"
#include "tools/runner/replication_runner.hpp"

namespace flowsim::tools {

std::shared_ptr<const models::ModelDefinition> with_capacities(
    const models::ModelDefinition& model, const std::map<std::uint32_t, std::int64_t>& capacities) {
  auto changed = std::make_shared<models::ModelDefinition>(model);
  for (const auto& [u, capacity] : capacities) {
    auto& unit = changed->units.at(u);
    unit.capacity = capacity;
    // The searched capacity holds for the whole run: a capacity calendar
    // (flow.capacity_schedule) would otherwise change it part-way through.
    unit.flow.capacity_schedule.clear();
    if (unit.census.patients > capacity) {
      unit.census.patients = capacity;
      if (!unit.census.elapsed_days.empty())
        unit.census.elapsed_days.resize(static_cast<std::size_t>(capacity));
    }
  }
  return changed;
}

std::optional<std::int64_t> analytic_capacity(const models::ModelDefinition& model, std::uint32_t unit,
                                              const std::vector<Target>& targets) {
  const auto& definition = model.units.at(unit);
  const double load = models::solve_traffic(model)[unit].offered_load;
  const bool with_queue = definition.queue_limit != 0;
  const std::string prefix = "unit." + definition.name + ".";
  static const std::regex share_at_level(R"(time_at_or_above_([0-9]+)pct)");
  std::optional<std::int64_t> estimate;
  const auto consider = [&estimate](std::optional<std::int64_t> c) {
    if (c) estimate = std::max(estimate.value_or(0), *c);
  };
  for (const auto& target : targets) {
    if (target.bound != Bound::AtMost || target.metric.rfind(prefix, 0) != 0) continue;
    const std::string measure = target.metric.substr(prefix.size());
    std::smatch level;
    if (measure == "utilisation_p95")
      consider(models::capacity_for_occupancy_level(load, target.value, 0.05, with_queue));
    else if (std::regex_match(measure, level, share_at_level))
      consider(models::capacity_for_occupancy_level(load, std::stod(level[1]) / 100.0, target.value,
                                                    with_queue));
    else if (measure == "p_wait" && with_queue)
      consider(models::capacity_for_wait_probability(load, target.value));
    else if (measure == "p_diverted" && !with_queue)
      consider(models::capacity_for_loss_probability(load, target.value));
    else if (measure == "utilisation" && target.value > 0.0)
      consider(static_cast<std::int64_t>(std::ceil(load / target.value)));
  }
  return estimate;
}

namespace {

// The first unmet target of the last evaluation if the sized unit never
// filled there: on common random numbers more capacity cannot change any
// result then, so the target can never be met by this unit alone.
std::optional<std::size_t> unresponsive_target(const std::vector<Target>& targets,
                                               const std::vector<Evaluation>& evaluations) {
  if (evaluations.empty()) return std::nullopt;
  const Evaluation& last = evaluations.back();
  if (!last.simulated || last.meets || !last.unit_never_full) return std::nullopt;
  for (std::size_t t = 0; t < last.per_target.size(); ++t)
    if (!target_met(targets[t], last.per_target[t])) return t;
  return std::nullopt;
}

}  // namespace

CapacitySearch::CapacitySearch(std::shared_ptr<const models::ModelDefinition> model,
                               std::vector<Target> targets, unsigned threads, Progress progress)
    : model_(std::move(model)), targets_(std::move(targets)), threads_(threads),
      progress_(std::move(progress)) {}

Evaluation CapacitySearch::evaluate(const std::map<std::uint32_t, std::int64_t>& capacities,
                                    std::int64_t stable_floor, std::uint32_t unit,
                                    std::vector<models::ReplicationResult>* keep) {
  Evaluation evaluation;
  evaluation.capacities = capacities;
  if (capacities.at(unit) < stable_floor) {
    // Below the stability limit the queue grows without end: no target
    // about a steady state can be met, and the run would only explode.
    if (progress_) progress_(evaluation);
    return evaluation;
  }
  const auto model = with_capacities(*model_, capacities);
  auto results = run_replications(model, {.replications = model->run.replications, .threads = threads_});
  for (const auto& r : results)
    if (!r.flow_balanced)
      throw std::logic_error(fmt::format("flow balance broken in replication {}", r.replication));
  const auto summaries = summarize_metrics(results);
  evaluation.simulated = true;
  evaluation.meets = true;
  for (const auto& target : targets_) {
    const auto found = std::find_if(summaries.begin(), summaries.end(),
                                    [&target](const MetricSummary& m) { return m.name == target.metric; });
    if (found == summaries.end())
      throw std::logic_error("metric " + target.metric + " missing from the results");
    evaluation.per_target.push_back(found->summary);
    evaluation.meets = evaluation.meets && target_met(target, found->summary);
  }
  const std::string peak = "unit." + model->units[unit].name + ".occupancy_peak";
  evaluation.unit_never_full = std::all_of(results.begin(), results.end(), [&](const auto& r) {
    for (const auto& m : r.metrics)
      if (m.name == peak) return m.value < static_cast<double>(capacities.at(unit));
    return false;
  });
  if (keep) *keep = std::move(results);
  if (progress_) progress_(evaluation);
  return evaluation;
}

SizeResult CapacitySearch::size(std::uint32_t unit, const std::map<std::uint32_t, std::int64_t>& fixed,
                                std::optional<SearchRange> range,
                                std::optional<std::int64_t> start_hint) {
  SizeResult result;
  const auto base = with_capacities(*model_, fixed);
  const auto& definition = base->units.at(unit);
  const double load = models::solve_traffic(*base)[unit].offered_load;
  result.minimum_stable =
      definition.queue_limit == models::kUnlimited ? models::minimum_stable_capacity(load) : 1;
  result.analytic_estimate = analytic_capacity(*base, unit, targets_);

  std::map<std::int64_t, bool> known;
  const auto meets = [&](std::int64_t capacity) {
    if (const auto it = known.find(capacity); it != known.end()) return it->second;
    auto capacities = fixed;
    capacities[unit] = capacity;
    std::vector<models::ReplicationResult> results;
    Evaluation evaluation = evaluate(capacities, result.minimum_stable, unit, &results);
    const bool ok = evaluation.meets;
    known[capacity] = ok;
    if (ok && (!result.capacity || capacity < *result.capacity)) {
      result.capacity = capacity;
      result.chosen_results = std::move(results);
    }
    result.evaluations.push_back(std::move(evaluation));
    return ok;
  };

  std::int64_t fail = 0;
  std::int64_t pass = 0;
  if (range) {
    if (!meets(range->high)) {
      result.unresponsive_target = unresponsive_target(targets_, result.evaluations);
      return result;
    }
    if (meets(range->low)) {
      result.lower_end_met = true;
      return result;
    }
    fail = range->low;
    pass = range->high;
  } else {
    const std::int64_t current = definition.unlimited() ? result.minimum_stable : definition.capacity;
    const std::int64_t start =
        std::max<std::int64_t>(1, start_hint.value_or(result.analytic_estimate.value_or(
                                      std::max(current, result.minimum_stable))));
    // Far beyond any sensible answer: three times the offered load.
    const auto limit = std::max<std::int64_t>(2 * start, static_cast<std::int64_t>(3.0 * load) + 100);
    std::int64_t step = std::max<std::int64_t>(1, start / 50);
    if (meets(start)) {
      pass = start;
      while (true) {
        const std::int64_t lower = pass - step;
        if (lower < 1) {
          fail = 0;
          break;
        }
        if (!meets(lower)) {
          fail = lower;
          break;
        }
        pass = lower;
        step *= 2;
      }
    } else {
      fail = start;
      while (true) {
        const std::int64_t higher = fail + step;
        if (higher > limit) return result;
        if (meets(higher)) {
          pass = higher;
          break;
        }
        if (const auto stuck = unresponsive_target(targets_, result.evaluations); stuck) {
          result.unresponsive_target = stuck;
          return result;
        }
        fail = higher;
        step *= 2;
      }
    }
  }
  while (pass - fail > 1) {
    const std::int64_t middle = fail + (pass - fail) / 2;
    if (meets(middle)) pass = middle;
    else fail = middle;
  }
  return result;
}

}  // namespace flowsim::tools
