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

// The count a trigger other than occupancy compares with its threshold.
double counted(EscalationTrigger::Measure measure, const EscalationObservation& seen) {
  switch (measure) {
    case EscalationTrigger::Measure::Waiting: return static_cast<double>(seen.waiting);
    case EscalationTrigger::Measure::EdOver4h: return static_cast<double>(seen.ed_over_4h);
    case EscalationTrigger::Measure::EdOver12h: return static_cast<double>(seen.ed_over_12h);
    case EscalationTrigger::Measure::OccupancyShare: break;
  }
  return static_cast<double>(seen.occupied);
}
}  // namespace

bool rise_met(const EscalationTrigger& trigger, const EscalationObservation& seen) {
  if (trigger.measure != EscalationTrigger::Measure::OccupancyShare)
    return counted(trigger.measure, seen) >= trigger.threshold;
  return seen.occupied >= occupied_at_level(trigger.threshold, seen.base_capacity);
}

bool fall_met(const EscalationTrigger& trigger, const EscalationObservation& seen) {
  if (trigger.measure != EscalationTrigger::Measure::OccupancyShare)
    return counted(trigger.measure, seen) <= trigger.threshold;
  return seen.occupied <= beds_at_or_below(trigger.threshold, seen.base_capacity);
}

std::size_t next_escalation_state(const EscalationRules& rules, std::size_t current,
                                  const EscalationObservation& seen) {
  if (current < rules.levels.size() && rise_met(rules.levels[current].rise, seen)) return current + 1;
  if (current > 0 && fall_met(rules.levels[current - 1].fall, seen)) return current - 1;
  return current;
}

namespace {
template <class T>
std::vector<T> difference(const std::vector<T>& before, const std::vector<T>& after) {
  std::vector<T> out = after;
  for (std::size_t i = 0; i < out.size() && i < before.size(); ++i) out[i] -= before[i];
  return out;
}
}  // namespace

EscalationStatistics escalation_between(const EscalationStatistics& before,
                                        const EscalationStatistics& after) {
  EscalationStatistics out = after;
  out.time_in_state = difference(before.time_in_state, after.time_in_state);
  out.open_bed_days = after.open_bed_days - before.open_bed_days;
  out.rises = after.rises - before.rises;
  out.electives_cancelled = difference(before.electives_cancelled, after.electives_cancelled);
  out.arrivals_diverted = difference(before.arrivals_diverted, after.arrivals_diverted);
  out.stays_pushed = difference(before.stays_pushed, after.stays_pushed);
  out.days_saved_by_push = after.days_saved_by_push - before.days_saved_by_push;
  return out;
}

}  // namespace flowsim::models
