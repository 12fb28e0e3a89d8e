// HospitalModel: the per-unit flow rules of models/flow_rules.hpp (capacity
// calendar, discharge windows, transfer delays, waiting-list priorities).
#include <cmath>
#include <stdexcept>

#include "models/hospital_model.hpp"

namespace flowsim::models {

void HospitalModel::change_awaiting_discharge(std::uint32_t u, std::int64_t delta) {
  stats_[u].awaiting_discharge.advance(now_, units_[u].awaiting_discharge);
  units_[u].awaiting_discharge += delta;
}

// A prescribed transfer delay holds a bed as delayed (DTOC) whatever the next
// unit's capacity: it changes the unit's delayed count, not the target's.
void HospitalModel::change_transfer_delayed(std::uint32_t u, std::int64_t delta) {
  advance_stats(u);
  stats_[u].transfer_delay.advance(now_, units_[u].transfer_delayed);
  units_[u].transfer_delayed += delta;
  units_[u].delayed += delta;
}

// ---- capacity calendar ------------------------------------------------------

// One pending change per unit: the heap holds at most one event per unit
// however long the calendar.
void HospitalModel::schedule_capacity_change(std::uint32_t u) {
  const auto& schedule = model_->units[u].flow.capacity_schedule;
  const std::size_t next = units_[u].next_capacity_step;
  if (next < schedule.size())
    events_.schedule(schedule[next].day, sim::Phase::CapacityChange, kCapacityChange, u);
}

// Runs before any release or arrival at the same instant (Phase::CapacityChange).
// A cut never evicts anyone: occupancy above the new capacity stays until
// patients leave, and nobody is admitted until occupancy is below it. A rise
// admits waiting arrivals and delayed transfers at once, in list order.
void HospitalModel::on_capacity_change(std::uint32_t u) {
  UnitState& state = units_[u];
  const UnitDefinition& unit = model_->units[u];
  const CapacityStep& step = unit.flow.capacity_schedule[state.next_capacity_step++];
  advance_stats(u);
  stats_[u].close_capacity_segment(now_, state.beds_open(), unit.unlimited());
  // Escalation beds in force stay open on top of the calendar's capacity.
  const std::int64_t capacity = step.capacity + state.escalation_beds;
  const bool rise = capacity > state.capacity;
  state.capacity = capacity;
  schedule_capacity_change(u);
  if (rise) fill_freed_beds(u);
}

// ---- discharge window and transfer delay -------------------------------------

double HospitalModel::next_discharge_time(std::uint32_t slot) const {
  const Patient& p = patients_[slot];
  const DischargeWindow& window = model_->units[static_cast<std::size_t>(p.unit)].flow.discharge_window;
  const double today = std::floor(now_);
  std::uint32_t weekend_draws = 0;
  // A weekday window always accepts, so at most today, Saturday, Sunday and Monday are tried.
  for (int k = 0; k < 8; ++k) {
    const double day = today + k;
    const double candidate = std::max(now_, day + window.open_hour / 24.0);
    if (candidate >= day + window.close_hour / 24.0) continue;
    const auto weekday = (static_cast<std::int64_t>(day) + model_->run.start_weekday) % 7;
    if (weekday >= 5 && window.weekend_rate < 1.0) {
      // Keyed by patient, visit and attempt: common random numbers hold.
      const double u = sim::uniform_at(patient_keys_[p.source], window.purpose,
                                       p.hops * 8U + weekend_draws++, options_.replication, p.entity);
      if (u >= window.weekend_rate) continue;
    }
    return candidate;
  }
  throw std::logic_error("no discharge window within a week");
}

double HospitalModel::transfer_delay_days(std::uint32_t slot, const Destination& next) const {
  const Patient& p = patients_[slot];
  const UnitFlowRules& flow = model_->units[static_cast<std::size_t>(p.unit)].flow;
  for (const TransferDelay& rule : flow.transfer_delays) {
    if (rule.to_exit != next.is_exit || rule.index != next.index) continue;
    const double u = sim::uniform_at(patient_keys_[p.source], flow.transfer_delay_purpose, p.hops,
                                     options_.replication, p.entity);
    return rule.delay.quantile(u);
  }
  return 0.0;
}

// ---- waiting-list priority --------------------------------------------------

std::uint32_t HospitalModel::priority_level(std::uint32_t u, std::uint32_t slot) const {
  const QueuePriority& priority = model_->units[u].flow.priority;
  if (priority.levels <= 1) return 0;
  const Patient& patient = patients_[slot];
  if (priority.by == QueuePriority::By::Group) return priority.level_of[patient.group];
  const UnitId blocked_from = patients_.wait(slot).blocked_from;
  const std::size_t index = blocked_from == kNoUnit
                                ? patient.source
                                : model_->sources.size() + static_cast<std::size_t>(blocked_from);
  return priority.level_of[index];
}

}  // namespace flowsim::models
