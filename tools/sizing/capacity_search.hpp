#pragma once
// The smallest capacity of one unit that meets every target, found by
// simulating whole sets of replications at chosen capacities. Every
// capacity runs with the scenario's seed, so patient k draws the same stays
// and routes at every capacity (common random numbers) and differences
// between capacities are not noise.
//
// Search: start from the Erlang estimate (or the current capacity), step
// down or up with doubling steps until the targets change from unmet to
// met, then bisect. This assumes that more capacity never makes a target
// worse; every evaluated capacity is kept so the curve can be checked.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "models/model_definition.hpp"
#include "models/replication_result.hpp"
#include "tools/sizing/targets.hpp"

namespace flowsim::tools {

struct Evaluation {
  std::map<std::uint32_t, std::int64_t> capacities;  // unit index -> capacity used
  bool simulated = false;            // false: below the stability limit, counted as unmet
  std::vector<sim::Summary> per_target;
  bool meets = false;
  bool unit_never_full = false;      // the sized unit's peak stayed below its capacity in every replication
};

struct SearchRange {
  std::int64_t low = 0;
  std::int64_t high = 0;
};

struct SizeResult {
  std::optional<std::int64_t> capacity;       // empty when no capacity in range meets the targets
  std::optional<std::int64_t> analytic_estimate;
  std::int64_t minimum_stable = 0;            // of the searched unit (1 for a unit without a queue)
  std::vector<Evaluation> evaluations;        // in the order they ran
  std::vector<models::ReplicationResult> chosen_results;  // replications at 'capacity'
  bool lower_end_met = false;                 // the range's low end already meets (smaller may too)
  // Set when the search stopped at a capacity the unit never filled with a
  // target still unmet (more capacity cannot change it): its index in targets.
  std::optional<std::size_t> unresponsive_target;
};

// The scenario with new capacities; a starting census larger than a new
// capacity is cut to it (the warm-up absorbs the difference). A new
// capacity replaces the unit's capacity calendar too (flow.capacity_schedule
// is cleared), so the capacity searched is the one in force all run.
[[nodiscard]] std::shared_ptr<const models::ModelDefinition> with_capacities(
    const models::ModelDefinition& model, const std::map<std::uint32_t, std::int64_t>& capacities);

// Erlang first estimate of the capacity of 'unit' for the targets that have
// one (occupancy percentiles and shares, P(wait), P(diverted), utilisation).
[[nodiscard]] std::optional<std::int64_t> analytic_capacity(const models::ModelDefinition& model,
                                                            std::uint32_t unit,
                                                            const std::vector<Target>& targets);

class CapacitySearch {
 public:
  using Progress = std::function<void(const Evaluation&)>;
  CapacitySearch(std::shared_ptr<const models::ModelDefinition> model, std::vector<Target> targets,
                 unsigned threads, Progress progress);

  // Sizes 'unit' with the other units at 'fixed' capacities (may be empty).
  [[nodiscard]] SizeResult size(std::uint32_t unit, const std::map<std::uint32_t, std::int64_t>& fixed,
                                std::optional<SearchRange> range,
                                std::optional<std::int64_t> start_hint = std::nullopt);

 private:
  Evaluation evaluate(const std::map<std::uint32_t, std::int64_t>& capacities, std::int64_t stable_floor,
                      std::uint32_t unit, std::vector<models::ReplicationResult>* keep);

  std::shared_ptr<const models::ModelDefinition> model_;
  std::vector<Target> targets_;
  unsigned threads_;
  Progress progress_;
};

}  // namespace flowsim::tools
