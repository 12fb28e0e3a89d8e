#include "models/unit_statistics.hpp"

namespace flowsim::models {

namespace {

// later - earlier, entry by entry; 'later' may be longer (occupancy levels
// reached only since).
std::vector<double> minus(const std::vector<double>& later, const std::vector<double>& earlier) {
  std::vector<double> out = later;
  for (std::size_t k = 0; k < earlier.size() && k < out.size(); ++k) out[k] -= earlier[k];
  return out;
}

}  // namespace

UnitStatistics measured_between(const UnitStatistics& earlier, const UnitStatistics& later) {
  UnitStatistics d = later;
  d.area_occupied -= earlier.area_occupied;
  d.area_delayed -= earlier.area_delayed;
  d.area_waiting -= earlier.area_waiting;
  d.area_delayed_for -= earlier.area_delayed_for;
  d.time_at_occupancy = minus(later.time_at_occupancy, earlier.time_at_occupancy);
  d.area_capacity -= earlier.area_capacity;
  d.time_at_or_above = minus(later.time_at_or_above, earlier.time_at_or_above);
  for (const auto& [capacity, times] : earlier.time_at_occupancy_by_capacity)
    d.time_at_occupancy_by_capacity[capacity] = minus(d.time_at_occupancy_by_capacity[capacity], times);

  d.arrivals -= earlier.arrivals;
  d.diverted -= earlier.diverted;
  d.arrivals_admitted -= earlier.arrivals_admitted;
  d.door_queue_growth -= earlier.door_queue_growth;
  d.arrivals_waited -= earlier.arrivals_waited;
  d.arrival_wait_days -= earlier.arrival_wait_days;
  d.admissions -= earlier.admissions;
  d.treatments_ended -= earlier.treatments_ended;
  d.clinical_los_days -= earlier.clinical_los_days;
  d.departures -= earlier.departures;
  d.bed_days_of_departures -= earlier.bed_days_of_departures;
  d.discharges_timed -= earlier.discharges_timed;
  d.discharge_wait_days -= earlier.discharge_wait_days;
  d.delayed_patients -= earlier.delayed_patients;
  d.delay_days -= earlier.delay_days;
  d.referrals_in -= earlier.referrals_in;
  d.delayed_in -= earlier.delayed_in;
  d.delay_in_days -= earlier.delay_in_days;
  d.ed_attendances -= earlier.ed_attendances;
  d.ed_hours -= earlier.ed_hours;
  d.ed_within_4h -= earlier.ed_within_4h;
  d.ed_over_12h -= earlier.ed_over_12h;
  d.awaiting_discharge.area -= earlier.awaiting_discharge.area;
  d.transfer_delay.area -= earlier.transfer_delay.area;
  return d;
}

}  // namespace flowsim::models
