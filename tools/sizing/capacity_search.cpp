#include "tools/sizing/capacity_search.hpp"

#include <algorithm>
#include <cmath>
#include <regex>
#include <stdexcept>

#include <fmt/format.h>
#include <boost/math/distributions/students_t.hpp>

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
  // A midnight census is occupancy at one moment of the day, so in a steady
  // state without a daily pattern its distribution is the time-weighted one:
  // the midnight targets take the estimates of their time-weighted twins.
  static const std::regex share_at_level(R"((time|midnight_days)_at_or_above_([0-9]+)pct)");
  std::optional<std::int64_t> estimate;
  const auto consider = [&estimate](std::optional<std::int64_t> c) {
    if (c) estimate = std::max(estimate.value_or(0), *c);
  };
  for (const auto& target : targets) {
    if (target.bound != Bound::AtMost || target.metric.rfind(prefix, 0) != 0) continue;
    const std::string measure = target.metric.substr(prefix.size());
    std::smatch level;
    if (measure == "utilisation_p95" || measure == "midnight_occupancy_p95")
      consider(models::capacity_for_occupancy_level(load, target.value, 0.05, with_queue));
    else if (std::regex_match(measure, level, share_at_level))
      consider(models::capacity_for_occupancy_level(load, std::stod(level[2]) / 100.0, target.value,
                                                    with_queue));
    else if (measure == "p_wait" && with_queue)
      consider(models::capacity_for_wait_probability(load, target.value));
    else if (measure == "p_diverted" && !with_queue)
      consider(models::capacity_for_loss_probability(load, target.value));
    else if ((measure == "utilisation" || measure == "midnight_occupancy_mean") && target.value > 0.0)
      consider(static_cast<std::int64_t>(std::ceil(load / target.value)));
  }
  return estimate;
}

std::string range_text(const SearchRange& range) {
  return range.low == range.high ? std::to_string(range.low)
                                 : fmt::format("{} to {}", range.low, range.high);
}

std::optional<SearchRange> SizeResult::undecided() const {
  if (!capacity || !fails_with_confidence || *capacity - *fails_with_confidence < 2) return std::nullopt;
  return SearchRange{*fails_with_confidence + 1, *capacity - 1};
}

std::optional<std::uint64_t> SizeResult::replications_to_narrow(std::uint32_t replications) const {
  if (!capacity || !fails_with_confidence || replications < 2) return std::nullopt;
  // The band's width in capacities is about 2 h / |slope|, with h the CI
  // half-width and slope the metric's change per capacity, and h = t(n-1)
  // sd / sqrt(n). Edges two apart (one capacity either side of the answer)
  // need n' = n * (width / 2)^2 * (t(n'-1) / t(n-1))^2, solved by a few
  // fixed-point steps from t(n'-1) = t(n-1).
  const double width = static_cast<double>(*capacity - *fails_with_confidence);
  if (width <= 2.0) return std::nullopt;
  const auto t_quantile = [](double n) {
    return boost::math::quantile(boost::math::students_t(n - 1.0), 0.975);
  };
  const double n = replications;
  const double t_now = t_quantile(n);
  double needed = n * (width / 2.0) * (width / 2.0);
  for (int step = 0; step < 4; ++step) {
    const double ratio = t_quantile(std::max(2.0, std::ceil(needed))) / t_now;
    needed = n * (width / 2.0) * (width / 2.0) * ratio * ratio;
  }
  return static_cast<std::uint64_t>(std::ceil(needed));
}

CapacitySearch::CapacitySearch(std::shared_ptr<const models::ModelDefinition> model,
                               std::vector<Target> targets, unsigned threads, Progress progress)
    : model_(std::move(model)),
      targets_(std::move(targets)),
      threads_(threads),
      progress_(std::move(progress)) {}

Evaluation CapacitySearch::evaluate(const std::map<std::uint32_t, std::int64_t>& capacities,
                                    std::int64_t stable_floor, std::uint32_t unit,
                                    std::vector<models::ReplicationResult>* keep) {
  Evaluation evaluation;
  evaluation.capacities = capacities;
  if (capacities.at(unit) < stable_floor) {
    // Below the stability limit the queue grows without end: no target
    // about a steady state can be met, and the run would only explode.
    evaluation.fails = true;
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
    const auto found =
        std::find_if(summaries.begin(), summaries.end(),
                     [&target](const MetricSummary& m) { return m.name == target.metric; });
    if (found == summaries.end())
      throw std::logic_error("metric " + target.metric + " missing from the results");
    evaluation.per_target.push_back(found->summary);
    evaluation.meets = evaluation.meets && target_met(target, found->summary);
    evaluation.fails = evaluation.fails || target_failed(target, found->summary);
  }
  const std::string peak = "unit." + model->units[unit].name + ".occupancy_peak";
  evaluation.unit_never_full = true;
  for (const auto& r : results)
    for (const auto& m : r.metrics)
      if (m.name == peak) {
        evaluation.peak_occupancy = std::max(evaluation.peak_occupancy, m.value);
        if (m.value >= static_cast<double>(capacities.at(unit))) evaluation.unit_never_full = false;
      }
  if (keep) *keep = std::move(results);
  if (progress_) progress_(evaluation);
  return evaluation;
}

