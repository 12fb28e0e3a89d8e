#pragma once
// Measures of one unit over the measured period (after warm-up): time
// integrals of occupancy and delays, the time spent at each occupancy level,
// and tallies of patients. Time integrals are advanced lazily, whenever a
// counter is about to change, so the cost is O(1) per event.
#include <cmath>
#include <cstdint>
#include <map>
#include <vector>

namespace flowsim::models {

// The fewest occupied beds that count as "at or above" a level (a fraction)
// of 'capacity': 92% of 100 beds is 92 beds, 92% of 50 is 46.
[[nodiscard]] inline std::int64_t occupied_at_level(double level, std::int64_t capacity) {
  return static_cast<std::int64_t>(std::ceil(level * static_cast<double>(capacity) - 1e-9));
}

// A unit's counts at one moment: what the time integrals integrate.
struct UnitLevels {
  std::int64_t occupied = 0;
  std::int64_t delayed = 0;
  std::int64_t waiting_arrivals = 0;
  std::int64_t delayed_for = 0;
  std::int64_t awaiting_discharge = 0;
  std::int64_t transfer_delayed = 0;
  std::int64_t capacity = 0;  // in force
};

struct UnitStatistics {
  double last_change = 0.0;
  double area_occupied = 0.0;             // bed-days occupied (delayed patients included)
  double area_delayed = 0.0;              // bed-days held by patients fit to leave
  double area_waiting = 0.0;              // patient-days of arrivals waiting for a bed here
  double area_delayed_for = 0.0;          // bed-days held elsewhere by patients waiting for this unit
  std::vector<double> time_at_occupancy;  // days spent with exactly k beds occupied
  // Capacity in force, integrated segment by segment (a segment ends at each
  // capacity change): available bed-days, and time at or above each of
  // occupancy_levels (fractions of the capacity in force at the time; the
  // scenario's run.occupancy_thresholds, set by measure_levels).
  double area_capacity = 0.0;
  std::vector<double> occupancy_levels;
  std::vector<double> time_at_or_above;
  double segment_start = 0.0;
  std::vector<double> folded;  // time_at_occupancy already credited to closed segments
  // Closed segments' time at each occupancy, by the capacity in force then:
  // occupancy as a share of the capacity in force (its percentiles).
  std::map<std::int64_t, std::vector<double>> time_at_occupancy_by_capacity;
  std::int64_t peak_occupied = 0;

  std::uint64_t arrivals = 0;  // arrivals from outside (sources)
  std::uint64_t diverted = 0;  // arrivals turned away: no bed and no waiting place
  std::uint64_t arrivals_admitted = 0;
  std::uint64_t arrivals_waited = 0;  // admitted after a wait > 0
  double arrival_wait_days = 0.0;
  // Arrivals waiting at the door at the end of the period less those at its
  // start: the patients the period left unserved (costs.per_left_waiting).
  std::int64_t door_queue_growth = 0;
  std::uint64_t admissions = 0;  // every admission, arrivals and transfers in
  std::uint64_t treatments_ended = 0;
  double clinical_los_days = 0.0;
  std::uint64_t departures = 0;
  double bed_days_of_departures = 0.0;  // stay including any delay
  std::uint64_t discharges_timed = 0;   // patients who passed a discharge window
  double discharge_wait_days = 0.0;     // their waits from fit to the window
  std::uint64_t delayed_patients = 0;   // patients who were delayed while holding a bed here
  double delay_days = 0.0;
  std::uint64_t referrals_in = 0;  // patients routed here from another unit
  std::uint64_t delayed_in = 0;    // of those, delayed because this unit was full
  double delay_in_days = 0.0;
  std::uint64_t ed_attendances = 0;  // emergency departments only
  double ed_hours = 0.0;
  std::uint64_t ed_within_4h = 0;
  std::uint64_t ed_over_12h = 0;

  // Time integral of a count that changes rarely, advanced only when it
  // changes, so the hot advance() above stays one cache line of work.
  struct RareIntegral {
    double area = 0.0;
    double last = 0.0;
    void advance(double now, std::int64_t count) {
      area += (now - last) * static_cast<double>(count);
      last = now;
    }
  };
  RareIntegral awaiting_discharge;  // bed-days of fit patients waiting for a discharge window
  RareIntegral transfer_delay;      // bed-days of prescribed transfer delays (part of area_delayed)

  void advance(double now, std::int64_t occupied, std::int64_t delayed, std::int64_t waiting,
               std::int64_t delayed_for) {
    const double dt = now - last_change;
    if (dt <= 0.0) return;
    area_occupied += dt * static_cast<double>(occupied);
    area_delayed += dt * static_cast<double>(delayed);
    area_waiting += dt * static_cast<double>(waiting);
    area_delayed_for += dt * static_cast<double>(delayed_for);
    const auto level = static_cast<std::size_t>(occupied);
    if (level >= time_at_occupancy.size()) time_at_occupancy.resize(level + 1, 0.0);
    time_at_occupancy[level] += dt;
    last_change = now;
  }

  // Ends the segment during which 'capacity' was in force (call advance(now)
  // first). O(beds), and only at capacity changes and the end of the run.
  void close_capacity_segment(double now, std::int64_t capacity, bool unlimited) {
    if (!unlimited) {
      area_capacity += (now - segment_start) * static_cast<double>(capacity);
      folded.resize(time_at_occupancy.size(), 0.0);
      auto& by_capacity = time_at_occupancy_by_capacity[capacity];
      by_capacity.resize(time_at_occupancy.size(), 0.0);
      for (std::size_t k = 0; k < time_at_occupancy.size(); ++k)
        by_capacity[k] += time_at_occupancy[k] - folded[k];
      for (std::size_t i = 0; i < occupancy_levels.size(); ++i) {
        const auto threshold =
            static_cast<std::size_t>(occupied_at_level(occupancy_levels[i], capacity));
        for (std::size_t k = threshold; k < time_at_occupancy.size(); ++k)
          time_at_or_above[i] += time_at_occupancy[k] - folded[k];
      }
      folded = time_at_occupancy;
    }
    segment_start = now;
  }

  // Brings every integral up to 'now' and closes the capacity segment: the
  // statistics of a measurement that ends now.
  void close(double now, const UnitLevels& levels, bool unlimited) {
    advance(now, levels.occupied, levels.delayed, levels.waiting_arrivals, levels.delayed_for);
    awaiting_discharge.advance(now, levels.awaiting_discharge);
    transfer_delay.advance(now, levels.transfer_delayed);
    close_capacity_segment(now, levels.capacity, unlimited);
  }

  void measure_levels(const std::vector<double>& levels) {
    occupancy_levels = levels;
    time_at_or_above.assign(levels.size(), 0.0);
  }

  // Starts a fresh measurement period at 'now' (the end of the warm-up).
  void reset(double now, std::int64_t occupied) {
    UnitStatistics fresh;
    fresh.measure_levels(occupancy_levels);
    fresh.last_change = now;
    fresh.segment_start = now;
    fresh.awaiting_discharge.last = now;
    fresh.transfer_delay.last = now;
    fresh.peak_occupied = occupied;
    fresh.time_at_occupancy.assign(time_at_occupancy.size(), 0.0);
    *this = std::move(fresh);
  }
};

// What was measured between two closings of the same statistics ('earlier'
// taken before 'later'): every tally and integral of 'later' less that of
// 'earlier'. The peak is not a difference: it is left at 'later's.
[[nodiscard]] UnitStatistics measured_between(const UnitStatistics& earlier,
                                              const UnitStatistics& later);

}  // namespace flowsim::models
