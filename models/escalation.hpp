#pragma once
// Escalation (OPEL-style) of one unit: levels above the unit's normal state,
// each entered when its rise trigger is met and left, one level down, when
// its own fall trigger is met. Separate thresholds give hysteresis, so a unit
// near a threshold does not flap between levels. Reviewed at bed meetings
// (stated hours of each day) or continuously (after every event). A level
// opens escalation beds on top of the capacity calendar; on the way down they
// close as they empty, like a calendar cut (nobody is evicted). A level may
// also cancel the unit's electives due while it holds, divert new arrivals,
// and push discharges (shorten the stays under way) when it is entered.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace flowsim::models {

struct EscalationTrigger {
  enum class Measure : std::uint8_t {
    OccupancyShare,  // occupied beds / the calendar's capacity in force (escalation beds excluded)
    Waiting,         // arrivals waiting at the door + patients delayed elsewhere waiting for the unit
    // A&E patients whose attendance is under way (in a cubicle or waiting for
    // one, in any emergency department) and began more than 4 (12) hours ago.
    EdOver4h,
    EdOver12h,
  };
  Measure measure = Measure::OccupancyShare;
  double threshold = 0.0;
};

struct EscalationLevel {
  int label = 0;               // as reported, e.g. 3 for OPEL 3
  EscalationTrigger rise;      // entered from the level below when measure >= threshold
  EscalationTrigger fall;      // left for the level below when measure <= threshold
  std::int64_t open_beds = 0;  // escalation beds in force at this level (not added to lower levels')
};

struct EscalationRules {
  std::vector<EscalationLevel> levels;  // increasing; empty: the unit never escalates
  int base_label = 1;                   // the label of the normal state (one below the first level)
  bool continuous = true;               // reviewed after every event, else at review_hours
  std::vector<double> review_hours;     // hours of the day, increasing, in [0, 24)
  double bed_day_cost_gbp = 0.0;        // per escalation bed per day open
  // Index into 'levels' + 1 (0 is the normal state) from which electives due
  // at the unit are cancelled; empty: escalation cancels none.
  std::optional<std::size_t> cancel_electives_from;
  // Likewise, from which new arrivals (from the arrival sources) are diverted
  // to another site: they leave at once, counted.
  std::optional<std::size_t> divert_arrivals_from;
  // Likewise, the levels whose entry from below pushes discharges: the rest
  // of every stay under way in the unit (treatment still running) is
  // multiplied by discharge_push_factor, in (0, 1).
  std::optional<std::size_t> discharge_push_from;
  double discharge_push_factor = 1.0;
  [[nodiscard]] bool enabled() const { return !levels.empty(); }
  // A level rises or falls on the A&E's long waits.
  [[nodiscard]] bool watches_ed() const {
    for (const auto& level : levels)
      if (level.rise.measure == EscalationTrigger::Measure::EdOver4h ||
          level.rise.measure == EscalationTrigger::Measure::EdOver12h)
        return true;
    return false;
  }
  // The label of state 'index' (0: the normal state).
  [[nodiscard]] int label_of(std::size_t index) const {
    return index == 0 ? base_label : levels[index - 1].label;
  }
  // Escalation beds in force in state 'index'.
  [[nodiscard]] std::int64_t open_beds_at(std::size_t index) const {
    return index == 0 ? 0 : levels[index - 1].open_beds;
  }
};

// What a review looks at.
struct EscalationObservation {
  std::int64_t occupied = 0;
  std::int64_t base_capacity = 0;  // the calendar's capacity in force
  std::int64_t waiting = 0;
  std::int64_t ed_over_4h = 0;  // counted only for rules that watch the A&E
  std::int64_t ed_over_12h = 0;
};

[[nodiscard]] bool rise_met(const EscalationTrigger& trigger, const EscalationObservation& seen);
[[nodiscard]] bool fall_met(const EscalationTrigger& trigger, const EscalationObservation& seen);

// One step of a review from state 'current' (0: normal): one level up when
// the next level's rise trigger is met, else one level down when the current
// level's fall trigger is met, else 'current'. The caller admits patients
// after each step (a rise opens beds) and reviews again until it settles.
[[nodiscard]] std::size_t next_escalation_state(const EscalationRules& rules, std::size_t current,
                                                const EscalationObservation& seen);

// The time a unit spends in each state and the escalation beds it keeps open,
// over the measured period. Cancellations, diversions and pushed stays are
// counted by the state in force when they happened: their cause.
struct EscalationStatistics {
  std::vector<double> time_in_state;  // days, per state (0: normal)
  std::vector<double> days_in_state;  // days whose highest state was this one (midnight to midnight)
  double open_bed_days = 0.0;         // escalation beds open (in force, or closing but occupied)
  std::uint64_t rises = 0;            // entries into a higher level
  std::vector<std::uint64_t> electives_cancelled;  // per state
  std::vector<std::uint64_t> arrivals_diverted;    // per state
  std::vector<std::uint64_t> stays_pushed;         // per state entered
  double days_saved_by_push = 0.0;                 // bed-days of stay the pushes took off
  double last = 0.0;
  void advance(double now, std::size_t state, std::int64_t open_beds) {
    const double dt = now - last;
    if (dt <= 0.0) return;
    time_in_state[state] += dt;
    open_bed_days += dt * static_cast<double>(open_beds);
    last = now;
  }
  void reset(double now, std::size_t states) {
    *this = EscalationStatistics{};
    time_in_state.assign(states, 0.0);
    days_in_state.assign(states, 0.0);
    electives_cancelled.assign(states, 0);
    arrivals_diverted.assign(states, 0);
    stays_pushed.assign(states, 0);
    last = now;
  }
};

// What was counted between two copies of the statistics of one unit, 'before'
// taken earlier than 'after' (a period of a multi-year run). The days in each
// state are not differenced: the caller counts them by the period each day
// falls in (a day's level is known only at its midnight, after the period's end).
[[nodiscard]] EscalationStatistics escalation_between(const EscalationStatistics& before,
                                                      const EscalationStatistics& after);

}  // namespace flowsim::models
