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
// Stepping up has no fixed limit: it stops only when a target truly cannot
// be reached (see Unreachable).
//
// How sure the answer is: each capacity's estimate has a 95% CI, so the
// capacities fall in three bands. "Met with confidence": every target's
// whole CI is on the good side (the answer). "Fails with confidence": some
// target's whole CI is on the bad side. In between, the replications cannot
// tell. After the answer the search bisects for the largest capacity that
// fails with confidence, which bounds the undecided band from below.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/model_definition.hpp"
#include "models/replication_result.hpp"
#include "tools/sizing/targets.hpp"

namespace flowsim::tools {

struct Evaluation {
  std::map<std::uint32_t, std::int64_t> capacities;  // unit index -> capacity used
  bool simulated = false;  // false: below the stability limit, counted as unmet
  std::vector<sim::Summary> per_target;
  bool meets = false;            // every target met with confidence
  bool fails = false;            // some target fails with confidence (or not simulated)
  bool unit_never_full = false;  // the sized unit's peak stayed below its capacity in every replication
  double peak_occupancy = 0.0;   // the sized unit's largest peak over the replications
};

struct SearchRange {
  std::int64_t low = 0;
  std::int64_t high = 0;
};

// "1265 to 1286", or "1265" when the range holds one capacity.
[[nodiscard]] std::string range_text(const SearchRange& range);

// Why stepping up stopped without meeting a target: from 'capacity' on the
// unit never filled, and its decisive CI bound (upper for <=, lower for >=)
// did not improve at the next capacity tried, so more capacity cannot reach
// it; 'limit' is the metric's estimate there. Or the unit never filled and
// the search passed 'kMostCapacityOverPeak' times its peak occupancy.
struct Unreachable {
  std::size_t target = 0;  // index in the targets
  std::int64_t capacity = 0;
  sim::Summary limit;
  bool beyond_peak = false;
};

// Stepping up stops when the unit never filled and the capacity is this many
// times the most it ever held: a target no nearer then asks for a ratio to
// capacity that only tends to zero.
inline constexpr double kMostCapacityOverPeak = 1000.0;

struct SizeResult {
  std::optional<std::int64_t>
      capacity;  // met with confidence; empty when none in range meets the targets
  // The largest capacity below 'capacity' at which some target fails with
  // confidence; empty when none at or above the search's lower end does.
  // Capacities between the two are undecided.
  std::optional<std::int64_t> fails_with_confidence;
  std::optional<std::int64_t> analytic_estimate;
  std::int64_t minimum_stable = 0;      // of the searched unit (1 for a unit without a queue)
  std::vector<Evaluation> evaluations;  // in the order they ran
  std::vector<models::ReplicationResult> chosen_results;  // replications at 'capacity'
  bool lower_end_met = false;  // the range's low end already meets (smaller may too)
  std::optional<Unreachable> unreachable;

  // The undecided capacities, fails_with_confidence + 1 to capacity - 1
  // (empty when both edges are known and adjacent, or one is unknown).
  [[nodiscard]] std::optional<SearchRange> undecided() const;
  // Replications that would narrow the band to one capacity either side
  // of the answer (empty when it is that narrow already or an edge is unknown).
  [[nodiscard]] std::optional<std::uint64_t> replications_to_narrow(std::uint32_t replications) const;
};

// The scenario with new capacities; a starting census larger than a new
// capacity is cut to it (the warm-up absorbs the difference). A new
// capacity replaces the unit's capacity calendar too (flow.capacity_schedule
// is cleared), so the capacity searched is the one in force all run.
[[nodiscard]] std::shared_ptr<const models::ModelDefinition> with_capacities(
    const models::ModelDefinition& model, const std::map<std::uint32_t, std::int64_t>& capacities);

// Erlang first estimate of the capacity of 'unit' for the targets that have
// one (occupancy percentiles and shares, time-weighted or at midnight,
// P(wait), P(diverted), utilisation).
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
  [[nodiscard]] std::optional<Unreachable> unreachable_between(const Evaluation& lower,
                                                               const Evaluation& higher,
                                                               std::uint32_t unit) const;

  std::shared_ptr<const models::ModelDefinition> model_;
  std::vector<Target> targets_;
  unsigned threads_;
  Progress progress_;
};

}  // namespace flowsim::tools
