#pragma once
// Beds that can close, as a planner means it (compare --size-unit): the
// capacity of one unit that meets the targets is found on the baseline and
// on each variant by the same search as `flowsim size` (same seed, common
// random numbers), and the beds that can close are the difference. It sits
// next to the paired difference in occupied beds, which is not the same
// thing: capacity must cover the busy days, not the average, so the two
// differ by the change in the headroom kept for variation.
//
// The answer and its band, for baseline B and variant V, where each side's
// search gives "met with confidence" (m, the answer of `flowsim size`) and
// "fails with confidence" (f, the largest capacity whose CI is wholly on the
// bad side; f + 1 to m - 1 is undecided):
//   beds that can close    B.m - V.m
//   band                   from min to max of B.m - V.m and B.f - V.f: the
//                          same rule applied to both sides at either edge of
//                          their undecided bands ("met with confidence", or
//                          "does not fail with confidence" = f + 1). On
//                          common random numbers both sides' intervals move
//                          together, so the two sides are judged alike; a
//                          variant identical to the baseline gives 0, band 0.
//   widest                 (B.f + 1) - V.m to B.m - (V.f + 1): the range if
//                          the two sides' uncertainties were unrelated (the
//                          baseline at the low edge of its band, the variant
//                          at the high edge, and the reverse).
// The band and widest are unknown when either side has no failing edge.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/model_definition.hpp"
#include "sim/statistics.hpp"
#include "tools/experiments/comparison.hpp"
#include "tools/sizing/capacity_search.hpp"

namespace flowsim::tools {

struct BedsToClose {
  std::optional<std::int64_t> beds;   // baseline's answer - variant's answer
  std::optional<SearchRange> band;    // the same rule at either edge of both undecided bands
  std::optional<SearchRange> widest;  // the two sides' bands taken as unrelated
};

// Empty 'beds' when either side has no answer (no capacity meets the
// targets, or the low end of the search range already does).
[[nodiscard]] BedsToClose beds_that_can_close(const SizeResult& baseline, const SizeResult& variant);

// One scenario's search: its answer and band, without the replications.
struct SizedScenario {
  std::optional<std::int64_t> current_capacity;  // empty: unlimited
  SizeResult result;                             // chosen_results cleared
};

struct CompareSizing {
  std::string unit;
  std::vector<Target> targets;           // as parsed on the baseline
  std::uint32_t replications = 0;        // per capacity tried
  std::vector<SizedScenario> scenarios;  // baseline first, in the comparison's order
  // Per variant (index s - 1 for scenario s): the beds that can close and
  // the paired difference in the unit's mean occupied beds
  // (unit.UNIT.occupancy_mean, variant - baseline; empty if not reported).
  std::vector<BedsToClose> beds;
  std::vector<std::optional<sim::Summary>> occupied_difference;
};

// Fills 'beds' and 'occupied_difference' from the scenarios' searches and
// the comparison rows.
void add_differences(CompareSizing& sizing, const std::vector<ComparisonRow>& rows);

// The targets joined as the user wrote them: "a, b".
[[nodiscard]] std::string targets_text(const std::vector<Target>& targets);

// Why a variant cannot be sized for beds that can close: it lacks the unit,
// or it changes the unit's capacity or capacity calendar (sizing replaces
// both, so the variant's own bed change would be silently ignored). Empty
// when it can. The caller adds the `flowsim size` command for the baseline.
[[nodiscard]] std::optional<std::string> sizing_refusal(const models::ModelDefinition& baseline,
                                                        const models::ModelDefinition& variant,
                                                        const std::string& variant_label,
                                                        const std::string& unit);

}  // namespace flowsim::tools
