#include "models/escalation.hpp"

#include <cmath>

#include "models/unit_statistics.hpp"

namespace flowsim::models {

namespace {
// Occupancy shares are compared in whole beds, as the occupancy thresholds
// are: 92% of 50 beds is reached at 46 occupied (occupied_at_level), and a
// fall to 85% of 50 beds needs 42 or fewer (42.5 rounded down).
std::int64_t beds_at_or_below(double share, std::int64_t capacity) {
  return static_cast<std::int64_t>(std::floor(share * static_cast<double>(capacity) + 1e-9));
}
}  // namespace

bool rise_met(const EscalationTrigger& trigger, const EscalationObservation& seen) {
  if (trigger.measure == EscalationTrigger::Measure::Waiting)
    return static_cast<double>(seen.waiting) >= trigger.threshold;
  return seen.occupied >= occupied_at_level(trigger.threshold, seen.base_capacity);
}

bool fall_met(const EscalationTrigger& trigger, const EscalationObservation& seen) {
  if (trigger.measure == EscalationTrigger::Measure::Waiting)
    return static_cast<double>(seen.waiting) <= trigger.threshold;
  return seen.occupied <= beds_at_or_below(trigger.threshold, seen.base_capacity);
}

std::size_t next_escalation_state(const EscalationRules& rules, std::size_t current,
                                  const EscalationObservation& seen) {
  if (current < rules.levels.size() && rise_met(rules.levels[current].rise, seen)) return current + 1;
  if (current > 0 && fall_met(rules.levels[current - 1].fall, seen)) return current - 1;
  return current;
}

}  // namespace flowsim::models
