#pragma once
// What `size` and `frontier` share: reading targets and ranges from the
// command line, and printing each evaluated capacity as it finishes.
#include <optional>
#include <string>
#include <vector>

#include "models/model_definition.hpp"
#include "tools/sizing/capacity_search.hpp"

namespace flowsim::cli {

// Prints every bad target (with similar metric names) and returns empty
// when any is bad.
[[nodiscard]] std::optional<std::vector<tools::Target>> parse_targets_or_report(
    const std::vector<std::string>& texts, const models::ModelDefinition& model,
    const std::string& unit);

// "LOW:HIGH" with 1 <= LOW < HIGH, or "LOW:HIGH:STEP" when 'with_step'
// (then step is returned in the third place; otherwise 1). Throws
// boost::program_options::error naming the option.
struct CapacityRange {
  std::int64_t low = 0;
  std::int64_t high = 0;
  std::int64_t step = 1;
};
[[nodiscard]] CapacityRange parse_range(const std::string& text, const std::string& option,
                                        bool with_step);

// The unit's index, or a message listing the units and empty.
[[nodiscard]] std::optional<std::uint32_t> find_unit_or_report(const models::ModelDefinition& model,
                                                               const std::string& name);

// A line per evaluated capacity: each target's mean, CI and verdict (met,
// undecided or fails, with confidence).
[[nodiscard]] tools::CapacitySearch::Progress print_progress(const models::ModelDefinition& model,
                                                             std::uint32_t unit,
                                                             const std::vector<tools::Target>& targets);

// The answer's confidence band in words: met with confidence, the undecided
// capacities, fails with confidence, and the replications that would
// narrow the band. Empty without an answer.
[[nodiscard]] std::string describe_band(const tools::SizeResult& result, const std::string& unit,
                                        std::uint32_t replications);

}  // namespace flowsim::cli