// With common random numbers, once the unit never fills every patient's
// history is the same at any larger capacity: a metric that is not a ratio
// to capacity stops changing, and one that is moves only one way. So an
// unmet target whose decisive bound did not improve from 'lower' to
// 'higher' can never be met by more of this unit. Decided by the values
// themselves, not by the kind of metric.
std::optional<Unreachable> CapacitySearch::unreachable_between(const Evaluation& lower,
                                                               const Evaluation& higher,
                                                               std::uint32_t unit) const {
  if (!lower.simulated || !higher.simulated || !lower.unit_never_full || higher.meets)
    return std::nullopt;
  for (std::size_t t = 0; t < targets_.size(); ++t) {
    const Target& target = targets_[t];
    if (target_met(target, higher.per_target[t])) continue;
    const bool improved = target.bound == Bound::AtMost
                              ? higher.per_target[t].high() < lower.per_target[t].high()
                              : higher.per_target[t].low() > lower.per_target[t].low();
    const bool beyond_peak = static_cast<double>(higher.capacities.at(unit)) >
                             kMostCapacityOverPeak * std::max(1.0, higher.peak_occupancy);
    if (!improved || beyond_peak)
      return Unreachable{t, lower.capacities.at(unit), higher.per_target[t], improved};
  }
  return std::nullopt;
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

  std::map<std::int64_t, std::size_t> known;  // capacity -> index in result.evaluations
  // While the answer is sought, the replications at the smallest capacity
  // meeting the targets are kept (they become the answer's result files).
  bool seeking_answer = true;
  const auto at = [&](std::int64_t capacity) -> const Evaluation& {
    if (const auto it = known.find(capacity); it != known.end()) return result.evaluations[it->second];
    auto capacities = fixed;
    capacities[unit] = capacity;
    std::vector<models::ReplicationResult> results;
    Evaluation evaluation = evaluate(capacities, result.minimum_stable, unit, &results);
    if (seeking_answer && evaluation.meets && (!result.capacity || capacity < *result.capacity)) {
      result.capacity = capacity;
      result.chosen_results = std::move(results);
    }
    known[capacity] = result.evaluations.size();
    result.evaluations.push_back(std::move(evaluation));
    return result.evaluations.back();
  };
  const auto meets = [&](std::int64_t capacity) { return at(capacity).meets; };
  const auto fails = [&](std::int64_t capacity) { return at(capacity).fails; };
  // Smallest capacity in (low, high] with 'predicate' true, given that it is
  // false at low and true at high and (by assumption) changes once.
  const auto bisect = [](std::int64_t low, std::int64_t high, const auto& predicate) {
    while (high - low > 1) {
      const std::int64_t middle = low + (high - low) / 2;
      if (predicate(middle)) high = middle;
      else low = middle;
    }
    return high;
  };

  std::int64_t fail = 0;
  std::int64_t pass = 0;
  const std::int64_t current = definition.unlimited() ? result.minimum_stable : definition.capacity;
  const std::int64_t start = std::max<std::int64_t>(
      1,
      start_hint.value_or(result.analytic_estimate.value_or(std::max(current, result.minimum_stable))));
  const std::int64_t first_step = std::max<std::int64_t>(1, start / 50);
  if (range) {
    if (!meets(range->high)) return result;
    if (meets(range->low)) {
      result.lower_end_met = true;
      return result;
    }
    fail = range->low;
    pass = range->high;
  } else if (meets(start)) {
    pass = start;
    for (std::int64_t step = first_step;; step *= 2) {
      const std::int64_t lower = pass - step;
      if (lower < 1) break;
      if (!meets(lower)) {
        fail = lower;
        break;
      }
      pass = lower;
    }
  } else {
    fail = start;
    // Doubling steps without a fixed ceiling: only the metric itself says
    // when more capacity stops helping.
    for (std::int64_t step = first_step;; step *= 2) {
      const std::int64_t higher = fail + step;
      if (meets(higher)) {
        pass = higher;
        break;
      }
      const Evaluation below = at(fail);
      if (auto stuck = unreachable_between(below, at(higher), unit)) {
        result.unreachable = stuck;
        return result;
      }
      fail = higher;
    }
  }
  // Every capacity tried below 'pass' failed the targets, so the smallest
  // one meeting them (result.capacity) is the bisection's answer.
  pass = bisect(fail, pass, meets);
  seeking_answer = false;

  // The other edge of the undecided band: the largest capacity that fails
  // with confidence. Step down from the answer until one fails (or the
  // search's lower end), then bisect between it and the capacity above.
  const std::int64_t floor = range ? range->low : 1;
  std::optional<std::int64_t> failing;
  for (const auto& [capacity, index] : known)
    if (capacity < pass && result.evaluations[index].fails) failing = capacity;
  std::int64_t undecided = pass;
  for (const auto& [capacity, index] : known)
    if (capacity < undecided && (!failing || capacity > *failing) && !result.evaluations[index].fails)
      undecided = capacity;
  for (std::int64_t step = first_step; !failing && undecided > floor; step *= 2) {
    const std::int64_t lower = std::max(floor, undecided - step);
    if (fails(lower)) failing = lower;
    else undecided = lower;
  }
  if (failing)
    result.fails_with_confidence =
        bisect(*failing, undecided, [&](std::int64_t c) { return !fails(c); }) - 1;
  return result;
}

}  // namespace flowsim::tools
