#pragma once
// Per-unit rules that shape when patients move, beyond beds and stays:
// a capacity calendar, discharge windows, prescribed transfer delays and a
// priority order of the waiting list. All resolved by the loader
// (models/scenario/flow_rules_reader.cpp); a default-constructed rule set
// changes nothing, so a scenario without these keys runs as before.
#include <cstdint>
#include <vector>

#include "sim/distribution.hpp"

namespace flowsim::models {

// Capacity in force from 'day' (midnight, days since the run start) on.
struct CapacityStep {
  double day = 0.0;
  std::int64_t capacity = 0;
};

// A fit patient leaves only inside [open_hour, close_hour) of a day; on
// Saturday and Sunday each day's window is used with probability
// weekend_rate (a patient-keyed draw), otherwise the patient tries the next day.
struct DischargeWindow {
  bool enabled = false;
  double open_hour = 0.0;
  double close_hour = 24.0;
  double weekend_rate = 1.0;
  std::uint32_t purpose = 0;  // stream purpose of the weekend draws
};

// A prescribed delay before a move to one destination (a unit or an exit),
// during which the patient keeps the bed and counts as delayed.
struct TransferDelay {
  bool to_exit = false;
  std::uint32_t index = 0;
  sim::Distribution delay;  // in days
};

// Waiting-list order: lower level first, first come first served within a level.
struct QueuePriority {
  enum class By : std::uint8_t { Source, Group };
  By by = By::Source;
  std::uint32_t levels = 1;  // 1: plain FIFO
  // Dense levels (0 = first). By::Source: index an arrival source for new
  // arrivals and sources.size() + unit for transfers from a unit; By::Group:
  // index the patient's group.
  std::vector<std::uint8_t> level_of;
};

struct UnitFlowRules {
  std::vector<CapacityStep> capacity_schedule;  // strictly increasing days > 0; changes only
  DischargeWindow discharge_window;
  std::vector<TransferDelay> transfer_delays;
  std::uint32_t transfer_delay_purpose = 0;
  QueuePriority priority;
};

}  // namespace flowsim::models
