#pragma once
#include <cstdint>

namespace flowsim::sim {

// Order of phases at one instant. Releases come before admissions so that a
// bed freed at time t is visible to a patient arriving at t (simmer's
// "releases before seizes"); the daily census comes last so that it counts
// the state after every movement at midnight. Capacity changes (unit
// calendars) come first: a bed opened at t is free for a patient released or
// arriving at t, and a bed closed at t is not refilled by a release at t.
// Before all of them, the start of a measured period (the end of a warm-up):
// whatever happens at that very instant then belongs to the measured period
// for every statistic alike, never to one statistic and not another.
enum class Phase : std::uint8_t {
  PeriodStart = 0,
  CapacityChange = 1,
  Release = 2,
  Arrival = 3,
  Sample = 4,
};

}  // namespace flowsim::sim
