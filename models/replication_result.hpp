#pragma once
// What one replication produces: named metrics (in a fixed order that depends
// only on the scenario), daily census series, and bookkeeping.
#include <cstdint>
#include <string>
#include <vector>

#include "models/ids.hpp"

namespace flowsim::models {

struct Metric {
  std::string name;
  double value = 0.0;
};

// One line of the optional patient event log.
struct LoggedEvent {
  double time_days = 0.0;
  SourceId source = 0;
  std::uint32_t entity = 0;
  std::uint8_t what = 0;  // see EventLogKind
  std::int32_t unit = -1;
  std::int32_t other = -1;  // destination unit, or exit index for departures
};

enum class EventLogKind : std::uint8_t { Arrive, Admit, Fit, Blocked, Move, Exit, Divert };

struct ReplicationResult {
  std::uint32_t replication = 0;
  std::vector<Metric> metrics;
  // [unit][day]: occupied beds at the end of each day, and the day's peak.
  std::vector<std::vector<double>> daily_census;
  std::vector<std::vector<double>> daily_peak;
  // [unit][day]: patients holding a bed elsewhere while waiting for this
  // unit at the end of each day (delayed transfers by pathway over time).
  std::vector<std::vector<double>> daily_delayed_for;
  // [unit][day]: arrivals waiting for a bed here (holding no bed) at the end
  // of each day; with daily_delayed_for, the unit's whole waiting list.
  std::vector<std::vector<double>> daily_waiting_arrivals;
  // [unit][day]: beds in force at the end of each day (capacity calendar,
  // escalation beds open included); empty for a unit without a bed limit.
  std::vector<std::vector<double>> daily_capacity;
  // [unit][day]: the highest escalation level label of each day, for units
  // with escalation levels (empty for the others).
  std::vector<std::vector<double>> daily_escalation_level;
  // [unit][k]: days of the measured period (after warm-up) spent with
  // exactly k beds occupied; the time-weighted occupancy distribution.
  std::vector<std::vector<double>> time_at_occupancy;
  // [period][k]: metric k, named as metrics[k], over each period of the run
  // (financial or 365-day years, models/measured_periods.hpp); empty when the
  // measured run is a single period.
  std::vector<std::vector<double>> period_metrics;
  std::uint64_t events = 0;
  std::uint64_t patients_created = 0;
  std::uint64_t patients_present_at_end = 0;
  // Flow balance over the whole run, warm-up included: for every unit,
  // admissions == departures + patients present at the end.
  bool flow_balanced = true;
  std::vector<LoggedEvent> event_log;
};

}  // namespace flowsim::models
