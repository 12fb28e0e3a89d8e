#pragma once
// Runaway queues: replications whose waiting list climbs far above its
// typical level and does not come back. One such replication among forty
// can move a mean by more than the other thirty-nine together, so a run
// names them (and the day it began) instead of hiding them inside a mean and
// a wide interval.
//
// The rule, on daily series y_r (one per replication, for example the
// midnight waiting list of a unit), with the measured period from day w:
//   1. smooth: m_r[d] = mean of y_r over the 'smoothing_days' days ending on
//      day d (fewer at the start), which takes out the weekly cycle;
//   2. typical level: B = median of m over the first half of the measured
//      period, all replications pooled, and its spread S = 1.4826 * median
//      |m - B| there (the median absolute deviation, scaled to a standard
//      deviation for normal data). Pooled, a few runaway replications
//      cannot move them, and a queue that is empty on most days of one
//      replication still gets the spread of all;
//   3. alarm level: H = B + max(spread_multiple * S, min_excess);
//   4. replication r runs away from day N when m_r ends the run above H and
//      has stayed above B (never back to the typical level) from day N to
//      the end, for at least 'min_days' days; N is the day after m_r was
//      last at or below B.
// A stable queue wanders around B and returns to it. An M/M/10 ward 90% busy
// can stay above B for weeks and end one such excursion 8 robust standard
// deviations up (one replication in 40 does in tests/experiments), never 20;
// the runaway replications of the default scenario end 100 or more up.
#include <cstddef>
#include <optional>
#include <vector>

namespace flowsim::sim {

struct RunawayRule {
  std::size_t smoothing_days = 7;
  std::size_t min_days = 28;
  double spread_multiple = 20.0;
  // The smallest excess over the typical level that counts (in the units of
  // the series), whatever the spread: a queue of two patients that never
  // clears is not a gridlock of a 1,300-bed pool.
  double min_excess = 1.0;
};

// For each series, the day N (an index into it) from which it runs away, or
// empty. All empty when the first half of the measured period is shorter
// than the smoothing window (too short to know what is typical). Series of
// different lengths are checked against the reference of the shortest.
[[nodiscard]] std::vector<std::optional<std::size_t>> runaway_from(
    const std::vector<std::vector<double>>& series, std::size_t first_measured_day,
    const RunawayRule& rule = {});

}  // namespace flowsim::sim
