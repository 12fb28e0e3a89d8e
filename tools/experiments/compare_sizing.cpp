#include "tools/experiments/compare_sizing.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace flowsim::tools {

BedsToClose beds_that_can_close(const SizeResult& baseline, const SizeResult& variant) {
  BedsToClose out;
  // The low end of --size-range meeting the targets is a bound, not an
  // answer: the difference of two such would be made up.
  if (!baseline.capacity || !variant.capacity || baseline.lower_end_met || variant.lower_end_met)
    return out;
  const std::int64_t at_met = *baseline.capacity - *variant.capacity;
  out.beds = at_met;
  if (!baseline.fails_with_confidence || !variant.fails_with_confidence) return out;
  const std::int64_t at_fails = *baseline.fails_with_confidence - *variant.fails_with_confidence;
  out.band = SearchRange{std::min(at_met, at_fails), std::max(at_met, at_fails)};
  out.widest = SearchRange{*baseline.fails_with_confidence + 1 - *variant.capacity,
                           *baseline.capacity - (*variant.fails_with_confidence + 1)};
  return out;
}

void add_differences(CompareSizing& sizing, const std::vector<ComparisonRow>& rows) {
  const std::string occupied = "unit." + sizing.unit + ".occupancy_mean";
  sizing.beds.clear();
  sizing.occupied_difference.clear();
  for (std::size_t s = 1; s < sizing.scenarios.size(); ++s) {
    sizing.beds.push_back(
        beds_that_can_close(sizing.scenarios.front().result, sizing.scenarios[s].result));
    std::optional<sim::Summary> difference;
    for (const auto& row : rows)
      if (row.metric == occupied && row.scenario == s && row.difference)
        difference = row.difference->paired;
    sizing.occupied_difference.push_back(difference);
  }
}

std::string targets_text(const std::vector<Target>& targets) {
  std::string text;
  for (const auto& target : targets) text += (text.empty() ? "" : ", ") + target.text;
  return text;
}

namespace {

std::string capacity_words(const models::UnitDefinition& unit) {
  return unit.unlimited() ? std::string("unlimited") : std::to_string(unit.capacity);
}

bool same_calendar(const models::UnitDefinition& a, const models::UnitDefinition& b) {
  const auto& x = a.flow.capacity_schedule;
  const auto& y = b.flow.capacity_schedule;
  return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](const auto& p, const auto& q) {
    return p.day == q.day && p.capacity == q.capacity;
  });
}

}  // namespace

std::optional<std::string> sizing_refusal(const models::ModelDefinition& baseline,
                                          const models::ModelDefinition& variant,
                                          const std::string& variant_label, const std::string& unit) {
  const auto in_variant = variant.find_unit(unit);
  if (!in_variant)
    return fmt::format("--size-unit {}: variant {} has no unit '{}', so there is nothing to size there",
                       unit, variant_label, unit);
  const auto& mine = baseline.units[*baseline.find_unit(unit)];
  const auto& theirs = variant.units[*in_variant];
  const bool capacity_changed = mine.capacity != theirs.capacity;
  if (!capacity_changed && same_calendar(mine, theirs)) return std::nullopt;
  const std::string change =
      capacity_changed ? fmt::format("capacity ({} -> {})", capacity_words(mine), capacity_words(theirs))
                       : std::string("capacity calendar (flow.capacity_schedule)");
  return fmt::format(
      "--size-unit {}: variant {} changes {}'s {}. Beds that can close are found by sizing {} on "
      "each scenario, which sets its capacity for the whole run, so this variant's own bed change "
      "would be ignored and the answer would only say what its other changes free. Compare "
      "without --size-unit, and size the baseline to set the capacity it needs against the "
      "variant's",
      unit, variant_label, unit, change, unit);
}

}  // namespace flowsim::tools
