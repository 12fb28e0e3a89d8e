#pragma once
// A record of what a run asked of its event set: every scheduling (time,
// phase, lane) and every pop, in order. benchmarks/event_set_bench replays
// such traces, recorded from real runs, through candidate event sets; the
// delay of a scheduling is its time less the time of the pop before it.
#include <cstdint>
#include <vector>

#include "sim/event_phase.hpp"

namespace flowsim::sim {

struct TraceRecord {
  static constexpr std::uint32_t kNoLane = 0xffffffffU;  // an event for the queue to place
  static constexpr std::uint32_t kPop = 0xfffffffeU;     // a pop, of the event at 'time'
  double time = 0.0;
  std::uint32_t lane = kNoLane;  // or the lane of a lane event, or kPop
  Phase phase = Phase::PeriodStart;

  [[nodiscard]] bool is_pop() const { return lane == kPop; }
};

using EventTrace = std::vector<TraceRecord>;

}  // namespace flowsim::sim
